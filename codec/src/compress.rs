//! The name compressor (RFC 1035 §4.1.4): fixed capacity, no heap.
//!
//! Each entry is one label already written to the output, with the entry of the
//! label that follows it (its parent). Matching a new name walks from its last
//! label towards its first, looking for an entry with the same label and the
//! parent found so far, so a lookup costs at most labels × [`COMPRESSION_SLOTS`]
//! label comparisons: bounded, and linear in the message overall. Matching is
//! exact (octet for octet), so compression never changes a name's case.
//! When the table is full, names are still written, only less compressed.

/// How many label entries the compressor remembers.
pub const COMPRESSION_SLOTS: usize = 64;

/// The highest offset a pointer can reach.
const MAX_POINTER_TARGET: usize = 0x3FFF;

#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Offset of the label's length octet in the output.
    pos: u16,
    /// Index of the parent entry plus one; 0 is the root.
    parent: u8,
}

/// Remembers where labels were written so later names can point at them.
#[derive(Clone, Debug)]
pub(crate) struct Compressor {
    entries: heapless::Vec<Entry, COMPRESSION_SLOTS>,
    enabled: bool,
}

impl Compressor {
    pub(crate) fn new(enabled: bool) -> Self {
        Self { entries: heapless::Vec::new(), enabled }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }

    /// `buf[start..end]` holds a name just written uncompressed. Replaces its
    /// longest known suffix with a pointer, remembers its new labels, and returns
    /// the new end of the output.
    pub(crate) fn compress(&mut self, buf: &mut [u8], start: usize, end: usize) -> usize {
        if !self.enabled {
            return end;
        }
        // Offsets of the name's labels (a name has at most 127).
        let mut offsets = [0u16; 128];
        let mut count = 0usize;
        let mut pos = start;
        while let Some(&len) = buf.get(pos) {
            if len == 0 || pos >= end {
                break;
            }
            let (Some(slot), Ok(p)) = (offsets.get_mut(count), u16::try_from(pos)) else { return end };
            *slot = p;
            count = count.saturating_add(1);
            pos = pos.saturating_add(usize::from(len)).saturating_add(1);
        }
        // Walk from the last label, following matching entries.
        let mut parent: u8 = 0;
        let mut matched = count;
        while let Some(i) = matched.checked_sub(1) {
            let Some(&label_pos) = offsets.get(i) else { break };
            match self.find(buf, usize::from(label_pos), parent) {
                Some(entry) => {
                    parent = entry;
                    matched = i;
                }
                None => break,
            }
        }
        // Remember the labels that were not matched, last first, while they can
        // still be reached by a pointer.
        let mut chain = parent;
        let mut i = matched;
        while let Some(j) = i.checked_sub(1) {
            i = j;
            let Some(&label_pos) = offsets.get(j) else { break };
            if usize::from(label_pos) > MAX_POINTER_TARGET || self.entries.is_full() {
                break;
            }
            if self.entries.push(Entry { pos: label_pos, parent: chain }).is_err() {
                break;
            }
            chain = u8::try_from(self.entries.len()).unwrap_or(0);
        }
        if parent == 0 {
            return end;
        }
        // Replace labels matched..count with a pointer to the matched entry.
        let Some(target) = self.entries.get(usize::from(parent).saturating_sub(1)).map(|e| e.pos) else {
            return end;
        };
        let cut = match offsets.get(matched) {
            Some(&p) if matched < count => usize::from(p),
            _ => return end,
        };
        let [hi, lo] = (0xC000 | target).to_be_bytes();
        match buf.get_mut(cut..cut.saturating_add(2)) {
            Some(dst) => {
                dst.copy_from_slice(&[hi, lo]);
                cut.saturating_add(2)
            }
            None => end,
        }
    }

    /// The entry (index + 1) whose label equals the one at `buf[pos]` and whose
    /// parent is `parent`.
    fn find(&self, buf: &[u8], pos: usize, parent: u8) -> Option<u8> {
        let label = label_at(buf, pos)?;
        self.entries
            .iter()
            .position(|e| e.parent == parent && label_at(buf, usize::from(e.pos)) == Some(label))
            .and_then(|i| u8::try_from(i.saturating_add(1)).ok())
    }
}

/// The label (length octet included) written at `buf[pos]`.
fn label_at(buf: &[u8], pos: usize) -> Option<&[u8]> {
    let len = usize::from(*buf.get(pos)?);
    buf.get(pos..pos.checked_add(len)?.checked_add(1)?)
}
