//! The message reader: one validating pass, then infallible views.

use crate::edns::Edns;
use crate::error::DecodeError;
use crate::header::Header;
use crate::iana::{Class, Opcode, Rcode, Rtype};
use crate::name::NameCache;
use crate::record::{Question, RawRecord, Record, UpdateSection};
use crate::wire::Reader;

/// The largest message: the 16-bit TCP length prefix (RFC 1035 §4.2.2).
pub const MAX_MESSAGE_LEN: usize = 65535;

/// The four sections, in wire order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Section {
    /// Question (zone, in UPDATE).
    Question,
    /// Answer (prerequisite, in UPDATE).
    Answer,
    /// Authority (update, in UPDATE).
    Authority,
    /// Additional.
    Additional,
}

/// A decoded message, borrowing its wire octets.
///
/// [`Message::decode`] validates everything once; afterwards every accessor
/// and iterator returns plain values and cannot fail.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    wire: &'a [u8],
    header: Header,
    /// Where the answer, authority and additional sections start.
    starts: [u16; 3],
    edns: Option<Edns<'a>>,
    /// Index of the OPT record within the additional section.
    opt_index: u16,
    /// For UPDATE messages, the zone's class (RFC 2136 §2.3).
    zone_class: Option<Class>,
}

impl<'a> Message<'a> {
    /// Decodes and validates a whole message in one O(n) pass.
    ///
    /// Checks every name (RFC 9267 pointer rules), every RDLENGTH against the
    /// message and against the typed RDATA, the OPT record's place, owner and
    /// options, and that nothing follows the last record. The header counts are
    /// checked against the data, never used to size anything.
    ///
    /// # Errors
    /// The [`DecodeError`] variant naming the first fault found: every
    /// malformed input maps to exactly one.
    pub fn decode(wire: &'a [u8]) -> Result<Self, DecodeError> {
        if wire.len() > MAX_MESSAGE_LEN {
            return Err(DecodeError::MessageTooLong);
        }
        let header = Header::decode(wire).ok_or(DecodeError::Truncated)?;
        let mut r = Reader::new(wire);
        r.pos = Header::LEN;
        let mut first = None;
        let mut names = NameCache::default();
        for _ in 0..header.qdcount {
            crate::work::step();
            let q = Question::decode_cached(&mut r, &mut names)?;
            first.get_or_insert(q);
        }
        let zone_class = if header.flags.opcode() == Opcode::UPDATE { update_zone(header, first)? } else { None };
        let mut starts = [0u16; 3];
        let mut edns = None;
        let mut opt_index = 0;
        let counts = [header.ancount, header.nscount, header.arcount];
        for (section, (&count, start)) in counts.iter().zip(starts.iter_mut()).enumerate() {
            *start = u16::try_from(r.pos).map_err(|_| DecodeError::MessageTooLong)?;
            let update = zone_class.map(|zone_class| UpdateSection { zone_class, prerequisite: section == 0 });
            for index in 0..count {
                crate::work::step();
                let raw = RawRecord::decode_cached(&mut r, &mut names)?;
                if raw.rtype == Rtype::OPT {
                    if section != 2 {
                        return Err(DecodeError::OptMisplaced);
                    }
                    if edns.is_some() {
                        return Err(DecodeError::DuplicateOpt);
                    }
                    if !raw.name.is_root() {
                        return Err(DecodeError::OptOwnerNotRoot);
                    }
                    let rdata = wire.get(raw.rdata_start..raw.rdata_end).ok_or(DecodeError::RdataOverrun)?;
                    edns = Some(Edns::decode(raw.class.0, raw.ttl, rdata)?);
                    opt_index = index;
                    continue;
                }
                if raw.rtype == Rtype::TSIG {
                    // RFC 8945 §5.1: the last record of the additional section.
                    if section != 2 || index.checked_add(1) != Some(count) {
                        return Err(DecodeError::TsigMisplaced);
                    }
                    if raw.class != Class::ANY || raw.rdata_start == raw.rdata_end {
                        return Err(DecodeError::InvalidValue);
                    }
                }
                if zone_class.is_none() && header.flags.opcode() == Opcode::UPDATE {
                    return Err(DecodeError::InvalidUpdate);
                }
                // The commonest records need no typed decoding to be valid:
                // an IN address is exactly its octets.
                if update.is_some() || (raw.plain_address(wire).is_none() && !raw.valid_common(wire, &mut names)) {
                    raw.record(wire, update.filter(|_| raw.rtype != Rtype::TSIG), false)?;
                }
            }
        }
        if !r.is_empty() {
            return Err(DecodeError::TrailingData);
        }
        Ok(Self { wire, header, starts, edns, opt_index, zone_class })
    }

    /// Decodes a message that arrived over TCP, after its two-octet length
    /// prefix (RFC 1035 §4.2.2). Returns the message and the octets after it.
    ///
    /// # Errors
    /// [`DecodeError::FrameTruncated`] if the stream is shorter than its
    /// prefix says (wait for more octets), else as [`Message::decode`].
    pub fn decode_tcp(stream: &'a [u8]) -> Result<(Self, &'a [u8]), DecodeError> {
        let (len, rest) = stream.split_first_chunk::<2>().ok_or(DecodeError::FrameTruncated)?;
        let len = usize::from(u16::from_be_bytes(*len));
        if rest.len() < len {
            return Err(DecodeError::FrameTruncated);
        }
        let (msg, after) = rest.split_at(len);
        Ok((Self::decode(msg)?, after))
    }

