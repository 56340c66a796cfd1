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
        count_one: ui(strings, "count_entries_one"),
        focus_label: ui(strings, "focus_topic"),
    });
    json!({"topics": topics, "rows": rows, "svg": svg, "title": title})
}

/// Entries of a topic per cohort, as bars.
pub(crate) fn topic_bars(site: &Site, strings: &Strings, id: TopicId, width: f64) -> Json {
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
pub(crate) fn cohort_months(site: &Site, strings: &Strings, id: CohortId) -> Option<Json> {
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
pub(crate) fn programme_months(site: &Site, strings: &Strings) -> Option<Json> {
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
    strings: &Strings,
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
