//! Master files (RFC 1035 §5.1): `$ORIGIN`, `$TTL` (RFC 2308 §4), `$INCLUDE`,
//! owners relative to the origin, `@`, blank owners (the previous record's),
//! records over several lines in parentheses, and `;` comments. Each record is
//! read with `dnswire::text::parse_record`, so every rule the wire decoder
//! checks applies to it.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use dnswire::text::{Tokens, parse_name, parse_record, parse_ttl, record_len};
use dnswire::{NameBuf, Record, TextError};

/// How deep `$INCLUDE` may nest.
const MAX_INCLUDE_DEPTH: usize = 16;

/// What one read of a master file, with everything it includes, may cost.
/// A file on the include stack may not be included again (a cycle), and only
/// regular files are read (not `/dev/zero`, a FIFO or a directory).
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
    pub const DEFAULT: Self =
        Self { file_octets: 256 << 20, total_octets: 1 << 30, total_records: 20_000_000, includes: 10_000 };
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

/// The line (counting from 0) and column (counting from 1) of byte `offset`
/// in `text`, and the token that starts there.
fn locate(text: &str, offset: usize) -> (usize, usize, &str) {
    let offset = offset.min(text.len());
    let head = text.get(..offset).unwrap_or(text);
    let line = head.matches('\n').count();
    let column = offset - head.rfind('\n').map_or(0, |nl| nl + 1) + 1;
    let rest = text.get(offset..).unwrap_or("");
    let token = rest.split([' ', '\t', '\r', '\n']).next().unwrap_or("");
    (line, column, token)
}

/// Where a record came from.
#[derive(Clone, Debug)]
pub struct Origin<'p> {
    /// The file.
    pub file: &'p Path,
    /// The line the record starts on, counting from 1.
    pub line: usize,
}

/// The state a master file's directives change as it is read, and what the
/// read has cost so far.
struct State {
    origin: Option<NameBuf>,
    ttl: Option<u32>,
    last_ttl: u32,
    last_owner: Option<NameBuf>,
    limits: Limits,
    work: Work,
    includes: u64,
    /// The canonical paths of the files being read, outermost first.
    stack: Vec<PathBuf>,
    /// Set when a total limit is reached: nothing more is read.
    stopped: bool,
}

/// Reads the master file `path` (and the files it includes), calls `each` with
/// every record in order, and returns the errors (reading goes on after one).
/// `origin` is the zone's name, for relative owners before any `$ORIGIN`.
pub fn read_zone(path: &Path, origin: Option<NameBuf>, each: impl FnMut(&Record<'_>, Origin<'_>)) -> Vec<ZoneError> {
    read_zone_within(path, origin, Limits::DEFAULT, each).0
}

/// [`read_zone`] within `limits`, also telling the work done.
pub fn read_zone_within(
    path: &Path,
    origin: Option<NameBuf>,
    limits: Limits,
    mut each: impl FnMut(&Record<'_>, Origin<'_>),
) -> (Vec<ZoneError>, Work) {
    let mut state = State {
        origin,
        ttl: None,
        last_ttl: 0,
        last_owner: None,
        limits,
        work: Work::default(),
        includes: 0,
        stack: Vec::new(),
        stopped: false,
    };
    let mut errors = Vec::new();
    if let Err(message) = read_file(path, &mut state, &mut each, &mut errors) {
        errors.push(ZoneError { file: path.to_path_buf(), line: 0, column: 0, message });
    }
    (errors, state.work)
}

/// Reads the text of the master file `path` within the limits: refuses what is
/// not a regular file, a file already being read, and a file over the limit
/// per file (reading at most one octet more than it).
fn read_text(path: &Path, state: &mut State) -> Result<(String, Vec<usize>, PathBuf), String> {
    // Checked before opening: opening a FIFO would wait for a writer.
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    let canonical = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if state.stack.contains(&canonical) {
        return Err(format!("{}: included again while it is being read (an $INCLUDE cycle)", path.display()));
    }
    let limit = state.limits.file_octets;
    let left = state.limits.total_octets.saturating_sub(state.work.octets);
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limit.min(left).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    state.work.files += 1;
    state.work.octets = state.work.octets.saturating_add(read);
    if read > limit {
        return Err(format!("{}: larger than {limit} octets, the limit for one file: not read", path.display()));
    }
    if read > left {
        state.stopped = true;
        return Err(format!(
            "{}: reading it would pass {} octets, the limit for all files together: reading stops",
            path.display(),
            state.limits.total_octets
        ));
    }
    let (text, origins) = octets_as_text_mapped(&bytes);
    Ok((text, origins, canonical))
}

/// Reads one file; an `Err` is a problem with the file as a whole (for the
/// caller to report where the file was named).
fn read_file(
    path: &Path,
    state: &mut State,
    each: &mut dyn FnMut(&Record<'_>, Origin<'_>),
    errors: &mut Vec<ZoneError>,
) -> Result<(), String> {
    let (text, origins, canonical) = read_text(path, state)?;
    state.stack.push(canonical);
    read_records(path, &text, &origins, state, each, errors);
    state.stack.pop();
    Ok(())
}

