//! `dnswire decode` tells its input's format from the first octets (pcap in
//! every byte order and timestamp precision, pcapng, hex text, raw wire),
//! reads standard input for `-`, and undoes gzip and xz. Every input here is
//! built by hand in the test, per the pcap, pcapng and DNS formats.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A query for `example. A IN` with id 0x1234 and RD (RFC 1035 §4.1): 25 octets.
fn query() -> Vec<u8> {
    let mut m = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    m.extend(b"\x07example\x00");
    m.extend([0, 1, 0, 1]);
    m
}

/// The header line dig prints for `query()`: 0x1234 is 4660.
const HEADER: &str = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660";

/// The query in an IPv4/UDP packet from 192.0.2.1:40000 to 192.0.2.53:53
/// (RFC 791, RFC 768), header checksum computed, UDP checksum left 0.
fn ipv4_udp(payload: &[u8]) -> Vec<u8> {
    let total = u16::try_from(20 + 8 + payload.len()).unwrap();
    let mut ip = vec![0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 53];
    ip[2..4].copy_from_slice(&total.to_be_bytes());
    let sum: u32 = ip.chunks(2).map(|w| u32::from(u16::from_be_bytes([w[0], w[1]]))).sum();
    let folded = (sum & 0xffff) + (sum >> 16);
    ip[10..12].copy_from_slice(&(!(folded as u16)).to_be_bytes());
    let udp_len = u16::try_from(8 + payload.len()).unwrap();
    ip.extend(40000u16.to_be_bytes());
    ip.extend(53u16.to_be_bytes());
    ip.extend(udp_len.to_be_bytes());
    ip.extend([0, 0]);
    ip.extend(payload);
    ip
}

/// A pcap file (the format of libpcap's savefile) with one packet of link
/// type 228 (raw IPv4): `magic` as the file writes it, fields in the order it
/// implies.
fn pcap(magic: u32, big_endian: bool, packet: &[u8]) -> Vec<u8> {
    let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    let mut f = Vec::new();
    f.extend(u32b(magic));
    f.extend(u16b(2)); // version 2.4
    f.extend(u16b(4));
    f.extend(u32b(0)); // thiszone
    f.extend(u32b(0)); // sigfigs
    f.extend(u32b(65535)); // snaplen
    f.extend(u32b(228)); // LINKTYPE_IPV4
    let len = u32::try_from(packet.len()).unwrap();
    f.extend(u32b(1_700_000_000)); // seconds
    f.extend(u32b(5)); // micro- or nanoseconds
    f.extend(u32b(len)); // captured
    f.extend(u32b(len)); // on the wire
    f.extend(packet);
    f
}

/// A little-endian pcapng file: Section Header, Interface Description (link
/// type 228) and one Enhanced Packet Block.
fn pcapng(packet: &[u8]) -> Vec<u8> {
    fn block(block_type: u32, body: &[u8]) -> Vec<u8> {
        let len = u32::try_from(12 + body.len()).unwrap();
        let mut b = block_type.to_le_bytes().to_vec();
        b.extend(len.to_le_bytes());
        b.extend(body);
        b.extend(len.to_le_bytes());
        b
    }
    let mut shb = 0x1a2b_3c4du32.to_le_bytes().to_vec();
    shb.extend(1u16.to_le_bytes());
    shb.extend(0u16.to_le_bytes());
    shb.extend((-1i64).to_le_bytes()); // section length unknown
    let mut idb = 228u16.to_le_bytes().to_vec();
    idb.extend(0u16.to_le_bytes());
    idb.extend(0u32.to_le_bytes()); // no snap length
    let len = u32::try_from(packet.len()).unwrap();
    let mut epb = 0u32.to_le_bytes().to_vec(); // interface 0
    epb.extend(0u32.to_le_bytes()); // timestamp high
    epb.extend(0u32.to_le_bytes()); // timestamp low
    epb.extend(len.to_le_bytes());
    epb.extend(len.to_le_bytes());
    epb.extend(packet);
    epb.resize(epb.len().next_multiple_of(4), 0);
    [block(0x0a0d_0d0a, &shb), block(1, &idb), block(6, &epb)].concat()
}

