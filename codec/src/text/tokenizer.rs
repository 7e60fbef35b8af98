//! Splits the text of one record into tokens without allocation (RFC 1035
//! §5.1): whitespace-separated words, quoted strings, `;` comments to the end
//! of the line, and parentheses, inside which newlines are whitespace.
//! Escapes (`\X`, `\DDD`) are kept raw; the field parsers unescape them.

use super::octet_search::{equal, less, pair, unmarked};
use crate::error::TextError;

/// One token: a word or the inside of a quoted string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The raw text, escapes kept; for a quoted string, without the quotes.
    pub text: &'t str,
    /// Whether the token was a quoted string.
    pub quoted: bool,
    /// The byte offset of the token in the text (of its opening quote, if
    /// quoted).
    pub column: usize,
}

/// The tokens of one record. A newline outside parentheses ends the record;
/// blank and comment-only lines before the first token are skipped.
///
/// ```
/// use dnswire::text::Tokens;
/// let mut t = Tokens::new("a ( \"b c\" ; note\n d )");
/// assert_eq!(t.next_token().unwrap().map(|t| t.text), Some("a"));
/// let b = t.next_token().unwrap().unwrap();
/// assert_eq!((b.text, b.quoted, b.column), ("b c", true, 4));
/// assert_eq!(t.next_token().unwrap().map(|t| t.column), Some(18));
/// assert_eq!(t.next_token(), Ok(None));
/// ```
#[derive(Clone, Debug)]
pub struct Tokens<'t> {
    text: &'t str,
    pos: usize,
    /// Where the outermost open parenthesis stands, while one is open.
    open_at: Option<usize>,
    depth: usize,
    /// A newline outside parentheses has ended the record.
    ended: bool,
    /// A token has been returned.
    started: bool,
    /// The column of the last token returned, or of the last error.
    column: usize,
    /// The next token, when [`Tokens::look_ahead`] has read it.
    ahead: Option<Ahead<'t>>,
}

/// A token read ahead, and where the tokens stand after it.
#[derive(Clone, Copy, Debug)]
struct Ahead<'t> {
    token: Option<Token<'t>>,
    pos: usize,
    open_at: Option<usize>,
    depth: usize,
    ended: bool,
    started: bool,
    column: usize,
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b';' | b'(' | b')' | b'"')
}

/// The length of the word at the start of `rest`: up to the first
/// delimiter that no backslash escapes.
fn word_len(rest: &[u8]) -> usize {
    // Whole groups of eight without a delimiter or a backslash first.
    let mut i = unmarked(rest, |v| less(v, 0x21) | equal(v, b'"') | pair(v, b'(') | equal(v, b';') | equal(v, b'\\'));
    crate::work::steps(i);
    while let Some(&b) = rest.get(i) {
        crate::work::step();
        if b == b'\\' {
            i = i.saturating_add(2);
        } else if is_delimiter(b) {
            break;
        } else {
            i = i.saturating_add(1);
        }
    }
    i.min(rest.len())
}

impl<'t> Tokens<'t> {
    /// Tokens of `text`.
    pub fn new(text: &'t str) -> Self {
        Self { text, pos: 0, open_at: None, depth: 0, ended: false, started: false, column: 0, ahead: None }
    }

    /// The column of the last token returned, of the end of the text after
    /// the last token, or of the last error: where an error stands.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Moves the error position (to a token read earlier).
    pub(crate) fn set_column(&mut self, column: usize) {
        self.column = column;
    }

