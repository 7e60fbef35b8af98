//! Compares dnswire's decoding of one message with the reference's, field by
//! field and semantically (names as wire octets, types and classes as numbers,
//! RDATA as uncompressed wire octets), then checks the re-encodings.

use dnswire::{Class, Message, Name, NameBuf, Opcode, Rcode, Record, Rtype, Section};

use super::expected::{Decoded, Expected, ExpectedRecord};
use crate::hexfile::encode_hex;

/// What checking one message found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The first difference, if any.
    pub failure: Option<String>,
    /// Record types compared (answer, authority, additional), for the table.
    pub rtypes: Vec<Rtype>,
    /// Whether the compressed re-encoding equals the original octets.
    pub byte_identical: bool,
    /// RDATA presentations that differ from the reference's text only where the
    /// reference prints generic `\#` data.
    pub generic_text: usize,
}

/// Checks one message against its expectation.
pub fn check(wire: &[u8], expected: &Expected) -> Outcome {
    let mut out = Outcome::default();
    let result = Message::decode(wire);
    match (&expected.decoded, expected.ok, result) {
        (_, false, Err(_)) => {}
        (_, false, Ok(_)) => {
            out.failure = Some(format!("the reference rejects it ({}), dnswire accepts it", expected.error.as_deref().unwrap_or("?")))
        }
        (_, true, Err(e)) => out.failure = Some(format!("dnswire rejects it: {}: {e}", e.name())),
        (None, true, Ok(_)) => out.failure = Some("the expectation has no decoding".into()),
        (Some(decoded), true, Ok(msg)) => {
            if let Err(e) = compare(&msg, decoded, &mut out) {
                out.failure = Some(e);
            } else if let Err(e) = reencode(&msg, wire, &mut out) {
                out.failure = Some(e);
            }
        }
    }
    out
}

fn compare(msg: &Message<'_>, exp: &Decoded, out: &mut Outcome) -> Result<(), String> {
    let h = msg.header();
    ensure(h.id == exp.id, || format!("id {} != {}", h.id, exp.id))?;
    let opcode = Opcode::from_mnemonic(&exp.opcode).or_else(|| exp.opcode.parse().ok().map(Opcode));
    ensure(opcode == Some(msg.opcode()), || format!("opcode {} != {}", msg.opcode(), exp.opcode))?;
    let rcode = Rcode::from_mnemonic(&exp.rcode).or_else(|| exp.rcode.parse().ok().map(Rcode));
    ensure(rcode == Some(msg.rcode()), || format!("rcode {} != {}", msg.rcode(), exp.rcode))?;
    let f = h.flags;
    let ours: Vec<&str> =
        [(f.qr(), "qr"), (f.aa(), "aa"), (f.tc(), "tc"), (f.rd(), "rd"), (f.ra(), "ra"), (f.z(), "z"), (f.ad(), "ad"), (f.cd(), "cd")]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, t)| *t)
            .collect();
    ensure(ours == exp.flags, || format!("flags {ours:?} != {:?}", exp.flags))?;
    match (msg.edns(), &exp.edns) {
        (None, None) => {}
        (Some(e), Some(x)) => {
            ensure(e.version == x.version, || format!("EDNS version {} != {}", e.version, x.version))?;
            ensure(e.udp_payload_size == x.udp, || format!("EDNS udp {} != {}", e.udp_payload_size, x.udp))?;
            let mut flags = Vec::new();
            if e.flags.dnssec_ok() {
                flags.push("do".to_string());
            }
            if e.flags.0 & 0x7FFF != 0 {
                flags.push(format!("0x{:04x}", e.flags.0 & 0x7FFF));
            }
            ensure(flags == x.flags, || format!("EDNS flags {flags:?} != {:?}", x.flags))?;
            let options: Vec<(u16, String)> = e.options.iter().map(|o| (o.code.0, encode_hex(o.data))).collect();
            let expected: Vec<(u16, String)> = x.options.iter().map(|o| (o.code, o.data.clone())).collect();
            ensure(options == expected, || format!("EDNS options {options:?} != {expected:?}"))?;
        }
        (ours, theirs) => return Err(format!("EDNS present: dnswire {}, reference {}", ours.is_some(), theirs.is_some())),
    }
    let questions: Vec<_> = msg.questions().collect();
    ensure(questions.len() == exp.question.len(), || format!("{} questions != {}", questions.len(), exp.question.len()))?;
    for (i, (q, x)) in questions.iter().zip(&exp.question).enumerate() {
        same_name(&q.qname, &x.name).map_err(|e| format!("question {i}: {e}"))?;
        same_type(q.qtype, &x.rtype).map_err(|e| format!("question {i}: {e}"))?;
        same_class(q.qclass, &x.class).map_err(|e| format!("question {i}: {e}"))?;
    }
    for (section, title, expected) in [
        (Section::Answer, "answer", &exp.answer),
        (Section::Authority, "authority", &exp.authority),
        (Section::Additional, "additional", &exp.additional),
    ] {
        let records: Vec<Record<'_>> = msg.records(section).collect();
        ensure(records.len() == expected.len(), || format!("{title}: {} records != {}", records.len(), expected.len()))?;
        for (i, (r, x)) in records.iter().zip(expected.iter()).enumerate() {
            out.rtypes.push(r.rtype());
            same_record(r, x, out).map_err(|e| format!("{title} {i} ({} {}): {e}", x.name, x.rtype))?;
        }
    }
    Ok(())
}

