//! Serialisable summaries of entries, tandems, cohorts and topics, computed once per
//! build and shared by every page that lists them (a `tera::Value` clone is cheap).

use crate::content::*;
use crate::i18n::{self, ui};
use crate::render::charts as draw;
use crate::site::stats::Silence;
use crate::site::{urls, Figures, Site};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use tera::Value;

mod activity;
mod charts;
pub(crate) mod insights;
mod outcomes;
pub(crate) mod report;

pub(crate) use activity::{activity, cohort_window, quiet, tandem_quiet};
pub(crate) use charts::{cohort_months, coverage, programme_months, tandem_anchor, topic_bars};
pub(crate) use outcomes::{cohort_finished, formats, programme_agreements, tandem_agreements};

type Strings = BTreeMap<String, String>;

pub(crate) struct Summaries {
    pub entries: std::collections::HashMap<EntryId, Value>,
    pub tandems: Vec<Value>,
    pub cohorts: Vec<Value>,
    pub topics: Vec<Value>,
}

pub(crate) fn topic_ref(site: &Site, t: TopicId) -> Json {
    let topic = &site.prog.topics[t.0];
    json!({ "id": topic.id, "title": topic.title, "url": site.href(&urls::topic(&site.prog, t)) })
}

fn person(p: &Person) -> Json {
    json!({ "name": p.name, "role": p.role, "email": p.email })
}

pub(crate) fn period_text(lang: Language, p: Option<Period>) -> Option<String> {
    p.map(|p| {
        format!(
            "{} – {}",
            i18n::date_long(lang, p.start),
            i18n::date_long(lang, p.end)
        )
    })
}

/// How an entry's `authors` read: `mentor` and `mentee` become the people's names.
pub(crate) fn author_names(prog: &Programme, e: &Entry) -> Vec<String> {
    let t = &prog.tandems[e.tandem.0];
    e.authors
        .iter()
        .map(|a| match a.to_lowercase().as_str() {
            "mentor" | "mentorin" => t.mentor.name.clone(),
            "mentee" => t.mentee.name.clone(),
            _ => a.clone(),
        })
        .collect()
}

pub(crate) fn entry_summary(site: &Site, strings: &Strings, id: EntryId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let e = &prog.entries[id.0];
    let t = &prog.tandems[e.tandem.0];
    let c = &prog.cohorts[t.cohort.0];
    let excerpt = site
        .entry_html
        .get(&id)
        .map(|r| r.excerpt.as_str())
        .unwrap_or("");
    json!({
        "title": site.title(id),
        "url": site.href(&urls::entry(prog, id)),
        "date": e.date.to_string(),
        "date_text": i18n::date_long(lang, e.date),
        "month": i18n::month_year(lang, e.date.year(), e.date.month()),
        "topics": e.topics.iter().map(|&t| topic_ref(site, t)).collect::<Vec<_>>(),
        "minutes": e.duration_minutes,
        "duration_text": e.duration_minutes.map(|m| i18n::duration(lang, m)),
        "format": e.format,
        "authors": author_names(prog, e),
        "excerpt": excerpt,
        "tandem_title": t.title,
        "tandem_url": site.href(&urls::tandem(prog, e.tandem)),
        "cohort_title": c.title,
        "cohort_url": site.href(&urls::cohort(prog, t.cohort)),
        "insights": insights::entry_insights(site, strings, id),
        "private": e.visibility == Visibility::Private,
        "draft": e.draft,
    })
}

pub(crate) fn tandem_summary(site: &Site, strings: &Strings, id: TandemId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let t = &prog.tandems[id.0];
    let c = &prog.cohorts[t.cohort.0];
    let f = &site.tandem_figures[id.0];
    let silences = activity::tandem_quiet(site, id);
    json!({
        "title": t.title,
        "custom_title": t.title != format!("{} & {}", t.mentee.name, t.mentor.name),
        "url": site.href(&urls::tandem(prog, id)),
        "mentor": person(&t.mentor),
        "mentee": person(&t.mentee),
        "organization": t.organization,
        "focus": t.focus.iter().map(|&x| topic_ref(site, x)).collect::<Vec<_>>(),
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": i18n::duration(lang, f.minutes),
        "figures_text": figures_text(strings, lang, f, None),
        "last_text": f.last.map(|d| i18n::date_long(lang, d)),
        "avg_days": f.avg_days_between.map(|v| i18n::decimal(lang, v)),
        "cohort_title": c.title,
        "cohort_url": site.href(&urls::cohort(prog, t.cohort)),
        "open_agreements": site.agreements[id.0].len(),
        "agreements": outcomes::agreements(site, strings, std::iter::once(id), outcomes::cohort_finished(site, t.cohort)),
        "rhythm": activity::rhythm(site, strings, id),
        "quiet_count": silences.len(),
        "longest_silence": silences.iter().map(Silence::days).max(),
        "quiet_now": silences.iter().find(|s| s.ongoing).map(|s| s.days()),
        "no_entries": t.entries.is_empty(),
    })
}

