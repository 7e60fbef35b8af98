//! The message writer: a builder over the caller's buffer.

use crate::edns::Edns;
use crate::error::EncodeError;
use crate::header::{Flags, Header};
use crate::iana::{Class, Rcode, Rtype};
use crate::message::{Message, Section};
use crate::name::Name;
use crate::record::{Question, Record};
use crate::wire::{Checkpoint, Writer};

/// Builds a message into a caller's buffer, whose length is the size limit
/// (at most [`MAX_MESSAGE_LEN`](crate::MAX_MESSAGE_LEN): octets beyond it are
/// never used).
///
/// Sections are written in order (question, answer, authority, additional); a
/// push into an earlier section is [`EncodeError::MisplacedSection`]. Every push
/// is atomic: on error the message is exactly as before. Names are compressed
/// (RFC 1035 §4.1.4) unless built with [`MessageBuilder::new_uncompressed`].
///
/// In truncating mode ([`MessageBuilder::set_truncating`]) a record that does not
/// fit drops its whole RRset and every record after it, sets TC if an answer or
/// authority RRset was lost, and keeps the header, the questions and the OPT
/// record (RFC 2181 §9, RFC 6891 §7); the push itself then succeeds.
///
/// ```
/// use dnswire::{Class, Edns, Flags, Header, MessageBuilder, NameBuf, Question, Rtype};
/// let qname = NameBuf::from_text("example.com.").unwrap();
/// let mut buf = [0u8; 512];
/// let header = Header { id: 0x1234, flags: Flags::default().with_rd(true), ..Header::default() };
/// let mut b = MessageBuilder::new(&mut buf, header).unwrap();
/// b.question(&Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
/// b.edns(&Edns::default()).unwrap();
/// let wire = b.finish().unwrap();
/// assert_eq!(wire.len(), 12 + 17 + 11);
/// ```
pub struct MessageBuilder<'b> {
    w: Writer<'b>,
    header: Header,
    section: Section,
    opt: OptState,
    truncating: bool,
    truncated: bool,
    rrset: Option<RrsetStart>,
    padding_block: u16,
    /// Where the TSIG record starts, once written: nothing may follow it.
    tsig_at: Option<usize>,
    /// The most octets the message may take: the buffer's length, at most
    /// 65535. The buffer beyond it is left for a TCP length prefix.
    cap: usize,
    /// The full response code set by [`MessageBuilder::set_rcode`], whose
    /// upper eight bits go into the OPT record (RFC 6891 §6.1.3).
    rcode: Option<Rcode>,
    /// Where the OPT record starts, once written in the additional section.
    opt_at: usize,
}

/// RFC 8467 §4.1: pad queries to a multiple of 128 octets.
pub const QUERY_PADDING_BLOCK: u16 = 128;
/// RFC 8467 §4.1: pad responses to a multiple of 468 octets.
pub const RESPONSE_PADDING_BLOCK: u16 = 468;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OptState {
    None,
    /// Staged at the tail of the buffer, `len` octets, until `finish`.
    Staged {
        len: usize,
    },
    Written,
}

/// Where the RRset being written began, to drop it whole when truncating.
#[derive(Clone, Copy, Debug)]
struct RrsetStart {
    at: Checkpoint,
    header: Header,
    owner_pos: usize,
    rtype: Rtype,
    class: Class,
    section: Section,
}

impl<'b> MessageBuilder<'b> {
    /// Starts a message with `header`'s id and flags (its counts are kept by the
    /// builder).
    ///
    /// # Errors
    /// [`EncodeError::NoSpace`] if `buf` cannot hold a header.
    pub fn new(buf: &'b mut [u8], header: Header) -> Result<Self, EncodeError> {
        Self::with_compression(buf, header, true)
    }

    /// Like [`MessageBuilder::new`], but never compresses names.
    ///
    /// # Errors
    /// [`EncodeError::NoSpace`] if `buf` cannot hold a header.
    pub fn new_uncompressed(buf: &'b mut [u8], header: Header) -> Result<Self, EncodeError> {
        Self::with_compression(buf, header, false)
    }

