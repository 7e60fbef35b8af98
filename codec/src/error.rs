//! The two error types: one variant per class of malformed input, so tests and
//! callers can tell failures apart.

use core::fmt;

/// Why a message (or a piece of one) could not be decoded.
///
/// Every malformed input maps to exactly one variant; decoding never panics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ends inside a fixed-size field (header, question, record).
    Truncated,
    /// The message is longer than 65535 octets.
    MessageTooLong,
    /// RDLENGTH reaches past the end of the message.
    RdataOverrun,
    /// The typed RDATA did not fill RDLENGTH exactly (too short or slack bytes).
    RdataLength,
    /// A length-prefixed field (character-string, tag, salt...) runs past its container.
    FieldOverrun,
    /// A label length octet with the reserved type bits 01 or 10 (RFC 6891 §5, RFC 2673).
    BadLabelType,
    /// A name longer than 255 octets once decompressed.
    NameTooLong,
    /// A name without its root label before the end of its container.
    NameUnterminated,
    /// A compression pointer that is not strictly backwards, points into the header,
    /// or reaches past the end of the message (RFC 9267 §2).
    BadPointer,
    /// More compression pointers in one name than a name can need.
    TooManyPointers,
    /// A compression pointer where the record type does not permit one
    /// (RFC 3597 §4, RFC 4034 §4.1.1, RFC 9460 §2.2).
    ForbiddenCompression,
    /// An OPT record outside the additional section (RFC 6891 §6.1.1).
    OptMisplaced,
    /// More than one OPT record (RFC 6891 §6.1.1).
    DuplicateOpt,
    /// An OPT record whose owner is not the root (RFC 6891 §6.1.2).
    OptOwnerNotRoot,
    /// An EDNS option whose length runs past the OPT RDATA.
    OptionOverrun,
    /// A TSIG record that is not the last of the additional section (RFC 8945 §5.1).
    TsigMisplaced,
    /// An UPDATE message that breaks RFC 2136 §2.3-§2.5: not exactly one zone
    /// entry of type SOA and a real class, a record without a zone, or RDATA
    /// where class ANY (or NONE, among prerequisites) demands none.
    InvalidUpdate,
    /// An EDNS option whose data does not fit its definition (a COOKIE of the
    /// wrong length, RFC 7873 §4; a malformed CLIENT-SUBNET, RFC 7871 §6; an EDE
    /// shorter than its INFO-CODE or with EXTRA-TEXT that is not UTF-8, RFC 8914 §2).
    InvalidOption,
    /// A value outside what its field allows (a bad address family, a zero-length
    /// field that must not be empty, a prefix longer than the address...).
    InvalidValue,
    /// SVCB/HTTPS parameters out of order, duplicated or malformed (RFC 9460 §2.2).
    InvalidSvcParams,
    /// A type bitmap with a window out of order or a length outside 1..=32
    /// (RFC 4034 §4.1.2).
    InvalidTypeBitmap,
    /// Octets after the last record the header counts announce.
    TrailingData,
    /// A TCP frame whose length prefix promises more octets than there are.
    FrameTruncated,
}

