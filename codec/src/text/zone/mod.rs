//! Master files (RFC 1035 §5), one record at a time, without a heap.
//!
//! [`ZoneReader`] reads the statements of a master file from the caller's
//! octets and gives each record read into the caller's buffer:
//!
//! - `$ORIGIN name`, and `@` and relative names completed with it;
//! - `$TTL ttl` (RFC 2308 §4), the TTL of records that give none (without
//!   it, the last record's TTL, as RFC 1035 §5.1 says);
//! - `$INCLUDE file [origin]`: the caller opens the file ([`Includes`]);
//!   the reader keeps a fixed stack of [`MAX_INCLUDE_DEPTH`] files below the
//!   first (fewer, down to none, with
//!   [`ZoneReader::with_include_depth`]: each level costs an origin, 264
//!   octets), and the including file's origin is back when the included one
//!   ends;
//! - BIND's `$GENERATE range owner [ttl] [class] type rdata`, at most
//!   [`MAX_GENERATE`] records each (fewer with
//!   [`ZoneReader::with_generate_limit`]);
//! - blank owners (the previous record's), TTL and class in either order,
//!   TTL units (`1h30m`), parentheses over several lines, `;` comments.
//!
//! Each record is read by [`parse_record`](super::parse_record), so every
//! rule of the wire decoder applies. A master file is octets, not UTF-8:
//! octets outside ASCII stand for themselves in names and
//! character-strings. Errors ([`ZoneError`]) give the line and the column
//! (counting octets from 1) in the file being read and a typed
//! [`ZoneReason`]; reading goes on with the next statement.
//!
//! The work is linear in the octets read, and for `$GENERATE` in the
//! records it gives; nothing recurses.
//!
//! ```
//! use dnswire::text::zone::{NoIncludes, ZoneReader};
//! let zone = b"$ORIGIN example.\n$TTL 1h\n@ SOA ns hostmaster ( 1 7200 3600\n  1209600 300 )\n  NS ns\nns 60 IN A 192.0.2.1\n$GENERATE 1-2 host$ A 192.0.2.$\n";
//! let mut text = [0u8; 1024];
//! let mut reader = ZoneReader::new(&zone[..], NoIncludes::new(), &mut text);
//! let mut rdata = [0u8; 512];
//! let mut shown = Vec::new();
//! while let Some(read) = reader.next_record(&mut rdata) {
//!     let read = read.map_err(|e| e.to_string())?;
//!     // Records print as dig prints them, fields apart by tabs.
//!     shown.push(format!("{} {}", read.line, read.record.record()).replace('\t', " "));
//! }
//! assert_eq!(shown, [
//!     "3 example. 3600 IN SOA ns.example. hostmaster.example. 1 7200 3600 1209600 300",
//!     "5 example. 3600 IN NS ns.example.",
//!     "6 ns.example. 60 IN A 192.0.2.1",
//!     "7 host1.example. 3600 IN A 192.0.2.1",
//!     "7 host2.example. 3600 IN A 192.0.2.2",
//! ]);
//! # Ok::<(), String>(())
//! ```

mod error;
mod generate;
mod include;
mod octets;
#[cfg(test)]
mod tests;

pub use error::{ZoneError, ZoneReason};
pub use generate::MAX_GENERATE;
pub use include::{IncludeError, Includes, MAX_INCLUDE_DEPTH, NoIncludes};

use super::message::statement_extent;
use super::{TextRecord, Token, Tokens, class_mnemonic, parse_name, parse_record_owned, parse_ttl};
use crate::error::{TextError, TextErrorAt};
use crate::name::NameBuf;
use generate::{ExpandError, Out, Range};

/// One record read, and the line its statement starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneRecord<'b> {
    /// The record, its RDATA in the caller's buffer.
    pub record: TextRecord<'b>,
    /// The line of the file being read where its statement starts.
    pub line: u32,
}

/// A file being read.
struct Frame<F> {
    file: F,
    /// Where the next statement starts, and its line.
    pos: usize,
    line: u32,
    /// The last statement read: where it starts and ends, and its line.
    statement: (usize, usize),
    statement_line: u32,
}

impl<F> Frame<F> {
    fn new(file: F) -> Self {
        Self { file, pos: 0, line: 1, statement: (0, 0), statement_line: 1 }
    }
}

/// An included file, and the origin to restore when it ends (the including
/// file's).
struct Included<F> {
    frame: Frame<F>,
    outer_origin: Option<NameBuf>,
}

/// The files being read: the first, and at most `DEPTH` included.
struct Stack<F, const DEPTH: usize> {
    first: Option<Frame<F>>,
    included: heapless::Vec<Included<F>, DEPTH>,
}

