//! dig-style text to wire (dig's or kdig's layout): the text is split into
//! messages at each `->>HEADER<<-` line (text before the first one belongs to
//! it), and each is read with `dnswire::text::parse_message`. Text with no
//! message in it (empty, or only comments) is an error.

/// One message read from text, or why it could not be: the line is counted
/// from 1 in the whole text.
pub type Encoded = Result<Vec<u8>, String>;

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

/// Encodes every message in `text`.
pub fn encode_text(text: &str, compress: bool) -> Vec<Encoded> {
    let (chunks, _) = split_messages(text);
    let mut out = Vec::with_capacity(chunks.len());
    let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
    for chunk in chunks {
        let part = &text[chunk.start..chunk.end];
        out.push(match dnswire::text::parse_message(part, &mut buf, &mut scratch, compress) {
            Ok(wire) => Ok(wire.to_vec()),
            Err(e) => Err(format!("line {}, column {}: {}", e.line + chunk.lines_before, e.column, e.error)),
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
        assert_eq!(out[1].as_ref().unwrap_err(), "line 8, column 10: malformed field");
    }

    #[test]
    fn empty_text_is_an_error_not_a_zero_header() {
        let out = encode_text("", true);
        assert_eq!(out, [Err("line 1, column 0: missing field".to_string())]);
        assert!(encode_text("; <<>> DiG\n\n", true)[0].is_err());
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
