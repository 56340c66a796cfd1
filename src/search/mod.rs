//! The search index: every published entry and docs page becomes one Pagefind record
//! (plain text, title, tandem, cohort, date; filters by cohort, tandem, topic and
//! kind), and [`writer`] writes the chunked index in Pagefind's format, with Pagefind's
//! browser code, under `pagefind/`. Private and draft entries never get here: only pages of this build
//! are indexed.
//!
//! A large programme gets several indexes; each is kept between rebuilds and made
//! again only when one of its records changed.

use crate::content::{CohortId, DocId, EntryId, Language, TandemId, TopicId};
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, ui};
use crate::site::{urls, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

pub mod writer;

pub use crate::site::urls::BUNDLE_DIR;

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Record {
    /// Page address below the site root, without a leading slash (`cohorts/2019/x/`).
    pub url: String,
    /// The tandem's address for an entry (records of a tandem share an index), empty
    /// for a docs page.
    pub group: String,
    /// The page's text, HTML-escaped (it is shown in excerpts as HTML).
    pub content: Arc<str>,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// The names readers pick in the filters. Names that two cohorts, tandems or topics
/// share get the slug added, so that each filter value means one thing.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FilterNames {
    pub cohorts: Vec<String>,
    pub tandems: Vec<String>,
    pub topics: Vec<String>,
}

impl FilterNames {
    pub fn of(site: &Site) -> Self {
        let prog = &site.prog;
        FilterNames {
            cohorts: unique(
                prog.cohorts
                    .iter()
                    .map(|c| (c.title.as_str(), c.slug.as_str())),
            ),
            tandems: unique(
                prog.tandems
                    .iter()
                    .map(|t| (t.title.as_str(), t.slug.as_str())),
            ),
            topics: unique(
                prog.topics
                    .iter()
                    .map(|t| (t.title.as_str(), t.slug.as_str())),
            ),
        }
    }
}

fn unique<'a>(items: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (title, _) in items.clone() {
        *seen.entry(title.trim().to_lowercase()).or_default() += 1;
    }
    items
        .map(|(title, slug)| {
            let title = title.trim();
            if seen[&title.to_lowercase()] > 1 {
                format!("{title} ({slug})")
            } else {
                title.to_string()
            }
        })
        .collect()
}

/// The plain text of rendered bodies, by a hash of their HTML, kept between builds:
/// a rebuild after an edit extracts the text of the edited body only.
#[derive(Debug, Default)]
pub struct TextCache {
    map: HashMap<u64, Arc<str>>,
}

impl TextCache {
    /// The text of `html` and the key it is kept under.
    fn text(&self, html: &str) -> (u64, Arc<str>) {
        let key = ahash::RandomState::with_seeds(13, 14, 15, 16).hash_one(html);
        match self.map.get(&key) {
            Some(t) => (key, t.clone()),
            None => (key, text_of(html).into()),
        }
    }
}

/// The records of every published entry and docs page, in a fixed order.
pub fn records(
    site: &Site,
    strings: &BTreeMap<String, String>,
    texts: &mut TextCache,
) -> Vec<Record> {
    let keyed = records_with(site, strings, texts);
    texts.map = keyed
        .iter()
        .map(|(key, r)| (*key, r.content.clone()))
        .collect();
    keyed.into_iter().map(|(_, r)| r).collect()
}

fn records_with(
    site: &Site,
    strings: &BTreeMap<String, String>,
    texts: &TextCache,
) -> Vec<(u64, Record)> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let names = FilterNames::of(site);
    let kind_entry = ui(strings, "search_kind_entry");
    let kind_doc = ui(strings, "search_kind_doc");
    let mut out: Vec<(u64, Record)> = site
        .all_entries
        .par_iter()
        .filter_map(|&id| {
            let html = site.entry_html.get(&id)?;
            let (key, text) = texts.text(&html.html);
            Some((key, entry_record(site, &names, lang, &kind_entry, id, text)))
        })
        .collect();
    out.par_extend(
        (0..prog.docs.len())
            .into_par_iter()
            .map(|i| doc_record(site, &kind_doc, DocId(i), texts)),
    );
    out
}