impl DecodeError {
    /// The variant's name, as the harness prints it (`BadPointer`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Truncated => "Truncated",
            Self::MessageTooLong => "MessageTooLong",
            Self::RdataOverrun => "RdataOverrun",
            Self::RdataLength => "RdataLength",
            Self::FieldOverrun => "FieldOverrun",
            Self::BadLabelType => "BadLabelType",
            Self::NameTooLong => "NameTooLong",
            Self::NameUnterminated => "NameUnterminated",
            Self::BadPointer => "BadPointer",
            Self::TooManyPointers => "TooManyPointers",
            Self::ForbiddenCompression => "ForbiddenCompression",
            Self::OptMisplaced => "OptMisplaced",
            Self::DuplicateOpt => "DuplicateOpt",
            Self::OptOwnerNotRoot => "OptOwnerNotRoot",
            Self::OptionOverrun => "OptionOverrun",
            Self::TsigMisplaced => "TsigMisplaced",
            Self::InvalidUpdate => "InvalidUpdate",
            Self::InvalidOption => "InvalidOption",
            Self::InvalidValue => "InvalidValue",
            Self::InvalidSvcParams => "InvalidSvcParams",
            Self::InvalidTypeBitmap => "InvalidTypeBitmap",
            Self::TrailingData => "TrailingData",
            Self::FrameTruncated => "FrameTruncated",
        }
    }

    /// A one-line description of the failure.
    pub const fn description(self) -> &'static str {
        match self {
            Self::Truncated => "message ends inside a fixed-size field",
            Self::MessageTooLong => "message longer than 65535 octets",
            Self::RdataOverrun => "RDLENGTH reaches past the end of the message",
            Self::RdataLength => "RDATA does not fill RDLENGTH exactly",
            Self::FieldOverrun => "length-prefixed field runs past its container",
            Self::BadLabelType => "reserved label type",
            Self::NameTooLong => "name longer than 255 octets",
            Self::NameUnterminated => "name without a root label",
            Self::BadPointer => "compression pointer not strictly backwards within the message",
            Self::TooManyPointers => "too many compression pointers in one name",
            Self::ForbiddenCompression => "compression pointer in RDATA that forbids it",
            Self::OptMisplaced => "OPT record outside the additional section",
            Self::DuplicateOpt => "more than one OPT record",
            Self::OptOwnerNotRoot => "OPT record owner is not the root",
            Self::OptionOverrun => "EDNS option runs past the OPT RDATA",
            Self::TsigMisplaced => "TSIG record is not the last record",
            Self::InvalidUpdate => "UPDATE message breaks RFC 2136 section rules",
            Self::InvalidOption => "malformed EDNS option",
            Self::InvalidValue => "field value outside its allowed range",
            Self::InvalidSvcParams => "invalid SVCB parameters",
            Self::InvalidTypeBitmap => "invalid type bitmap",
            Self::TrailingData => "octets after the last record",
            Self::FrameTruncated => "TCP length prefix longer than the data",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

impl core::error::Error for DecodeError {}

/// Why a message could not be encoded. On any of these the builder is left as it
/// was before the failed call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// The caller's buffer is too small.
    NoSpace,
    /// A push into a section that comes before one already written, a second
    /// OPT record, or a record after TSIG.
    MisplacedSection,
    /// A section count would pass 65535.
    CountOverflow,
    /// A name over 255 octets or a label over 63.
    NameTooLong,
    /// RDATA over 65535 octets, or a field over its length prefix (a
    /// character-string over 255 octets).
    RdataTooLong,
    /// A value that has no wire form (for example an empty field that must not be empty).
    InvalidValue,
    /// A response code over 15 in a message without an OPT record, which
    /// would have to hold its upper eight bits (RFC 6891 §6.1.3).
    RcodeNeedsEdns,
}

impl EncodeError {
    /// The variant's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::NoSpace => "NoSpace",
            Self::MisplacedSection => "MisplacedSection",
            Self::CountOverflow => "CountOverflow",
            Self::NameTooLong => "NameTooLong",
            Self::RdataTooLong => "RdataTooLong",
            Self::InvalidValue => "InvalidValue",
            Self::RcodeNeedsEdns => "RcodeNeedsEdns",
        }
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoSpace => "buffer too small",
            Self::MisplacedSection => "record pushed out of section order",
            Self::CountOverflow => "section count over 65535",
            Self::NameTooLong => "name over 255 octets or label over 63",
            Self::RdataTooLong => "RDATA or field over its length limit",
            Self::InvalidValue => "value has no wire form",
            Self::RcodeNeedsEdns => "extended response code without an OPT record",
        })
    }
}

impl core::error::Error for EncodeError {}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for DecodeError {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.name())
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for EncodeError {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.name())
    }
}

