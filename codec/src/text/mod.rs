//! Presentation (zone-file) text to wire form, without a heap.
//!
//! [`parse_record`] reads one record (`owner [TTL] [class] type RDATA`, TTL
//! and class in either order); [`parse_rdata`] reads RDATA alone. Both write
//! the RDATA's wire octets into the caller's buffer, field by field, each
//! field with the codec that also decodes and presents it (the `parse` method
//! of the field codecs, `rdata/field.rs`), then decode those octets with the
//! wire decoder: every rule the decoder checks applies to text as well. The
//! RFC 3597 form `\# len hex...` is accepted for every type.
//!
//! ```
//! use dnswire::{Class, RData, Rtype, text};
//! let origin = dnswire::NameBuf::from_text("example.").unwrap();
//! let mut rdata = [0u8; 512];
//! let rec = text::parse_record("www 300 IN MX 10 mail ; a comment", Some(&origin.as_name()), 3600, &mut rdata).unwrap();
//! assert_eq!((rec.owner.as_name().to_string_buf::<64>().unwrap().as_str(), rec.ttl, rec.class), ("www.example.", 300, Class::IN));
//! let RData::Mx(mx) = rec.data else { panic!() };
//! assert_eq!((mx.preference, mx.exchange.to_string_buf::<64>().unwrap().as_str()), (10, "mail.example."));
//! // A record is pushed into a message with MessageBuilder::push(section, &rec.record()).
//! let n = text::parse_rdata(Rtype::A, Class::IN, r"\# 4 c0 00 0201", None, &mut rdata).unwrap();
//! assert_eq!(&rdata[..n], [192, 0, 2, 1]);
//! ```
//!
//! Whole master files, with `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE` and
//! blank owners, are read one record at a time by [`zone::ZoneReader`].
//!
//! Each typed RDATA reads back what its `Display` prints and what dnspython
//! prints for it. Types dnswire keeps opaque ([`RData::Unknown`]) have no
//! other form than `\#`: anything else fails with [`TextError::Unsupported`].

pub(crate) mod ipv4;
pub(crate) mod ipv6;
mod message;
mod octet_search;
mod radix;
mod tokenizer;
pub mod zone;
// Each error class's message, worded as named-checkzone and kzonecheck word it.
#[cfg(test)]
mod error_tests;
// Cases of types from every group: they run in the default (full) build.
#[cfg(all(test, feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy"))]
mod reader_tests;
#[cfg(test)]
// Helpers serve tests of groups a reduced build leaves out.
#[cfg_attr(not(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy")), allow(unused))]
mod type_tests;

pub use message::{MessageTextError, parse_message, record_len};

pub use tokenizer::{Token, Tokens};

pub(crate) use radix::{Base64, base32hex_into, base32hex_len, hex_into};

use crate::error::{EncodeError, TextError, TextErrorAt};
use crate::iana::{Class, Rtype};
use crate::name::{Name, NameBuf};
use crate::present;
use crate::rdata::RData;
use crate::record::Record;
use crate::wire::{Reader, Writer};

impl From<EncodeError> for TextError {
    fn from(e: EncodeError) -> Self {
        match e {
            EncodeError::NoSpace => Self::NoSpace,
            EncodeError::NameTooLong => Self::NameTooLong,
            EncodeError::RdataTooLong => Self::StringTooLong,
            _ => Self::BadField,
        }
    }
}

/// The RDATA tokens being read, with the origin that completes relative
/// names: what a field codec's `parse` reads from.
pub(crate) struct Fields<'t, 'o> {
    pub(crate) tokens: Tokens<'t>,
    pub(crate) origin: Option<Name<'o>>,
    /// What the token being read should be, for the error message; each
    /// token read forgets it, and the reader of the token says it again.
    pub(crate) expected: Option<&'static str>,
    /// The RDATA field being read (set by `rdata_struct!`).
    pub(crate) field: Option<&'static str>,
    /// The record type whose RDATA is being read.
    pub(crate) rtype: Option<Rtype>,
}

