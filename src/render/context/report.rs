//! The programme's report across its cohorts ("Bilanz"): each cohort's figures side by
//! side, the formats of the meetings and the topics per cohort, a selection of
//! insights and every milestone.

use super::activity::tandem_quiet;
use super::outcomes::{
    agreement_counts, cohort_finished, format_groups, formats_chart, FormatsChart,
};
use super::{counted, insights, period_text, Strings};
use crate::content::*;
use crate::i18n::{self, ui};
use crate::render::charts;
use crate::site::insights::Learner;
use crate::site::{urls, Site};
use serde_json::{json, Value as Json};

/// How many insights of each direction the report quotes per cohort (each of another
/// tandem).
const INSIGHTS_PER_COHORT: usize = 1;

/// The entries of cohort `id`'s tandems.
fn entries_of(prog: &Programme, id: CohortId) -> impl Iterator<Item = EntryId> + '_ {
    prog.cohorts[id.0]
        .tandems
        .iter()
        .flat_map(|t| prog.tandems[t.0].entries.iter().copied())
}

/// A cohort's tandems that kept their rhythm: they wrote, and had no quiet phase.
pub(crate) fn rhythm_kept(site: &Site, id: CohortId) -> usize {
    site.prog.cohorts[id.0]
        .tandems
        .iter()
        .filter(|&&t| {
            !site.prog.tandems[t.0].entries.is_empty() && tandem_quiet(site, t).is_empty()
        })
        .count()
}

/// Per cohort: its figures, its outcomes and its files, for the report's table.
pub(crate) fn cohort_rows(site: &Site, strings: &Strings) -> Vec<Json> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    (0..prog.cohorts.len())
        .map(|i| {
            let id = CohortId(i);
            let c = &prog.cohorts[i];
            let f = &site.cohort_figures[i];
            let (done, open) = agreement_counts(site, c.tandems.iter().copied());
            let insights = site
                .insights
                .iter()
                .filter(|x| prog.tandems[prog.entries[x.entry.0].tandem.0].cohort == id)
                .count();
            json!({
                "title": c.title,
                "period_text": period_text(lang, c.period),
                "url": site.href(&urls::cohort(prog, id)),
                "csv_url": site.href(&urls::cohort_csv(prog, id)),
                "ics_url": (!c.milestones.is_empty()).then(|| site.href(&urls::cohort_ics(prog, id))),
                "tandems": c.tandems.len(),
                "entries": f.entries,
                "meetings": f.meetings,
                "hours": i18n::duration(lang, f.minutes),
                "agreements_done": done,
                "agreements_open": open,
                "finished": cohort_finished(site, id),
                "rhythm_kept": rhythm_kept(site, id),
                "insights": insights,
                "insights_text": counted(strings, insights, "count_insights"),
            })
        })
        .collect()
}

/// The cohorts side by side, one small bar chart per figure. Figures that count the
/// same thing share one scale: the tandems and those that kept their rhythm; the
/// entries, meetings and agreements.
pub(crate) fn comparison(strings: &Strings, rows: &[Json]) -> Vec<Json> {
    let get = |r: &Json, k: &str| r[k].as_u64().unwrap_or(0) as usize;
    let max_of = |keys: &[&str]| {
        rows.iter()
            .flat_map(|r| keys.iter().map(move |k| get(r, k)))
            .max()
            .unwrap_or(0)
    };
    let people = max_of(&["tandems"]);
    let work = max_of(&["entries", "meetings", "agreements_done", "agreements_open"]);
    let figures = [
        ("tandems", "count_tandems", people),
        ("rhythm_kept", "count_tandems", people),
        ("entries", "count_entries", work),
        ("meetings", "count_meetings", work),
        ("agreements_done", "count_agreements", work),
        ("agreements_open", "count_agreements", work),
    ];
    // One room for the values in every chart: the bars of one value are of one length.
    let value_width = figures
        .iter()
        .flat_map(|&(key, noun, _)| rows.iter().map(move |r| (get(r, key), noun)))
        .map(|(n, noun)| charts::value_width(&counted(strings, n, noun)))
        .fold(0.0, f64::max);
    figures
        .iter()
        .map(|&(key, noun, max)| {
            let title = ui(strings, &format!("report_{key}"));
            let bars: Vec<(String, usize, String)> = rows
                .iter()
                .map(|r| {
                    let n = get(r, key);
                    let label = r["title"].as_str().unwrap_or("").to_string();
                    (label, n, counted(strings, n, noun))
                })
                .collect();
            let desc = bars
                .iter()
                .map(|(l, _, shown)| format!("{l}: {shown}"))
                .collect::<Vec<_>>()
                .join("; ");
            let svg = charts::bars(&charts::Bars {
                id: format!("cmp-{key}"),
                title: title.clone(),
                desc,
                rows: bars,
                width: 320.0,
                max,
                value_width,
            });
            json!({"key": key, "title": title, "svg": svg})
        })
        .collect()
}

