//! `cargo run --release --bin report`: every peer in one process, interleaved
//! round-robin for many rounds, median ns per message; heap allocations per
//! operation; a markdown table on stdout.
//!
//! `report --instructions [N]`: runs each job N times inside the exported
//! function `dnswire_bench_measured`, for `valgrind --tool=callgrind
//! --toggle-collect=dnswire_bench_measured --dump-after=dnswire_bench_measured`
//! (see instructions.sh). Prints one line per job, in dump order.
//!
//! `report --check`: only the cross-peer check (each peer's records walked and
//! checksum against dnswire's, message by message; see `agreement.rs`); exits
//! non-zero on a difference not in the documented list. The full report
//! prints the same table first.
//!
//! Options: `--rounds R` (default 41), `--target-ms T` (time per sample,
//! default 2), `--quick` (rounds 5, target 0.2 ms: for CI smoke runs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use dnswire_bench::{Job, Op, PEERS, agreement, byte_checksum_job, inputs, job, vectors_dir};

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc_zeroed(l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The function callgrind counts (see instructions.sh).
#[unsafe(no_mangle)]
#[inline(never)]
pub fn dnswire_bench_measured(job: &mut Job, n: u64) -> u64 {
    let mut s = 0u64;
    for _ in 0..n {
        s = s.wrapping_add(std::hint::black_box(job()));
    }
    s
}

fn allocs_per_message(j: &mut Job, msgs: usize) -> f64 {
    let before = ALLOCS.load(Ordering::Relaxed);
    std::hint::black_box(j());
    let after = ALLOCS.load(Ordering::Relaxed);
    (after - before) as f64 / msgs as f64
}

const BASE: &str = "byte checksum";

struct Cell {
    peer: &'static str,
    job: Job,
    iters: u64,
    samples: Vec<f64>,
}

fn calibrate(j: &mut Job, target_ns: f64) -> u64 {
    let mut n = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(j());
        }
        let e = t.elapsed().as_nanos() as f64;
        if e >= target_ns / 4.0 || n >= 1 << 24 {
            return ((target_ns / (e / n as f64)).ceil() as u64).max(1);
        }
        n *= 4;
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn fmt_ns(x: f64) -> String {
    if x >= 10_000.0 { format!("{:.0}", x) } else if x >= 100.0 { format!("{:.0}", x) } else { format!("{:.1}", x) }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().position(|a| a == f);
    let value = |f: &str| flag(f).and_then(|i| args.get(i + 1)).and_then(|v| v.parse::<f64>().ok());
    let quick = flag("--quick").is_some();
    let (inputs, notes) = inputs(&vectors_dir());

    if let Some(i) = flag("--instructions") {
        let n = args.get(i + 1).and_then(|v| v.parse::<u64>().ok()).unwrap_or(20);
        for (i, input) in inputs.iter().enumerate() {
            let msgs = input.messages.len() as u64;
            // The corpus is big: fewer repetitions keep callgrind quick.
            let reps = if msgs > 1 { (n / 10).max(1) } else { n };
            for op in Op::ALL {
                if op == Op::Query && i > 0 {
                    continue;
                }
                // `--only PEER` and `--input WORD` narrow a profiling run.
                let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1));
                let want_input = args.iter().position(|a| a == "--input").and_then(|i| args.get(i + 1));
                if want_input.is_some_and(|w| !input.name.contains(w.as_str())) {
                    continue;
                }
                let mut peers: Vec<(&str, Job)> =
                    PEERS.iter().filter(|p| only.is_none_or(|o| o == *p)).filter_map(|p| job(p, op, input).map(|j| (*p, j))).collect();
                if op == Op::Decode && only.is_none() {
                    peers.push((BASE, byte_checksum_job(input)));
                }
                for (peer, mut j) in peers {
                    std::hint::black_box(j()); // warm-up, not counted
                    std::hint::black_box(dnswire_bench_measured(&mut j, reps));
                    println!("JOB\t{}\t{}\t{}\t{}", input.name, op.name(), peer, reps * msgs);
                }
            }
        }
        return;
    }

    let (check, unexpected) = agreement::markdown(&inputs);
    if flag("--check").is_some() {
        print!("{check}");
        if unexpected > 0 {
            eprintln!("error: {unexpected} unexpected differences between peers");
            std::process::exit(1);
        }
        return;
    }

    let rounds = value("--rounds").map(|v| v as usize).unwrap_or(if quick { 5 } else { 41 });
    let target_ns = value("--target-ms").unwrap_or(if quick { 0.2 } else { 2.0 }) * 1e6;

    let mut out = String::new();
    let mut allocs: BTreeMap<(String, &'static str, &'static str), f64> = BTreeMap::new();
    let mut results: Vec<(String, Op, Vec<(&'static str, f64)>)> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        for op in Op::ALL {
            // The query does not depend on the input: measured once.
            if op == Op::Query && i > 0 {
                continue;
            }
            let mut cells: Vec<Cell> = PEERS
                .iter()
                .filter_map(|p| job(p, op, input).map(|j| Cell { peer: p, job: j, iters: 0, samples: Vec::new() }))
                .collect();
            if op == Op::Decode {
                cells.push(Cell { peer: BASE, job: byte_checksum_job(input), iters: 0, samples: Vec::new() });
            }
            for c in &mut cells {
                allocs.insert((input.name.clone(), op.name(), c.peer), allocs_per_message(&mut c.job, input.messages.len()));
                c.iters = calibrate(&mut c.job, target_ns);
            }
            // Interleaved: one sample of each peer per round.
            for _ in 0..rounds {
                for c in &mut cells {
                    let t = Instant::now();
                    for _ in 0..c.iters {
                        std::hint::black_box((c.job)());
                    }
                    let ns = t.elapsed().as_nanos() as f64 / c.iters as f64 / input.messages.len() as f64;
                    c.samples.push(ns);
                }
            }
            let meds = cells.iter_mut().map(|c| (c.peer, median(&mut c.samples))).collect();
            let label = if op == Op::Query { "www.example.com. IN A, EDNS 1232, DO, cookie".to_string() } else { input.name.clone() };
            results.push((label, op, meds));
            eprintln!("done: {} / {}", input.name, op.name());
        }
    }

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()))
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    out.push_str(&format!(
        "Machine: {cores} cores, {cpu}. {rounds} interleaved rounds, ~{:.1} ms per sample, median shown.\n\n",
        target_ns / 1e6
    ));
    out.push_str(&notes);
    out.push('\n');
    for input in &inputs {
        out.push_str(&format!("- {}: {}\n", input.name, input.note));
    }
    out.push_str("\n### Cross-peer check: records walked and checksum against dnswire\n\n");
    out.push_str(&check);
    out.push('\n');

    for op in Op::ALL {
        out.push_str(&format!("### {}: ns per message (ratio = peer / dnswire)\n\n", op.name()));
        let mut head = String::from("| input | dnswire |");
        let mut sep = String::from("|---|---:|");
        for p in PEERS.iter().skip(1) {
            head.push_str(&format!(" {p} |"));
            sep.push_str("---:|");
        }
        if op == Op::Decode {
            head.push_str(" byte checksum | dnswire / checksum |");
            sep.push_str("---:|---:|");
        }
        out.push_str(&format!("{head}\n{sep}\n"));
        for (name, o, meds) in &results {
            if *o != op {
                continue;
            }
            let get = |p: &str| meds.iter().find(|(q, _)| *q == p).map(|(_, v)| *v);
            let d = get("dnswire");
            let mut row = format!("| {name} | {} |", d.map_or("n/a".into(), fmt_ns));
            for p in PEERS.iter().skip(1) {
                row.push_str(&match (get(p), d) {
                    (Some(v), Some(d)) => format!(" {} ({:.1}x) |", fmt_ns(v), v / d),
                    (Some(v), None) => format!(" {} |", fmt_ns(v)),
                    _ => " n/a |".into(),
                });
            }
            if op == Op::Decode {
                let b = get(BASE);
                row.push_str(&match (b, d) {
                    (Some(b), Some(d)) => format!(" {} | {:.1}x |", fmt_ns(b), d / b),
                    _ => " n/a | n/a |".into(),
                });
            }
            out.push_str(&format!("{row}\n"));
        }
        out.push('\n');
    }

    out.push_str("### Heap allocations per message\n\n");
    out.push_str("| input | operation |");
    for p in PEERS {
        out.push_str(&format!(" {p} |"));
    }
    out.push('\n');
    out.push_str("|---|---|");
    for _ in PEERS {
        out.push_str("---:|");
    }
    out.push('\n');
    let mut dnswire_allocs = 0.0;
    for (i, input) in inputs.iter().enumerate() {
        for op in Op::ALL {
            if op == Op::Query && i > 0 {
                continue;
            }
            let mut row = format!("| {} | {} |", input.name, op.name());
            for p in PEERS {
                match allocs.get(&(input.name.clone(), op.name(), p)) {
                    Some(a) => {
                        if p == "dnswire" {
                            dnswire_allocs += a;
                        }
                        row.push_str(&format!(" {} |", if a.fract() == 0.0 { format!("{a:.0}") } else { format!("{a:.1}") }))
                    }
                    None => row.push_str(" n/a |"),
                }
            }
            out.push_str(&format!("{row}\n"));
        }
    }
    out.push_str(&format!("\ndnswire heap allocations, all operations and inputs: {dnswire_allocs}\n"));
    print!("{out}");
    if dnswire_allocs != 0.0 {
        eprintln!("error: dnswire allocated");
        std::process::exit(1);
    }
    if unexpected > 0 {
        eprintln!("error: {unexpected} unexpected differences between peers");
        std::process::exit(1);
    }
}
