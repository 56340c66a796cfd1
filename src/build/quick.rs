//! The quick path of the preview: an edited entry's page and its tandem's, made from
//! the last build in milliseconds while the whole site is rebuilt.

use super::{Cache, Options};
use crate::content;
use crate::memory::drop_aside;
use crate::render::{self, Page};
use crate::site;
use std::path::PathBuf;

/// The pages of edited entries and of their tandems, rendered with the last build's
/// site and theme in a few milliseconds, for the preview to show while the whole site
/// is rebuilt: the same bytes a whole build makes of these pages.
///
/// `files` are the files whose contents changed since the last build (nothing was
/// added, removed or renamed). `None` unless every one is an entry that was published
/// and still is, parses and renders without a problem, keeps its date and links to the
/// same files; and unless the last build succeeded with
/// [`Options::keep_for_quick`]. Either way the caller rebuilds the site next: what
/// was kept is used up here.
pub fn quick(opts: &Options, cache: &mut Cache, files: &[PathBuf]) -> Option<Vec<Page>> {
    let mut site = cache.site.take()?;
    let Some(mut kept) = cache.pages.kept.take() else {
        drop_aside(site);
        return None;
    };
    let pages = quick_with(opts, &cache.files, &mut site, &mut kept, files);
    drop_aside((site, kept));
    pages
}

fn quick_with(
    opts: &Options,
    files_cache: &content::load::FileCache,
    site: &mut site::Site,
    kept: &mut render::Kept,
    files: &[PathBuf],
) -> Option<Vec<Page>> {
    // An audience's programme numbers its entries anew: its pages wait for the rebuild.
    if files.is_empty() || site.prog.view.is_some() {
        return None;
    }
    let mut ids = Vec::new();
    for abs in files {
        let (rel, entry, diags) = content::load::reparse_entry(files_cache, &opts.content, abs)?;
        let entry = entry.filter(|_| diags.is_empty())?;
        let id = site
            .prog
            .entries
            .iter()
            .position(|e| e.source.file == rel)
            .map(content::EntryId)?;
        let old = &site.prog.entries[id.0];
        let same_place = old.date == entry.date && old.slug == entry.slug;
        if !same_place || !site.published(id) || !site.prog.visible.includes(&entry) {
            return None;
        }
        let html = site.entry_markdown(&entry);
        let mut links = html.links.clone();
        let mut old_links = site.entry_html[&id].links.clone();
        links.sort();
        old_links.sort();
        if !html.diags.is_empty() || links != old_links {
            return None;
        }
        site.replace_entry(id, entry, html);
        // A burst of events may name a file twice.
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    render::render_edited(site, kept, &ids).ok()
}
