//! The search records: one per published entry and docs page, with the filter
//! names readers pick from.

use super::TextCache;
use crate::content::{CohortId, DocId, EntryId, Language, TandemId, TopicId};
use crate::i18n::{self, ui};
use crate::site::insights::{Insight, Learner};
use crate::site::{urls, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

impl Record {
    /// The record as the index writer takes it.
    pub fn page(&self) -> tandem_pagefind::Page<'_> {
        tandem_pagefind::Page {
            url: &self.url,
            content: &self.content,
            meta: &self.meta,
            filters: &self.filters,
            sort: &self.sort,
        }
    }
}

/// The names readers pick in the filters. Names that two cohorts, tandems or topics
/// share get the slug added, so that each filter value means one thing.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(crate) struct FilterNames {
    pub cohorts: Vec<String>,
    pub tandems: Vec<String>,
    pub topics: Vec<String>,
}

impl FilterNames {
    pub(crate) fn of(site: &Site) -> Self {
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

/// The records of every published entry and docs page, in a fixed order. `texts`
/// keeps their texts for the next build.
pub fn records(
    site: &Site,
    strings: &BTreeMap<String, String>,
    texts: &mut TextCache,
) -> Vec<Record> {
    let maker = Maker::new(site, strings);
    let keyed: Vec<(u64, Record)> = sources(site)
        .par_iter()
        .filter_map(|(_, source)| maker.record(*source, texts))
        .collect();
    texts.map = keyed
        .iter()
        .map(|(key, r)| (*key, r.content.clone()))
        .collect();
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// What a record is made of: a published entry, a docs page, or an insight (by its
/// place in the site's insights).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Entry(EntryId),
    Doc(DocId),
    Insight(usize),
}

/// The source of every record [`records`] makes, in the same order, each with its
/// group (see [`Record::group`]): a single build makes each index's records only
/// when it makes the index, so that the texts of the others are not held meanwhile.
pub fn sources(site: &Site) -> Vec<(String, Source)> {
    let prog = &site.prog;
    let tandem_of = |id: EntryId| urls::tandem(prog, prog.entries[id.0].tandem).0;
    let entries = site
        .all_entries
        .iter()
        .filter(|id| site.entry_html.contains_key(id))
        .map(|&id| (tandem_of(id), Source::Entry(id)));
    let docs = (0..prog.docs.len()).map(|i| (String::new(), Source::Doc(DocId(i))));
    let insights = site.insights.iter().enumerate().filter_map(|(k, i)| {
        let html = site.entry_html.get(&i.entry)?;
        html.insights.get(i.index)?;
        Some((tandem_of(i.entry), Source::Insight(k)))
    });
    entries.chain(docs).chain(insights).collect()
}

/// The records of `sources`, in their order, as [`records`] makes them.
pub fn records_of(
    site: &Site,
    strings: &BTreeMap<String, String>,
    sources: &[Source],
) -> Vec<Record> {
    let maker = Maker::new(site, strings);
    let texts = TextCache::default();
    sources
        .par_iter()
        .filter_map(|&source| maker.record(source, &texts).map(|(_, r)| r))
        .collect()
}

/// Makes records: what every record of a site shares.
struct Maker<'a> {
    site: &'a Site,
    strings: &'a BTreeMap<String, String>,
    names: FilterNames,
    kind_entry: String,
    kind_doc: String,
}

impl<'a> Maker<'a> {
    fn new(site: &'a Site, strings: &'a BTreeMap<String, String>) -> Self {
        Maker {
            site,
            strings,
            names: FilterNames::of(site),
            kind_entry: ui(strings, "search_kind_entry"),
            kind_doc: ui(strings, "search_kind_doc"),
        }
    }

    /// The record of `source` and the key its text is kept under in `texts`.
    fn record(&self, source: Source, texts: &TextCache) -> Option<(u64, Record)> {
        let site = self.site;
        let lang = site.prog.meta.language;
        match source {
            Source::Entry(id) => {
                let html = site.entry_html.get(&id)?;
                let (key, text) = texts.text(&html.html);
                let r = entry_record(site, &self.names, lang, &self.kind_entry, id, text);
                Some((key, r))
            }
            Source::Doc(id) => Some(doc_record(site, &self.kind_doc, id, texts)),
            Source::Insight(k) => {
                let i = site.insights.get(k)?;
                insight_record(site, &self.names, self.strings, i, texts)
            }
        }
    }
}

/// The kinds of search records: an entry, a programme page, an insight, and an
/// insight by who learned it (those learned from each other are both).
pub(crate) fn kinds(strings: &BTreeMap<String, String>) -> [String; 5] {
    [
        ui(strings, "search_kind_entry"),
        ui(strings, "search_kind_doc"),
        ui(strings, "search_kind_insight"),
        ui(strings, "search_kind_insight_mentee"),
        ui(strings, "search_kind_insight_mentor"),
    ]
}

/// An insight as a search record of its own, at its heading on the entry's page:
/// found by its words, narrowed by cohort, tandem, topic and who learned.
fn insight_record(
    site: &Site,
    names: &FilterNames,
    strings: &BTreeMap<String, String>,
    i: &Insight,
    texts: &TextCache,
) -> Option<(u64, Record)> {
    let prog = &site.prog;
    let ins = site.entry_html.get(&i.entry)?.insights.get(i.index)?;
    let (key, text) = texts.text(&ins.html);
    let t = &prog.tandems[prog.entries[i.entry.0].tandem.0];
    let [_, _, kind, mentee_kind, mentor_kind] = kinds(strings);
    let (learner, teacher, says) = match i.learner {
        Learner::Mentee => (&t.mentee, &t.mentor, "insight_learned_from"),
        Learner::Mentor => (&t.mentor, &t.mentee, "insight_learned_from"),
        Learner::Both => (&t.mentee, &t.mentor, "insight_learned_together"),
    };
    let byline = ui(strings, says)
        .replace("{learner}", &learner.name)
        .replace("{teacher}", &teacher.name);
    let mut r = entry_record(site, names, prog.meta.language, &kind, i.entry, text);
    r.url = format!("{}#{}", r.url, ins.id);
    r.meta
        .insert("title".to_string(), format!("{byline}: {}", ins.heading));
    let mut by = vec![kind];
    if i.learner != Learner::Mentor {
        by.push(mentee_kind);
    }
    if i.learner != Learner::Mentee {
        by.push(mentor_kind);
    }
    r.filters.insert("kind".to_string(), by);
    Some((key, r))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_names_get_their_slug() {
        let names =
            unique([("Berger & Vogt", "a"), ("berger & vogt", "b"), ("Kim", "c")].into_iter());
        assert_eq!(names, ["Berger & Vogt (a)", "berger & vogt (b)", "Kim"]);
    }
}
