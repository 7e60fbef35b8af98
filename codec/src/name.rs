//! Domain names: [`Name`], a validated view into a message or an uncompressed
//! buffer, and [`NameBuf`], an owned uncompressed name.
//!
//! Decompression follows RFC 1035 §4.1.4 with the RFC 9267 rules: a pointer must
//! point at or after the header and strictly before the start of the labels being
//! read, the labels reached through it must end before the pointer, a name holds at
//! most [`MAX_POINTERS`] pointers, and its length is checked against
//! [`MAX_NAME_LEN`] while it is being followed. Pointer targets strictly decrease,
//! so no loop can form and the work per name is bounded.

use core::cmp::Ordering;
use core::fmt;

use crate::error::{DecodeError, EncodeError, TextError};
use crate::present;

/// The longest name in wire form, root label included (RFC 1035 §2.3.4).
pub const MAX_NAME_LEN: usize = 255;
/// The longest label (RFC 1035 §2.3.4).
pub const MAX_LABEL_LEN: usize = 63;
/// The most compression pointers followed in one name. A 255-octet name has at
/// most 127 labels, so a legitimate encoder never needs more than 128.
pub const MAX_POINTERS: usize = 128;

/// How the names in one field are treated on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRules {
    /// Decoding accepts compression pointers.
    pub decompress: bool,
    /// Encoding may compress (RFC 1035 types only, RFC 3597 §4).
    pub compress: bool,
    /// RFC 4034 §6.2 (with RFC 6840 §5.1) lowercases this name in canonical form.
    pub canonical_lowercase: bool,
}

impl NameRules {
    /// Owner names and the names in RDATA of the RFC 1035 types.
    pub const COMPRESSED: Self = Self { decompress: true, compress: true, canonical_lowercase: true };
    /// Names that receivers decompress but senders must not compress (RFC 3597 §4:
    /// RP, AFSDB, RT, SIG, PX, NXT, NAPTR, SRV; and DNAME, RFC 6672 §2.5).
    pub const DECOMPRESS_LOWER: Self = Self { decompress: true, compress: false, canonical_lowercase: true };
    /// Never compressed, lowercased in canonical form (KX, A6, the RRSIG signer).
    pub const LOWER: Self = Self { decompress: false, compress: false, canonical_lowercase: true };
    /// Never compressed, kept as is (NSEC, SVCB, HIP, IPSECKEY, ... ).
    pub const PLAIN: Self = Self { decompress: false, compress: false, canonical_lowercase: false };
}

/// A domain name in wire form, validated.
///
/// It borrows either a whole message (and may follow compression pointers inside
/// it) or an uncompressed name. Comparison is ASCII case-insensitive; the original
/// case is kept for display and encoding.
#[derive(Clone, Copy)]
pub struct Name<'a> {
    buf: &'a [u8],
    start: u16,
    /// The uncompressed length when known; 0 when not yet measured (names that
    /// iterators hand out after validation, see [`read_trusted`]).
    wire_len: u8,
}

impl<'a> Name<'a> {
    /// The root name, `.`.
    pub const ROOT: Name<'static> = Name { buf: &[0], start: 0, wire_len: 1 };

    /// A name from its uncompressed wire form, which it must fill exactly.
    ///
    /// ```
    /// let name = dnswire::Name::from_wire(b"\x03www\x07example\x03com\x00").unwrap();
    /// assert_eq!(name.to_string_buf::<32>().unwrap().as_str(), "www.example.com.");
    /// ```
    ///
    /// # Errors
    /// [`DecodeError::NameTooLong`] over 255 octets,
    /// [`DecodeError::NameUnterminated`] without a root label,
    /// [`DecodeError::TrailingData`] if octets follow it,
    /// [`DecodeError::ForbiddenCompression`] for a compression pointer,
    /// [`DecodeError::BadLabelType`] for a reserved label type.
    pub fn from_wire(wire: &'a [u8]) -> Result<Self, DecodeError> {
        if wire.len() > MAX_NAME_LEN {
            return Err(DecodeError::NameTooLong);
        }
        let (name, end) = read(wire, 0, wire.len(), DecodeError::NameUnterminated, false)?;
        if end != wire.len() {
            return Err(DecodeError::TrailingData);
        }
        Ok(name)
    }

