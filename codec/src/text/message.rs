//! A whole message from the text dig prints (and `Message`'s `Display`, which
//! prints the same layout), without a heap.
//!
//! The text is read line by line. The `->>HEADER<<-` line gives the opcode,
//! status and id; the `flags:` line the flags and, when present, the section
//! counts (checked against what follows); the OPT pseudo-section the EDNS
//! version, flags, UDP size and options (in the forms dig 9.18 prints them);
//! section titles say where the records that follow go. A question line is a
//! comment line (`;name. IN A`) in the question section, or before any record
//! when no title came first. Records before any title are answers, so the
//! output of `dig +noall +answer` reads as a message of answers. Other comment
//! lines (`; <<>> DiG ...`, `;; Query time: ...`, `;; MSG SIZE ...`) are
//! skipped. Records may span lines inside parentheses, as `dig +multiline`
//! prints them.
//!
//! kdig's layout (Knot DNS 3) is read too: `;` instead of `,` between the
//! header's items and the counts, `;; Flags:`, an `;; EDNS PSEUDOSECTION:`
//! whose `;; Version: 0; flags: do; UDP size: 1232 B; ext-rcode: ...` line
//! and `;; NSID: ...` option lines, and questions as `;; name IN A`.
//!
//! ```
//! use dnswire::text::parse_message;
//! let dig = "\
//! ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 20464
//! ;; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1
//! ; EDNS: version: 0, flags:; udp: 4096
//! ;service2.acmeltd.co.uk.                IN      A
//! service2.acmeltd.co.uk. 54      IN      CNAME   service2.region.prod.brkr.io.
//! service2.region.prod.brkr.io. 300 IN    A       10.10.10.10
//! ";
//! let (mut buf, mut scratch) = ([0u8; 512], [0u8; 512]);
//! let wire = parse_message(dig, &mut buf, &mut scratch, true).unwrap();
//! assert_eq!(wire.len(), 109); // what dig reported as MSG SIZE
//! ```

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use super::octet_search::{equal, pair, unmarked};
use super::{Tokens, parse_name, parse_record};
use crate::builder::MessageBuilder;
use crate::edns::{Edns, EdnsFlags, EdnsOptions};
use crate::error::{EncodeError, TextError, TextErrorAt};
use crate::header::{Flags, Header};
use crate::iana::{Class, Opcode, OptionCode, Rcode, Rtype};
use crate::message::Section;
use crate::present;
use crate::record::Question;
use crate::wire::Writer;

/// A [`TextError`] in message text, and where: the line (counting from 1) and
/// the byte offset in that line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MessageTextError {
    /// What is wrong.
    pub error: TextError,
    /// The line, counting from 1.
    pub line: usize,
    /// The byte offset in the line.
    pub column: usize,
    /// The same error as a record's reader tells it, with what was expected
    /// and in which field when known (its column is the same).
    pub detail: TextErrorAt,
}

impl MessageTextError {
    /// The error without its place: `bad IPv4 address`, `expected a number
    /// (MX preference)`.
    pub fn reason(&self) -> impl fmt::Display + '_ {
        self.detail.reason()
    }
}

impl fmt::Display for MessageTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.reason())
    }
}

impl core::error::Error for MessageTextError {}

/// Where the lines being read belong.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Before any title or record: a comment line may be a question.
    Preamble,
    /// The OPT pseudo-section: option lines.
    Opt,
    /// The question (zone) section.
    Question,
    /// A record section.
    Records(Section),
}

/// The header as the text gives it.
#[derive(Clone, Copy, Default)]
struct HeaderText {
    id: u16,
    flags: Flags,
    rcode: u16,
    counts: Option<[u16; 4]>,
    counts_line: usize,
}

/// The OPT record as the text gives it, its options in wire form at the start
/// of the scratch buffer.
#[derive(Clone, Copy)]
struct OptText {
    udp: u16,
    version: u8,
    flags: u16,
    options_len: usize,
    line: usize,
}

/// Parses one message in dig's layout into `buf` and returns it. `scratch`
/// holds one record's RDATA (or the EDNS options) at a time: 65535 octets are
/// always enough, a few hundred for most messages. Names are compressed when
/// `compress` is set.
///
/// Errors say where: the line and the byte offset in it.
///
/// # Errors
/// A [`MessageTextError`] whose [`TextError`] is what a record's reader
/// reports (see [`parse_record`](super::parse_record)), or
/// [`TextError::CountMismatch`] when the `;; flags:` line's counts differ
/// from the records, [`TextError::NoSpace`] when `buf` or `scratch` is too
/// small, [`TextError::Rejected`] when the builder refuses a record.
pub fn parse_message<'b>(text: &str, buf: &'b mut [u8], scratch: &mut [u8], compress: bool) -> Result<&'b mut [u8], MessageTextError> {
    let mut parser = Parser {
        text,
        records: false,
        kdig: false,
        header: None,
        part: Part::Preamble,
        opt: None,
        opt_pending: false,
        builder: None,
        buf: Some(buf),
        compress,
    };
    // First the header, flags and OPT lines, wherever they stand: the OPT
    // record goes to the builder before any record, so it ends up last, where
    // dig's layout (which does not say where it stood) implies it was.
    for records in [false, true] {
        parser.records = records;
        parser.part = Part::Preamble;
        let mut pos = 0usize;
        while pos < text.len() {
            let line_end = text.get(pos..).and_then(|rest| rest.find('\n')).map_or(text.len(), |i| pos.saturating_add(i));
            let line = text.get(pos..line_end).unwrap_or("");
            crate::work::steps(line.len().saturating_add(1));
            let next = parser.line(pos, line, scratch)?;
            pos = next.max(line_end.saturating_add(1));
        }
        if !records {
            parser.flush_opt(scratch)?;
        }
    }
    parser.finish()
}

struct Parser<'t, 'b> {
    text: &'t str,
    /// The second pass: questions and records (the first reads the rest).
    records: bool,
    /// The flags line was kdig's (`;; Flags:`): its questions start `;;`.
    kdig: bool,
    header: Option<HeaderText>,
    part: Part,
    opt: Option<OptText>,
    /// An OPT record read but not yet given to the builder.
    opt_pending: bool,
    builder: Option<MessageBuilder<'b>>,
    buf: Option<&'b mut [u8]>,
    compress: bool,
}

