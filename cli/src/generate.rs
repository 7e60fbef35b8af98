//! Shell completions and man pages, generated from the command-line
//! definition so they cannot drift from it.

use std::io::{self, Write};
use std::path::Path;

use clap_complete::Shell;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, mut command: clap::Command, out: &mut dyn Write) {
    let name = command.get_name().to_string();
    clap_complete::generate(shell, &mut command, name, out);
}

/// `dnswire completions SHELL`: the script on standard output.
pub fn print_completions(shell: Shell, command: clap::Command) {
    let mut out = Vec::new();
    completions(shell, command, &mut out);
    print(&out);
}

/// `dnswire manpage [--dir DIR]`: the top-level page on standard output, or
/// every page into `dir`.
pub fn print_manpages(command: clap::Command, dir: Option<&Path>) -> Result<(), String> {
    match dir {
        Some(dir) => manpages(command, dir).map_err(|e| format!("{}: {e}", dir.display())),
        None => {
            let mut out = Vec::new();
            manpage(command, &mut out).map_err(|e| e.to_string())?;
            print(&out);
            Ok(())
        }
    }
}

/// Writes to standard output, whole (the generators write piecemeal and
/// panic on a failed write); a reader that has gone is no failure.
fn print(out: &[u8]) {
    let _ = io::stdout().lock().write_all(out);
}

/// Writes the top-level man page (section 1).
pub fn manpage(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(command).render(out)
}

/// Writes one man page per command into `dir`: `dnswire.1`, `dnswire-decode.1`, ...
pub fn manpages(command: clap::Command, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(command, dir)
}
