//! The name compressor (RFC 1035 §4.1.4): fixed capacity, no heap.
//!
//! Each entry is one label already written to the output, with the entry of the
//! label that follows it (its parent). Matching a new name walks from its last
//! label towards its first, looking for an entry with the same label and the
//! parent found so far, so a lookup costs at most labels × [`COMPRESSION_SLOTS`]
//! label comparisons: bounded, and linear in the message overall. Matching is
//! exact (octet for octet), so compression never changes a name's case.
//! When the table is full, names are still written, only less compressed.
//!
//! An index keyed by (parent, label length, first and last octet) finds the
//! candidates for a label in one or two probes instead of a scan of every
//! entry; a candidate is still compared octet for octet.

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
    /// Open addressing over `INDEX_SLOTS` (twice the entries, so a probe
    /// sequence is short): entry index plus one, 0 for an empty slot.
    index: [u8; INDEX_SLOTS],
    enabled: bool,
}

const INDEX_SLOTS: usize = 2 * COMPRESSION_SLOTS;

/// Up to this many entries a scan is cheaper than hashing a label.
const SCAN_ENTRIES: usize = 16;

/// Where the probe for a label starts: a mix of its parent, its length and
/// its first and last octets (compared as written, so case matters as it
/// does in matching).
fn index_key(parent: u8, label: &[u8]) -> usize {
    let len = label.first().copied().unwrap_or(0);
    let first = label.get(1).copied().unwrap_or(0);
    let last = label.last().copied().unwrap_or(0);
    let mixed = u32::from_be_bytes([parent, len, first, last]).wrapping_mul(0x9E37_79B1);
    (mixed >> 25) as usize
}

const _: () = assert!(INDEX_SLOTS == 128, "index_key yields 7 bits");

