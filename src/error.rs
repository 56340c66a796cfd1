//! What stops a command: a wrong command line, a folder tandem may not write, a file
//! it cannot create, a port it cannot listen on, content with errors. Problems *in*
//! the content, with their file, line and column, are [`crate::diagnostics`]'s; a
//! command reports those itself and then fails with [`Error::Content`].
//!
//! Commands return `Result<(), Error>`. Only `main` prints an error, once, with
//! [`Error::report`], and ends the process with [`Error::exit_code`]. Code below the
//! commands reports through values and never prints.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Exit status: success (warnings allowed unless `--strict`).
pub const OK: i32 = 0;
/// Exit status: the content has errors (or a file could not be written).
pub(crate) const CONTENT_ERROR: i32 = 1;
/// Exit status: the command line or the environment is wrong (bad flag, foreign output folder).
pub const USAGE_ERROR: i32 = 2;

#[derive(Debug)]
pub enum Error {
    /// The content folder does not exist.
    NoContent(PathBuf),
    /// The folder has no program.yaml.
    NotAProgramme(PathBuf),
    /// An argument that cannot be used, with what to do instead.
    BadArgument {
        problem: String,
        help: Option<String>,
    },
    /// The output folder exists, is not empty and was not written by tandem.
    ForeignOutput(PathBuf),
    /// The output folder is the content folder or holds it: writing there would
    /// destroy the content.
    OutputHoldsContent(PathBuf),
    /// The output folder cannot be read to tell whose it is.
    UnreadableOutput(PathBuf, io::Error),
    /// `tandem init` was given a folder that is not empty.
    NotEmpty(PathBuf),
    /// `tandem new` or `tandem init` would overwrite this file.
    Exists(PathBuf),
    /// A file or folder could not be created.
    Create(PathBuf, io::Error),
    /// A file could not be written.
    Write(PathBuf, io::Error),
    /// The content has errors, already reported as diagnostics by the command, in the
    /// programme's language, with what became of the output folder.
    Content,
    /// The new site could not be written beside the output; the output is unchanged.
    Unwritten { out: PathBuf, source: io::Error },
    /// The new site was written but could not take the output's place.
    NotSwapped { out: PathBuf, source: io::Error },
    /// `watch` or `serve --output` could not bring the output folder up to date.
    Update { out: PathBuf, source: io::Error },
    /// The content folder cannot be watched for changes; `poll_helps` when watching by
    /// polling might work instead.
    Watch {
        content: PathBuf,
        source: notify::Error,
        poll_helps: bool,
    },
    /// The web server of `tandem serve` could not start, or stopped.
    Server(ServerError),
}

#[derive(Debug)]
pub enum ServerError {
    /// The runtime of the web server could not be started.
    Runtime(io::Error),
    /// The address given with `--bind` cannot be listened on.
    Listen { addr: SocketAddr, source: io::Error },
    /// The port and the 19 after it are taken; the error of the last try.
    PortsInUse {
        first: u16,
        last: u16,
        source: Option<io::Error>,
    },
    /// The address the server listens on cannot be told.
    Address(io::Error),
    /// The web server stopped with an error.
    Stopped(io::Error),
}

impl From<ServerError> for Error {
    fn from(e: ServerError) -> Self {
        Error::Server(e)
    }
}

impl Error {
    /// The process's exit status for this error.
    pub fn exit_code(&self) -> i32 {
        use Error::*;
        match self {
            Content
            | Exists(_)
            | Create(..)
            | Write(..)
            | Unwritten { .. }
            | NotSwapped { .. }
            | Update { .. } => CONTENT_ERROR,
            NoContent(_)
            | NotAProgramme(_)
            | BadArgument { .. }
            | ForeignOutput(_)
            | OutputHoldsContent(_)
            | UnreadableOutput(..)
            | NotEmpty(_)
            | Watch { .. }
            | Server(_) => USAGE_ERROR,
        }
    }

    /// What `main` prints on stderr: `error: …` with the message, except for content
    /// errors, which the command reported already.
    pub fn report(&self) -> Option<String> {
        match self {
            Error::Content => None,
            _ => Some(format!("error: {self}")),
        }
    }
}

