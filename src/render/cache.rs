//! What this stage keeps from one build to the next: the pages with the fingerprints of
//! their inputs (an unchanged page is taken, not rendered), and on request what the
//! pages were rendered with, to render an edited entry's pages alone.

use super::context::{self, to_value, Summaries};
use super::fingerprint::EntryKeys;
use super::{render_job, templates, Ctx, Dep, Job, Page};
use crate::content::{EntryId, TandemId};
use crate::diagnostics::Diagnostic;
use crate::site::{Site, UrlPath};
use std::collections::HashMap;
use std::sync::Arc;

/// Output path → the fingerprint of a page's inputs and its bytes.
pub(super) type Pages = HashMap<String, (u64, Arc<[u8]>)>;

/// Pages of the previous build, each with a fingerprint of everything it was made
/// from (theme, global context, template name, page context). A page whose inputs
/// have the same fingerprint is not rendered again: this is what makes a rebuild after
/// an edit re-render only the pages that show what changed.
#[derive(Debug, Default)]
pub struct PageCache {
    pub(super) pages: Pages,
    /// How many pages the last build had to render.
    pub rendered: usize,
    /// What the last build rendered with, when asked to keep it (see [`render_edited`]).
    pub kept: Option<Kept>,
}

/// The theme (with the last build's global context) and the summaries the last build
/// rendered with.
pub struct Kept {
    pub(super) theme: templates::Theme,
    pub(super) sums: Summaries,
    pub(super) keys: EntryKeys,
    pub(super) base: u64,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept { .. }")
    }
}

/// Renders the pages of edited entries and of their tandems with what the last build
/// kept, after [`Site::replace_entry`] put the new versions of the entries into that
/// build's site: the pages a whole build of the new content makes, as long as every
/// entry kept its date and file (and so its neighbours and address). The summaries of
/// the entries and their tandems are made again; the pages are always rendered, never
/// taken from the last build.
pub(crate) fn render_edited(
    site: &Site,
    kept: &mut Kept,
    ids: &[EntryId],
) -> Result<Vec<Page>, Diagnostic> {
    let mut tandems: Vec<TandemId> = ids
        .iter()
        .map(|&id| site.prog.entries[id.0].tandem)
        .collect();
    tandems.sort();
    tandems.dedup();
    for &id in ids {
        kept.sums.entries.insert(
            id,
            to_value(&context::entry_summary(site, &kept.theme.strings, id)),
        );
    }
    for &t in &tandems {
        kept.sums.tandems[t.0] = to_value(&context::tandem_summary(site, &kept.theme.strings, t));
    }
    let none = HashMap::new();
    // The fingerprints of these pages are not used: nothing is taken from a build.
    let ctx = Ctx::new(
        site,
        &kept.theme,
        &kept.sums,
        kept.base,
        &none,
        &kept.keys,
        false,
    );
    let jobs = ids
        .iter()
        .map(|&id| Job::Entry(id))
        .chain(tandems.iter().map(|&t| Job::Tandem(t)));
    jobs.map(|job| render_job(&ctx, job).map(|(page, _)| page))
        .collect()
}

/// The previous build's page at `url` when it was made from inputs with the same
/// `key`; otherwise the dependencies back, to render it.
pub(super) fn reuse(
    c: &Ctx,
    url: &UrlPath,
    key: u64,
    deps: Vec<Dep>,
) -> Result<(Page, u64), Vec<Dep>> {
    let path = url.output_file();
    match c.previous.get(&path) {
        Some((old, bytes)) if *old == key => Ok((
            Page {
                path,
                bytes: bytes.clone(),
                deps,
            },
            key,
        )),
        _ => Err(deps),
    }
}
