//! The HTML pages, one file per kind. Each file owns where its pages live (from
//! [`urls`]), their template, what they show (their context), what they depend on, and,
//! for the pages that are taken from the last build when their inputs did not change,
//! the fingerprint of those inputs. A page kind is rendered by its `render` function,
//! which [`super::render_job`] calls.

pub(super) mod anonymous;
pub(super) mod cohort;
pub(super) mod cohort_timeline;
pub(super) mod cohorts;
pub(super) mod doc;
pub(super) mod entry;
pub(super) mod home;
pub(super) mod insights;
pub(super) mod not_found;
pub(super) mod report;
pub(super) mod search;
pub(super) mod tandem;
pub(super) mod timeline;
pub(super) mod topic;
pub(super) mod topics;

use super::context::to_value;
use super::fingerprint::{fingerprint_hasher, PageCtx};
use super::html::{label_task_boxes, rebased, relativize};
use super::{render_page, Ctx, Dep, Page};
use crate::content::{CohortId, EntryId};
use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::site::{urls, Site, UrlPath};
use chrono::Datelike;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::hash::Hasher;
use tera::Value;

/// A page's context, with its breadcrumbs first (each page sets them).
fn new_ctx() -> PageCtx {
    let mut ctx = PageCtx::new();
    ctx.insert("breadcrumbs", &Vec::<Json>::new());
    ctx
}

/// A UI string of the theme.
fn ui(c: &Ctx, key: &str) -> String {
    i18n::ui(&c.theme.strings, key)
}

fn crumb(title: &str, url: String) -> Json {
    json!({ "title": title, "url": url })
}

/// The first breadcrumb of every page.
fn home_crumb(c: &Ctx) -> Json {
    crumb(&ui(c, "home"), c.site.href(&urls::home()))
}

/// How a page's links to the site read.
#[derive(PartialEq)]
enum Links {
    /// Relative to the page: the site works wherever it is put.
    Relative,
    /// As they are: the page is served at any depth (404.html).
    Absolute,
}

/// Renders the HTML page at `url` with `template` (or takes it from the last build,
/// see [`render_page`]): the context gets the page's address and section; the page's
/// task boxes are labelled and its links written as `links` says. `key` is the
/// fingerprint of the page's inputs; without it the context is fingerprinted.
fn render_html(
    c: &Ctx,
    template: &str,
    mut ctx: PageCtx,
    url: UrlPath,
    links: Links,
    deps: Vec<Dep>,
    key: Option<u64>,
) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    ctx.insert("page_url", &site.href(&url));
    ctx.insert("section", url.0.split('/').next().unwrap_or(""));
    render_page(c, template, &ctx, url.output_file(), deps, key, |bytes| {
        label_task_boxes(bytes, &ui(c, "task_done"), &ui(c, "task_open"));
        if links == Links::Relative {
            *bytes = relativize(bytes, &site.base_path, &url);
        } else if let Some(own) = site.own_path() {
            // An audience's site, in a folder of its own on the server.
            let html = String::from_utf8_lossy(bytes);
            *bytes = rebased(&html, &site.base_path, &own).into_bytes();
        }
    })
}

/// The fingerprint of a page listing entries across the programme (a topic page,
/// the timeline).
fn programme_key(c: &Ctx, template: &str, id: usize) -> u64 {
    let mut h = fingerprint_hasher();
    h.write_u64(c.base);
    h.write(template.as_bytes());
    h.write_usize(id);
    h.write_u64(c.keys.programme);
    h.finish()
}

fn to_map(v: &Value) -> tera::Map {
    v.as_map().cloned().unwrap_or_default()
}

fn entries_value<'a>(c: &Ctx, ids: impl Iterator<Item = &'a EntryId>) -> Value {
    Value::from(
        ids.filter_map(|id| c.sums.entries.get(id).cloned())
            .collect::<Vec<_>>(),
    )
}

fn tandems_of(c: &Ctx, id: CohortId) -> Vec<Value> {
    c.site.prog.cohorts[id.0]
        .tandems
        .iter()
        .map(|t| c.sums.tandems[t.0].clone())
        .collect()
}

/// The entries of cohort `id`, newest first.
pub(super) fn cohort_entries(site: &Site, id: CohortId) -> Vec<EntryId> {
    let mut v: Vec<EntryId> = site.prog.cohorts[id.0]
        .tandems
        .iter()
        .flat_map(|t| site.prog.tandems[t.0].entries.iter().copied())
        .collect();
    v.sort_by(|a, b| crate::site::newest_first(&site.prog, *a, *b));
    v
}

/// Months (oldest first), each with its entries (in the given order) and the
/// milestones of the given cohorts, in one list by date: a milestone comes before
/// the entries of its day.
fn months(c: &Ctx, entries: &[EntryId], cohorts: &[CohortId]) -> Value {
    let site = c.site;
    let prog = &site.prog;
    let lang = prog.meta.language;
    // Per month: (date, 0 for a milestone or 1 for an entry, order given) and the item.
    type Items = Vec<((chrono::NaiveDate, u8, usize), Value)>;
    let mut by_month: BTreeMap<(i32, u32), Items> = BTreeMap::new();
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| {
        let (ea, eb) = (&prog.entries[a.0], &prog.entries[b.0]);
        (ea.date, &ea.source.file).cmp(&(eb.date, &eb.source.file))
    });
    for (i, id) in sorted.iter().enumerate() {
        let d = prog.entries[id.0].date;
        if let Some(v) = c.sums.entries.get(id) {
            let mut m = to_map(v);
            m.insert("kind".into(), Value::from("entry"));
            by_month
                .entry((d.year(), d.month()))
                .or_default()
                .push(((d, 1, i), Value::from(m)));
        }
    }
    for &cid in cohorts {
        let co = &prog.cohorts[cid.0];
        for (i, m) in co.milestones.iter().enumerate() {
            let item = json!({
                "kind": "milestone",
                "date": m.date.to_string(),
                "date_text": i18n::date_long(lang, m.date),
                "title": m.title,
                "cohort_title": co.title,
                "cohort_url": site.href(&urls::cohort(prog, cid)),
            });
            by_month
                .entry((m.date.year(), m.date.month()))
                .or_default()
                .push(((m.date, 0, cid.0 * 10_000 + i), to_value(&item)));
        }
    }
    let list: Vec<Value> = by_month
        .into_iter()
        .map(|((y, m), mut items)| {
            items.sort_by_key(|a| a.0);
            let mut map = tera::Map::new();
            map.insert("label".into(), Value::from(i18n::month_year(lang, y, m)));
            map.insert("id".into(), Value::from(format!("{y}-{m:02}")));
            map.insert(
                "items".into(),
                Value::from(items.into_iter().map(|(_, v)| v).collect::<Vec<_>>()),
            );
            Value::from(map)
        })
        .collect();
    Value::from(list)
}
