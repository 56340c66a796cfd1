//! Why an index could not be written.

use std::fmt;

/// Pagefind's browser code could not be made (the only part of writing an index
/// that can fail).
#[derive(Debug)]
pub enum Error {
    /// No runtime to run Pagefind's indexer on.
    Runtime(std::io::Error),
    /// Pagefind's indexer failed; its message.
    Pagefind(String),
    /// Pagefind's entry file is not JSON.
    Entry(serde_json::Error),
    /// Pagefind's entry file names no version.
    NoVersion,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Runtime(e) => write!(f, "{e}"),
            Error::Pagefind(message) => f.write_str(message),
            Error::Entry(e) => write!(f, "{e}"),
            Error::NoVersion => f.write_str("Pagefind wrote no version"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Runtime(e) => Some(e),
            Error::Entry(e) => Some(e),
            Error::Pagefind(_) | Error::NoVersion => None,
        }
    }
}
