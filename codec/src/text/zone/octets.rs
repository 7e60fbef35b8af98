//! A master file is octets, not UTF-8 (RFC 1035 §5.1): the statements the
//! text reader reads are written out with every octet outside ASCII as its
//! `\DDD` escape, which stands for the same octet in a name or a
//! character-string. After a backslash that escapes it, the octet becomes
//! the three digits alone.

/// Writes `octets` as ASCII text into `out`; returns its length, or `None`
/// when `out` is too small.
pub(super) fn write_as_text(octets: &[u8], out: &mut [u8]) -> Option<usize> {
    let mut n = 0usize;
    let mut push = |b: u8| -> Option<()> {
        *out.get_mut(n)? = b;
        n = n.checked_add(1)?;
        Some(())
    };
    // Whether the octet before was a backslash that escapes this one.
    let mut escaping = false;
    for &b in octets {
        crate::work::step();
        if b.is_ascii() {
            push(b)?;
            escaping = b == b'\\' && !escaping;
        } else {
            if !escaping {
                push(b'\\')?;
            }
            push(b'0'.checked_add(b / 100)?)?;
            push(b'0'.checked_add(b / 10 % 10)?)?;
            push(b'0'.checked_add(b % 10)?)?;
            escaping = false;
        }
    }
    Some(n)
}

/// The offset in `octets` of the octet that offset `at` of their text (as
/// [`write_as_text`] writes it) stands for.
pub(super) fn source_offset(octets: &[u8], at: usize) -> usize {
    let mut written = 0usize;
    let mut escaping = false;
    for (i, &b) in octets.iter().enumerate() {
        crate::work::step();
        let width = match (b.is_ascii(), escaping) {
            (true, _) => 1usize,
            (false, true) => 3,
            (false, false) => 4,
        };
        escaping = b == b'\\' && !escaping;
        written = written.saturating_add(width);
        if written > at {
            return i;
        }
    }
    octets.len()
}

/// The line and 1-based column of octet `offset` of a statement that
/// starts at the beginning of line `first_line`.
pub(super) fn locate(statement: &[u8], offset: usize, first_line: u32) -> (u32, u32) {
    let head = statement.get(..offset).unwrap_or(statement);
    let mut line = first_line;
    let mut line_start = 0usize;
    for (i, &b) in head.iter().enumerate() {
        if b == b'\n' {
            line = line.saturating_add(1);
            line_start = i.saturating_add(1);
        }
    }
    crate::work::steps(head.len());
    let column = offset.min(statement.len()).saturating_sub(line_start).saturating_add(1);
    (line, u32::try_from(column).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;

    fn text(octets: &[u8]) -> std::string::String {
        let mut out = [0u8; 64];
        let n = write_as_text(octets, &mut out).unwrap();
        std::string::String::from_utf8(out[..n].to_vec()).unwrap()
    }

    /// 0xE9 is 233; an escaping backslash takes the digits alone.
    #[test]
    fn octets_outside_ascii_become_escapes() {
        assert_eq!(text(b"a\xe9b"), "a\\233b");
        assert_eq!(text(b"\\\xe9"), "\\233");
        assert_eq!(text(b"\\\\\xe9"), "\\\\\\233");
        assert_eq!(text(&[0xC3, 0xA9]), "\\195\\169");
    }

    #[test]
    fn a_buffer_too_small_is_none() {
        assert_eq!(write_as_text(b"\xe9", &mut [0u8; 3]), None);
    }

    #[test]
    fn offsets_in_the_text_map_back_to_octets() {
        // "a\233b": text offsets 1..=4 are the octet at 1, 5 is `b` at 2.
        assert_eq!(source_offset(b"a\xe9b", 0), 0);
        assert_eq!(source_offset(b"a\xe9b", 4), 1);
        assert_eq!(source_offset(b"a\xe9b", 5), 2);
    }

    #[test]
    fn lines_and_columns_count_from_one() {
        assert_eq!(locate(b"ab\ncd", 4, 7), (8, 2));
        assert_eq!(locate(b"ab\ncd", 0, 7), (7, 1));
    }
}