impl<'t, 'o> Fields<'t, 'o> {
    pub(crate) fn new(text: &'t str, origin: Option<Name<'o>>) -> Self {
        Self { tokens: Tokens::new(text), origin, expected: None, field: None, rtype: None }
    }

    /// An error at the current column, with what was expected there (not for
    /// a full buffer, which is no fault of the text).
    pub(crate) fn error_at(&self, error: TextError) -> TextErrorAt {
        let column = self.tokens.column();
        if error == TextError::NoSpace {
            return TextErrorAt::new(error, column);
        }
        TextErrorAt { error, column, expected: self.expected, field: self.field, rtype: self.rtype }
    }
}

impl<'t> Fields<'t, '_> {
    /// The next token; [`TextError::MissingToken`] at the end.
    pub(crate) fn token(&mut self) -> Result<Token<'t>, TextError> {
        self.expected = None;
        self.tokens.next_token()?.ok_or(TextError::MissingToken)
    }

    /// Says what the token just read should be (for the error message).
    pub(crate) fn expect(&mut self, what: &'static str) {
        self.expected = Some(what);
    }

    /// Whether no tokens are left (the token looked at is kept for the next
    /// read, not read twice).
    pub(crate) fn is_empty(&mut self) -> bool {
        matches!(self.tokens.look_ahead(), Ok(None))
    }

    /// A decimal number that fits `T`.
    pub(crate) fn decimal<T: TryFrom<u64>>(&mut self) -> Result<T, TextError> {
        let t = self.token()?;
        self.expect("expected a number");
        let v = present::parse_decimal(t.text).ok_or(TextError::BadNumber)?;
        self.expect("number out of range");
        T::try_from(v).map_err(|_| TextError::BadNumber)
    }

    /// A name, completed with the origin when relative.
    pub(crate) fn name(&mut self) -> Result<NameBuf, TextError> {
        let t = self.token()?;
        self.expect("bad domain name");
        parse_name(t.text, self.origin.as_ref())
    }

    /// One character-string (quoted or not), unescaped into `buf`; returns
    /// its length.
    pub(crate) fn char_string(&mut self, buf: &mut [u8; 255]) -> Result<usize, TextError> {
        let t = self.token()?;
        self.expect("bad character-string");
        if !t.text.contains('\\') {
            // No escapes: the octets as they are, copied at once.
            let octets = t.text.as_bytes();
            buf.get_mut(..octets.len()).ok_or(TextError::StringTooLong)?.copy_from_slice(octets);
            crate::work::steps(octets.len());
            return Ok(octets.len());
        }
        let mut n = 0usize;
        unescape_each(t.text, |b| {
            let slot = buf.get_mut(n).ok_or(TextError::StringTooLong)?;
            *slot = b;
            n = n.saturating_add(1);
            Ok(())
        })?;
        Ok(n)
    }

    /// Every token left, as hex digits (split anywhere by spaces), written to
    /// `w`; returns the number of octets.
    pub(crate) fn hex_rest(&mut self, w: &mut Writer<'_>) -> Result<usize, TextError> {
        self.expect("bad hexadecimal");
        let mut high: Option<u8> = None;
        let mut count = 0usize;
        let mut last = self.tokens.column();
        while let Some(t) = self.tokens.next_token()? {
            last = t.column;
            for c in t.text.bytes() {
                let v = char::from(c).to_digit(16).and_then(|v| u8::try_from(v).ok()).ok_or(TextError::BadField)?;
                high = match high {
                    None => Some(v),
                    Some(h) => {
                        w.u8((h << 4) | v)?;
                        count = count.saturating_add(1);
                        None
                    }
                };
            }
        }
        if high.is_some() {
            self.tokens.set_column(last);
            return Err(TextError::BadField);
        }
        Ok(count)
    }
}

