//! One thin function per command; each returns the process exit status.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod watch;

/// Exit status: success (warnings allowed unless `--strict`).
pub const OK: i32 = 0;
/// Exit status: the content has errors.
pub const CONTENT_ERROR: i32 = 1;
/// Exit status: the command line or the environment is wrong (bad flag, foreign output folder).
pub const USAGE_ERROR: i32 = 2;

use crate::cli::ContentArgs;
use crate::content::Visible;
use std::io::IsTerminal;

pub fn visible(c: &ContentArgs) -> Visible {
    Visible {
        drafts: c.drafts,
        private: c.private,
    }
}

/// A missing content folder is a usage error, explained.
pub fn check_content_dir(c: &ContentArgs) -> Result<(), i32> {
    if c.content.is_dir() {
        return Ok(());
    }
    eprintln!(
        "error: the content folder `{}` does not exist\n  help: run tandem in the folder that contains `content/`, pass `--content DIR`, or create a new programme with `tandem init DIR`",
        c.content.display()
    );
    Err(USAGE_ERROR)
}

pub fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
