//! One thin function per command; each returns `Ok(())` or the [`Error`] that stopped
//! it, which `main` prints and turns into the exit status. What a command has to say
//! on the way (progress, the list of content problems) it prints itself.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod terminal;
pub mod watch;

pub use crate::error::{Error, CONTENT_ERROR, OK, USAGE_ERROR};
pub use terminal::color;

use crate::cli::ContentArgs;
use crate::content::Visible;

pub fn visible(c: &ContentArgs) -> Visible {
    Visible {
        drafts: c.drafts,
        private: c.private,
    }
}

/// A missing content folder is a usage error, explained.
pub fn check_content_dir(c: &ContentArgs) -> Result<(), Error> {
    if c.content.is_dir() {
        Ok(())
    } else {
        Err(Error::NoContent(c.content.clone()))
    }
}