    /// The labels from the leftmost to the last before the root.
    pub fn labels(&self) -> Labels<'a> {
        Labels { buf: self.buf, pos: usize::from(self.start) }
    }

    /// The length of the uncompressed wire form, root label included (1..=255).
    pub fn wire_len(&self) -> usize {
        match self.wire_len {
            0 => self.labels().fold(1usize, |n, l| n.saturating_add(l.len()).saturating_add(1)),
            n => usize::from(n),
        }
    }

    /// The number of labels, the root not counted.
    pub fn label_count(&self) -> usize {
        self.labels().count()
    }

    /// Whether this is the root name.
    pub fn is_root(&self) -> bool {
        match self.wire_len {
            0 => self.labels().next().is_none(),
            n => n == 1,
        }
    }

    /// Whether `self` equals `other` or lies below it.
    pub fn ends_with(&self, other: &Name<'_>) -> bool {
        let (n, m) = (self.label_count(), other.label_count());
        let Some(skip) = n.checked_sub(m) else { return false };
        self.labels().skip(skip).eq_by_labels(other.labels())
    }

    /// Compares in DNSSEC canonical order (RFC 4034 §6.1): label by label from the
    /// right, each as lowercase octets.
    pub fn canonical_cmp(&self, other: &Name<'_>) -> Ordering {
        let mut a = LabelStack::new(self);
        let mut b = LabelStack::new(other);
        loop {
            match (a.pop(), b.pop()) {
                (None, None) => return Ordering::Equal,
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (Some(x), Some(y)) => {
                    let ord = x.iter().map(u8::to_ascii_lowercase).cmp(y.iter().map(u8::to_ascii_lowercase));
                    if ord != Ordering::Equal {
                        return ord;
                    }
                }
            }
        }
    }

    /// Formats the name into a fixed-capacity string (presentation form). A
    /// name's text takes at most 1004 octets (255 octets of `\DDD` escapes
    /// and dots), so `N = 1004` always suffices.
    ///
    /// # Errors
    /// [`fmt::Error`] if the text does not fit in `N` octets: the name is
    /// never cut short.
    pub fn to_string_buf<const N: usize>(&self) -> Result<heapless::String<N>, fmt::Error> {
        let mut s = heapless::String::new();
        fmt::write(&mut s, format_args!("{self}"))?;
        Ok(s)
    }
}

/// Iterates over labels right to left without allocation (names have at most 127
/// labels, so the offsets fit in a fixed array).
struct LabelStack<'a> {
    labels: [&'a [u8]; 128],
    len: usize,
}

impl<'a> LabelStack<'a> {
    fn new(name: &Name<'a>) -> Self {
        let mut s = Self { labels: [&[]; 128], len: 0 };
        for label in name.labels() {
            if let Some(slot) = s.labels.get_mut(s.len) {
                *slot = label;
                s.len = s.len.saturating_add(1);
            }
        }
        s
    }

    fn pop(&mut self) -> Option<&'a [u8]> {
        self.len = self.len.checked_sub(1)?;
        self.labels.get(self.len).copied()
    }
}

trait LabelsEq<'a>: Iterator<Item = &'a [u8]> + Sized {
    fn eq_by_labels<'b>(mut self, mut other: impl Iterator<Item = &'b [u8]>) -> bool {
        loop {
            match (self.next(), other.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => {}
                _ => return false,
            }
        }
    }
}

impl<'a, I: Iterator<Item = &'a [u8]>> LabelsEq<'a> for I {}

impl PartialEq<Name<'_>> for Name<'_> {
    fn eq(&self, other: &Name<'_>) -> bool {
        let known = self.wire_len != 0 && other.wire_len != 0;
        (!known || self.wire_len == other.wire_len) && self.labels().eq_by_labels(other.labels())
    }
}

impl Eq for Name<'_> {}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_root() {
            return f.write_str(".");
        }
        for label in self.labels() {
            present::write_label(f, label)?;
            f.write_str(".")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Name({self})")
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Name<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        match self.to_string_buf::<1024>() {
            Ok(s) => defmt::write!(f, "{=str}", s.as_str()),
            Err(_) => defmt::write!(f, "<name>"), // cannot happen: 1024 octets hold any name
        }
    }
}

/// The labels of a validated name. Follows pointers only strictly backwards, so
/// it ends even on bytes that were never validated.
#[derive(Clone, Debug)]
pub struct Labels<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Labels<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        loop {
            crate::work::step();
            let len = *self.buf.get(self.pos)?;
            match len & 0xC0 {
                0x00 if len == 0 => return None,
                0x00 => {
                    let start = self.pos.checked_add(1)?;
                    let end = start.checked_add(usize::from(len))?;
                    let label = self.buf.get(start..end)?;
                    self.pos = end;
                    return Some(label);
                }
                0xC0 => {
                    let low = *self.buf.get(self.pos.checked_add(1)?)?;
                    let target = usize::from(u16::from_be_bytes([len & 0x3F, low]));
                    if target >= self.pos {
                        self.buf = &[];
                        return None;
                    }
                    self.pos = target;
                }
                _ => return None,
            }
        }
    }
}

