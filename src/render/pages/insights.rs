//! The programme's insights: everything the tandems wrote down as learned, by cohort
//! and by who learned; and the same for one direction only (what the mentees learned
//! from their mentors, what the mentors learned from their mentees).

use super::{crumb, home_crumb, new_ctx, render_html, ui, Links};
use crate::content::{CohortId, TopicId};
use crate::diagnostics::Diagnostic;
use crate::render::context::{self, counted, insights as ins};
use crate::render::{Ctx, Dep, Page};
use crate::site::insights::{Insight, Learner};
use crate::site::urls;
use serde_json::{json, Value as Json};

const TEMPLATE: &str = "insights.html";

pub(crate) fn render(c: &Ctx, of: Option<Learner>) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let strings = &c.theme.strings;
    let mut ctx = new_ctx();
    let keep = |i: &&Insight| of.is_none_or(|d| ins::in_direction(i.learner, d));
    let cohorts: Vec<Json> = (0..prog.cohorts.len())
        .map(|ci| {
            let co = &prog.cohorts[ci];
            let list = site
                .insights
                .iter()
                .filter(|i| prog.tandems[prog.entries[i.entry.0].tandem.0].cohort.0 == ci)
                .filter(keep);
            let groups = match of {
                None => ins::by_direction(site, strings, list),
                Some(_) => {
                    let items: Vec<Json> = list.map(|i| ins::insight(site, strings, i)).collect();
                    if items.is_empty() {
                        Vec::new()
                    } else {
                        vec![json!({ "items": items })]
                    }
                }
            };
            let count: usize = groups
                .iter()
                .map(|g| g["items"].as_array().map_or(0, Vec::len))
                .sum();
            json!({
                "title": co.title,
                "url": site.href(&urls::cohort(prog, CohortId(ci))),
                "anchor": format!("c-{}", co.slug.as_str()),
                "count_text": counted(strings, count, "count_insights"),
                "groups": groups,
            })
        })
        .collect();
    let total = site.insights.iter().filter(keep).count();
    ctx.insert("cohorts", &cohorts);
    ctx.insert(
        "insights",
        &json!({
            "direction": of.map(ins::learner_key),
            "title": ui(c, &of.map_or("insights".to_string(), |d| format!("insights_{}", ins::learner_key(d)))),
            "count_text": counted(strings, total, "count_insights"),
            "total": total,
            "directions": directions(c),
            "topics": topics(c, of),
            "all_url": site.href(&urls::insights(None)),
            "feed_url": site.href(&urls::insights_feed()),
        }),
    );
    let mut crumbs = vec![
        home_crumb(c),
        crumb(&ui(c, "insights"), site.href(&urls::insights(None))),
    ];
    if let Some(d) = of {
        crumbs.push(crumb(
            &ui(c, &format!("insights_{}", ins::learner_key(d))),
            site.href(&urls::insights(of)),
        ));
    }
    ctx.insert("breadcrumbs", &crumbs);
    let deps = vec![Dep::Programme, Dep::AllEntries];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::insights(of),
        Links::Relative,
        deps,
        None,
    )
}

/// The two directions, each with its page and how many insights it holds.
fn directions(c: &Ctx) -> Vec<Json> {
    let site = c.site;
    [Learner::Mentee, Learner::Mentor]
        .into_iter()
        .map(|d| {
            let n = site
                .insights
                .iter()
                .filter(|i| ins::in_direction(i.learner, d))
                .count();
            json!({
                "title": ui(c, &format!("insights_{}", ins::learner_key(d))),
                "url": site.href(&urls::insights(Some(d))),
                "count": n,
            })
        })
        .collect()
}

/// The topics with insights, each with its page's list of them and how many.
fn topics(c: &Ctx, of: Option<Learner>) -> Vec<Json> {
    let site = c.site;
    let prog = &site.prog;
    (0..prog.topics.len())
        .filter_map(|t| {
            let n = site
                .insights
                .iter()
                .filter(|i| of.is_none_or(|d| ins::in_direction(i.learner, d)))
                .filter(|i| prog.entries[i.entry.0].topics.contains(&TopicId(t)))
                .count();
            (n > 0).then(|| {
                let mut r = context::topic_ref(site, TopicId(t));
                r["url"] = json!(format!("{}#h-insights", r["url"].as_str().unwrap_or("")));
                r["count"] = json!(n);
                r
            })
        })
        .collect()
}