/// Why presentation text could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextError {
    /// A name over 255 octets.
    NameTooLong,
    /// A label over 63 octets.
    LabelTooLong,
    /// An empty label (`a..b`, or a leading dot).
    EmptyLabel,
    /// A `\` escape that is not `\X` or `\DDD` with DDD at most 255.
    BadEscape,
    /// A relative name where no origin is known.
    RelativeName,
    /// A number that does not parse or is out of range.
    BadNumber,
    /// An unknown mnemonic (type, class, algorithm...).
    UnknownMnemonic,
    /// A token missing where one is required.
    MissingToken,
    /// Tokens left over after a complete record.
    ExtraToken,
    /// A malformed field (address, base64, hex, time...).
    BadField,
    /// A character-string over 255 octets.
    StringTooLong,
    /// A quoted string or parenthesis that is not closed.
    Unterminated,
    /// The output buffer is too small.
    NoSpace,
    /// A `)` without its `(`.
    UnbalancedParen,
    /// A type dnswire keeps opaque, whose only presentation form is RFC
    /// 3597's `\# len hex` (which works for every type).
    Unsupported,
    /// The section counts a dig-style `;; flags:` line gives differ from the
    /// records that follow it.
    CountMismatch,
    /// The message builder refused the record or section (out of order, a
    /// second OPT record, a record after TSIG...).
    Rejected(EncodeError),
}

impl TextError {
    /// The variant's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::NameTooLong => "NameTooLong",
            Self::LabelTooLong => "LabelTooLong",
            Self::EmptyLabel => "EmptyLabel",
            Self::BadEscape => "BadEscape",
            Self::RelativeName => "RelativeName",
            Self::BadNumber => "BadNumber",
            Self::UnknownMnemonic => "UnknownMnemonic",
            Self::MissingToken => "MissingToken",
            Self::ExtraToken => "ExtraToken",
            Self::BadField => "BadField",
            Self::StringTooLong => "StringTooLong",
            Self::Unterminated => "Unterminated",
            Self::NoSpace => "NoSpace",
            Self::UnbalancedParen => "UnbalancedParen",
            Self::Unsupported => "Unsupported",
            Self::CountMismatch => "CountMismatch",
            Self::Rejected(_) => "Rejected",
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NameTooLong => "name over 255 octets",
            Self::LabelTooLong => "label over 63 octets",
            Self::EmptyLabel => "empty label",
            Self::BadEscape => "bad escape",
            Self::RelativeName => "relative name without an origin",
            Self::BadNumber => "bad number",
            Self::UnknownMnemonic => "unknown mnemonic",
            Self::MissingToken => "missing field",
            Self::ExtraToken => "extra field",
            Self::BadField => "malformed field",
            Self::StringTooLong => "character-string over 255 octets",
            Self::Unterminated => "unterminated quote or parenthesis",
            Self::NoSpace => "buffer too small",
            Self::UnbalancedParen => "closing parenthesis without an opening one",
            Self::Unsupported => "opaque type: only the \\# form is read",
            Self::CountMismatch => "section counts differ from the flags line",
            Self::Rejected(e) => return write!(f, "refused by the message builder: {e}"),
        })
    }
}

impl core::error::Error for TextError {}

/// A [`TextError`] and where it was found: the byte offset (column) in the
/// text of the token at fault, or of the end of the text for a missing token;
/// and, when known, what the text should have had there, in which field of
/// which record type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextErrorAt {
    /// What is wrong.
    pub error: TextError,
    /// The byte offset in the text.
    pub column: usize,
    /// What a wrong value is called (`bad IPv4 address`, `bad TTL`,
    /// `expected a number`...), as named-checkzone says it.
    pub expected: Option<&'static str>,
    /// The RDATA field being read (`preference`, `public_key`...).
    pub field: Option<&'static str>,
    /// The record type whose RDATA was being read.
    pub rtype: Option<crate::iana::Rtype>,
}

impl TextErrorAt {
    /// `error` at `column`, with no more said.
    pub const fn new(error: TextError, column: usize) -> Self {
        Self { error, column, expected: None, field: None, rtype: None }
    }

    /// The error without its column: `expected a number (MX preference)`.
    pub fn reason(&self) -> impl fmt::Display + '_ {
        Reason(self)
    }
}

struct Reason<'e>(&'e TextErrorAt);