impl Fields<'_, '_> {
    /// Every token left, as base64 with padding (RFC 4648 §4; spaces may
    /// split it anywhere), written to `w`.
    pub(crate) fn base64_rest(&mut self, w: &mut Writer<'_>) -> Result<(), TextError> {
        self.expect("bad base64 encoding");
        let mut b64 = radix::Base64::default();
        let mut last = self.tokens.column();
        while let Some(t) = self.tokens.next_token()? {
            last = t.column;
            b64.feed(t.text, w)?;
        }
        b64.finish().inspect_err(|_| self.tokens.set_column(last))
    }

    /// One token of base64 (RFC 4648 §4), written to `w`.
    pub(crate) fn base64_token(&mut self, w: &mut Writer<'_>) -> Result<(), TextError> {
        let mut b64 = radix::Base64::default();
        let text = self.token()?.text;
        self.expect("bad base64 encoding");
        b64.feed(text, w)?;
        b64.finish()
    }
}

/// Calls `out` with each octet of `raw`, `\X` and `\DDD` escapes resolved.
pub(crate) fn unescape_each(raw: &str, mut out: impl FnMut(u8) -> Result<(), TextError>) -> Result<(), TextError> {
    let bytes = raw.as_bytes();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        crate::work::step();
        i = i.saturating_add(1);
        if b == b'\\' {
            let (octet, used) = present::unescape(bytes.get(i..).unwrap_or(&[]))?;
            i = i.saturating_add(used);
            out(octet)?;
        } else {
            out(b)?;
        }
    }
    Ok(())
}

/// Whether a name's text ends with a dot that is not escaped.
fn ends_with_dot(text: &str) -> bool {
    let Some(head) = text.strip_suffix('.') else { return false };
    let backslashes = head.bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 0
}

/// A name as a zone file writes it: absolute when it ends with an unescaped
/// dot, `@` for the origin, otherwise relative to `origin` (without one, a
/// relative name is [`TextError::RelativeName`]).
///
/// ```
/// use dnswire::{NameBuf, text::parse_name};
/// let origin = NameBuf::from_text("example.").unwrap();
/// assert_eq!(parse_name("www", Some(&origin.as_name())).unwrap(), NameBuf::from_text("www.example.").unwrap());
/// // An escaped backslash, then the final dot: absolute.
/// assert_eq!(parse_name(r"a\\.", None).unwrap(), NameBuf::from_text(r"a\\.").unwrap());
/// // An escaped dot: relative, and no origin.
/// assert!(parse_name(r"a\.", None).is_err());
/// ```
///
/// # Errors
/// [`TextError::RelativeName`] for a relative name without an origin, and
/// the errors of [`NameBuf::from_text_relative`].
pub fn parse_name(text: &str, origin: Option<&Name<'_>>) -> Result<NameBuf, TextError> {
    if origin.is_none() && text != "@" && !ends_with_dot(text) {
        return Err(TextError::RelativeName);
    }
    NameBuf::from_text_relative(text, origin)
}

/// Parses the presentation form of RDATA of type `rtype` in class `class`
/// into wire form in `out`, returns its length. Names are written
/// uncompressed; relative names are completed with `origin` (without one
/// they are an error). The octets are then checked by the wire decoder.
///
/// # Errors
/// The [`TextError`] of the first field at fault, with its column:
/// [`TextError::MissingToken`] or [`TextError::ExtraToken`] for a field too
/// few or too many, [`TextError::BadField`], [`TextError::BadNumber`] or
/// [`TextError::UnknownMnemonic`] for a malformed one,
/// [`TextError::Unsupported`] for a type kept opaque (which only the `\#`
/// form gives), [`TextError::NoSpace`] when `out` is too small.
pub fn parse_rdata(rtype: Rtype, class: Class, text: &str, origin: Option<&Name<'_>>, out: &mut [u8]) -> Result<usize, TextErrorAt> {
    let mut fields = Fields::new(text, origin.copied());
    let parsed = rdata_fields(rtype, class, &mut fields, out)?;
    let data = out.get(..parsed.len).ok_or(TextErrorAt::new(TextError::NoSpace, 0))?;
    parsed.decode(rtype, data).map_err(|_| TextErrorAt::new(TextError::BadField, 0))?;
    Ok(parsed.len)
}

