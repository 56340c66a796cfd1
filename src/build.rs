//! The whole pipeline as one function, shared by `build`, `check` and (later) the
//! watch loop: load → index → render, all in memory.

use crate::content::{self, Visible};
use crate::diagnostics::Diagnostics;
use crate::memory::drop_aside;
use crate::render::{self, Page};
use crate::search;
use crate::site::{self, CopiedFile};
use crate::timings::Timings;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub content: PathBuf,
    pub base_url: Option<String>,
    pub visible: Visible,
    pub strict: bool,
    /// Folders inside the content folder that are not content (the output).
    pub skip: Vec<PathBuf>,
    /// When the search index is made.
    pub search: SearchWhen,
    /// Keep the built site and what its pages were rendered with, so that [`quick`]
    /// can show an edited entry's page before the whole rebuild is done.
    pub keep_for_quick: bool,
}

/// When a build makes its search index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchWhen {
    /// With the pages, which it is written with.
    #[default]
    Now,
    /// Later, by the caller ([`Outcome::search_job`]), the last index standing in
    /// meanwhile: the preview shows an edit before it is searchable.
    Later,
    /// Never (`tandem check`): an index cannot fail on content.
    Never,
}

/// A search index still to be made for a build (see [`SearchWhen::Later`]).
pub struct SearchJob {
    /// The indexes the content needs.
    pub layout: search::Layout,
    /// Those of them that are not made yet.
    pub missing: Vec<search::Shard>,
    pub language: content::Language,
}

pub struct Built {
    /// The pages held in memory: all of them, unless a sink took them (see
    /// [`run_into`]).
    pub pages: Vec<Page>,
    pub copied: Vec<CopiedFile>,
    /// Pages handed to the sink, and HTML pages among them.
    pub sunk: usize,
    pub sunk_html: usize,
}

pub struct Outcome {
    /// `None` when there were errors (nothing may be written then).
    pub built: Option<Built>,
    pub diags: Diagnostics,
    /// The programme's language, when program.yaml could be read.
    pub language: Option<content::Language>,
    /// The search index this build still needs, when it was deferred.
    pub search_job: Option<SearchJob>,
}

/// What one build keeps for the next, so that a rebuild after an edit redoes only what
/// the edit touched. Its results are always byte-identical to a clean build.
#[derive(Default)]
pub struct Cache {
    pub files: content::load::FileCache,
    pub markdown: site::MarkdownCache,
    pub pages: render::PageCache,
    pub search: search::SearchCache,
    pub texts: search::TextCache,
    /// The last build's site, when it succeeded and [`Options::keep_for_quick`] is set.
    pub site: Option<site::Site>,
}

/// One build, keeping nothing for a next one.
pub fn run(opts: &Options) -> Outcome {
    run_with(opts, &mut Cache::one_shot(), None)
}

/// One build whose pages go to `sink` as soon as they are rendered, instead of being
/// kept (the search index, the theme's assets and copied files still come back in
/// [`Built`]). A sink may get pages of a build that then fails: it must not publish
/// them before the build's outcome is known.
pub fn run_into(opts: &Options, sink: render::Sink) -> Outcome {
    run_with(opts, &mut Cache::one_shot(), Some(sink))
}

impl Cache {
    /// For a single build: files and rendered Markdown are not kept.
    fn one_shot() -> Self {
        let mut cache = Cache::default();
        cache.files.one_shot = true;
        cache.markdown.one_shot = true;
        cache
    }
}

pub fn run_cached(opts: &Options, cache: &mut Cache) -> Outcome {
    run_with(opts, cache, None)
}

