//! Replays every saved fuzz input under stable `cargo test`: the seed and
//! grown corpora in `fuzz/corpus/<target>/` and the crashes ever found in
//! `fuzz/regressions/<target>/`, each through its harness function, so every
//! crash stays a regression test once fixed.

use std::path::{Path, PathBuf};

use dnswire_harness::fuzzing;

/// A fuzz body: takes the raw input, panics on a violated property.
type Target = fn(&[u8]);

/// (directory name, harness function) for every fuzz target.
const TARGETS: [(&str, Target); 6] = [
    ("decode", fuzzing::decode),
    ("roundtrip", fuzzing::roundtrip),
    ("compress", fuzzing::compress),
    ("builder", fuzzing::build_bytes),
    ("text", fuzzing::text),
    ("message_text", fuzzing::message_text),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Every subdirectory of `kind` must name a target, so no saved input is
/// silently skipped.
fn replay(kind: &str) -> usize {
    let root = fuzz_dir().join(kind);
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.filter_map(Result::ok).filter(|e| e.path().is_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(TARGETS.iter().any(|(t, _)| *t == name), "{}: no fuzz target named {name}", root.display());
        }
    }
    for (name, target) in TARGETS {
        total += fuzzing::replay_corpus(&root.join(name), target);
    }
    total
}

#[test]
fn corpus_inputs_pass() {
    let n = replay("corpus");
    assert!(n > 0, "no corpus under {}", fuzz_dir().display());
    println!("replayed {n} corpus inputs");
}

#[test]
fn regression_inputs_pass() {
    let n = replay("regressions");
    println!("replayed {n} regression inputs");
}
