//! The `decode` command's input: a file or standard input (`-`), gzip or xz
//! undone when its magic number says so, and the format told from the first
//! octets (pcap, pcapng, hex text, else one raw message).

use std::fmt;
use std::io::Read;
use std::path::Path;

use clap::ValueEnum;

use crate::{capture, hexfile};

/// How the messages are laid out in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One message per line in hex; blank lines and `#` comment lines skipped.
    Hex,
    /// The whole input is one message in wire form.
    Raw,
    /// A pcap or pcapng capture (UDP and TCP, IPv4 and IPv6).
    #[value(alias = "pcapng")]
    Pcap,
}

/// Whether and how the input is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Compression {
    /// gzip or xz when the input starts with its magic number, else none.
    Auto,
    /// Take the octets as they are.
    None,
    /// gzip (RFC 1952), members one after another allowed.
    Gzip,
    /// xz, streams one after another allowed.
    Xz,
}

/// The largest input taken after decompression: a small compressed file may
/// expand a thousandfold, and everything read is held in memory.
pub const MAX_INPUT_OCTETS: u64 = 1 << 30;

/// gzip's first two octets (RFC 1952 §2.3.1).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// xz's stream header magic (the .xz file format, §2.1.1.1).
const XZ_MAGIC: [u8; 6] = [0xfd, b'7', b'z', b'X', b'Z', 0x00];

/// The magic numbers of the pcap formats the capture reader takes, as they
/// lie in the file: microsecond and nanosecond timestamps in either byte
/// order, and the "modified" pcap of old Linux tools (little-endian only).
const PCAP_MAGICS: [[u8; 4]; 5] =
    [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0xc3, 0xd4], [0x4d, 0x3c, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x34, 0xcd, 0xb2, 0xa1]];
/// A pcapng Section Header Block's type, the same in either byte order.
const PCAPNG_MAGIC: [u8; 4] = [0x0a, 0x0d, 0x0d, 0x0a];

/// Why an input could not be read.
#[derive(Debug)]
pub enum InputError {
    /// The file or standard input could not be read.
    Io(std::io::Error),
    /// The compressed data is corrupt or cut short.
    Decompress { compression: Compression, error: std::io::Error },
    /// More than `limit` octets once decompressed.
    TooLarge { limit: u64 },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) => write!(f, "{e}"),
            Self::Decompress { compression: Compression::Xz, error } => write!(f, "xz data: {error}"),
            Self::Decompress { error, .. } => write!(f, "gzip data: {error}"),
            Self::TooLarge { limit } => write!(f, "more than {limit} octets once decompressed"),
        }
    }
}

impl std::error::Error for InputError {}

/// The input's name in messages: the path, or `<stdin>` for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) { "<stdin>".to_string() } else { path.display().to_string() }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a file, or standard input for `-`, and undoes its compression.
pub fn read(path: &Path, compression: Compression) -> Result<Vec<u8>, InputError> {
    let bytes = if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(InputError::Io)?;
        bytes
    } else {
        std::fs::read(path).map_err(InputError::Io)?
    };
    decompress(bytes, compression, MAX_INPUT_OCTETS)
}

/// Where a message of a capture was seen: its packet and endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The packet's number, counted from 1 as Wireshark and tshark count.
    pub frame: u64,
    pub time: Option<capture::CaptureTime>,
    pub src: std::net::SocketAddr,
    pub dst: std::net::SocketAddr,
    pub transport: capture::Transport,
}

impl std::fmt::Display for Origin {
    /// `frame 12, 2024-05-01T10:00:00.123456Z, 192.0.2.1:53 -> 192.0.2.2:41000 UDP`
    /// (the time left out when the capture has none).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "frame {}, ", self.frame)?;
        if let Some(time) = self.time {
            write!(f, "{time}, ")?;
        }
        let transport = match self.transport {
            capture::Transport::Udp => "UDP",
            capture::Transport::Tcp => "TCP",
        };
        write!(f, "{} -> {} {transport}", self.src, self.dst)
    }
}

/// One message read, and for a capture where it was seen.
#[derive(Debug)]
pub struct InputMessage {
    pub data: Vec<u8>,
    pub origin: Option<Origin>,
}

impl InputMessage {
    fn bare(data: Vec<u8>) -> Self {
        Self { data, origin: None }
    }
}

/// The messages of one input, and what the user should know about it.
#[derive(Debug, Default)]
pub struct Messages {
    /// Each message, in input order.
    pub messages: Vec<InputMessage>,
    /// Notes for standard error: packets of a capture skipped, text taken as wire.
    pub notes: Vec<String>,
}