    /// The message's octets.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.wire
    }

    /// The header, counts as on the wire.
    pub fn header(&self) -> Header {
        self.header
    }

    /// The opcode.
    pub fn opcode(&self) -> Opcode {
        self.header.flags.opcode()
    }

    /// The full response code: the header's four bits joined with the OPT
    /// record's upper eight (RFC 6891 §6.1.3).
    pub fn rcode(&self) -> Rcode {
        let high = self.edns.map_or(0, |e| u16::from(e.extended_rcode));
        Rcode((high << 4) | u16::from(self.header.flags.rcode_low()))
    }

    /// Whether this message is a response to `query`: the same id and
    /// opcode, QR set, and the same questions (types and classes equal, names
    /// equal ignoring ASCII case, RFC 4343), at least one. A resolver takes
    /// only such a message as its answer (RFC 5452 §9.1); a header-only
    /// message, such as some FORMERR responses, is not one.
    ///
    /// ```
    /// use dnswire::Message;
    /// let query = Message::decode(b"\x12\x34\x01\x00\0\x01\0\0\0\0\0\0\x07example\0\0\x01\0\x01")?;
    /// let reply = Message::decode(b"\x12\x34\x81\x80\0\x01\0\0\0\0\0\0\x07EXAMPLE\0\0\x01\0\x01")?;
    /// assert!(reply.answers_query(&query));
    /// assert!(!query.answers_query(&query)); // QR clear: a query answers nothing
    /// # Ok::<(), dnswire::DecodeError>(())
    /// ```
    pub fn answers_query(&self, query: &Message<'_>) -> bool {
        let (h, q) = (self.header, query.header);
        h.id == q.id
            && h.flags.qr()
            && h.flags.opcode() == q.flags.opcode()
            && h.qdcount == q.qdcount
            && h.qdcount > 0
            && self.questions().eq(query.questions())
    }

    /// The OPT record's contents, if the message has one.
    pub fn edns(&self) -> Option<Edns<'a>> {
        self.edns
    }

    /// Where the OPT record stands among the additional records (counting it).
    pub fn edns_index(&self) -> Option<u16> {
        self.edns.map(|_| self.opt_index)
    }

    /// The questions (the zone, in UPDATE).
    pub fn questions(&self) -> Questions<'a> {
        Questions { r: self.reader_at(Header::LEN), remaining: self.header.qdcount }
    }

    /// The first question, if any.
    pub fn question(&self) -> Option<Question<'a>> {
        self.questions().next()
    }

    /// The records of the answer section (prerequisites, in UPDATE).
    pub fn answers(&self) -> Records<'a> {
        self.records(Section::Answer)
    }

    /// The records of the authority section (updates, in UPDATE).
    pub fn authority(&self) -> Records<'a> {
        self.records(Section::Authority)
    }

    /// The records of the additional section, without the OPT record.
    pub fn additional(&self) -> Records<'a> {
        self.records(Section::Additional)
    }

    /// The records of one section (none for [`Section::Question`]).
    pub fn records(&self, section: Section) -> Records<'a> {
        let (start, count) = match section {
            Section::Question => (self.wire.len(), 0),
            Section::Answer => (usize::from(self.starts[0]), self.header.ancount),
            Section::Authority => (usize::from(self.starts[1]), self.header.nscount),
            Section::Additional => (usize::from(self.starts[2]), self.header.arcount),
        };
        let update = self.zone_class.map(|zone_class| UpdateSection { zone_class, prerequisite: section == Section::Answer });
        Records { r: self.reader_at(start), remaining: count, update }
    }

    /// A reader for the validated message: names are stepped over, not
    /// checked again.
    fn reader_at(&self, pos: usize) -> Reader<'a> {
        let mut r = Reader::within(self.wire, pos, self.wire.len(), DecodeError::Truncated);
        r.trusted = true;
        r
    }
}

/// The zone of an UPDATE message: exactly one entry, of type SOA, in a real
/// class (RFC 2136 §2.3). `None` when there is no zone and no record either.
pub(crate) fn update_zone(header: Header, zone: Option<Question<'_>>) -> Result<Option<Class>, DecodeError> {
    match (header.qdcount, zone) {
        (0, _) => Ok(None),
        (1, Some(z)) if z.qtype == Rtype::SOA && !matches!(z.qclass, Class::ANY | Class::NONE) => Ok(Some(z.qclass)),
        _ => Err(DecodeError::InvalidUpdate),
    }
}

/// Iterator over the questions of a validated message.
#[derive(Clone, Debug)]
pub struct Questions<'a> {
    r: Reader<'a>,
    remaining: u16,
}

impl<'a> Iterator for Questions<'a> {
    type Item = Question<'a>;

    fn next(&mut self) -> Option<Question<'a>> {
        self.remaining = self.remaining.checked_sub(1)?;
        Question::decode(&mut self.r).ok()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(usize::from(self.remaining)))
    }
}

/// Iterator over the records of one section of a validated message. The OPT
/// record is skipped (see [`Message::edns`]).
#[derive(Clone, Debug)]
pub struct Records<'a> {
    r: Reader<'a>,
    remaining: u16,
    update: Option<UpdateSection>,
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        loop {
            crate::work::step();
            self.remaining = self.remaining.checked_sub(1)?;
            let raw = RawRecord::decode(&mut self.r).ok()?;
            if let Some(data) = raw.plain_address(self.r.msg) {
                return Some(Record { name: raw.name, class: raw.class, ttl: raw.ttl, data });
            }
            if raw.rtype != Rtype::OPT {
                return raw.record(self.r.msg, self.update.filter(|_| raw.rtype != Rtype::TSIG), true).ok();
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(usize::from(self.remaining)))
    }
}