pub(crate) fn cohort_summary(site: &Site, strings: &Strings, id: CohortId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let c = &prog.cohorts[id.0];
    let f = &site.cohort_figures[id.0];
    json!({
        "title": c.title,
        "url": site.href(&urls::cohort(prog, id)),
        "timeline_url": site.href(&urls::cohort_timeline(prog, id)),
        "feed_url": site.href(&urls::cohort_feed(prog, id)),
        "csv_url": site.href(&urls::cohort_csv(prog, id)),
        "ics_url": (!c.milestones.is_empty()).then(|| site.href(&urls::cohort_ics(prog, id))),
        "period_text": period_text(lang, c.period),
        "tandems": c.tandems.len(),
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": i18n::duration(lang, f.minutes),
        "figures_text": figures_text(strings, lang, f, Some(c.tandems.len())),
        "finished": outcomes::cohort_finished(site, id),
        "agreements": outcomes::agreements(site, strings, c.tandems.iter().copied(), outcomes::cohort_finished(site, id)),
        "milestones": c.milestones.iter().map(|m| json!({
            "date": m.date.to_string(),
            "date_text": i18n::date_long(lang, m.date),
            "title": m.title,
        })).collect::<Vec<_>>(),
    })
}

/// "4 Tandems · 27 Einträge · 36 Std." (the meetings too where they are fewer than the
/// entries): a cohort's or tandem's figures in a line, each number with its noun.
fn figures_text(strings: &Strings, lang: Language, f: &Figures, tandems: Option<usize>) -> String {
    let mut parts = Vec::new();
    if let Some(n) = tandems {
        parts.push(counted(strings, n, "count_tandems"));
    }
    parts.push(count_entries(strings, f.entries));
    if f.meetings != f.entries {
        parts.push(counted(strings, f.meetings, "count_meetings"));
    }
    if f.minutes > 0 {
        parts.push(i18n::duration(lang, f.minutes));
    }
    parts.join(" · ")
}

pub(crate) fn topic_summary(site: &Site, strings: &Strings, id: TopicId) -> Json {
    let prog = &site.prog;
    let t = &prog.topics[id.0];
    json!({
        "id": t.id,
        "title": t.title,
        "description": t.description,
        "url": site.href(&urls::topic(prog, id)),
        "feed_url": site.href(&urls::topic_feed(prog, id)),
        "count": site.topic_entries[id.0].len(),
        "count_text": count_entries(strings, site.topic_entries[id.0].len()),
    })
}

pub(crate) fn to_value(j: &Json) -> Value {
    Value::from_serializable(j)
}

pub(crate) fn summaries(site: &Site, strings: &Strings) -> Summaries {
    use rayon::prelude::*;
    let entries = site
        .all_entries
        .par_iter()
        .map(|&id| (id, to_value(&entry_summary(site, strings, id))))
        .collect();
    Summaries {
        entries,
        tandems: (0..site.prog.tandems.len())
            .into_par_iter()
            .map(|i| to_value(&tandem_summary(site, strings, TandemId(i))))
            .collect(),
        cohorts: (0..site.prog.cohorts.len())
            .into_par_iter()
            .map(|i| to_value(&cohort_summary(site, strings, CohortId(i))))
            .collect(),
        topics: (0..site.prog.topics.len())
            .into_par_iter()
            .map(|i| to_value(&topic_summary(site, strings, TopicId(i))))
            .collect(),
    }
}

/// "1 Eintrag" / "5 Einträge".
pub(crate) fn count_entries(strings: &Strings, n: usize) -> String {
    counted(strings, n, "count_entries")
}

/// A number with its noun: the UI string `{key}_one` for one ("1 stille Phase"),
/// `{key}_none` for none where the theme has it ("keine stille Phase"), else `{key}`
/// with `{n}` filled in ("3 stille Phasen").
pub(crate) fn counted(strings: &Strings, n: usize, key: &str) -> String {
    let special = match n {
        0 => strings.get(&format!("{key}_none")),
        1 => strings.get(&format!("{key}_one")),
        _ => None,
    };
    match special {
        Some(s) => s.clone(),
        None => draw::fill(&ui(strings, key), &[("n", n.to_string())]),
    }
}

fn entry_dates(prog: &Programme, entries: impl Iterator<Item = EntryId>) -> Vec<NaiveDate> {
    entries.map(|e| prog.entries[e.0].date).collect()
}
