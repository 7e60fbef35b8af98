//! Shared code of the criterion benchmarks and the `report` binary: the inputs
//! and, for every peer, the same four operations on the same bytes.
//!
//! Operations (all work a caller would do, nothing is skipped by laziness):
//! - `decode`: decode the message and walk every record, touching each typed
//!   RDATA field (names: the sum of label lengths; addresses: the octets;
//!   integers: their values; octet strings: their lengths), plus owner, TTL and
//!   type. Each function returns a checksum so nothing can be optimised away.
//! - `encode`: encode the message again with name compression, from the
//!   peer's own decoded representation prepared outside the timed region.
//! - `query`: build a query for `www.example.com. IN A` with EDNS (payload
//!   1232, DO bit, an 8-octet client cookie).
//! - `roundtrip`: decode then re-encode with compression.

use std::collections::BTreeMap;
use std::path::Path;

pub mod agreement;
pub mod peers;
pub mod zone_gen;

/// One benchmark input: one or more messages processed as a batch.
pub struct Input {
    pub name: String,
    pub messages: Vec<&'static [u8]>,
    /// Notes: where it came from and what was excluded.
    pub note: String,
}

impl Input {
    pub fn bytes(&self) -> usize {
        self.messages.iter().map(|m| m.len()).sum()
    }
}

/// The operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    Decode,
    Encode,
    Query,
    Roundtrip,
}

impl Op {
    pub const ALL: [Op; 4] = [Op::Decode, Op::Encode, Op::Query, Op::Roundtrip];
    pub fn name(self) -> &'static str {
        match self {
            Op::Decode => "decode+walk",
            Op::Encode => "encode (compressed)",
            Op::Query => "query with EDNS",
            Op::Roundtrip => "decode+re-encode",
        }
    }
}

pub const PEERS: [&str; 6] = ["dnswire", "dnsbox", "domain", "hickory-proto", "simple-dns", "dns-parser"];

/// A prepared, repeatable piece of work over one input; returns a checksum.
pub type Job = Box<dyn FnMut() -> u64>;

/// The job of `peer` for `op` on `input`, or `None` where the peer cannot do it
/// (it fails to decode one of the messages, or has no such operation).
pub fn job(peer: &str, op: Op, input: &Input) -> Option<Job> {
    match peer {
        "dnswire" => peers::dnswire::job(op, input),
        "dnsbox" => peers::dnsbox::job(op, input),
        "domain" => peers::domain::job(op, input),
        "hickory-proto" => peers::hickory::job(op, input),
        "simple-dns" => peers::simple::job(op, input),
        "dns-parser" => peers::dnsparser::job(op, input),
        _ => None,
    }
}

/// The "byte checksum" baseline: read every byte once in a serial chain
/// (rotate and xor, which the compiler cannot vectorise), about one cycle per
/// byte: the floor for any decoder that looks at each byte.
pub fn byte_checksum_job(input: &Input) -> Job {
    let msgs = input.messages.clone();
    Box::new(move || {
        let mut h = 0u64;
        for m in &msgs {
            for &b in std::hint::black_box(*m) {
                h = h.rotate_left(5) ^ u64::from(b);
            }
        }
        h
    })
}

fn leak(v: Vec<u8>) -> &'static [u8] {
    Box::leak(v.into_boxed_slice())
}

fn hex(s: &str) -> Vec<u8> {
    dnswire_harness::hexfile::decode_hex(s).expect("hex")
}

pub const SEED1: &str = "60b0818000010001000000010873657276696365310761636d656c746402636f02756b0000050001c00c000500010000003c001708736572766963653106726567696f6e0470726f64c0150000291000000000000000";
pub const SEED2: &str = "4ff0818000010002000000010873657276696365320761636d656c746402636f02756b0000010001c00c0005000100000036001e08736572766963653206726567696f6e0470726f640462726b7202696f00c034000100010000012c00040a0a0a0a0000291000000000000000";

/// A message of the corpus with where it came from.
pub struct CorpusMessage {
    pub origin: String,
    /// The corpus directory the file is in (`servers/captures`, `rfc`, `types`).
    pub dir: &'static str,
    pub data: Vec<u8>,
}

