//! dig-style text to wire (dig's or kdig's layout): the text is split into
//! messages at each `->>HEADER<<-` line (text before the first one belongs to
//! it), and each is read with `dnswire::text::parse_message`. Text with no
//! message in it (empty, or only comments) is an error.

/// One message read from text, or why it could not be, as `LINE:COL:
/// message` (both from 1, the line in the whole text), for the caller to put
/// the file's name before.
pub type Encoded = Result<Vec<u8>, String>;

/// What is said of text that holds no message.
pub const NO_MESSAGE: &str = "1:1: no DNS message in the input (it is empty or only comments)";

/// Where one message's text lies in the whole text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Its first octet's offset.
    pub start: usize,
    /// Its end (exclusive).
    pub end: usize,
    /// How many lines come before it.
    pub lines_before: usize,
}

/// The messages in `text`, found in one pass over it, and how many lines were
/// visited doing so (each line once: the count lets a test check the work is
/// linear).
pub fn split_messages(text: &str) -> (Vec<Chunk>, usize) {
    let mut chunks = vec![Chunk { start: 0, end: text.len(), lines_before: 0 }];
    let mut offset = 0usize;
    let mut visited = 0usize;
    let mut seen_header = false;
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        visited += 1;
        if line.starts_with(";; ->>HEADER<<-") {
            if seen_header {
                if let Some(last) = chunks.last_mut() {
                    last.end = offset;
                }
                chunks.push(Chunk { start: offset, end: text.len(), lines_before: line_no });
            }
            seen_header = true;
        }
        offset += line.len();
    }
    (chunks, visited)
}

/// Whether `text` has nothing but blank lines and `;` comments.
fn only_comments(text: &str) -> bool {
    text.lines().map(str::trim_start).all(|l| l.is_empty() || l.starts_with(';'))
}

/// Encodes every message in `text`.
pub fn encode_text(text: &str, compress: bool) -> Vec<Encoded> {
    let (chunks, _) = split_messages(text);
    let mut out = Vec::with_capacity(chunks.len());
    let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
    for chunk in chunks {
        let part = &text[chunk.start..chunk.end];
        out.push(match dnswire::text::parse_message(part, &mut buf, &mut scratch, compress) {
            Ok(wire) => Ok(wire.to_vec()),
            // Comments alone may still be a message (dig's header and
            // flags lines); when they are not, say so rather than what the
            // reader missed first.
            Err(_) if only_comments(part) => Err(NO_MESSAGE.to_string()),
            Err(e) => Err(format!("{}:{}: {}", e.line + chunk.lines_before, e.column + 1, e.reason())),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_at_header_lines_and_errors_count_lines_in_the_whole_text() {
        let one = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\nx. 1 IN A 192.0.2.1\n";
        let bad = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 2\nx. 1 IN A 192.0.2.300\n";
        let text = format!("; <<>> DiG\n{one}\n;; MSG SIZE rcvd: 33\n{bad}");
        let out = encode_text(&text, true);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap().len(), 12 + 3 + 10 + 4);
        assert_eq!(out[1].as_ref().unwrap_err(), "8:11: bad IPv4 address");
    }

    #[test]
    fn empty_text_is_an_error_not_a_zero_header() {
        let expected = [Err("1:1: no DNS message in the input (it is empty or only comments)".to_string())];
        assert_eq!(encode_text("", true), expected);
    }

    #[test]
    fn whitespace_only_text_is_an_error_not_a_zero_header() {
        let expected = [Err("1:1: no DNS message in the input (it is empty or only comments)".to_string())];
        assert_eq!(encode_text(" \n\t\n", true), expected);
    }

    #[test]
    fn comment_only_text_is_an_error_not_a_zero_header() {
        let expected = [Err("1:1: no DNS message in the input (it is empty or only comments)".to_string())];
        assert_eq!(encode_text("; <<>> DiG\n\n;; a note\n", true), expected);
    }

    #[test]
    fn a_header_and_flags_in_comments_are_still_a_message() {
        let text = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 7\n;; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n";
        // RFC 1035 §4.1.1: id 7, QR set, everything else zero.
        assert_eq!(encode_text(text, true), [Ok(vec![0, 7, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);
    }

    #[test]
    fn a_bad_field_is_located_from_one_and_named() {
        let text = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 2\nx. 1 IN MX q y.\n";
        assert_eq!(encode_text(text, true), [Err("2:12: expected a number (MX preference)".to_string())]);
    }

    #[test]
    fn kdig_messages_split_at_header_lines() {
        let one = ";; ->>HEADER<<- opcode: QUERY; status: NOERROR; id: 1\n;; Flags: qr; QUERY: 0; ANSWER: 1; AUTHORITY: 0; ADDITIONAL: 0\n\n;; ANSWER SECTION:\nx.\t1\tIN\tA\t192.0.2.1\n\n;; Received 29 B\n";
        let out = encode_text(&format!("{one}{one}"), true);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].as_ref().unwrap().len(), 12 + 3 + 10 + 4);
    }

    #[test]
    fn splitting_many_messages_visits_each_line_once() {
        // 20,000 two-line messages: 40,000 lines, each looked at once.
        let one = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\nx. 1 IN A 192.0.2.1\n";
        let text = one.repeat(20_000);
        let (chunks, visited) = split_messages(&text);
        assert_eq!(chunks.len(), 20_000);
        assert_eq!(visited, 40_000);
        assert_eq!(chunks[19_999], Chunk { start: 19_999 * one.len(), end: text.len(), lines_before: 39_998 });
        assert_eq!(chunks[1].lines_before, 2);
    }
}
