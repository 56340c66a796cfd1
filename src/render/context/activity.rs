//! The activity chart, the rhythms and the quiet phases: what a cohort's or a tandem's
//! entries look like over time, measured against each tandem's rhythm.

use super::{count_entries, counted, entry_dates};
use crate::content::*;
use crate::i18n::{self, ui};
use crate::render::charts::{self, fill};
use crate::site::stats::{self, Silence};
use crate::site::{urls, Site};
use chrono::NaiveDate;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

type Strings = BTreeMap<String, String>;

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

/// A tandem's quiet phases: its gaps without an entry that are longer than its rhythm
/// allows. A tandem without any entry has none: it is shown as having no entry.
pub(crate) fn tandem_quiet(site: &Site, id: TandemId) -> Vec<Silence> {
    let prog = &site.prog;
    let t = &prog.tandems[id.0];
    if t.entries.is_empty() {
        return Vec::new();
    }
    match cohort_window(site, t.cohort) {
        Some(w) => stats::quiet_phases(
            &entry_dates(prog, t.entries.iter().copied()),
            w,
            prog.rhythm_of(id).0,
        ),
        None => Vec::new(),
    }
}

/// The period a chart of a cohort spans: its period, widened to every entry.
pub(super) fn chart_span(site: &Site, id: CohortId) -> Option<(NaiveDate, NaiveDate)> {
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

/// How often tandem `id` means to meet and how often it met: "geplant alle 2 Wochen,
/// tatsächlich im Mittel alle 33 Tage".
pub(crate) fn rhythm(site: &Site, strings: &Strings, id: TandemId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let (r, source) = prog.rhythm_of(id);
    let planned = i18n::rhythm(lang, r);
    let (key, source_name) = match source {
        RhythmSource::Tandem => ("rhythm_planned", "tandem"),
        RhythmSource::Cohort => ("rhythm_planned_cohort", "cohort"),
        RhythmSource::Programme => ("rhythm_planned_programme", "programme"),
        RhythmSource::Default => ("rhythm_planned_default", "default"),
    };
    let planned_text = fill(&ui(strings, key), &[("rhythm", planned.clone())]);
    let actual = site.tandem_figures[id.0]
        .avg_days_between
        .map(|d| d.round().max(1.0) as i64);
    let actual_text = match actual {
        Some(1) => ui(strings, "rhythm_actual_one"),
        Some(d) => fill(&ui(strings, "rhythm_actual"), &[("days", d.to_string())]),
        None => ui(strings, "rhythm_actual_none"),
    };
    json!({
        "planned": planned,
        "days": r.days,
        "source": source_name,
        "planned_text": planned_text,
        "actual_days": actual,
        "actual_text": actual_text,
        "text": format!("{planned_text}, {actual_text}"),
        "quiet_after": r.quiet_after(),
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
        tooltip.push_str(&i18n::duration(prog.meta.language, m));
    }
    charts::Mark {
        date: e.date,
        tooltip,
        meeting: e.duration_minutes.is_some() || e.format.is_some(),
        url: Some(site.href(&urls::entry(prog, id))),
    }
}

/// The activity chart of a cohort (all its tandems) or of one tandem, and the rows of
/// its table fallback.
pub(crate) fn activity(
    site: &Site,
    strings: &Strings,
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
    let (lanes, rows, entries) = activity_lanes(site, strings, &tandems);
    let name = match only {
        Some(t) => prog.tandems[t.0].title.clone(),
        None => c.title.clone(),
    };
    let title = fill(
        &ui(strings, "chart_activity_title"),
        &[("name", name.clone())],
    );
    let quiet: usize = lanes.iter().map(|l| l.silences.len()).sum();
    let desc = fill(
        &ui(strings, "chart_activity_desc"),
        &[
            ("entries", count_entries(strings, entries)),
            ("start", i18n::date_long(lang, start)),
            ("end", i18n::date_long(lang, end)),
            ("quiet", counted(strings, quiet, "quiet_count")),
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
        quiet_from_label: ui(strings, "quiet_from_day"),
    });
    Some(json!({ "svg": svg, "title": title, "rows": rows }))
}

/// Per tandem, its lane of the activity chart and its row of the table beside it; and
/// how many entries they show.
fn activity_lanes(
    site: &Site,
    strings: &Strings,
    tandems: &[TandemId],
) -> (Vec<charts::Lane>, Vec<Json>, usize) {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let mut lanes = Vec::new();
    let mut rows = Vec::new();
    let mut entries = 0;
    for &t in tandems {
        let td = &prog.tandems[t.0];
        let silences = tandem_quiet(site, t);
        entries += td.entries.len();
        lanes.push(charts::Lane {
            label: td.title.clone(),
            marks: td.entries.iter().map(|&e| mark(site, e)).collect(),
            silences: silences.clone(),
            quiet_after: prog.rhythm_of(t).0.quiet_after(),
            empty_label: td.entries.is_empty().then(|| ui(strings, "no_entry_yet")),
        });
        rows.push(json!({
            "title": td.title,
            "url": site.href(&urls::tandem(prog, t)),
            "rhythm": rhythm(site, strings, t),
            "entries": td.entries.iter().map(|&e| json!({
                "date": prog.entries[e.0].date.to_string(),
                "date_text": i18n::date_long(lang, prog.entries[e.0].date),
                "title": site.title(e),
                "url": site.href(&urls::entry(prog, e)),
            })).collect::<Vec<_>>(),
            "silences": silences.iter().map(|s| silence_json(lang, s)).collect::<Vec<_>>(),
        }));
    }
    (lanes, rows, entries)
}

/// The tandems of a cohort that fell quiet (longest quiet phase first) and those that
/// have no entry yet, with the rule and the window they are measured in.
pub(crate) fn quiet(site: &Site, strings: &Strings, id: CohortId) -> Json {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let window = cohort_window(site, id);
    let mut list: Vec<(i64, usize, Json)> = Vec::new();
    let mut empty = Vec::new();
    for (i, &t) in prog.cohorts[id.0].tandems.iter().enumerate() {
        let url = site.href(&urls::tandem(prog, t));
        let title = &prog.tandems[t.0].title;
        if prog.tandems[t.0].entries.is_empty() {
            empty.push(json!({ "title": title, "url": url }));
            continue;
        }
        let s = tandem_quiet(site, t);
        let Some(longest) = s.iter().max_by_key(|x| x.days()) else {
            continue;
        };
        let r = rhythm(site, strings, t);
        list.push((
            longest.days(),
            i,
            json!({
                "title": title,
                "url": url,
                "longest": longest.days(),
                "longest_from_text": i18n::date_long(lang, longest.from),
                "longest_to_text": i18n::date_long(lang, longest.to),
                "count_text": counted(strings, s.len(), "quiet_count"),
                "ongoing": s.iter().find(|x| x.ongoing).map(Silence::days),
                "rhythm_text": r["planned_text"],
                "limit": r["quiet_after"],
                "silences": s.iter().map(|x| silence_json(lang, x)).collect::<Vec<_>>(),
            }),
        ));
    }
    list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let ends_at_end = window
        .zip(prog.cohorts[id.0].period)
        .is_some_and(|(w, p)| w.end == p.end);
    json!({
        "as_of_text": window.map(|w| i18n::date_long(lang, w.end)),
        "from_text": window.map(|w| i18n::date_long(lang, w.start)),
        "as_of_is_end": ends_at_end,
        "tandems": list.into_iter().map(|x| x.2).collect::<Vec<_>>(),
        "empty": empty,
    })
}
