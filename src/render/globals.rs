//! The global context: what every template can use, the same on every page.

use super::fingerprint::{fingerprint_hasher, PageCtx};
use super::{context, templates};
use crate::content::CohortId;
use crate::site::{urls, Site};
use serde_json::{json, Value as Json};
use std::hash::Hasher;

/// What every page can show: the language, the UI strings, the programme, the
/// site's addresses and the navigation.
pub(super) fn global_context(site: &Site, theme: &templates::Theme) -> PageCtx {
    let prog = &site.prog;
    let m = &prog.meta;
    let lang = m.language;
    let mut g = PageCtx::new();
    g.insert("lang", lang.code());
    g.insert("t", &theme.strings);
    g.insert(
        "program",
        &json!({
            "title": m.title,
            "subtitle": m.subtitle,
            "code": m.code,
            "provider": m.provider,
            "audience": m.audience,
            "sector": m.sector,
            "format": m.format,
            "period_text": context::period_text(lang, m.period),
            "contact": m.contact.as_ref().map(|c| json!({"name": c.name, "role": c.role, "email": c.email})),
        }),
    );
    let has_logo = prog.static_files.iter().any(|s| s.out == "logo.svg");
    g.insert(
        "site",
        &json!({
            "base": site.base_path,
            "home_url": site.href(&urls::home()),
            "cohorts_url": site.href(&urls::cohorts()),
            "topics_url": site.href(&urls::topics()),
            "timeline_url": site.href(&urls::timeline()),
            "search_url": site.href(&urls::search()),
            "docs_url": site.doc_order.first().map(|&d| site.href(&urls::doc(prog, d))),
            "feed_url": site.href(&urls::feed()),
            "insights_url": site.href(&urls::insights(None)),
            "report_url": site.href(&urls::report()),
            "milestones_url": prog.cohorts.iter().any(|c| !c.milestones.is_empty()).then(|| site.href(&urls::programme_ics())),
            "assets": format!("{}assets/", site.base_path),
            "logo_url": if has_logo { Some(format!("{}logo.svg", site.base_path)) } else { None },
        }),
    );
    let cohorts: Vec<Json> = (0..prog.cohorts.len())
        .map(|i| json!({"title": prog.cohorts[i].title, "url": site.href(&urls::cohort(prog, CohortId(i)))}))
        .collect();
    g.insert("nav_cohorts", &cohorts);
    g.insert("nav_docs", &doc_nav(site));
    g
}

/// Everything every page depends on: the theme and the global context.
pub(super) fn base_fingerprint(theme: &templates::Theme, globals: &PageCtx) -> u64 {
    let mut h = fingerprint_hasher();
    h.write_u64(theme.fingerprint);
    h.write_u64(globals.fingerprint(""));
    h.finish()
}

/// The documentation's pages in order, with their depth.
fn doc_nav(site: &Site) -> Vec<Json> {
    site.doc_order
        .iter()
        .map(|&d| {
            json!({
                "title": site.doc_titles[d.0],
                "url": site.href(&urls::doc(&site.prog, d)),
                "depth": site.prog.docs[d.0].path.len(),
            })
        })
        .collect()
}