/// Every message of the bundled corpus that the reference (dnspython) decoded
/// (`"ok": true` in the `.expected.jsonl` beside each file): the server
/// captures and the `.hex` vector files.
pub fn corpus(root: &Path) -> (Vec<CorpusMessage>, usize) {
    let mut out = Vec::new();
    let mut reference_rejected = 0;
    let mut files: Vec<_> = Vec::new();
    for dir in ["servers/captures", "rfc", "types"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let n = p.to_string_lossy().to_string();
            if n.ends_with(".pcap") || n.ends_with(".pcapng") || n.ends_with(".hex") {
                files.push((p, dir));
            }
        }
    }
    files.sort();
    for (p, dir) in files {
        let bytes = std::fs::read(&p).expect("read corpus file");
        let expected = std::fs::read_to_string(format!("{}.expected.jsonl", p.with_extension(p.extension().unwrap()).display()))
            .or_else(|_| std::fs::read_to_string(p.with_extension("expected.jsonl")))
            .unwrap_or_default();
        // ok flag by wire hex (robust against any difference in message order).
        let mut ok_by_wire: BTreeMap<String, bool> = BTreeMap::new();
        for line in expected.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            if let (Some(w), Some(ok)) = (v["wire"].as_str(), v["ok"].as_bool()) {
                ok_by_wire.entry(w.to_ascii_lowercase()).or_insert(ok);
            }
        }
        let msgs: Vec<Vec<u8>> = if p.extension().is_some_and(|e| e == "hex") {
            dnswire_harness::hexfile::parse(&String::from_utf8_lossy(&bytes)).expect("hex file").into_iter().map(|m| m.data).collect()
        } else {
            dnswire_harness::capture::read_capture(&bytes, &dnswire_harness::capture::DEFAULT_PORTS)
                .expect("capture")
                .messages
                .into_iter()
                .map(|m| m.data)
                .collect()
        };
        let origin = p.file_name().unwrap().to_string_lossy().to_string();
        for m in msgs {
            let key = dnswire_harness::hexfile::encode_hex(&m).to_ascii_lowercase();
            if ok_by_wire.get(&key).copied().unwrap_or(false) {
                out.push(CorpusMessage { origin: origin.clone(), dir, data: m });
            } else {
                reference_rejected += 1;
            }
        }
    }
    (out, reference_rejected)
}

