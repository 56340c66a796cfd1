//! `tandem serve`: a real HTTP server (axum on tokio) for the site in memory, with
//! live reload over Server-Sent Events on the same port and an overlay that shows
//! the content's errors and warnings in the browser, and the editor that writes diary
//! entries from the browser (`editor/`).

pub(crate) mod csp;
pub(crate) mod editor;
pub(crate) mod guard;
pub(crate) mod http;
mod livereload;
mod overlay;