/// RDATA read from text: its length, and the class whose form it has.
struct Parsed {
    len: usize,
    /// The record's class, or for class ANY and NONE the zone's class the
    /// typed form was read in.
    form: Class,
    /// Class ANY or NONE, where RDATA may be absent (RFC 2136 §2.4, §2.5).
    meta: bool,
    /// The column of the RDATA's first token (the end of the text when there
    /// is none): where an error the decoder finds is reported.
    column: usize,
}

impl Parsed {
    /// The RDATA decoded from its octets, as the wire decoder reads it.
    fn decode<'b>(&self, rtype: Rtype, data: &'b [u8]) -> Result<RData<'b>, crate::DecodeError> {
        RData::decode(rtype, self.form, self.meta, &mut Reader::new(data))
    }
}

/// Reads the RDATA tokens left in `fields` into `out`, to the end of the
/// record; the column of an error is the byte offset in the record's text.
///
/// In class ANY or NONE (RFC 2136 UPDATE) the RDATA may be absent, and
/// typed RDATA has the zone's class's form (RFC 2136 §2.5.4), as the codec
/// presents it: the text does not say which class that is, so IN is tried,
/// then CH for the one type CH defines apart (A).
fn rdata_fields(rtype: Rtype, class: Class, fields: &mut Fields<'_, '_>, out: &mut [u8]) -> Result<Parsed, TextErrorAt> {
    let at = |fields: &Fields<'_, '_>, error: TextError| fields.error_at(error);
    let meta = matches!(class, Class::ANY | Class::NONE);
    fields.rtype = Some(rtype);
    // One look at the first token serves both the `\#` test and the column.
    let first = fields.tokens.look_ahead();
    let column = match first {
        Ok(Some(t)) => t.column,
        _ => fields.tokens.end_column(),
    };
    let mut parsed = Parsed { len: 0, form: class, meta, column };
    let mut w = Writer::new(out, false);
    let generic = matches!(first, Ok(Some(Token { text: "\\#", quoted: false, .. })));
    let result = if generic {
        parse_generic(fields, &mut w)
    } else if meta && fields.is_empty() {
        Ok(())
    } else if meta {
        let start = fields.tokens.clone();
        parsed.form = Class::IN;
        let first = RData::parse_fields(rtype, Class::IN, fields, &mut w);
        if first.is_err() && rtype == Rtype::A {
            let failed = core::mem::replace(&mut fields.tokens, start);
            w.len = 0;
            parsed.form = Class::CH;
            RData::parse_fields(rtype, Class::CH, fields, &mut w).or_else(|_| {
                // Report the error of the usual reading, IN.
                fields.tokens = failed;
                first
            })
        } else {
            first
        }
    } else {
        RData::parse_fields(rtype, class, fields, &mut w)
    };
    result.map_err(|e| at(fields, e))?;
    fields.expected = None;
    fields.field = None;
    fields.tokens.finish().map_err(|e| at(fields, e))?;
    parsed.len = w.len;
    Ok(parsed)
}

/// The RFC 3597 §5 form: `\#`, the length in decimal, then that many octets in
/// hex, which spaces may split anywhere.
fn parse_generic(fields: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
    fields.token()?;
    let len: u16 = fields.decimal()?;
    let len_column = fields.tokens.column();
    let count = fields.hex_rest(w)?;
    if count != usize::from(len) {
        // Point at the length the data does not match.
        fields.tokens.set_column(len_column);
        fields.expect("length does not match the data");
        return Err(TextError::BadField);
    }
    Ok(())
}

