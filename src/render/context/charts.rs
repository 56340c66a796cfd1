//! The other charts' data: the topic coverage matrix, a topic's entries per cohort,
//! entries per month.

use super::activity::chart_span;
use super::{count_entries, entry_dates, topic_ref, Strings};
use crate::content::*;
use crate::i18n::{self, ui};
use crate::render::charts;
use crate::site::stats;
use crate::site::{urls, Site};
use chrono::NaiveDate;
use serde_json::{json, Value as Json};

/// Tandems × topics of a cohort: the SVG matrix and the numbers for its table.
pub(crate) fn coverage(site: &Site, strings: &Strings, id: CohortId) -> Json {
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
        let anchor = tandem_anchor(site, t);
        matrix_rows.push(charts::MatrixRow {
            label: td.title.clone(),
            links: (0..prog.topics.len())
                .map(|i| {
                    Some(format!(
                        "{}#{anchor}",
                        site.href(&urls::topic(prog, TopicId(i)))
                    ))
                })
                .collect(),
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
        count_one: ui(strings, "count_entries_one"),
        focus_label: ui(strings, "focus_topic"),
    });
    json!({"topics": topics, "rows": rows, "svg": svg, "title": title, "has_focus": true})
}

/// The id of a tandem's list of entries on a topic page.
pub(crate) fn tandem_anchor(site: &Site, t: TandemId) -> String {
    let prog = &site.prog;
    let td = &prog.tandems[t.0];
    format!(
        "t-{}-{}",
        prog.cohorts[td.cohort.0].slug.as_str(),
        td.slug.as_str()
    )
}

/// A topic's entries per cohort.
fn per_cohort(site: &Site, id: TopicId) -> Vec<usize> {
    let prog = &site.prog;
    let mut per_cohort = vec![0usize; prog.cohorts.len()];
    for &e in &site.topic_entries[id.0] {
        let t = prog.entries[e.0].tandem;
        per_cohort[prog.tandems[t.0].cohort.0] += 1;
    }
    per_cohort
}

/// The most entries any topic has in any cohort: the full bar of every topic chart,
/// so that the charts compare.
fn topic_max(site: &Site) -> usize {
    (0..site.prog.topics.len())
        .flat_map(|t| per_cohort(site, TopicId(t)))
        .max()
        .unwrap_or(0)
}

/// Entries of a topic per cohort, as bars on the scale all topics share.
pub(crate) fn topic_bars(site: &Site, strings: &Strings, id: TopicId, width: f64) -> Json {
    let prog = &site.prog;
    let per_cohort = per_cohort(site, id);
    let rows: Vec<(String, usize, String)> = prog
        .cohorts
        .iter()
        .zip(&per_cohort)
        .map(|(c, &n)| (c.title.clone(), n, count_entries(strings, n)))
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
        max: topic_max(site),
        value_width: 0.0,
    });
    json!({
        "svg": svg,
        "title": title,
        "rows": rows.iter().map(|(c, n, _)| json!({"title": c, "count": n})).collect::<Vec<_>>(),
    })
}

/// The most entries any cohort has in one month: the full column of every cohort's
/// chart, so that the charts compare.
fn cohort_month_max(site: &Site) -> usize {
    let prog = &site.prog;
    (0..prog.cohorts.len())
        .filter_map(|i| {
            let (start, end) = chart_span(site, CohortId(i))?;
            stats::per_month(&cohort_dates(site, CohortId(i)), start, end)
                .into_iter()
                .map(|(_, n)| n)
                .max()
        })
        .max()
        .unwrap_or(0)
}

fn cohort_dates(site: &Site, id: CohortId) -> Vec<NaiveDate> {
    let prog = &site.prog;
    entry_dates(
        prog,
        prog.cohorts[id.0]
            .tandems
            .iter()
            .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
    )
}

/// Entries per month of a cohort, as small columns for its card, on the scale all
/// cohorts share.
pub(crate) fn cohort_months(site: &Site, strings: &Strings, id: CohortId) -> Option<Json> {
    let c = &site.prog.cohorts[id.0];
    let (start, end) = chart_span(site, id)?;
    Some(months_chart(
        site,
        strings,
        MonthsChart {
            id: format!("cm-{}", c.slug.as_str()),
            name: &c.title,
            dates: &cohort_dates(site, id),
            span: (start, end),
            max: cohort_month_max(site),
            width: Some(360.0),
        },
    ))
}

/// Entries per month of each cohort over the programme's whole time, one chart per
/// cohort on one scale, for the timeline: the cohorts side by side, told apart by
/// their names rather than by colour.
pub(crate) fn programme_months(site: &Site, strings: &Strings) -> Vec<Json> {
    let prog = &site.prog;
    let mut span: Vec<NaiveDate> = entry_dates(prog, site.all_entries.iter().copied());
    if let Some(p) = prog.meta.period {
        span.extend([p.start, p.end]);
    }
    for i in 0..prog.cohorts.len() {
        if let Some((a, b)) = chart_span(site, CohortId(i)) {
            span.extend([a, b]);
        }
    }
    let (Some(&start), Some(&end)) = (span.iter().min(), span.iter().max()) else {
        return Vec::new();
    };
    let max = cohort_month_max(site);
    (0..prog.cohorts.len())
        .map(|i| {
            let c = &prog.cohorts[i];
            let mut chart = months_chart(
                site,
                strings,
                MonthsChart {
                    id: format!("pm-{}", c.slug.as_str()),
                    name: &c.title,
                    dates: &cohort_dates(site, CohortId(i)),
                    span: (start, end),
                    max,
                    width: None,
                },
            );
            chart["cohort"] = json!(c.title);
            chart["url"] = json!(site.href(&urls::cohort(prog, CohortId(i))));
            chart
        })
        .collect()
}

/// A chart of entries per month: what it shows and on which scale.
struct MonthsChart<'a> {
    id: String,
    name: &'a str,
    dates: &'a [NaiveDate],
    span: (NaiveDate, NaiveDate),
    max: usize,
    width: Option<f64>,
}

fn months_chart(site: &Site, strings: &Strings, m: MonthsChart) -> Json {
    let lang = site.prog.meta.language;
    let months = stats::per_month(m.dates, m.span.0, m.span.1);
    let title = charts::fill(
        &ui(strings, "chart_months_title"),
        &[("name", m.name.to_string())],
    );
    let desc = months
        .iter()
        .map(|((y, mo), n)| format!("{}: {n}", i18n::month_year(lang, *y, *mo)))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::columns(&charts::Columns {
        id: m.id,
        title: title.clone(),
        desc,
        lang,
        months,
        max: m.max,
        width: m.width,
    });
    json!({"svg": svg, "title": title})
}
