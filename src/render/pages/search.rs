//! The search page: the search box and its filters (the search index is made by
//! [`crate::search`]).

use super::{crumb, home_crumb, new_ctx, render_html, ui, Links};
use crate::content::TandemId;
use crate::diagnostics::Diagnostic;
use crate::render::{Ctx, Dep, Page};
use crate::site::{urls, Site};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

const TEMPLATE: &str = "search.html";

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let mut ctx = new_ctx();
    ctx.insert("filters", &search_filters(site, &c.theme.strings));
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "search"), site.href(&urls::search())),
        ],
    );
    let deps = vec![Dep::Programme];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::search(),
        Links::Relative,
        deps,
        None,
    )
}

/// The choices of the search page's filters: the same names the index uses.
fn search_filters(site: &Site, t: &BTreeMap<String, String>) -> Json {
    let prog = &site.prog;
    let names = crate::search::FilterNames::of(site);
    let cohorts: Vec<Json> = prog
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "name": names.cohorts[i],
                "tandems": c.tandems.iter().map(|&TandemId(x)| names.tandems[x].clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut topics: Vec<&String> = names.topics.iter().collect();
    topics.sort_by_key(|n| n.to_lowercase());
    json!({
        "cohorts": cohorts,
        "topics": topics,
        "kinds": crate::search::kinds(t),
    })
}