impl<'b> Parser<'_, 'b> {
    /// Reads the line at `start`; returns where the next line starts when the
    /// line began a record that goes on past it (0 otherwise).
    fn line(&mut self, start: usize, line: &str, scratch: &mut [u8]) -> Result<usize, MessageTextError> {
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() {
            if self.part == Part::Opt {
                self.part = Part::Preamble;
            }
            return Ok(0);
        }
        if let Some(rest) = trimmed.strip_prefix(";; ->>HEADER<<-") {
            if self.records {
                return Ok(0);
            }
            if self.header.is_some() || self.builder.is_some() {
                return Err(locate(self.text, start, TextError::ExtraToken));
            }
            let header = parse_header_line(rest).map_err(|e| locate(self.text, start, e))?;
            self.header = Some(header);
            return Ok(0);
        }
        let kdig_flags = trimmed.strip_prefix(";; Flags:");
        self.kdig |= kdig_flags.is_some();
        if let Some(rest) = trimmed.strip_prefix(";; flags:").or(kdig_flags) {
            if self.records {
                return Ok(0);
            }
            let header = self.header.get_or_insert_with(HeaderText::default);
            parse_flags_line(rest, header).map_err(|e| locate(self.text, start, e))?;
            header.counts_line = start;
            return Ok(0);
        }
        if let Some(title) = trimmed.strip_prefix(";; ").and_then(|t| t.strip_suffix(':')) {
            let part = match title {
                "OPT PSEUDOSECTION" | "EDNS PSEUDOSECTION" => Some(Part::Opt),
                "QUESTION SECTION" | "ZONE SECTION" => Some(Part::Question),
                "ANSWER SECTION" | "PREREQUISITE SECTION" => Some(Part::Records(Section::Answer)),
                "AUTHORITY SECTION" | "UPDATE SECTION" => Some(Part::Records(Section::Authority)),
                "ADDITIONAL SECTION" | "TSIG PSEUDOSECTION" => Some(Part::Records(Section::Additional)),
                _ => None,
            };
            if let Some(part) = part {
                self.part = part;
                return Ok(0);
            }
        }
        let kdig_edns = if self.part == Part::Opt { trimmed.strip_prefix(";; Version:") } else { None };
        if let Some(rest) = trimmed.strip_prefix("; EDNS:").or(kdig_edns) {
            if self.records {
                self.part = Part::Opt;
                return Ok(0);
            }
            if self.opt.is_some() {
                return Err(locate(self.text, start, TextError::Rejected(EncodeError::MisplacedSection)));
            }
            let parsed = if kdig_edns.is_some() { parse_kdig_edns_line(rest) } else { parse_edns_line(rest) };
            let mut opt = parsed.map_err(|e| locate(self.text, start, e))?;
            opt.line = start;
            self.opt = Some(opt);
            self.opt_pending = true;
            self.part = Part::Opt;
            return Ok(0);
        }
        if let Some(rest) = trimmed.strip_prefix(';') {
            // kdig writes `;; name IN A` in its question section.
            let question = match rest.strip_prefix(';') {
                None => Some(parse_question(rest)),
                // kdig's trailer (`;; Received 40 B`) follows an empty
                // answer in the question part: what is no question is a
                // comment there (the counts catch a question spelled wrong).
                Some(kdig) if self.kdig && self.part == Part::Question => Some(parse_question(kdig)).filter(Result::is_ok),
                Some(_) => None,
            };
            match (question, self.part) {
                (Some(Ok(q)), Part::Preamble | Part::Question | Part::Opt) => return self.question(start, q).map(|()| 0),
                // In the question section, a comment line that is no question is one spelled wrong.
                (Some(Err(e)), Part::Question) if self.records => {
                    return Err(locate_detail(self.text, start.saturating_add(e.column).saturating_add(1), e));
                }
                _ => {}
            }
            if self.part == Part::Opt && self.opt_pending && !self.records {
                let len = self.opt.map_or(0, |o| o.options_len);
                let mut options = Writer::new(scratch, false);
                options.len = len;
                let parsed = match rest.strip_prefix("; ") {
                    Some(kdig) => parse_kdig_option_line(kdig, &mut options),
                    None => parse_option_line(rest.trim_start(), &mut options),
                };
                parsed.map_err(|e| locate(self.text, start, e))?;
                if let Some(opt) = self.opt.as_mut() {
                    opt.options_len = options.len;
                }
                return Ok(0);
            }
            // Any other comment line.
            return Ok(0);
        }
        self.record(start, scratch)
    }

    fn question(&mut self, start: usize, q: (super::NameBuf, Rtype, Class)) -> Result<(), MessageTextError> {
        self.part = Part::Question;
        if !self.records {
            return Ok(());
        }
        let (name, qtype, qclass) = q;
        let b = self.builder(start)?;
        let result = b.question(&Question { qname: name.as_name(), qtype, qclass });
        result.map_err(|e| locate(self.text, start, encode_error(e)))
    }

    /// Reads the record that starts at `start` (and may go on over several
    /// lines in parentheses) and adds it; returns where the next line starts.
    fn record(&mut self, start: usize, scratch: &mut [u8]) -> Result<usize, MessageTextError> {
        let section = match self.part {
            Part::Records(s) => s,
            _ => {
                self.part = Part::Records(Section::Answer);
                Section::Answer
            }
        };
        let rest = self.text.get(start..).unwrap_or("");
        let len = record_len(rest);
        let record_text = rest.get(..len).unwrap_or(rest);
        if !self.records {
            return Ok(start.saturating_add(len).saturating_add(1));
        }
        let rec = parse_record(record_text, None, 0, scratch).map_err(|e| locate_detail(self.text, start.saturating_add(e.column), e))?;
        let b = self.builder(start)?;
        let result = b.push(section, &rec.record());
        result.map_err(|e| locate(self.text, start, encode_error(e)))?;
        Ok(start.saturating_add(len).saturating_add(1))
    }

    /// The builder, started from the header the text gave (or a zero header)
    /// when the first question, record or OPT record comes.
    fn builder(&mut self, at: usize) -> Result<&mut MessageBuilder<'b>, MessageTextError> {
        if self.builder.is_none() {
            let h = self.header.unwrap_or_default();
            let buf = self.buf.take().ok_or(locate(self.text, at, TextError::NoSpace))?;
            let header = Header { id: h.id, flags: h.flags.with_rcode(Rcode(h.rcode & 0xF)), ..Header::default() };
            let b = if self.compress { MessageBuilder::new(buf, header) } else { MessageBuilder::new_uncompressed(buf, header) };
            self.builder = Some(b.map_err(|e| locate(self.text, at, encode_error(e)))?);
        }
        self.builder.as_mut().ok_or(locate(self.text, at, TextError::NoSpace))
    }

    /// Gives the OPT record read so far to the builder; the scratch buffer is
    /// free again after.
    fn flush_opt(&mut self, scratch: &[u8]) -> Result<(), MessageTextError> {
        if !self.opt_pending {
            return Ok(());
        }
        self.opt_pending = false;
        let Some(opt) = self.opt else { return Ok(()) };
        let rcode = self.header.map_or(0, |h| h.rcode);
        let wire = scratch.get(..opt.options_len).unwrap_or(&[]);
        let options = EdnsOptions::from_wire(wire).map_err(|_| locate(self.text, opt.line, TextError::BadField))?;
        let edns = Edns {
            udp_payload_size: opt.udp,
            extended_rcode: u8::try_from(rcode >> 4).map_err(|_| locate(self.text, opt.line, TextError::BadNumber))?,
            version: opt.version,
            flags: EdnsFlags(opt.flags),
            options,
        };
        let b = self.builder(opt.line)?;
        let result = b.edns(&edns);
        result.map_err(|e| locate(self.text, opt.line, encode_error(e)))
    }

    fn finish(mut self) -> Result<&'b mut [u8], MessageTextError> {
        if self.header.is_none() && self.builder.is_none() && self.opt.is_none() {
            // No header, question or record: no message, not a zero header.
            return Err(locate(self.text, self.text.len(), TextError::MissingToken));
        }
        let h = self.header.unwrap_or_default();
        if h.rcode > 0xF && self.opt.is_none() {
            // The upper rcode bits live in the OPT record.
            return Err(locate(self.text, 0, TextError::BadNumber));
        }
        self.builder(0)?;
        let end = self.text.len();
        let b = self.builder.take().ok_or(locate(self.text, end, TextError::NoSpace))?;
        let wire = b.finish().map_err(|e| locate(self.text, end, encode_error(e)))?;
        if let Some(counts) = h.counts {
            let built = Header::decode(wire).unwrap_or_default();
            if counts != [built.qdcount, built.ancount, built.nscount, built.arcount] {
                return Err(locate(self.text, h.counts_line, TextError::CountMismatch));
            }
        }
        Ok(wire)
    }
}

