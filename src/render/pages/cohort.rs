//! A cohort's page: its introduction, tandems and entries, its coverage of the topics,
//! its activity chart and its quiet tandems.

use super::{
    cohort_entries, crumb, entries_value, home_crumb, new_ctx, render_html, tandems_of, ui, Links,
};
use crate::content::{CohortId, EntryId};
use crate::diagnostics::Diagnostic;
use crate::render::cache::reuse;
use crate::render::context;
use crate::render::fingerprint::{fingerprint_hasher, PageCtx};
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use std::hash::{Hash, Hasher};
use tera::Value;

const TEMPLATE: &str = "cohort.html";

pub(crate) fn render(c: &Ctx, id: CohortId) -> Result<(Page, u64), Diagnostic> {
    let entries: Vec<EntryId> = cohort_entries(c.site, id);
    let url = urls::cohort(&c.site.prog, id);
    let key = key(c, TEMPLATE, id);
    let deps = match reuse(c, &url, key, deps(c, id, &entries)) {
        Ok(page) => return Ok(page),
        Err(deps) => deps,
    };
    let ctx = context(c, id, &entries);
    render_html(c, TEMPLATE, ctx, url, Links::Relative, deps, Some(key))
}

fn deps(c: &Ctx, id: CohortId, entries: &[EntryId]) -> Vec<Dep> {
    let co = &c.site.prog.cohorts[id.0];
    let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
    deps.extend(co.tandems.iter().map(|&t| Dep::Tandem(t)));
    deps.extend(entries.iter().map(|&e| Dep::Entry(e)));
    deps
}

/// The fingerprint of a page of cohort `id` (its overview or its timeline).
pub(super) fn key(c: &Ctx, template: &str, id: CohortId) -> u64 {
    let mut h = fingerprint_hasher();
    h.write_u64(c.base);
    h.write(template.as_bytes());
    h.write_usize(id.0);
    h.write_u64(c.keys.cohorts[id.0]);
    h.write_u64(c.keys.topics);
    c.site.cohort_intro_html[id.0]
        .as_ref()
        .map(|r| r.html.as_str())
        .hash(&mut h);
    h.finish()
}

fn context(c: &Ctx, id: CohortId, entries: &[EntryId]) -> PageCtx {
    let site = c.site;
    let prog = &site.prog;
    let t = &c.theme.strings;
    let co = &prog.cohorts[id.0];
    let mut ctx = new_ctx();
    ctx.insert_value("cohort", c.sums.cohorts[id.0].clone());
    ctx.insert(
        "intro",
        &site.cohort_intro_html[id.0]
            .as_ref()
            .map(|r| r.html.as_str()),
    );
    ctx.insert_value("tandems", Value::from(tandems_of(c, id)));
    ctx.insert_value("entries", entries_value(c, entries.iter()));
    ctx.insert("coverage", &context::coverage(site, t, id));
    ctx.insert("activity", &context::activity(site, t, id, None));
    ctx.insert("quiet", &context::quiet(site, t, id));
    ctx.insert("agreements", &context::tandem_agreements(site, t, id));
    ctx.insert("formats", &context::formats(site, t, id));
    let insights = site
        .insights
        .iter()
        .filter(|i| prog.tandems[prog.entries[i.entry.0].tandem.0].cohort == id);
    ctx.insert(
        "insights",
        &serde_json::json!({
            "groups": context::insights::by_direction(site, t, insights),
            "url": format!("{}#c-{}", site.href(&urls::insights(None)), co.slug.as_str()),
        }),
    );
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "cohorts"), site.href(&urls::cohorts())),
            crumb(&co.title, site.href(&urls::cohort(prog, id))),
        ],
    );
    ctx
}
