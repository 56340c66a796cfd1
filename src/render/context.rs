//! Serialisable summaries of entries, tandems, cohorts and topics, computed once per
//! build and shared by every page that lists them (a `tera::Value` clone is cheap).

use super::charts;
use crate::content::*;
use crate::i18n::{self, ui};
use crate::site::stats::{self, Silence};
use crate::site::{urls, Site};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use tera::Value;

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

pub(crate) fn entry_summary(site: &Site, id: EntryId) -> Json {
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
        "date_short": i18n::date_short(lang, e.date),
        "month": i18n::month_year(lang, e.date.year(), e.date.month()),
        "topics": e.topics.iter().map(|&t| topic_ref(site, t)).collect::<Vec<_>>(),
        "minutes": e.duration_minutes,
        "duration_text": e.duration_minutes.map(i18n::duration),
        "format": e.format,
        "authors": author_names(prog, e),
        "excerpt": excerpt,
        "tandem_title": t.title,
        "tandem_url": site.href(&urls::tandem(prog, e.tandem)),
        "cohort_title": c.title,
        "cohort_url": site.href(&urls::cohort(prog, t.cohort)),
        "private": e.visibility == Visibility::Private,
        "draft": e.draft,
    })
}

pub(crate) fn tandem_summary(site: &Site, id: TandemId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let t = &prog.tandems[id.0];
    let c = &prog.cohorts[t.cohort.0];
    let f = &site.tandem_figures[id.0];
    let silences = tandem_silences(site, id);
    json!({
        "title": t.title,
        "url": site.href(&urls::tandem(prog, id)),
        "mentor": person(&t.mentor),
        "mentee": person(&t.mentee),
        "organization": t.organization,
        "focus": t.focus.iter().map(|&x| topic_ref(site, x)).collect::<Vec<_>>(),
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": i18n::hours(lang, f.minutes),
        "last_text": f.last.map(|d| i18n::date_long(lang, d)),
        "last_short": f.last.map(|d| i18n::date_short(lang, d)),
        "avg_days": f.avg_days_between.map(|v| i18n::decimal(lang, v)),
        "cohort_title": c.title,
        "cohort_url": site.href(&urls::cohort(prog, t.cohort)),
        "open_agreements": site.agreements[id.0].len(),
        "longest_silence": silences.iter().map(Silence::days).max(),
        "quiet_now": silences.iter().find(|s| s.ongoing).map(|s| s.days()),
    })
}

pub(crate) fn cohort_summary(site: &Site, id: CohortId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let c = &prog.cohorts[id.0];
    let f = &site.cohort_figures[id.0];
    json!({
        "title": c.title,
        "url": site.href(&urls::cohort(prog, id)),
        "timeline_url": site.href(&urls::cohort_timeline(prog, id)),
        "feed_url": site.href(&urls::cohort_feed(prog, id)),
        "period_text": period_text(lang, c.period),
        "tandems": c.tandems.len(),
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": i18n::hours(lang, f.minutes),
        "milestones": c.milestones.iter().map(|m| json!({
            "date": m.date.to_string(),
            "date_text": i18n::date_long(lang, m.date),
            "title": m.title,
        })).collect::<Vec<_>>(),
    })
}

pub(crate) fn topic_summary(site: &Site, id: TopicId) -> Json {
    let prog = &site.prog;
    let t = &prog.topics[id.0];
    json!({
        "id": t.id,
        "title": t.title,
        "description": t.description,
        "url": site.href(&urls::topic(prog, id)),
        "feed_url": site.href(&urls::topic_feed(prog, id)),
        "count": site.topic_entries[id.0].len(),
    })
}

pub(crate) fn to_value(j: &Json) -> Value {
    Value::from_serializable(j)
}

pub(crate) fn summaries(site: &Site) -> Summaries {
    use rayon::prelude::*;
    let entries = site
        .all_entries
        .par_iter()
        .map(|&id| (id, to_value(&entry_summary(site, id))))
        .collect();
    Summaries {
        entries,
        tandems: (0..site.prog.tandems.len())
            .into_par_iter()
            .map(|i| to_value(&tandem_summary(site, TandemId(i))))
            .collect(),
        cohorts: (0..site.prog.cohorts.len())
            .into_par_iter()
            .map(|i| to_value(&cohort_summary(site, CohortId(i))))
            .collect(),
        topics: (0..site.prog.topics.len())
            .into_par_iter()
            .map(|i| to_value(&topic_summary(site, TopicId(i))))
            .collect(),
    }
}

