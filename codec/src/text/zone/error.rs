//! What can be wrong in a master file, and where.

use core::fmt;

use super::include::IncludeError;
use crate::error::TextErrorAt;

/// A problem in a master file: the line and column of the octet at fault
/// in the file being read, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ZoneError {
    /// The line, counting from 1.
    pub line: u32,
    /// The column, counting the file's octets from 1.
    pub column: u32,
    /// What is wrong.
    pub reason: ZoneReason,
}

/// What is wrong in a master file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ZoneReason {
    /// A record, or the name or TTL of a directive, as the text reader
    /// reads it (its column is the octet in the statement's text).
    Text(TextErrorAt),
    /// A `$` word that is not `$ORIGIN`, `$TTL`, `$INCLUDE` or `$GENERATE`.
    UnknownDirective,
    /// A blank owner (a line starting with a blank) before any record.
    NoPreviousOwner,
    /// An `$INCLUDE` deeper than the reader's stack
    /// ([`MAX_INCLUDE_DEPTH`](super::MAX_INCLUDE_DEPTH) unless the reader was
    /// given another).
    IncludeTooDeep,
    /// The caller could not give the included file.
    Include(IncludeError),
    /// A `$GENERATE` range not `start-stop[/step]` with `start <= stop`,
    /// each below 2^31, and `step` at least 1.
    GenerateRange,
    /// A `$GENERATE` substitution not `$`, `$$` or
    /// `${offset[,width[,base]]}` with base `d`, `o`, `x`, `X`, `n` or
    /// `N`, or one whose value is negative.
    GenerateModifier,
    /// A `$GENERATE` range with more values than the reader's bound.
    GenerateTooMany,
    /// A statement whose text (octets outside ASCII written `\DDD`, or a
    /// `$GENERATE` expansion) does not fit the reader's text buffer.
    TooLong,
}

impl fmt::Display for ZoneReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(e) => write!(f, "{}", e.reason()),
            Self::UnknownDirective => f.write_str("unknown directive"),
            Self::NoPreviousOwner => f.write_str("a blank owner with no record before it"),
            Self::IncludeTooDeep => f.write_str("$INCLUDE nested deeper than the reader's stack"),
            Self::Include(e) => write!(f, "$INCLUDE: {e}"),
            Self::GenerateRange => f.write_str("bad $GENERATE range, expected start-stop[/step]"),
            Self::GenerateModifier => f.write_str("bad $GENERATE substitution, expected ${offset[,width[,base]]}"),
            Self::GenerateTooMany => f.write_str("$GENERATE range over the reader's bound"),
            Self::TooLong => f.write_str("statement longer than the reader's text buffer"),
        }
    }
}

impl fmt::Display for ZoneError {
    /// `LINE:COLUMN: reason`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.reason)
    }
}
