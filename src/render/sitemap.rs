//! The sitemap: every page's address, for search engines; entries with their date.

use super::fingerprint::PageCtx;
use super::{render_page, Ctx, Dep, Page};
use crate::content::{CohortId, TandemId, TopicId};
use crate::diagnostics::Diagnostic;
use crate::site::insights::Learner;
use crate::site::urls;
use serde_json::{json, Value as Json};

pub(super) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let mut urls_: Vec<(String, Option<String>)> = vec![
        (site.absolute(&urls::home()), None),
        (site.absolute(&urls::cohorts()), None),
        (site.absolute(&urls::topics()), None),
        (site.absolute(&urls::timeline()), None),
        (site.absolute(&urls::insights(None)), None),
        (site.absolute(&urls::insights(Some(Learner::Mentee))), None),
        (site.absolute(&urls::insights(Some(Learner::Mentor))), None),
        (site.absolute(&urls::report()), None),
    ];
    for i in 0..prog.cohorts.len() {
        urls_.push((site.absolute(&urls::cohort(prog, CohortId(i))), None));
        urls_.push((
            site.absolute(&urls::cohort_timeline(prog, CohortId(i))),
            None,
        ));
    }
    for i in 0..prog.tandems.len() {
        urls_.push((site.absolute(&urls::tandem(prog, TandemId(i))), None));
    }
    let mut entries = site.all_entries.clone();
    entries.reverse();
    for id in entries {
        urls_.push((
            site.absolute(&urls::entry(prog, id)),
            Some(prog.entries[id.0].date.to_string()),
        ));
    }
    for i in 0..prog.topics.len() {
        urls_.push((site.absolute(&urls::topic(prog, TopicId(i))), None));
    }
    for &d in &site.doc_order {
        urls_.push((site.absolute(&urls::doc(prog, d)), None));
    }
    let list: Vec<Json> = urls_
        .into_iter()
        .map(|(loc, lastmod)| json!({"loc": loc, "lastmod": lastmod}))
        .collect();
    let mut ctx = PageCtx::new();
    ctx.insert("urls", &list);
    render_page(
        c,
        "sitemap.xml",
        &ctx,
        urls::sitemap().0,
        vec![Dep::Programme, Dep::AllEntries, Dep::AllDocs],
        None,
        |_| {},
    )
}