    fn with_compression(buf: &'b mut [u8], header: Header, compress: bool) -> Result<Self, EncodeError> {
        // No message exceeds 65535 octets (RFC 1035 §4.2.2), whatever room
        // the buffer has: beyond that, nothing could decode it.
        let cap = buf.len().min(crate::message::MAX_MESSAGE_LEN);
        let mut w = Writer::new(buf, compress);
        w.limit = cap;
        w.bytes(&[0; Header::LEN])?;
        let header = Header { qdcount: 0, ancount: 0, nscount: 0, arcount: 0, ..header };
        Ok(Self {
            w,
            header,
            section: Section::Question,
            opt: OptState::None,
            truncating: false,
            truncated: false,
            rrset: None,
            padding_block: 0,
            tsig_at: None,
            cap,
            rcode: None,
            opt_at: 0,
        })
    }

    /// Starts the response to `query` (RFC 1035 §4.1.1): its id, opcode, RD and
    /// CD copied, QR set, its questions copied. If the query has an OPT record,
    /// the response gets one too (RFC 6891 §7): version 0, `udp_payload_size`
    /// (the responder's own size, not the requester's), no options, and DO
    /// copied from the query (RFC 3225 §3). Its room is set aside at once, so
    /// truncation never drops it; add options with
    /// [`MessageBuilder::edns`] only when the query had none.
    ///
    /// A query whose EDNS version is above 0 should be answered with
    /// [`Rcode::BADVERS`] (RFC 6891 §6.1.3): call [`MessageBuilder::set_rcode`].
    ///
    /// ```
    /// use dnswire::{Message, MessageBuilder};
    /// // A query for example. A, id 0x1234, RD, with EDNS (4096 octets, DO).
    /// let query: &[u8] = b"\x12\x34\x01\x00\0\x01\0\0\0\0\0\x01\
    ///     \x07example\0\0\x01\0\x01\
    ///     \0\0\x29\x10\0\0\0\x80\0\0\0";
    /// let query = Message::decode(query)?;
    /// let mut buf = [0u8; 512];
    /// let response = MessageBuilder::response_to(&mut buf, &query, 1232)?.finish()?;
    /// let response = Message::decode(response)?;
    /// assert!(response.answers_query(&query));
    /// let edns = response.edns().unwrap();
    /// assert_eq!((edns.udp_payload_size, edns.flags.dnssec_ok()), (1232, true));
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`EncodeError::NoSpace`] if `buf` cannot hold the header, the questions
    /// and the OPT record.
    pub fn response_to(buf: &'b mut [u8], query: &Message<'_>, udp_payload_size: u16) -> Result<Self, EncodeError> {
        let q = query.header().flags;
        let flags = Flags::default().with_qr(true).with_opcode(q.opcode()).with_rd(q.rd()).with_cd(q.cd());
        let mut b = Self::new(buf, Header { id: query.header().id, flags, ..Header::default() })?;
        for question in query.questions() {
            b.question(&question)?;
        }
        if let Some(asked) = query.edns() {
            let flags = crate::edns::EdnsFlags::default().with_dnssec_ok(asked.flags.dnssec_ok());
            b.edns(&Edns { udp_payload_size, flags, ..Edns::default() })?;
        }
        Ok(b)
    }

    /// Sets the full response code, up to 12 bits: the low four go into the
    /// header, the upper eight into the OPT record's extended-rcode when the
    /// message is finished (RFC 6891 §6.1.3), replacing whatever the OPT
    /// record was given. ([`Flags::with_rcode`] keeps the low four bits only.)
    ///
    /// # Errors
    /// [`EncodeError::InvalidValue`] for a code over 4095. A code over 15
    /// needs an OPT record: [`MessageBuilder::finish`] fails with
    /// [`EncodeError::RcodeNeedsEdns`] if none was added.
    pub fn set_rcode(&mut self, rcode: Rcode) -> Result<(), EncodeError> {
        if rcode.0 > 0x0FFF {
            return Err(EncodeError::InvalidValue);
        }
        self.header.flags = self.header.flags.with_rcode(rcode);
        self.rcode = Some(rcode);
        Ok(())
    }

    /// Turns truncating mode on or off.
    pub fn set_truncating(&mut self, on: bool) {
        self.truncating = on;
    }

    /// Pads the message with an EDNS Padding option (RFC 7830) to a multiple of
    /// `block` octets, or as far as the buffer allows; 0 turns padding off. See
    /// [`QUERY_PADDING_BLOCK`] and [`RESPONSE_PADDING_BLOCK`] (RFC 8467). The
    /// OPT record must be added before the additional section, so that it is
    /// written last: [`MessageBuilder::finish`] fails with
    /// [`EncodeError::MisplacedSection`] otherwise.
    pub fn set_padding(&mut self, block: u16) {
        self.padding_block = block;
    }

    /// Whether anything was dropped in truncating mode.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The flags to be written.
    pub fn flags(&self) -> Flags {
        self.header.flags
    }

    /// Replaces the flags (opcode and rcode bits included).
    pub fn set_flags(&mut self, flags: Flags) {
        self.header.flags = flags;
    }

    /// Octets written so far (a staged OPT record not counted).
    pub fn len(&self) -> usize {
        self.w.len
    }

    /// Whether only the header is written.
    pub fn is_empty(&self) -> bool {
        self.w.len <= Header::LEN
    }

    /// Appends a question. Questions come before every record.
    ///
    /// # Errors
    /// On any error the message is as before the call.
    /// - [`EncodeError::MisplacedSection`]: a record was already pushed, or
    ///   (in UPDATE) the zone is already there;
    /// - [`EncodeError::NoSpace`]: the question does not fit;
    /// - [`EncodeError::CountOverflow`]: 65535 questions already;
    /// - [`EncodeError::InvalidValue`]: an UPDATE zone not of type SOA or in
    ///   class ANY or NONE (RFC 2136 §2.3).
    pub fn question(&mut self, q: &Question<'_>) -> Result<(), EncodeError> {
        if self.section != Section::Question {
            return Err(EncodeError::MisplacedSection);
        }
        if self.is_update() {
            // RFC 2136 §2.3: one zone entry, of type SOA, in a real class.
            if self.header.qdcount > 0 {
                return Err(EncodeError::MisplacedSection);
            }
            if q.qtype != Rtype::SOA || matches!(q.qclass, Class::ANY | Class::NONE) {
                return Err(EncodeError::InvalidValue);
            }
        }
        let count = self.header.qdcount.checked_add(1).ok_or(EncodeError::CountOverflow)?;
        let at = self.w.checkpoint();
        if let Err(e) = q.encode(&mut self.w) {
            self.w.rollback(at);
            return Err(e);
        }
        self.header.qdcount = count;
        Ok(())
    }

    /// Appends a record to the answer section.
    ///
    /// # Errors
    /// On any error the message is as before the call.
    /// - [`EncodeError::MisplacedSection`]: the authority or additional section was
    ///   begun, a TSIG record was written, or the record is OPT or TSIG;
    /// - [`EncodeError::NoSpace`]: the record does not fit (never in truncating
    ///   mode, where the push drops its RRset and succeeds);
    /// - [`EncodeError::CountOverflow`]: the section already holds 65535 records;
    /// - [`EncodeError::NameTooLong`], [`EncodeError::RdataTooLong`],
    ///   [`EncodeError::InvalidValue`]: the record has no wire form (RDATA over
    ///   65535 octets, RDATA left out where RFC 2136 does not allow it, or a
    ///   record an UPDATE message forbids).
    pub fn answer(&mut self, r: &Record<'_>) -> Result<(), EncodeError> {
        self.push(Section::Answer, r)
    }

    /// Appends a record to the authority section.
    ///
    /// # Errors
    /// On any error the message is as before the call.
    /// - [`EncodeError::MisplacedSection`]: the additional section was begun, a TSIG
    ///   record was written, or the record is OPT or TSIG;
    /// - [`EncodeError::NoSpace`]: the record does not fit (never in truncating
    ///   mode, where the push drops its RRset and succeeds);
    /// - [`EncodeError::CountOverflow`]: the section already holds 65535 records;
    /// - [`EncodeError::NameTooLong`], [`EncodeError::RdataTooLong`],
    ///   [`EncodeError::InvalidValue`]: the record has no wire form (RDATA over
    ///   65535 octets, RDATA left out where RFC 2136 does not allow it, or a
    ///   record an UPDATE message forbids).
    pub fn authority(&mut self, r: &Record<'_>) -> Result<(), EncodeError> {
        self.push(Section::Authority, r)
    }

    /// Appends a record to the additional section.
    ///
    /// # Errors
    /// On any error the message is as before the call.
    /// - [`EncodeError::MisplacedSection`]: a TSIG record was written, the record is
    ///   OPT (see [`MessageBuilder::edns`]), or a TSIG record is not of class ANY;
    /// - [`EncodeError::NoSpace`]: the record does not fit (never in truncating
    ///   mode, where the push drops its RRset and succeeds);
    /// - [`EncodeError::CountOverflow`]: the section already holds 65535 records;
    /// - [`EncodeError::NameTooLong`], [`EncodeError::RdataTooLong`],
    ///   [`EncodeError::InvalidValue`]: the record has no wire form (RDATA over
    ///   65535 octets, RDATA left out where RFC 2136 does not allow it, or a
    ///   record an UPDATE message forbids).
    pub fn additional(&mut self, r: &Record<'_>) -> Result<(), EncodeError> {
        self.push(Section::Additional, r)
    }

    /// Appends a record to `section`, which must not come before the current one.
    ///
    /// # Errors
    /// On any error the message is as before the call.
    /// - [`EncodeError::MisplacedSection`]: `section` is the question section or comes
    ///   before the current one, a TSIG record was written, the record is OPT,
    ///   or a TSIG record is outside the additional section or not of class ANY;
    /// - [`EncodeError::NoSpace`]: the record does not fit (never in truncating
    ///   mode, where the push drops its RRset and succeeds);
    /// - [`EncodeError::CountOverflow`]: the section already holds 65535 records;
    /// - [`EncodeError::NameTooLong`], [`EncodeError::RdataTooLong`],
    ///   [`EncodeError::InvalidValue`]: the record has no wire form (RDATA over
    ///   65535 octets, RDATA left out where RFC 2136 does not allow it, or a
    ///   record an UPDATE message forbids).
    pub fn push(&mut self, section: Section, r: &Record<'_>) -> Result<(), EncodeError> {
        if section == Section::Question || section < self.section || r.rtype() == Rtype::OPT || self.tsig_at.is_some() {
            return Err(EncodeError::MisplacedSection);
        }
        let is_tsig = r.rtype() == Rtype::TSIG;
        if is_tsig && (section != Section::Additional || r.class != Class::ANY) {
            return Err(EncodeError::MisplacedSection);
        }
        if self.is_update() && !is_tsig {
            self.check_update_record(section, r)?;
        }
        if let crate::rdata::RData::Empty(rtype) = r.data {
            self.check_empty_rdata(section, rtype, r.class)?;
        }
        if self.truncated {
            return Ok(());
        }
        let before = self.header;
        let count = self.count_mut(section);
        *count = count.checked_add(1).ok_or(EncodeError::CountOverflow)?;
        let at = self.w.checkpoint();
        // RRsets matter only to truncation, which drops them whole.
        let continues = self.rrset.filter(|s| {
            self.truncating && s.section == section && s.rtype == r.rtype() && s.class == r.class && self.owner_matches(s.owner_pos, &r.name)
        });
        match r.encode(&mut self.w) {
            Ok(()) => {
                self.section = section;
                if is_tsig {
                    self.tsig_at = Some(at.len);
                }
                if continues.is_none() && self.truncating {
                    self.rrset = Some(RrsetStart { at, header: before, owner_pos: at.len, rtype: r.rtype(), class: r.class, section });
                }
                Ok(())
            }
            Err(EncodeError::NoSpace) if self.truncating => {
                let (back_to, header) = match continues {
                    Some(s) => (s.at, s.header),
                    None => (at, before),
                };
                self.w.rollback(back_to);
                self.header = header;
                self.section = section;
                self.truncated = true;
                if section != Section::Additional {
                    self.header.flags = self.header.flags.with_tc(true);
                }
                Ok(())
            }
            Err(e) => {
                self.w.rollback(at);
                self.header = before;
                Err(e)
            }
        }
    }

    fn is_update(&self) -> bool {
        self.header.flags.opcode() == crate::iana::Opcode::UPDATE
    }

    /// RFC 2136 §2.4-§2.5: records need the zone; class ANY (and NONE among
    /// prerequisites) carries no RDATA.
    fn check_update_record(&self, section: Section, r: &Record<'_>) -> Result<(), EncodeError> {
        if self.header.qdcount != 1 {
            return Err(EncodeError::MisplacedSection);
        }
        let must_be_empty = r.class == Class::ANY || (r.class == Class::NONE && section == Section::Answer);
        if must_be_empty && !matches!(r.data, crate::rdata::RData::Empty(_)) {
            return Err(EncodeError::InvalidValue);
        }
        Ok(())
    }

    /// RDATA left out ([`RData::Empty`](crate::rdata::RData::Empty)) only
    /// where RFC 2136 §2.4-§2.5 asks for none: in an UPDATE, class ANY, and
    /// class NONE among prerequisites. Anywhere else the decoder would read
    /// the empty RDATA as typed, which most types refuse; RDATA that is
    /// really empty is written as `RData::Unknown` with no octets.
    fn check_empty_rdata(&self, section: Section, rtype: Rtype, class: Class) -> Result<(), EncodeError> {
        let update = self.is_update() && rtype != Rtype::TSIG;
        if update && (class == Class::ANY || (class == Class::NONE && section == Section::Answer)) { Ok(()) } else { Err(EncodeError::InvalidValue) }
    }

    fn count_mut(&mut self, section: Section) -> &mut u16 {
        match section {
            Section::Question => &mut self.header.qdcount,
            Section::Answer => &mut self.header.ancount,
            Section::Authority => &mut self.header.nscount,
            Section::Additional => &mut self.header.arcount,
        }
    }

    /// Whether the owner name written at `pos` equals `name` (exactly, as the
    /// compressor would treat them).
    fn owner_matches(&self, pos: usize, name: &Name<'_>) -> bool {
        let written = crate::name::read(self.w.written(), pos, self.w.len, crate::DecodeError::Truncated, true);
        match written {
            Ok((owner, _)) => owner.labels().eq(name.labels()),
            Err(_) => false,
        }
    }

    /// Adds the OPT record. In the additional section it is written where it
    /// stands; before that, its space is set aside at the end of the buffer and
    /// it is written last, so truncation can never drop it.
    ///
    /// # Errors
    /// On any error the message is as before the call.
    /// - [`EncodeError::MisplacedSection`]: an OPT record or a TSIG record is
    ///   already there;
    /// - [`EncodeError::InvalidValue`]: an option the decoder would refuse (a
    ///   malformed COOKIE, CLIENT-SUBNET or EDE);
    /// - [`EncodeError::NoSpace`]: the record does not fit;
    /// - [`EncodeError::CountOverflow`]: the additional section is full;
    /// - [`EncodeError::RdataTooLong`]: options over 65535 octets.
    pub fn edns(&mut self, edns: &Edns<'_>) -> Result<(), EncodeError> {
        if self.opt != OptState::None || self.tsig_at.is_some() {
            return Err(EncodeError::MisplacedSection);
        }
        // Options the decoder would refuse (a malformed COOKIE, CLIENT-SUBNET
        // or EDE) are refused here too.
        if edns.options.iter().any(|o| crate::option::validate_option(o.code, o.data).is_err()) {
            return Err(EncodeError::InvalidValue);
        }
        let count = self.header.arcount.checked_add(1).ok_or(EncodeError::CountOverflow)?;
        if self.section == Section::Additional {
            let at = self.w.checkpoint();
            if let Err(e) = edns.encode(&mut self.w) {
                self.w.rollback(at);
                return Err(e);
            }
            self.opt_at = at.len;
            self.header.arcount = count;
            self.opt = OptState::Written;
            self.rrset = None;
            return Ok(());
        }
        let len = edns.wire_len();
        let start = self.w.limit.checked_sub(len).filter(|s| *s >= self.w.len).ok_or(EncodeError::NoSpace)?;
        // Encode in place at the tail with a temporary writer position.
        let (saved_len, saved_limit) = (self.w.len, self.w.limit);
        self.w.len = start;
        let res = edns.encode(&mut self.w);
        self.w.len = saved_len;
        match res {
            Ok(()) => {
                self.w.limit = start;
                self.opt = OptState::Staged { len };
                Ok(())
            }
            Err(e) => {
                self.w.limit = saved_limit;
                Err(e)
            }
        }
    }

    /// Writes the header counts (and a staged OPT record) and returns the message.
    ///
    /// # Errors
    /// [`EncodeError::MisplacedSection`] if padding was asked for but the OPT
    /// record was not added before the additional section, or comes with a
    /// TSIG record; [`EncodeError::RcodeNeedsEdns`] if
    /// [`MessageBuilder::set_rcode`] set a code over 15 and there is no OPT
    /// record; [`EncodeError::NoSpace`] if the OPT record no longer fits.
    pub fn finish(self) -> Result<&'b mut [u8], EncodeError> {
        let (buf, len) = self.finish_in_place()?;
        buf.get_mut(..len).ok_or(EncodeError::NoSpace)
    }

    /// Like [`MessageBuilder::finish`], and frames the message for TCP with
    /// its two-octet length prefix (RFC 1035 §4.2.2), as
    /// [`Message::decode_tcp`] reads it. The message moves two octets up the
    /// buffer, which must have them to spare: give a buffer two octets longer
    /// than the largest message (65537 octets for any message).
    ///
    /// ```
    /// use dnswire::{Header, Message, MessageBuilder};
    /// let mut buf = [0u8; 14];
    /// let framed = MessageBuilder::new(&mut buf, Header { id: 9, ..Header::default() })?.finish_tcp()?;
    /// assert_eq!(&framed[..4], &[0, 12, 0, 9]);
    /// # Ok::<(), dnswire::EncodeError>(())
    /// ```
    ///
    /// # Errors
    /// As [`MessageBuilder::finish`], and [`EncodeError::NoSpace`] if the
    /// buffer has no two octets left after the message.
    pub fn finish_tcp(self) -> Result<&'b mut [u8], EncodeError> {
        let (buf, len) = self.finish_in_place()?;
        let prefix = u16::try_from(len).map_err(|_| EncodeError::NoSpace)?;
        let framed_len = len.checked_add(2).ok_or(EncodeError::NoSpace)?;
        let framed = buf.get_mut(..framed_len).ok_or(EncodeError::NoSpace)?;
        framed.copy_within(..len, 2);
        let (head, _) = framed.split_first_chunk_mut::<2>().ok_or(EncodeError::NoSpace)?;
        *head = prefix.to_be_bytes();
        Ok(framed)
    }

    /// Finishes the message at the start of the buffer; returns the whole
    /// buffer and the message's length.
    fn finish_in_place(mut self) -> Result<(&'b mut [u8], usize), EncodeError> {
        if self.padding_block > 0 && !matches!(self.opt, OptState::Staged { .. }) {
            return Err(EncodeError::MisplacedSection);
        }
        if let OptState::Staged { len } = self.opt {
            let from = self.w.limit;
            let to = from.checked_add(len).ok_or(EncodeError::NoSpace)?;
            self.header.arcount = self.header.arcount.checked_add(1).ok_or(EncodeError::CountOverflow)?;
            // The OPT record goes before a TSIG record, which must stay last
            // (RFC 8945 §5.1); moving TSIG forward keeps its pointers, which
            // all point backwards.
            let opt_start = self.tsig_at.unwrap_or(self.w.len);
            let tail_end = self.w.len;
            let new_end = tail_end.checked_add(len).ok_or(EncodeError::NoSpace)?;
            if to > self.cap || new_end > self.cap {
                return Err(EncodeError::NoSpace);
            }
            // [.. TSIG][gap][OPT] becomes [.. TSIG][OPT], then [.. OPT][TSIG].
            self.w.buf.copy_within(from..to, tail_end);
            let moved = self.w.buf.get_mut(opt_start..new_end).ok_or(EncodeError::NoSpace)?;
            moved.rotate_left(tail_end.saturating_sub(opt_start));
            self.w.len = new_end;
            self.w.limit = self.cap;
            self.opt_at = opt_start;
            self.opt = OptState::Written;
            if self.padding_block > 0 {
                if self.tsig_at.is_some() {
                    return Err(EncodeError::MisplacedSection);
                }
                self.pad(opt_start)?;
            }
        }
        if let Some(rcode) = self.rcode {
            self.write_extended_rcode(rcode)?;
        }
        let header = self.header.to_bytes();
        let Writer { buf, len, .. } = self.w;
        buf.get_mut(..Header::LEN).ok_or(EncodeError::NoSpace)?.copy_from_slice(&header);
        Ok((buf, len))
    }
}

