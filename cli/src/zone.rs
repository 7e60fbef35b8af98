//! Master files (RFC 1035 §5.1) read from disk with the codec's reader
//! (`dnswire::text::zone`), which reads `$ORIGIN`, `$TTL`, `$INCLUDE`,
//! `$GENERATE`, blank owners, parentheses and comments. What is left here
//! needs std: opening included files relative to the including one, the
//! limits on what a read may cost, the cycle check on canonical paths, the
//! regular-file check, and `FILE:LINE:COL` messages.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use dnswire::text::zone::{IncludeError, Includes, MAX_INCLUDE_DEPTH, ZoneReader, ZoneReason};
use dnswire::{NameBuf, Record, TextError};

/// What one read of a master file, with everything it includes, may cost.
/// A file on the include stack may not be included again (a cycle), and only
/// regular files are read (not `/dev/zero`, a FIFO or a directory). How deep
/// includes nest is the codec's `MAX_INCLUDE_DEPTH`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Octets in one file: larger files are refused, and at most one octet
    /// more than this is ever read from one.
    pub file_octets: u64,
    /// Octets in all files read, includes counted each time they are read.
    pub total_octets: u64,
    /// Records in all files read.
    pub total_records: u64,
    /// `$INCLUDE` directives followed.
    pub includes: u64,
}

impl Limits {
    /// 256 MiB per file (well over the root zone's 2 MB and most TLDs'
    /// signed zones), 1 GiB and 20 million records in all, 10,000 includes.
    pub const DEFAULT: Self = Self { file_octets: 256 << 20, total_octets: 1 << 30, total_records: 20_000_000, includes: 10_000 };
}

/// The work a read did, for its caller and for tests that check it stays
/// bounded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Files opened and read (an include read twice counts twice).
    pub files: u64,
    /// Octets read from them.
    pub octets: u64,
    /// Records handed to the caller.
    pub records: u64,
}

/// A problem in a master file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneError {
    /// The file.
    pub file: PathBuf,
    /// The line, counting from 1.
    pub line: usize,
    /// The column of the token at fault, counting octets from 1 (0 when the
    /// problem is the whole line or file).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ZoneError {
    /// `FILE:LINE:COL: message`, as compilers write it (`FILE:LINE:` when
    /// there is no column).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:", self.file.display(), self.line)?;
        if self.column > 0 {
            write!(f, "{}:", self.column)?;
        }
        write!(f, " {}", self.message)
    }
}

/// Where a record came from.
#[derive(Clone, Debug)]
pub struct Origin<'p> {
    /// The file.
    pub file: &'p Path,
    /// The line the record starts on, counting from 1.
    pub line: usize,
}

/// The text of one statement, written out, may take this many octets (four
/// for an octet outside ASCII): far more than the longest RDATA in hex.
const TEXT_OCTETS: usize = 1 << 20;

/// Opens the files a master file includes, within the limits, and keeps
/// what the read cost.
struct Files {
    limits: Limits,
    work: Work,
    includes: u64,
    /// The files being read, outermost first: as named, and canonical.
    stack: Vec<(PathBuf, PathBuf)>,
    /// Set when a total limit is reached: nothing more is read.
    stopped: bool,
    /// Why the last include was refused.
    refused: String,
}

impl Files {
    /// The file being read.
    fn current(&self) -> &Path {
        self.stack.last().map_or(Path::new(""), |(path, _)| path)
    }

    /// Reads the master file `path` within the limits: refuses what is not
    /// a regular file, a file already being read, and a file over the limit
    /// per file (reading at most one octet more than it). Pushes it on the
    /// stack.
    fn read(&mut self, path: &Path) -> Result<Vec<u8>, (IncludeError, String)> {
        let failed = |e: std::io::Error| {
            let kind = if e.kind() == std::io::ErrorKind::NotFound { IncludeError::NotFound } else { IncludeError::Refused };
            (kind, format!("{}: {e}", path.display()))
        };
        // Checked before opening: opening a FIFO would wait for a writer.
        let meta = std::fs::metadata(path).map_err(failed)?;
        if !meta.is_file() {
            return Err((IncludeError::Refused, format!("{}: not a regular file", path.display())));
        }
        let canonical = std::fs::canonicalize(path).map_err(failed)?;
        if self.stack.iter().any(|(_, c)| *c == canonical) {
            return Err((IncludeError::Cycle, format!("{}: included again while it is being read (an $INCLUDE cycle)", path.display())));
        }
        let limit = self.limits.file_octets;
        let left = self.limits.total_octets.saturating_sub(self.work.octets);
        let file = std::fs::File::open(path).map_err(failed)?;
        let mut bytes = Vec::new();
        file.take(limit.min(left).saturating_add(1)).read_to_end(&mut bytes).map_err(failed)?;
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        self.work.files += 1;
        self.work.octets = self.work.octets.saturating_add(read);
        if read > limit {
            return Err((IncludeError::Refused, format!("{}: larger than {limit} octets, the limit for one file: not read", path.display())));
        }
        if read > left {
            self.stopped = true;
            let total = self.limits.total_octets;
            return Err((
                IncludeError::Refused,
                format!("{}: reading it would pass {total} octets, the limit for all files together: reading stops", path.display()),
            ));
        }
        self.stack.push((path.to_path_buf(), canonical));
        Ok(bytes)
    }
}

