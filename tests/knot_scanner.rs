//! The test cases of Knot DNS's zone scanner, read by `dnswire zone`'s
//! reader. The suite is not part of the project: it is read from
//! `../shared/peer-suites/knot` beside the checkout (one JSON case a line:
//! a zone whose last statement is under test, and the records it gives or
//! the error it stops with). When the directory is absent the test says so
//! and checks nothing.
//!
//! Every case must pass but those Knot's own policy decides
//! (`peer-specific.txt` in the suite, reported only) and those where
//! dnswire reads the RFC otherwise (`conformance-vectors/knot-disagreements.md`,
//! each with its reason).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dnswire_harness::zone::read_zone;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    file: String,
    prefix_lines: usize,
    zone: String,
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Expect {
    Record { owner: String, class: u16, ttl: u32, r#type: u16, rdata: String },
    Error { error: String },
}

/// What reading a zone gave: the records as `owner class ttl type rdata`
/// in hex, and how many errors.
fn read(path: &Path) -> (Vec<String>, usize) {
    let mut records = Vec::new();
    let mut buf = vec![0u8; 65535];
    // Knot reads these files with the root as the zone's origin.
    let errors = read_zone(path, Some(dnswire::NameBuf::root()), |record, _| {
        let n = record.data.to_wire(&mut buf).unwrap();
        records.push(format!(
            "{} {} {} {} {}",
            hex(dnswire::NameBuf::from_name(&record.name).as_wire()),
            record.class.0,
            record.ttl,
            record.rtype().0,
            hex(&buf[..n])
        ));
    });
    (records, errors.len())
}

fn hex(octets: &[u8]) -> String {
    octets.iter().map(|b| format!("{b:02X}")).collect()
}

/// The suite's directory, beside the checkout.
fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/peer-suites/knot")
}

/// Case ids (or `FILE re:REGEX` / whole files) and why, from a list file.
struct Skips {
    ids: BTreeMap<String, String>,
    files: BTreeMap<String, String>,
    /// (file, literal fragments every matching statement contains): the
    /// suite's only pattern is NSEC3's padded base32, matched by hand.
    padded_nsec3: Option<String>,
}

impl Skips {
    fn read(text: &str, entry_prefix: &str) -> Self {
        let mut skips = Skips { ids: BTreeMap::new(), files: BTreeMap::new(), padded_nsec3: None };
        for line in text.lines() {
            let Some(line) = line.strip_prefix(entry_prefix) else { continue };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            if reason.trim_start().starts_with("re:") {
                skips.padded_nsec3 = Some(key.to_string());
            } else if key.contains(':') {
                skips.ids.insert(key.to_string(), reason.trim().to_string());
            } else {
                skips.files.insert(key.to_string(), reason.trim().to_string());
            }
        }
        skips
    }

    fn covers(&self, case: &Case) -> bool {
        let statement = case.zone.lines().skip(case.prefix_lines).collect::<Vec<_>>().join("\n");
        self.ids.contains_key(&case.id)
            || self.files.contains_key(&case.file)
            || (self.padded_nsec3.as_deref() == Some(case.file.as_str()) && has_padded_word(&statement))
    }
}

/// Whether a word of the statement ends in `=` padding after an
/// alphanumeric (`[A-Za-z0-9]=+(\s|$)`).
fn has_padded_word(statement: &str) -> bool {
    statement.split_whitespace().any(|w| {
        let body = w.trim_end_matches('=');
        body.len() < w.len() && body.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Runs one case in `dir` (where `includes/` leads to the suite's); `None`
/// when it passes, or what went wrong.
fn run(case: &Case, dir: &Path) -> Option<String> {
    let prefix: String = case.zone.split_inclusive('\n').take(case.prefix_lines).collect();
    std::fs::write(dir.join("prefix.zone"), &prefix).unwrap();
    let zone = case.zone.replace("@TMPDIR@", dir.to_str().unwrap());
    std::fs::write(dir.join("case.zone"), &zone).unwrap();
    let (before, errors_before) = read(&dir.join("prefix.zone"));
    let (all, errors_all) = read(&dir.join("case.zone"));
    let got: Vec<String> = all.get(before.len()..).unwrap_or(&[]).to_vec();
    let errors = errors_all.saturating_sub(errors_before);
    let want_error = case.expect.iter().find_map(|e| match e {
        Expect::Error { error } => Some(error.clone()),
        Expect::Record { .. } => None,
    });
    let want: Vec<String> = case
        .expect
        .iter()
        .filter_map(|e| match e {
            Expect::Record { owner, class, ttl, r#type, rdata } => Some(format!("{owner} {class} {ttl} {type} {rdata}")),
            Expect::Error { .. } => None,
        })
        .collect();
    match want_error {
        Some(e) if errors == 0 => Some(format!("expected {e}, read {got:?}")),
        Some(_) => None,
        None if errors > 0 => Some(format!("{errors} error(s), expected {want:?}")),
        None if got != want => Some(format!("read {got:?}, expected {want:?}")),
        None => None,
    }
}

#[test]
fn knot_zone_scanner_cases() {
    let suite = suite_dir();
    let Ok(cases) = std::fs::read_to_string(suite.join("cases.jsonl")) else {
        println!("SKIPPED: Knot's zone scanner suite is not at {}; no case was run", suite.display());
        return;
    };
    let peer = Skips::read(&std::fs::read_to_string(suite.join("peer-specific.txt")).unwrap(), "");
    let ours_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors/knot-disagreements.md");
    let ours = Skips::read(&std::fs::read_to_string(ours_path).unwrap(), "- ");

    let dir = std::env::temp_dir().join(format!("dnswire-knot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(suite.join("includes"), dir.join("includes")).unwrap();

    let (mut passed, mut peer_total, mut peer_passed, mut disagreed) = (0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for line in cases.lines() {
        let case: Case = serde_json::from_str(line).unwrap();
        let outcome = run(&case, &dir);
        if peer.covers(&case) {
            peer_total += 1;
            peer_passed += usize::from(outcome.is_none());
        } else if ours.covers(&case) {
            disagreed += 1;
        } else if let Some(why) = outcome {
            failures.push(format!("{}: {why}\n    {}", case.id, case.zone.lines().skip(case.prefix_lines).collect::<Vec<_>>().join("\n    ")));
        } else {
            passed += 1;
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    println!(
        "Knot zone scanner: {passed} passed, {} failed; {disagreed} skipped (knot-disagreements.md); peer-specific: {peer_passed} of {peer_total} read as Knot reads them",
        failures.len()
    );
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}
