//! Insights as pages show them: who learned from whom, in which entry, and what.

use super::{counted, topic_ref, Strings};
use crate::content::*;
use crate::i18n::{self, ui};
use crate::render::charts::fill;
use crate::site::insights::{Insight, Learner};
use crate::site::{urls, Site};
use serde_json::{json, Value as Json};

/// The name of a direction in addresses, ids and templates.
pub(crate) fn learner_key(l: Learner) -> &'static str {
    match l {
        Learner::Mentee => "mentee",
        Learner::Mentor => "mentor",
        Learner::Both => "both",
    }
}

/// "Dr. Hans Berger lernte von Lena Vogt" / "… learned from …", or from each other.
fn byline(strings: &Strings, t: &Tandem, l: Learner) -> String {
    let (mentee, mentor) = (t.mentee.name.clone(), t.mentor.name.clone());
    let (key, a, b) = match l {
        Learner::Mentee => ("insight_learned_from", mentee, mentor),
        Learner::Mentor => ("insight_learned_from", mentor, mentee),
        Learner::Both => ("insight_learned_together", mentee, mentor),
    };
    fill(&ui(strings, key), &[("learner", a), ("teacher", b)])
}

/// What an entry's summary says of its insights (enough for lists of insights, and
/// for the fingerprints of the pages that show them).
pub(crate) fn entry_insights(site: &Site, strings: &Strings, id: EntryId) -> Vec<Json> {
    let Some(r) = site.entry_html.get(&id) else {
        return Vec::new();
    };
    let t = &site.prog.tandems[site.prog.entries[id.0].tandem.0];
    let url = site.href(&urls::entry(&site.prog, id));
    site.insights_of(id)
        .map(|i| {
            let ins = &r.insights[i.index];
            json!({
                "heading": ins.heading,
                "url": format!("{url}#{}", ins.id),
                "excerpt": ins.excerpt,
                "learner": learner_key(i.learner),
                "byline": byline(strings, t, i.learner),
            })
        })
        .collect()
}

/// An insight in full, for the pages that collect them: its text, who learned, where
/// it was written.
pub(crate) fn insight(site: &Site, strings: &Strings, i: &Insight) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let e = &prog.entries[i.entry.0];
    let t = &prog.tandems[e.tandem.0];
    let ins = site
        .entry_html
        .get(&i.entry)
        .and_then(|r| r.insights.get(i.index));
    let (heading, id, html, excerpt) = ins.map_or(Default::default(), |x| {
        (
            x.heading.as_str(),
            x.id.as_str(),
            x.html.as_str(),
            x.excerpt.as_str(),
        )
    });
    json!({
        "heading": heading,
        "html": html,
        "excerpt": excerpt,
        "learner": learner_key(i.learner),
        "byline": byline(strings, t, i.learner),
        "url": format!("{}#{id}", site.href(&urls::entry(prog, i.entry))),
        "entry_title": site.title(i.entry),
        "date": e.date.to_string(),
        "date_text": i18n::date_long(lang, e.date),
        "tandem_title": t.title,
        "tandem_url": site.href(&urls::tandem(prog, e.tandem)),
        "cohort_title": prog.cohorts[t.cohort.0].title,
        "cohort_url": site.href(&urls::cohort(prog, t.cohort)),
        "topics": e.topics.iter().map(|&tp| topic_ref(site, tp)).collect::<Vec<_>>(),
    })
}

/// Whether an insight belongs to the insights of direction `d`: those learned from
/// each other belong to both.
pub(crate) fn in_direction(l: Learner, d: Learner) -> bool {
    l == d || l == Learner::Both
}

/// Insights grouped by who learned: the mentees' (from their mentors), the mentors'
/// (from their mentees), and those learned from each other; empty groups left out.
pub(crate) fn by_direction<'a>(
    site: &Site,
    strings: &Strings,
    list: impl Iterator<Item = &'a Insight>,
) -> Vec<Json> {
    let list: Vec<&Insight> = list.collect();
    [Learner::Mentee, Learner::Mentor, Learner::Both]
        .into_iter()
        .filter_map(|d| {
            let items: Vec<Json> = list
                .iter()
                .filter(|i| i.learner == d)
                .map(|i| insight(site, strings, i))
                .collect();
            (!items.is_empty()).then(|| {
                json!({
                    "key": learner_key(d),
                    "title": ui(strings, &format!("insights_{}", learner_key(d))),
                    "count_text": counted(strings, items.len(), "count_insights"),
                    "items": items,
                })
            })
        })
        .collect()
}
