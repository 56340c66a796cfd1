//! A large programme's records split into several indexes, each made again only
//! when one of its records changed.

use super::{count_from_env, Record, Source, BUNDLE_DIR};
use crate::content::Language;
use std::hash::{BuildHasher, Hash, Hasher};

/// Records per index. A large programme gets several indexes, searched together in
/// the browser: an edit re-indexes only the index its tandem is in (about a second
/// for 5,000 entries, in the background), and memory stays bounded. A query loads a
/// little of every index (its part of the page list and of the word's entries), so
/// fewer, larger indexes mean fewer requests.
/// `TANDEM_SEARCH_SHARD_RECORDS` sets another number (for tests and tuning).
pub(crate) const SHARD_RECORDS: usize = 5_000;

fn shard_records() -> usize {
    count_from_env("TANDEM_SEARCH_SHARD_RECORDS", SHARD_RECORDS)
}

/// One index of the bundle: the records of some tandems.
pub struct Shard {
    /// Folder below the site root: `pagefind` for the first, `pagefind/shard-2`, …
    pub dir: String,
    /// Same records, same key: the index is made again only when this changes.
    pub key: u64,
    pub records: Records,
}

/// What an index is made of: its records, or (a single build, see [`plan_sources`])
/// the sources of the records to make when the index is made.
pub enum Records {
    Made(Vec<Record>),
    Later(Vec<Source>),
}

/// Which indexes the bundle has and what each is made from.
pub type Layout = Vec<(String, u64)>;

/// Splits the records into indexes. Entries (and their insights) stay with their
/// tandem, docs pages go to the first, and a tandem's index depends only on its
/// address and the number of indexes, so an edit leaves the other indexes as they
/// are. An index that would be empty is not made.
pub fn plan(records: Vec<Record>, language: Language) -> Vec<Shard> {
    split(records, |r| &r.group)
        .into_iter()
        .map(|(dir, records)| Shard {
            dir,
            key: key_of(&records, language),
            records: Records::Made(records),
        })
        .collect()
}

/// The indexes of a single build, split as [`plan`] splits the records of these
/// sources (each with its group), the records left to be made with each index. Their
/// keys are 0: nothing is kept for a later build.
pub fn plan_sources(sources: Vec<(String, Source)>) -> Vec<Shard> {
    split(sources, |(group, _)| group)
        .into_iter()
        .map(|(dir, sources)| Shard {
            dir,
            key: 0,
            records: Records::Later(sources.into_iter().map(|(_, s)| s).collect()),
        })
        .collect()
}

/// The folder of each index and its items, by the items' groups.
fn split<T>(items: Vec<T>, group: impl Fn(&T) -> &str) -> Vec<(String, Vec<T>)> {
    let n = items.len().div_ceil(shard_records()).max(1);
    let mut groups: Vec<Vec<T>> = (0..n).map(|_| Vec::new()).collect();
    for item in items {
        let g = group(&item);
        let i = if n == 1 || g.is_empty() {
            0
        } else {
            let hash = ahash::RandomState::with_seeds(9, 10, 11, 12).hash_one(g);
            (hash % n as u64) as usize
        };
        groups[i].push(item);
    }
    groups
        .into_iter()
        .enumerate()
        // An index no tandem hashes to is left out (the search page could not merge
        // it); the others keep their numbers, so that they stay as they are.
        .filter(|(i, items)| *i == 0 || !items.is_empty())
        .map(|(i, items)| {
            let dir = if i == 0 {
                BUNDLE_DIR.to_string()
            } else {
                format!("{BUNDLE_DIR}/shard-{}", i + 1)
            };
            (dir, items)
        })
        .collect()
}

fn key_of(records: &[Record], language: Language) -> u64 {
    let mut h = ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher();
    language.code().hash(&mut h);
    records.hash(&mut h);
    h.finish()
}
