//! The conformance suite: every message of every vector file and capture is
//! decoded by dnswire and compared with the reference decoding beside it
//! (`NAME.expected.jsonl`), re-encoded with and without compression, and
//! decoded again.

mod compare;
pub mod expected;
mod reference;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::capture;
use crate::hexfile;
pub use compare::{Outcome, check};
use expected::Expected;

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Directories (or files) with vectors and their expectations.
    pub dirs: Vec<PathBuf>,
    /// Directories of captures that may lack expectations; those are made on the
    /// fly with the reference decoder where it is installed.
    pub extra: Vec<PathBuf>,
    /// UDP/TCP ports taken as DNS besides 53, 5353 and 5355.
    pub ports: Vec<u16>,
    /// Known differences: `path-suffix frame reason` lines.
    pub allow: Vec<Allowed>,
}

/// A known, explained difference.
#[derive(Clone, Debug)]
pub struct Allowed {
    /// The end of the source's path (`dns-oarc/foo.pcap`).
    pub source: String,
    /// The frame or line, or `None` for every message of the source.
    pub frame: Option<u64>,
    /// Why it differs.
    pub reason: String,
}

/// Reads an allow-list: one `SOURCE FRAME|* REASON` per line, `#` comments.
pub fn parse_allow_list(text: &str) -> Vec<Allowed> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .filter_map(|l| {
            let mut parts = l.splitn(3, char::is_whitespace);
            let source = parts.next()?.to_string();
            let frame = parts.next()?;
            let reason = parts.next().unwrap_or("").trim().to_string();
            Some(Allowed { source, frame: frame.parse().ok(), reason })
        })
        .collect()
}

/// One source's tally.
#[derive(Clone, Debug, Default)]
pub struct SourceTally {
    pub passed: usize,
    pub failed: usize,
    pub allowed: usize,
    pub byte_identical: usize,
    pub rejected_by_both: usize,
}

/// The whole run.
#[derive(Debug, Default)]
pub struct Report {
    pub sources: BTreeMap<String, SourceTally>,
    /// Records compared per type: (in passing messages, in failing ones).
    pub types: BTreeMap<String, (usize, usize)>,
    pub failures: Vec<String>,
    pub notes: Vec<String>,
    pub generic_text: usize,
}

impl Report {
    /// Messages that passed (allowed differences included).
    pub fn passed(&self) -> usize {
        self.sources.values().map(|t| t.passed + t.allowed).sum()
    }

    /// Messages that failed.
    pub fn failed(&self) -> usize {
        self.sources.values().map(|t| t.failed).sum()
    }

    /// The printed report: tables, failures, and the closing count line.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{:<48} {:>7} {:>7} {:>7} {:>9} {:>9}", "source", "passed", "failed", "allowed", "rejected", "identical");
        for (name, t) in &self.sources {
            let _ = writeln!(s, "{:<48} {:>7} {:>7} {:>7} {:>9} {:>9}", name, t.passed, t.failed, t.allowed, t.rejected_by_both, t.byte_identical);
        }
        let _ = writeln!(s, "\n{:<14} {:>9} {:>9}", "record type", "records", "failing");
        for (rtype, (ok, bad)) in &self.types {
            let _ = writeln!(s, "{:<14} {:>9} {:>9}", rtype, ok + bad, bad);
        }
        if self.generic_text > 0 {
            let _ = writeln!(s, "\n{} RDATA the reference prints as generic \\# data were compared as wire only", self.generic_text);
        }
        for note in &self.notes {
            let _ = writeln!(s, "note: {note}");
        }
        if !self.failures.is_empty() {
            let _ = writeln!(s, "\nfailures:");
            for f in &self.failures {
                let _ = writeln!(s, "{f}");
            }
        }
        let _ = writeln!(s, "\n{} passed, {} failed", self.passed(), self.failed());
        s
    }

    fn record(&mut self, source: &str, frame: u64, wire: &[u8], outcome: Outcome, allow: &[Allowed]) {
        let tally = self.sources.entry(source.to_string()).or_default();
        let failed = outcome.failure.is_some();
        for t in &outcome.rtypes {
            let e = self.types.entry(t.to_string()).or_default();
            if failed { e.1 += 1 } else { e.0 += 1 }
        }
        self.generic_text += outcome.generic_text;
        if outcome.byte_identical {
            tally.byte_identical += 1;
        }
        match outcome.failure {
            None => tally.passed += 1,
            Some(why) => {
                let allowed = allow.iter().find(|a| source.ends_with(&a.source) && a.frame.is_none_or(|f| f == frame));
                match allowed {
                    Some(a) => {
                        tally.allowed += 1;
                        let _ = a;
                    }
                    None => {
                        tally.failed += 1;
                        let shown = crate::hexfile::encode_hex(&wire[..wire.len().min(512)]);
                        self.failures.push(format!("FAIL {source} frame {frame}: {why}\n  message: {shown}"));
                    }
                }
            }
        }
    }
}

/// The bundled vectors: `conformance-vectors/` of this repository.
pub fn bundled_dir() -> PathBuf {
    let here = PathBuf::from("conformance-vectors");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors")
}

/// Told how the suite goes: the number of files first, then each file as it
/// is done (for a progress bar on long runs).
pub trait Progress {
    /// The suite has `total` vector and capture files.
    fn files(&self, total: usize) {
        let _ = total;
    }
    /// One file is done.
    fn file_done(&self, source: &Path) {
        let _ = source;
    }
}

/// No progress shown.
impl Progress for () {}

/// Runs the suite.
pub fn run(opts: &Options) -> Report {
    run_with(opts, &())
}