impl<F, const DEPTH: usize> Stack<F, DEPTH> {
    /// The file being read.
    fn last(&self) -> Option<&Frame<F>> {
        self.included.last().map(|i| &i.frame).or(self.first.as_ref())
    }

    fn last_mut(&mut self) -> Option<&mut Frame<F>> {
        match self.included.last_mut() {
            Some(included) => Some(&mut included.frame),
            None => self.first.as_mut(),
        }
    }

    fn len(&self) -> usize {
        usize::from(self.first.is_some()).saturating_add(self.included.len())
    }
}

/// Where a file position is: line and column.
type At = (u32, u32);

/// A `$GENERATE` under way. Its statement's text is at the start of the
/// reader's text buffer; the ranges are in that text.
#[derive(Clone, Copy, Debug)]
struct Generating {
    range: Range,
    next: u32,
    len: usize,
    owner: (usize, usize),
    middle: (usize, usize),
    rdata: (usize, usize),
    line: u32,
    owner_at: At,
    rdata_at: At,
}

/// A statement to read as a record.
enum Pending {
    /// From the file being read: in the file itself (ASCII), or written out
    /// in the text buffer; `blank` when its owner is the previous record's.
    Record { in_buffer: bool, start: usize, end: usize, blank: bool },
    /// A record of a `$GENERATE`, in the text buffer.
    Generated { start: usize, end: usize, owner_len: usize, line: u32, owner_at: At, rdata_at: At },
}

/// Reads a master file's records one at a time (see the [module](self)),
/// with a stack of `DEPTH` included files.
pub struct ZoneReader<'t, I: Includes, const DEPTH: usize = MAX_INCLUDE_DEPTH> {
    includes: I,
    files: Stack<I::File, DEPTH>,
    /// The text of a statement that is not plain ASCII, of a directive,
    /// and of the records a `$GENERATE` gives.
    text: &'t mut [u8],
    origin: Option<NameBuf>,
    ttl: Option<u32>,
    last_ttl: u32,
    last_owner: Option<NameBuf>,
    generating: Option<Generating>,
    generate_limit: u32,
}

impl<'t, I: Includes> ZoneReader<'t, I> {
    /// Reads `file`, opening what it includes with `includes`. `text` holds
    /// the text of one statement when it cannot be read in place: a
    /// directive, a statement with octets outside ASCII (each written as
    /// four), a `$GENERATE` record after its statement; a statement that
    /// does not fit is [`ZoneReason::TooLong`].
    pub fn new(file: I::File, includes: I, text: &'t mut [u8]) -> Self {
        Self {
            includes,
            files: Stack { first: Some(Frame::new(file)), included: heapless::Vec::new() },
            text,
            origin: None,
            ttl: None,
            last_ttl: 0,
            last_owner: None,
            generating: None,
            generate_limit: MAX_GENERATE,
        }
    }
}

