//! `dnswire-harness`: decode captures and vectors into dig-style text, and run
//! the conformance suite.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dnswire_harness::conformance::{self, Options};
use dnswire_harness::{capture, decode, hexfile};

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
        /// Extra ports to take as DNS in captures (53, 5353 and 5355 always are).
        #[arg(long = "port")]
        ports: Vec<u16>,
        /// Files to read (hex: one message per line; raw: one message per file;
        /// pcap: a pcap or pcapng capture).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run the conformance suite: decode every message and compare with the
    /// reference decoding, re-encode with and without compression, decode again.
    Conformance {
        /// Vector directories or files (default: the bundled conformance-vectors/).
        dirs: Vec<PathBuf>,
        /// A directory of captures to add; expectations missing beside them are
        /// made with the reference decoder (dnspython and tshark) where installed.
        #[arg(long)]
        extra: Vec<PathBuf>,
        /// Extra ports to take as DNS in captures.
        #[arg(long = "port")]
        ports: Vec<u16>,
        /// An allow-list of known differences (`SOURCE FRAME|* REASON` lines).
        #[arg(long)]
        allow: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One message per line in hex; blank lines and `#` comments skipped.
    Hex,
    /// Each file is one message in wire form.
    Raw,
    /// A pcap or pcapng capture (UDP and TCP, IPv4 and IPv6).
    Pcap,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Decode { format, ports, files } => run_decode(format, &ports, &files),
        Command::Conformance { dirs, extra, ports, allow } => run_conformance(dirs, extra, ports, &allow),
    }
}

fn run_conformance(dirs: Vec<PathBuf>, extra: Vec<PathBuf>, ports: Vec<u16>, allow_files: &[PathBuf]) -> ExitCode {
    let mut allow = Vec::new();
    for f in allow_files {
        match std::fs::read_to_string(f) {
            Ok(text) => allow.extend(conformance::parse_allow_list(&text)),
            Err(e) => {
                eprintln!("dnswire-harness: {}: {e}", f.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let report = conformance::run(&Options { dirs, extra, ports, allow });
    emit(&report.render());
    if report.failed() == 0 && report.passed() > 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn run_decode(format: Format, ports: &[u16], files: &[PathBuf]) -> ExitCode {
    let mut index = 0usize;
    for path in files {
        let messages = match read_messages(format, ports, path) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("dnswire-harness: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        for wire in messages {
            if !emit(&format!("{}\n", decode::render(index, &wire))) {
                return ExitCode::SUCCESS;
            }
            index += 1;
        }
    }
    ExitCode::SUCCESS
}

/// Writes to stdout; false once the reader has gone (a closed pipe is not an error).
fn emit(text: &str) -> bool {
    use std::io::Write;
    std::io::stdout().lock().write_all(text.as_bytes()).is_ok()
}

fn read_messages(format: Format, ports: &[u16], path: &PathBuf) -> Result<Vec<Vec<u8>>, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    Ok(match format {
        Format::Raw => vec![bytes],
        Format::Pcap => {
            let mut all = capture::DEFAULT_PORTS.to_vec();
            all.extend(ports);
            let cap = capture::read_capture(&bytes, &all)?;
            if cap.skipped.total() > 0 {
                eprintln!("{}: {}", path.display(), cap.skipped);
            }
            cap.messages.into_iter().map(|m| m.data).collect()
        }
        Format::Hex => hexfile::parse(&String::from_utf8(bytes)?)?.into_iter().map(|m| m.data).collect(),
    })
}
