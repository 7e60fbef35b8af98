//! Criterion benchmarks: `cargo bench` inside bench/. One group per input and
//! operation, one function per peer; throughput in bytes of the input.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dnswire_bench::{Op, PEERS, byte_checksum_job, inputs, job, vectors_dir};

fn bench(c: &mut Criterion) {
    let (inputs, _) = inputs(&vectors_dir());
    for input in &inputs {
        for op in Op::ALL {
            let mut g = c.benchmark_group(format!("{} / {}", op.name(), input.name));
            g.throughput(Throughput::Bytes(input.bytes() as u64));
            for peer in PEERS {
                if let Some(mut j) = job(peer, op, input) {
                    g.bench_function(peer, |b| b.iter(&mut j));
                }
            }
            if op == Op::Decode {
                let mut j = byte_checksum_job(input);
                g.bench_function("byte checksum", |b| b.iter(&mut j));
            }
            g.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