impl MessageBuilder<'_> {
    /// Puts the upper eight bits of `rcode` into the written OPT record's
    /// extended-rcode octet, the first of its TTL field (RFC 6891 §6.1.3).
    fn write_extended_rcode(&mut self, rcode: Rcode) -> Result<(), EncodeError> {
        let high = u8::try_from(rcode.0 >> 4).map_err(|_| EncodeError::InvalidValue)?;
        if self.opt != OptState::Written {
            return if high == 0 { Ok(()) } else { Err(EncodeError::RcodeNeedsEdns) };
        }
        // Owner (the root, one octet), TYPE and CLASS come first.
        let at = self.opt_at.checked_add(5).ok_or(EncodeError::NoSpace)?;
        *self.w.buf.get_mut(at).ok_or(EncodeError::NoSpace)? = high;
        Ok(())
    }

    /// Appends a Padding option to the OPT record written last at `opt_start`.
    fn pad(&mut self, opt_start: usize) -> Result<(), EncodeError> {
        let block = usize::from(self.padding_block);
        let with_header = self.w.len.checked_add(4).ok_or(EncodeError::NoSpace)?;
        if with_header > self.cap {
            return Ok(()); // no room for even an empty option: left unpadded
        }
        let target = with_header.div_ceil(block).saturating_mul(block).min(self.cap);
        let pad = target.saturating_sub(with_header);
        let rdlen_at = opt_start.checked_add(9).ok_or(EncodeError::NoSpace)?;
        let old = self.w.buf.get(rdlen_at..rdlen_at.saturating_add(2)).ok_or(EncodeError::NoSpace)?;
        let rdlen = usize::from(u16::from_be_bytes([old.first().copied().unwrap_or(0), old.get(1).copied().unwrap_or(0)]));
        let new_rdlen = rdlen.checked_add(4).and_then(|n| n.checked_add(pad)).and_then(|n| u16::try_from(n).ok());
        let new_rdlen = new_rdlen.ok_or(EncodeError::RdataTooLong)?;
        self.w.u16(crate::iana::OptionCode::PADDING.0)?;
        self.w.u16(u16::try_from(pad).map_err(|_| EncodeError::RdataTooLong)?)?;
        for _ in 0..pad {
            self.w.u8(0)?;
        }
        self.w.patch_u16(rdlen_at, new_rdlen)
    }
}