    /// The next token, `None` at the end of the record. On error,
    /// [`Tokens::column`] says where.
    ///
    /// # Errors
    /// [`TextError::Unterminated`] for a quote or parenthesis not closed,
    /// [`TextError::UnbalancedParen`] for a `)` without its `(`,
    /// [`TextError::BadEscape`] for a malformed `\` escape.
    pub fn next_token(&mut self) -> Result<Option<Token<'t>>, TextError> {
        if let Some(a) = self.ahead.take() {
            (self.pos, self.open_at, self.depth, self.ended, self.started, self.column) = (a.pos, a.open_at, a.depth, a.ended, a.started, a.column);
            return Ok(a.token);
        }
        let bytes = self.text.as_bytes();
        loop {
            crate::work::step();
            if self.ended {
                return Ok(None);
            }
            let Some(&c) = bytes.get(self.pos) else {
                if let Some(open) = self.open_at {
                    self.column = open;
                    return Err(TextError::Unterminated);
                }
                self.column = self.pos;
                return Ok(None);
            };
            let start = self.pos;
            match c {
                b' ' | b'\t' | b'\r' => {
                    // A run of blanks at once, not one turn of the loop each.
                    let rest = bytes.get(start..).unwrap_or(&[]);
                    let blanks = rest.iter().position(|&b| !matches!(b, b' ' | b'\t' | b'\r')).unwrap_or(rest.len());
                    crate::work::steps(blanks);
                    self.pos = start.saturating_add(blanks);
                }
                b'\n' => {
                    self.pos = start.saturating_add(1);
                    if self.depth == 0 && self.started {
                        self.ended = true;
                        self.column = start;
                        return Ok(None);
                    }
                }
                b';' => {
                    self.pos = bytes
                        .get(start..)
                        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                        .and_then(|n| start.checked_add(n))
                        .unwrap_or(bytes.len());
                    crate::work::steps(self.pos.saturating_sub(start));
                }
                b'(' => {
                    // RFC 1035 §5.1 gives parentheses one use, to let a record
                    // cross lines; a second `(` inside them groups nothing and
                    // is most likely a typo, so it is refused, not counted.
                    if self.depth > 0 {
                        self.column = start;
                        return Err(TextError::UnbalancedParen);
                    }
                    self.open_at = Some(start);
                    self.depth = 1;
                    self.pos = start.saturating_add(1);
                }
                b')' => {
                    self.depth = match self.depth.checked_sub(1) {
                        Some(d) => d,
                        None => {
                            self.column = start;
                            return Err(TextError::UnbalancedParen);
                        }
                    };
                    if self.depth == 0 {
                        self.open_at = None;
                    }
                    self.pos = start.saturating_add(1);
                }
                b'"' => {
                    let body = start.saturating_add(1);
                    let inside = bytes.get(body..).unwrap_or(&[]);
                    let plain = unmarked(inside, |v| equal(v, b'"') | equal(v, b'\\'));
                    crate::work::steps(plain);
                    let mut i = body.saturating_add(plain);
                    loop {
                        crate::work::step();
                        match bytes.get(i) {
                            None => {
                                self.column = start;
                                return Err(TextError::Unterminated);
                            }
                            Some(b'\\') => i = i.saturating_add(2),
                            Some(b'"') => break,
                            Some(_) => i = i.saturating_add(1),
                        }
                    }
                    // RFC 1035 §5.1: a `"` inside a quoted string must be
                    // escaped, so in `"""` the inner quote lost its backslash:
                    // it is not two strings with no blank between them.
                    if bytes.get(i.saturating_add(1)) == Some(&b'"') {
                        self.column = i.saturating_add(1);
                        return Err(TextError::BadEscape);
                    }
                    return self.emit(body, i, i.saturating_add(1), start, true);
                }
                _ => {
                    let end = start.saturating_add(word_len(bytes.get(start..).unwrap_or(&[])));
                    return self.emit(start, end, end, start, false);
                }
            }
        }
    }

    fn emit(&mut self, from: usize, to: usize, next: usize, column: usize, quoted: bool) -> Result<Option<Token<'t>>, TextError> {
        self.column = column;
        // Tokens are cut at ASCII octets only, so these are character
        // boundaries; an escaped multi-octet character is the one exception.
        let text = self.text.get(from..to).ok_or(TextError::BadEscape)?;
        self.pos = next;
        self.started = true;
        Ok(Some(Token { text, quoted, column }))
    }

    /// The length of the text: the column given to what is missing at its end.
    pub(crate) fn end_column(&self) -> usize {
        self.text.len()
    }

    /// The next token without taking it.
    ///
    /// # Errors
    /// As [`Tokens::next_token`].
    pub fn peek(&self) -> Result<Option<Token<'t>>, TextError> {
        self.clone().next_token()
    }

    /// [`Tokens::peek`], keeping the token for the next call to
    /// [`Tokens::next_token`], which then does not read it again.
    pub(crate) fn look_ahead(&mut self) -> Result<Option<Token<'t>>, TextError> {
        let mut after = self.clone();
        let token = after.next_token()?;
        let Self { pos, open_at, depth, ended, started, column, .. } = after;
        self.ahead = Some(Ahead { token, pos, open_at, depth, ended, started, column });
        Ok(token)
    }

    /// Whether the record has no more tokens (a tokenizer error counts as a
    /// token: it is reported by the next call).
    pub fn is_empty(&self) -> bool {
        matches!(self.peek(), Ok(None))
    }

    /// Checks that nothing but whitespace and comments is left, on this line
    /// or any after it: [`TextError::ExtraToken`] at the first token left.
    ///
    /// # Errors
    /// [`TextError::ExtraToken`] at the first token left, or
    /// [`Tokens::next_token`]'s errors.
    pub fn finish(&mut self) -> Result<(), TextError> {
        loop {
            if let Some(t) = self.next_token()? {
                self.column = t.column;
                return Err(TextError::ExtraToken);
            }
            if self.pos >= self.text.len() {
                return Ok(());
            }
            self.ended = false;
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    type Found<'t> = Vec<(&'t str, bool, usize)>;

    fn all(text: &str) -> Result<Found<'_>, (TextError, usize)> {
        let mut t = Tokens::new(text);
        let mut out = Vec::new();
        loop {
            match t.next_token() {
                Ok(Some(tok)) => out.push((tok.text, tok.quoted, tok.column)),
                Ok(None) => return Ok(out),
                Err(e) => return Err((e, t.column())),
            }
        }
    }

    #[test]
    fn words_and_columns() {
        assert_eq!(all("  a\tbb  ccc "), Ok(std::vec![("a", false, 2), ("bb", false, 4), ("ccc", false, 8)]));
        assert_eq!(all(""), Ok(std::vec![]));
        assert_eq!(all("   ; only a comment"), Ok(std::vec![]));
    }

    #[test]
    fn quotes_keep_escapes_raw() {
        assert_eq!(
            all(r#"x "a \"b\" \\ \065" "" y"#),
            Ok(std::vec![("x", false, 0), (r#"a \"b\" \\ \065"#, true, 2), ("", true, 20), ("y", false, 23)])
        );
        // A quote ends a word; a quoted string may hold `;` and parentheses.
        assert_eq!(all(r#"ab"c;(d)"e"#), Ok(std::vec![("ab", false, 0), ("c;(d)", true, 2), ("e", false, 9)]));
        // Escaped delimiters stay inside a word.
        assert_eq!(all(r"a\ b\;c\(d e"), Ok(std::vec![(r"a\ b\;c\(d", false, 0), ("e", false, 11)]));
        assert_eq!(all("a \"open"), Err((TextError::Unterminated, 2)));
        assert_eq!(all("a \"open\\\""), Err((TextError::Unterminated, 2)));
    }

    #[test]
    fn comments_and_parentheses() {
        assert_eq!(all("a ; comment \"x\nb"), Ok(std::vec![("a", false, 0)]));
        assert_eq!(all("a ( b ; c\n d\n) e ; end"), Ok(std::vec![("a", false, 0), ("b", false, 4), ("d", false, 11), ("e", false, 15)]));
        assert_eq!(all("a(b)c"), Ok(std::vec![("a", false, 0), ("b", false, 2), ("c", false, 4)]));
        assert_eq!(all("a ) b"), Err((TextError::UnbalancedParen, 2)));
        // Leading blank lines are skipped; a newline after a token ends the record.
        assert_eq!(all("\n ; x\n a b\n c"), Ok(std::vec![("a", false, 7), ("b", false, 9)]));
    }

    /// RFC 1035 §5.1: parentheses let a record cross lines; they do not nest.
    #[test]
    fn nested_parentheses_are_refused() {
        assert_eq!(all("a ( b ( c ) d )"), Err((TextError::UnbalancedParen, 6)));
        assert_eq!(all("@ NS ((@))"), Err((TextError::UnbalancedParen, 6)));
        assert_eq!(all("a ( b ) ( c )"), Ok(std::vec![("a", false, 0), ("b", false, 4), ("c", false, 10)]));
    }

    /// RFC 1035 §5.1: a `"` inside a quoted string is written `\"`.
    #[test]
    fn a_quote_right_after_a_closing_quote_is_refused() {
        assert_eq!(all(r#"TXT """"#), Err((TextError::BadEscape, 6)));
        assert_eq!(all(r#"""" """#), Err((TextError::BadEscape, 2)));
        assert_eq!(all(r#""\"" """#), Ok(std::vec![(r#"\""#, true, 0), ("", true, 5)]));
    }

    /// A token looked at ahead is the one the next call gives, with the
    /// same state after it.
    #[test]
    fn a_token_looked_at_ahead_comes_next() {
        let text = "a ( \"b c\" ; note\n d ) e";
        let mut plain = Tokens::new(text);
        let mut ahead = Tokens::new(text);
        loop {
            let looked = ahead.look_ahead();
            let expected = plain.next_token();
            assert_eq!(looked, expected);
            assert_eq!(ahead.next_token(), expected);
            assert_eq!(ahead.column(), plain.column());
            if !matches!(expected, Ok(Some(_))) {
                break;
            }
        }
        assert_eq!(ahead.finish(), plain.finish());
    }

    #[test]
    fn finish_reports_the_first_extra_token() {
        let mut t = Tokens::new("a\n\n  ; fine\n");
        assert_eq!(t.next_token().unwrap().map(|t| t.text), Some("a"));
        assert_eq!(t.next_token(), Ok(None));
        assert_eq!(t.finish(), Ok(()));
        let mut t = Tokens::new("a\n  b");
        t.next_token().unwrap();
        assert_eq!(t.finish(), Err(TextError::ExtraToken));
        assert_eq!(t.column(), 4);
        let t = Tokens::new("a");
        assert!(!t.is_empty());
    }
}
