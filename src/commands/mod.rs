//! One thin function per command; each returns `Ok(())` or the [`Error`] that stopped
//! it, which `main` prints and turns into the exit status. What a command has to say
//! on the way (progress, the list of content problems) it prints itself.

mod build;
mod check;
mod new;
mod serve;
pub mod start;
mod terminal;
mod watch;

use crate::cli::{Cli, Command, ContentArgs};
use crate::content::Visible;
pub(crate) use crate::error::Error;
use terminal::color;

/// Runs the command the command line names.
pub fn run(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Build(a) => {
            crate::memory::keep_freed_memory();
            build::run(a)
        }
        Command::Check(a) => check::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Watch(a) => watch::run(a),
        Command::New(n) => new::run_new(n),
        Command::Init(a) => new::run_init(a),
    }
}

pub(crate) fn visible(c: &ContentArgs) -> Visible {
    Visible {
        drafts: c.drafts,
        private: c.private,
    }
}

/// A missing content folder is a usage error, explained.
pub(crate) fn check_content_dir(c: &ContentArgs) -> Result<(), Error> {
    if c.content.is_dir() {
        Ok(())
    } else {
        Err(Error::NoContent(c.content.clone()))
    }
}
