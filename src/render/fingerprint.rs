//! Fingerprints: what a page was made from, hashed, so that a rebuild can tell the pages
//! whose inputs did not change and take them from the last build (see
//! [`super::cache::PageCache`]).

use super::context::Summaries;
use crate::content::*;
use crate::site::{urls, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use tera::{Context, Value};

/// A deterministic hasher for fingerprints (fixed keys: the same inputs give the same
/// fingerprint in every run).
pub(super) fn fingerprint_hasher() -> ahash::AHasher {
    use std::hash::BuildHasher;
    ahash::RandomState::with_seeds(0x7461_6e64, 0x656d_2d66, 0x696e_6765, 0x7270_7269)
        .build_hasher()
}

/// Feeds a value into a hasher: its structure, strings as bytes (with whether they are
/// marked safe), numbers by value. Cheaper than hashing a serialisation.
pub(super) fn hash_value(v: &Value, h: &mut ahash::AHasher) {
    use tera::value::ValueKind;
    let kind = v.kind();
    kind.hash(h);
    match kind {
        ValueKind::Bool => v.as_bool().hash(h),
        ValueKind::U64 => v.as_u64().hash(h),
        ValueKind::I64 => v.as_i64().hash(h),
        ValueKind::U128 => v.as_u128().hash(h),
        ValueKind::I128 => v.as_i128().hash(h),
        ValueKind::F64 => v.as_f64().map(f64::to_bits).hash(h),
        ValueKind::String => {
            v.is_safe().hash(h);
            v.as_str().hash(h);
        }
        ValueKind::Bytes => v.as_bytes().hash(h),
        ValueKind::Array => {
            let items = v.as_array().unwrap_or_default();
            items.len().hash(h);
            for x in items {
                hash_value(x, h);
            }
        }
        ValueKind::Map => {
            if let Some(m) = v.as_map() {
                m.len().hash(h);
                for (k, x) in m {
                    k.hash(h);
                    hash_value(x, h);
                }
            }
        }
        _ => {}
    }
}

/// A tera context that remembers its keys, so that it can be fingerprinted.
#[derive(Default)]
pub(super) struct PageCtx {
    pub(super) ctx: Context,
    keys: Vec<&'static str>,
}

impl PageCtx {
    pub(super) fn new() -> Self {
        Self::default()
    }

    pub(super) fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, val: &T) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
        self.ctx.insert(key, val);
    }

    pub(super) fn insert_value(&mut self, key: &'static str, val: Value) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
        self.ctx.insert_value(key, val);
    }

    pub(super) fn fingerprint(&self, template: &str) -> u64 {
        let mut h = fingerprint_hasher();
        h.write(template.as_bytes());
        for k in &self.keys {
            h.write(k.as_bytes());
            if let Some(v) = self.ctx.get(k) {
                hash_value(v, &mut h);
            }
        }
        h.finish()
    }
}

/// Fingerprints of what an entry page is made from, computed once per entry and once
/// per tandem: an entry page whose inputs did not change is taken from the previous
/// build without building its context (entry pages are most of a site).
pub(super) struct EntryKeys {
    /// Per entry: what other pages show of it (summary, title, address, date), and its
    /// body.
    pub(super) entries: HashMap<EntryId, (u64, u64)>,
    /// Per tandem: its summary, titles and addresses, and its entries in order.
    pub(super) tandems: Vec<u64>,
    /// Per cohort: its summary, period and every entry of it (the charts on a tandem
    /// page span the cohort).
    pub(super) cohorts: Vec<u64>,
    /// The programme's topics (a cohort's coverage lists every topic).
    pub(super) topics: u64,
    /// Every cohort and the topics: what a topic page and the timeline show.
    pub(super) programme: u64,
}