fn read_records(
    path: &Path,
    text: &str,
    origins: &[usize],
    state: &mut State,
    each: &mut dyn FnMut(&Record<'_>, Origin<'_>),
    errors: &mut Vec<ZoneError>,
) {
    let error = |line: usize, message: String| ZoneError { file: path.to_path_buf(), line, column: 0, message };
    let mut rdata = vec![0u8; 65535];
    let mut pos = 0usize;
    let mut line = 1usize;
    while pos < text.len() && !state.stopped {
        let rest = &text[pos..];
        let len = record_len(rest);
        let entry = &rest[..len];
        let start_line = line;
        line += entry.matches('\n').count() + 1;
        pos += len + 1;
        let content = entry.trim_end();
        if content.trim_start().is_empty() || content.trim_start().starts_with(';') {
            continue;
        }
        if let Some(directive) = content.strip_prefix('$') {
            if let Err(message) = directive_line(path, directive, state, each, errors) {
                errors.push(error(start_line, message));
            }
            continue;
        }
        // A blank owner is the previous record's.
        let owned;
        let record_text = if entry.starts_with([' ', '\t']) {
            let Some(owner) = &state.last_owner else {
                errors.push(error(start_line, "a blank owner with no record before it".into()));
                continue;
            };
            owned = format!("{owner}{entry}");
            owned.as_str()
        } else {
            entry
        };
        let origin = state.origin.as_ref().map(|o| o.as_name());
        let default_ttl = state.ttl.unwrap_or(state.last_ttl);
        match parse_record(record_text, origin.as_ref(), default_ttl, &mut rdata) {
            Ok(rec) => {
                if state.work.records >= state.limits.total_records {
                    errors.push(error(
                        start_line,
                        format!("more than {} records in all: reading stops", state.limits.total_records),
                    ));
                    state.stopped = true;
                    return;
                }
                state.work.records += 1;
                state.last_ttl = rec.ttl;
                state.last_owner = Some(rec.owner.clone());
                each(&rec.record(), Origin { file: path, line: start_line });
            }
            Err(e) => {
                let shift = record_text.len() - entry.len();
                let (line_in_entry, column, token) = locate(entry, e.column.saturating_sub(shift));
                // The column in the file's octets, before escaping.
                let column = column_in_file(text, origins, pos - len - 1 + e.column.saturating_sub(shift)).unwrap_or(column);
                let hint = if e.error == TextError::RelativeName { " (give the zone's name with --origin, or $ORIGIN)" } else { "" };
                let at = if token.is_empty() { String::new() } else { format!(" at `{token}`") };
                errors.push(ZoneError {
                    file: path.to_path_buf(),
                    line: start_line + line_in_entry,
                    column,
                    message: format!("{}{at}{hint}: {}", e.reason(), entry.trim()),
                });
            }
        }
    }
}

/// A master file is octets, not UTF-8 (RFC 1035 §5.1): every octet outside
/// ASCII becomes its `\DDD` escape, which stands for the same octet in a
/// name or a character-string, so a Latin-1 TXT record reads as written.
/// After a backslash that escapes it, the octet becomes the three digits.
pub fn octets_as_text(octets: &[u8]) -> String {
    octets_as_text_mapped(octets).0
}

/// [`octets_as_text`], and for each octet of the text the offset of the
/// file's octet it stands for.
fn octets_as_text_mapped(octets: &[u8]) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(octets.len());
    let mut origins = Vec::with_capacity(octets.len());
    // Whether the octet before was a backslash that escapes this one.
    let mut escaping = false;
    for (i, &b) in octets.iter().enumerate() {
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
        origins.resize(text.len(), i);
    }
    (text, origins)
}

/// The 1-based column in the file of the text's octet at `offset`.
fn column_in_file(text: &str, origins: &[usize], offset: usize) -> Option<usize> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |nl| nl + 1);
    Some(origins.get(offset)?.checked_sub(*origins.get(line_start)?)? + 1)
}

/// `$ORIGIN name`, `$TTL ttl`, `$INCLUDE file [origin]`.
fn directive_line(
    path: &Path,
    directive: &str,
    state: &mut State,
    each: &mut dyn FnMut(&Record<'_>, Origin<'_>),
    errors: &mut Vec<ZoneError>,
) -> Result<(), String> {
    let mut tokens = Tokens::new(directive);
    let mut words = Vec::new();
    while let Some(t) = tokens.next_token().map_err(|e| e.to_string())? {
        words.push(t.text);
    }
    let name = |text: &str, origin: Option<&NameBuf>| -> Result<NameBuf, String> {
        let origin = origin.map(|o| o.as_name());
        parse_name(text, origin.as_ref()).map_err(|e| format!("{text}: {e}"))
    };
    match words.as_slice() {
        [kw, origin] if kw.eq_ignore_ascii_case("ORIGIN") => {
            state.origin = Some(name(origin, state.origin.as_ref())?);
        }
        [kw, ttl] if kw.eq_ignore_ascii_case("TTL") => {
            state.ttl = Some(parse_ttl(ttl).map_err(|e| format!("$TTL {ttl}: {e}"))?);
        }
        [kw, file, rest @ ..] if kw.eq_ignore_ascii_case("INCLUDE") && rest.len() <= 1 => {
            if state.stack.len() > MAX_INCLUDE_DEPTH {
                return Err(format!("$INCLUDE nested deeper than {MAX_INCLUDE_DEPTH}"));
            }
            if state.includes >= state.limits.includes {
                state.stopped = true;
                return Err(format!("more than {} $INCLUDE directives followed: reading stops", state.limits.includes));
            }
            state.includes += 1;
            let target = path.parent().unwrap_or(Path::new(".")).join(file);
            // The included file starts with the origin given (or the current
            // one); the including file's origin is back afterwards (RFC 1035 §5.1).
            let saved = state.origin.clone();
            if let Some(o) = rest.first() {
                state.origin = Some(name(o, state.origin.as_ref())?);
            }
            let read = read_file(&target, state, each, errors);
            state.origin = saved;
            read.map_err(|e| format!("$INCLUDE {e}"))?;
        }
        _ => return Err(format!("unknown or malformed directive ${directive}")),
    }
    Ok(())
}