impl<'t, I: Includes, const DEPTH: usize> ZoneReader<'t, I, DEPTH> {
    /// A stack of `D` included files instead (0: every `$INCLUDE` is
    /// [`ZoneReason::IncludeTooDeep`]), for a reader that needs fewer than
    /// [`MAX_INCLUDE_DEPTH`] and the memory they take. Given before the
    /// first record is read; files included by then are closed.
    pub fn with_include_depth<const D: usize>(mut self) -> ZoneReader<'t, I, D> {
        while let Some(included) = self.files.included.pop() {
            self.includes.close(included.frame.file);
        }
        ZoneReader {
            includes: self.includes,
            files: Stack { first: self.files.first, included: heapless::Vec::new() },
            text: self.text,
            origin: self.origin,
            ttl: self.ttl,
            last_ttl: self.last_ttl,
            last_owner: self.last_owner,
            generating: self.generating,
            generate_limit: self.generate_limit,
        }
    }

    /// The origin before any `$ORIGIN` (the zone's name).
    #[must_use]
    pub fn with_origin(mut self, origin: NameBuf) -> Self {
        self.origin = Some(origin);
        self
    }

    /// At most `limit` records per `$GENERATE` (never more than
    /// [`MAX_GENERATE`]).
    #[must_use]
    pub fn with_generate_limit(mut self, limit: u32) -> Self {
        self.generate_limit = limit.min(MAX_GENERATE);
        self
    }

    /// The includes, to ask which file is being read.
    pub fn includes(&self) -> &I {
        &self.includes
    }

    /// The files being read: 1 for the first alone, 0 at the end.
    pub fn depth(&self) -> usize {
        self.files.len()
    }

    /// The last statement read from the file being read (for an error
    /// message): the line it starts on, and its octets.
    pub fn statement(&self) -> (u32, &[u8]) {
        self.files.last().map_or((0, &[]), |f| {
            let (start, end) = f.statement;
            (f.statement_line, f.file.as_ref().get(start..end).unwrap_or(&[]))
        })
    }

    /// The next record, its RDATA in `rdata`; an error is for one statement,
    /// and the next call goes on after it. `None` at the end.
    pub fn next_record<'b>(&mut self, rdata: &'b mut [u8]) -> Option<Result<ZoneRecord<'b>, ZoneError>> {
        let pending = match self.next_statement()? {
            Ok(pending) => pending,
            Err(e) => return Some(Err(e)),
        };
        Some(self.read_record(pending, rdata))
    }

    /// Reads statements up to the next record (following directives).
    fn next_statement(&mut self) -> Option<Result<Pending, ZoneError>> {
        loop {
            if self.generating.is_some() {
                return Some(self.generate_next());
            }
            let frame = self.files.last_mut()?;
            let octets = frame.file.as_ref();
            let rest = octets.get(frame.pos..).unwrap_or(&[]);
            if rest.is_empty() {
                self.end_file();
                continue;
            }
            let (len, newlines) = statement_extent(rest);
            crate::work::steps(len);
            let statement = rest.get(..len).unwrap_or(&[]);
            let start = frame.pos;
            let end = start.saturating_add(len);
            let newlines = u32::try_from(newlines).unwrap_or(u32::MAX);
            frame.statement = (start, end);
            frame.statement_line = frame.line;
            frame.line = frame.line.saturating_add(newlines).saturating_add(1);
            frame.pos = end.saturating_add(1);
            let line = frame.statement_line;
            let first = statement.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r'));
            let Some(&lead) = first.and_then(|i| statement.get(i)) else { continue };
            if lead == b';' {
                continue;
            }
            let at_start = statement.first().copied();
            if at_start == Some(b'$') {
                let Some(n) = octets::write_as_text(statement, self.text) else {
                    return Some(Err(ZoneError { line, column: 1, reason: ZoneReason::TooLong }));
                };
                match self.directive(n) {
                    Ok(()) => continue,
                    Err(e) => return Some(Err(e)),
                }
            }
            let blank = matches!(at_start, Some(b' ' | b'\t'));
            if blank && self.last_owner.is_none() {
                return Some(Err(ZoneError { line, column: 1, reason: ZoneReason::NoPreviousOwner }));
            }
            if statement.is_ascii() {
                return Some(Ok(Pending::Record { in_buffer: false, start, end, blank }));
            }
            return Some(match octets::write_as_text(statement, self.text) {
                Some(n) => Ok(Pending::Record { in_buffer: true, start: 0, end: n, blank }),
                None => Err(ZoneError { line, column: 1, reason: ZoneReason::TooLong }),
            });
        }
    }

    /// The file being read has ended: back to the one that included it.
    fn end_file(&mut self) {
        match self.files.included.pop() {
            Some(included) => {
                self.origin = included.outer_origin;
                self.includes.close(included.frame.file);
            }
            None => self.files.first = None,
        }
    }

    /// Reads a pending record into `rdata`.
    fn read_record<'b>(&mut self, pending: Pending, rdata: &'b mut [u8]) -> Result<ZoneRecord<'b>, ZoneError> {
        let origin = self.origin.as_ref().map(NameBuf::as_name);
        let default_ttl = self.ttl.unwrap_or(self.last_ttl);
        let frame = self.files.last();
        // A blank owner is the last owner already: not copied back.
        let mut new_owner = true;
        let (read, line) = match pending {
            Pending::Record { in_buffer, start, end, blank } => {
                new_owner = !blank;
                let octets = if in_buffer { self.text.get(start..end) } else { frame.and_then(|f| f.file.as_ref().get(start..end)) };
                let text = as_text(octets.unwrap_or(&[]));
                let owner = if blank { self.last_owner.as_ref() } else { None };
                let line = frame.map_or(0, |f| f.statement_line);
                let read = parse_record_owned(text, owner, origin.as_ref(), default_ttl, rdata)
                    .map_err(|e| located(frame, e.column, in_buffer, ZoneReason::Text(e)));
                (read, line)
            }
            Pending::Generated { start, end, owner_len, line, owner_at, rdata_at } => {
                let text = as_text(self.text.get(start..end).unwrap_or(&[]));
                let read = parse_record_owned(text, None, origin.as_ref(), default_ttl, rdata).map_err(|e| {
                    let (line, column) = if e.column < owner_len { owner_at } else { rdata_at };
                    ZoneError { line, column, reason: ZoneReason::Text(e) }
                });
                if read.is_err() {
                    // The other records would fail alike: one error is enough.
                    self.generating = None;
                }
                (read, line)
            }
        };
        let record = read?;
        self.last_ttl = record.ttl;
        if new_owner {
            self.last_owner = Some(record.owner.clone());
        }
        Ok(ZoneRecord { record, line })
    }

    /// `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE`, whose text is the first
    /// `n` octets of the text buffer.
    fn directive(&mut self, n: usize) -> Result<(), ZoneError> {
        let text = as_text(self.text.get(..n).unwrap_or(&[]));
        let frame = self.files.last();
        let at = |offset: usize, reason: ZoneReason| located(frame, offset, true, reason);
        let text_error = |tokens: &Tokens<'_>, e: TextError| token_error(frame, tokens, e);
        let mut tokens = Tokens::new(text);
        let keyword = tokens.next_token().map_err(|e| text_error(&tokens, e))?.map_or("", |t| t.text);
        let origin = self.origin.as_ref().map(NameBuf::as_name);
        if keyword.eq_ignore_ascii_case("$ORIGIN") {
            let t = next_word(frame, &mut tokens)?;
            let name = parse_name(t.text, origin.as_ref()).map_err(|e| at(t.column, expected(e, t.column, "bad domain name")))?;
            tokens.finish().map_err(|e| text_error(&tokens, e))?;
            self.origin = Some(name);
        } else if keyword.eq_ignore_ascii_case("$TTL") {
            let t = next_word(frame, &mut tokens)?;
            let ttl = parse_ttl(t.text).map_err(|e| at(t.column, expected(e, t.column, "bad TTL")))?;
            tokens.finish().map_err(|e| text_error(&tokens, e))?;
            self.ttl = Some(ttl);
        } else if keyword.eq_ignore_ascii_case("$INCLUDE") {
            let file = next_word(frame, &mut tokens)?;
            let new_origin = match tokens.next_token().map_err(|e| text_error(&tokens, e))? {
                Some(t) => Some(parse_name(t.text, origin.as_ref()).map_err(|e| at(t.column, expected(e, t.column, "bad domain name")))?),
                None => None,
            };
            tokens.finish().map_err(|e| text_error(&tokens, e))?;
            let too_deep = at(file.column, ZoneReason::IncludeTooDeep);
            if self.files.included.is_full() {
                return Err(too_deep);
            }
            let opened = self.includes.open(file.text, self.files.len()).map_err(|e| at(file.column, ZoneReason::Include(e)))?;
            let outer_origin = match new_origin {
                Some(o) => self.origin.replace(o),
                None => self.origin.clone(),
            };
            if let Err(included) = self.files.included.push(Included { frame: Frame::new(opened), outer_origin }) {
                // Not reached: the depth is checked above.
                self.origin = included.outer_origin;
                self.includes.close(included.frame.file);
                return Err(too_deep);
            }
        } else if keyword.eq_ignore_ascii_case("$GENERATE") {
            let generating = self.generate_directive(&mut tokens, n)?;
            self.generating = Some(generating);
        } else {
            return Err(at(0, ZoneReason::UnknownDirective));
        }
        Ok(())
    }

    /// Checks a `$GENERATE` statement (the keyword read) and notes where
    /// its templates are.
    fn generate_directive(&self, tokens: &mut Tokens<'_>, n: usize) -> Result<Generating, ZoneError> {
        let frame = self.files.last();
        let at = |offset: usize, reason: ZoneReason| located(frame, offset, true, reason);
        let text_error = |tokens: &Tokens<'_>, e: TextError| token_error(frame, tokens, e);
        let range_token = next_word(frame, tokens)?;
        let range = Range::parse(range_token.text).ok_or_else(|| at(range_token.column, ZoneReason::GenerateRange))?;
        if range.count() > self.generate_limit {
            return Err(at(range_token.column, ZoneReason::GenerateTooMany));
        }
        let owner = next_word(frame, tokens)?;
        let owner_span = span(&owner);
        // The TTL and class, in either order, then the type.
        let (mut ttl, mut class) = (false, false);
        loop {
            let t = next_word(frame, tokens)?;
            if !t.quoted && !ttl && t.text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                ttl = true;
            } else if !t.quoted && !class && class_mnemonic(t.text).is_some() {
                class = true;
            } else {
                break;
            }
        }
        let first = tokens.next_token().map_err(|e| text_error(tokens, e))?;
        let rdata = match first {
            None => (n, n),
            Some(t) => {
                let alone = tokens.next_token().map_err(|e| text_error(tokens, e))?.is_none();
                // BIND: quoted RDATA loses its quotes.
                if alone && t.quoted { span(&t) } else { (t.column, n) }
            }
        };
        let rdata_column = first.map_or(n, |t| t.column);
        let statement_line = frame.map_or(0, |f| f.statement_line);
        let position = |offset: usize| {
            let e = at(offset, ZoneReason::TooLong);
            (e.line, e.column)
        };
        Ok(Generating {
            range,
            next: range.start,
            len: n,
            owner: owner_span,
            middle: (owner_span.1.saturating_add(usize::from(owner.quoted)), rdata_column),
            rdata,
            line: statement_line,
            owner_at: position(owner.column),
            rdata_at: position(rdata_column),
        })
    }

    /// The next record of the `$GENERATE` under way, written out.
    fn generate_next(&mut self) -> Result<Pending, ZoneError> {
        let Some(g) = self.generating else {
            return Err(ZoneError { line: 0, column: 0, reason: ZoneReason::GenerateRange });
        };
        let value = g.next;
        self.generating = value.checked_add(g.range.step).filter(|&v| v <= g.range.stop).map(|next| Generating { next, ..g });
        let fail = |this: &mut Self, (line, column): At, e: ExpandError| {
            this.generating = None;
            let reason = match e {
                ExpandError::Modifier => ZoneReason::GenerateModifier,
                ExpandError::NoSpace => ZoneReason::TooLong,
            };
            ZoneError { line, column, reason }
        };
        let Some((template, buf)) = self.text.split_at_mut_checked(g.len) else {
            return Err(fail(self, g.owner_at, ExpandError::NoSpace));
        };
        let mut out = Out { buf, len: 0 };
        let part = |(from, to): (usize, usize)| template.get(from..to).unwrap_or(&[]);
        let owner = generate::expand(part(g.owner), value, &mut out);
        let owner_len = out.len;
        let rest = owner.map_err(|e| (g.owner_at, e)).and_then(|()| {
            out.extend(part(g.middle)).map_err(|e| (g.owner_at, e))?;
            generate::expand(part(g.rdata), value, &mut out).map_err(|e| (g.rdata_at, e))
        });
        let len = out.len;
        if let Err((at, e)) = rest {
            return Err(fail(self, at, e));
        }
        Ok(Pending::Generated { start: g.len, end: g.len.saturating_add(len), owner_len, line: g.line, owner_at: g.owner_at, rdata_at: g.rdata_at })
    }
}

