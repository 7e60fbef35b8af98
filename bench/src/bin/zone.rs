//! `cargo run --release --bin zone`: zone reading speed. Writes a generated
//! zone (see `zone_gen.rs`) to a temporary directory, reads it with dnswire
//! (through `dnswire_harness::zone::read_zone`, what the CLI's `zone` uses),
//! then has named-checkzone, kzonecheck and dnspython read the same file, and
//! prints ns per record and each reader's ratio to dnswire. A reader that is
//! not installed is reported as skipped.
//!
//! Options: `--records N` (default 1,000,000), `--runs R` (runs of dnswire,
//! named-checkzone and kzonecheck, median taken; default 5), `--python-runs R`
//! (default 1: dnspython takes tens of seconds a run), `--keep` (leave the
//! file and print its path), `--dnswire-only` (no peers: for profiling).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use dnswire::NameBuf;
use dnswire_bench::zone_gen::{ORIGIN, write_zone};

/// How a reader did: seconds per run, or why it has no time.
enum Outcome {
    Seconds(f64),
    Skipped(String),
    Failed(String),
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn installed(program: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().is_ok_and(|o| o.status.success())
}

fn first_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

/// The median wall time of `runs` runs of a program, which must exit 0.
fn time_program(program: &str, args: &[&str], runs: usize) -> Outcome {
    if !installed(program) {
        return Outcome::Skipped(format!("{program} not installed"));
    }
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let out = match Command::new(program).args(args).output() {
            Ok(out) => out,
            Err(e) => return Outcome::Failed(format!("{program}: {e}")),
        };
        times.push(t.elapsed().as_secs_f64());
        if !out.status.success() {
            let why = first_line(&out.stderr);
            return Outcome::Failed(if why.is_empty() { first_line(&out.stdout) } else { why });
        }
    }
    Outcome::Seconds(median(times))
}

/// dnspython, timed inside the interpreter (its start-up left out); it
/// must find `records` records.
fn time_dnspython(path: &Path, records: u64, runs: usize) -> Outcome {
    if !installed("python3") {
        return Outcome::Skipped("python3 not installed".into());
    }
    let script = "import sys, time\n\
        import dns.zone\n\
        t = time.perf_counter()\n\
        z = dns.zone.from_file(sys.argv[1], origin=sys.argv[2], relativize=False)\n\
        e = time.perf_counter() - t\n\
        print(e, sum(1 for _ in z.iterate_rdatas()))\n";
    let mut times = Vec::new();
    for _ in 0..runs {
        let out = match Command::new("python3").arg("-c").arg(script).arg(path).arg(ORIGIN).output() {
            Ok(out) => out,
            Err(e) => return Outcome::Failed(format!("python3: {e}")),
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("No module named 'dns'") {
            return Outcome::Skipped("dnspython not installed (pip install dnspython)".into());
        }
        let mut words = text.split_whitespace();
        let (Some(Ok(seconds)), Some(Ok(found))) = (words.next().map(str::parse::<f64>), words.next().map(str::parse::<u64>)) else {
            return Outcome::Failed(stderr.lines().last().unwrap_or("no output").to_string());
        };
        if found != records {
            return Outcome::Failed(format!("found {found} records of {records}"));
        }
        times.push(seconds);
    }
    Outcome::Seconds(median(times))
}

fn version(program: &str, args: &[&str]) -> String {
    Command::new(program).args(args).output().map(|o| first_line(if o.stdout.is_empty() { &o.stderr } else { &o.stdout })).unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().position(|a| a == f);
    let value = |f: &str, default: u64| flag(f).and_then(|i| args.get(i + 1)).and_then(|v| v.parse::<u64>().ok()).unwrap_or(default);
    let min_records = value("--records", 1_000_000);
    let runs = value("--runs", 5).max(1) as usize;
    let python_runs = value("--python-runs", 1).max(1) as usize;

    let dir = std::env::temp_dir().join(format!("dnswire-zone-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join("bench.example.zone");
    let generated = write_zone(&path, min_records).expect("writing the zone");
    let records = generated.records;
    eprintln!("{}: {records} records, {} octets", path.display(), generated.octets);

    // dnswire: every record handed to the caller, who touches it.
    let origin = NameBuf::from_text(ORIGIN).expect("origin");
    let mut times = Vec::new();
    let mut failure = None;
    for _ in 0..runs {
        let mut count = 0u64;
        let mut sum = 0u64;
        let t = Instant::now();
        let errors = dnswire_harness::zone::read_zone(&path, Some(origin.clone()), |rec, _| {
            count += 1;
            sum = sum.wrapping_add(u64::from(rec.ttl));
        });
        times.push(t.elapsed().as_secs_f64());
        std::hint::black_box(sum);
        if let Some(e) = errors.first() {
            failure = Some(format!("{} errors, the first: {e}", errors.len()));
        } else if count != records {
            failure = Some(format!("read {count} records of {records}"));
        }
    }
    let dnswire = match failure {
        Some(why) => Outcome::Failed(why),
        None => Outcome::Seconds(median(times)),
    };

    let file = path.to_str().expect("a UTF-8 temporary path");
    let origin_arg = ORIGIN.trim_end_matches('.');
    let peers = if flag("--dnswire-only").is_some() { Vec::new() } else { vec![
        (
            format!("named-checkzone -i none ({})", version("named-checkzone", &["-v"])),
            time_program("named-checkzone", &["-q", "-i", "none", origin_arg, file], runs),
        ),
        (format!("kzonecheck ({})", version("kzonecheck", &["-V"])), time_program("kzonecheck", &["-o", ORIGIN, file], runs)),
        (
            format!("dnspython dns.zone.from_file ({})", version("python3", &["-c", "import dns.version; print(dns.version.version)"])),
            time_dnspython(&path, records, python_runs),
        ),
    ] };

    let per_record = |s: f64| s * 1e9 / records as f64;
    let base = match &dnswire {
        Outcome::Seconds(s) => Some(per_record(*s)),
        _ => None,
    };
    println!("Zone reading: {records} records, {:.1} MB, median of {runs} runs ({python_runs} for dnspython)\n", generated.octets as f64 / 1e6);
    println!("| reader | ns per record | ratio to dnswire |");
    println!("|---|---:|---:|");
    let mut ok = true;
    for (name, outcome) in std::iter::once(("dnswire (harness read_zone)".to_string(), dnswire)).chain(peers) {
        match outcome {
            Outcome::Seconds(s) => {
                let ns = per_record(s);
                let ratio = base.map_or("-".to_string(), |b| format!("{:.1}", ns / b));
                println!("| {name} | {ns:.0} | {ratio} |");
            }
            Outcome::Skipped(why) => println!("| {name} | skipped: {why} | |"),
            Outcome::Failed(why) => {
                ok = false;
                println!("| {name} | failed: {why} | |");
            }
        }
    }
    if flag("--keep").is_some() {
        eprintln!("kept {}", path.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if !ok {
        std::process::exit(1);
    }
}
