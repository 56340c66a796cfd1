//! The home page: the programme's introduction, its cohorts with their months, its
//! topics, its figures and the latest entries.

use super::{entries_value, home_crumb, new_ctx, render_html, to_map, Links};
use crate::content::CohortId;
use crate::diagnostics::Diagnostic;
use crate::render::context::{self, to_value};
use crate::render::{Ctx, Dep, Page};
use crate::site::{urls, Site};
use serde_json::{json, Value as Json};
use tera::Value;

const TEMPLATE: &str = "index.html";
const LATEST_ON_HOME: usize = 8;

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let mut ctx = new_ctx();
    ctx.insert("intro", &site.intro_html.as_ref().map(|r| r.html.as_str()));
    ctx.insert_value("cohorts", Value::from(cohorts_with_months(c)));
    ctx.insert_value("topics", Value::from(c.sums.topics.clone()));
    let mut figures = figures_json(site, &site.programme_figures);
    figures["agreements"] = context::programme_agreements(site, &c.theme.strings);
    ctx.insert("figures", &figures);
    ctx.insert("insights", &insights(c));
    ctx.insert_value(
        "latest",
        entries_value(c, site.all_entries.iter().take(LATEST_ON_HOME)),
    );
    ctx.insert("breadcrumbs", &[home_crumb(c)]);
    let deps = vec![Dep::Programme, Dep::AllEntries];
    render_html(c, TEMPLATE, ctx, urls::home(), Links::Relative, deps, None)
}

/// The cohort summaries with a small chart of entries per month each.
fn cohorts_with_months(c: &Ctx) -> Vec<Value> {
    (0..c.site.prog.cohorts.len())
        .map(|i| {
            let mut m = to_map(&c.sums.cohorts[i]);
            m.insert(
                "months_chart".into(),
                to_value(&Json::from(context::cohort_months(
                    c.site,
                    &c.theme.strings,
                    CohortId(i),
                ))),
            );
            Value::from(m)
        })
        .collect()
}

/// How many insights the tandems wrote down, by who learned, with their pages.
fn insights(c: &Ctx) -> Json {
    use crate::site::insights::Learner;
    let site = c.site;
    let directions: Vec<Json> = [Learner::Mentee, Learner::Mentor]
        .into_iter()
        .map(|d| {
            let key = context::insights::learner_key(d);
            let n = site
                .insights
                .iter()
                .filter(|i| context::insights::in_direction(i.learner, d))
                .count();
            json!({
                "title": crate::i18n::ui(&c.theme.strings, &format!("insights_{key}")),
                "url": site.href(&urls::insights(Some(d))),
                "count": n,
            })
        })
        .collect();
    json!({
        "total": site.insights.len(),
        "count_text": context::counted(&c.theme.strings, site.insights.len(), "count_insights"),
        "url": site.href(&urls::insights(None)),
        "directions": directions,
    })
}

fn figures_json(site: &Site, f: &crate::site::Figures) -> Json {
    let lang = site.prog.meta.language;
    json!({
        "tandems": f.tandems,
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": crate::i18n::duration(lang, f.minutes),
        "cohorts": site.prog.cohorts.len(),
    })
}
