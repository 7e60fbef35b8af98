//! `$INCLUDE` (RFC 1035 §5.1): the reader does not open files; its caller
//! does, through [`Includes`], and hands back the included file's octets.

use core::fmt;
use core::marker::PhantomData;

/// How deep `$INCLUDE` may nest below the file reading starts with, unless
/// the reader is given another depth: the reader keeps a fixed stack of that
/// many files and the first. An include one deeper is
/// [`ZoneReason::IncludeTooDeep`](super::ZoneReason::IncludeTooDeep).
pub const MAX_INCLUDE_DEPTH: usize = 8;

/// Why the caller could not give an included file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IncludeError {
    /// This reader takes no includes ([`NoIncludes`]).
    NotAllowed,
    /// No such file.
    NotFound,
    /// The file is already being read: including it again would not end.
    Cycle,
    /// The caller refused it (not a regular file, over a size limit...).
    Refused,
}

impl fmt::Display for IncludeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotAllowed => "$INCLUDE is not allowed here",
            Self::NotFound => "no such file",
            Self::Cycle => "included again while it is being read (an $INCLUDE cycle)",
            Self::Refused => "refused",
        })
    }
}

/// What the reader asks its caller for when a master file says
/// `$INCLUDE file [origin]`.
pub trait Includes {
    /// The octets of one file (`&[u8]` for a file in memory, `Vec<u8>` for
    /// one read from disk).
    type File: AsRef<[u8]>;

    /// The file `name` (the token as written, quotes removed, escapes kept),
    /// included from the file being read, which is `depth` deep (1 for the
    /// first file).
    ///
    /// # Errors
    /// An [`IncludeError`] saying why the file cannot be given; the reader
    /// reports it at the `$INCLUDE` line.
    fn open(&mut self, name: &str, depth: usize) -> Result<Self::File, IncludeError>;

    /// The reader is done with a file `open` gave: the caller may forget
    /// it (a cycle check pops it off its own stack).
    fn close(&mut self, file: Self::File) {
        let _ = file;
    }
}

/// A reader without includes: every `$INCLUDE` is
/// [`IncludeError::NotAllowed`].
#[derive(Clone, Copy, Debug, Default)]
pub struct NoIncludes<'a>(PhantomData<&'a [u8]>);

impl NoIncludes<'_> {
    /// No includes.
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<'a> Includes for NoIncludes<'a> {
    type File = &'a [u8];

    fn open(&mut self, _name: &str, _depth: usize) -> Result<&'a [u8], IncludeError> {
        Err(IncludeError::NotAllowed)
    }
}