fn same_record(r: &Record<'_>, x: &ExpectedRecord, out: &mut Outcome) -> Result<(), String> {
    same_name(&r.name, &x.name)?;
    same_type(r.rtype(), &x.rtype)?;
    same_class(r.class, &x.class)?;
    // dnspython reports 0 for TTLs over 2^31-1 (RFC 2181 §8), for TSIG, and for
    // UPDATE records without RDATA.
    let ttl_dropped = r.ttl > i32::MAX as u32 || r.rtype() == Rtype::TSIG || x.rdata_wire.is_empty();
    ensure(ttl_dropped || u64::from(r.ttl) == x.ttl, || format!("TTL {} != {}", r.ttl, x.ttl))?;
    let text = r.data.to_string();
    // The reference writes empty RDATA as an empty string, where RFC 3597 §5
    // (and dnswire) say `\# 0`.
    if x.rdata_wire.is_empty() && x.rdata.is_empty() {
        return ensure(r.data.to_wire(&mut [0u8; 0]) == Ok(0), || format!("RDATA {text:?} is not empty"));
    }
    // A type the reference does not know keeps its raw octets, compression
    // pointers included, so neither its text nor its octets can be compared
    // with dnswire's typed, decompressed RDATA (whose round trip is checked below).
    if x.rdata.starts_with("\\#") && !text.starts_with("\\#") {
        out.generic_text += 1;
        return Ok(());
    }
    let mut buf = vec![0u8; 65535];
    let n = r.data.to_wire(&mut buf).map_err(|e| format!("RDATA does not encode: {e}"))?;
    let ours = encode_hex(&buf[..n]);
    ensure(ours == x.rdata_wire, || format!("RDATA {ours} != {}", x.rdata_wire))?;
    ensure(same_text(&text, &x.rdata), || format!("presentation {text:?} != {:?}", x.rdata))
}

/// Presentation texts agree when they are equal once runs of whitespace are
/// folded; base64 and hex fields may be split differently, so a second try
/// ignores whitespace inside fields of the same case-folded characters.
fn same_text(ours: &str, theirs: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if fold(ours) == fold(theirs) {
        return true;
    }
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    squash(ours) == squash(theirs)
}

fn same_name(ours: &Name<'_>, theirs: &str) -> Result<(), String> {
    let parsed = NameBuf::from_text(theirs).map_err(|e| format!("reference name {theirs:?} does not parse: {e}"))?;
    let exact = ours.labels().eq(parsed.as_name().labels());
    ensure(exact, || format!("name {ours} != {theirs}"))
}

fn same_type(ours: Rtype, theirs: &str) -> Result<(), String> {
    ensure(Rtype::from_mnemonic(theirs) == Some(ours), || format!("type {ours} != {theirs}"))
}

fn same_class(ours: Class, theirs: &str) -> Result<(), String> {
    let parsed = Class::from_mnemonic(theirs).or_else(|| (theirs == "RESERVED0").then_some(Class(0)));
    ensure(parsed == Some(ours), || format!("class {ours} != {theirs}"))
}

/// Encodes again with and without compression; both must decode to the same
/// message.
fn reencode(msg: &Message<'_>, wire: &[u8], out: &mut Outcome) -> Result<(), String> {
    let mut buf = vec![0u8; 65535];
    for compress in [true, false] {
        let n = msg.encode_into(&mut buf, compress).map_err(|e| format!("re-encoding (compress {compress}) fails: {e}"))?;
        let again = Message::decode(&buf[..n]).map_err(|e| format!("re-encoding (compress {compress}) does not decode: {e}"))?;
        if compress {
            out.byte_identical = &buf[..n] == wire;
        }
        ensure(same_message(msg, &again), || format!("re-encoding (compress {compress}) decodes differently"))?;
    }
    Ok(())
}

fn same_message(a: &Message<'_>, b: &Message<'_>) -> bool {
    a.header() == b.header()
        && a.edns() == b.edns()
        && a.edns_index() == b.edns_index()
        && a.questions().eq(b.questions())
        && [Section::Answer, Section::Authority, Section::Additional].iter().all(|&s| a.records(s).eq(b.records(s)))
}

fn ensure(ok: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(msg()) }
}
