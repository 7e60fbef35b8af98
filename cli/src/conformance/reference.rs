//! Runs the reference decoder (dnspython through `dnsref.py`) on captures that
//! have no committed expectations.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The reference decoder, found and usable.
pub struct Reference {
    script: PathBuf,
}

impl Reference {
    /// Finds `dnsref.py` and checks that python3 has dnspython and that tshark
    /// exists; says what is missing otherwise.
    pub fn detect() -> Result<Self, String> {
        let script = super::bundled_dir().join("reference/dnsref.py");
        if !script.is_file() {
            return Err(format!("{} is missing", script.display()));
        }
        let python = Command::new("python3").args(["-c", "import dns.message"]).output();
        if !python.is_ok_and(|o| o.status.success()) {
            return Err("dnspython is not installed (pip install -r conformance-vectors/reference/requirements.txt)".into());
        }
        let tshark = Command::new("tshark").arg("--version").output();
        if !tshark.is_ok_and(|o| o.status.success()) {
            return Err("tshark is not installed (apt-get install tshark)".into());
        }
        Ok(Self { script })
    }

    /// The expectations for many captures, made in parallel (one reference
    /// process per core), in the order given.
    pub fn decode_all(&self, captures: &[PathBuf], ports: &[u16]) -> Vec<(PathBuf, Result<String, String>)> {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = captures.get(i) else { break };
                        let result = self.decode(file, ports);
                        results.lock().unwrap_or_else(|e| e.into_inner()).push((i, file.clone(), result));
                    }
                });
            }
        });
        let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results.sort_by_key(|(i, _, _)| *i);
        results.into_iter().map(|(_, f, r)| (f, r)).collect()
    }

    /// The expectations for one capture, as JSON Lines.
    pub fn decode(&self, capture: &Path, ports: &[u16]) -> Result<String, String> {
        let mut cmd = Command::new("python3");
        cmd.arg(&self.script);
        for p in ports {
            cmd.arg("--port").arg(p.to_string());
        }
        let out = cmd.arg(capture).output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        String::from_utf8(out.stdout).map_err(|e| e.to_string())
    }
}
