//! Whole messages from dig-style text (`dnswire::text::parse_message`): the two
//! dig outputs of the project's origin documents give their bytes exactly, and
//! over the whole conformance corpus the message's own display parses back to
//! the octets the message re-encodes to, and so does what dig printed for the
//! corpus's responses.

mod common;
use common::hex;

use dnswire::text::parse_message;
use dnswire::{Message, Rtype, TextError};
use dnswire_harness::conformance;

/// As dig printed them in the origin documents (`MSG SIZE rcvd: 86` and
/// `109`), with the wire octets given there.
const SEEDS: [(&str, &str); 2] = [
    (
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 24752
;; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
; EDNS: version: 0, flags:; udp: 4096
;service1.acmeltd.co.uk.                IN      CNAME
service1.acmeltd.co.uk. 60      IN      CNAME   service1.region.prod.acmeltd.co.uk.
",
        "60b0818000010001000000010873657276696365310761636d656c746402636f02756b000005
         0001c00c000500010000003c001708736572766963653106726567696f6e0470726f64c01500
         00291000000000000000",
    ),
    (
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 20464
;; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1
; EDNS: version: 0, flags:; udp: 4096
;service2.acmeltd.co.uk.                IN      A
service2.acmeltd.co.uk. 54      IN      CNAME   service2.region.prod.brkr.io.
service2.region.prod.brkr.io. 300 IN    A       10.10.10.10
",
        "4ff0818000010002000000010873657276696365320761636d656c746402636f02756b000001
         0001c00c0005000100000036001e08736572766963653206726567696f6e0470726f640462726b
         7202696f00c034000100010000012c00040a0a0a0a0000291000000000000000",
    ),
];

#[test]
fn seed_messages_from_dig_text_byte_for_byte() {
    for (text, wire) in SEEDS {
        let (mut buf, mut scratch) = ([0u8; 512], [0u8; 512]);
        let built = parse_message(text, &mut buf, &mut scratch, true).unwrap();
        assert_eq!(built, &hex(wire)[..], "{text}");
    }
    // The same with dig's surroundings, as pasted from a terminal.
    let pasted = format!(
        "\n; <<>> DiG 9.18.28 <<>> service2.acmeltd.co.uk\n;; global options: +cmd\n;; Got answer:\n{}\n;; Query time: 12 msec\n;; SERVER: 127.0.0.53#53(127.0.0.53) (UDP)\n;; WHEN: Sat Mar 01 10:00:00 UTC 2025\n;; MSG SIZE  rcvd: 109\n\n",
        SEEDS[1].0
    );
    let (mut buf, mut scratch) = ([0u8; 512], [0u8; 512]);
    assert_eq!(parse_message(&pasted, &mut buf, &mut scratch, true).unwrap(), &hex(SEEDS[1].1)[..]);
}