/// The formats of the meetings, cohort by cohort: a matrix (formats × cohorts) and
/// its numbers. `None` when nobody recorded a meeting.
pub(crate) fn formats(site: &Site, strings: &Strings) -> Option<Json> {
    let prog = &site.prog;
    let all = (0..prog.cohorts.len()).flat_map(|i| entries_of(prog, CohortId(i)));
    let groups = format_groups(site, strings, all);
    if groups.is_empty() {
        return None;
    }
    let rows: Vec<(String, Vec<usize>)> = groups
        .iter()
        .map(|(name, entries)| {
            let counts = (0..prog.cohorts.len())
                .map(|c| {
                    entries
                        .iter()
                        .filter(|e| prog.tandems[prog.entries[e.0].tandem.0].cohort.0 == c)
                        .count()
                })
                .collect();
            (name.clone(), counts)
        })
        .collect();
    let title = charts::fill(
        &ui(strings, "chart_formats_cohorts_title"),
        &[("name", prog.meta.title.clone())],
    );
    let names: Vec<String> = prog.cohorts.iter().map(|c| c.title.clone()).collect();
    Some(formats_chart(
        strings,
        FormatsChart {
            title,
            groups: &groups,
            rows,
            columns: names.clone(),
            table_columns: names,
            links: (0..prog.cohorts.len())
                .map(|c| Some(site.href(&urls::cohort(prog, CohortId(c))) + "#h-formats"))
                .collect(),
        },
    ))
}

/// Cohorts × topics: how many entries each cohort wrote on each topic.
pub(crate) fn coverage(site: &Site, strings: &Strings) -> Json {
    let prog = &site.prog;
    let rows: Vec<(CohortId, Vec<usize>)> = (0..prog.cohorts.len())
        .map(|i| {
            let mut counts = vec![0usize; prog.topics.len()];
            for e in entries_of(prog, CohortId(i)) {
                for tp in &prog.entries[e.0].topics {
                    counts[tp.0] += 1;
                }
            }
            (CohortId(i), counts)
        })
        .collect();
    let title = charts::fill(
        &ui(strings, "chart_coverage_title"),
        &[("name", prog.meta.title.clone())],
    );
    let svg = charts::matrix(&charts::Matrix {
        id: "cov".into(),
        title: title.clone(),
        desc: ui(strings, "chart_coverage_cohorts_desc"),
        columns: prog.topics.iter().map(|t| t.title.clone()).collect(),
        rows: rows
            .iter()
            .map(|(c, counts)| charts::MatrixRow {
                label: prog.cohorts[c.0].title.clone(),
                counts: counts.clone(),
                focus: Vec::new(),
                links: (0..prog.topics.len())
                    .map(|t| Some(site.href(&urls::topic(prog, TopicId(t)))))
                    .collect(),
            })
            .collect(),
        count_label: ui(strings, "count_entries"),
        count_one: ui(strings, "count_entries_one"),
        focus_label: String::new(),
    });
    json!({
        "svg": svg,
        "title": title,
        "topics": (0..prog.topics.len()).map(|i| super::topic_ref(site, TopicId(i))).collect::<Vec<_>>(),
        "rows": rows.iter().map(|(c, counts)| json!({
            "title": prog.cohorts[c.0].title,
            "url": site.href(&urls::cohort(prog, *c)),
            "counts": counts,
            "focus": vec![false; counts.len()],
        })).collect::<Vec<_>>(),
        "has_focus": false,
    })
}

/// A few insights, grouped by who learned: per cohort and direction the first
/// [`INSIGHTS_PER_COHORT`] (of different tandems), in date order.
pub(crate) fn selected_insights(site: &Site, strings: &Strings) -> Json {
    let prog = &site.prog;
    let mut chosen = Vec::new();
    for c in 0..prog.cohorts.len() {
        for d in [Learner::Mentee, Learner::Mentor, Learner::Both] {
            let mut tandems = Vec::new();
            for i in &site.insights {
                let t = prog.entries[i.entry.0].tandem;
                if i.learner == d
                    && prog.tandems[t.0].cohort.0 == c
                    && !tandems.contains(&t)
                    && tandems.len() < INSIGHTS_PER_COHORT
                {
                    tandems.push(t);
                    chosen.push(*i);
                }
            }
        }
    }
    chosen.sort_by_key(|i| site.insights.iter().position(|x| x == i));
    json!({
        "groups": insights::by_direction(site, strings, chosen.iter()),
        "count_text": counted(strings, site.insights.len(), "count_insights"),
        "shown": chosen.len(),
        "total": site.insights.len(),
        "url": site.href(&urls::insights(None)),
    })
}

/// Every cohort's milestones, by date.
pub(crate) fn milestones(site: &Site) -> Vec<Json> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let mut list: Vec<(&Milestone, CohortId)> = prog
        .cohorts
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.milestones.iter().map(move |m| (m, CohortId(i))))
        .collect();
    list.sort_by_key(|(m, c)| (m.date, c.0));
    list.into_iter()
        .map(|(m, c)| {
            json!({
                "date": m.date.to_string(),
                "date_text": i18n::date_long(lang, m.date),
                "title": m.title,
                "cohort_title": prog.cohorts[c.0].title,
                "cohort_url": site.href(&urls::cohort(prog, c)),
            })
        })
        .collect()
}