/// The error `error` at byte offset `at` of `text`, as a line and column.
fn locate(text: &str, at: usize, error: TextError) -> MessageTextError {
    locate_detail(text, at, TextErrorAt::new(error, 0))
}

/// [`locate`] for an error the record reader described.
fn locate_detail(text: &str, at: usize, detail: TextErrorAt) -> MessageTextError {
    let error = detail.error;
    let head = text.get(..at).unwrap_or(text);
    let line = head.bytes().filter(|&b| b == b'\n').count().saturating_add(1);
    let column = head.rfind('\n').map_or(at, |nl| at.saturating_sub(nl).saturating_sub(1));
    MessageTextError { error, line, column, detail: TextErrorAt { column, ..detail } }
}

fn encode_error(e: EncodeError) -> TextError {
    match e {
        EncodeError::NoSpace => TextError::NoSpace,
        e => TextError::Rejected(e),
    }
}

/// The length of the record at the start of `text`: to the end of its line,
/// or of the line that closes its parentheses (those in quotes and comments
/// do not count). A zone-file reader splits a file into records with it.
///
/// ```
/// let text = "@ SOA ns host ( 1 ; serial\n 2 3 4 5 )\nwww A 192.0.2.1\n";
/// let n = dnswire::text::record_len(text);
/// assert_eq!(&text[n..], "\nwww A 192.0.2.1\n");
/// ```
pub fn record_len(text: &str) -> usize {
    statement_len(text.as_bytes())
}

/// [`record_len`] over octets: a master file is octets, not UTF-8, and every
/// octet that delimits a statement is ASCII.
pub(crate) fn statement_len(bytes: &[u8]) -> usize {
    statement_extent(bytes).0
}

/// Whether `b` can change where a statement ends.
fn is_special(b: u8) -> bool {
    matches!(b, b'\n' | b'\\' | b'"' | b';' | b'(' | b')')
}

/// Where the first octet is that [`is_special`] (the length when none is).
fn first_special(bytes: &[u8]) -> usize {
    let skip = unmarked(bytes, |v| equal(v, b'\n') | equal(v, b'\\') | equal(v, b'"') | equal(v, b';') | pair(v, b'('));
    let rest = bytes.get(skip..).unwrap_or(&[]);
    rest.iter().position(|&b| is_special(b)).map_or(bytes.len(), |i| skip.saturating_add(i))
}