fn run_with(opts: &Options, cache: &mut Cache, sink: Option<render::Sink>) -> Outcome {
    let mut timings = Timings::start();
    // Not needed while building.
    if cache.site.is_some() || cache.pages.kept.is_some() {
        drop_aside((cache.site.take(), cache.pages.kept.take()));
    }
    let (prog, mut diags) =
        content::load::load_cached(&opts.content, opts.visible, &opts.skip, &mut cache.files);
    timings.lap("load");
    let Some(prog) = prog else {
        return finish(None, diags, opts.strict, None);
    };
    let language = Some(prog.meta.language);
    if opts.search != SearchWhen::Never {
        // Pagefind's browser code is made once per process; start it now.
        search::prepare_scripts(prog.meta.language);
    }
    let theme =
        render::templates::load(prog.theme_dir.as_deref(), &opts.content, prog.meta.language);
    let mut site = site::index_cached(prog, opts.base_url.as_deref(), &mut diags, &cache.markdown);
    if cache.files.one_shot {
        site.forget_entry_sources();
    }
    timings.lap("index");
    let theme = match theme {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return finish(None, diags, opts.strict, language);
        }
    };
    if diags.has_errors() {
        return finish(None, diags, opts.strict, language);
    }
    let records = match opts.search {
        SearchWhen::Never => Vec::new(),
        _ => search::records(&site, &theme.strings, &mut cache.texts),
    };
    timings.lap("records");
    // A large programme gets several search indexes, made one at a time (each holds
    // the working memory of up to 5,000 records) while the pages are rendered.
    let lang = site.prog.meta.language;
    let shards = search::plan(records, lang);
    let layout: search::Layout = shards.iter().map(|s| (s.dir.clone(), s.key)).collect();
    let missing: Vec<search::Shard> = shards
        .into_iter()
        .filter(|s| !cache.search.has(&s.dir, s.key))
        .collect();
    let mut search_job = None;
    // The bundle when no index is made now: all are kept, or the preview makes them later.
    let mut ready = None;
    let mut to_make = Vec::new();
    if opts.search == SearchWhen::Never {
        ready = Some(search::BundleFiles::default());
    } else if missing.is_empty() {
        ready = Some(cache.search.assemble(&layout).unwrap_or_default());
    } else if opts.search == SearchWhen::Later {
        ready = Some(cache.search.last());
        search_job = Some(SearchJob {
            layout: layout.clone(),
            missing,
            language: lang,
        });
    } else {
        to_make = missing;
    }
    let keep = opts.keep_for_quick;
    let pages_cache = &mut cache.pages;
    let render = || render::render_all(&site, theme, pages_cache, keep, sink);
    let (made, pages) = match to_make.len() {
        0 => (Ok(Vec::new()), render()),
        // The indexes are made while the pages are rendered: each fills the time the
        // other leaves a core idle (the index's sequential merge, the big pages at the
        // end of the rendering).
        _ => rayon::join(
            || search::make_indexes(to_make, lang, search::Pace::Fast),
            render,
        ),
    };
    let bundle = match (made, ready) {
        (Ok(_), Some(bundle)) => bundle,
        (Ok(made), None) => {
            for (dir, key, files) in made {
                cache.search.store(dir, key, files);
            }
            cache.search.assemble(&layout).unwrap_or_default()
        }
        (Err(d), _) => {
            diags.push(d);
            cache.pages.kept = None;
            return finish(None, diags, opts.strict, language);
        }
    };
    let rendered = match pages {
        Ok(rendered) => rendered,
        Err(ds) => {
            diags.extend(ds);
            return finish(None, diags, opts.strict, language);
        }
    };
    timings.lap("render+search");
    let mut pages = rendered.pages;
    pages.extend(with_bundle(bundle.iter()));
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let built = Built {
        pages,
        copied: site.copied.clone(),
        sunk: rendered.sunk,
        sunk_html: rendered.sunk_html,
    };
    let mut outcome = finish(Some(built), diags, opts.strict, language);
    if outcome.built.is_some() {
        outcome.search_job = search_job;
        if opts.keep_for_quick {
            cache.site = Some(site);
        } else {
            drop_aside(site);
        }
    } else {
        cache.pages.kept = None;
    }
    outcome
}

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
    if files.is_empty() {
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

/// The files of a search bundle as pages of the site.
fn with_bundle<'a>(
    files: impl Iterator<Item = &'a (String, std::sync::Arc<[u8]>)> + 'a,
) -> impl Iterator<Item = Page> + 'a {
    files.map(|(path, bytes)| Page {
        path: path.clone(),
        bytes: bytes.clone(),
        deps: vec![render::Dep::AllEntries, render::Dep::AllDocs],
    })
}

fn finish(
    built: Option<Built>,
    mut diags: Diagnostics,
    strict: bool,
    language: Option<content::Language>,
) -> Outcome {
    if strict {
        diags.make_warnings_errors();
    }
    diags.sort();
    let built = if diags.has_errors() { None } else { built };
    Outcome {
        built,
        diags,
        language,
        search_job: None,
    }
}

/// Where the default content folder is: `./content`.
pub fn default_content() -> &'static Path {
    Path::new("content")
}
