//! A topic's page: its entries by cohort and tandem, and its entries per cohort as
//! bars.

use super::{crumb, entries_value, home_crumb, new_ctx, programme_key, render_html, ui, Links};
use crate::content::{CohortId, EntryId, TandemId, TopicId};
use crate::diagnostics::Diagnostic;
use crate::render::cache::reuse;
use crate::render::context;
use crate::render::fingerprint::PageCtx;
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use std::collections::BTreeMap;
use tera::Value;

const TEMPLATE: &str = "topic.html";

pub(crate) fn render(c: &Ctx, id: TopicId) -> Result<(Page, u64), Diagnostic> {
    let mut deps = vec![Dep::Programme, Dep::Topic(id)];
    deps.extend(c.site.topic_entries[id.0].iter().map(|&e| Dep::Entry(e)));
    let url = urls::topic(&c.site.prog, id);
    let key = programme_key(c, TEMPLATE, id.0);
    let deps = match reuse(c, &url, key, deps) {
        Ok(page) => return Ok(page),
        Err(deps) => deps,
    };
    let ctx = context(c, id);
    render_html(c, TEMPLATE, ctx, url, Links::Relative, deps, Some(key))
}

fn context(c: &Ctx, id: TopicId) -> PageCtx {
    let site = c.site;
    let prog = &site.prog;
    let tp = &prog.topics[id.0];
    let mut ctx = new_ctx();
    ctx.insert_value("topic", c.sums.topics[id.0].clone());
    ctx.insert_value("groups", topic_groups(c, id));
    let insights: Vec<serde_json::Value> = site
        .insights
        .iter()
        .filter(|i| prog.entries[i.entry.0].topics.contains(&id))
        .map(|i| context::insights::insight(site, &c.theme.strings, i))
        .collect();
    ctx.insert("insights", &insights);
    ctx.insert(
        "chart",
        &context::topic_bars(site, &c.theme.strings, id, 360.0),
    );
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "topics"), site.href(&urls::topics())),
            crumb(&tp.title, site.href(&urls::topic(prog, id))),
        ],
    );
    ctx
}

/// A topic's entries grouped by cohort, then tandem; newest first within.
fn topic_groups(c: &Ctx, id: TopicId) -> Value {
    let site = c.site;
    let prog = &site.prog;
    let mut groups: BTreeMap<CohortId, BTreeMap<TandemId, Vec<EntryId>>> = BTreeMap::new();
    for &e in &site.topic_entries[id.0] {
        let t = prog.entries[e.0].tandem;
        groups
            .entry(prog.tandems[t.0].cohort)
            .or_default()
            .entry(t)
            .or_default()
            .push(e);
    }
    let list: Vec<Value> = groups
        .into_iter()
        .map(|(cid, tandems)| {
            let mut m = tera::Map::new();
            m.insert(
                "title".into(),
                Value::from(prog.cohorts[cid.0].title.clone()),
            );
            m.insert(
                "url".into(),
                Value::from(site.href(&urls::cohort(prog, cid))),
            );
            let ts: Vec<Value> = tandems
                .into_iter()
                .map(|(tid, es)| {
                    let mut tm = tera::Map::new();
                    tm.insert(
                        "title".into(),
                        Value::from(prog.tandems[tid.0].title.clone()),
                    );
                    tm.insert(
                        "url".into(),
                        Value::from(site.href(&urls::tandem(prog, tid))),
                    );
                    tm.insert(
                        "anchor".into(),
                        Value::from(context::tandem_anchor(site, tid)),
                    );
                    tm.insert("entries".into(), entries_value(c, es.iter()));
                    Value::from(tm)
                })
                .collect();
            m.insert("tandems".into(), Value::from(ts));
            Value::from(m)
        })
        .collect();
    Value::from(list)
}
