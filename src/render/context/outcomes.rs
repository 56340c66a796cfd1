//! What tandems achieved: agreements kept and left open, and how they met (the
//! formats of their meetings, month by month).

use super::activity::chart_span;
use super::{counted, Strings};
use crate::content::*;
use crate::i18n::{self, ui};
use crate::render::charts;
use crate::site::stats;
use crate::site::{urls, Site};
use chrono::Datelike;
use serde_json::{json, Value as Json};

/// Whether cohort `id` is over: the content holds an entry dated after its end. Its
/// open agreements are then "left open", not "open". (Measured against the content,
/// never the clock: the same content gives the same site on any day.)
pub(crate) fn cohort_finished(site: &Site, id: CohortId) -> bool {
    let prog = &site.prog;
    let newest = site.all_entries.first().map(|&e| prog.entries[e.0].date);
    match (prog.cohorts[id.0].period, newest) {
        (Some(p), Some(n)) => n > p.end,
        _ => false,
    }
}

/// Agreements kept and open over `tandems`.
pub(super) fn agreement_counts(
    site: &Site,
    tandems: impl Iterator<Item = TandemId>,
) -> (usize, usize) {
    tandems.fold((0, 0), |(done, open), t| {
        (
            done + site.agreements_done[t.0],
            open + site.agreements[t.0].len(),
        )
    })
}

/// "31 von 45 erledigt, 14 offen geblieben": the agreements of some tandems, for a
/// summary; `finished` says whether the open ones were left open.
pub(crate) fn agreements(
    site: &Site,
    strings: &Strings,
    tandems: impl Iterator<Item = TandemId>,
    finished: bool,
) -> Json {
    let (done, open) = agreement_counts(site, tandems);
    let open_key = if finished {
        "agreements_left_open"
    } else {
        "agreements_open"
    };
    json!({
        "done": done,
        "open": open,
        "made": done + open,
        "finished": finished,
        "done_text": charts::fill(
            &ui(strings, "agreements_done_of"),
            &[("done", done.to_string()), ("made", (done + open).to_string())],
        ),
        "open_text": counted(strings, open, open_key),
    })
}

/// The programme's agreements: a cohort's open ones count as left open once it is over.
pub(crate) fn programme_agreements(site: &Site, strings: &Strings) -> Json {
    let prog = &site.prog;
    let (mut done, mut open, mut left) = (0, 0, 0);
    for (i, c) in prog.cohorts.iter().enumerate() {
        let (d, o) = agreement_counts(site, c.tandems.iter().copied());
        done += d;
        if cohort_finished(site, CohortId(i)) {
            left += o;
        } else {
            open += o;
        }
    }
    let mut parts = Vec::new();
    if open > 0 || left == 0 {
        parts.push(counted(strings, open, "agreements_open"));
    }
    if left > 0 {
        parts.push(counted(strings, left, "agreements_left_open"));
    }
    json!({
        "done": done,
        "made": done + open + left,
        "done_text": charts::fill(
            &ui(strings, "agreements_done_of"),
            &[("done", done.to_string()), ("made", (done + open + left).to_string())],
        ),
        "open_text": parts.join(", "),
    })
}

/// The formats of the meetings among `entries` as written (`format:`), grouped
/// regardless of case; the spelling used most often names the group. Meetings without
/// a format are counted under "ohne Angabe".
pub(super) fn format_groups(
    site: &Site,
    strings: &Strings,
    entries: impl Iterator<Item = EntryId>,
) -> Vec<(String, Vec<EntryId>)> {
    let prog = &site.prog;
    let mut groups: Vec<(String, Vec<(String, EntryId)>)> = Vec::new();
    for e in entries {
        let entry = &prog.entries[e.0];
        let written = match (&entry.format, entry.duration_minutes) {
            (Some(f), _) => f.trim().to_string(),
            (None, Some(_)) => ui(strings, "format_unknown"),
            (None, None) => continue,
        };
        let key = written.to_lowercase();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push((written, e)),
            None => groups.push((key, vec![(written, e)])),
        }
    }
    let mut out: Vec<(String, Vec<EntryId>)> = groups
        .into_iter()
        .map(|(_, list)| {
            let mut spellings: Vec<(&str, usize)> = Vec::new();
            for (w, _) in &list {
                match spellings.iter_mut().find(|(s, _)| s == w) {
                    Some((_, n)) => *n += 1,
                    None => spellings.push((w, 1)),
                }
            }
            let name = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
            (name, list.into_iter().map(|(_, e)| e).collect())
        })
        .collect();
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    out
}

