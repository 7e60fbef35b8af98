//! The `decode` command: messages in, dig-style text out.

use std::fmt::Write;

use dnswire::{Header, Message, Rcode};

use crate::input::Origin;

/// Renders one message as the `decode` command prints it: for a capture, a
/// `;; frame N, TIME, SRC -> DST UDP` line; then a `;; MESSAGE n (SIZE
/// bytes)` line and the dig-style text, or for a malformed message a `;;
/// MESSAGE n ERROR` line naming the `DecodeError` variant and the octet of
/// the fault, followed by the header lines when the header could be read.
pub fn render(index: usize, wire: &[u8], origin: Option<&Origin>) -> String {
    let mut out = String::new();
    if let Some(origin) = origin {
        let _ = writeln!(out, ";; {origin}");
    }
    match Message::decode_at(wire) {
        Ok(msg) => {
            let _ = writeln!(out, ";; MESSAGE {index} ({} bytes)", wire.len());
            let _ = write!(out, "{msg}");
        }
        Err(failure) => {
            let e = failure.error;
            let _ = writeln!(out, ";; MESSAGE {index} ERROR {}: {} at octet {}", e.name(), e.description(), failure.offset);
            if let Some(header) = Header::decode(wire) {
                write_header(&mut out, &header);
            }
        }
    }
    out
}

/// The header's fields in dig's two header lines (the status from the
/// header's four RCODE bits: the OPT record's were not reached).
fn write_header(out: &mut String, h: &Header) {
    let flags = h.flags;
    let status = Rcode(u16::from(flags.rcode_low()));
    let _ = writeln!(out, ";; ->>HEADER<<- opcode: {}, status: {status}, id: {}", flags.opcode(), h.id);
    out.push_str(";; flags:");
    for (on, text) in [
        (flags.qr(), " qr"),
        (flags.aa(), " aa"),
        (flags.tc(), " tc"),
        (flags.rd(), " rd"),
        (flags.ra(), " ra"),
        (flags.ad(), " ad"),
        (flags.cd(), " cd"),
    ] {
        if on {
            out.push_str(text);
        }
    }
    let _ = writeln!(out, "; QUERY: {}, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {}", h.qdcount, h.ancount, h.nscount, h.arcount);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_header_gives_the_error_alone() {
        assert_eq!(render(3, &[0; 5], None), ";; MESSAGE 3 ERROR Truncated: message ends inside a fixed-size field at octet 0\n");
    }

    #[test]
    fn valid_message_is_dig_text() {
        let empty = [0u8; 12];
        assert!(render(0, &empty, None).starts_with(";; MESSAGE 0 (12 bytes)\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 0\n"));
    }

    #[test]
    fn malformed_message_gives_its_header_and_fault() {
        // id 0x1234 (4660), QR RD RA (0x8180), one question whose name is a
        // pointer at 12 to itself: not strictly backwards.
        let wire = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1, 0, 1];
        assert_eq!(
            render(0, &wire, None),
            ";; MESSAGE 0 ERROR BadPointer: compression pointer not strictly backwards within the message at octet 12\n\
             ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660\n\
             ;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n"
        );
    }

    #[test]
    fn captured_message_is_headed_by_its_frame() {
        let origin = Origin {
            frame: 12,
            time: Some(crate::capture::CaptureTime { secs: 1_714_557_600, nanos: 123_456_000, nano_precision: false }),
            src: "192.0.2.1:53".parse().unwrap(),
            dst: "[2001:db8::2]:41000".parse().unwrap(),
            transport: crate::capture::Transport::Tcp,
        };
        let out = render(0, &[0; 5], Some(&origin));
        assert!(out.starts_with(";; frame 12, 2024-05-01T10:00:00.123456Z, 192.0.2.1:53 -> [2001:db8::2]:41000 TCP\n;; MESSAGE 0 ERROR"), "{out}");
    }
}
