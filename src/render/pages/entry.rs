//! An entry's page: its text, its neighbours in the tandem's diary, the diary beside it,
//! and related entries of other tandems.

use super::{crumb, entries_value, home_crumb, new_ctx, render_html, ui, Links};
use crate::content::{EntryId, TandemId};
use crate::diagnostics::Diagnostic;
use crate::render::cache::reuse;
use crate::render::fingerprint::{fingerprint_hasher, PageCtx};
use crate::render::html::without_repeated_title;
use crate::render::{Ctx, Dep, Page};
use crate::site::{urls, Site};
use std::hash::Hasher;
use std::sync::OnceLock;
use tera::{Context, Value};

const TEMPLATE: &str = "entry.html";
const DIARY_ITEM: &str = "partials/diary_item.html";

pub(crate) fn render(c: &Ctx, id: EntryId) -> Result<(Page, u64), Diagnostic> {
    let related = related(c.site, id);
    let url = urls::entry(&c.site.prog, id);
    let key = key(c, id, &related);
    let deps = match reuse(c, &url, key, deps(c, id, &related)) {
        Ok(page) => return Ok(page),
        Err(deps) => deps,
    };
    let ctx = context(c, id, &related)?;
    render_html(c, TEMPLATE, ctx, url, Links::Relative, deps, Some(key))
}

fn deps(c: &Ctx, id: EntryId, related: &[EntryId]) -> Vec<Dep> {
    let prog = &c.site.prog;
    let e = &prog.entries[id.0];
    let td = &prog.tandems[e.tandem.0];
    let mut deps = vec![
        Dep::Programme,
        Dep::Cohort(td.cohort),
        Dep::Tandem(e.tandem),
        Dep::Entry(id),
    ];
    // Every entry of the tandem is listed beside it (titles and dates).
    deps.extend(
        td.entries
            .iter()
            .filter(|&&x| x != id)
            .map(|&x| Dep::Entry(x)),
    );
    deps.extend(e.topics.iter().map(|&t| Dep::Topic(t)));
    deps.extend(related.iter().map(|&x| Dep::Entry(x)));
    deps
}

/// The fingerprint of entry `id`'s page, whose related entries are `related`.
fn key(c: &Ctx, id: EntryId, related: &[EntryId]) -> u64 {
    let keys = c.keys;
    let e = &c.site.prog.entries[id.0];
    let mut h = fingerprint_hasher();
    h.write_u64(c.base);
    h.write(TEMPLATE.as_bytes());
    h.write_usize(id.0);
    h.write_u64(keys.tandems[e.tandem.0]);
    let (shown, body) = keys.entries.get(&id).copied().unwrap_or_default();
    h.write_u64(shown);
    h.write_u64(body);
    for r in related {
        h.write_usize(r.0);
        h.write_u64(keys.entries.get(r).map_or(0, |e| e.0));
    }
    h.finish()
}

fn context(c: &Ctx, id: EntryId, related: &[EntryId]) -> Result<PageCtx, Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let e = &prog.entries[id.0];
    let td = &prog.tandems[e.tandem.0];
    let co = &prog.cohorts[td.cohort.0];
    let mut ctx = new_ctx();
    ctx.insert_value("entry", c.sums.entries[&id].clone());
    ctx.insert(
        "body",
        without_repeated_title(&site.entry_html[&id].html, site.title(id)),
    );
    let pos = td.entries.iter().position(|&x| x == id).unwrap_or(0);
    let prev = pos.checked_sub(1).and_then(|i| td.entries.get(i));
    let next = td.entries.get(pos + 1);
    ctx.insert_value(
        "prev",
        prev.map(|p| c.sums.entries[p].clone())
            .unwrap_or(Value::none()),
    );
    ctx.insert_value(
        "next",
        next.map(|p| c.sums.entries[p].clone())
            .unwrap_or(Value::none()),
    );
    ctx.insert_value("tandem", c.sums.tandems[e.tandem.0].clone());
    // The tandem's whole diary beside the entry, to move around in it.
    ctx.insert_value("diary", entries_value(c, td.entries.iter()));
    ctx.insert("diary_at", &(pos + 1));
    ctx.insert("diary_list", &diary_list(c, e.tandem, pos)?);
    ctx.insert_value("related", entries_value(c, related.iter()));
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "cohorts"), site.href(&urls::cohorts())),
            crumb(&co.title, site.href(&urls::cohort(prog, td.cohort))),
            crumb(&td.title, site.href(&urls::tandem(prog, e.tandem))),
            crumb(site.title(id), site.href(&urls::entry(prog, id))),
        ],
    );
    Ok(ctx)
}

