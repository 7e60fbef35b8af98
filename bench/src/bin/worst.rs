//! Bounded work: decodes the most expensive messages of each shape that fit
//! in 65535 octets (`dnswire_harness::worst`, the shapes the bounds tests
//! count steps on) and reports their cost per octet next to plain responses.
//!
//!     cargo run --release --bin worst
//!     cargo run --release --bin worst -- --seeds ../fuzz/corpus/decode
//!
//! With `--seeds DIR` it writes each shape's largest message to
//! `DIR/worst-<shape>` instead of measuring (the decode fuzz target's seeds).

use std::hint::black_box;
use std::time::Instant;

use dnswire::{Class, Flags, Header, Message, MessageBuilder, NameBuf, Question, RData, Record, Rtype};
use dnswire_harness::worst;

/// A response of `count` A records for one owner, the question's name.
fn a_response(count: usize, max: usize) -> Vec<u8> {
    let owner = NameBuf::from_text("pool.cdn.example.com.").unwrap();
    let mut buf = vec![0u8; max];
    let header = Header { id: 1, flags: Flags(0x8180), ..Header::default() };
    let mut b = MessageBuilder::new(&mut buf, header).unwrap();
    b.question(&Question { qname: owner.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
    for i in 0..count {
        let a = [192, 0, (i >> 8) as u8, i as u8];
        if b.answer(&Record { name: owner.as_name(), class: Class::IN, ttl: 300, data: RData::A(a.into()) }).is_err() {
            break;
        }
    }
    b.finish().unwrap().to_vec()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Ns for one run of `f`: the fastest of 21 rounds of about 5 ms (the
/// fastest, not the median, as the least disturbed by other work on a
/// shared machine).
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
    let samples: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                black_box(f());
            }
            t.elapsed().as_nanos() as f64 / reps as f64
        })
        .collect();
    samples.into_iter().fold(f64::INFINITY, f64::min)
}

fn decode_ns(wire: &[u8]) -> f64 {
    measure(&|| Message::decode(black_box(wire)).map(|m| u64::from(m.header().id)).unwrap_or(0))
}

/// Decode, then every record's owner labels and TTL.
fn walk_ns(wire: &[u8]) -> f64 {
    measure(&|| {
        let m = Message::decode(black_box(wire)).unwrap();
        let sections = [dnswire::Section::Answer, dnswire::Section::Authority, dnswire::Section::Additional];
        sections
            .iter()
            .flat_map(|&s| m.records(s))
            .map(|r| r.name.labels().map(|l| l.len() as u64).sum::<u64>() + u64::from(r.ttl))
            .sum::<u64>()
            + m.edns().map_or(0, |e| e.options.iter().count() as u64)
    })
}

fn write_seeds(dir: &str) {
    for (name, shape) in worst::MESSAGES {
        let wire = shape(65535);
        Message::decode(&wire).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let path = format!("{dir}/worst-{name}");
        std::fs::write(&path, &wire).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}: {} octets", wire.len());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir] = args.as_slice()
        && flag == "--seeds"
    {
        write_seeds(dir);
        return;
    }
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("seed 2 (plain, CNAME+A)".into(), hex("4ff0818000010002000000010873657276696365320761636d656c746402636f02756b0000010001c00c0005000100000036001e08736572766963653206726567696f6e0470726f640462726b7202696f00c034000100010000012c00040a0a0a0a0000291000000000000000")),
        ("40 x A (plain)".into(), a_response(40, 1232)),
        ("A records, 64 KiB (plain: the ratio's base)".into(), a_response(usize::MAX, 65535)),
    ];
    const BASE: usize = 2;
    for (name, shape) in worst::MESSAGES {
        inputs.push((format!("{name} (worst)"), shape(65535)));
    }
    let rows: Vec<(f64, f64)> = inputs
        .iter()
        .map(|(name, wire)| {
            Message::decode(wire).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            (decode_ns(wire), walk_ns(wire))
        })
        .collect();
    let base = rows[BASE].0 / inputs[BASE].1.len() as f64;
    println!("| message | octets | decode ns | ns per octet | ratio to plain | decode+walk ns per octet |");
    println!("|---|---:|---:|---:|---:|---:|");
    for ((name, wire), (decode, walk)) in inputs.iter().zip(&rows) {
        let n = wire.len() as f64;
        println!("| {name} | {} | {decode:.0} | {:.2} | {:.1}x | {:.2} |", wire.len(), decode / n, decode / n / base, walk / n);
    }
    // Linear: the cost per octet of each worst case stays flat as it grows.
    println!();
    println!("| worst case: decode ns per octet at | 4 KiB | 16 KiB | 64 KiB |");
    println!("|---|---:|---:|---:|");
    for (name, shape) in worst::MESSAGES {
        let cells: Vec<String> = [4096usize, 16384, 65535]
            .iter()
            .map(|&size| {
                let wire = shape(size);
                format!("{:.2}", decode_ns(&wire) / wire.len() as f64)
            })
            .collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}