/// One record read from text, its RDATA in the caller's buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextRecord<'b> {
    /// The owner name.
    pub owner: NameBuf,
    /// The class (IN when the text gives none).
    pub class: Class,
    /// The TTL (the default given when the text gives none).
    pub ttl: u32,
    /// The RDATA, decoded from the caller's buffer.
    pub data: RData<'b>,
}

impl TextRecord<'_> {
    /// The record, to push into a [`crate::MessageBuilder`].
    pub fn record(&self) -> Record<'_> {
        Record { name: self.owner.as_name(), class: self.class, ttl: self.ttl, data: self.data }
    }
}

/// A TTL: decimal seconds, or BIND's units (`1h30m`, `2w`; `s m h d w`), as
/// records and a master file's `$TTL` give it.
///
/// ```
/// assert_eq!(dnswire::text::parse_ttl("1h30m"), Ok(5400));
/// ```
///
/// # Errors
/// [`TextError::BadNumber`] for anything else or a TTL over 2^32 - 1.
pub fn parse_ttl(text: &str) -> Result<u32, TextError> {
    if let Some(v) = present::parse_decimal(text) {
        return u32::try_from(v).map_err(|_| TextError::BadNumber);
    }
    let mut total: u32 = 0;
    let mut current: Option<u32> = None;
    for b in text.bytes() {
        if let Some(d) = char::from(b).to_digit(10) {
            let v = current.unwrap_or(0).checked_mul(10).and_then(|v| v.checked_add(d)).ok_or(TextError::BadNumber)?;
            current = Some(v);
            continue;
        }
        let unit: u32 = match b.to_ascii_lowercase() {
            b's' => 1,
            b'm' => 60,
            b'h' => 3600,
            b'd' => 86_400,
            b'w' => 604_800,
            _ => return Err(TextError::BadNumber),
        };
        let v = current.take().ok_or(TextError::BadNumber)?;
        total = v.checked_mul(unit).and_then(|v| total.checked_add(v)).ok_or(TextError::BadNumber)?;
    }
    if current.is_some() {
        return Err(TextError::BadNumber);
    }
    Ok(total)
}

/// A class by mnemonic or as `CLASSnn`, and CS, the CSNET class of RFC 1035
/// §3.2.4 (obsolete): read as other readers read it, presented as `CLASS2`
/// as dnspython does.
pub(crate) fn class_mnemonic(text: &str) -> Option<Class> {
    Class::from_mnemonic(text).or_else(|| text.eq_ignore_ascii_case("CS").then_some(Class(2)))
}

/// Parses one record in presentation form: the owner (absolute, relative to
/// `origin`, or `@`), then an optional TTL and an optional class in either
/// order (defaults: `default_ttl`, IN), then the type (mnemonic or `TYPEnnn`),
/// then the RDATA, whose wire form goes into `rdata_buf`. A newline outside
/// parentheses ends the record; anything after it but comments is an error.
///
/// A record of class ANY or NONE is read as in an UPDATE message (RFC 2136
/// §2.4, §2.5), as the codec prints it: without RDATA it is
/// [`RData::Empty`]; typed RDATA is in the form of the zone's class, taken
/// to be IN (or CH, for a CH A record).
///
/// Errors carry the byte offset of the token at fault.
///
/// # Errors
/// The owner's errors (as [`parse_name`]), [`TextError::UnknownMnemonic`]
/// for an unknown type, [`TextError::BadNumber`] for a bad TTL, the
/// RDATA's errors (as [`parse_rdata`]), and [`TextError::Unterminated`] or
/// [`TextError::UnbalancedParen`] for a quote or parenthesis left open, or a
/// `)` without its `(`.
pub fn parse_record<'b>(text: &str, origin: Option<&Name<'_>>, default_ttl: u32, rdata_buf: &'b mut [u8]) -> Result<TextRecord<'b>, TextErrorAt> {
    parse_record_owned(text, None, origin, default_ttl, rdata_buf)
}