/// Runs the suite, telling `progress` how it goes.
pub fn run_with(opts: &Options, progress: &dyn Progress) -> Report {
    let mut report = Report::default();
    let mut ports = capture::DEFAULT_PORTS.to_vec();
    ports.extend(&opts.ports);
    let dirs = if opts.dirs.is_empty() { vec![bundled_dir()] } else { opts.dirs.clone() };
    let bundled: Vec<PathBuf> = dirs.iter().flat_map(|d| vector_files(d)).collect();
    let extra: Vec<(PathBuf, Vec<PathBuf>)> = opts.extra.iter().map(|d| (d.clone(), vector_files(d))).collect();
    progress.files(bundled.len() + extra.iter().map(|(_, files)| files.len()).sum::<usize>());
    for file in &bundled {
        run_file(file, None, &ports, opts, &mut report);
        progress.file_done(file);
    }
    for (dir, files) in extra {
        if files.is_empty() {
            report.notes.push(format!("{}: no captures found", dir.display()));
        }
        let (ready, missing): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| expectation_path(f).exists());
        for file in ready {
            run_file(&file, None, &ports, opts, &mut report);
            progress.file_done(&file);
        }
        if missing.is_empty() {
            continue;
        }
        match reference::Reference::detect() {
            Ok(r) => {
                for (file, result) in r.decode_all(&missing, &opts.ports) {
                    match result {
                        Ok(text) => run_file(&file, Some(text), &ports, opts, &mut report),
                        Err(e) => report.notes.push(format!("{}: reference decoder failed: {e}", file.display())),
                    }
                    progress.file_done(&file);
                }
            }
            Err(why) => {
                report.notes.push(format!("{}: {} captures skipped, no expectations and {why}", dir.display(), missing.len()));
                missing.iter().for_each(|file| progress.file_done(file));
            }
        }
    }
    report
}

fn expectation_path(file: &Path) -> PathBuf {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if let Some(stem) = name.strip_suffix(".hex") {
        file.with_file_name(format!("{stem}.expected.jsonl"))
    } else {
        file.with_file_name(format!("{name}.expected.jsonl"))
    }
}

/// Every `.hex`, `.pcap`, `.pcapng` and `.cap` file below `dir`, sorted.
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if d.is_file() {
            out.push(d);
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("hex" | "pcap" | "pcapng" | "cap")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn source_name(file: &Path) -> String {
    let s = file.to_string_lossy();
    match s.find("conformance-vectors/") {
        Some(i) => s[i + "conformance-vectors/".len()..].to_string(),
        None => s.trim_start_matches("../").to_string(),
    }
}

fn run_file(file: &Path, expectations: Option<String>, ports: &[u16], opts: &Options, report: &mut Report) {
    let source = source_name(file);
    let text = match expectations {
        Some(t) => t,
        None => match std::fs::read_to_string(expectation_path(file)) {
            Ok(t) => t,
            Err(e) => {
                report.notes.push(format!("{source}: no expectations ({e})"));
                return;
            }
        },
    };
    let expected = match expected::parse(&text) {
        Ok(e) => e,
        Err(e) => {
            report.failures.push(format!("FAIL {source}: expectations unreadable: {e}"));
            report.sources.entry(source).or_default().failed += 1;
            return;
        }
    };
    let messages = match read_messages(file, ports) {
        Ok((m, skipped)) => {
            if let Some(skipped) = skipped {
                report.notes.push(format!("{source}: {skipped}"));
            }
            m
        }
        Err(e) => {
            report.failures.push(format!("FAIL {source}: unreadable: {e}"));
            report.sources.entry(source).or_default().failed += 1;
            return;
        }
    };
    // Pair messages with expectations by frame and octets (several messages
    // may share a frame over TCP).
    let mut pending: HashMap<(u64, String), Vec<&Expected>> = HashMap::new();
    for e in &expected {
        pending.entry((e.frame, e.wire.clone())).or_default().push(e);
    }
    for (frame, wire) in &messages {
        let key = (*frame, hexfile::encode_hex(wire));
        match pending.get_mut(&key).and_then(|v| v.pop()) {
            Some(exp) => {
                let outcome = check(wire, exp);
                if !exp.ok && outcome.failure.is_none() {
                    report.sources.entry(source.clone()).or_default().rejected_by_both += 1;
                }
                report.record(&source, *frame, wire, outcome, &opts.allow);
            }
            None => {
                let outcome = Outcome { failure: Some("the reference decoder did not extract this message".into()), ..Outcome::default() };
                report.record(&source, *frame, wire, outcome, &opts.allow);
            }
        }
    }
    let mut missed: Vec<&Expected> = pending.into_values().flatten().collect();
    missed.sort_by_key(|e| e.frame);
    for e in missed {
        let wire = hexfile::decode_hex(&e.wire).unwrap_or_default();
        let outcome = Outcome { failure: Some("dnswire's capture reader did not extract this message".into()), ..Outcome::default() };
        report.record(&source, e.frame, &wire, outcome, &opts.allow);
    }
}

/// The messages of a file, each with its line or frame number.
pub type Numbered = Vec<(u64, Vec<u8>)>;

/// The messages of a vector file or capture, with their line or frame
/// numbers, and for a capture what was skipped and why.
pub fn read_messages(file: &Path, ports: &[u16]) -> Result<(Numbered, Option<String>), String> {
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    if file.extension().and_then(|x| x.to_str()) == Some("hex") {
        let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        let msgs = hexfile::parse(&text).map_err(|e| e.to_string())?;
        return Ok((msgs.into_iter().map(|m| (m.line as u64, m.data)).collect(), None));
    }
    let cap = capture::read_capture(&bytes, ports).map_err(|e| e.to_string())?;
    let skipped = (cap.skipped.total() > 0).then(|| cap.skipped.to_string());
    Ok((cap.messages.into_iter().map(|m| (m.frame, m.data)).collect(), skipped))
}