impl Message<'_> {
    /// Encodes this message again into `buf`, with or without name compression,
    /// keeping every section's order and the OPT record's place. Returns the
    /// number of octets written.
    ///
    /// # Errors
    /// [`EncodeError::NoSpace`] if `buf` is too small (compression off, a
    /// message may need more room than it had).
    pub fn encode_into(&self, buf: &mut [u8], compress: bool) -> Result<usize, EncodeError> {
        let mut b = MessageBuilder::with_compression(buf, self.header(), compress)?;
        for q in self.questions() {
            b.question(&q)?;
        }
        for r in self.answers() {
            b.answer(&r)?;
        }
        for r in self.authority() {
            b.authority(&r)?;
        }
        let opt = self.edns().zip(self.edns_index());
        b.section = Section::Additional;
        let mut pos: u16 = 0;
        for r in self.additional() {
            if let Some((edns, at)) = opt
                && at == pos
            {
                b.edns(&edns)?;
                pos = pos.saturating_add(1);
            }
            b.additional(&r)?;
            pos = pos.saturating_add(1);
        }
        if let Some((edns, _)) = opt
            && b.opt == OptState::None
        {
            b.edns(&edns)?;
        }
        Ok(b.finish()?.len())
    }
}

#[cfg(test)]
#[path = "response_tests.rs"]
mod response_tests;