/// [`parse_record`], or with `owner` given, the record after its owner (a
/// master file's blank owner): `text` starts with the TTL, class or type.
pub(crate) fn parse_record_owned<'b>(
    text: &str,
    owner: Option<&NameBuf>,
    origin: Option<&Name<'_>>,
    default_ttl: u32,
    rdata_buf: &'b mut [u8],
) -> Result<TextRecord<'b>, TextErrorAt> {
    let mut fields = Fields::new(text, origin.copied());
    let at = |fields: &Fields<'_, '_>, error: TextError| fields.error_at(error);
    let owner = match owner {
        Some(owner) => owner.clone(),
        None => fields.name().map_err(|e| at(&fields, e))?,
    };
    let mut ttl: Option<u32> = None;
    let mut class: Option<Class> = None;
    let rtype = loop {
        let t = fields.token().map_err(|e| at(&fields, e))?;
        if t.quoted {
            return Err(at(&fields, TextError::UnknownMnemonic));
        }
        if ttl.is_none() && t.text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            fields.expect("bad TTL");
            ttl = Some(parse_ttl(t.text).map_err(|e| at(&fields, e))?);
        } else if let (None, Some(c)) = (class, class_mnemonic(t.text)) {
            class = Some(c);
        } else {
            fields.expect("unknown record type");
            break Rtype::from_mnemonic(t.text).ok_or_else(|| at(&fields, TextError::UnknownMnemonic))?;
        }
    };
    let class = class.unwrap_or(Class::IN);
    let parsed = rdata_fields(rtype, class, &mut fields, rdata_buf)?;
    let rdata_column = parsed.column;
    let data: &'b [u8] = rdata_buf;
    let data = data.get(..parsed.len).unwrap_or(&[]);
    let data = parsed.decode(rtype, data).map_err(|_| TextErrorAt::new(TextError::BadField, rdata_column))?;
    Ok(TextRecord { owner, class, ttl: ttl.unwrap_or(default_ttl), data })
}

#[cfg(test)]
// Helpers serve tests of groups a reduced build leaves out.
#[cfg_attr(not(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy")), allow(unused))]
mod tests {
    extern crate std;
    use super::*;
    use crate::Message;
    use crate::rdata::vectors::VECTORS;

    /// Every dnspython vector: its presentation text parses to the RDATA
    /// octets dnspython encoded (uncompressed).
    #[test]
    #[cfg(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy"))]
    fn dnspython_presentation_parses_to_dnspython_wire() {
        for &(name, wire, _, text, _) in VECTORS {
            let msg = Message::decode(wire).unwrap();
            let record = msg.answers().next().unwrap();
            let mut expected = [0u8; 1024];
            let n = record.data.to_wire(&mut expected).unwrap();
            let mut out = [0u8; 1024];
            let m = parse_rdata(record.rtype(), record.class, text, None, &mut out).unwrap_or_else(|e| panic!("{name}: {text}: {e}"));
            assert_eq!(&out[..m], &expected[..n], "{name}: {text}");
        }
    }

    /// Every dnspython vector: the codec's own presentation of the RDATA, and
    /// of the whole record, parses back to the same RDATA.
    #[test]
    fn display_then_parse_is_the_identity_for_every_vector() {
        for &(name, wire, ..) in VECTORS {
            let msg = Message::decode(wire).unwrap();
            let record = msg.answers().next().unwrap();
            let shown = std::format!("{}", record.data);
            let mut out = [0u8; 1024];
            let m = parse_rdata(record.rtype(), record.class, &shown, None, &mut out).unwrap_or_else(|e| panic!("{name}: {shown}: {e}"));
            let back = RData::decode(record.rtype(), record.class, false, &mut Reader::new(&out[..m])).unwrap();
            assert_eq!(back, record.data, "{name}: {shown}");
            let line = std::format!("{record}");
            let mut buf = [0u8; 1024];
            let parsed = parse_record(&line, None, 0, &mut buf).unwrap_or_else(|e| panic!("{name}: {line}: {e}"));
            assert_eq!(parsed.record(), record, "{name}: {line}");
        }
    }