impl Compressor {
    pub(crate) fn new(enabled: bool) -> Self {
        Self { entries: heapless::Vec::new(), index: [0; INDEX_SLOTS], enabled }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Forgets the entries from `len` on (a push that failed), and rebuilds
    /// the index from what is left.
    pub(crate) fn truncate(&mut self, len: usize, out: &[u8]) {
        if len >= self.entries.len() {
            return;
        }
        self.entries.truncate(len);
        self.reindex_from(out);
    }

    /// Files every entry in a fresh index, once there are more than
    /// `SCAN_ENTRIES` (below that, `find` scans and the index is unused).
    fn reindex_from(&mut self, out: &[u8]) {
        self.index = [0; INDEX_SLOTS];
        if self.entries.len() <= SCAN_ENTRIES {
            return;
        }
        for i in 0..self.entries.len() {
            if let Some(&e) = self.entries.get(i)
                && let Some(label) = label_at(out, usize::from(e.pos))
            {
                self.insert(index_key(e.parent, label), i);
            }
        }
    }

    /// Files entry `i` under `key`.
    fn insert(&mut self, key: usize, i: usize) {
        let Ok(value) = u8::try_from(i.saturating_add(1)) else { return };
        for probe in 0..INDEX_SLOTS {
            let slot = key.wrapping_add(probe) % INDEX_SLOTS;
            if let Some(cell) = self.index.get_mut(slot).filter(|c| **c == 0) {
                *cell = value;
                return;
            }
        }
    }

    /// Finds the longest suffix of `name` (uncompressed wire form) already
    /// written to `out`.
    pub(crate) fn plan(&self, out: &[u8], name: &[u8], offsets: &LabelOffsets) -> Plan {
        let mut plan = Plan { literal: name.len(), pointer: None, matched: offsets.count, parent: 0 };
        if !self.enabled {
            return plan;
        }
        while let Some(i) = plan.matched.checked_sub(1) {
            let Some(label) = offsets.get(i).and_then(|at| label_at(name, at)) else { break };
            match self.find(out, label, plan.parent) {
                Some(entry) => {
                    plan.parent = entry;
                    plan.matched = i;
                }
                None => break,
            }
        }
        if plan.parent != 0 {
            plan.literal = offsets.get(plan.matched).unwrap_or(name.len());
            plan.pointer = self.entries.get(usize::from(plan.parent).saturating_sub(1)).map(|e| e.pos);
        }
        plan
    }

    /// Remembers the labels (at `offsets` in the name) that were written
    /// literally at `start`, last first, while a pointer can reach them.
    pub(crate) fn remember(&mut self, out: &[u8], start: usize, offsets: &LabelOffsets, plan: &Plan) {
        if !self.enabled {
            return;
        }
        let mut chain = plan.parent;
        let mut i = plan.matched;
        while let Some(j) = i.checked_sub(1) {
            i = j;
            let Some(pos) = offsets.get(j).and_then(|o| start.checked_add(o)) else { break };
            let Ok(pos) = u16::try_from(pos) else { break };
            if usize::from(pos) > MAX_POINTER_TARGET || self.entries.push(Entry { pos, parent: chain }).is_err() {
                break;
            }
            match self.entries.len() {
                n if n <= SCAN_ENTRIES => {}
                n if n == SCAN_ENTRIES.saturating_add(1) => self.reindex_from(out),
                n => {
                    if let Some(label) = label_at(out, usize::from(pos)) {
                        self.insert(index_key(chain, label), n.saturating_sub(1));
                    }
                }
            }
            chain = u8::try_from(self.entries.len()).unwrap_or(0);
        }
    }

    /// The entry (index + 1) whose label in `buf` equals `label` (length octet
    /// included) and whose parent is `parent`.
    fn find(&self, buf: &[u8], label: &[u8], parent: u8) -> Option<u8> {
        if self.entries.len() <= SCAN_ENTRIES {
            let len = label.first().copied()?;
            return self
                .entries
                .iter()
                .position(|e| {
                    // Parent and length first: most entries differ there.
                    e.parent == parent && buf.get(usize::from(e.pos)) == Some(&len) && label_at(buf, usize::from(e.pos)) == Some(label)
                })
                .and_then(|i| u8::try_from(i.saturating_add(1)).ok());
        }
        let key = index_key(parent, label);
        for probe in 0..INDEX_SLOTS {
            let value = *self.index.get(key.wrapping_add(probe) % INDEX_SLOTS)?;
            let e = self.entries.get(usize::from(value).checked_sub(1)?)?;
            if e.parent == parent && label_at(buf, usize::from(e.pos)) == Some(label) {
                return Some(value);
            }
        }
        None
    }
}

/// What to write for one name: `literal` octets of it, then a pointer to
/// `pointer` if some suffix is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan {
    pub(crate) literal: usize,
    pub(crate) pointer: Option<u16>,
    /// Index of the first label the pointer replaces.
    matched: usize,
    /// The entry (index + 1) of that label; 0 for none.
    parent: u8,
}

/// Where each label of an uncompressed name starts (a name has at most 127).
pub(crate) struct LabelOffsets {
    offsets: [u8; 128],
    count: usize,
}

impl LabelOffsets {
    pub(crate) const fn new() -> Self {
        Self { offsets: [0; 128], count: 0 }
    }

    /// Records that a label starts at `at` (ignored past 128 labels, which no
    /// name of 255 octets has).
    pub(crate) fn push(&mut self, at: usize) {
        if let (Some(slot), Ok(at)) = (self.offsets.get_mut(self.count), u8::try_from(at)) {
            *slot = at;
            self.count = self.count.saturating_add(1);
        }
    }

    fn get(&self, i: usize) -> Option<usize> {
        (i < self.count).then(|| self.offsets.get(i).map(|&o| usize::from(o))).flatten()
    }
}

/// The label (length octet included) written at `buf[pos]`.
fn label_at(buf: &[u8], pos: usize) -> Option<&[u8]> {
    let len = usize::from(*buf.get(pos)?);
    buf.get(pos..pos.checked_add(len)?.checked_add(1)?)
}
