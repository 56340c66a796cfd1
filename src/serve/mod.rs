//! `tandem serve`: a real HTTP server (axum on tokio) for the site in memory, with
//! live reload over Server-Sent Events on the same port and an overlay that shows
//! the content's errors and warnings in the browser.

pub(crate) mod csp;
pub(crate) mod guard;
pub(crate) mod http;
mod livereload;
mod overlay;