/// Steps over a name already validated by [`read`] (so the message's
/// iterators need not validate twice): it reads only the labels in place, up to
/// the root or the first pointer, and leaves the length to be measured on
/// demand. On bytes that were never validated it cannot panic or loop: the
/// label iterator follows only backward pointers.
pub(crate) fn read_trusted(msg: &[u8], pos: usize) -> Option<(Name<'_>, usize)> {
    let start = u16::try_from(pos).ok()?;
    let mut cur = pos;
    loop {
        crate::work::step();
        let len = *msg.get(cur)?;
        match len & 0xC0 {
            0x00 if len == 0 => return Some((Name { buf: msg, start, wire_len: 0 }, cur.checked_add(1)?)),
            0x00 => cur = cur.checked_add(usize::from(len))?.checked_add(1)?,
            0xC0 => return Some((Name { buf: msg, start, wire_len: 0 }, cur.checked_add(2)?)),
            _ => return None,
        }
    }
}

/// Reads and validates a name starting at `msg[pos]`, whose uncompressed part
/// must end by `end`. Returns the name and the position after it.
pub(crate) fn read(msg: &[u8], pos: usize, end: usize, overrun: DecodeError, decompress: bool) -> Result<(Name<'_>, usize), DecodeError> {
    read_with(msg, pos, end, overrun, decompress, None)
}

/// How many validated names and suffixes the cache holds.
const CACHE_SLOTS: usize = 1 << SLOT_BITS;
const SLOT_BITS: u32 = 4;

/// Names and name suffixes already validated in this message, by the
/// position they start at: a later pointer to one of them, or a walk that
/// reaches one, costs one lookup instead of following the labels again.
///
/// Besides each name's start, a walk that reads a name remembers the
/// positions it passed at its 2nd, 4th, 8th, ... step (see [`Waypoints`]):
/// so the pointers that real encoders write (to an earlier owner, or into the
/// middle of one) and the chains a hostile message builds are followed once,
/// and a walk that meets one of them again stops there. Each position has one
/// slot (direct-mapped), so a lookup costs the same at every step of a walk;
/// a message can still make the cache miss (more long chains than slots,
/// taken in rotation), and then the work per name is what it is without the
/// cache, bounded by [`MAX_POINTERS`] and the 255-octet name.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NameCache {
    entries: [CachedName; CACHE_SLOTS],
}

#[derive(Clone, Copy, Debug, Default)]
struct CachedName {
    start: u16,
    /// End of the labels in place (after the root, or after the first pointer).
    end: u16,
    wire_len: u8,
    pointers: u8,
}

impl NameCache {
    /// The one slot a position may occupy (a multiplicative hash), so a
    /// lookup is one comparison however long the walk.
    fn slot(start: u16) -> usize {
        (u32::from(start).wrapping_mul(0x9E37_79B1) >> (32 - SLOT_BITS)) as usize
    }

    fn get(&self, start: usize) -> Option<CachedName> {
        let start = u16::try_from(start).ok()?;
        // An empty slot has start 0, where no name of a message starts.
        self.entries.get(Self::slot(start)).filter(|e| e.start == start).copied()
    }

    fn put(&mut self, start: usize, end: usize, wire_len: usize, pointers: usize) {
        let (Ok(start), Ok(end), Ok(wire_len), Ok(pointers)) =
            (u16::try_from(start), u16::try_from(end), u8::try_from(wire_len), u8::try_from(pointers))
        else {
            return;
        };
        if start == 0 {
            return;
        }
        if let Some(slot) = self.entries.get_mut(Self::slot(start)) {
            *slot = CachedName { start, end, wire_len, pointers };
        }
    }
}

/// The positions a name's walk passed at its 2nd, 4th, 8th, ... 64th step,
/// with what was read before each, to be cached as suffixes once the walk
/// knows the whole name.
#[derive(Default)]
struct Waypoints {
    marks: [Waypoint; 6],
    count: u8,
    /// Marks from this index on are in the segment being read: their labels
    /// in place end where it ends.
    open: u8,
}

#[derive(Clone, Copy, Default)]
struct Waypoint {
    pos: u16,
    /// Uncompressed octets of the labels before it.
    before: u8,
    pointers: u8,
    end: u16,
}

impl Waypoints {
    #[inline(always)]
    fn mark(&mut self, pos: usize, wire_len: usize, pointers: usize) {
        let (Ok(pos), Ok(before), Ok(pointers)) = (u16::try_from(pos), u8::try_from(wire_len.saturating_sub(1)), u8::try_from(pointers)) else {
            return;
        };
        if let Some(slot) = self.marks.get_mut(usize::from(self.count)) {
            *slot = Waypoint { pos, before, pointers, end: 0 };
            self.count = self.count.saturating_add(1);
        }
    }

    /// The segment being read ends at `end`.
    #[inline(always)]
    fn close(&mut self, end: usize) {
        let end = u16::try_from(end).unwrap_or(0);
        // Index loops: iterator adapters cost a stack frame on small targets.
        let mut i = self.open;
        while i < self.count {
            if let Some(mark) = self.marks.get_mut(usize::from(i)) {
                mark.end = end;
            }
            i = i.saturating_add(1);
        }
        self.open = self.count;
    }