// ---------------------------------------------------------------------------------
// What the charts and the "quiet" lists show. Built from the site, drawn by `charts`.

/// "1 Eintrag" / "5 Einträge".
pub(crate) fn count_entries(strings: &BTreeMap<String, String>, n: usize) -> String {
    if n == 1 {
        ui(strings, "count_entry_one")
    } else {
        charts::fill(&ui(strings, "count_entries"), &[("n", n.to_string())])
    }
}

fn entry_dates(prog: &Programme, entries: impl Iterator<Item = EntryId>) -> Vec<NaiveDate> {
    entries.map(|e| prog.entries[e.0].date).collect()
}

/// The stretch of time a cohort's silences are measured in (see [`stats::cohort_window`]).
pub(crate) fn cohort_window(site: &Site, id: CohortId) -> Option<Period> {
    let prog = &site.prog;
    let c = &prog.cohorts[id.0];
    let dates = entry_dates(
        prog,
        c.tandems
            .iter()
            .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
    );
    stats::cohort_window(c.period, &dates)
}

/// A tandem's stretches of [`stats::QUIET_DAYS`] or more without an entry.
pub(crate) fn tandem_silences(site: &Site, id: TandemId) -> Vec<Silence> {
    let prog = &site.prog;
    let t = &prog.tandems[id.0];
    match cohort_window(site, t.cohort) {
        Some(w) => stats::silences(
            &entry_dates(prog, t.entries.iter().copied()),
            w,
            stats::QUIET_DAYS,
        ),
        None => Vec::new(),
    }
}

/// The period a chart of a cohort spans: its period, widened to every entry.
fn chart_span(site: &Site, id: CohortId) -> Option<(NaiveDate, NaiveDate)> {
    let prog = &site.prog;
    let c = &prog.cohorts[id.0];
    let mut dates = entry_dates(
        prog,
        c.tandems
            .iter()
            .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
    );
    dates.extend(c.milestones.iter().map(|m| m.date));
    if let Some(p) = c.period {
        dates.push(p.start);
        dates.push(p.end);
    }
    Some((*dates.iter().min()?, *dates.iter().max()?))
}

fn silence_json(lang: Language, s: &Silence) -> Json {
    json!({
        "from": s.from.to_string(),
        "to": s.to.to_string(),
        "from_text": i18n::date_long(lang, s.from),
        "to_text": i18n::date_long(lang, s.to),
        "days": s.days(),
        "ongoing": s.ongoing,
    })
}

fn mark(site: &Site, id: EntryId) -> charts::Mark {
    let prog = &site.prog;
    let e = &prog.entries[id.0];
    let mut tooltip = format!(
        "{} · {}",
        i18n::date_long(prog.meta.language, e.date),
        site.title(id)
    );
    if let Some(m) = e.duration_minutes {
        tooltip.push_str(" · ");
        tooltip.push_str(&i18n::duration(m));
    }
    charts::Mark {
        date: e.date,
        tooltip,
        meeting: e.duration_minutes.is_some() || e.format.is_some(),
    }
}

/// The activity chart of a cohort (all its tandems) or of one tandem, and the rows of
/// its table fallback.
pub(crate) fn activity(
    site: &Site,
    strings: &BTreeMap<String, String>,
    cohort: CohortId,
    only: Option<TandemId>,
) -> Option<Json> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let c = &prog.cohorts[cohort.0];
    let (start, end) = chart_span(site, cohort)?;
    let tandems: Vec<TandemId> = match only {
        Some(t) => vec![t],
        None => c.tandems.clone(),
    };
    let (lanes, rows, entries) = activity_lanes(site, &tandems);
    let name = match only {
        Some(t) => prog.tandems[t.0].title.clone(),
        None => c.title.clone(),
    };
    let title = charts::fill(
        &ui(strings, "chart_activity_title"),
        &[("name", name.clone())],
    );
    let desc = charts::fill(
        &ui(strings, "chart_activity_desc"),
        &[
            ("entries", count_entries(strings, entries)),
            ("start", i18n::date_long(lang, start)),
            ("end", i18n::date_long(lang, end)),
            (
                "quiet",
                lanes
                    .iter()
                    .map(|l| l.silences.len())
                    .sum::<usize>()
                    .to_string(),
            ),
        ],
    );
    let svg = charts::activity(&charts::Activity {
        id: if only.is_some() { "act-t" } else { "act" }.to_string(),
        title: title.clone(),
        desc,
        lang,
        start,
        end,
        lanes,
        milestones: c
            .milestones
            .iter()
            .map(|m| (m.date, m.title.clone()))
            .collect(),
        lane_labels: only.is_none(),
        quiet_label: ui(strings, "quiet_label"),
        quiet_after: stats::QUIET_DAYS,
    });
    Some(json!({ "svg": svg, "title": title, "rows": rows }))
}

