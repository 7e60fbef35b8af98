//! Hex vector files: one DNS message per line, hex digits with optional spaces;
//! blank lines and `#` comments are skipped, and the comment lines just above a
//! message describe it.

use std::fmt;

/// One message read from a hex file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HexMessage {
    /// The 1-based line the message stands on.
    pub line: usize,
    /// The comment lines just above it, joined with spaces.
    pub comment: String,
    /// The message octets.
    pub data: Vec<u8>,
}

/// A line that is not hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HexError {
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub reason: &'static str,
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for HexError {}

/// Reads every message of a hex file.
pub fn parse(text: &str) -> Result<Vec<HexMessage>, HexError> {
    let mut out = Vec::new();
    let mut comment = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            comment.clear();
            continue;
        }
        if let Some(c) = trimmed.strip_prefix('#') {
            if !comment.is_empty() {
                comment.push(' ');
            }
            comment.push_str(c.trim());
            continue;
        }
        let data = decode_hex(trimmed).ok_or(HexError { line, reason: "not an even run of hex digits" })?;
        out.push(HexMessage { line, comment: std::mem::take(&mut comment), data });
    }
    Ok(out)
}

/// Hex digits, whitespace ignored.
pub fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            let s = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

/// Lowercase hex without separators.
pub fn encode_hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_attach_to_the_next_message() {
        let text = "# RFC 1035 4.1.4\n# compression\n0001 0203\n\nff\n";
        let got = parse(text).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], HexMessage { line: 3, comment: "RFC 1035 4.1.4 compression".into(), data: vec![0, 1, 2, 3] });
        assert_eq!(got[1].comment, "");
        assert_eq!(parse("abc").unwrap_err().line, 1);
        assert_eq!(parse("zz").unwrap_err().line, 1);
    }
}