    /// Caches every mark as a suffix of a name of `wire_len` octets and
    /// `pointers` pointers.
    #[inline(always)]
    fn store(&self, cache: &mut NameCache, wire_len: usize, pointers: usize) {
        let mut i = 0;
        while i < self.count {
            if let Some(mark) = self.marks.get(usize::from(i)) {
                let suffix = wire_len.saturating_sub(usize::from(mark.before));
                cache.put(usize::from(mark.pos), usize::from(mark.end), suffix, pointers.saturating_sub(usize::from(mark.pointers)));
            }
            i = i.saturating_add(1);
        }
    }
}

/// [`read`], remembering validated names and suffixes in `cache` and reusing
/// them: a walk that reaches a position cached before takes the rest of the
/// name as its cached length and pointer count when that suffix's labels in
/// place end before the pointer that led there, which is exactly what
/// following it again would check.
pub(crate) fn read_with<'m>(
    msg: &'m [u8],
    pos: usize,
    end: usize,
    overrun: DecodeError,
    decompress: bool,
    mut cache: Option<&mut NameCache>,
) -> Result<(Name<'m>, usize), DecodeError> {
    let start = u16::try_from(pos).map_err(|_| DecodeError::MessageTooLong)?;
    crate::work::step();
    // The commonest owner name is one pointer to a name validated before: the
    // same checks as the loop below makes for it, without the loop.
    if let (Some(cache), true) = (cache.as_deref(), decompress)
        && let (Some(&high), Some(&low)) = (msg.get(pos), msg.get(pos.wrapping_add(1)))
    {
        let target = usize::from(u16::from_be_bytes([high & 0x3F, low]));
        let after = pos.wrapping_add(2);
        if high & 0xC0 == 0xC0
            && after <= end
            && target >= crate::header::Header::LEN
            && target < pos
            && let Some(known) = cache.get(target).filter(|k| usize::from(k.end) <= pos)
            && usize::from(known.pointers) < MAX_POINTERS
        {
            return Ok((Name { buf: msg, start, wire_len: known.wire_len }, after));
        }
    }
    let mut through: usize = 0;
    let mut walk = Walk { pos, cur: pos, limit: end, segment_start: pos, after: None, wire_len: 1, pointers: 0, overrun };
    loop {
        crate::work::step();
        if walk.cur >= walk.limit {
            return Err(walk.jumped_err(DecodeError::NameUnterminated));
        }
        let len = *msg.get(walk.cur).ok_or(DecodeError::NameUnterminated)?;
        match len & 0xC0 {
            0x00 if len == 0 => {
                let next = match walk.after {
                    Some(next) => next,
                    None => walk.cur.checked_add(1).ok_or(overrun)?,
                };
                let wire_len = u8::try_from(walk.wire_len).map_err(|_| DecodeError::NameTooLong)?;
                if let Some(cache) = cache.as_deref_mut() {
                    cache.put(pos, next, walk.wire_len, walk.pointers);
                }
                return Ok((Name { buf: msg, start, wire_len }, next));
            }
            0x00 => walk.label(len)?,
            0xC0 => {
                walk.pointer(msg, len, decompress)?;
                // The pointer's target is mostly a name cached before.
                if let Some(cache) = cache.as_deref_mut()
                    && let Some(known) = cache.get(walk.cur).filter(|k| usize::from(k.end) <= walk.limit)
                {
                    return walk.end_at(msg, start, known, cache);
                }
            }
            _ => return Err(DecodeError::BadLabelType),
        }
        if walk.after.is_some() {
            through = through.wrapping_add(1);
            // A walk still going some steps past a pointer is not the short
            // suffix real encoders point at: from here it looks for cached
            // suffixes at every step and leaves waypoints.
            if through > PLAIN_STEPS
                && let Some(cache) = cache.as_deref_mut()
            {
                return walk.on_through(msg, start, cache);
            }
        }
    }
}

/// Where reading the name at `pos` fails: the label or pointer the walk
/// stood on (or the end of the container it ran into). Uncached and run only
/// after a decoding failed, to tell where; `None` when the name is valid.
pub(crate) fn fault_at(msg: &[u8], pos: usize, end: usize, overrun: DecodeError, decompress: bool) -> Option<usize> {
    let mut walk = Walk { pos, cur: pos, limit: end, segment_start: pos, after: None, wire_len: 1, pointers: 0, overrun };
    // Each step reads a label or follows a pointer, and both are bounded
    // (255 octets, MAX_POINTERS), so the loop ends.
    loop {
        crate::work::step();
        let at = walk.cur;
        let Some(&len) = msg.get(at).filter(|_| at < walk.limit) else { return Some(at) };
        let ok = match len & 0xC0 {
            0x00 if len == 0 => return None,
            0x00 => walk.label(len).is_ok(),
            0xC0 => walk.pointer(msg, len, decompress).is_ok(),
            _ => false,
        };
        if !ok {
            return Some(at);
        }
    }
}

/// Steps a walk takes past its first pointer (whose target was looked up)
/// before it looks for cached suffixes at every step.
const PLAIN_STEPS: usize = 1;