/// Per tandem, its lane of the activity chart and its row of the table beside it; and
/// how many entries they show.
fn activity_lanes(site: &Site, tandems: &[TandemId]) -> (Vec<charts::Lane>, Vec<Json>, usize) {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let mut lanes = Vec::new();
    let mut rows = Vec::new();
    let mut entries = 0;
    for &t in tandems {
        let td = &prog.tandems[t.0];
        let silences = tandem_silences(site, t);
        entries += td.entries.len();
        lanes.push(charts::Lane {
            label: td.title.clone(),
            marks: td.entries.iter().map(|&e| mark(site, e)).collect(),
            silences: silences.clone(),
        });
        rows.push(json!({
            "title": td.title,
            "url": site.href(&urls::tandem(prog, t)),
            "entries": td.entries.iter().map(|&e| json!({
                "date": prog.entries[e.0].date.to_string(),
                "date_short": i18n::date_short(lang, prog.entries[e.0].date),
                "title": site.title(e),
                "url": site.href(&urls::entry(prog, e)),
            })).collect::<Vec<_>>(),
            "silences": silences.iter().map(|s| silence_json(lang, s)).collect::<Vec<_>>(),
        }));
    }
    (lanes, rows, entries)
}

/// Tandems × topics of a cohort: the SVG matrix and the numbers for its table.
pub(crate) fn coverage(site: &Site, strings: &BTreeMap<String, String>, id: CohortId) -> Json {
    let prog = &site.prog;
    let topics: Vec<Json> = (0..prog.topics.len())
        .map(|i| topic_ref(site, TopicId(i)))
        .collect();
    let mut rows = Vec::new();
    let mut matrix_rows = Vec::new();
    for &t in &prog.cohorts[id.0].tandems {
        let td = &prog.tandems[t.0];
        let mut counts = vec![0usize; prog.topics.len()];
        for &e in &td.entries {
            for tp in &prog.entries[e.0].topics {
                counts[tp.0] += 1;
            }
        }
        let focus: Vec<bool> = (0..prog.topics.len())
            .map(|i| td.focus.contains(&TopicId(i)))
            .collect();
        rows.push(json!({
            "title": td.title,
            "url": site.href(&urls::tandem(prog, t)),
            "counts": counts,
            "focus": focus,
        }));
        matrix_rows.push(charts::MatrixRow {
            label: td.title.clone(),
            counts,
            focus,
        });
    }
    let title = charts::fill(
        &ui(strings, "chart_coverage_title"),
        &[("name", prog.cohorts[id.0].title.clone())],
    );
    let svg = charts::matrix(&charts::Matrix {
        id: "cov".into(),
        title: title.clone(),
        desc: ui(strings, "chart_coverage_desc"),
        columns: prog.topics.iter().map(|t| t.title.clone()).collect(),
        rows: matrix_rows,
        count_label: ui(strings, "count_entries"),
        focus_label: ui(strings, "focus_topic"),
    });
    json!({"topics": topics, "rows": rows, "svg": svg, "title": title})
}