impl Includes for Files {
    type File = Vec<u8>;

    /// `name` relative to the directory of the file including it.
    fn open(&mut self, name: &str, _depth: usize) -> Result<Vec<u8>, IncludeError> {
        if self.includes >= self.limits.includes {
            self.stopped = true;
            self.refused = format!("more than {} $INCLUDE directives followed: reading stops", self.limits.includes);
            return Err(IncludeError::Refused);
        }
        self.includes += 1;
        let target = self.current().parent().unwrap_or(Path::new(".")).join(name);
        self.read(&target).map_err(|(kind, message)| {
            self.refused = format!("$INCLUDE {message}");
            kind
        })
    }

    fn close(&mut self, _file: Vec<u8>) {
        self.stack.pop();
    }
}

/// Reads the master file `path` (and the files it includes), calls `each` with
/// every record in order, and returns the errors (reading goes on after one).
/// `origin` is the zone's name, for relative owners before any `$ORIGIN`.
pub fn read_zone(path: &Path, origin: Option<NameBuf>, each: impl FnMut(&Record<'_>, Origin<'_>)) -> Vec<ZoneError> {
    read_zone_within(path, origin, Limits::DEFAULT, each).0
}

/// [`read_zone`] within `limits`, also telling the work done.
// Kept out of line: profiles can then measure the read alone
// (`valgrind --toggle-collect=dnswire_cli::zone::read_zone_within*`).
#[inline(never)]
pub fn read_zone_within(
    path: &Path,
    origin: Option<NameBuf>,
    limits: Limits,
    mut each: impl FnMut(&Record<'_>, Origin<'_>),
) -> (Vec<ZoneError>, Work) {
    let mut files = Files { limits, work: Work::default(), includes: 0, stack: Vec::new(), stopped: false, refused: String::new() };
    let first = match files.read(path) {
        Ok(first) => first,
        Err((_, message)) => {
            return (vec![ZoneError { file: path.to_path_buf(), line: 0, column: 0, message }], files.work);
        }
    };
    let mut text = vec![0u8; TEXT_OCTETS];
    let mut rdata = vec![0u8; 65535];
    let mut reader = ZoneReader::new(first, files, &mut text);
    if let Some(origin) = origin {
        reader = reader.with_origin(origin);
    }
    let mut errors = Vec::new();
    let mut records = 0u64;
    while let Some(read) = reader.next_record(&mut rdata) {
        let file = reader.includes().current();
        match read {
            Ok(read) => {
                let line = usize::try_from(read.line).unwrap_or(usize::MAX);
                if records >= limits.total_records {
                    let message = format!("more than {} records in all: reading stops", limits.total_records);
                    errors.push(ZoneError { file: file.to_path_buf(), line, column: 0, message });
                    break;
                }
                records += 1;
                each(&read.record.record(), Origin { file, line });
            }
            Err(e) => {
                errors.push(located_error(&reader, e));
                if reader.includes().stopped {
                    break;
                }
            }
        }
    }
    let mut work = reader.includes().work.clone();
    work.records = records;
    (errors, work)
}

/// The codec's error, with the file, the token at fault and the statement.
fn located_error(reader: &ZoneReader<'_, Files>, e: dnswire::text::zone::ZoneError) -> ZoneError {
    let file = reader.includes().current().to_path_buf();
    let (line, column) = (usize::try_from(e.line).unwrap_or(usize::MAX), usize::try_from(e.column).unwrap_or(usize::MAX));
    let message = match e.reason {
        ZoneReason::Include(_) => reader.includes().refused.clone(),
        ZoneReason::IncludeTooDeep => format!("$INCLUDE nested deeper than {MAX_INCLUDE_DEPTH}"),
        reason => {
            let (first_line, statement) = reader.statement();
            let token = statement
                .split(|&b| b == b'\n')
                .nth(usize::try_from(e.line.saturating_sub(first_line)).unwrap_or(usize::MAX))
                .and_then(|l| l.get(column.saturating_sub(1)..))
                .map(|rest| rest.split(|b| b" \t\r".contains(b)).next().unwrap_or(&[]))
                .map(octets_as_text)
                .unwrap_or_default();
            let relative = matches!(reason, ZoneReason::Text(t) if t.error == TextError::RelativeName);
            let hint = if relative { " (give the zone's name with --origin, or $ORIGIN)" } else { "" };
            let at = if token.is_empty() { String::new() } else { format!(" at `{token}`") };
            format!("{reason}{at}{hint}: {}", octets_as_text(statement).trim())
        }
    };
    ZoneError { file, line, column, message }
}

/// A master file is octets, not UTF-8 (RFC 1035 §5.1): every octet outside
/// ASCII becomes its `\DDD` escape, which stands for the same octet in a
/// name or a character-string, as the codec's reader reads it. After a
/// backslash that escapes it, the octet becomes the three digits.
pub fn octets_as_text(octets: &[u8]) -> String {
    let mut text = String::with_capacity(octets.len());
    // Whether the octet before was a backslash that escapes this one.
    let mut escaping = false;
    for &b in octets {
        if b.is_ascii() {
            text.push(char::from(b));
            escaping = b == b'\\' && !escaping;
        } else {
            if !escaping {
                text.push('\\');
            }
            text.push_str(&format!("{b:03}"));
            escaping = false;
        }
    }
    text
}