/// Per tandem: its diary's items as listed beside each of its entries, rendered once
/// for all its entry pages (see [`diary_list`]).
pub(crate) type Diaries = Vec<OnceLock<Result<Vec<String>, Diagnostic>>>;

/// Empty slots for the tandems' diary lists.
pub(crate) fn diaries(site: &Site) -> Diaries {
    (0..site.prog.tandems.len())
        .map(|_| OnceLock::new())
        .collect()
}

/// The list of tandem `id`'s entries beside its entry at position `at`: the items of
/// the others are the same on every entry page of the tandem and are rendered once
/// (25 entries to a tandem would otherwise be rendered 25 times each).
fn diary_list(c: &Ctx, id: TandemId, at: usize) -> Result<String, Diagnostic> {
    let td = &c.site.prog.tandems[id.0];
    let items = c.diaries[id.0]
        .get_or_init(|| {
            td.entries
                .iter()
                .map(|x| diary_item(c, *x, false))
                .collect()
        })
        .as_deref()
        .map_err(Clone::clone)?;
    let mut list = String::with_capacity(items.iter().map(String::len).sum::<usize>() + 64);
    for (i, item) in items.iter().enumerate() {
        if i == at {
            list.push_str(&diary_item(c, td.entries[i], true)?);
        } else {
            list.push_str(item);
        }
    }
    Ok(list)
}

/// One entry in a diary list; `current` on the page of that entry.
fn diary_item(c: &Ctx, id: EntryId, current: bool) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert_value(
        "d",
        c.sums.entries.get(&id).cloned().unwrap_or(Value::none()),
    );
    ctx.insert("current", &current);
    c.theme
        .tera
        .render(DIARY_ITEM, &ctx)
        .map_err(|e| c.theme.render_error(&e, DIARY_ITEM))
}

/// Up to three entries of other tandems sharing the most topics, nearest in time.
fn related(site: &Site, id: EntryId) -> Vec<EntryId> {
    /// How far to look on each side of the entry's date in a topic's list: enough to
    /// find three neighbours of other tandems, bounded so that a programme of 100,000
    /// entries stays linear.
    const REACH: usize = 24;
    let prog = &site.prog;
    let e = &prog.entries[id.0];
    if e.topics.is_empty() {
        return Vec::new();
    }
    // Asked for every entry page of every build: a few dozen candidates, collected
    // in a list and ranked only as far as the first three.
    let mut candidates: Vec<EntryId> = Vec::with_capacity(2 * REACH * e.topics.len());
    for t in &e.topics {
        let list = &site.topic_entries[t.0];
        // The list is newest first: find where this entry's date sits.
        let at = list.partition_point(|o| prog.entries[o.0].date > e.date);
        candidates.extend(
            list[at..]
                .iter()
                .take(REACH)
                .chain(list[..at].iter().rev().take(REACH))
                .filter(|o| prog.entries[o.0].tandem != e.tandem),
        );
    }
    candidates.sort_unstable_by_key(|o| o.0);
    candidates.dedup();
    let mut scored: Vec<(usize, i64, &str, EntryId)> = candidates
        .into_iter()
        .map(|o| {
            let oe = &prog.entries[o.0];
            let shared = oe.topics.iter().filter(|x| e.topics.contains(x)).count();
            let dist = (oe.date - e.date).num_days().abs();
            (shared, dist, oe.source.file.as_str(), o)
        })
        .collect();
    // Most topics in common, then nearest in time, then by file (each file is one
    // entry, so the order is total).
    let rank = |a: &(usize, i64, &str, EntryId), b: &(usize, i64, &str, EntryId)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2))
    };
    if scored.len() > 3 {
        scored.select_nth_unstable_by(2, rank);
        scored.truncate(3);
    }
    scored.sort_by(rank);
    scored.into_iter().map(|x| x.3).collect()
}