fn entry_record(
    site: &Site,
    names: &FilterNames,
    lang: Language,
    kind: &str,
    id: EntryId,
    text: Arc<str>,
) -> Record {
    let prog = &site.prog;
    let e = &prog.entries[id.0];
    let TandemId(t) = e.tandem;
    let CohortId(c) = prog.tandems[t].cohort;
    let tandem = &prog.tandems[t];
    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), site.title(id).to_string());
    meta.insert("tandem".to_string(), tandem.title.clone());
    meta.insert(
        "people".to_string(),
        format!("{} {}", tandem.mentee.name, tandem.mentor.name),
    );
    meta.insert("cohort".to_string(), prog.cohorts[c].title.clone());
    meta.insert("date".to_string(), i18n::date_long(lang, e.date));
    meta.insert("kind".to_string(), kind.to_string());
    if !e.topics.is_empty() {
        let topics: Vec<&str> = e
            .topics
            .iter()
            .map(|&TopicId(i)| prog.topics[i].title.as_str())
            .collect();
        meta.insert("topics".to_string(), topics.join(", "));
    }
    let mut filters = BTreeMap::new();
    filters.insert("cohort".to_string(), vec![names.cohorts[c].clone()]);
    filters.insert("tandem".to_string(), vec![names.tandems[t].clone()]);
    filters.insert(
        "topic".to_string(),
        e.topics
            .iter()
            .map(|&TopicId(i)| names.topics[i].clone())
            .collect(),
    );
    filters.insert("kind".to_string(), vec![kind.to_string()]);
    let mut sort = BTreeMap::new();
    sort.insert("date".to_string(), e.date.to_string());
    Record {
        url: urls::entry(prog, id).0,
        group: urls::tandem(prog, e.tandem).0,
        content: text,
        meta,
        filters,
        sort,
    }
}

fn doc_record(site: &Site, kind: &str, id: DocId, texts: &TextCache) -> (u64, Record) {
    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), site.doc_titles[id.0].clone());
    meta.insert("kind".to_string(), kind.to_string());
    let mut filters = BTreeMap::new();
    filters.insert("kind".to_string(), vec![kind.to_string()]);
    let html = site.doc_html.get(id.0).map_or("", |r| r.html.as_str());
    let (key, content) = texts.text(html);
    (
        key,
        Record {
            url: urls::doc(&site.prog, id).0,
            group: String::new(),
            content,
            meta,
            filters,
            sort: BTreeMap::new(),
        },
    )
}

/// The text of rendered Markdown, still HTML-escaped, with block boundaries as
/// spaces and headings weighted for ranking. Scripts and styles are left out, and a
/// word that looks like one of Pagefind's own markers loses its leading underscores.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        let after = &rest[lt..];
        if after.starts_with("<!--") {
            // A comment is not part of the page's text.
            let end = after.find("-->").map_or(after.len(), |i| i + 3);
            rest = &after[end..];
            continue;
        }
        let end = after.find('>').map_or(after.len(), |i| i + 1);
        let tag = &after[..end];
        let name = tag_name(tag);
        match skip_until {
            Some(close) => {
                if name.eq_ignore_ascii_case(close) && tag.starts_with("</") {
                    skip_until = None;
                }
            }
            None => {
                if name.eq_ignore_ascii_case("script") && !tag.starts_with("</") {
                    skip_until = Some("script");
                } else if name.eq_ignore_ascii_case("style") && !tag.starts_with("</") {
                    skip_until = Some("style");
                } else if is_heading(name) {
                    if tag.starts_with("</") {
                        // Excerpts run blocks together: a heading ends with a colon.
                        end_block(&mut out, ':');
                        space(&mut out);
                        out.push_str("___END_PAGEFIND_WEIGHT___ ");
                    } else {
                        let weight = match name.as_bytes()[1] {
                            b'1' | b'2' => 5,
                            b'3' => 4,
                            _ => 3,
                        };
                        space(&mut out);
                        out.push_str("___PAGEFIND_WEIGHT___");
                        out.push_str(&weight.to_string());
                        out.push(' ');
                    }
                } else if !is_inline(name) {
                    // … and list items and table cells with a semicolon.
                    if tag.starts_with("</")
                        && ["li", "td", "th"]
                            .iter()
                            .any(|t| t.eq_ignore_ascii_case(name))
                    {
                        end_block(&mut out, ';');
                    }
                    space(&mut out);
                }
            }
        }
        rest = &after[end..];
    }
    if skip_until.is_none() {
        push_text(&mut out, rest);
    }
    out.truncate(out.trim_end().len());
    out
}