impl EntryKeys {
    pub(super) fn of(site: &Site, sums: &Summaries, strings: &BTreeMap<String, String>) -> Self {
        let entries = entry_keys(site, sums);
        let base = links_key(site, strings);
        let tandems = tandem_keys(site, sums, &entries, base);
        let cohorts = cohort_keys(site, sums, &tandems, base);
        let topics = topics_key(sums, base);
        let mut programme = fingerprint_hasher();
        programme.write_u64(topics);
        for c in &cohorts {
            programme.write_u64(*c);
        }
        EntryKeys {
            entries,
            tandems,
            cohorts,
            topics,
            programme: programme.finish(),
        }
    }

    /// Keys for a build that neither reuses nor keeps pages (`tandem build`): every
    /// one is 0, and computing them (hashing every summary) is left out.
    pub(super) fn unused(site: &Site) -> Self {
        EntryKeys {
            entries: HashMap::default(),
            tandems: vec![0; site.prog.tandems.len()],
            cohorts: vec![0; site.prog.cohorts.len()],
            topics: 0,
            programme: 0,
        }
    }
}

/// Per entry: what other pages show of it, and its body.
fn entry_keys(site: &Site, sums: &Summaries) -> HashMap<EntryId, (u64, u64)> {
    let prog = &site.prog;
    site.all_entries
        .par_iter()
        .map(|&id| {
            let mut h = fingerprint_hasher();
            if let Some(v) = sums.entries.get(&id) {
                hash_value(v, &mut h);
            }
            site.title(id).hash(&mut h);
            urls::entry(prog, id).0.hash(&mut h);
            let e = &prog.entries[id.0];
            (e.date, &e.topics, e.duration_minutes, &e.format).hash(&mut h);
            let mut body = fingerprint_hasher();
            site.entry_html
                .get(&id)
                .map(|r| r.html.as_str())
                .hash(&mut body);
            (id, (h.finish(), body.finish()))
        })
        .collect()
}

/// What the summaries show besides the content: the links' base path and the UI
/// strings.
fn links_key(site: &Site, strings: &BTreeMap<String, String>) -> u64 {
    let mut base = fingerprint_hasher();
    site.base_path.hash(&mut base);
    strings.hash(&mut base);
    base.finish()
}

/// Per tandem: its summary, its title and its cohort's, their addresses, and its
/// entries in order.
fn tandem_keys(
    site: &Site,
    sums: &Summaries,
    entries: &HashMap<EntryId, (u64, u64)>,
    base: u64,
) -> Vec<u64> {
    let prog = &site.prog;
    (0..prog.tandems.len())
        .into_par_iter()
        .map(|t| {
            let td = &prog.tandems[t];
            let co = &prog.cohorts[td.cohort.0];
            let mut h = fingerprint_hasher();
            h.write_u64(base);
            if let Some(v) = sums.tandems.get(t) {
                hash_value(v, &mut h);
            }
            td.title.hash(&mut h);
            co.title.hash(&mut h);
            urls::tandem(prog, TandemId(t)).0.hash(&mut h);
            urls::cohort(prog, td.cohort).0.hash(&mut h);
            for x in &td.entries {
                x.0.hash(&mut h);
                entries.get(x).map(|e| e.0).hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

/// Per cohort: its summary, title, period and tandems.
fn cohort_keys(site: &Site, sums: &Summaries, tandems: &[u64], base: u64) -> Vec<u64> {
    let prog = &site.prog;
    (0..prog.cohorts.len())
        .into_par_iter()
        .map(|i| {
            let co = &prog.cohorts[i];
            let mut h = fingerprint_hasher();
            h.write_u64(base);
            if let Some(v) = sums.cohorts.get(i) {
                hash_value(v, &mut h);
            }
            co.title.hash(&mut h);
            co.period.map(|p| (p.start, p.end)).hash(&mut h);
            for t in &co.tandems {
                h.write_u64(tandems[t.0]);
            }
            h.finish()
        })
        .collect()
}

/// The summaries of the programme's topics.
fn topics_key(sums: &Summaries, base: u64) -> u64 {
    let mut topics = fingerprint_hasher();
    topics.write_u64(base);
    for v in &sums.topics {
        hash_value(v, &mut topics);
    }
    topics.finish()
}
