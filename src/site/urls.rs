//! Where every page lives. Paths here are relative to the site root, without a
//! leading slash, and end with `/` for pages (`cohorts/2019/`) or a file name.

use super::insights::Learner;
use crate::content::{CohortId, DocId, EntryId, Programme, TandemId, TopicId};

/// A path below the site root: `""` is the home page, `cohorts/2019/` a page,
/// `atom.xml` a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct UrlPath(pub String);

impl UrlPath {
    /// The file written for this path: pages get `index.html`.
    pub fn output_file(&self) -> String {
        if self.0.is_empty() || self.0.ends_with('/') {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }
}

/// Folder of the search bundle below the site root.
pub(crate) const BUNDLE_DIR: &str = "pagefind";

pub(crate) fn home() -> UrlPath {
    UrlPath(String::new())
}
pub(crate) fn cohorts() -> UrlPath {
    UrlPath("cohorts/".into())
}
pub(crate) fn topics() -> UrlPath {
    UrlPath("topics/".into())
}
pub(crate) fn timeline() -> UrlPath {
    UrlPath("timeline/".into())
}
pub(crate) fn search() -> UrlPath {
    UrlPath("search/".into())
}
pub(crate) fn feed() -> UrlPath {
    UrlPath("atom.xml".into())
}
pub(crate) fn sitemap() -> UrlPath {
    UrlPath("sitemap.xml".into())
}
pub(crate) fn not_found() -> UrlPath {
    UrlPath("404.html".into())
}
/// The programme's insights; with a learner, only those the mentees (or the mentors)
/// learned.
pub(crate) fn insights(of: Option<Learner>) -> UrlPath {
    UrlPath(
        match of {
            // Insights learned from each other are on both pages of their own.
            None | Some(Learner::Both) => "insights/",
            Some(Learner::Mentee) => "insights/mentees/",
            Some(Learner::Mentor) => "insights/mentors/",
        }
        .into(),
    )
}
pub(crate) fn insights_feed() -> UrlPath {
    UrlPath("insights/atom.xml".into())
}
/// The programme's report across its cohorts ("Bilanz"), made to be printed.
pub(crate) fn report() -> UrlPath {
    UrlPath("report/".into())
}
/// The milestones of every cohort, as an iCalendar file.
pub(crate) fn programme_ics() -> UrlPath {
    UrlPath("milestones.ics".into())
}

/// The pages tandem writes whatever the content: no content file may take their place.
pub(crate) fn fixed() -> [UrlPath; 14] {
    [
        home(),
        cohorts(),
        topics(),
        timeline(),
        search(),
        feed(),
        sitemap(),
        not_found(),
        insights(None),
        insights(Some(Learner::Mentee)),
        insights(Some(Learner::Mentor)),
        insights_feed(),
        report(),
        programme_ics(),
    ]
}

pub(crate) fn cohort(p: &Programme, c: CohortId) -> UrlPath {
    UrlPath(format!("cohorts/{}/", p.cohorts[c.0].slug))
}
pub(crate) fn cohort_timeline(p: &Programme, c: CohortId) -> UrlPath {
    UrlPath(format!("cohorts/{}/timeline/", p.cohorts[c.0].slug))
}
pub(crate) fn cohort_feed(p: &Programme, c: CohortId) -> UrlPath {
    UrlPath(format!("cohorts/{}/atom.xml", p.cohorts[c.0].slug))
}
/// A cohort's tandems with their figures, for a spreadsheet: the cohort's name is in
/// the file's, so that the files of several cohorts can lie in one download folder.
pub(crate) fn cohort_csv(p: &Programme, c: CohortId) -> UrlPath {
    let slug = &p.cohorts[c.0].slug;
    UrlPath(format!("cohorts/{slug}/tandems-{slug}.csv"))
}
/// A cohort's milestones, as an iCalendar file.
pub(crate) fn cohort_ics(p: &Programme, c: CohortId) -> UrlPath {
    let slug = &p.cohorts[c.0].slug;
    UrlPath(format!("cohorts/{slug}/milestones-{slug}.ics"))
}
pub(crate) fn tandem(p: &Programme, t: TandemId) -> UrlPath {
    UrlPath(tandem_path(p, t, 0))
}
/// `cohorts/<cohort>/<tandem>/`, with room for `extra` more bytes.
fn tandem_path(p: &Programme, t: TandemId, extra: usize) -> String {
    let tandem = &p.tandems[t.0];
    let cohort = p.cohorts[tandem.cohort.0].slug.as_str();
    let slug = tandem.slug.as_str();
    let mut path = String::with_capacity(11 + cohort.len() + slug.len() + extra);
    path.push_str("cohorts/");
    path.push_str(cohort);
    path.push('/');
    path.push_str(slug);
    path.push('/');
    path
}
pub(crate) fn entry(p: &Programme, e: EntryId) -> UrlPath {
    // Asked for tens of thousands of times per build: one allocation, no formatting.
    let entry = &p.entries[e.0];
    let slug = entry.slug.as_str();
    let mut path = tandem_path(p, entry.tandem, slug.len() + 1);
    path.push_str(slug);
    path.push('/');
    UrlPath(path)
}
pub(crate) fn attachment(p: &Programme, t: TandemId, url_name: &str) -> UrlPath {
    UrlPath(format!("{}{}", tandem(p, t).0, url_name))
}
pub(crate) fn topic(p: &Programme, t: TopicId) -> UrlPath {
    UrlPath(format!("topics/{}/", p.topics[t.0].slug))
}
pub(crate) fn topic_feed(p: &Programme, t: TopicId) -> UrlPath {
    UrlPath(format!("topics/{}/atom.xml", p.topics[t.0].slug))
}
pub(crate) fn doc(p: &Programme, d: DocId) -> UrlPath {
    let doc = &p.docs[d.0];
    let mut s = String::from("docs/");
    for seg in &doc.path {
        s.push_str(seg.as_str());
        s.push('/');
    }
    UrlPath(s)
}

/// Adds to an audience's programme (`content::view` of `whole`) the addresses, in the
/// whole programme's site, of what it withholds: cohorts, tandems, entries and
/// attachments, so that a link written as one of them is removed like a link to its
/// file.
pub fn withhold_pages(whole: &Programme, seen: &mut Programme) {
    let Some(view) = seen.view.as_mut() else {
        return;
    };
    let withheld: std::collections::HashSet<&str> =
        view.withheld.iter().map(String::as_str).collect();
    let mut pages = Vec::new();
    for (i, c) in whole.cohorts.iter().enumerate() {
        if withheld.contains(c.dir.as_str()) {
            pages.push((c.dir.clone(), cohort(whole, CohortId(i)).0));
        }
    }
    for (i, t) in whole.tandems.iter().enumerate() {
        if withheld.contains(t.dir.as_str()) {
            pages.push((t.dir.clone(), tandem(whole, TandemId(i)).0));
            for a in &t.attachments {
                pages.push((
                    a.file.clone(),
                    attachment(whole, TandemId(i), &a.url_name).0,
                ));
            }
        }
    }
    for (i, e) in whole.entries.iter().enumerate() {
        if withheld.contains(e.source.file.as_str()) {
            pages.push((e.source.file.clone(), entry(whole, EntryId(i)).0));
        }
    }
    view.withheld_pages = pages;
}