/// Why a message's display cannot give its octets back, if it cannot: dig's
/// layout does not say where the OPT record stood among the additional
/// records, nor what a Padding option's octets were.
fn lossy(msg: &Message<'_>) -> Option<&'static str> {
    if let Some(index) = msg.edns_index() {
        let tsig = msg.additional().any(|r| r.rtype() == Rtype::TSIG);
        let last = msg.header().arcount.saturating_sub(1 + u16::from(tsig));
        if index != last {
            return Some("OPT record not last");
        }
        let edns = msg.edns()?;
        if edns.options.iter().any(|o| o.code == dnswire::OptionCode::PADDING && o.data.iter().any(|&b| b != 0)) {
            return Some("padding octets not zero");
        }
    }
    None
}

#[test]
fn display_then_parse_gives_the_message_back_over_the_corpus() {
    let mut files = conformance::vector_files(&conformance::bundled_dir());
    files.retain(|f| !f.to_string_lossy().contains("/hostile"));
    let (mut checked, mut lossy_count, mut unsupported) = (0usize, 0usize, std::collections::BTreeMap::<String, usize>::new());
    let ports = dnswire_harness::capture::DEFAULT_PORTS.to_vec();
    for file in &files {
        let (messages, _) = conformance::read_messages(file, &ports).unwrap();
        for (at, wire) in messages {
            let Ok(msg) = Message::decode(&wire) else { continue };
            if let Some(why) = lossy(&msg) {
                lossy_count += 1;
                eprintln!("{}:{at}: skipped: {why}", file.display());
                continue;
            }
            let mut expected = vec![0u8; 65535];
            let n = msg.encode_into(&mut expected, true).unwrap();
            let text = msg.to_string();
            let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
            match parse_message(&text, &mut buf, &mut scratch, true) {
                Ok(built) => assert!(built == &expected[..n], "{}:{at}: octets differ for\n{text}", file.display()),
                Err(e) if e.error == TextError::Unsupported => {
                    let line = text.lines().nth(e.line - 1).unwrap_or("");
                    let rtype = line.split_whitespace().nth(3).unwrap_or("?").to_string();
                    *unsupported.entry(rtype).or_default() += 1;
                    continue;
                }
                Err(e) => panic!("{}:{at}: {e}\n{text}", file.display()),
            }
            checked += 1;
        }
    }
    eprintln!("{checked} messages rebuilt from their text; {lossy_count} skipped");
    assert!(unsupported.is_empty(), "types whose text does not parse: {unsupported:?}");
    assert!(checked > 2000, "only {checked} messages");
}

/// What dig 9.18 printed for the responses of the corpus
/// (`conformance-vectors/dig/dig.txt`, made by `make_dig_vectors.py`: a local
/// responder answered dig with each response): dig's text, read back, is the
/// message that was sent.
#[test]
fn dig_output_parses_to_the_message_dig_received() {
    tool_output_parses_to_the_message_received("dig/dig.txt");
}

/// The same for kdig 3.2 (`conformance-vectors/dig/kdig.txt`, made by
/// `make_dig_vectors.py --kdig`), whose layout differs from dig's.
#[test]
fn kdig_output_parses_to_the_message_kdig_received() {
    tool_output_parses_to_the_message_received("dig/kdig.txt");
}

/// Each vector of `file`: its text, read back, is the message sent.
fn tool_output_parses_to_the_message_received(file: &str) {
    let path = conformance::bundled_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut checked, mut skipped, mut unsupported) = (0usize, 0usize, std::collections::BTreeMap::<String, usize>::new());
    let mut failures = Vec::new();
    for vector in text.split(";; ==== ").skip(1) {
        let (source, rest) = vector.split_once('\n').unwrap();
        let (wire_line, dig) = rest.split_once('\n').unwrap();
        let wire = hex(wire_line.strip_prefix(";; wire: ").unwrap());
        let sent = Message::decode(&wire).unwrap();
        // dig prints only what it could parse of a message it calls malformed;
        // kdig prints an A record of any class (a Chaosnet one, one of class
        // 65280) as an IPv4 address, and of the EDNS flags only DO.
        let a_not_in =
            |m: &Message<'_>| m.answers().chain(m.authority()).chain(m.additional()).any(|r| r.class != dnswire::Class::IN && r.rtype() == Rtype::A);
        let edns_flags = |m: &Message<'_>| m.edns().is_some_and(|e| e.flags.0 & 0x7FFF != 0);
        let kdig_lossy = file.contains("kdig") && (a_not_in(&sent) || edns_flags(&sent));
        if lossy(&sent).is_some() || dig.contains(";; Warning: Message parser reports malformed message packet.") || kdig_lossy {
            skipped += 1;
            continue;
        }
        let (mut buf, mut scratch) = (vec![0u8; 65535], vec![0u8; 65535]);
        match parse_message(dig, &mut buf, &mut scratch, false) {
            Ok(built) => {
                let mut expected = vec![0u8; 65535];
                let n = sent.encode_into(&mut expected, false).unwrap();
                if built != &expected[..n] {
                    failures.push(format!("{source}: octets differ for\n{dig}"));
                }
                checked += 1;
            }
            Err(e) if e.error == TextError::Unsupported => {
                let line = dig.lines().nth(e.line - 1).unwrap_or("");
                *unsupported.entry(line.split_whitespace().nth(3).unwrap_or("?").to_string()).or_default() += 1;
            }
            Err(e) => failures.push(format!("{source}: {e}: {:?}\n{dig}", dig.lines().nth(e.line - 1))),
        }
    }
    eprintln!("{checked} dig outputs rebuilt, {skipped} skipped");
    // Types the codec keeps opaque print in dig's own form (EID, NIMLOC,
    // DOA, NXT), which only `\#` could give back.
    let opaque: Vec<&str> = unsupported.keys().map(String::as_str).filter(|t| !["EID", "NIMLOC", "DOA", "NXT"].contains(t)).collect();
    assert!(opaque.is_empty(), "types whose text does not parse: {unsupported:?}\n{}", failures.join("\n"));
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 300, "only {checked}");
}
