//! One thin function per command; each returns `Ok(())` or the [`Error`] that stopped
//! it, which `main` prints and turns into the exit status. What a command has to say
//! on the way (progress, the list of content problems) it prints itself.

mod access;
mod annotations;
mod build;
mod check;
mod new;
mod serve;
pub mod start;
mod terminal;
mod watch;

use crate::cli::{Cli, Command, ContentArgs, NewCommand};
use crate::content::Visible;
pub(crate) use crate::error::Error;
use crate::language::Language;
use terminal::color;

/// The language `main` reports a command's error in: the programme's, as its
/// program.yaml says, else German.
pub fn language(cli: &Cli) -> Language {
    let content = match &cli.command {
        Command::Build(a) => Some(&a.content.content),
        Command::Check(a) => Some(&a.content.content),
        Command::Serve(a) => Some(&a.content.content),
        Command::Watch(a) => Some(&a.content.content),
        Command::New(
            NewCommand::Entry { content, .. }
            | NewCommand::Tandem { content, .. }
            | NewCommand::Cohort { content, .. },
        ) => Some(content),
        Command::Init(_) => None,
        Command::Access(a) => Some(&a.content),
    };
    content.map_or(Language::De, |c| terminal::language(None, c))
}

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
        Command::Access(a) => access::run(a),
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
