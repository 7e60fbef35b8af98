//! `dnswire`: decode captures and vectors into dig-style text, encode dig text
//! to wire, check zone files, run the conformance suite, and query, forward and
//! load DNS servers.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use dnswire_cli::conformance::{self, Options};
use dnswire_cli::input::{self, Compression, Format};
use dnswire_cli::{decode, generate, help, hexfile, progress};

#[derive(Parser)]
#[command(
    name = "dnswire",
    version,
    propagate_version = true,
    about = "Decode, encode and check DNS messages and zone files; query, forward and load DNS servers",
    after_help = help::TOP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the DNS messages of captures, hex or wire files in dig's layout.
    ///
    /// Each message is headed `;; MESSAGE N (SIZE bytes)`, and in a capture
    /// first `;; frame F, TIME, SRC -> DST UDP|TCP`. A malformed one gets
    /// `;; MESSAGE N ERROR VARIANT: description at octet O` and the header
    /// lines when the header could be read; decoding goes on.
    #[command(after_help = help::DECODE)]
    Decode {
        /// Input format (default: told from the first octets: pcap and pcapng
        /// by magic number, hex when the text has only hex, blank and `#`
        /// lines, else one raw message).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Compression (default: gzip or xz by magic number, else none).
        #[arg(long, value_enum, default_value_t = Compression::Auto)]
        compression: Compression,
        /// Extra ports to take as DNS in captures (53, 5353 and 5355 always are).
        #[arg(long = "port")]
        ports: Vec<u16>,
        /// Files to read, `-` for standard input (hex: one message per line;
        /// raw: one message per file; pcap: a pcap or pcapng capture).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Turn dig or kdig output back into wire form (hex or raw).
    ///
    /// Reads dig-style text (what `decode`, dig and kdig print) and writes the
    /// messages in wire form: one hex line per message, or raw octets.
    #[command(after_help = help::ENCODE)]
    Encode {
        /// Compress names (the default).
        #[arg(long, overrides_with = "no_compress")]
        compress: bool,
        /// Write names uncompressed.
        #[arg(long)]
        no_compress: bool,
        /// Output format (raw takes exactly one message).
        #[arg(long, value_enum, default_value_t = OutFormat::Hex)]
        format: OutFormat,
        /// The text to read (standard input when absent).
        file: Option<PathBuf>,
    },
    /// Check a zone (master) file and print its records with absolute names.
    ///
    /// Reads $ORIGIN, $TTL, $INCLUDE, $GENERATE, relative and blank owners and
    /// records over several lines; errors give the file, line and column.
    #[command(after_help = help::ZONE)]
    Zone {
        /// The master file.
        file: PathBuf,
        /// The zone's name, for relative owners before any `$ORIGIN`.
        #[arg(long)]
        origin: Option<String>,
    },
    /// Ask a DNS server, dig style, and follow the answer's CNAME chain.
    #[command(after_help = help::QUERY)]
    Query(dnswire_cli::net::query::QueryArgs),
    /// Forward queries (UDP and TCP) to an upstream server.
    ///
    /// Each query goes upstream from a random source port under a random id;
    /// SIGUSR1 prints the counters, and so do SIGINT and SIGTERM before exit.
    #[command(after_help = help::FORWARD)]
    Forward(dnswire_cli::net::forward::ForwardArgs),
    /// Send many queries to a server; report rate, latency and losses.
    #[command(after_help = help::LOAD)]
    Load(dnswire_cli::net::load::LoadArgs),
    /// Check the codec against reference decodings of the test vectors.
    ///
    /// Decodes every message of the vectors and captures and compares it with
    /// the reference decoding beside it, re-encodes it with and without
    /// compression, and decodes it again.
    #[command(after_help = help::CONFORMANCE)]
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
    /// Print the shell completion script for SHELL.
    ///
    /// bash: save as /etc/bash_completion.d/dnswire; zsh: as _dnswire in a
    /// directory of $fpath; fish: as ~/.config/fish/completions/dnswire.fish.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page, or write one page per command into a directory.
    Manpage {
        /// Write `dnswire.1`, `dnswire-decode.1`, ... here instead.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    /// One message per line in hex.
    Hex,
    /// The message's octets.
    Raw,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Decode { format, compression, ports, files } => run_decode(format, compression, &ports, &files),
        Command::Encode { no_compress, format, file, .. } => run_encode(!no_compress, format, file.as_deref()),
        Command::Zone { file, origin } => run_zone(&file, origin.as_deref()),
        Command::Query(args) => dnswire_cli::net::query::main(args),
        Command::Forward(args) => dnswire_cli::net::forward::main(args),
        Command::Load(args) => dnswire_cli::net::load::main(args),
        Command::Conformance { dirs, extra, ports, allow } => run_conformance(dirs, extra, ports, &allow),
        Command::Completions { shell } => {
            generate::print_completions(shell, Cli::command());
            ExitCode::SUCCESS
        }
        Command::Manpage { dir } => match generate::print_manpages(Cli::command(), dir.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dnswire: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run_conformance(dirs: Vec<PathBuf>, extra: Vec<PathBuf>, ports: Vec<u16>, allow_files: &[PathBuf]) -> ExitCode {
    let mut allow = Vec::new();
    for f in allow_files {
        match std::fs::read_to_string(f) {
            Ok(text) => allow.extend(conformance::parse_allow_list(&text)),
            Err(e) => {
                eprintln!("dnswire: {}: {e}", f.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let bar = progress::FileBar::new();
    let report = conformance::run_with(&Options { dirs, extra, ports, allow }, &bar);
    bar.finish();
    emit(&report.render());
    if report.failed() == 0 && report.passed() > 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn run_decode(format: Option<Format>, compression: Compression, ports: &[u16], files: &[PathBuf]) -> ExitCode {
    let mut index = 0usize;
    for path in files {
        let name = input::display_name(path);
        let messages = match input::read_messages(path, format, compression, ports) {
            Ok(read) => {
                for note in &read.notes {
                    eprintln!("{name}: {note}");
                }
                read.messages
            }
            Err(e) => {
                eprintln!("dnswire: {name}: {e}");
                return ExitCode::FAILURE;
            }
        };
        for message in messages {
            if !emit(&format!("{}\n", decode::render(index, &message.data, message.origin.as_ref()))) {
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

fn run_encode(compress: bool, format: OutFormat, file: Option<&std::path::Path>) -> ExitCode {
    use std::io::{Read, Write};
    let mut text = String::new();
    let read = match file {
        Some(path) => std::fs::read_to_string(path).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    let name = file.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
    if let Err(e) = read {
        eprintln!("dnswire: {name}: {e}");
        return ExitCode::FAILURE;
    }
    let messages = dnswire_cli::encode::encode_text(&text, compress);
    let mut failed = false;
    let mut wires = Vec::new();
    for m in messages {
        match m {
            Ok(wire) => wires.push(wire),
            Err(e) => {
                // `FILE:LINE:COL: message`, as compilers write it.
                eprintln!("dnswire: {name}:{e}");
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    match format {
        OutFormat::Hex => {
            let out: String = wires.iter().map(|w| format!("{}\n", hexfile::encode_hex(w))).collect();
            emit(&out);
        }
        OutFormat::Raw => {
            let [wire] = wires.as_slice() else {
                eprintln!("dnswire: {name}: --format raw takes one message; the text has {}", wires.len());
                return ExitCode::FAILURE;
            };
            if std::io::stdout().lock().write_all(wire).is_err() {
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

fn run_zone(file: &std::path::Path, origin: Option<&str>) -> ExitCode {
    let origin = match origin.map(|o| dnswire::NameBuf::from_text(if o.ends_with('.') { o.to_string() } else { format!("{o}.") }.as_str())) {
        None => None,
        Some(Ok(o)) => Some(o),
        Some(Err(e)) => {
            eprintln!("dnswire: --origin {}: {e}", origin.unwrap_or(""));
            return ExitCode::FAILURE;
        }
    };
    let mut out = String::new();
    let mut count = 0usize;
    let errors = dnswire_cli::zone::read_zone(file, origin, |record, _| {
        out.push_str(&format!("{record}\n"));
        count += 1;
    });
    emit(&out);
    for e in &errors {
        eprintln!("{e}");
    }
    eprintln!("{}: {count} records, {} errors", file.display(), errors.len());
    if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
