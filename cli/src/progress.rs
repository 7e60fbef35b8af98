//! A progress bar for long runs, drawn on standard error only when it is a
//! terminal: piped or redirected, the output stays what it was.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::conformance::Progress;

/// Files done out of the total, with the current file's name.
pub struct FileBar {
    bar: Option<ProgressBar>,
}

impl FileBar {
    /// A bar on standard error if it is a terminal, else nothing.
    pub fn new() -> Self {
        Self::shown(std::io::stderr().is_terminal())
    }

    /// A bar when `shown`, else one that does nothing.
    pub fn shown(shown: bool) -> Self {
        let bar = shown.then(|| {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template("{elapsed:>4} [{bar:30}] {pos}/{len} files  {wide_msg}")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Self { bar }
    }

    /// Whether a bar is drawn.
    pub fn is_shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Clears the bar, so the report starts on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Default for FileBar {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for FileBar {
    fn files(&self, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
        }
    }

    fn file_done(&self, source: &Path) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        }
    }
}
