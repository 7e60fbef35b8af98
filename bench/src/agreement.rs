//! The cross-peer check: every peer walks every message of an input, and its
//! (records walked, checksum) is compared with dnswire's message by message.
//! A message on which a peer differs is put down to a documented difference
//! (the peer library does not expose a field, or models something otherwise)
//! when the message holds what that difference is about, and is "unexpected"
//! otherwise: a bug in the peer's walk, in the peer, or in dnswire.

use std::collections::BTreeMap;

use dnswire::{Class, Message, Name, RData, Record, Rtype};

use crate::peers::{self, Walked};
use crate::{Input, PEERS};

/// A difference that comes from a peer library rather than from the bench code.
pub struct Difference {
    pub peer: &'static str,
    /// A short name for the tables.
    pub key: &'static str,
    pub what: &'static str,
    /// Whether the message (as dnswire decodes it) holds what the difference is about.
    pub applies: fn(&Message<'_>) -> bool,
}

fn records<'a>(msg: &Message<'a>) -> impl Iterator<Item = Record<'a>> {
    msg.answers().chain(msg.authority()).chain(msg.additional())
}

fn has(msg: &Message<'_>, types: &[Rtype]) -> bool {
    records(msg).any(|r| types.contains(&r.rtype()))
}

/// A record of a type whose layout depends on the class (A, AAAA) outside IN.
fn address_outside_in(msg: &Message<'_>) -> bool {
    records(msg).any(|r| (r.rtype() == Rtype::A || r.rtype() == Rtype::AAAA) && r.class != Class::IN)
}

/// A TXT string that is empty or starts with '='.
fn txt_without_key(msg: &Message<'_>) -> bool {
    records(msg).any(|r| match &r.data {
        RData::Txt(t) | RData::Spf(t) => t.iter().any(|s| s.first().is_none_or(|&b| b == b'=')),
        _ => false,
    })
}

/// A name in the walk (owner, question or RDATA) with a label holding a dot.
fn dotted_label(msg: &Message<'_>) -> bool {
    let dotted = |n: &Name<'_>| n.labels().any(|l| l.contains(&b'.'));
    msg.questions().any(|q| dotted(&q.qname))
        || records(msg).any(|r| {
            dotted(&r.name)
                || match &r.data {
                    RData::Ns(n) | RData::Cname(n) | RData::Ptr(n) => dotted(n),
                    RData::Soa(s) => dotted(&s.mname) || dotted(&s.rname),
                    RData::Mx(m) => dotted(&m.exchange),
                    RData::Srv(s) => dotted(&s.target),
                    _ => false,
                }
        })
}

/// A record of a type dns-parser does not decode (it then loses the type number).
fn untyped_by_dns_parser(msg: &Message<'_>) -> bool {
    let typed = [Rtype::A, Rtype::AAAA, Rtype::CNAME, Rtype::MX, Rtype::NS, Rtype::PTR, Rtype::SOA, Rtype::SRV, Rtype::TXT];
    records(msg).any(|r| !typed.contains(&r.rtype()))
}

/// A TTL above 2^31 - 1 (RFC 2181 section 8 says to read it as 0).
fn ttl_top_bit(msg: &Message<'_>) -> bool {
    records(msg).any(|r| r.ttl > 0x7fff_ffff)
}

const ADDRESS: &str = "address outside IN";
const ADDRESS_OUTSIDE_IN: &str =
    "A or AAAA outside class IN (e.g. CH A, RFC 1035 section 3.4.1): dnswire types it as a Chaos address, which the walk does not read; dnsbox keeps it opaque (its length); the others read it as an IP address";

