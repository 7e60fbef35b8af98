//! Replays every saved fuzz input under stable `cargo test`: the seed and
//! grown corpora in `fuzz/corpus/<target>/` and the crashes ever found in
//! `fuzz/regressions/<target>/`, each through its harness function, so every
//! crash stays a regression test once fixed.

use std::path::{Path, PathBuf};

use dnswire_harness::fuzzing;

/// A fuzz body: takes the raw input, panics on a violated property.
type Target = fn(&[u8]);

/// (directory name, harness function) for every fuzz target.
const TARGETS: [(&str, Target); 7] = [
    ("decode", fuzzing::decode),
    ("roundtrip", fuzzing::roundtrip),
    ("compress", fuzzing::compress),
    ("builder", fuzzing::build_bytes),
    ("text", fuzzing::text),
    ("message_text", fuzzing::message_text),
    ("zone", fuzzing::zone),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The regular files in `dir`, counted apart from the replay (which might,
/// through a bug, skip some).
fn files_on_disk(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries.filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_ok_and(|t| t.is_file()))).count()
}

/// Replays `fuzz/<kind>/<target>/` for every target; returns, per target,
/// (name, inputs on disk, inputs replayed). Every subdirectory of `kind` must
/// name a target, so no saved input is silently skipped.
fn replay(kind: &str) -> Vec<(&'static str, usize, usize)> {
    let root = fuzz_dir().join(kind);
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.filter_map(Result::ok).filter(|e| e.path().is_dir()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(TARGETS.iter().any(|(t, _)| *t == name), "{}: no fuzz target named {name}", root.display());
        }
    }
    TARGETS
        .iter()
        .map(|&(name, target)| {
            let dir = root.join(name);
            let on_disk = files_on_disk(&dir);
            (name, on_disk, fuzzing::replay_corpus(&dir, target))
        })
        .collect()
}

#[test]
fn corpus_inputs_pass() {
    let counts = replay("corpus");
    for (name, on_disk, replayed) in &counts {
        println!("corpus/{name}: replayed {replayed} of {on_disk}");
        assert!(*on_disk > 0, "no corpus for {name} under {}", fuzz_dir().display());
        assert!(replayed >= on_disk, "corpus/{name}: replayed {replayed} of {on_disk} inputs");
    }
}

#[test]
fn regression_inputs_pass() {
    let counts = replay("regressions");
    let mut total = 0;
    for (name, on_disk, replayed) in &counts {
        println!("regressions/{name}: replayed {replayed} of {on_disk}");
        assert!(replayed >= on_disk, "regressions/{name}: replayed {replayed} of {on_disk} inputs");
        if fuzz_dir().join("regressions").join(name).is_dir() {
            assert!(*replayed > 0, "regressions/{name} exists but nothing in it was replayed");
        }
        total += replayed;
    }
    // builder, message_text and text have kept crashes today.
    assert!(total >= 3, "only {total} regression inputs replayed");
}