/// The 40-record A response, built with dnswire's builder.
pub fn forty_a() -> Vec<u8> {
    use dnswire::{Class, Edns, EdnsFlags, EdnsOptions, Flags, Header, MessageBuilder, NameBuf, Question, RData, Record, Rtype};
    let owner = NameBuf::from_text("pool.cdn.example.com.").unwrap();
    let mut buf = [0u8; 1232];
    let header = Header { id: 0x1234, flags: Flags::default().with_qr(true).with_rd(true).with_ra(true), ..Header::default() };
    let mut b = MessageBuilder::new(&mut buf, header).unwrap();
    b.question(&Question { qname: owner.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
    for i in 0..40u8 {
        b.answer(&Record { name: owner.as_name(), class: Class::IN, ttl: 300, data: RData::A([192, 0, 2, i + 1].into()) }).unwrap();
    }
    b.edns(&Edns {
        udp_payload_size: 1232,
        extended_rcode: 0,
        version: 0,
        flags: EdnsFlags(0),
        options: EdnsOptions::from_wire(&[]).unwrap(),
    })
    .unwrap();
    b.finish().unwrap().to_vec()
}

/// Whether every main peer (all but dns-parser) decodes `m`.
pub fn common_decodable(m: &[u8]) -> Vec<&'static str> {
    let mut failed = Vec::new();
    for peer in PEERS {
        if !peers::decodes(peer, m) {
            failed.push(peer);
        }
    }
    failed
}

/// All inputs. `root` is the conformance-vectors directory.
pub fn inputs(root: &Path) -> (Vec<Input>, String) {
    let mut notes = String::new();
    let (corpus, reference_rejected) = corpus(root);
    let mut excluded: BTreeMap<&str, usize> = BTreeMap::new();
    let mut common: Vec<&CorpusMessage> = Vec::new();
    for m in &corpus {
        let failed = common_decodable(&m.data);
        for p in &failed {
            *excluded.entry(p).or_default() += 1;
        }
        // dns-parser is benchmarked "where it can": its failures do not
        // exclude a message from the common corpus.
        if failed.iter().all(|p| *p == "dns-parser") {
            common.push(m);
        }
    }
    notes.push_str(&format!(
        "Corpus: {} messages read, {} not decoded by the reference (dnspython) and left out, {} decoded by the reference.\n",
        corpus.len() + reference_rejected,
        reference_rejected,
        corpus.len()
    ));
    for p in PEERS {
        notes.push_str(&format!("- {p} fails to decode {} of them\n", excluded.get(p).copied().unwrap_or(0)));
    }
    notes.push_str(&format!(
        "\nThe corpus batch is the {} messages that every peer but dns-parser decodes (dns-parser runs on it only if it decodes all of them).\n",
        common.len()
    ));

    let find = |pred: &dyn Fn(&dnswire::Message<'_>) -> bool| -> Option<&CorpusMessage> {
        common.iter().copied().filter(|m| dnswire::Message::decode(&m.data).is_ok_and(|msg| pred(&msg))).max_by_key(|m| m.data.len())
    };
    let has = |msg: &dnswire::Message<'_>, sec: dnswire::Section, t: dnswire::Rtype| msg.records(sec).any(|r| r.rtype() == t);
    use dnswire::{Rcode, Rtype, Section};
    let mut inputs = vec![
        Input { name: "seed 1 (CNAME, 86 B)".into(), messages: vec![leak(hex(SEED1))], note: "seed 1".into() },
        Input { name: "seed 2 (CNAME+A, 109 B)".into(), messages: vec![leak(hex(SEED2))], note: "seed 2".into() },
    ];
    let mut picked: Vec<Input> = Vec::new();
    let mut add = |label: &str, m: Option<&CorpusMessage>| match m {
        Some(m) => picked.push(Input {
            name: format!("{label} ({} B)", m.data.len()),
            messages: vec![leak(m.data.clone())],
            note: format!("{label}: the largest such message in {}", m.origin),
        }),
        None => notes.push_str(&format!("No {label} found in the common corpus.\n")),
    };
    add("DNSKEY+RRSIG", find(&|msg| has(msg, Section::Answer, Rtype::DNSKEY) && has(msg, Section::Answer, Rtype::RRSIG)));
    add("NSEC3 NXDOMAIN", find(&|msg| msg.rcode() == Rcode::NXDOMAIN && has(msg, Section::Authority, Rtype::NSEC3)));
    add("big TXT", find(&|msg| msg.question().is_some_and(|q| q.qtype == Rtype::TXT) && msg.answers().any(|r| r.rtype() == Rtype::TXT)));
    add("AXFR", find(&|msg| msg.question().is_some_and(|q| q.qtype == Rtype::AXFR) && msg.answers().count() > 0));
    let a40 = forty_a();
    picked.insert(2, Input { name: format!("40 x A ({} B)", a40.len()), messages: vec![leak(a40)], note: "built with dnswire's builder".into() });
    inputs.extend(picked);
    let captures: Vec<&CorpusMessage> = common.iter().copied().filter(|m| m.dir == "servers/captures").collect();
    let total: usize = captures.iter().map(|m| m.data.len()).sum();
    inputs.push(Input {
        name: format!("server captures ({} msgs, {} B)", captures.len(), total),
        messages: captures.iter().map(|m| leak(m.data.clone())).collect(),
        note: "the common corpus messages from conformance-vectors/servers/captures (responses of real servers) as one batch".into(),
    });
    let total: usize = common.iter().map(|m| m.data.len()).sum();
    inputs.push(Input {
        name: format!("corpus ({} msgs, {} B)", common.len(), total),
        messages: common.iter().map(|m| leak(m.data.clone())).collect(),
        note: "the whole common corpus as one batch".into(),
    });
    (inputs, notes)
}

/// The conformance-vectors directory next to this crate.
pub fn vectors_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors")
}
