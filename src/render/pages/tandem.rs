//! A tandem's page: its goals, entries and open agreements, the topics it wrote about,
//! its activity and quiet stretches, and its whole diary for print.

use super::Links;
use super::{cohort_entries, crumb, entries_value, home_crumb, new_ctx, render_html, to_map, ui};
use crate::content::{TandemId, TopicId};
use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::render::cache::reuse;
use crate::render::context;
use crate::render::fingerprint::{fingerprint_hasher, PageCtx};
use crate::render::html::prefix_ids;
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use tera::Value;

const TEMPLATE: &str = "tandem.html";

pub(crate) fn render(c: &Ctx, id: TandemId) -> Result<(Page, u64), Diagnostic> {
    let url = urls::tandem(&c.site.prog, id);
    let key = key(c, id);
    let deps = match reuse(c, &url, key, deps(c, id)) {
        Ok(page) => return Ok(page),
        Err(deps) => deps,
    };
    let ctx = context(c, id);
    render_html(c, TEMPLATE, ctx, url, Links::Relative, deps, Some(key))
}

fn deps(c: &Ctx, id: TandemId) -> Vec<Dep> {
    let td = &c.site.prog.tandems[id.0];
    let mut deps = vec![Dep::Programme, Dep::Cohort(td.cohort), Dep::Tandem(id)];
    // Quiet stretches are measured up to the cohort's latest entry, which may
    // belong to another tandem.
    deps.extend(
        cohort_entries(c.site, td.cohort)
            .iter()
            .map(|&e| Dep::Entry(e)),
    );
    deps
}

/// The fingerprint of tandem `id`'s page.
pub(super) fn key(c: &Ctx, id: TandemId) -> u64 {
    let site = c.site;
    let keys = c.keys;
    let td = &site.prog.tandems[id.0];
    let mut h = fingerprint_hasher();
    h.write_u64(c.base);
    h.write(TEMPLATE.as_bytes());
    h.write_usize(id.0);
    h.write_u64(keys.tandems[id.0]);
    h.write_u64(keys.cohorts[td.cohort.0]);
    for x in &td.entries {
        h.write_u64(keys.entries.get(x).map_or(0, |e| e.1));
    }
    site.goals_html[id.0]
        .as_ref()
        .map(|r| r.html.as_str())
        .hash(&mut h);
    for a in &site.agreements[id.0] {
        (a.text.as_str(), a.entry.0).hash(&mut h);
    }
    td.focus.hash(&mut h);
    h.finish()
}

fn context(c: &Ctx, id: TandemId) -> PageCtx {
    let site = c.site;
    let prog = &site.prog;
    let t = &c.theme.strings;
    let td = &prog.tandems[id.0];
    let co = &prog.cohorts[td.cohort.0];
    let mut ctx = new_ctx();
    ctx.insert_value("tandem", c.sums.tandems[id.0].clone());
    ctx.insert(
        "goals",
        &site.goals_html[id.0].as_ref().map(|r| r.html.as_str()),
    );
    ctx.insert_value("entries", entries_value(c, td.entries.iter()));
    let agreements: Vec<Json> = site.agreements[id.0]
        .iter()
        .map(|a| json!({"text": a.text, "entry_title": site.title(a.entry), "entry_url": site.href(&urls::entry(prog, a.entry))}))
        .collect();
    ctx.insert("agreements", &agreements);
    ctx.insert("topic_counts", &topic_counts(c, id));
    ctx.insert("activity", &context::activity(site, t, td.cohort, Some(id)));
    let lang = prog.meta.language;
    let silences: Vec<Json> = context::tandem_quiet(site, id)
        .iter()
        .map(|x| json!({"from_text": i18n::date_long(lang, x.from), "to_text": i18n::date_long(lang, x.to), "days": x.days(), "ongoing": x.ongoing}))
        .collect();
    ctx.insert("silences", &silences);
    ctx.insert(
        "as_of_text",
        &context::cohort_window(site, td.cohort).map(|w| i18n::date_long(lang, w.end)),
    );
    ctx.insert_value("diary", Value::from(diary(c, id)));
    let insights: Vec<Json> = site
        .insights
        .iter()
        .filter(|i| prog.entries[i.entry.0].tandem == id)
        .map(|i| context::insights::insight(site, t, i))
        .collect();
    ctx.insert("insights", &insights);
    ctx.insert(
        "cohort",
        &json!({"title": co.title, "url": site.href(&urls::cohort(prog, td.cohort))}),
    );
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "cohorts"), site.href(&urls::cohorts())),
            crumb(&co.title, site.href(&urls::cohort(prog, td.cohort))),
            crumb(&td.title, site.href(&urls::tandem(prog, id))),
        ],
    );
    ctx
}

/// The topics of the tandem's entries with their counts, most written-about first.
fn topic_counts(c: &Ctx, id: TandemId) -> Vec<Json> {
    let site = c.site;
    let prog = &site.prog;
    let td = &prog.tandems[id.0];
    let mut per_topic: BTreeMap<TopicId, usize> = BTreeMap::new();
    for &e in &td.entries {
        for &tp in &prog.entries[e.0].topics {
            *per_topic.entry(tp).or_default() += 1;
        }
    }
    // Most written-about first; the share (in per cent) draws the bar behind each line.
    let max = per_topic.values().copied().max().unwrap_or(1).max(1);
    let mut per_topic: Vec<(TopicId, usize)> = per_topic.into_iter().collect();
    per_topic.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    per_topic
        .into_iter()
        .map(|(tp, n)| {
            let mut r = context::topic_ref(site, tp);
            r["count"] = json!(n);
            // In steps of 5 %, each a class of the style sheet; at least one step.
            r["share"] = json!(((n * 20 + max / 2) / max).max(1) * 5);
            r["focus"] = json!(td.focus.contains(&tp));
            r
        })
        .collect()
}

/// The whole diary, shown only in print: the tandem page prints as a diary.
fn diary(c: &Ctx, id: TandemId) -> Vec<Value> {
    let site = c.site;
    let prog = &site.prog;
    prog.tandems[id.0]
        .entries
        .iter()
        .filter_map(|e| {
            let mut m = to_map(c.sums.entries.get(e)?);
            // Entries share heading ids ("ausgangslage"): one page needs its own.
            let prefix = format!("d-{}-", prog.entries[e.0].slug.as_str());
            m.insert(
                "body".into(),
                Value::from(prefix_ids(&site.entry_html.get(e)?.html, &prefix)),
            );
            Some(Value::from(m))
        })
        .collect()
}