impl fmt::Display for Error {
    /// What went wrong, and on a line of its own what helps, as a content problem's
    /// help is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem(f)?;
        match self.help() {
            Some(help) => write!(f, "\n  help: {help}"),
            None => Ok(()),
        }
    }
}

impl Error {
    fn problem(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Error::*;
        match self {
            NoContent(dir) => write!(f, "the content folder `{}` does not exist", dir.display()),
            NotAProgramme(dir) => write!(
                f,
                "`{}` is not a programme folder (it has no program.yaml)",
                dir.display()
            ),
            BadArgument { problem, .. } => f.write_str(problem),
            ForeignOutput(out) => write!(
                f,
                "the output folder `{}` already holds files that tandem did not write, so it is left alone.",
                out.display()
            ),
            OutputHoldsContent(out) => write!(
                f,
                "the output folder `{}` contains the content folder; writing there would replace your content.",
                out.display()
            ),
            UnreadableOutput(out, e) => {
                write!(f, "cannot read the output folder `{}`: {e}", out.display())
            }
            NotEmpty(dir) => write!(
                f,
                "`{}` already exists and is not empty; tandem never overwrites files",
                dir.display()
            ),
            Exists(path) => write!(
                f,
                "`{}` already exists; tandem never overwrites a file",
                path.display()
            ),
            Create(path, e) => write!(f, "cannot create `{}`: {e}", path.display()),
            Write(path, e) => write!(f, "cannot write `{}`: {e}", path.display()),
            Content => f.write_str("the content has errors"),
            Unwritten { out, source } => write!(
                f,
                "the site could not be written ({source}); the previous output in `{}` is unchanged",
                out.display()
            ),
            NotSwapped { out, source } => {
                write!(f, "the new site could not replace `{}`: {source}", out.display())
            }
            Update { out, source } => {
                write!(f, "cannot update the output folder {}: {source}", out.display())
            }
            Watch {
                content, source, ..
            } => write!(f, "cannot watch {}: {source}", content.display()),
            Server(e) => e.problem(f),
        }
    }

    /// What to do about it, when there is something to say.
    fn help(&self) -> Option<&str> {
        use Error::*;
        Some(match self {
            NoContent(_) => "run tandem in the folder that contains `content/`, pass `--content DIR`, or create a new programme with `tandem init DIR`",
            NotAProgramme(_) => "pass `--content DIR`, or start a new programme with `tandem init DIR`",
            BadArgument { help, .. } => return help.as_deref(),
            ForeignOutput(_) => "choose another folder with `--output DIR`, or empty or delete this one first",
            OutputHoldsContent(_) => "choose another folder with `--output DIR`",
            NotEmpty(_) => "choose a new folder name",
            Exists(_) => "choose another title or date, or edit the existing file",
            Watch {
                poll_helps: true, ..
            } => "try `--poll` (for network drives and WSL)",
            Server(e) => return e.help(),
            _ => return None,
        })
    }
}

impl ServerError {
    fn problem(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ServerError::*;
        match self {
            Runtime(e) => write!(f, "cannot start the web server: {e}"),
            Listen { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            PortsInUse {
                first,
                last,
                source,
            } => {
                let source = source.as_ref().map(|e| e.to_string()).unwrap_or_default();
                write!(f, "ports {first} to {last} are all in use ({source})")
            }
            Address(e) => write!(f, "{e}"),
            Stopped(e) => write!(f, "the web server stopped: {e}"),
        }
    }

    fn help(&self) -> Option<&str> {
        match self {
            ServerError::Listen { .. } => {
                Some("check the address given with --bind (e.g. 127.0.0.1 or ::1)")
            }
            ServerError::PortsInUse { .. } => Some("choose another port with --port"),
            _ => None,
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_errors_are_reported_by_the_command_not_again() {
        assert_eq!(Error::Content.report(), None);
        assert_eq!(Error::Content.exit_code(), CONTENT_ERROR);
    }

    #[test]
    fn usage_errors_say_error_and_what_helps() {
        let e = Error::BadArgument {
            problem: "the title has no letters".into(),
            help: Some("give another".into()),
        };
        assert_eq!(
            e.report().as_deref(),
            Some("error: the title has no letters\n  help: give another")
        );
        assert_eq!(e.exit_code(), USAGE_ERROR);
        assert_eq!(Error::Exists("x.md".into()).exit_code(), CONTENT_ERROR);
    }
}
