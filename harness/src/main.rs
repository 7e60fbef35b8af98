//! `dnswire-harness`: decode captures and vectors into dig-style text, and run
//! the conformance suite.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dnswire_harness::{decode, hexfile};

#[derive(Parser)]
#[command(name = "dnswire-harness", version, about = "DNS wire-format conformance harness for dnswire")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode DNS messages and print them in dig's layout.
    Decode {
        /// Input format.
        #[arg(long, value_enum, default_value_t = Format::Hex)]
        format: Format,
        /// Files to read (hex: one message per line; raw: one message per file).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One message per line in hex; blank lines and `#` comments skipped.
    Hex,
    /// Each file is one message in wire form.
    Raw,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Decode { format, files } => run_decode(format, &files),
    }
}

fn run_decode(format: Format, files: &[PathBuf]) -> ExitCode {
    let mut index = 0usize;
    for path in files {
        let messages = match read_messages(format, path) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("dnswire-harness: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        for wire in messages {
            print!("{}", decode::render(index, &wire));
            println!();
            index += 1;
        }
    }
    ExitCode::SUCCESS
}

fn read_messages(format: Format, path: &PathBuf) -> Result<Vec<Vec<u8>>, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    Ok(match format {
        Format::Raw => vec![bytes],
        Format::Hex => hexfile::parse(&String::from_utf8(bytes)?)?.into_iter().map(|m| m.data).collect(),
    })
}
