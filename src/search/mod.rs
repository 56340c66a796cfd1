//! The search index: every published entry and docs page becomes one Pagefind record
//! (plain text, title, tandem, cohort, date; filters by cohort, tandem, topic and
//! kind), and the crate `tandem_pagefind` writes the chunked index in Pagefind's
//! format, with Pagefind's browser code, under `pagefind/`. Private and draft entries
//! never get here: only pages of this build are indexed.
//!
//! A large programme gets several indexes; each is kept between rebuilds and made
//! again only when one of its records changed.
//!
//! The way through: [`text_of`] makes a rendered page's text, [`records`] the records,
//! [`plan`] splits them into indexes, [`make_indexes`] writes those not kept in the
//! [`SearchCache`], which assembles the bundle.

use crate::content::Language;
use crate::diagnostics::Diagnostic;
use std::sync::Arc;
use tandem_pagefind::Page;

mod cache;
mod records;
mod shards;
mod text;

pub use crate::site::urls::BUNDLE_DIR;
pub use cache::{BundleFiles, SearchCache, SHARDS_FILE};
pub use records::{records, FilterNames, Record};
pub use shards::{plan, Layout, Shard, SHARD_RECORDS};
pub use text::{text_of, TextCache};

/// Starts making Pagefind's browser code for `language` on a thread of its own, so
/// that a build does not wait for it later.
pub fn prepare_scripts(language: Language) {
    tandem_pagefind::prepare(index_language(language));
}

/// The language of a programme, as the index writer takes it.
fn index_language(language: Language) -> tandem_pagefind::Language {
    match language {
        Language::De => tandem_pagefind::Language::De,
        Language::En => tandem_pagefind::Language::En,
    }
}

/// At most this many fragment files per index (see
/// [`tandem_pagefind::MAX_FRAGMENT_FILES`]).
/// `TANDEM_SEARCH_FRAGMENT_FILES` sets another number (for tests and tuning).
fn fragment_files() -> usize {
    count_from_env(
        "TANDEM_SEARCH_FRAGMENT_FILES",
        tandem_pagefind::MAX_FRAGMENT_FILES,
    )
}

/// A number of at least one from the environment variable `name`, else `default`.
fn count_from_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(1)
}

/// How indexes are made: `Fast` uses every core; `Background` (for the preview) one
/// thread at low priority, so that rebuilding pages after the next edit is not slowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Fast,
    Background,
}

/// Builds these indexes with every core (`Fast`) or on one thread at low priority
/// (`Background`).
pub fn make_indexes(
    shards: Vec<Shard>,
    language: Language,
    pace: Pace,
) -> Result<Vec<(String, u64, BundleFiles)>, Diagnostic> {
    let fault = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            "search index",
            format!("the search index could not be built: {e}"),
        )
        .with_help("this is a fault in tandem; please report it with the content that causes it")
    };
    let make = || {
        let mut out = Vec::new();
        // One index at a time, on every core: its pages are split into words on all
        // of them while it merges. Two at a time took as long and held more memory
        // (at 10,000 entries 400 instead of 345 MiB for the whole build).
        for shard in shards {
            let first = shard.dir == BUNDLE_DIR;
            let pages: Vec<Page> = shard.records.iter().map(Record::page).collect();
            let files = tandem_pagefind::write(
                &pages,
                index_language(language),
                &shard.dir,
                first,
                Some(fragment_files()),
            )
            .map_err(|e| fault(&e))?;
            out.push((shard.dir, shard.key, Arc::new(files)));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    };
    match pace {
        Pace::Fast => make(),
        Pace::Background => rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| lower_priority())
            .build()
            .map_err(|e| fault(&e))?
            .install(make),
    }
}

/// Lets every other thread of the machine go first (Linux gives each thread its own
/// priority).
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority only reads its arguments; 0 is the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 15);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pagefind's files and ours for these records are the same, both with one
    /// fragment file per page and with fragments bundled into files.
    fn assert_same(records: &[Record], language: Language) {
        let pages: Vec<Page> = records.iter().map(Record::page).collect();
        tandem_pagefind::reference::assert_same(&pages, index_language(language));
    }

    #[test]
    fn same_bytes_as_pagefind_for_the_sample_programme() {
        use crate::content::{load, Visible};
        use crate::diagnostics::Diagnostics;
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (prog, _) = load::load(&content, Visible::default(), &[]);
        let prog = prog.expect("the sample loads");
        let lang = prog.meta.language;
        let theme = crate::render::templates::load(prog.theme_dir.as_deref(), &content, lang)
            .unwrap_or_else(|_| panic!("the theme loads"));
        let site = crate::site::index(prog, None, &mut Diagnostics::default());
        let records = records(&site, &theme.strings, &mut Default::default());
        assert!(records.len() > 20);
        assert_same(&records, lang);
    }
}
