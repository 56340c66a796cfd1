//! The search index's part of a build: which indexes the content needs, which of them
//! are kept from the last run, and making the missing ones while the pages are rendered.

use super::{Built, Cache, Options, SearchWhen};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::render::{self, templates::Theme, Page};
use crate::search;
use crate::site::Site;
use std::collections::BTreeMap;

/// A search index still to be made for a build (see [`SearchWhen::Later`]).
pub struct SearchJob {
    /// The indexes the content needs.
    pub layout: search::Layout,
    /// Those of them that are not made yet.
    pub missing: Vec<search::Shard>,
    pub language: content::Language,
}

/// What a build does about its search index.
pub(super) struct Plan {
    /// The indexes the content needs.
    layout: search::Layout,
    /// The bundle when no index is made now: all are kept, or the preview makes them
    /// later.
    ready: Option<search::BundleFiles>,
    /// The indexes to make with the pages.
    to_make: Vec<search::Shard>,
    /// The indexes the preview makes after the pages are out.
    later: Option<SearchJob>,
}

/// A large programme gets several search indexes, made one at a time (each holds the
/// working memory of up to 5,000 records) while the pages are rendered.
pub(super) fn plan(
    opts: &Options,
    site: &Site,
    strings: &BTreeMap<String, String>,
    cache: &mut Cache,
) -> Plan {
    // An anonymous audience's site has no search: nothing of its programme is text.
    let never = opts.search == SearchWhen::Never || site.anonymous();
    let lang = site.prog.meta.language;
    // A single build keeps nothing for a later one: each index's records are made
    // when the index is, and freed with it, instead of every text being held from
    // the start.
    let single = !cache.files.keeps_sources() && opts.search == SearchWhen::Now;
    let shards = match (never, single) {
        (true, _) => search::plan(Vec::new(), lang),
        (false, true) => search::plan_sources(search::sources(site)),
        (false, false) => search::plan(search::records(site, strings, &mut cache.texts), lang),
    };
    let layout: search::Layout = shards.iter().map(|s| (s.dir.clone(), s.key)).collect();
    let missing: Vec<search::Shard> = shards
        .into_iter()
        .filter(|s| !cache.search.has(&s.dir, s.key))
        .collect();
    let mut plan = Plan {
        layout,
        ready: None,
        to_make: Vec::new(),
        later: None,
    };
    if never {
        plan.ready = Some(search::BundleFiles::default());
    } else if missing.is_empty() {
        plan.ready = Some(cache.search.assemble(&plan.layout).unwrap_or_default());
    } else if opts.search == SearchWhen::Later {
        plan.ready = Some(cache.search.last());
        plan.later = Some(SearchJob {
            layout: plan.layout.clone(),
            missing,
            language: lang,
        });
    } else {
        plan.to_make = missing;
    }
    plan
}

/// Renders every page and makes the search indexes of `plan` at the same time: each
/// fills the time the other leaves a core idle (the index's sequential merge, the big
/// pages at the end of the rendering). The pages in memory come back sorted by path,
/// with the search bundle among them.
pub(super) fn render_with_index(
    opts: &Options,
    site: &Site,
    theme: Theme,
    cache: &mut Cache,
    plan: Plan,
    sink: Option<render::Sink>,
) -> Result<(Built, Option<SearchJob>), Vec<Diagnostic>> {
    let lang = site.prog.meta.language;
    let keep = opts.keep_for_quick;
    let pages_cache = &mut cache.pages;
    let strings = &match plan.to_make.is_empty() {
        true => BTreeMap::new(),
        false => theme.strings.clone(),
    };
    let render = || render::render_all(site, theme, pages_cache, keep, sink);
    let (made, pages) = match plan.to_make.len() {
        0 => (Ok(Vec::new()), render()),
        _ => {
            let make = |sources: &[search::Source]| search::records_of(site, strings, sources);
            rayon::join(
                || search::make_indexes(plan.to_make, lang, search::Pace::Fast, Some(&make)),
                render,
            )
        }
    };
    let bundle = match (made, plan.ready) {
        (Ok(_), Some(bundle)) => bundle,
        (Ok(made), None) => {
            for (dir, key, files) in made {
                cache.search.store(dir, key, files);
            }
            cache.search.assemble(&plan.layout).unwrap_or_default()
        }
        (Err(d), _) => {
            cache.pages.kept = None;
            return Err(vec![d]);
        }
    };
    let rendered = pages?;
    let mut pages = rendered.pages;
    pages.extend(bundle.iter().map(|(path, bytes)| Page {
        path: path.clone(),
        bytes: bytes.clone(),
        deps: vec![render::Dep::AllEntries, render::Dep::AllDocs],
    }));
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let built = Built {
        pages,
        copied: site.copied.clone(),
        sunk: rendered.sunk,
        sunk_html: rendered.sunk_html,
    };
    Ok((built, plan.later))
}