/// Where a name's walk is.
struct Walk {
    pos: usize,
    cur: usize,
    /// Labels must end before `limit`: the container at first, then the pointer.
    limit: usize,
    /// Pointer targets must lie before the start of the labels being read.
    segment_start: usize,
    /// Where the name ends in place, once a pointer was followed.
    after: Option<usize>,
    wire_len: usize,
    pointers: usize,
    overrun: DecodeError,
}

impl Walk {
    fn jumped_err(&self, e: DecodeError) -> DecodeError {
        if self.after.is_some() { DecodeError::BadPointer } else { e }
    }

    /// Steps over a label of `len` octets at `cur`.
    #[inline(always)]
    fn label(&mut self, len: u8) -> Result<(), DecodeError> {
        let stop = self.cur.checked_add(1).and_then(|s| s.checked_add(usize::from(len))).ok_or(self.overrun)?;
        if stop > self.limit {
            return Err(self.jumped_err(self.overrun));
        }
        self.wire_len = self.wire_len.checked_add(usize::from(len)).and_then(|w| w.checked_add(1)).ok_or(DecodeError::NameTooLong)?;
        if self.wire_len > MAX_NAME_LEN {
            return Err(DecodeError::NameTooLong);
        }
        self.cur = stop;
        Ok(())
    }

    /// Follows the pointer at `cur` whose first octet is `high`; returns the
    /// position after it.
    #[inline(always)]
    fn pointer(&mut self, msg: &[u8], high: u8, decompress: bool) -> Result<usize, DecodeError> {
        if !decompress {
            return Err(DecodeError::ForbiddenCompression);
        }
        let low_at = self.cur.checked_add(1).ok_or(self.overrun)?;
        if low_at >= self.limit {
            return Err(self.jumped_err(self.overrun));
        }
        let low = *msg.get(low_at).ok_or(self.overrun)?;
        let target = u16::from_be_bytes([high & 0x3F, low]);
        self.pointers = self.pointers.checked_add(1).ok_or(DecodeError::TooManyPointers)?;
        if self.pointers > MAX_POINTERS {
            return Err(DecodeError::TooManyPointers);
        }
        if usize::from(target) < crate::header::Header::LEN || usize::from(target) >= self.segment_start {
            return Err(DecodeError::BadPointer);
        }
        let past = low_at.checked_add(1).ok_or(self.overrun)?;
        if self.after.is_none() {
            self.after = Some(past);
        }
        self.limit = self.cur;
        self.segment_start = usize::from(target);
        self.cur = usize::from(target);
        Ok(past)
    }

    /// Ends the walk at a cached suffix `known` met at a pointer's target.
    fn end_at<'m>(&self, msg: &'m [u8], start: u16, known: CachedName, cache: &mut NameCache) -> Result<(Name<'m>, usize), DecodeError> {
        let total = self.wire_len.saturating_sub(1).saturating_add(usize::from(known.wire_len));
        if total > MAX_NAME_LEN {
            return Err(DecodeError::NameTooLong);
        }
        let pointers = self.pointers.saturating_add(usize::from(known.pointers));
        if pointers > MAX_POINTERS {
            return Err(DecodeError::TooManyPointers);
        }
        let next = self.after.ok_or(self.overrun)?;
        cache.put(self.pos, next, total, pointers);
        let total = u8::try_from(total).map_err(|_| DecodeError::NameTooLong)?;
        Ok((Name { buf: msg, start, wire_len: total }, next))
    }

    /// The rest of a walk that followed a pointer, with `cache`: at every
    /// step a cached suffix may end it, and the walk leaves waypoints for the
    /// walks after it. Out of line, so that names read in place or ending at
    /// a cached target pay nothing for it.
    #[inline(never)]
    fn on_through<'m>(mut self, msg: &'m [u8], start: u16, cache: &mut NameCache) -> Result<(Name<'m>, usize), DecodeError> {
        let mut waypoints = Waypoints::default();
        let mut walked: usize = 0;
        loop {
            crate::work::step();
            if self.cur >= self.limit {
                return Err(DecodeError::BadPointer);
            }
            let (cur, segment_start) = (self.cur, self.segment_start);
            // Met in the middle of a segment, a suffix may be taken only if
            // it ends in place with the root: a pointer in it would have to
            // point before this segment, which the entry does not record.
            let fits = |k: &CachedName| usize::from(k.end) <= self.limit && (cur == segment_start || k.pointers == 0);
            if let Some(known) = cache.get(cur).filter(fits) {
                let total = self.wire_len.saturating_sub(1).saturating_add(usize::from(known.wire_len));
                if total > MAX_NAME_LEN {
                    return Err(DecodeError::NameTooLong);
                }
                let pointers = self.pointers.saturating_add(usize::from(known.pointers));
                if pointers > MAX_POINTERS {
                    return Err(DecodeError::TooManyPointers);
                }
                let next = self.after.ok_or(self.overrun)?;
                waypoints.close(usize::from(known.end));
                waypoints.store(cache, total, pointers);
                cache.put(self.pos, next, total, pointers);
                let total = u8::try_from(total).map_err(|_| DecodeError::NameTooLong)?;
                return Ok((Name { buf: msg, start, wire_len: total }, next));
            }
            // Waypoints at the 2nd, 4th, 8th, ... step past the first pointer.
            walked = walked.wrapping_add(1);
            if walked.is_power_of_two() && walked >= 2 {
                waypoints.mark(cur, self.wire_len, self.pointers);
            }
            let len = *msg.get(cur).ok_or(DecodeError::NameUnterminated)?;
            match len & 0xC0 {
                0x00 if len == 0 => {
                    let next = self.after.ok_or(self.overrun)?;
                    let wire_len = u8::try_from(self.wire_len).map_err(|_| DecodeError::NameTooLong)?;
                    waypoints.close(cur.saturating_add(1));
                    waypoints.store(cache, self.wire_len, self.pointers);
                    cache.put(self.pos, next, self.wire_len, self.pointers);
                    return Ok((Name { buf: msg, start, wire_len }, next));
                }
                0x00 => self.label(len)?,
                0xC0 => {
                    let past = self.pointer(msg, len, true)?;
                    waypoints.close(past);
                }
                _ => return Err(DecodeError::BadLabelType),
            }
        }
    }
}

