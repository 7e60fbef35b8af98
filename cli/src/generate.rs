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

/// Writes the top-level man page (section 1).
pub fn manpage(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(command).render(out)
}

/// Writes one man page per command into `dir`: `dnswire.1`, `dnswire-decode.1`, ...
pub fn manpages(command: clap::Command, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(command, dir)
}
