//! The quick path of the preview: an edited entry's page and its tandem's, made from
//! the last build in milliseconds, whatever the whole rebuild is doing meanwhile.

use super::Options;
use crate::content::{self, EntryId};
use crate::render::{self, Page};
use crate::site;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What the quick path works on: the site of the last build that succeeded, what its
/// pages were rendered with and what its entries were parsed against, with every edit
/// the quick path took since put in. Taken out of the cache after a build
/// ([`super::Cache::take_last_site`]) and kept while the next build runs, so that
/// any number of saves in a row are shown without waiting for it.
pub struct LastSite {
    site: site::Site,
    kept: render::Kept,
    inputs: content::load::EntryInputs,
    /// Entries whose file holds a newer text than the site (the quick path could not
    /// take it: an error, a new date, another file saved with it). While there are
    /// any, only a save of all of them is shown ahead: a page made without their newest
    /// text (their tandem's, another's that lists them as related) could show less
    /// than the page already served, or than a whole build.
    behind: HashSet<EntryId>,
    /// Whether something other than the contents of its entries changed since the
    /// site was built (a new or removed file, program.yaml, a tandem's YAML): then
    /// nothing is shown ahead until the next build's site replaces this one.
    stale: bool,
}

impl LastSite {
    pub(super) fn new(
        site: site::Site,
        kept: render::Kept,
        inputs: content::load::EntryInputs,
    ) -> Self {
        LastSite {
            site,
            kept,
            inputs,
            behind: HashSet::new(),
            stale: false,
        }
    }

    /// Tells the site that something other than its entries' contents changed since
    /// it was built (see [`quick`]).
    pub fn fall_behind(&mut self) {
        self.stale = true;
    }

    /// The site, with the edits the quick path took.
    pub fn site(&self) -> &site::Site {
        &self.site
    }

    /// Whether the load this site was made from read `abs` as an entry.
    pub fn has_entry_file(&self, abs: &Path) -> bool {
        self.inputs.has_file(abs)
    }
}

/// The pages of edited entries and of their tandems, rendered with the last build's
/// site and theme in a few milliseconds, for the preview to show while the whole site
/// is rebuilt: the same bytes a whole build makes of these pages. The edits are put
/// into `last`, so that the next save builds on them.
///
/// `files` are the files whose contents changed since the last build (nothing was
/// added, removed or renamed). `None` unless every one is an entry that was published
/// and still is, parses and renders without a problem, keeps its date and links to the
/// same files; unless no entry is behind its file (one the quick path could not take
/// before) but those in `files`, and nothing else changed since the last build (see
/// [`LastSite::fall_behind`]). Either way the caller rebuilds the site next.
pub fn quick(opts: &Options, last: &mut LastSite, files: &[PathBuf]) -> Option<Vec<Page>> {
    // An audience's programme numbers its entries anew: its pages wait for the rebuild.
    if files.is_empty() || last.site.prog.view.is_some() || last.stale {
        return None;
    }
    let mut files = files.to_vec();
    // A burst of events may name a file twice.
    files.sort();
    files.dedup();
    let mut edits = Vec::new();
    let mut refused = Vec::new();
    for abs in &files {
        match take(opts, last, abs) {
            Ok(edit) => edits.push(edit),
            Err(Some(id)) => refused.push(id),
            // Not an entry the site shows: what it changes waits for the build.
            Err(None) => last.stale = true,
        }
    }
    let ids: Vec<EntryId> = edits.iter().map(|(id, ..)| *id).collect();
    let waits = last.behind.iter().any(|b| !ids.contains(b));
    if edits.len() < files.len() || waits {
        last.behind.extend(refused.into_iter().chain(ids));
        return None;
    }
    for (id, entry, html) in edits {
        last.site.replace_entry(id, entry, html);
        last.behind.remove(&id);
    }
    render::render_edited(&last.site, &mut last.kept, &ids).ok()
}

/// An edited entry as the site would take it: its id, the entry and its Markdown.
type Edit = (EntryId, content::Entry, crate::markdown::Rendered);

/// The new version of the entry in `abs`, when the quick path can take it; otherwise
/// the entry it is in the site, if any.
fn take(opts: &Options, last: &LastSite, abs: &Path) -> Result<Edit, Option<EntryId>> {
    let site = &last.site;
    let (rel, entry, diags) =
        content::load::reparse_entry(&last.inputs, &opts.content, abs).ok_or(None)?;
    let id = site
        .prog
        .entries
        .iter()
        .position(|e| e.source.file == rel)
        .map(content::EntryId)
        .ok_or(None)?;
    let entry = entry.filter(|_| diags.is_empty()).ok_or(Some(id))?;
    let old = &site.prog.entries[id.0];
    let same_place = old.date == entry.date && old.slug == entry.slug;
    if !same_place || !site.published(id) || !site.prog.visible.includes(&entry) {
        return Err(Some(id));
    }
    let html = site.entry_markdown(&entry);
    let mut links = html.links.clone();
    let mut old_links = site.entry_html[&id].links.clone();
    links.sort();
    old_links.sort();
    if !html.diags.is_empty() || links != old_links {
        return Err(Some(id));
    }
    Ok((id, entry, html))
}
