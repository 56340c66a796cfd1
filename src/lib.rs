// Content problems travel as `Result<_, Diagnostic>`; they are rare and reported
// once, so their size does not matter.
#![allow(clippy::result_large_err)]

//! tandem: a static site generator for reverse-mentoring programmes.
//!
//! The pipeline, one stage per module:
//! content folder ─[`content::load`]→ [`content::Programme`] ─[`site::index`]→ [`site::Site`]
//! ─[`render::render_all`] and [`search::make_indexes`]→ pages in memory ─[`output::write_site`]→ output folder.
//! Every stage adds to one list of [`diagnostics::Diagnostics`].

pub mod build;
pub mod cli;
pub mod commands;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod i18n;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod timings;
pub mod watch;