/// [`statement_len`], and the newlines inside the statement (not the one
/// that ends it): one scan gives the reader both where the next statement
/// starts and its line.
pub(crate) fn statement_extent(bytes: &[u8]) -> (usize, usize) {
    // Up to the first octet that matters, nothing changes the state below:
    // a plain one-line record ends there, without the state machine.
    let plain = first_special(bytes);
    if bytes.get(plain).is_none_or(|&b| b == b'\n') {
        return (plain, 0);
    }
    let (mut depth, mut quoted, mut escaped, mut comment) = (0usize, false, false, false);
    let mut newlines = 0usize;
    let mut next = plain;
    loop {
        // Octets the state machine would pass over unchanged are skipped in
        // one search: in a comment all but a newline, after an escape none,
        // elsewhere all but the special ones.
        let rest = bytes.get(next..).unwrap_or(&[]);
        let skip = if comment {
            rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
        } else if escaped {
            0
        } else {
            first_special(rest)
        };
        let i = next.saturating_add(skip);
        let Some(&b) = bytes.get(i) else { break };
        next = i.saturating_add(1);
        if b == b'\n' {
            comment = false;
            if depth == 0 {
                return (i, newlines);
            }
            newlines = newlines.saturating_add(1);
            continue;
        }
        if comment {
            continue;
        }
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' => escaped = true,
            b'"' => quoted = !quoted,
            b';' if !quoted => comment = true,
            b'(' if !quoted => depth = depth.saturating_add(1),
            b')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (bytes.len(), newlines)
}

/// ` opcode: QUERY, status: NOERROR, id: 24752` (kdig: `;` for `,`)
fn parse_header_line(rest: &str) -> Result<HeaderText, TextError> {
    let mut h = HeaderText::default();
    let mut seen = 0u8;
    for item in rest.split([',', ';']) {
        let (key, value) = item.split_once(':').ok_or(TextError::BadField)?;
        let value = value.trim();
        match key.trim() {
            "opcode" => {
                let op = Opcode::from_mnemonic(value).ok_or(TextError::UnknownMnemonic)?;
                h.flags = h.flags.with_opcode(op);
                seen |= 1;
            }
            "status" => {
                let rcode = parse_status(value)?;
                if rcode.0 > 0xFFF {
                    return Err(TextError::BadNumber);
                }
                h.rcode = rcode.0;
                seen |= 2;
            }
            "id" => {
                h.id = present::parse_decimal(value).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
                seen |= 4;
            }
            _ => return Err(TextError::BadField),
        }
    }
    if seen != 7 {
        return Err(TextError::MissingToken);
    }
    Ok(h)
}

/// A status as dig prints it: a mnemonic (`BADSIG` is 16, like `BADVERS`),
/// `RESERVED12`, `?3841`, or a number; or as kdig does (`RCODE 3841`).
fn parse_status(text: &str) -> Result<Rcode, TextError> {
    if text.eq_ignore_ascii_case("BADSIG") {
        return Ok(Rcode::BADVERS);
    }
    // kdig's spellings: NOTIMPL for NOTIMP, `RCODE 15` for a number.
    if text == "NOTIMPL" {
        return Ok(Rcode::NOTIMP);
    }
    let digits = text.strip_prefix("RESERVED").or_else(|| text.strip_prefix('?')).or_else(|| text.strip_prefix("RCODE "));
    match digits {
        Some(d) => present::parse_decimal(d).and_then(|v| u16::try_from(v).ok()).map(Rcode).ok_or(TextError::BadNumber),
        None => Rcode::from_mnemonic(text).ok_or(TextError::UnknownMnemonic),
    }
}

/// ` qr rd ra; MBZ: 0x4; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1`
/// (kdig: ` qr rd; QUERY: 1; ANSWER: 1; AUTHORITY: 0; ADDITIONAL: 1`)
fn parse_flags_line(rest: &str, h: &mut HeaderText) -> Result<(), TextError> {
    let mut parts = rest.split(';');
    let words = parts.next().unwrap_or("");
    let mut flags = h.flags;
    for word in words.split_ascii_whitespace() {
        flags = match word {
            "qr" => flags.with_qr(true),
            "aa" => flags.with_aa(true),
            "tc" => flags.with_tc(true),
            "rd" => flags.with_rd(true),
            "ra" => flags.with_ra(true),
            "ad" => flags.with_ad(true),
            "cd" => flags.with_cd(true),
            "z" => flags.with_z(true),
            _ => return Err(TextError::UnknownMnemonic),
        };
    }
    let mut counts = [0u16; 4];
    let mut seen = 0u8;
    for part in parts {
        let part = part.trim();
        if let Some(mbz) = part.strip_prefix("MBZ:") {
            // dig shows the Z bit shifted down (`MBZ: 0x4`).
            let v = parse_hex_u16(mbz.trim())?;
            if v != 0x4 && v != 0x40 {
                return Err(TextError::BadNumber);
            }
            flags = flags.with_z(true);
            continue;
        }
        for item in part.split(',') {
            let (key, value) = item.split_once(':').ok_or(TextError::BadField)?;
            let index: usize = match key.trim() {
                "QUERY" | "ZONE" => 0,
                "ANSWER" | "PREREQ" => 1,
                "AUTHORITY" | "UPDATE" => 2,
                "ADDITIONAL" => 3,
                _ => return Err(TextError::UnknownMnemonic),
            };
            let v = present::parse_decimal(value.trim()).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
            *counts.get_mut(index).ok_or(TextError::BadField)? = v;
            seen |= 1u8 << index;
        }
    }
    // dig gives the counts in one `;` part, kdig one a part: all four or none.
    match seen {
        0 => {}
        0xF => h.counts = Some(counts),
        _ => return Err(TextError::MissingToken),
    }
    h.flags = flags;
    Ok(())
}

/// `0x0040`
fn parse_hex_u16(text: &str) -> Result<u16, TextError> {
    let digits = text.strip_prefix("0x").ok_or(TextError::BadNumber)?;
    u16::from_str_radix(digits, 16).map_err(|_| TextError::BadNumber)
}

/// ` version: 0, flags: do; MBZ: 0x0001, udp: 4096`
fn parse_edns_line(rest: &str) -> Result<OptText, TextError> {
    let mut opt = OptText { udp: 0, version: 0, flags: 0, options_len: 0, line: 0 };
    let mut seen = 0u8;
    for item in rest.split([',', ';']) {
        if item.trim().is_empty() {
            continue;
        }
        let (key, value) = item.split_once(':').ok_or(TextError::BadField)?;
        let value = value.trim();
        match key.trim() {
            "version" => {
                opt.version = present::parse_decimal(value).and_then(|v| u8::try_from(v).ok()).ok_or(TextError::BadNumber)?;
                seen |= 1;
            }
            "flags" => {
                for word in value.split_ascii_whitespace() {
                    match word {
                        "do" => opt.flags |= 0x8000,
                        "co" => opt.flags |= 0x4000,
                        _ => return Err(TextError::UnknownMnemonic),
                    }
                }
            }
            "MBZ" => opt.flags |= parse_hex_u16(value)? & 0x3FFF,
            "udp" => {
                opt.udp = present::parse_decimal(value).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
                seen |= 2;
            }
            _ => return Err(TextError::UnknownMnemonic),
        }
    }
    if seen != 3 {
        return Err(TextError::MissingToken);
    }
    Ok(opt)
}

/// kdig's ` 0; flags: do; UDP size: 1232 B; ext-rcode: NOERROR` (after
/// `;; Version:`). The extended rcode is the header's status already.
fn parse_kdig_edns_line(rest: &str) -> Result<OptText, TextError> {
    let mut opt = OptText { udp: 0, version: 0, flags: 0, options_len: 0, line: 0 };
    let mut items = rest.split(';');
    let version = items.next().unwrap_or("").trim();
    opt.version = present::parse_decimal(version).and_then(|v| u8::try_from(v).ok()).ok_or(TextError::BadNumber)?;
    let mut udp_seen = false;
    for item in items {
        let (key, value) = item.split_once(':').ok_or(TextError::BadField)?;
        let value = value.trim();
        match key.trim() {
            "flags" => {
                for word in value.split_ascii_whitespace() {
                    match word {
                        "do" => opt.flags |= 0x8000,
                        "co" => opt.flags |= 0x4000,
                        _ => return Err(TextError::UnknownMnemonic),
                    }
                }
            }
            "UDP size" => {
                let digits = value.strip_suffix(" B").ok_or(TextError::BadNumber)?;
                opt.udp = present::parse_decimal(digits).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
                udp_seen = true;
            }
            "ext-rcode" => {}
            _ => return Err(TextError::UnknownMnemonic),
        }
    }
    if !udp_seen {
        return Err(TextError::MissingToken);
    }
    Ok(opt)
}

/// One kdig option line, after `;; `: `NSID: 6E7331 "ns1"`, `CLIENT-SUBNET:
/// 192.0.2.0/24/0`, `EDE: 18 (Prohibited): 'text'`, `COOKIE: hex`, `PADDING:
/// 5 B`, `Option (65001): 0102`.
fn parse_kdig_option_line(line: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
    let (name, value) = line.split_once(':').ok_or(TextError::BadField)?;
    let value = value.trim();
    let code = match name {
        "NSID" => OptionCode::NSID,
        "COOKIE" => OptionCode::COOKIE,
        "EDE" => OptionCode::EDE,
        "PADDING" => OptionCode::PADDING,
        "EXPIRE" => OptionCode::EXPIRE,
        // The same form as dig's.
        "CLIENT-SUBNET" => return parse_option_line(line, w),
        _ => {
            let n = name.strip_prefix("Option (").and_then(|n| n.strip_suffix(')')).ok_or(TextError::UnknownMnemonic)?;
            OptionCode(present::parse_decimal(n).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?)
        }
    };
    let at = w.len;
    w.u16(code.0)?;
    w.u16(0)?;
    match name {
        "EDE" => {
            let digits_end = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
            let info: u16 =
                value.get(..digits_end).and_then(present::parse_decimal).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
            w.bytes(&info.to_be_bytes())?;
            let mut rest = value.get(digits_end..).unwrap_or("").trim_start();
            if rest.starts_with('(') {
                let close = rest.find(')').ok_or(TextError::Unterminated)?;
                rest = rest.get(close.saturating_add(1)..).unwrap_or("");
            }
            if let Some(extra) = rest.strip_prefix(": '") {
                let extra = extra.strip_suffix('\'').ok_or(TextError::Unterminated)?;
                w.bytes(extra.as_bytes())?;
            } else if !rest.is_empty() {
                return Err(TextError::ExtraToken);
            }
        }
        "EXPIRE" => {
            // `1209600 (2 weeks)`, or nothing in a query.
            let secs = value.split_once(' ').map_or(value, |(secs, _)| secs);
            if !secs.is_empty() {
                w.u32(present::parse_decimal(secs).and_then(|v| u32::try_from(v).ok()).ok_or(TextError::BadNumber)?)?;
            }
        }
        "PADDING" => {
            let n = value.strip_suffix(" B").and_then(present::parse_decimal).ok_or(TextError::BadNumber)?;
            for _ in 0..n {
                w.u8(0)?;
            }
        }
        // NSID: the hex, then its printable form in quotes when it has one.
        _ => {
            let hex = value.split_once(' ').map_or(value, |(hex, _)| hex);
            super::hex_into(hex, |_| false, w)?;
        }
    }
    let len = w.len.checked_sub(at).and_then(|n| n.checked_sub(4)).ok_or(TextError::NoSpace)?;
    w.patch_u16(at.checked_add(2).ok_or(TextError::NoSpace)?, u16::try_from(len).map_err(|_| TextError::StringTooLong)?)?;
    Ok(())
}

/// Hex octets separated by spaces or not (`67 70`, `6770`), up to the end or
/// to a token that starts with `(` (dig's printable form that follows them).
fn hex_words(text: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
    for word in text.split_ascii_whitespace() {
        if word.starts_with('(') {
            break;
        }
        super::hex_into(word, |_| false, w)?;
    }
    Ok(())
}

/// One option line of the OPT pseudo-section, in the forms dig 9.18 (and
/// `EdnsOption`'s `Display`) print, after the leading `; `.
fn parse_option_line(line: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
    let (name, value) = line.split_once(':').ok_or(TextError::BadField)?;
    let value = value.trim();
    let number = |text: &str| present::parse_decimal(text).ok_or(TextError::BadNumber);
    let code = match name {
        "NSID" => OptionCode::NSID,
        "CLIENT-SUBNET" => OptionCode::CLIENT_SUBNET,
        "COOKIE" => OptionCode::COOKIE,
        "EDE" => OptionCode::EDE,
        "PAD" => OptionCode::PADDING,
        "TCP KEEPALIVE" => OptionCode::TCP_KEEPALIVE,
        "EXPIRE" => OptionCode::EXPIRE,
        "KEY-TAG" => OptionCode::KEY_TAG,
        _ => {
            let n = name.strip_prefix("OPT=").ok_or(TextError::UnknownMnemonic)?;
            OptionCode(number(n).and_then(|v| u16::try_from(v).map_err(|_| TextError::BadNumber))?)
        }
    };
    // The option's code and a length patched once the data is written.
    let at = w.len;
    w.u16(code.0)?;
    w.u16(0)?;
    match name {
        "CLIENT-SUBNET" => {
            // address/source/scope
            let mut parts = value.split('/');
            let (addr, source, scope) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            if parts.next().is_some() {
                return Err(TextError::BadField);
            }
            let source = u8::try_from(number(source)?).map_err(|_| TextError::BadNumber)?;
            let scope = u8::try_from(number(scope)?).map_err(|_| TextError::BadNumber)?;
            let mut octets = [0u8; 16];
            let family: u16 = if let Ok(v4) = addr.parse::<Ipv4Addr>() {
                octets.get_mut(..4).ok_or(TextError::BadField)?.copy_from_slice(&v4.octets());
                1
            } else {
                octets = addr.parse::<Ipv6Addr>().map_err(|_| TextError::BadField)?.octets();
                2
            };
            w.bytes(&family.to_be_bytes())?;
            w.bytes(&[source, scope])?;
            w.bytes(octets.get(..usize::from(source.div_ceil(8))).ok_or(TextError::BadNumber)?)?;
        }
        "COOKIE" => {
            // dig adds `(good)`, `(bad)` or `(echoed)` after a server cookie.
            hex_words(value, w)?;
        }
        "EDE" => {
            // `18 (Prohibited): (extra text)`, `18 (Prohibited)`, `30`, `30: (text)`
            let digits_end = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
            let info: u16 =
                value.get(..digits_end).and_then(present::parse_decimal).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
            w.bytes(&info.to_be_bytes())?;
            let mut rest = value.get(digits_end..).unwrap_or("").trim_start();
            if rest.starts_with('(') && !rest.starts_with("): (") {
                // The INFO-CODE's name: up to its `)`.
                let close = rest.find(')').ok_or(TextError::Unterminated)?;
                rest = rest.get(close.saturating_add(1)..).unwrap_or("");
            }
            if let Some(extra) = rest.strip_prefix(": (") {
                let extra = extra.strip_suffix(')').ok_or(TextError::Unterminated)?;
                w.bytes(extra.as_bytes())?;
            } else if !rest.is_empty() {
                return Err(TextError::ExtraToken);
            }
        }
        "PAD" => {
            if !value.is_empty() {
                let n = value.strip_prefix('(').and_then(|v| v.strip_suffix(" bytes)")).ok_or(TextError::BadField)?;
                let n = usize::try_from(number(n)?).map_err(|_| TextError::BadNumber)?;
                for _ in 0..n {
                    w.u8(0)?;
                }
            }
        }
        "TCP KEEPALIVE" => {
            if !value.is_empty() {
                // `1.5 secs`: units of 100 ms.
                let secs = value.strip_suffix(" secs").ok_or(TextError::BadField)?;
                let (whole, tenth) = secs.split_once('.').ok_or(TextError::BadNumber)?;
                let tenths = number(whole)?.checked_mul(10).and_then(|v| v.checked_add(number(tenth).ok().filter(|t| *t < 10)?));
                let v = tenths.and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
                w.bytes(&v.to_be_bytes())?;
            }
        }
        "EXPIRE" => {
            if !value.is_empty() {
                let secs = value.split_ascii_whitespace().next().unwrap_or("");
                let v = u32::try_from(number(secs)?).map_err(|_| TextError::BadNumber)?;
                w.bytes(&v.to_be_bytes())?;
            }
        }
        "KEY-TAG" => {
            for tag in value.split(',') {
                let v = u16::try_from(number(tag.trim())?).map_err(|_| TextError::BadNumber)?;
                w.bytes(&v.to_be_bytes())?;
            }
        }
        // NSID and OPT=N: hex octets, then their printable form in quotes.
        _ => hex_words(value, w)?,
    }
    let data_len = w.len.checked_sub(at).and_then(|n| n.checked_sub(4)).ok_or(TextError::BadField)?;
    let len = u16::try_from(data_len).map_err(|_| TextError::StringTooLong)?;
    Ok(w.patch_u16(at.checked_add(2).ok_or(TextError::NoSpace)?, len)?)
}

/// A question line after its `;`: `name. [class] type`.
fn parse_question(text: &str) -> Result<(super::NameBuf, Rtype, Class), super::TextErrorAt> {
    let mut tokens = Tokens::new(text);
    let at = |tokens: &Tokens<'_>, error| super::TextErrorAt::new(error, tokens.column());
    let name = tokens.next_token().map_err(|e| at(&tokens, e))?.ok_or(at(&tokens, TextError::MissingToken))?;
    let name = parse_name(name.text, None).map_err(|e| at(&tokens, e))?;
    let first = tokens.next_token().map_err(|e| at(&tokens, e))?.ok_or(at(&tokens, TextError::MissingToken))?;
    let second = tokens.next_token().map_err(|e| at(&tokens, e))?;
    let (class, rtype) = match second {
        Some(t) => (Class::from_mnemonic(first.text).ok_or(at(&tokens, TextError::UnknownMnemonic))?, t.text),
        None => (Class::IN, first.text),
    };
    let rtype = Rtype::from_mnemonic(rtype).ok_or(at(&tokens, TextError::UnknownMnemonic))?;
    tokens.finish().map_err(|e| at(&tokens, e))?;
    Ok((name, rtype, class))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use crate::Message;
    use std::string::ToString;

    fn parse(text: &str) -> Result<std::vec::Vec<u8>, MessageTextError> {
        let (mut buf, mut scratch) = ([0u8; 4096], [0u8; 1024]);
        parse_message(text, &mut buf, &mut scratch, true).map(|w| w.to_vec())
    }

    #[test]
    fn options_as_dig_prints_them() {
        let text = "\
;; ->>HEADER<<- opcode: QUERY, status: BADCOOKIE, id: 7
;; flags: qr aa; MBZ: 0x4; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags: do co; MBZ: 0x0001, udp: 1232
; NSID: 67 70 (\"gp\")
; COOKIE: 0102030405060708 (good)
; CLIENT-SUBNET: 192.0.2.0/24/0
; EDE: 18 (Prohibited): (no (way))
; PAD: (3 bytes)
; TCP KEEPALIVE: 1.5 secs
; EXPIRE: 3600 (1 hour)
; KEY-TAG: 1, 513
; OPT=65001: ff 00 (\"..\")
; OPT=65002:
;; QUESTION SECTION:
;x.example.\t\tCH\tTXT
";
        let wire = parse(text).unwrap();
        let msg = Message::decode(&wire).unwrap();
        assert_eq!(msg.rcode(), Rcode::BADCOOKIE);
        assert!(msg.header().flags.z() && msg.header().flags.aa());
        let edns = msg.edns().unwrap();
        assert_eq!((edns.flags.0, edns.udp_payload_size), (0xC001, 1232));
        let options: std::vec::Vec<(u16, &[u8])> = edns.options.iter().map(|o| (o.code.0, o.data)).collect();
        assert_eq!(
            options,
            [
                (3, &b"gp"[..]),
                (10, &[1, 2, 3, 4, 5, 6, 7, 8][..]),
                (8, &[0, 1, 24, 0, 192, 0, 2][..]),
                (15, &b"\x00\x12no (way)"[..]),
                (12, &[0, 0, 0][..]),
                (11, &[0, 15][..]),
                (9, &[0, 0, 0x0e, 0x10][..]),
                (14, &[0, 1, 2, 1][..]),
                (65001, &[0xff, 0][..]),
                (65002, &[][..]),
            ]
        );
        assert_eq!(msg.question().unwrap().qclass, Class::CH);
        // And the display reads back to the same octets.
        assert_eq!(parse(&msg.to_string()).unwrap(), wire);
    }

    fn err(text: &str) -> (TextError, usize, usize) {
        let e = parse(text).unwrap_err();
        (e.error, e.line, e.column)
    }

    #[test]
    fn errors_say_where() {
        let head = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n";
        assert_eq!(err(";; ->>HEADER<<- opcode: QUERY, id: 1"), (TextError::MissingToken, 1, 0));
        assert_eq!(err(";; ->>HEADER<<- opcode: QUERY, status: NOSUCH, id: 1"), (TextError::UnknownMnemonic, 1, 0));
        assert_eq!(err(&std::format!("{head};; flags: qr xx; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0")), (TextError::UnknownMnemonic, 2, 0));
        assert_eq!(err(&std::format!("{head};; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0")), (TextError::CountMismatch, 2, 0));
        assert_eq!(err(&std::format!("{head}\n;; ANSWER SECTION:\nx. 1 IN A 192.0.2.300")), (TextError::BadField, 4, 10));
        assert_eq!(err(&std::format!("{head}\n;; QUESTION SECTION:\n;x. IN NOSUCH")), (TextError::UnknownMnemonic, 4, 7));
        assert_eq!(err(&std::format!("{head}; EDNS: version: 0, flags:; udp: 512\n; COOKIE: 01")), (TextError::BadField, 2, 0));
        assert_eq!(err(&std::format!("{head}; EDNS: version: 0, flags:; udp: 512\n; WHAT: 01")), (TextError::UnknownMnemonic, 3, 0));
        assert_eq!(err(&std::format!("{head}{head}")), (TextError::ExtraToken, 2, 0));
        let status = ";; ->>HEADER<<- opcode: QUERY, status: BADVERS, id: 1\n";
        assert_eq!(err(status), (TextError::BadNumber, 1, 0), "an extended rcode needs an OPT record");
        // Sections out of order: the builder refuses.
        let text = std::format!("{head}\n;; AUTHORITY SECTION:\nx. 1 IN A 192.0.2.1\n;; ANSWER SECTION:\nx. 1 IN A 192.0.2.1");
        assert_eq!(err(&text), (TextError::Rejected(EncodeError::MisplacedSection), 6, 0));
        let (mut small, mut scratch) = ([0u8; 20], [0u8; 64]);
        let e = parse_message(&std::format!("{head}x. 1 IN A 192.0.2.1"), &mut small, &mut scratch, true).unwrap_err();
        assert_eq!((e.error, e.line), (TextError::NoSpace, 2));
    }

    /// RFC 2136 §2.4, §2.5: RDATA may be left out (class ANY, or NONE among
    /// prerequisites) only in an UPDATE. Elsewhere a record without RDATA
    /// must be refused rather than written as a message that cannot decode.
    #[test]
    fn class_any_without_rdata_outside_update_is_refused() {
        let text = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; ANSWER SECTION:\ncom. 0 ANY CAA\n";
        assert_eq!(err(text), (TextError::Rejected(EncodeError::InvalidValue), 3, 0));
    }

    /// Whatever the text reader and the builder accept decodes: every type
    /// with a mnemonic, without RDATA, in class ANY and NONE, in each record
    /// section of a query and of an UPDATE.
    #[test]
    fn records_without_rdata_that_are_accepted_decode() {
        let mut accepted = 0usize;
        for rtype in (0..=u16::MAX).map(Rtype).filter(|t| t.mnemonic().is_some() && *t != Rtype::OPT) {
            for class in ["ANY", "NONE"] {
                for opcode in ["QUERY", "UPDATE"] {
                    for section in ["ANSWER", "AUTHORITY", "ADDITIONAL"] {
                        let text = std::format!(
                            ";; ->>HEADER<<- opcode: {opcode}, status: NOERROR, id: 1\n;; QUESTION SECTION:\n;example. IN SOA\n;; {section} SECTION:\nexample. 0 {class} {rtype}\n"
                        );
                        if let Ok(wire) = parse(&text) {
                            accepted += 1;
                            if let Err(e) = Message::decode(&wire) {
                                panic!("accepted but does not decode ({e:?}):\n{text}");
                            }
                        }
                    }
                }
            }
        }
        assert!(accepted > 0);
    }

    #[test]
    fn answers_alone_and_multiline_records() {
        // `dig +noall +answer +multiline`
        let text = "x.example. 3600 IN SOA ns.example. host.example. (\n\t\t1 ; serial\n\t\t2 3 4 5 )\nx.example. 60 IN TXT \"a ( b\"\n";
        let wire = parse(text).unwrap();
        let msg = Message::decode(&wire).unwrap();
        assert_eq!(msg.header().ancount, 2);
        assert_eq!(msg.header().id, 0);
        assert_eq!(msg.answers().nth(1).unwrap().to_string(), "x.example.\t60\tIN\tTXT\t\"a ( b\"");
    }

    /// What kdig 3.2 printed for a loopback answer (`;; Received 129 B`).
    const KDIG: &str = ";; ->>HEADER<<- opcode: QUERY; status: NOERROR; id: 1043
;; Flags: qr rd; QUERY: 1; ANSWER: 1; AUTHORITY: 0; ADDITIONAL: 1

;; EDNS PSEUDOSECTION:
;; Version: 0; flags: do; UDP size: 1232 B; ext-rcode: NOERROR
;; NSID: 6E7331 \"ns1\"
;; CLIENT-SUBNET: 192.0.2.0/24/0
;; EDE: 18 (Prohibited): 'no way'
;; COOKIE: 0001020304050607000102030405060708090A0B0C0D0E0F
;; Option (65001): 0102
;; PADDING: 5 B

;; QUESTION SECTION:
;; www.example.        		IN	A

;; ANSWER SECTION:
www.example.        	300	IN	A	192.0.2.1

;; Received 129 B
;; Time 2026-12-02 14:28:46 UTC
;; From 127.0.0.1@37780(UDP) in 1.8 ms
";

    #[test]
    fn kdig_layout() {
        let wire = parse(KDIG).unwrap();
        assert_eq!(wire.len(), 129, "what kdig received");
        let msg = Message::decode(&wire).unwrap();
        assert_eq!((msg.header().id, msg.header().qdcount, msg.header().ancount), (1043, 1, 1));
        let edns = msg.edns().unwrap();
        assert_eq!((edns.udp_payload_size, edns.flags.0), (1232, 0x8000));
        let codes: std::vec::Vec<u16> = edns.options.iter().map(|o| o.code.0).collect();
        assert_eq!(codes, [3, 8, 15, 10, 65001, 12]);
        assert_eq!(edns.options.iter().nth(2).unwrap().data, b"\x00\x12no way");
        assert_eq!(msg.questions().next().unwrap().qname.to_string(), "www.example.");
    }

    #[test]
    fn kdig_status_spellings_and_an_empty_answer() {
        let text = ";; ->>HEADER<<- opcode: QUERY; status: NOTIMPL; id: 7\n;; Flags: qr rd z; QUERY: 1; ANSWER: 0; AUTHORITY: 0; ADDITIONAL: 0\n\n;; QUESTION SECTION:\n;; www.example.com.    \t\tIN\tA\n\n;; Received 33 B\n";
        let msg_wire = parse(text).unwrap();
        let msg = Message::decode(&msg_wire).unwrap();
        assert_eq!((msg.rcode(), msg.header().flags.z(), msg_wire.len()), (Rcode::NOTIMP, true, 33));
        let text = text.replace("NOTIMPL", "RCODE 15");
        assert_eq!(Message::decode(&parse(&text).unwrap()).unwrap().rcode(), Rcode(15));
    }

    /// Counted by hand: a record ends at the newline outside parentheses,
    /// quotes and comments.
    #[test]
    fn the_first_special_octet_is_found_at_every_place() {
        // Octets next to the special ones and above ASCII must not stop it.
        let others = [b'a', 0x0B, 0x09, 0x21, 0x23, 0x27, 0x2A, 0x3A, 0x3C, 0x5B, 0x5D, 0x80, 0xA2, 0xDC, 0xFF, 0x00];
        for len in 0..20usize {
            for at in 0..=len {
                for special in [b'\n', b'\\', b'"', b';', b'(', b')'] {
                    let mut bytes: std::vec::Vec<u8> = (0..len).map(|i| others[i % others.len()]).collect();
                    if at < len {
                        bytes[at] = special;
                    }
                    assert_eq!(first_special(&bytes), at, "{bytes:?}");
                }
            }
        }
    }

    /// The end and the newlines of a statement as the plain state machine
    /// finds them, one octet at a time: what the searches must agree with.
    fn extent_octet_by_octet(bytes: &[u8]) -> (usize, usize) {
        let (mut depth, mut quoted, mut escaped, mut comment, mut newlines) = (0usize, false, false, false, 0usize);
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                comment = false;
                if depth == 0 {
                    return (i, newlines);
                }
                newlines += 1;
            } else if comment {
            } else if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                quoted = !quoted;
            } else if !quoted && b == b';' {
                comment = true;
            } else if !quoted && b == b'(' {
                depth += 1;
            } else if !quoted && b == b')' {
                depth = depth.saturating_sub(1);
            }
        }
        (bytes.len(), newlines)
    }

    #[test]
    fn statement_extent_agrees_with_the_octet_by_octet_machine() {
        let alphabet = b"ab \t\n\\\";();.";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let bytes: std::vec::Vec<u8> = (0..len).map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()]).collect();
            assert_eq!(statement_extent(&bytes), extent_octet_by_octet(&bytes), "{:?}", std::string::String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn record_len_ends_at_the_right_newline() {
        assert_eq!(record_len("www A 192.0.2.1\nx"), 15);
        assert_eq!(record_len("www A 192.0.2.1"), 15);
        assert_eq!(record_len("a ( 1\n 2 )\nb"), 10);
        assert_eq!(record_len("a \"(\" 1\nb"), 7);
        assert_eq!(record_len("a \\( 1\nb"), 6);
        assert_eq!(record_len("a 1 ; (\nb"), 7);
        assert_eq!(record_len("a ( 1 ; )\n 2 )\nb"), 14);
    }

    #[test]
    fn empty_text_is_no_message() {
        assert_eq!(
            parse("").map(|_| ()),
            Err(MessageTextError { error: TextError::MissingToken, line: 1, column: 0, detail: TextErrorAt::new(TextError::MissingToken, 0) })
        );
        assert!(parse("\n; only a comment\n\n").is_err());
    }
}