/// An owned, uncompressed name of at most 255 octets, kept inline.
///
/// ```
/// use dnswire::NameBuf;
/// let name = NameBuf::from_text("Www.Example.com.").unwrap();
/// assert_eq!(name.as_name(), NameBuf::from_text("www.example.COM.").unwrap().as_name());
/// assert_eq!(name.as_wire(), b"\x03Www\x07Example\x03com\x00");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct NameBuf {
    wire: heapless::Vec<u8, MAX_NAME_LEN>,
}

impl NameBuf {
    /// The root name.
    pub fn root() -> Self {
        let mut wire = heapless::Vec::new();
        let _ = wire.push(0);
        Self { wire }
    }

    /// Copies a name (decompressing it).
    pub fn from_name(name: &Name<'_>) -> Self {
        let mut wire = heapless::Vec::new();
        for label in name.labels() {
            // A validated name fits in 255 octets, so these pushes cannot fail.
            let _ = wire.push(u8::try_from(label.len()).unwrap_or(0));
            let _ = wire.extend_from_slice(label);
        }
        let _ = wire.push(0);
        Self { wire }
    }

    /// Parses an absolute name in presentation form (`www.example.com.`), with
    /// `\.`, `\\` and `\DDD` escapes. A name without the final dot is taken as
    /// absolute too; use [`NameBuf::from_text_relative`] to give an origin.
    ///
    /// # Errors
    /// As [`NameBuf::from_text_relative`]; `@` is [`TextError::RelativeName`].
    pub fn from_text(text: &str) -> Result<Self, TextError> {
        Self::from_text_relative(text, None)
    }

    /// Parses a name; one without the final dot is completed with `origin`
    /// (`@` alone is the origin itself).
    ///
    /// # Errors
    /// [`TextError::NameTooLong`] over 255 octets,
    /// [`TextError::LabelTooLong`] for a label over 63,
    /// [`TextError::EmptyLabel`] for an empty text or label (`a..b`),
    /// [`TextError::BadEscape`] for a malformed `\` escape,
    /// [`TextError::RelativeName`] for `@` without an origin.
    pub fn from_text_relative(text: &str, origin: Option<&Name<'_>>) -> Result<Self, TextError> {
        let mut buf = Self { wire: heapless::Vec::new() };
        if text == "@" {
            return match origin {
                Some(origin) => Ok(Self::from_name(origin)),
                None => Err(TextError::RelativeName),
            };
        }
        if text == "." {
            return Ok(Self::root());
        }
        if text.is_empty() {
            return Err(TextError::EmptyLabel);
        }
        let bytes = text.as_bytes();
        let mut i = 0usize;
        let mut label_start = 0usize;
        let mut absolute = false;
        buf.push_octet(0)?;
        while let Some(&c) = bytes.get(i) {
            i = i.saturating_add(1);
            match c {
                b'.' => {
                    buf.close_label(label_start)?;
                    if i == bytes.len() {
                        absolute = true;
                    } else {
                        label_start = buf.wire.len();
                        buf.push_octet(0)?;
                    }
                }
                b'\\' => {
                    let (octet, used) = present::unescape(bytes.get(i..).unwrap_or(&[]))?;
                    i = i.saturating_add(used);
                    buf.push_octet(octet)?;
                }
                _ => buf.push_octet(c)?,
            }
        }
        if !absolute {
            buf.close_label(label_start)?;
            if let Some(origin) = origin {
                for label in origin.labels() {
                    buf.push_octet(u8::try_from(label.len()).map_err(|_| TextError::NameTooLong)?)?;
                    for &b in label {
                        buf.push_octet(b)?;
                    }
                }
            }
        }
        buf.push_octet(0)?;
        Ok(buf)
    }

