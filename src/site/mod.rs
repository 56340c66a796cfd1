//! Stage 2: a loaded [`Programme`] → a [`Site`]: every URL, rendered Markdown, the
//! lookups and figures the pages show. Problems found here (URL collisions, broken
//! links) join the diagnostics. Nothing here knows about templates.
//!
//! [`index`] (in `index.rs`) assembles the [`Site`] step by step: output addresses
//! checked for collisions (`collisions.rs`), where each content path a link may point
//! to leads (`targets.rs`), every text rendered (`texts.rs`, reusing the previous
//! build's through [`MarkdownCache`]), files to copy (`copied.rs`), docs' titles and
//! order (`docs.rs`), agreements kept and open (`agreements.rs`), insights and who
//! learned them (`insights.rs`) and figures ([`stats`]).

mod agreements;
mod collisions;
mod copied;
mod docs;
mod index;
pub(crate) mod insights;
mod markdown_cache;
mod outline;
pub(crate) mod stats;
mod targets;
mod texts;
pub(crate) mod urls;

use crate::content::*;
use crate::markdown::{self, Rendered};
pub use index::index;
pub use markdown_cache::MarkdownCache;
pub(crate) use outline::{Outline, PageOf, TandemPlace};
pub use stats::Figures;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use targets::LinkTargets;
pub use urls::{withhold_pages, UrlPath};

/// An open agreement: an unchecked task of a published entry.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub text: String,
    pub entry: EntryId,
}

/// A file copied into the site.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub out: String,
    pub src: PathBuf,
    /// Content file it comes from, for messages.
    pub file: String,
}

pub struct Site {
    pub prog: Programme,
    /// The path part of `base_url`, e.g. `/reverse-mentoring/`; every link starts with it.
    pub base_path: String,
    /// `base_url` itself, for feeds and the sitemap.
    pub base_url: String,
    pub entry_html: HashMap<EntryId, Arc<Rendered>>,
    pub doc_html: Vec<Arc<Rendered>>,
    pub intro_html: Option<Arc<Rendered>>,
    pub cohort_intro_html: Vec<Option<Arc<Rendered>>>,
    pub goals_html: Vec<Option<Arc<Rendered>>>,
    /// Final titles of entries (front matter, first heading, file name).
    pub entry_titles: HashMap<EntryId, String>,
    pub doc_titles: Vec<String>,
    /// Published entries per topic, newest first.
    pub topic_entries: Vec<Vec<EntryId>>,
    /// All published entries, newest first.
    pub all_entries: Vec<EntryId>,
    /// Per tandem, its open agreements.
    pub agreements: Vec<Vec<Agreement>>,
    /// Per tandem, how many agreements it kept (ticked off).
    pub agreements_done: Vec<usize>,
    /// Every insight of the published entries, in date order.
    pub insights: Vec<insights::Insight>,
    pub tandem_figures: Vec<Figures>,
    pub cohort_figures: Vec<Figures>,
    pub programme_figures: Figures,
    /// Docs in sidebar order (depth-first, by weight then title).
    pub doc_order: Vec<DocId>,
    pub copied: Vec<CopiedFile>,
    /// Where every content path a link may point to leads (shared with [`Outline`]).
    link_targets: Arc<LinkTargets>,
}

impl Site {
    pub fn href(&self, u: &UrlPath) -> String {
        format!("{}{}", self.base_path, u.0)
    }

    pub fn absolute(&self, u: &UrlPath) -> String {
        format!("{}{}", self.base_url, u.0)
    }

    /// Moves the site into a folder below `base_url` (an audience's site in
    /// `<output>/<folder>/`). Links keep being made with `base_path`, which the
    /// sites of all audiences share (so that their Markdown is rendered once): pages
    /// make them relative, feeds and the sitemap use `base_url`, and the 404 page's
    /// absolute links are moved into the folder (see [`Site::own_path`]).
    pub fn put_under(&mut self, folder: &str) {
        self.base_url = format!("{}{folder}/", self.base_url);
    }

    /// The path of `base_url`, when it is not `base_path` (see [`Site::put_under`]).
    pub fn own_path(&self) -> Option<String> {
        let own = index::base_path_of(&self.base_url);
        (own != self.base_path).then_some(own)
    }

    /// Whether the site is an anonymous audience's (figures only, see
    /// `content::audience`).
    pub fn anonymous(&self) -> bool {
        self.prog
            .view
            .as_ref()
            .is_some_and(|v| v.audience.anonymous)
    }

    pub fn title(&self, e: EntryId) -> &str {
        self.entry_titles.get(&e).map(String::as_str).unwrap_or("")
    }

