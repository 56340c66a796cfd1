//! The programme's timeline: every entry and milestone month by month, with the
//! entries per month as columns.

use super::{crumb, home_crumb, months, new_ctx, programme_key, render_html, ui, Links};
use crate::content::CohortId;
use crate::diagnostics::Diagnostic;
use crate::render::cache::reuse;
use crate::render::context;
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;

const TEMPLATE: &str = "timeline.html";

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let url = urls::timeline();
    let deps = vec![Dep::Programme, Dep::AllEntries];
    let key = programme_key(c, TEMPLATE, 0);
    let deps = match reuse(c, &url, key, deps) {
        Ok(page) => return Ok(page),
        Err(deps) => deps,
    };
    let mut ctx = new_ctx();
    let mut entries = site.all_entries.clone();
    entries.reverse();
    let all: Vec<CohortId> = (0..site.prog.cohorts.len()).map(CohortId).collect();
    ctx.insert_value("months", months(c, &entries, &all));
    ctx.insert(
        "months_charts",
        &context::programme_months(site, &c.theme.strings),
    );
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "timeline"), site.href(&urls::timeline())),
        ],
    );
    render_html(c, TEMPLATE, ctx, url, Links::Relative, deps, Some(key))
}
