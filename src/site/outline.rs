//! What the preview's editor knows of the last site: which page shows which entry or
//! tandem, each tandem's people, focus, period and entries, the topics, and where links
//! lead, so that it can fill its form, check a text and show it as the site would.

use super::targets::LinkTargets;
use super::{urls, Site};
use crate::content::*;
use crate::markdown::{self, Rendered, Target};
use std::collections::HashMap;
use std::sync::Arc;

/// The part of a [`Site`] the editor needs, made after each build that succeeded.
#[derive(Clone)]
pub(crate) struct Outline {
    pub(crate) language: Language,
    pub(crate) visible: Visible,
    pub(crate) topics: Vec<Topic>,
    pub(crate) tandems: Vec<TandemPlace>,
    /// The output file of each entry's and tandem's page → what it shows.
    pub(crate) pages: HashMap<String, PageOf>,
    /// Each entry file (relative to the content folder) the loader read → its place.
    pub(crate) entries: HashMap<String, EntryPlace>,
    link_targets: Arc<LinkTargets>,
}

impl std::fmt::Debug for Outline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outline")
            .field("tandems", &self.tandems.len())
            .field("pages", &self.pages.len())
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PageOf {
    /// An entry, by its file.
    Entry(String),
    /// A tandem, by its index in [`Outline::tandems`].
    Tandem(usize),
}

/// An entry file's tandem, by its index in [`Outline::tandems`].
#[derive(Debug, Clone)]
pub(crate) struct EntryPlace {
    pub(crate) tandem: usize,
}

/// A tandem as the editor shows it.
#[derive(Debug, Clone)]
pub(crate) struct TandemPlace {
    /// Its folder, relative to the content folder.
    pub(crate) dir: String,
    pub(crate) title: String,
    pub(crate) mentor: String,
    pub(crate) mentee: String,
    /// The ids of its focus topics.
    pub(crate) focus: Vec<String>,
    /// Its cohort's period.
    pub(crate) period: Option<Period>,
    /// Its page's address below the site root (`cohorts/2019/berger-vogt/`).
    pub(crate) page: String,
    /// Its entries, published or not: file, title (or file name) and date, by date.
    pub(crate) entries: Vec<(String, String, chrono::NaiveDate)>,
}

impl Outline {
    /// The outline of `site`.
    pub(crate) fn of(site: &Site) -> Outline {
        let prog = &site.prog;
        let mut pages = HashMap::new();
        let mut tandems: Vec<TandemPlace> = prog
            .tandems
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let page = urls::tandem(prog, TandemId(i));
                pages.insert(page.output_file(), PageOf::Tandem(i));
                TandemPlace {
                    dir: t.dir.clone(),
                    title: t.title.clone(),
                    mentor: t.mentor.name.clone(),
                    mentee: t.mentee.name.clone(),
                    focus: t
                        .focus
                        .iter()
                        .map(|f| prog.topics[f.0].id.clone())
                        .collect(),
                    period: prog.cohorts[t.cohort.0].period,
                    page: page.0,
                    entries: Vec::new(),
                }
            })
            .collect();
        let mut entries = HashMap::new();
        for (i, e) in prog.entries.iter().enumerate() {
            let id = EntryId(i);
            if site.published(id) {
                pages.insert(
                    urls::entry(prog, id).output_file(),
                    PageOf::Entry(e.source.file.clone()),
                );
            }
            let title = site
                .entry_titles
                .get(&id)
                .cloned()
                .or_else(|| e.title.clone())
                .unwrap_or_else(|| e.file_stem().to_string());
            tandems[e.tandem.0]
                .entries
                .push((e.source.file.clone(), title, e.date));
            entries.insert(e.source.file.clone(), EntryPlace { tandem: e.tandem.0 });
        }
        for t in &mut tandems {
            t.entries.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
        }
        Outline {
            language: prog.meta.language,
            visible: prog.visible,
            topics: prog.topics.clone(),
            tandems,
            pages,
            entries,
            link_targets: site.link_targets.clone(),
        }
    }

    /// The tandem whose folder is `dir`.
    pub(crate) fn tandem_at(&self, dir: &str) -> Option<usize> {
        self.tandems.iter().position(|t| t.dir == dir)
    }

    /// An entry's text (`text`, its Markdown from `offset` on) rendered as the site
    /// renders the entry file `file`, its links resolved against the last site, then
    /// by `then` (which may send a link to a file the last site does not know, or does
    /// not publish yet, elsewhere).
    pub(crate) fn render(
        &self,
        file: &str,
        text: &str,
        offset: usize,
        then: &dyn Fn(&str, Target) -> Target,
    ) -> Rendered {
        let md = Markdown {
            file: file.to_string(),
            text: Arc::from(text),
            offset,
        };
        let options = markdown::Options {
            german_quotes: self.language == Language::De,
            title_from_heading: false,
            id_prefix: "preview-",
        };
        let resolve = |p: &str| then(p, self.link_targets.resolve(p));
        markdown::render(&md, &options, &resolve)
    }
}