    fn push_octet(&mut self, b: u8) -> Result<(), TextError> {
        self.wire.push(b).map_err(|_| TextError::NameTooLong)
    }

    fn close_label(&mut self, label_start: usize) -> Result<(), TextError> {
        let len = self.wire.len().saturating_sub(label_start).saturating_sub(1);
        if len == 0 {
            return Err(TextError::EmptyLabel);
        }
        if len > MAX_LABEL_LEN {
            return Err(TextError::LabelTooLong);
        }
        let slot = self.wire.get_mut(label_start).ok_or(TextError::NameTooLong)?;
        *slot = u8::try_from(len).map_err(|_| TextError::LabelTooLong)?;
        Ok(())
    }

    /// Builds a name from labels (no escapes; any octets).
    ///
    /// # Errors
    /// [`EncodeError::NameTooLong`] for a label over 63 octets or a name over
    /// 255.
    pub fn from_labels<'l>(labels: impl IntoIterator<Item = &'l [u8]>) -> Result<Self, EncodeError> {
        let mut wire = heapless::Vec::<u8, MAX_NAME_LEN>::new();
        for label in labels {
            if label.is_empty() || label.len() > MAX_LABEL_LEN {
                return Err(EncodeError::NameTooLong);
            }
            wire.push(u8::try_from(label.len()).map_err(|_| EncodeError::NameTooLong)?).map_err(|_| EncodeError::NameTooLong)?;
            wire.extend_from_slice(label).map_err(|_| EncodeError::NameTooLong)?;
        }
        wire.push(0).map_err(|_| EncodeError::NameTooLong)?;
        Ok(Self { wire })
    }

    /// The name as a [`Name`] view.
    pub fn as_name(&self) -> Name<'_> {
        Name { buf: &self.wire, start: 0, wire_len: u8::try_from(self.wire.len()).unwrap_or(u8::MAX) }
    }

    /// The uncompressed wire form.
    pub fn as_wire(&self) -> &[u8] {
        &self.wire
    }
}

impl fmt::Display for NameBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_name().fmt(f)
    }
}

