//! `dnswire`'s help, shell completions and man pages: each names every
//! command, the help shows examples and the exit status, and the exit status
//! of a usage error is what the help says.

use std::process::{Command, Output};

/// Every command a user can run.
const COMMANDS: [&str; 9] = ["decode", "encode", "zone", "query", "forward", "load", "conformance", "completions", "manpage"];

fn dnswire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dnswire")).args(args).output().unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let out = dnswire(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn top_level_help_names_every_command_with_examples_and_exit_status() {
    let help = stdout_of(&["--help"]);
    for command in COMMANDS {
        assert!(help.contains(&format!("\n  {command} ")), "{command} missing from:\n{help}");
        let example = help.lines().any(|l| l.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| w == ["dnswire", command]));
        assert!(example, "no example of {command} in:\n{help}");
    }
    let status = &help[help.find("Exit status:").expect("an exit status section")..];
    for code in ["0  ", "1  ", "2  ", "8  ", "9  ", "10 "] {
        assert!(status.contains(&format!("\n  {code}")), "exit status {code} undocumented:\n{status}");
    }
}

#[test]
fn every_command_help_has_examples() {
    for command in &COMMANDS[..7] {
        let help = stdout_of(&[command, "--help"]);
        let examples = &help[help.find("Examples:").unwrap_or_else(|| panic!("{command}: no examples"))..];
        assert!(examples.contains(&format!("dnswire {command}")), "{command}:\n{examples}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dnswire(&["decode"]).status.code(), Some(2));
    assert_eq!(dnswire(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(dnswire(&["decode", "--format", "pdf", "x"]).status.code(), Some(2));
}

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        assert!(!script.is_empty(), "{shell}");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} completion lacks {command}");
        }
        // Options of a command are completed too.
        assert!(script.contains("compression"), "{shell} completion lacks decode's options");
    }
}

#[test]
fn manpage_names_every_command() {
    let page = stdout_of(&["manpage"]);
    assert!(page.starts_with(".ie") || page.contains(".TH dnswire 1"), "{page}");
    for command in COMMANDS {
        assert!(page.contains(&format!("dnswire\\-{command}(1)")), "man page lacks {command}");
    }
    assert!(page.contains("Exit status"));
}

#[test]
fn manpage_dir_writes_a_page_per_command() {
    let dir = std::env::temp_dir().join(format!("dnswire-cli-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    stdout_of(&["manpage", "--dir", dir.to_str().unwrap()]);
    let top = std::fs::read_to_string(dir.join("dnswire.1")).unwrap();
    assert!(top.contains(".TH dnswire 1"));
    for command in COMMANDS {
        let page = std::fs::read_to_string(dir.join(format!("dnswire-{command}.1"))).unwrap();
        assert!(page.contains(&format!(".TH dnswire-{command} 1")), "{command}:\n{page}");
    }
    let decode = std::fs::read_to_string(dir.join("dnswire-decode.1")).unwrap();
    assert!(decode.contains("\\-\\-compression"));
    std::fs::remove_dir_all(&dir).unwrap();
}
