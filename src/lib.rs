// Content problems travel as `Result<_, Diagnostic>`; they are rare and reported
// once, so their size does not matter.
#![allow(clippy::result_large_err)]

//! tandem: a static site generator for reverse-mentoring programmes.
//!
//! content folder ─[`content::load`]→ [`content::Programme`] ─[`site::index`]→ [`site::Site`]
//! ─render and search index→ pages ─write→ output folder, one stage per module and
//! [`build::run`] the whole pipeline. docs/architecture.md maps the modules and the
//! layers they keep to.

// The public modules are what the binary, the tests, the examples and the fuzz targets
// use; everything else is the crate's own (`unreachable_pub` keeps it so).
pub mod build;
pub mod cli;
pub mod commands;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod language;
pub mod markdown;
pub mod render;
pub mod search;
pub mod site;

mod i18n;
mod memory;
mod output;
mod serve;
mod timings;
mod watch;