impl fmt::Debug for NameBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NameBuf({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg_with(tail: &[u8]) -> heapless::Vec<u8, 512> {
        let mut m = heapless::Vec::new();
        m.extend_from_slice(&[0u8; 12]).unwrap();
        m.extend_from_slice(tail).unwrap();
        m
    }

    #[test]
    fn follows_backward_pointer() {
        // 12: example.com. ; 25: www + pointer to 12
        let m = msg_with(b"\x07example\x03com\x00\x03www\xc0\x0c");
        let (name, next) = read(&m, 25, m.len(), DecodeError::Truncated, true).unwrap();
        assert_eq!(next, m.len());
        assert_eq!(name.wire_len(), 17);
        assert_eq!(name.to_string_buf::<64>().unwrap().as_str(), "www.example.com.");
    }

    #[test]
    fn to_string_buf_refuses_to_cut_a_name_short() {
        // "www.example.com." is 16 characters.
        let name = Name::from_wire(b"\x03www\x07example\x03com\x00").unwrap();
        assert_eq!(name.to_string_buf::<16>().unwrap().as_str(), "www.example.com.");
        assert!(name.to_string_buf::<15>().is_err());
    }

    #[test]
    fn rejects_self_forward_and_header_pointers() {
        let m = msg_with(b"\xc0\x0c");
        assert_eq!(read(&m, 12, m.len(), DecodeError::Truncated, true).unwrap_err(), DecodeError::BadPointer);
        let m = msg_with(b"\xc0\x0e\x00");
        assert_eq!(read(&m, 12, m.len(), DecodeError::Truncated, true).unwrap_err(), DecodeError::BadPointer);
        let m = msg_with(b"\x01a\xc0\x02");
        assert_eq!(read(&m, 12, m.len(), DecodeError::Truncated, true).unwrap_err(), DecodeError::BadPointer);
        // A pointer back into the name being read: the loop of RFC 9267 §2.
        let m = msg_with(b"\x01a\xc0\x0c");
        assert_eq!(read(&m, 12, m.len(), DecodeError::Truncated, true).unwrap_err(), DecodeError::BadPointer);
    }

    #[test]
    fn rejects_reserved_label_types_and_forbidden_pointers() {
        let m = msg_with(b"\x41a\x00");
        assert_eq!(read(&m, 12, m.len(), DecodeError::Truncated, true).unwrap_err(), DecodeError::BadLabelType);
        let m = msg_with(b"\x81a\x00");
        assert_eq!(read(&m, 12, m.len(), DecodeError::Truncated, true).unwrap_err(), DecodeError::BadLabelType);
        let m = msg_with(b"\x00\x01a\xc0\x0c");
        assert_eq!(read(&m, 13, m.len(), DecodeError::Truncated, false).unwrap_err(), DecodeError::ForbiddenCompression);
    }

    #[test]
    fn text_round_trip_with_escapes() {
        let n = NameBuf::from_text("a\\.b.c\\\\d.\\000\\255.").unwrap();
        assert_eq!(n.as_wire(), b"\x03a.b\x03c\\d\x02\x00\xff\x00");
        assert_eq!(n.to_string().as_str(), "a\\.b.c\\\\d.\\000\\255.");
        assert_eq!(NameBuf::from_text("a..b").unwrap_err(), TextError::EmptyLabel);
        assert_eq!(NameBuf::from_text("\\256.").unwrap_err(), TextError::BadEscape);
    }

    #[test]
    fn equality_ignores_ascii_case_only() {
        let a = NameBuf::from_text("WWW.example.").unwrap();
        let b = NameBuf::from_text("www.EXAMPLE.").unwrap();
        assert_eq!(a.as_name(), b.as_name());
        let c = NameBuf::from_labels([&b"\xc4"[..]]).unwrap();
        let d = NameBuf::from_labels([&b"\xe4"[..]]).unwrap();
        assert_ne!(c.as_name(), d.as_name());
    }

    #[test]
    fn canonical_order_rfc4034_section_6_1() {
        // The example ordering of RFC 4034 §6.1.
        let order = [
            "example.",
            "a.example.",
            "yljkjljk.a.example.",
            "Z.a.example.",
            "zABC.a.EXAMPLE.",
            "z.example.",
            "\\001.z.example.",
            "*.z.example.",
            "\\200.z.example.",
        ];
        for pair in order.windows(2) {
            let a = NameBuf::from_text(pair[0]).unwrap();
            let b = NameBuf::from_text(pair[1]).unwrap();
            assert_eq!(a.as_name().canonical_cmp(&b.as_name()), Ordering::Less, "{} < {}", pair[0], pair[1]);
        }
    }

    /// The cache must never change an outcome: read every position of many
    /// pseudo-random messages in order, with and without it, and compare.
    #[test]
    fn cache_agrees_with_plain_reads() {
        let mut seed: u32 = 0x1234_5678;
        let mut next = move || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 24) as u8
        };
        // Octets likely to form labels, roots and pointers into the message.
        let alphabet = [0x00, 0x01, 0x02, 0x03, 0x3f, 0x61, 0x62, 0xc0, 0xc0, 0x0c, 0x0d, 0x0e, 0x10, 0x12, 0x14, 0x18];
        for _ in 0..20_000 {
            let len = 12 + usize::from(next() % 40);
            let mut m = [0u8; 52];
            for b in m.iter_mut().take(len).skip(12) {
                *b = alphabet[usize::from(next()) % alphabet.len()];
            }
            let msg = &m[..len];
            let mut cache = NameCache::default();
            let mut pos = 12;
            while pos < len {
                let plain = read(msg, pos, len, DecodeError::Truncated, true).map(|(n, e)| (n.wire_len(), e));
                let cached = read_with(msg, pos, len, DecodeError::Truncated, true, Some(&mut cache)).map(|(n, e)| (n.wire_len(), e));
                assert_eq!(plain, cached, "{msg:02x?} at {pos}");
                pos = match plain {
                    Ok((_, e)) => e,
                    Err(_) => pos + 1,
                };
            }
        }
    }

    /// The same on longer messages made of labels, roots and pointers to
    /// any earlier offset, so that walks run long enough to leave waypoints
    /// in the cache and later walks stop at them.
    #[test]
    fn cache_agrees_with_plain_reads_on_long_chains() {
        let mut seed: u32 = 0x9e37_79b9;
        let mut next = move || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            seed >> 8
        };
        for _ in 0..3_000 {
            let len = 40 + (next() % 400) as usize;
            let mut m = std::vec![0u8; 12];
            while m.len() < len {
                match next() % 8 {
                    0 => m.push(0),
                    1..=3 => {
                        let target = 12 + (next() as usize) % (m.len() - 11);
                        m.extend_from_slice(&(0xC000u16 | target as u16).to_be_bytes());
                    }
                    _ => {
                        let label = 1 + (next() % 3) as u8;
                        m.push(label);
                        m.extend((0..label).map(|_| b'a'));
                    }
                }
            }
            let msg = &m[..];
            let mut cache = NameCache::default();
            // Every position, in order, as a decoder would meet names.
            for pos in 12..msg.len() {
                let plain = read(msg, pos, msg.len(), DecodeError::Truncated, true).map(|(n, e)| (n.wire_len(), e));
                let cached = read_with(msg, pos, msg.len(), DecodeError::Truncated, true, Some(&mut cache)).map(|(n, e)| (n.wire_len(), e));
                assert_eq!(plain, cached, "{msg:02x?} at {pos}");
            }
        }
    }

    extern crate std;
    use std::string::ToString;
}