/// The formats of a cohort's meetings month by month: a matrix (formats × months) and
/// the numbers for its table. `None` when the cohort has no meeting.
pub(crate) fn formats(site: &Site, strings: &Strings, id: CohortId) -> Option<Json> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let entries = prog.cohorts[id.0]
        .tandems
        .iter()
        .flat_map(|t| prog.tandems[t.0].entries.iter().copied());
    let groups = format_groups(site, strings, entries);
    if groups.is_empty() {
        return None;
    }
    let (start, end) = chart_span(site, id)?;
    let months: Vec<(i32, u32)> = stats::per_month(&[], start, end)
        .into_iter()
        .map(|(ym, _)| ym)
        .collect();
    let columns: Vec<String> = months
        .iter()
        .enumerate()
        .map(|(i, &(y, m))| {
            let short = i18n::month_short(lang, m);
            if i == 0 || m == 1 {
                format!("{short} {y}")
            } else {
                short.to_string()
            }
        })
        .collect();
    let rows: Vec<(String, Vec<usize>)> = groups
        .iter()
        .map(|(name, entries)| {
            let dates: Vec<_> = entries.iter().map(|e| prog.entries[e.0].date).collect();
            let counts = months
                .iter()
                .map(|&(y, m)| {
                    dates
                        .iter()
                        .filter(|d| d.year() == y && d.month() == m)
                        .count()
                })
                .collect();
            (name.clone(), counts)
        })
        .collect();
    let timeline = site.href(&urls::cohort_timeline(prog, id));
    let title = charts::fill(
        &ui(strings, "chart_formats_title"),
        &[("name", prog.cohorts[id.0].title.clone())],
    );
    Some(formats_chart(
        strings,
        FormatsChart {
            title,
            groups: &groups,
            rows,
            columns,
            table_columns: months
                .iter()
                .map(|&(y, m)| i18n::month_year(lang, y, m))
                .collect(),
            links: months
                .iter()
                .map(|(y, m)| Some(format!("{timeline}#m-{y}-{m:02}")))
                .collect(),
        },
    ))
}

/// What a matrix of meeting formats shows: per format (`groups`, with their meetings)
/// its count per column (`rows`); the columns' heads in the chart and in its table,
/// and where a click on a cell of each column leads.
pub(super) struct FormatsChart<'a> {
    pub title: String,
    pub groups: &'a [(String, Vec<EntryId>)],
    pub rows: Vec<(String, Vec<usize>)>,
    pub columns: Vec<String>,
    pub table_columns: Vec<String>,
    pub links: Vec<Option<String>>,
}

/// The matrix of meeting formats (formats × months or cohorts) and the numbers for its
/// table.
pub(super) fn formats_chart(strings: &Strings, f: FormatsChart) -> Json {
    let desc = f
        .groups
        .iter()
        .map(|(name, e)| format!("{name}: {}", counted(strings, e.len(), "count_meetings")))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::matrix(&charts::Matrix {
        id: "fmt".into(),
        title: f.title.clone(),
        desc,
        columns: f.columns,
        rows: f
            .rows
            .iter()
            .map(|(label, counts)| charts::MatrixRow {
                label: label.clone(),
                counts: counts.clone(),
                focus: Vec::new(),
                links: f.links.clone(),
            })
            .collect(),
        count_label: ui(strings, "count_meetings"),
        count_one: ui(strings, "count_meetings_one"),
        focus_label: String::new(),
    });
    json!({
        "svg": svg,
        "title": f.title,
        "columns": f.table_columns,
        "rows": f.rows.iter().map(|(name, counts)| json!({
            "title": name,
            "counts": counts,
            "total": counts.iter().sum::<usize>(),
        })).collect::<Vec<_>>(),
    })
}

/// Per tandem of a cohort: its agreements kept and open, for the cohort's table.
pub(crate) fn tandem_agreements(site: &Site, strings: &Strings, id: CohortId) -> Json {
    let prog = &site.prog;
    let finished = cohort_finished(site, id);
    let rows: Vec<Json> = prog.cohorts[id.0]
        .tandems
        .iter()
        .map(|&t| {
            let mut a = agreements(site, strings, std::iter::once(t), finished);
            a["title"] = json!(prog.tandems[t.0].title);
            a["url"] = json!(site.href(&urls::tandem(prog, t)));
            a
        })
        .collect();
    json!({
        "rows": rows,
        "total": agreements(site, strings, prog.cohorts[id.0].tandems.iter().copied(), finished),
    })
}