/// Ends a block that has no punctuation of its own with `mark`. (`out` never ends
/// in more than one space, so this looks at its end only.)
fn end_block(out: &mut String, mark: char) {
    let trimmed = out.trim_end_matches(' ');
    if !trimmed.chars().last().is_some_and(char::is_alphanumeric) {
        return;
    }
    let last_word = trimmed.rsplit(' ').next().unwrap_or("");
    if !last_word.starts_with("___") {
        out.truncate(trimmed.len());
        out.push(mark);
    }
}

/// A space between words, never two.
fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn push_text(out: &mut String, text: &str) {
    // Quotes need no escaping in text; Pagefind would keep `&quot;` inside the word.
    let text: std::borrow::Cow<str> = if text.contains('&') {
        text.replace("&quot;", "\"").replace("&#39;", "'").into()
    } else {
        text.into()
    };
    if text.starts_with(char::is_whitespace) {
        space(out);
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("___") && word.contains("PAGEFIND") {
            out.push_str(word.trim_start_matches('_'));
        } else {
            out.push_str(word);
        }
    }
    if text.ends_with(char::is_whitespace) {
        space(out);
    }
}

fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches('<').trim_start_matches('/');
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    &t[..end]
}

fn is_heading(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 2 && (b[0] == b'h' || b[0] == b'H') && (b'1'..=b'6').contains(&b[1])
}

fn is_inline(name: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "em", "strong", "code", "del", "s", "sup", "sub", "span", "mark", "abbr", "b", "i",
        "u", "small", "kbd",
    ];
    INLINE.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// The files of a search bundle: path below the site root, bytes.
pub type BundleFiles = Arc<Vec<(String, Arc<[u8]>)>>;

/// Records per index. A large programme gets several indexes, searched together in
/// the browser: an edit re-indexes only the index its tandem is in (about a second
/// for 5,000 entries, in the background), and memory stays bounded. A query loads a
/// little of every index (its part of the page list and of the word's entries), so
/// fewer, larger indexes mean fewer requests.
/// `TANDEM_SEARCH_SHARD_RECORDS` sets another number (for tests and tuning).
pub const SHARD_RECORDS: usize = 5_000;

fn shard_records() -> usize {
    count_from_env("TANDEM_SEARCH_SHARD_RECORDS", SHARD_RECORDS)
}

/// A number of at least one from the environment variable `name`, else `default`.
fn count_from_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .max(1)
}

/// The list of indexes the search page merges, in the bundle folder.
pub const SHARDS_FILE: &str = "shards.json";

/// One index of the bundle: the records of some tandems.
pub struct Shard {
    /// Folder below the site root: `pagefind` for the first, `pagefind/shard-2`, …
    pub dir: String,
    /// Same records, same key: the index is made again only when this changes.
    pub key: u64,
    pub records: Vec<Record>,
}

/// Which indexes the bundle has and what each is made from.
pub type Layout = Vec<(String, u64)>;

/// Splits the records into indexes. Entries stay with their tandem, docs pages go to
/// the first, and a tandem's index depends only on its address and the number of
/// indexes, so an edit leaves the other indexes as they are.
pub fn plan(records: Vec<Record>, language: Language) -> Vec<Shard> {
    let n = records.len().div_ceil(shard_records()).max(1);
    let mut groups: Vec<Vec<Record>> = (0..n).map(|_| Vec::new()).collect();
    for r in records {
        let i = if n == 1 || r.group.is_empty() {
            0
        } else {
            let hash = ahash::RandomState::with_seeds(9, 10, 11, 12).hash_one(&r.group);
            (hash % n as u64) as usize
        };
        groups[i].push(r);
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, records)| Shard {
            dir: if i == 0 {
                BUNDLE_DIR.to_string()
            } else {
                format!("{BUNDLE_DIR}/shard-{}", i + 1)
            },
            key: key_of(&records, language),
            records,
        })
        .collect()
}