    /// The insights of entry `e`, in their order in the entry.
    pub(crate) fn insights_of(&self, e: EntryId) -> impl Iterator<Item = &insights::Insight> {
        let prog = &self.prog;
        let key = |id: EntryId| {
            let x = &prog.entries[id.0];
            (x.date, x.source.file.as_str())
        };
        let start = self.insights.partition_point(|i| key(i.entry) < key(e));
        self.insights[start..]
            .iter()
            .take_while(move |i| key(i.entry) == key(e))
            .filter(move |i| i.entry == e)
    }

    pub fn published(&self, e: EntryId) -> bool {
        self.entry_html.contains_key(&e)
    }

    /// An entry's Markdown rendered as [`index`] renders it, with this site's links.
    pub fn entry_markdown(&self, e: &Entry) -> Rendered {
        let resolve = |p: &str| self.link_targets.resolve(p);
        markdown::render(
            &e.source,
            &entry_options(self.prog.meta.language, e, &entry_prefix(e)),
            &resolve,
        )
    }

    /// Lets go of the entries' Markdown source once it is rendered (a single build
    /// needs it no more; at 10,000 entries it is 30 MB the search index can use).
    pub fn forget_entry_sources(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for e in &mut self.prog.entries {
            e.source.text = empty.clone();
            e.source.offset = 0;
        }
    }

    /// Puts a new version of a published entry into the site, with everything derived
    /// from it: its title, its place in the topics' lists, its tandem's agreements and
    /// the figures. The entry must keep its date and file (its place among the
    /// tandem's entries and its address).
    pub fn replace_entry(&mut self, id: EntryId, entry: Entry, html: Rendered) {
        let prog = &mut self.prog;
        let old_topics = std::mem::replace(&mut prog.entries[id.0], entry).topics;
        let title = entry_title(&prog.entries[id.0], &html);
        self.entry_titles.insert(id, title);
        self.entry_html.insert(id, Arc::new(html));
        let prog = &self.prog;
        for t in old_topics {
            self.topic_entries[t.0].retain(|&x| x != id);
        }
        for &t in &prog.entries[id.0].topics {
            let list = &mut self.topic_entries[t.0];
            let at = list.partition_point(|&x| newest_first(prog, x, id).is_lt());
            list.insert(at, id);
        }
        let tid = prog.entries[id.0].tandem;
        let td = &prog.tandems[tid.0];
        let followed = agreements::follow(td, &self.entry_html);
        self.agreements[tid.0] = followed.open;
        self.agreements_done[tid.0] = followed.done;
        let at = self.insights.iter().position(|i| i.entry == id);
        self.insights.retain(|i| i.entry != id);
        let new = insights::of_entry(prog, id, &self.entry_html, None);
        let at = at.unwrap_or_else(|| {
            let e = &prog.entries[id.0];
            self.insights.partition_point(|i| {
                let x = &prog.entries[i.entry.0];
                (x.date, &x.source.file) < (e.date, &e.source.file)
            })
        });
        self.insights.splice(at..at, new);
        self.tandem_figures[tid.0] = Figures::of_tandem(prog, td);
        let co = &prog.cohorts[td.cohort.0];
        self.cohort_figures[td.cohort.0] = Figures::of_cohort(prog, co);
        self.programme_figures = Figures::of_programme(prog);
    }
}

/// How an entry's Markdown is rendered: ids get the entry's prefix (`prefix`), and
/// without a `title` its first heading is the title.
fn entry_options<'a>(lang: Language, e: &Entry, prefix: &'a str) -> markdown::Options<'a> {
    markdown::Options {
        german_quotes: lang == Language::De,
        title_from_heading: e.title.is_none(),
        id_prefix: prefix,
    }
}

/// What the ids in an entry's HTML start with, so that they are unique on pages that
/// show several entries.
fn entry_prefix(e: &Entry) -> String {
    format!("{}-", e.slug)
}

/// An entry's title: its `title`, else its first heading, else its file name.
fn entry_title(e: &Entry, r: &Rendered) -> String {
    e.title
        .clone()
        .or_else(|| r.title.clone().filter(|t| !t.is_empty()))
        .unwrap_or_else(|| e.file_stem().to_string())
}

pub(crate) fn newest_first(prog: &Programme, a: EntryId, b: EntryId) -> std::cmp::Ordering {
    let (ea, eb) = (&prog.entries[a.0], &prog.entries[b.0]);
    eb.date
        .cmp(&ea.date)
        .then_with(|| ea.source.file.cmp(&eb.source.file))
}
