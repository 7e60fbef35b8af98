//! The `encode` command as a user runs it.

/// `encode` of empty input fails with a message and writes nothing: it is
/// not a message of 12 zero octets.
#[test]
fn encode_of_empty_input_fails_and_writes_nothing() {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dnswire"))
        .arg("encode")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"\n  ; nothing here\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "dnswire: <stdin>:1:1: no DNS message in the input (it is empty or only comments)\n");
}
