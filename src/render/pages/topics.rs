//! The list of topics, each with its entries per cohort as bars.

use super::{crumb, home_crumb, new_ctx, render_html, to_map, ui, Links};
use crate::content::TopicId;
use crate::diagnostics::Diagnostic;
use crate::render::context::{self, to_value};
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use tera::Value;

const TEMPLATE: &str = "topics.html";

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let t = &c.theme.strings;
    let mut ctx = new_ctx();
    let topics: Vec<Value> = (0..site.prog.topics.len())
        .map(|i| {
            let mut m = to_map(&c.sums.topics[i]);
            m.insert(
                "chart".into(),
                to_value(&context::topic_bars(site, t, TopicId(i), 320.0)),
            );
            Value::from(m)
        })
        .collect();
    ctx.insert_value("topics", Value::from(topics));
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "topics"), site.href(&urls::topics())),
        ],
    );
    let deps = vec![Dep::Programme, Dep::AllEntries];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::topics(),
        Links::Relative,
        deps,
        None,
    )
}