    fn rdata_err(rtype: Rtype, text: &str, origin: Option<&str>) -> TextErrorAt {
        let origin = origin.map(|o| NameBuf::from_text(o).unwrap());
        let mut out = [0u8; 1024];
        let e = parse_rdata(rtype, Class::IN, text, origin.as_ref().map(|o| o.as_name()).as_ref(), &mut out).unwrap_err();
        TextErrorAt::new(e.error, e.column)
    }

    fn err(error: TextError, column: usize) -> TextErrorAt {
        TextErrorAt::new(error, column)
    }

    #[test]
    #[cfg(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy"))]
    fn typed_errors_with_columns() {
        assert_eq!(rdata_err(Rtype::MX, "65536 mx.", None), err(TextError::BadNumber, 0));
        assert_eq!(rdata_err(Rtype::MX, "10 mx. extra", None), err(TextError::ExtraToken, 7));
        assert_eq!(rdata_err(Rtype::MX, "10", None), err(TextError::MissingToken, 2));
        assert_eq!(rdata_err(Rtype::MX, "1x mx.", None), err(TextError::BadNumber, 0));
        assert_eq!(rdata_err(Rtype::A, "192.0.2.256", None), err(TextError::BadField, 0));
        assert_eq!(rdata_err(Rtype::TXT, "ok \"open", None), err(TextError::Unterminated, 3));
        assert_eq!(rdata_err(Rtype::TXT, "a ) b", None), err(TextError::UnbalancedParen, 2));
        let long = std::format!("10 {}.example.", "a".repeat(64));
        assert_eq!(rdata_err(Rtype::MX, &long, None), err(TextError::LabelTooLong, 3));
        assert_eq!(rdata_err(Rtype::NS, "ns1", None), err(TextError::RelativeName, 0));
        assert_eq!(rdata_err(Rtype::NS, "@", None), err(TextError::RelativeName, 0));
        assert_eq!(rdata_err(Rtype::NS, "ns1\\.", None), err(TextError::RelativeName, 0));
        let long = std::format!("x \"{}\"", "a".repeat(256));
        assert_eq!(rdata_err(Rtype::TXT, &long, None), err(TextError::StringTooLong, 2));
        assert_eq!(rdata_err(Rtype::TXT, "\\256", None), err(TextError::BadEscape, 0));
        assert_eq!(rdata_err(Rtype::A, "\\# 4 c0000201 ff", None), err(TextError::BadField, 3));
        assert_eq!(rdata_err(Rtype::A, "\\# 4 c00002 0", None), err(TextError::BadField, 12));
        assert_eq!(rdata_err(Rtype::A, "\\# 3 c00002", None), err(TextError::BadField, 0), "the decoder rejects it");
        assert_eq!(rdata_err(Rtype::CAA, "0 is-sue \"ca\"", None), err(TextError::BadField, 2));
        assert_eq!(rdata_err(Rtype(65280), "00", None), err(TextError::Unsupported, 0));
        assert_eq!(rdata_err(Rtype::OPENPGPKEY, "Zm9v Yg=", None), err(TextError::BadField, 5));
        assert_eq!(rdata_err(Rtype::OPENPGPKEY, "Zm9v=Yg==", None), err(TextError::BadField, 0));
        assert_eq!(rdata_err(Rtype::EUI48, "00-11-22-33-44", None), err(TextError::BadField, 0));
        assert_eq!(rdata_err(Rtype::NSAP, "47.0005", None), err(TextError::BadField, 0));
        let mut small = [0u8; 3];
        assert_eq!(parse_rdata(Rtype::A, Class::IN, "192.0.2.1", None, &mut small), Err(err(TextError::NoSpace, 0)));

        let mut buf = [0u8; 512];
        let record = |text: &str, buf: &mut [u8; 512]| {
            let e = parse_record(text, None, 0, buf).map(|_| ()).unwrap_err();
            TextErrorAt::new(e.error, e.column)
        };
        assert_eq!(record("x. IN FOO 1", &mut buf), err(TextError::UnknownMnemonic, 6));
        assert_eq!(record("x. 1y A 192.0.2.1", &mut buf), err(TextError::BadNumber, 3));
        assert_eq!(record("x A 192.0.2.1", &mut buf), err(TextError::RelativeName, 0));
        assert_eq!(record("x. A", &mut buf), err(TextError::MissingToken, 4));
        assert_eq!(record("x. A 192.0.2.1\ny. A 192.0.2.2", &mut buf), err(TextError::ExtraToken, 15));
        assert_eq!(record("x. 300", &mut buf), err(TextError::MissingToken, 6));
    }