/// A directive's field that did not read, and what it should have been.
fn expected(error: TextError, column: usize, what: &'static str) -> ZoneReason {
    ZoneReason::Text(TextErrorAt { error, column, expected: Some(what), field: None, rtype: None })
}

/// The next token of a directive, which must be there.
fn next_word<'x, F: AsRef<[u8]>>(frame: Option<&Frame<F>>, tokens: &mut Tokens<'x>) -> Result<Token<'x>, ZoneError> {
    match tokens.next_token() {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(token_error(frame, tokens, TextError::MissingToken)),
        Err(e) => Err(token_error(frame, tokens, e)),
    }
}

/// A directive's text error, where the tokens stand.
fn token_error<F: AsRef<[u8]>>(frame: Option<&Frame<F>>, tokens: &Tokens<'_>, e: TextError) -> ZoneError {
    located(frame, tokens.column(), true, ZoneReason::Text(TextErrorAt::new(e, tokens.column())))
}

/// Where a token's text is in the statement's text (inside its quotes).
fn span(token: &Token<'_>) -> (usize, usize) {
    let start = token.column.saturating_add(usize::from(token.quoted));
    (start, start.saturating_add(token.text.len()))
}

/// Text the reader wrote or found ASCII.
fn as_text(octets: &[u8]) -> &str {
    core::str::from_utf8(octets).unwrap_or("")
}

/// An error at `offset` of the last statement of `frame`, an offset in its
/// text written out (`in_buffer`) or in its octets.
fn located<F: AsRef<[u8]>>(frame: Option<&Frame<F>>, offset: usize, in_buffer: bool, reason: ZoneReason) -> ZoneError {
    let Some(frame) = frame else { return ZoneError { line: 0, column: 0, reason } };
    let (start, end) = frame.statement;
    let statement = frame.file.as_ref().get(start..end).unwrap_or(&[]);
    let offset = if in_buffer { octets::source_offset(statement, offset) } else { offset };
    let (line, column) = octets::locate(statement, offset, frame.statement_line);
    ZoneError { line, column, reason }
}
