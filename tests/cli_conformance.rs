//! `dnswire conformance` tells how far it is on a terminal and nothing more
//! when its output is piped.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;

use dnswire_cli::conformance::{self, Options, Progress};

/// A directory with two of the bundled vector files and their expectations.
fn two_vectors(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dnswire-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rfc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors/rfc");
    for name in ["rfc1035.hex", "rfc1035.expected.jsonl", "rfc2181.hex", "rfc2181.expected.jsonl"] {
        std::fs::copy(rfc.join(name), dir.join(name)).unwrap();
    }
    dir
}

#[derive(Default)]
struct Recorded {
    total: RefCell<Option<usize>>,
    done: RefCell<Vec<String>>,
}

impl Progress for Recorded {
    fn files(&self, total: usize) {
        *self.total.borrow_mut() = Some(total);
    }

    fn file_done(&self, source: &Path) {
        self.done.borrow_mut().push(source.file_name().unwrap().to_string_lossy().into_owned());
    }
}

#[test]
fn progress_hears_the_total_then_each_file() {
    let dir = two_vectors("progress");
    let recorded = Recorded::default();
    let report = conformance::run_with(&Options { dirs: vec![dir.clone()], extra: vec![], ports: vec![], allow: vec![] }, &recorded);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(report.passed() > 0 && report.failed() == 0);
    assert_eq!(*recorded.total.borrow(), Some(2));
    assert_eq!(*recorded.done.borrow(), ["rfc1035.hex", "rfc2181.hex"]);
}

#[test]
fn piped_run_prints_no_progress() {
    let dir = two_vectors("piped");
    let out = Command::new(env!("CARGO_BIN_EXE_dnswire")).arg("conformance").arg(&dir).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // Standard error is a pipe here: no bar, no control sequences.
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}
