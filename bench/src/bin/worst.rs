//! Bounded work: decodes the most expensive messages that fit in 65535 octets
//! and reports their cost per octet next to ordinary responses, to show that
//! decoding stays linear in the message whatever the input.
//!
//!     cargo run --release --bin worst
//!
//! Messages built here:
//! - pointer chains: a name of one label followed by 127 backward pointers
//!   (128 pointers in all, the most `Message::decode` follows in one name),
//!   then as many records as fit whose owners point at the chain's links in
//!   turn, so no owner is a repeat of the one before;
//! - most records: records with the root as owner and no RDATA (11 octets each);
//! - most names: records whose RDATA is a CNAME of one short label and a
//!   pointer (the most name parsing per octet);
//! - and, for scale, the two seed responses and a 40-record A response.

use std::hint::black_box;
use std::time::Instant;

use dnswire::{Class, Flags, Header, Message, MessageBuilder, NameBuf, Question, RData, Record, Rtype};


fn header(ancount: u16) -> Vec<u8> {
    let mut w = vec![0x12, 0x34, 0x81, 0x80, 0, 0];
    w.extend_from_slice(&ancount.to_be_bytes());
    w.extend_from_slice(&[0, 0, 0, 0]);
    w
}

/// Records whose owners point into a chain of 128 pointers.
fn pointer_chains(max: usize) -> Vec<u8> {
    let mut w = header(0);
    // Record 0: owner root, TYPE65280, RDATA = "a." then 127 links.
    w.extend_from_slice(&[0x00, 0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0]);
    w.extend_from_slice(&(3u16 + 2 * 127).to_be_bytes());
    let first = w.len() as u16;
    w.extend_from_slice(&[0x01, b'a', 0x00]);
    let mut links = Vec::new();
    let mut prev = first;
    for _ in 0..127 {
        let here = w.len() as u16;
        w.extend_from_slice(&(0xC000 | prev).to_be_bytes());
        links.push(here);
        prev = here;
    }
    let mut count: u16 = 1;
    // Owners point at the last links in turn: each needs 100+ pointers followed.
    let mut i = 0usize;
    while w.len() + 12 <= max {
        let target = links[links.len() - 1 - (i % 20)];
        w.extend_from_slice(&(0xC000 | target).to_be_bytes());
        w.extend_from_slice(&[0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
        count += 1;
        i += 1;
    }
    w[6..8].copy_from_slice(&count.to_be_bytes());
    w
}

/// The most records: root owner, no RDATA.
fn most_records(max: usize) -> Vec<u8> {
    let mut w = header(0);
    let mut count: u16 = 0;
    while w.len() + 11 <= max && count < u16::MAX {
        w.extend_from_slice(&[0x00, 0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
        count += 1;
    }
    w[6..8].copy_from_slice(&count.to_be_bytes());
    w
}

/// The most names: CNAME records whose owner is a pointer and whose target is
/// one label and a pointer.
fn most_names(max: usize) -> Vec<u8> {
    let mut w = header(0);
    // A question "example." to point at.
    w[4..6].copy_from_slice(&1u16.to_be_bytes());
    w.extend_from_slice(b"\x07example\x00\x00\x05\x00\x01");
    let mut count: u16 = 0;
    while w.len() + 18 <= max {
        w.extend_from_slice(&[0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x04, 0x01, b'x', 0xc0, 0x0c]);
        count += 1;
    }
    w[6..8].copy_from_slice(&count.to_be_bytes());
    w
}

fn forty_a() -> Vec<u8> {
    let owner = NameBuf::from_text("pool.cdn.example.com.").unwrap();
    let mut buf = [0u8; 1232];
    let header = Header { id: 1, flags: Flags(0x8180), ..Header::default() };
    let mut b = MessageBuilder::new(&mut buf, header).unwrap();
    b.question(&Question { qname: owner.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
    for i in 0..40u8 {
        b.answer(&Record { name: owner.as_name(), class: Class::IN, ttl: 300, data: RData::A([192, 0, 2, i].into()) }).unwrap();
    }
    b.finish().unwrap().to_vec()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Median ns for one run of `f`, over rounds of about 5 ms.
fn measure(f: &dyn Fn() -> u64) -> f64 {
    let mut reps = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..reps {
            black_box(f());
        }
        if t.elapsed().as_micros() > 5_000 {
            break;
        }
        reps *= 2;
    }
    let mut samples: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                black_box(f());
            }
            t.elapsed().as_nanos() as f64 / reps as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("seed 1 (ordinary)", hex("60b0818000010001000000010873657276696365310761636d656c746402636f02756b0000050001c00c000500010000003c001708736572766963653106726567696f6e0470726f64c0150000291000000000000000")),
        ("seed 2 (ordinary)", hex("4ff0818000010002000000010873657276696365320761636d656c746402636f02756b0000010001c00c0005000100000036001e08736572766963653206726567696f6e0470726f640462726b7202696f00c034000100010000012c00040a0a0a0a0000291000000000000000")),
        ("40 x A (ordinary)", forty_a()),
        ("pointer chains (worst)", pointer_chains(65535)),
        ("most records (worst)", most_records(65535)),
        ("most names (worst)", most_names(65535)),
    ];
    println!("| message | octets | records | decode ns | ns per octet | decode+walk ns | ns per octet |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, wire) in &inputs {
        let msg = Message::decode(wire).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let records = msg.answers().count();
        let decode = measure(&|| Message::decode(black_box(wire)).map(|m| u64::from(m.header().id)).unwrap_or(0));
        let walk = measure(&|| {
            let m = Message::decode(black_box(wire)).unwrap();
            m.answers().map(|r| r.name.labels().map(|l| l.len() as u64).sum::<u64>() + u64::from(r.ttl)).sum()
        });
        let n = wire.len() as f64;
        println!("| {name} | {} | {records} | {decode:.0} | {:.2} | {walk:.0} | {:.2} |", wire.len(), decode / n, walk / n);
    }
    // Linear: the cost per octet of each worst case stays flat as it grows.
    println!();
    println!("| worst case: decode ns per octet at | 4 KiB | 16 KiB | 64 KiB |");
    println!("|---|---:|---:|---:|");
    let kinds: [(&str, fn(usize) -> Vec<u8>); 3] =
        [("pointer chains", pointer_chains), ("most records", most_records), ("most names", most_names)];
    for (name, build) in kinds {
        let cells: Vec<String> = [4096usize, 16384, 65535]
            .iter()
            .map(|&size| {
                let wire = build(size);
                let ns = measure(&|| Message::decode(black_box(&wire)).map(|m| u64::from(m.header().id)).unwrap_or(0));
                format!("{:.2}", ns / wire.len() as f64)
            })
            .collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}