/// The documented differences, by peer. bench/README.md lists the same.
pub const DOCUMENTED: &[Difference] = &[
    Difference { peer: "dnsbox", key: ADDRESS, what: ADDRESS_OUTSIDE_IN, applies: address_outside_in },
    Difference { peer: "domain", key: ADDRESS, what: ADDRESS_OUTSIDE_IN, applies: address_outside_in },
    Difference {
        peer: "domain",
        key: "no SPF, KEY",
        what: "domain has no typed SPF or KEY: their RDATA is opaque (its length)",
        applies: |m| has(m, &[Rtype::SPF, Rtype::KEY]),
    },
    Difference { peer: "hickory-proto", key: ADDRESS, what: ADDRESS_OUTSIDE_IN, applies: address_outside_in },
    Difference {
        peer: "hickory-proto",
        key: "no DNSKEY protocol",
        what: "hickory-proto keeps no protocol field in DNSKEY and CDNSKEY (RFC 4034 fixes it at 3)",
        applies: |m| has(m, &[Rtype::DNSKEY, Rtype::CDNSKEY]),
    },
    Difference {
        peer: "hickory-proto",
        key: "no DNAME, SPF",
        what: "hickory-proto has no typed DNAME or SPF: their RDATA is opaque (its length)",
        applies: |m| has(m, &[Rtype::DNAME, Rtype::SPF]),
    },
    Difference {
        peer: "hickory-proto",
        key: "EDNS payload 512",
        what: "hickory-proto raises an EDNS payload size below 512 to 512",
        applies: |m| m.edns().is_some_and(|e| e.udp_payload_size < 512),
    },
    Difference { peer: "simple-dns", key: ADDRESS, what: ADDRESS_OUTSIDE_IN, applies: address_outside_in },
    Difference {
        peer: "simple-dns",
        key: "no NSEC3, NSEC3PARAM, CDS, CDNSKEY, DNAME, SPF, KEY",
        what: "simple-dns has no typed NSEC3, NSEC3PARAM, CDS, CDNSKEY, DNAME, SPF or KEY: their RDATA is opaque (its length)",
        applies: |m| has(m, &[Rtype::NSEC3, Rtype::NSEC3PARAM, Rtype::CDS, Rtype::CDNSKEY, Rtype::DNAME, Rtype::SPF, Rtype::KEY]),
    },
    Difference {
        peer: "simple-dns",
        key: "TXT key=value",
        what: "simple-dns reads TXT strings only as key=value pairs and skips a string that is empty or starts with '='",
        applies: txt_without_key,
    },
    Difference { peer: "dns-parser", key: ADDRESS, what: ADDRESS_OUTSIDE_IN, applies: address_outside_in },
    Difference {
        peer: "dns-parser",
        key: "untyped types",
        what: "dns-parser decodes 9 types (A, AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT) and keeps no type number for the others",
        applies: untyped_by_dns_parser,
    },
    Difference {
        peer: "dns-parser",
        key: "TTL top bit",
        what: "dns-parser reads a TTL above 2^31 - 1 as 0 (RFC 2181 section 8); the others keep the wire value",
        applies: ttl_top_bit,
    },
    Difference {
        peer: "dns-parser",
        key: "dotted label",
        what: "dns-parser gives names only as text, so a label holding a dot is counted short by its dots",
        applies: dotted_label,
    },
];

/// One peer's result on one input.
pub struct PeerCheck {
    pub peer: &'static str,
    /// Messages the peer decoded, of the input's.
    pub decoded: usize,
    /// Sums over the decoded messages: the peer's and dnswire's on the same messages.
    pub walked: Walked,
    pub reference: Walked,
    /// Differing messages put down to each documented difference (a message
    /// may count under several).
    pub documented: BTreeMap<&'static str, usize>,
    /// The documented differences seen, for the legend.
    pub seen: Vec<&'static Difference>,
    /// Indexes (in the input) of the differing messages no documented difference explains.
    pub unexpected: Vec<usize>,
    pub differing: usize,
}

fn add(a: &mut Walked, b: Walked) {
    a.records += b.records;
    a.sum = a.sum.wrapping_add(b.sum);
}

