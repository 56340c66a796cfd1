//! Atom feeds: the programme's latest entries, those of each cohort and each topic, and
//! the programme's insights.
//! Their links are absolute: a feed is read away from the site.

use super::fingerprint::PageCtx;
use super::html::absolute_links;
use super::pages::cohort_entries;
use super::{context, render_page, Ctx, Dep, Page};
use crate::content::{CohortId, EntryId, TopicId};
use crate::diagnostics::Diagnostic;
use crate::site::insights::Learner;
use crate::site::{urls, UrlPath};
use serde_json::{json, Value as Json};

/// Whose feed: a cohort's or a topic's (`None` in a [`super::Job::Feed`]: the
/// programme's).
#[derive(Debug, Clone, Copy)]
pub(super) enum FeedOf {
    Cohort(CohortId),
    Topic(TopicId),
    /// The programme's insights, newest first.
    Insights,
}

const TEMPLATE: &str = "atom.xml";
const FEED_ENTRIES: usize = 50;

/// What a feed lists and where it lives.
struct Source {
    url: UrlPath,
    title: String,
    /// The page that shows the same entries.
    page_url: UrlPath,
    /// Newest first.
    entries: Vec<EntryId>,
    deps: Vec<Dep>,
}

pub(super) fn render(c: &Ctx, of: Option<FeedOf>) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let Source {
        url,
        title,
        page_url,
        entries,
        deps,
    } = source(c, of);
    let items = match of {
        Some(FeedOf::Insights) => insight_items(c),
        _ => items(c, &entries),
    };
    let updated = entries
        .first()
        .map(|id| prog.entries[id.0].date)
        .or(prog.meta.period.map(|p| p.start))
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let mut ctx = PageCtx::new();
    ctx.insert(
        "feed",
        &json!({
            "title": title,
            "id": site.absolute(&url),
            "self_url": site.absolute(&url),
            "page_url": site.absolute(&page_url),
            "updated": updated,
            "entries": items,
        }),
    );
    render_page(c, TEMPLATE, &ctx, url.0, deps, None, |_| {})
}

fn source(c: &Ctx, of: Option<FeedOf>) -> Source {
    let site = c.site;
    let prog = &site.prog;
    match of {
        None => Source {
            url: urls::feed(),
            title: prog.meta.title.clone(),
            page_url: urls::home(),
            entries: site.all_entries.clone(),
            deps: vec![Dep::Programme, Dep::AllEntries],
        },
        Some(FeedOf::Cohort(id)) => {
            let es = cohort_entries(site, id);
            let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
            deps.extend(es.iter().take(FEED_ENTRIES).map(|&e| Dep::Entry(e)));
            Source {
                url: urls::cohort_feed(prog, id),
                title: format!("{} – {}", prog.meta.title, prog.cohorts[id.0].title),
                page_url: urls::cohort(prog, id),
                entries: es,
                deps,
            }
        }
        Some(FeedOf::Insights) => Source {
            url: urls::insights_feed(),
            title: format!(
                "{} – {}",
                prog.meta.title,
                crate::i18n::ui(&c.theme.strings, "insights")
            ),
            page_url: urls::insights(None),
            entries: site.insights.iter().rev().map(|i| i.entry).collect(),
            deps: vec![Dep::Programme, Dep::AllEntries],
        },
        Some(FeedOf::Topic(id)) => {
            let es = site.topic_entries[id.0].clone();
            let mut deps = vec![Dep::Programme, Dep::Topic(id)];
            deps.extend(es.iter().take(FEED_ENTRIES).map(|&e| Dep::Entry(e)));
            Source {
                url: urls::topic_feed(prog, id),
                title: format!("{} – {}", prog.meta.title, prog.topics[id.0].title),
                page_url: urls::topic(prog, id),
                entries: es,
                deps,
            }
        }
    }
}

/// The newest [`FEED_ENTRIES`] insights, each an item of its own: who learned from
/// whom, and what.
fn insight_items(c: &Ctx) -> Vec<Json> {
    let site = c.site;
    let prog = &site.prog;
    site.insights
        .iter()
        .rev()
        .take(FEED_ENTRIES)
        .map(|i| {
            let e = &prog.entries[i.entry.0];
            let t = &prog.tandems[e.tandem.0];
            let v = context::insights::insight(site, &c.theme.strings, i);
            let url = format!("{}{}", site.base_url, v["url"].as_str().unwrap_or("").trim_start_matches(&site.base_path));
            json!({
                "title": format!("{}: {}", v["byline"].as_str().unwrap_or(""), site.title(i.entry)),
                "url": url,
                "updated": format!("{}T00:00:00Z", e.date),
                "authors": [match i.learner {
                    Learner::Mentee => t.mentee.name.clone(),
                    Learner::Mentor => t.mentor.name.clone(),
                    Learner::Both => format!("{} & {}", t.mentee.name, t.mentor.name),
                }],
                "tandem_title": t.title,
                "summary": v["excerpt"],
                "content": absolute_links(v["html"].as_str().unwrap_or(""), &site.base_path, &site.base_url),
                "topics": e.topics.iter().map(|tp| prog.topics[tp.0].title.clone()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The feed's entries: the first [`FEED_ENTRIES`] of `entries`, with their text.
fn items(c: &Ctx, entries: &[EntryId]) -> Vec<Json> {
    let site = c.site;
    let prog = &site.prog;
    entries
        .iter()
        .take(FEED_ENTRIES)
        .map(|&id| {
            let e = &prog.entries[id.0];
            let t = &prog.tandems[e.tandem.0];
            json!({
                "title": site.title(id),
                "url": site.absolute(&urls::entry(prog, id)),
                "updated": format!("{}T00:00:00Z", e.date),
                "authors": context::author_names(prog, e),
                "tandem_title": t.title,
                "summary": site.entry_html[&id].excerpt,
                "content": absolute_links(&site.entry_html[&id].html, &site.base_path, &site.base_url),
                "topics": e.topics.iter().map(|tp| prog.topics[tp.0].title.clone()).collect::<Vec<_>>(),
            })
        })
        .collect()
}