/// Reads the messages of a file (`-`: standard input) in `format`, or the
/// format detected; `ports` are taken as DNS in captures besides the usual.
pub fn read_messages(path: &Path, format: Option<Format>, compression: Compression, ports: &[u16]) -> Result<Messages, Box<dyn std::error::Error>> {
    let bytes = read(path, compression)?;
    let detected = detect_format(&bytes);
    let mut notes = Vec::new();
    if format.is_none() && detected == Format::Raw && looks_like_text(&bytes) {
        notes.push("text, but not hex: taken as one raw message (dig's output goes to `dnswire encode`)".to_string());
    }
    let messages = match format.unwrap_or(detected) {
        Format::Raw => vec![InputMessage::bare(bytes)],
        Format::Pcap => {
            let mut all = capture::DEFAULT_PORTS.to_vec();
            all.extend(ports);
            let cap = capture::read_capture(&bytes, &all)?;
            if cap.skipped.total() > 0 {
                notes.push(cap.skipped.to_string());
            }
            cap.messages
                .into_iter()
                .map(|m| InputMessage {
                    origin: Some(Origin { frame: m.frame, time: m.time, src: m.src, dst: m.dst, transport: m.transport }),
                    data: m.data,
                })
                .collect()
        }
        Format::Hex => hexfile::parse(&String::from_utf8(bytes)?)?.into_iter().map(|m| InputMessage::bare(m.data)).collect(),
    };
    Ok(Messages { messages, notes })
}

/// The compression `bytes` start with, if any.
pub fn detect_compression(bytes: &[u8]) -> Compression {
    if bytes.starts_with(&GZIP_MAGIC) {
        Compression::Gzip
    } else if bytes.starts_with(&XZ_MAGIC) {
        Compression::Xz
    } else {
        Compression::None
    }
}

/// Undoes `compression` (`Auto`: the one the magic number names), keeping at
/// most `limit` octets.
pub fn decompress(bytes: Vec<u8>, compression: Compression, limit: u64) -> Result<Vec<u8>, InputError> {
    let compression = match compression {
        Compression::Auto => detect_compression(&bytes),
        other => other,
    };
    let decoder: Box<dyn Read + '_> = match compression {
        Compression::Auto | Compression::None => return Ok(bytes),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(bytes.as_slice())),
        Compression::Xz => Box::new(liblzma::read::XzDecoder::new_multi_decoder(bytes.as_slice())),
    };
    let mut out = Vec::new();
    // One octet past the limit tells a stream at the limit from one beyond it.
    decoder.take(limit.saturating_add(1)).read_to_end(&mut out).map_err(|error| InputError::Decompress { compression, error })?;
    if out.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(out)
}

/// The format `bytes` are in: pcap or pcapng by magic number, hex when the
/// text has only hex lines, blank lines and `#` comment lines, else raw.
pub fn detect_format(bytes: &[u8]) -> Format {
    let magic = bytes.get(..4);
    if magic.is_some_and(|m| m == PCAPNG_MAGIC || PCAP_MAGICS.iter().any(|p| p == m)) {
        Format::Pcap
    } else if is_hex_text(bytes) {
        Format::Hex
    } else {
        Format::Raw
    }
}

/// Whether `bytes` are printable text (ASCII letters, digits, punctuation and
/// whitespace only): a DNS message's counts and lengths hold zero octets, so
/// such input taken as raw is more likely dig output or a name than wire.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
}

/// Whether `bytes` are a hex file as `hexfile::parse` reads it (an empty
/// input is one, with no message).
fn is_hex_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
        && bytes.split(|&b| b == b'\n').all(|line| {
            let line = line.trim_ascii();
            line.is_empty() || line.starts_with(b"#") || line.iter().all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
        })
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn modified_pcap_is_a_capture() {
        // The "modified" format of old Linux tools, as written little-endian.
        assert_eq!(detect_format(&[0x34, 0xcd, 0xb2, 0xa1, 2, 0, 4, 0]), Format::Pcap);
    }

    #[test]
    fn short_or_binary_input_is_raw() {
        // Three octets of a pcap magic number are no capture.
        assert_eq!(detect_format(&[0xa1, 0xb2, 0xc3]), Format::Raw);
        assert_eq!(detect_format(&[0x12, 0x34, 0x01, 0x00, 0, 1]), Format::Raw);
        // Hex digits with a byte that is not UTF-8 in a comment.
        assert_eq!(detect_format(b"# \xff\n0011\n"), Format::Raw);
    }

    #[test]
    fn hex_lines_may_end_in_crlf_and_empty_input_is_hex() {
        assert_eq!(detect_format(b"00 11\r\n# x\r\n\r\nAbCd\r\n"), Format::Hex);
        assert_eq!(detect_format(b""), Format::Hex);
    }

    #[test]
    fn output_past_the_limit_is_refused_after_one_octet_more() {
        let zeros = gzip(&[0u8; 4096]);
        assert_eq!(decompress(zeros.clone(), Compression::Auto, 4096).unwrap().len(), 4096);
        assert!(matches!(decompress(zeros, Compression::Auto, 4095), Err(InputError::TooLarge { limit: 4095 })));
    }
}
