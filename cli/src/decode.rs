//! The `decode` command: messages in, dig-style text out.

use std::fmt::Write;

use dnswire::Message;

/// Renders one message as the `decode` command prints it: a `;; MESSAGE n
/// (SIZE bytes)` line and the dig-style text, or a `;; MESSAGE n ERROR` line
/// naming the `DecodeError` variant.
pub fn render(index: usize, wire: &[u8]) -> String {
    let mut out = String::new();
    match Message::decode(wire) {
        Ok(msg) => {
            let _ = writeln!(out, ";; MESSAGE {index} ({} bytes)", wire.len());
            let _ = write!(out, "{msg}");
        }
        Err(e) => {
            let _ = writeln!(out, ";; MESSAGE {index} ERROR {}: {}", e.name(), e.description());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_errors_by_variant() {
        assert_eq!(render(3, &[0; 5]), ";; MESSAGE 3 ERROR Truncated: message ends inside a fixed-size field\n");
        let empty = [0u8; 12];
        assert!(render(0, &empty).starts_with(";; MESSAGE 0 (12 bytes)\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 0\n"));
    }
}