    #[test]
    fn records_with_origin_ttl_class_and_parentheses() {
        let origin = NameBuf::from_text("example.").unwrap();
        let origin = origin.as_name();
        let mut buf = [0u8; 512];
        let rec = parse_record("@ IN 1h SOA ns1 hostmaster ( 1 ; serial\n 7200 3600\n 1209600 300 )", Some(&origin), 0, &mut buf).unwrap();
        assert_eq!((rec.owner.as_wire(), rec.ttl, rec.class), (&b"\x07example\x00"[..], 3600, Class::IN));
        let RData::Soa(soa) = rec.data else { panic!("{:?}", rec.data) };
        assert_eq!((soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum), (1, 7200, 3600, 1_209_600, 300));
        assert_eq!(soa.rname.to_string_buf::<64>().unwrap().as_str(), "hostmaster.example.");
        let rec = parse_record("www CH 60 TXT \"a b\" c \"\" \\065\\\"", Some(&origin), 0, &mut buf).unwrap();
        assert_eq!((rec.ttl, rec.class), (60, Class::CH));
        let RData::Txt(txt) = rec.data else { panic!() };
        assert!(txt.iter().eq([&b"a b"[..], b"c", b"", b"A\""]));
        let rec = parse_record("x.y. TYPE65280 \\# 3 01 0203", None, 5, &mut buf).unwrap();
        assert_eq!(rec.ttl, 5);
        assert_eq!(rec.data, RData::Unknown { rtype: Rtype(65280), data: &[1, 2, 3] });
        let rec = parse_record("x.y. 1w2d3h4m5s in a 192.0.2.1", None, 5, &mut buf).unwrap();
        assert_eq!(rec.ttl, 7 * 86400 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
        assert_eq!(rec.record().rtype(), Rtype::A);
        // CAA: unquoted values and tags, escapes in the value.
        let rec = parse_record("x. CAA 128 issue ca.example\\059", None, 5, &mut buf).unwrap();
        let RData::Caa(caa) = rec.data else { panic!() };
        assert_eq!((caa.flags, caa.tag, caa.value), (128, &b"issue"[..], &b"ca.example;"[..]));
        assert!(ends_with_dot("a\\\\."));
        assert!(!ends_with_dot("a\\."));
    }

    #[test]
    fn push_a_parsed_record() {
        use crate::{Header, MessageBuilder};
        let mut rdata = [0u8; 64];
        let rec = parse_record("host.example. 300 AAAA 2001:db8::1", None, 0, &mut rdata).unwrap();
        let mut buf = [0u8; 512];
        let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
        b.answer(&rec.record()).unwrap();
        let wire = b.finish().unwrap();
        let msg = Message::decode(wire).unwrap();
        assert_eq!(msg.answers().next().unwrap(), rec.record());
    }
}