impl fmt::Display for Reason<'_> {
    /// A wrong value is named by what it should have been (`bad IPv4
    /// address`); other errors (a missing field, a label too long...) say
    /// what they are. Then the field, when known: `(MX preference)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        match (e.error, e.expected) {
            (TextError::BadField | TextError::BadNumber | TextError::UnknownMnemonic, Some(expected)) => f.write_str(expected)?,
            (error, _) => write!(f, "{error}")?,
        }
        if let Some(field) = e.field {
            f.write_str(" (")?;
            if let Some(mnemonic) = e.rtype.and_then(|t| t.mnemonic()) {
                write!(f, "{mnemonic} ")?;
            }
            for c in field.chars() {
                fmt::Write::write_char(f, if c == '_' { ' ' } else { c })?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Display for TextErrorAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.reason())
    }
}

impl core::error::Error for TextErrorAt {}

/// Any of the crate's errors, for a program that decodes, encodes and reads
/// text in one function: each error type converts into it with `?`.
///
/// ```
/// use dnswire::{Error, Message, MessageBuilder, NameBuf};
/// fn echo(query: &[u8], out: &mut [u8]) -> Result<usize, Error> {
///     let query = Message::decode(query)?; // DecodeError
///     let _owner = NameBuf::from_text("example.")?; // TextError
///     let response = MessageBuilder::response_to(out, &query, 1232)?; // EncodeError
///     Ok(response.finish()?.len())
/// }
/// assert_eq!(echo(&[0; 3], &mut [0; 512]), Err(Error::Decode(dnswire::DecodeError::Truncated)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// A message or field could not be decoded.
    Decode(DecodeError),
    /// A message could not be encoded.
    Encode(EncodeError),
    /// Presentation text could not be read.
    Text(TextError),
    /// Presentation text could not be read, with where.
    TextAt(TextErrorAt),
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Self::Decode(e)
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Self {
        Self::Encode(e)
    }
}

impl From<TextError> for Error {
    fn from(e: TextError) -> Self {
        Self::Text(e)
    }
}

impl From<TextErrorAt> for Error {
    fn from(e: TextErrorAt) -> Self {
        Self::TextAt(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => write!(f, "decoding: {e}"),
            Self::Encode(e) => write!(f, "encoding: {e}"),
            Self::Text(e) => write!(f, "reading text: {e}"),
            Self::TextAt(e) => write!(f, "reading text: {e}"),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Decode(e) => Some(e),
            Self::Encode(e) => Some(e),
            Self::Text(e) => Some(e),
            Self::TextAt(e) => Some(e),
        }
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for TextError {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.name())
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Error {
    fn format(&self, f: defmt::Formatter<'_>) {
        match self {
            Self::Decode(e) => defmt::write!(f, "Decode({})", e),
            Self::Encode(e) => defmt::write!(f, "Encode({})", e),
            Self::Text(e) | Self::TextAt(TextErrorAt { error: e, .. }) => defmt::write!(f, "Text({})", e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_then_encode(decode: bool) -> Result<(), Error> {
        if decode {
            Err(DecodeError::BadPointer)?;
        }
        Err(EncodeError::NoSpace)?;
        Ok(())
    }

    #[test]
    fn each_error_converts_with_the_question_mark() {
        assert_eq!(decode_then_encode(true), Err(Error::Decode(DecodeError::BadPointer)));
        assert_eq!(decode_then_encode(false), Err(Error::Encode(EncodeError::NoSpace)));
        assert_eq!(Error::from(TextError::BadEscape), Error::Text(TextError::BadEscape));
        let at = TextErrorAt::new(TextError::MissingToken, 4);
        assert_eq!(Error::from(at), Error::TextAt(at));
    }

    #[test]
    fn source_is_the_inner_error() {
        use core::error::Error as _;
        let e = Error::from(DecodeError::Truncated);
        let mut shown = heapless::String::<64>::new();
        fmt::write(&mut shown, format_args!("{}", e.source().unwrap())).unwrap();
        assert_eq!(shown.as_str(), "message ends inside a fixed-size field");
    }
}
