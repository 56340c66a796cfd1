//! The site of an anonymous audience (`anonymous: true`): one page of figures and
//! charts, and its 404 page. Its programme holds no names, organisations or texts
//! (`content::view` left them out); here, a group (a cohort, a topic, a role) with
//! fewer than [`MIN_GROUP`] tandems gets no figures of its own, so that no figure
//! describes one or two people. Such groups still count in the totals.

use super::{new_ctx, render_html, ui, Links};
use crate::content::{CohortId, MIN_GROUP};
use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::render::charts;
use crate::render::context::{count_entries, period_text};
use crate::render::{Ctx, Dep, Page};
use crate::site::{urls, Figures, Site};
use serde_json::{json, Value as Json};
use std::collections::{BTreeMap, BTreeSet};

const TEMPLATE: &str = "anonymous.html";

/// The page of figures, at the top of the site.
pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let strings = &c.theme.strings;
    let mut ctx = new_ctx();
    ctx.insert("audience", &audience_title(site));
    ctx.insert("min_group", &MIN_GROUP);
    ctx.insert("figures", &figures(site, &site.programme_figures));
    ctx.insert("cohorts_count", &site.prog.cohorts.len());
    ctx.insert("months", &months(site, strings));
    ctx.insert("cohort_rows", &cohort_rows(site));
    let (topic_rows, topic_chart) = topics(site, strings);
    ctx.insert("topic_rows", &topic_rows);
    ctx.insert("topic_chart", &topic_chart);
    let mut mentees = roles(site, |t| &t.mentee.name);
    mentees["who"] = json!(ui(c, "mentee"));
    let mut mentors = roles(site, |t| &t.mentor.name);
    mentors["who"] = json!(ui(c, "mentor"));
    ctx.insert("roles", &[mentees, mentors]);
    let deps = vec![Dep::Programme, Dep::AllEntries];
    render_html(c, TEMPLATE, ctx, urls::home(), Links::Relative, deps, None)
}

/// The 404 page of the anonymous site: the same page's frame, without figures.
pub(crate) fn not_found(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let mut ctx = new_ctx();
    ctx.insert("audience", &audience_title(c.site));
    ctx.insert("missing", &ui(c, "not_found_title"));
    let deps = vec![Dep::Programme];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::not_found(),
        Links::Absolute,
        deps,
        None,
    )
}

fn audience_title(site: &Site) -> Option<String> {
    site.prog.view.as_ref().map(|v| v.audience.title.clone())
}

fn figures(site: &Site, f: &Figures) -> Json {
    json!({
        "tandems": f.tandems,
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": i18n::duration(site.prog.meta.language, f.minutes),
    })
}

/// The programme's entries per month, all cohorts together.
fn months(site: &Site, strings: &BTreeMap<String, String>) -> Option<Json> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let mut dates: Vec<chrono::NaiveDate> = site
        .all_entries
        .iter()
        .map(|e| prog.entries[e.0].date)
        .collect();
    dates.sort();
    let mut span = dates.clone();
    span.extend(prog.meta.period.iter().flat_map(|p| [p.start, p.end]));
    let (start, end) = (*span.iter().min()?, *span.iter().max()?);
    let months = crate::site::stats::per_month(&dates, start, end);
    let title = charts::fill(
        &i18n::ui(strings, "chart_months_title"),
        &[("name", prog.meta.title.clone())],
    );
    let desc = months
        .iter()
        .map(|((y, m), n)| format!("{}: {n}", i18n::month_year(lang, *y, *m)))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::columns(&charts::Columns {
        id: "anon-months".into(),
        title: title.clone(),
        desc,
        lang,
        max: months.iter().map(|m| m.1).max().unwrap_or(0),
        months,
        width: None,
    });
    Some(json!({"svg": svg, "title": title}))
}

/// The cohorts with at least [`MIN_GROUP`] tandems, with their figures.
fn cohort_rows(site: &Site) -> Json {
    let lang = site.prog.meta.language;
    let rows: Vec<Json> = (site.prog.cohorts.iter().enumerate())
        .filter(|(_, c)| c.tandems.len() >= MIN_GROUP)
        .map(|(i, c)| {
            let mut f = figures(site, &site.cohort_figures[CohortId(i).0]);
            f["title"] = json!(c.title);
            f["period_text"] = json!(period_text(lang, c.period));
            f
        })
        .collect();
    Json::from(rows)
}

/// The topics that at least [`MIN_GROUP`] tandems wrote about: how many tandems and
/// entries, and the entries as bars.
fn topics(site: &Site, strings: &BTreeMap<String, String>) -> (Json, Option<Json>) {
    let prog = &site.prog;
    let mut rows = Vec::new();
    for (i, t) in prog.topics.iter().enumerate() {
        let entries = &site.topic_entries[i];
        let tandems: BTreeSet<_> = entries.iter().map(|e| prog.entries[e.0].tandem).collect();
        if tandems.len() >= MIN_GROUP {
            rows.push((t.title.clone(), tandems.len(), entries.len()));
        }
    }
    let table: Vec<Json> = rows
        .iter()
        .map(|(title, t, e)| json!({"title": title, "tandems": t, "entries": e}))
        .collect();
    if rows.is_empty() {
        return (Json::from(table), None);
    }
    let bars: Vec<(String, usize, String)> = rows
        .iter()
        .map(|(title, _, e)| (title.clone(), *e, count_entries(strings, *e)))
        .collect();
    let title = i18n::ui(strings, "entries_per_topic");
    let desc = bars
        .iter()
        .map(|(t, _, shown)| format!("{t}: {shown}"))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::bars(&charts::Bars {
        id: "anon-topics".into(),
        title: title.clone(),
        desc,
        max: bars.iter().map(|b| b.1).max().unwrap_or(0),
        rows: bars,
        value_width: 0.0,
        width: 640.0,
    });
    (Json::from(table), Some(json!({"svg": svg, "title": title})))
}

/// The roles (of mentees or mentors) that at least [`MIN_GROUP`] tandems share, with
/// how many; the rest as one number.
fn roles(site: &Site, role: impl Fn(&crate::content::Tandem) -> &String) -> Json {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &site.prog.tandems {
        let r = role(t).trim();
        *count.entry(r).or_default() += 1;
    }
    let mut shown: Vec<(&str, usize)> = count
        .iter()
        .filter(|(r, n)| !r.is_empty() && **n >= MIN_GROUP)
        .map(|(r, n)| (*r, *n))
        .collect();
    shown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let in_shown: usize = shown.iter().map(|(_, n)| n).sum();
    json!({
        "rows": shown.iter().map(|(r, n)| json!({"role": r, "tandems": n})).collect::<Vec<_>>(),
        "others": site.prog.tandems.len() - in_shown,
    })
}
