//! The programme's report across its cohorts ("Bilanz"), made to be printed for the
//! board: the figures, each cohort's side by side on shared scales, the formats of the
//! meetings and the topics per cohort, a selection of insights, the milestones, and
//! each cohort's report, table and calendar.

use super::{crumb, home_crumb, new_ctx, render_html, ui, Links};
use crate::diagnostics::Diagnostic;
use crate::render::context::{self, report};
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use serde_json::json;

const TEMPLATE: &str = "report.html";

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let t = &c.theme.strings;
    let lang = prog.meta.language;
    let f = &site.programme_figures;
    let mut ctx = new_ctx();
    let rows = report::cohort_rows(site, t);
    let rhythm_kept: usize = (0..prog.cohorts.len())
        .map(|i| report::rhythm_kept(site, crate::content::CohortId(i)))
        .sum();
    ctx.insert(
        "figures",
        &json!({
            "cohorts": prog.cohorts.len(),
            "tandems": f.tandems,
            "entries": f.entries,
            "meetings": f.meetings,
            "hours": crate::i18n::duration(lang, f.minutes),
            "rhythm_kept": rhythm_kept,
            "agreements": context::programme_agreements(site, t),
            "insights": site.insights.len(),
            "period_text": context::period_text(lang, prog.meta.period),
        }),
    );
    let newest = site.all_entries.first().map(|&e| prog.entries[e.0].date);
    ctx.insert(
        "as_of_text",
        &newest.map(|d| crate::i18n::date_long(lang, d)),
    );
    ctx.insert("comparison", &report::comparison(t, &rows));
    ctx.insert("cohort_rows", &rows);
    ctx.insert("formats", &report::formats(site, t));
    ctx.insert("coverage", &report::coverage(site, t));
    ctx.insert("insights", &report::selected_insights(site, t));
    ctx.insert("milestones", &report::milestones(site));
    let any_milestone = prog.cohorts.iter().any(|c| !c.milestones.is_empty());
    ctx.insert(
        "ics_url",
        &any_milestone.then(|| site.href(&urls::programme_ics())),
    );
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "report"), site.href(&urls::report())),
        ],
    );
    let deps = vec![Dep::Programme, Dep::AllEntries];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::report(),
        Links::Relative,
        deps,
        None,
    )
}