/// The tandems of a cohort that fell quiet, longest silence first.
pub(crate) fn quiet(site: &Site, id: CohortId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let window = cohort_window(site, id);
    let mut list: Vec<(i64, usize, Json)> = Vec::new();
    for (i, &t) in prog.cohorts[id.0].tandems.iter().enumerate() {
        let s = tandem_silences(site, t);
        let Some(longest) = s.iter().map(Silence::days).max() else {
            continue;
        };
        list.push((
            longest,
            i,
            json!({
                "title": prog.tandems[t.0].title,
                "url": site.href(&urls::tandem(prog, t)),
                "longest": longest,
                "longest_from_text": s.iter().find(|x| x.days() == longest).map(|x| i18n::date_long(lang, x.from)),
                "longest_to_text": s.iter().find(|x| x.days() == longest).map(|x| i18n::date_long(lang, x.to)),
                "count": s.len(),
                "ongoing": s.iter().find(|x| x.ongoing).map(Silence::days),
                "silences": s.iter().map(|x| silence_json(lang, x)).collect::<Vec<_>>(),
            }),
        ));
    }
    list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    json!({
        "days": stats::QUIET_DAYS,
        "as_of": window.map(|w| w.end.to_string()),
        "as_of_text": window.map(|w| i18n::date_long(lang, w.end)),
        "from_text": window.map(|w| i18n::date_long(lang, w.start)),
        "tandems": list.into_iter().map(|x| x.2).collect::<Vec<_>>(),
    })
}

/// Entries of a topic per cohort, as bars.
pub(crate) fn topic_bars(
    site: &Site,
    strings: &BTreeMap<String, String>,
    id: TopicId,
    width: f64,
) -> Json {
    let prog = &site.prog;
    let mut per_cohort = vec![0usize; prog.cohorts.len()];
    for &e in &site.topic_entries[id.0] {
        let t = prog.entries[e.0].tandem;
        per_cohort[prog.tandems[t.0].cohort.0] += 1;
    }
    let rows: Vec<(String, usize, String)> = prog
        .cohorts
        .iter()
        .zip(&per_cohort)
        .map(|(c, &n)| (c.title.clone(), n, n.to_string()))
        .collect();
    let title = charts::fill(
        &ui(strings, "chart_topic_title"),
        &[("name", prog.topics[id.0].title.clone())],
    );
    let desc = rows
        .iter()
        .map(|(c, n, _)| format!("{c}: {}", count_entries(strings, *n)))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::bars(&charts::Bars {
        id: format!("tb-{}", prog.topics[id.0].slug.as_str()),
        title: title.clone(),
        desc,
        rows: rows.clone(),
        width,
    });
    json!({
        "svg": svg,
        "title": title,
        "rows": rows.iter().map(|(c, n, _)| json!({"title": c, "count": n})).collect::<Vec<_>>(),
    })
}

/// Entries per month of a cohort, as small columns for its card on the home page.
pub(crate) fn cohort_months(
    site: &Site,
    strings: &BTreeMap<String, String>,
    id: CohortId,
) -> Option<Json> {
    let prog = &site.prog;
    let c = &prog.cohorts[id.0];
    let (start, end) = chart_span(site, id)?;
    let dates = entry_dates(
        prog,
        c.tandems
            .iter()
            .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
    );
    Some(months_chart(
        site,
        strings,
        &format!("cm-{}", c.slug.as_str()),
        &c.title,
        &dates,
        start,
        end,
    ))
}

/// Entries per month of the whole programme, for the timeline.
pub(crate) fn programme_months(site: &Site, strings: &BTreeMap<String, String>) -> Option<Json> {
    let prog = &site.prog;
    let mut dates = entry_dates(prog, site.all_entries.iter().copied());
    let mut span = dates.clone();
    if let Some(p) = prog.meta.period {
        span.push(p.start);
        span.push(p.end);
    }
    let (start, end) = (*span.iter().min()?, *span.iter().max()?);
    dates.sort();
    Some(months_chart(
        site,
        strings,
        "pm",
        &prog.meta.title,
        &dates,
        start,
        end,
    ))
}

fn months_chart(
    site: &Site,
    strings: &BTreeMap<String, String>,
    id: &str,
    name: &str,
    dates: &[NaiveDate],
    start: NaiveDate,
    end: NaiveDate,
) -> Json {
    let lang = site.prog.meta.language;
    let months = stats::per_month(dates, start, end);
    let title = charts::fill(
        &ui(strings, "chart_months_title"),
        &[("name", name.to_string())],
    );
    let desc = months
        .iter()
        .map(|((y, m), n)| format!("{}: {n}", i18n::month_year(lang, *y, *m)))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::columns(&charts::Columns {
        id: id.to_string(),
        title: title.clone(),
        desc,
        lang,
        months,
    });
    json!({"svg": svg, "title": title})
}
