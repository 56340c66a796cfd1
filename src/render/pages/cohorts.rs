//! The list of cohorts: each with its tandems and its entries per month.

use super::{crumb, home_crumb, new_ctx, render_html, tandems_of, to_map, ui, Links};
use crate::content::CohortId;
use crate::diagnostics::Diagnostic;
use crate::render::context::{self, to_value};
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use serde_json::Value as Json;
use tera::Value;

const TEMPLATE: &str = "cohorts.html";

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let t = &c.theme.strings;
    let mut ctx = new_ctx();
    let list: Vec<Value> = (0..site.prog.cohorts.len())
        .map(|i| {
            let mut m = to_map(&c.sums.cohorts[i]);
            m.insert(
                "tandem_list".into(),
                Value::from(tandems_of(c, CohortId(i))),
            );
            m.insert(
                "months_chart".into(),
                to_value(&Json::from(context::cohort_months(site, t, CohortId(i)))),
            );
            Value::from(m)
        })
        .collect();
    ctx.insert_value("cohorts", Value::from(list));
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "cohorts"), site.href(&urls::cohorts())),
        ],
    );
    let deps = vec![Dep::Programme, Dep::AllEntries];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::cohorts(),
        Links::Relative,
        deps,
        None,
    )
}
