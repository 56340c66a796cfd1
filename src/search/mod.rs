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
//! [`SearchCache`], which assembles the bundle. A single build, which keeps nothing,
//! splits the records' [`sources`] instead ([`plan_sources`]) and makes each index's
//! records only when it makes the index: at 10,000 entries the texts and fields of
//! the indexes not yet made are not held (about 55 MiB less at the build's peak).

use crate::content::Language;
use crate::diagnostics::Diagnostic;
use std::sync::Arc;
use tandem_pagefind::Page;

mod cache;
mod records;
mod shards;
mod text;

pub(crate) use crate::site::urls::BUNDLE_DIR;
pub use cache::{BundleFiles, SearchCache};
pub(crate) use records::{kinds, FilterNames};
pub use records::{records, records_of, sources, Record, Source};
pub use shards::{plan, plan_sources, Layout, Records, Shard};
pub use text::{text_of, TextCache};

/// Starts making Pagefind's browser code for `language` on a thread of its own, so
/// that a build does not wait for it later.
pub(crate) fn prepare_scripts(language: Language) {
    tandem_pagefind::prepare(language.into());
}

/// The language of a programme, as the index writer takes it.
impl From<Language> for tandem_pagefind::Language {
    fn from(language: Language) -> Self {
        match language {
            Language::De => tandem_pagefind::Language::De,
            Language::En => tandem_pagefind::Language::En,
        }
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

/// Makes the records of an index planned by [`plan_sources`].
pub type RecordMaker<'a> = &'a (dyn Fn(&[Source]) -> Vec<Record> + Sync);

/// Builds these indexes with every core (`Fast`) or on one thread at low priority
/// (`Background`). The records of an index planned by [`plan_sources`] are made by
/// `maker` when the index is, and freed with it (without a maker, such an index has
/// no records).
pub fn make_indexes(
    shards: Vec<Shard>,
    language: Language,
    pace: Pace,
    maker: Option<RecordMaker>,
) -> Result<Vec<(String, u64, BundleFiles)>, Diagnostic> {
    let fault = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            "search index",
            crate::text!(
                "Der Suchindex konnte nicht erstellt werden: {e}",
                "the search index could not be built: {e}"
            ),
        )
        .with_help(crate::text!(
            "Das ist ein Fehler in tandem. Bitte melden Sie ihn zusammen mit dem Inhalt, der ihn auslöst.",
            "this is a fault in tandem; please report it with the content that causes it"
        ))
    };
    let make = || {
        let mut out = Vec::new();
        // One index at a time, on every core: its pages are split into words on all
        // of them while it merges. Two at a time took as long and held more memory
        // (at 10,000 entries 400 instead of 345 MiB for the whole build).
        for shard in shards {
            let first = shard.dir == BUNDLE_DIR;
            let records = match (shard.records, maker) {
                (Records::Made(records), _) => records,
                (Records::Later(sources), Some(make)) => make(&sources),
                (Records::Later(_), None) => Vec::new(),
            };
            let pages: Vec<Page> = records.iter().map(Record::page).collect();
            let files = tandem_pagefind::write(
                &pages,
                language.into(),
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