/// The indexes of earlier builds, kept while their records stay the same.
#[derive(Debug, Default)]
pub struct SearchCache {
    shards: HashMap<String, (u64, BundleFiles)>,
    /// The bundle last assembled, and its layout.
    last: BundleFiles,
    last_layout: Layout,
}

impl SearchCache {
    pub fn has(&self, dir: &str, key: u64) -> bool {
        self.shards.get(dir).is_some_and(|(k, _)| *k == key)
    }

    pub fn store(&mut self, dir: String, key: u64, files: BundleFiles) {
        self.shards.insert(dir, (key, files));
    }

    /// The whole bundle for this layout, when every index of it is kept.
    pub fn assemble(&mut self, layout: &Layout) -> Option<BundleFiles> {
        if *layout == self.last_layout && !layout.is_empty() {
            return Some(self.last.clone());
        }
        let mut files: Vec<(String, Arc<[u8]>)> = Vec::new();
        for (dir, key) in layout {
            let (k, f) = self.shards.get(dir)?;
            if k != key {
                return None;
            }
            files.extend(f.iter().cloned());
        }
        // The indexes besides the first, which the search page merges into it.
        let dirs: Vec<String> = layout
            .iter()
            .filter_map(|(dir, _)| dir.strip_prefix(&format!("{BUNDLE_DIR}/")))
            .map(|d| format!("{d}/"))
            .collect();
        let list = serde_json::to_vec(&dirs).unwrap_or_default();
        files.push((format!("{BUNDLE_DIR}/{SHARDS_FILE}"), list.into()));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        self.shards
            .retain(|dir, _| layout.iter().any(|(d, _)| d == dir));
        self.last = Arc::new(files);
        self.last_layout = layout.clone();
        Some(self.last.clone())
    }

    /// The bundle last assembled, whatever records it was made from.
    pub fn last(&self) -> BundleFiles {
        self.last.clone()
    }
}

fn key_of(records: &[Record], language: Language) -> u64 {
    let mut h = ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher();
    language.code().hash(&mut h);
    records.hash(&mut h);
    h.finish()
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
pub fn index(
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
            let files = writer::write(&shard.records, language, &shard.dir, first)
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

    #[test]
    fn text_keeps_words_and_drops_tags() {
        let t = text_of("<h2 id=\"x\">Was wir lernten</h2>\n<p>Ein <strong>kurzer</strong> Text &amp; mehr.</p><ul><li>eins</li><li>zwei</li></ul>");
        assert_eq!(
            t,
            "___PAGEFIND_WEIGHT___5 Was wir lernten: ___END_PAGEFIND_WEIGHT___ Ein kurzer Text &amp; mehr. eins; zwei;"
        );
    }

    #[test]
    fn text_leaves_out_scripts_and_disarms_markers() {
        let t = text_of("<p>vorher</p><script>geheim()</script><!-- a > b --><p>___PAGEFIND_WEIGHT___9 nachher</p>");
        assert_eq!(t, "vorher PAGEFIND_WEIGHT___9 nachher");
    }

    #[test]
    fn text_unescapes_quotes_only() {
        assert_eq!(
            text_of("<p>&quot;Zitat&quot; &lt;b&gt;</p>"),
            "\"Zitat\" &lt;b&gt;"
        );
    }

    #[test]
    fn shared_names_get_their_slug() {
        let names =
            unique([("Berger & Vogt", "a"), ("berger & vogt", "b"), ("Kim", "c")].into_iter());
        assert_eq!(names, ["Berger & Vogt (a)", "berger & vogt (b)", "Kim"]);
    }
}
