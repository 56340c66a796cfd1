//! A cohort's timeline: its entries and milestones month by month, with its activity
//! chart.

use super::{cohort_entries, crumb, home_crumb, months, new_ctx, render_html, ui, Links};
use crate::content::{CohortId, EntryId};
use crate::diagnostics::Diagnostic;
use crate::render::cache::reuse;
use crate::render::context;
use crate::render::fingerprint::PageCtx;
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;

const TEMPLATE: &str = "cohort_timeline.html";

pub(crate) fn render(c: &Ctx, id: CohortId) -> Result<(Page, u64), Diagnostic> {
    let entries = cohort_entries(c.site, id);
    let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
    deps.extend(entries.iter().map(|&e| Dep::Entry(e)));
    let url = urls::cohort_timeline(&c.site.prog, id);
    // The same inputs as the cohort's overview.
    let key = super::cohort::key(c, TEMPLATE, id);
    let deps = match reuse(c, &url, key, deps) {
        Ok(page) => return Ok(page),
        Err(deps) => deps,
    };
    let ctx = context(c, id, &entries);
    render_html(c, TEMPLATE, ctx, url, Links::Relative, deps, Some(key))
}

fn context(c: &Ctx, id: CohortId, entries: &[EntryId]) -> PageCtx {
    let site = c.site;
    let prog = &site.prog;
    let co = &prog.cohorts[id.0];
    let mut ctx = new_ctx();
    ctx.insert_value("cohort", c.sums.cohorts[id.0].clone());
    ctx.insert_value("months", months(c, entries, &[id]));
    ctx.insert(
        "activity",
        &context::activity(site, &c.theme.strings, id, None),
    );
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "cohorts"), site.href(&urls::cohorts())),
            crumb(&co.title, site.href(&urls::cohort(prog, id))),
            crumb(
                &ui(c, "timeline"),
                site.href(&urls::cohort_timeline(prog, id)),
            ),
        ],
    );
    ctx
}