/// The query as a hex file: a comment, a blank line, and the message twice.
fn hex_text() -> String {
    let hex: String = query().iter().map(|b| format!("{b:02x}")).collect();
    format!("# two copies of one query\n\n{hex}\n{} \n", hex.to_uppercase())
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn xz(data: &[u8]) -> Vec<u8> {
    let mut enc = liblzma::write::XzEncoder::new(Vec::new(), 6);
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Writes `data` to a file of its own for one test.
fn file(test: &str, data: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dnswire-cli-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(test);
    std::fs::write(&path, data).unwrap();
    path
}

fn dnswire(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_dnswire")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Decodes `data` from a file with the format detected; the printed message
/// lines (`;; MESSAGE n ...`) and the whole output.
fn decode_file(test: &str, data: &[u8], extra: &[&str]) -> (Vec<String>, String) {
    let path = file(test, data);
    let mut args = vec!["decode"];
    args.extend(extra);
    args.push(path.to_str().unwrap());
    let out = dnswire(&args, b"");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{test}: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    let lines = stdout.lines().filter(|l| l.starts_with(";; MESSAGE")).map(str::to_string).collect();
    (lines, stdout)
}

fn assert_one_query(test: &str, data: &[u8]) {
    let (messages, out) = decode_file(test, data, &[]);
    assert_eq!(messages, [";; MESSAGE 0 (25 bytes)"], "{test}:\n{out}");
    assert!(out.contains(HEADER), "{test}:\n{out}");
}

#[test]
fn pcap_microseconds_little_endian() {
    // Written as d4 c3 b2 a1.
    assert_one_query("us-le.pcap", &pcap(0xa1b2_c3d4, false, &ipv4_udp(&query())));
}

#[test]
fn pcap_microseconds_big_endian() {
    // Written as a1 b2 c3 d4.
    assert_one_query("us-be.pcap", &pcap(0xa1b2_c3d4, true, &ipv4_udp(&query())));
}

#[test]
fn pcap_nanoseconds_little_endian() {
    // Written as 4d 3c b2 a1.
    assert_one_query("ns-le.pcap", &pcap(0xa1b2_3c4d, false, &ipv4_udp(&query())));
}

#[test]
fn pcap_nanoseconds_big_endian() {
    // Written as a1 b2 3c 4d.
    assert_one_query("ns-be.pcap", &pcap(0xa1b2_3c4d, true, &ipv4_udp(&query())));
}

#[test]
fn pcapng_little_endian() {
    assert_one_query("one.pcapng", &pcapng(&ipv4_udp(&query())));
}

#[test]
fn raw_wire() {
    assert_one_query("query.bin", &query());
}

#[test]
fn hex_text_with_comments_and_blank_lines() {
    let (messages, out) = decode_file("two.hex", hex_text().as_bytes(), &[]);
    assert_eq!(messages, [";; MESSAGE 0 (25 bytes)", ";; MESSAGE 1 (25 bytes)"], "{out}");
}

#[test]
fn captured_message_is_headed_by_frame_time_and_endpoints() {
    // The packet of `pcap`: 1700000000 s (`date -u -d @1700000000`: Tue Nov
    // 14 22:13:20 UTC 2023) and 5 microseconds, 192.0.2.1:40000 to
    // 192.0.2.53:53 over UDP.
    let (_, out) = decode_file("frame.pcap", &pcap(0xa1b2_c3d4, false, &ipv4_udp(&query())), &[]);
    let first = out.lines().next().unwrap_or_default();
    assert_eq!(first, ";; frame 1, 2023-11-14T22:13:20.000005Z, 192.0.2.1:40000 -> 192.0.2.53:53 UDP", "{out}");
}

#[test]
fn nanosecond_capture_time_has_nine_digits() {
    let (_, out) = decode_file("frame-ns.pcap", &pcap(0xa1b2_3c4d, false, &ipv4_udp(&query())), &[]);
    assert!(out.starts_with(";; frame 1, 2023-11-14T22:13:20.000000005Z, "), "{out}");
}

#[test]
fn raw_message_has_no_frame_line() {
    let (_, out) = decode_file("noframe.bin", &query(), &[]);
    assert!(out.starts_with(";; MESSAGE 0 (25 bytes)\n"), "{out}");
}

#[test]
fn malformed_message_shows_header_and_fault_offset() {
    // `query()` with the root octet of `example.` (offset 20) turned into a
    // label of 64 octets, reserved label type 01 (RFC 6891 §5).
    let mut wire = query();
    wire[20] = 0x40;
    let (messages, out) = decode_file("badlabel.bin", &wire, &[]);
    assert_eq!(messages, [";; MESSAGE 0 ERROR BadLabelType: reserved label type at octet 20"], "{out}");
    assert!(out.contains(&format!("{HEADER}\n;; flags: rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n")), "{out}");
}

#[test]
fn text_that_is_not_hex_is_one_raw_message() {
    // dig's output is text but not hex: taken as wire, it is 8 octets, too
    // short for a header.
    let (messages, _) = decode_file("dig.txt", b"; <<>> D", &[]);
    assert_eq!(messages.len(), 1);
    assert!(messages[0].starts_with(";; MESSAGE 0 ERROR Truncated"), "{messages:?}");
}

#[test]
fn text_taken_as_raw_gets_a_hint_on_standard_error() {
    // dig's output given to decode: the user is pointed to encode.
    let out = dnswire(&["decode", "-"], b";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n");
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("<stdin>") && stderr.contains("dnswire encode"), "{stderr}");
    // A raw message given as such gets none.
    let out = dnswire(&["decode", "-"], &query());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

#[test]
fn format_option_overrides_detection() {
    // Hex text taken as raw is one message of the text's octets.
    let text = hex_text();
    let (messages, _) = decode_file("forced-raw.hex", text.as_bytes(), &["--format", "raw"]);
    assert_eq!(messages.len(), 1);
    // A capture read as hex is refused (its octets are not UTF-8 hex).
    let path = file("forced-hex.pcap", &pcap(0xa1b2_c3d4, false, &ipv4_udp(&query())));
    let out = dnswire(&["decode", "--format", "hex", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn dash_reads_standard_input() {
    let out = dnswire(&["decode", "-"], &pcap(0xa1b2_c3d4, false, &ipv4_udp(&query())));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(stdout.starts_with(";; frame 1, "), "{stdout}");
    assert!(stdout.contains("\n;; MESSAGE 0 (25 bytes)\n"), "{stdout}");
    assert!(stdout.contains(HEADER));
}

#[test]
fn gzip_capture() {
    assert_one_query("us-le.pcap.gz", &gzip(&pcap(0xa1b2_c3d4, false, &ipv4_udp(&query()))));
}

#[test]
fn gzip_members_one_after_another() {
    // `cat a.gz b.gz`: both members are read.
    let hex: String = query().iter().map(|b| format!("{b:02x}")).collect();
    let two = [gzip(format!("{hex}\n").as_bytes()), gzip(format!("{hex}\n").as_bytes())].concat();
    let (messages, _) = decode_file("two.hex.gz", &two, &[]);
    assert_eq!(messages.len(), 2);
}

#[test]
fn gzip_raw_wire() {
    assert_one_query("query.bin.gz", &gzip(&query()));
}

#[test]
fn xz_hex_text() {
    let (messages, _) = decode_file("two.hex.xz", &xz(hex_text().as_bytes()), &[]);
    assert_eq!(messages.len(), 2);
}

#[test]
fn gzip_from_standard_input() {
    let out = dnswire(&["decode", "-"], &gzip(hex_text().as_bytes()));
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().matches(HEADER).count(), 2);
}

#[test]
fn corrupt_gzip_is_an_error_naming_the_input() {
    let mut data = gzip(hex_text().as_bytes());
    let len = data.len();
    data.truncate(len / 2);
    let path = file("cut.gz", &data);
    let out = dnswire(&["decode", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cut.gz") && stderr.contains("gzip"), "{stderr}");
}

#[test]
fn compression_none_takes_the_octets_as_they_are() {
    // Without decompression a gzip file is one raw message of its octets.
    let data = gzip(&query());
    let (messages, _) = decode_file("raw.gz", &data, &["--compression", "none"]);
    assert_eq!(messages.len(), 1);
    assert!(!messages[0].contains("(25 bytes)"), "{messages:?}");
}