/// Compares every peer with dnswire on every message of `input`.
pub fn check(input: &Input) -> Vec<PeerCheck> {
    let reference: Vec<Option<Walked>> = input.messages.iter().map(|m| peers::walk("dnswire", m)).collect();
    let mut out = Vec::new();
    for peer in PEERS.iter().copied().filter(|p| *p != "dnswire") {
        let mut c = PeerCheck {
            peer,
            decoded: 0,
            walked: Walked::default(),
            reference: Walked::default(),
            documented: BTreeMap::new(),
            seen: Vec::new(),
            unexpected: Vec::new(),
            differing: 0,
        };
        for (i, (m, r)) in input.messages.iter().zip(&reference).enumerate() {
            let (Some(r), Some(w)) = (r, peers::walk(peer, m)) else { continue };
            c.decoded += 1;
            add(&mut c.walked, w);
            add(&mut c.reference, *r);
            if w == *r {
                continue;
            }
            c.differing += 1;
            let Ok(msg) = Message::decode(m) else { continue };
            let mut explained = false;
            for d in DOCUMENTED.iter().filter(|d| d.peer == peer && (d.applies)(&msg)) {
                *c.documented.entry(d.key).or_default() += 1;
                if !c.seen.iter().any(|s| std::ptr::eq(*s, d)) {
                    c.seen.push(d);
                }
                explained = true;
            }
            if !explained {
                c.unexpected.push(i);
            }
        }
        out.push(c);
    }
    out
}

/// The record types of a message, for the report of an unexpected difference.
fn types(m: &[u8]) -> String {
    let Ok(msg) = Message::decode(m) else { return "not decoded by dnswire".into() };
    let mut t: Vec<String> = msg.answers().chain(msg.authority()).chain(msg.additional()).map(|r| r.rtype().to_string()).collect();
    t.sort();
    t.dedup();
    if msg.edns().is_some() {
        t.push("(EDNS)".into());
    }
    t.join(" ")
}

/// The check of every input as markdown, and the number of unexpected differences.
pub fn markdown(inputs: &[Input]) -> (String, usize) {
    let mut out = String::from("| input | peer | messages compared | records (peer / dnswire) | checksum | differing messages: documented | unexpected |\n|---|---|---:|---|---|---|---:|\n");
    let mut unexpected = 0;
    let mut details = String::new();
    let mut legend: Vec<&'static Difference> = Vec::new();
    for input in inputs {
        for c in check(input) {
            if c.decoded == 0 {
                continue;
            }
            let records = if c.walked.records == c.reference.records {
                format!("{} (same)", c.walked.records)
            } else {
                format!("{} / {}", c.walked.records, c.reference.records)
            };
            let sum = if c.walked.sum == c.reference.sum { "same".to_string() } else { "differs".to_string() };
            let documented = if c.documented.is_empty() {
                if c.differing == 0 { "none differ".to_string() } else { "-".to_string() }
            } else {
                c.documented.iter().map(|(w, n)| format!("{n} *{w}*")).collect::<Vec<_>>().join("; ")
            };
            out.push_str(&format!(
                "| {} | {} | {} of {} | {} | {} | {} | {} |\n",
                input.name,
                c.peer,
                c.decoded,
                input.messages.len(),
                records,
                sum,
                documented,
                c.unexpected.len()
            ));
            unexpected += c.unexpected.len();
            for d in &c.seen {
                if !legend.iter().any(|s| std::ptr::eq(*s, *d)) {
                    legend.push(d);
                }
            }
            for &i in c.unexpected.iter().take(3) {
                let m = input.messages[i];
                let (w, r) = (peers::walk(c.peer, m).unwrap_or_default(), peers::walk("dnswire", m).unwrap_or_default());
                details.push_str(&format!(
                    "- unexpected: {} on {} message {i} ({} B; {}): {} records / checksum {}, dnswire {} / {}\n",
                    c.peer,
                    input.name,
                    m.len(),
                    types(m),
                    w.records,
                    w.sum,
                    r.records,
                    r.sum
                ));
            }
        }
    }
    legend.sort_by_key(|d| (PEERS.iter().position(|p| *p == d.peer), d.key));
    out.push_str("\nDocumented differences seen (see bench/README.md):\n\n");
    for d in legend {
        out.push_str(&format!("- {}, *{}*: {}\n", d.peer, d.key, d.what));
    }
    if !details.is_empty() {
        out.push('\n');
        out.push_str(&details);
    }
    (out, unexpected)
}
