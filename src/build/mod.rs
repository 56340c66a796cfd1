//! The whole pipeline as one function, [`run`]: load → index → render, with the search
//! index made beside the pages, all in memory. `tandem build` and `tandem check` run it
//! once with a cache that keeps nothing; `watch` and `serve` run it after every save
//! with the last run's [`Cache`], and show an edited entry first with [`quick`].

mod cache;
mod quick;
mod search_step;

pub use cache::Cache;
pub use quick::quick;
pub use search_step::SearchJob;

use crate::content::{self, Visible};
use crate::diagnostics::Diagnostics;
use crate::render::{self, Page};
use crate::site::{self, CopiedFile};
use crate::timings::Timings;
use std::path::PathBuf;

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

pub struct Built {
    /// The pages held in memory: all of them, unless a sink took them (see [`run`]).
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
    /// The programme's language; when program.yaml cannot be read, the one a line
    /// `language: …` in it names. `None` when neither tells.
    pub language: Option<content::Language>,
    /// The search index this build still needs, when it was deferred.
    pub search_job: Option<SearchJob>,
}

/// One build: the content folder read, checked and indexed, every page rendered and the
/// search index made as `opts` say. What the last run kept in `cache` is reused where
/// nothing it was made from changed, and what this run makes is kept for the next (a
/// cache made by [`Cache::for_one_build`] keeps nothing); the outcome is byte for byte
/// that of a build with an empty cache.
///
/// With a `sink`, pages go there as soon as they are rendered instead of being kept
/// (the search index, the theme's assets and copied files still come back in
/// [`Built`]). A sink may get pages of a build that then fails: it must not publish
/// them before the build's outcome is known.
pub fn run(opts: &Options, cache: &mut Cache, sink: Option<render::Sink>) -> Outcome {
    let mut timings = Timings::start();
    cache.forget_last_site();
    let (prog, mut diags) =
        content::load(&opts.content, opts.visible, &opts.skip, &mut cache.files);
    timings.lap("load");
    let Some(prog) = prog else {
        let language = content::load::language_written(&opts.content);
        return finish(None, diags, opts.strict, language);
    };
    let language = Some(prog.meta.language);
    if opts.search != SearchWhen::Never {
        // Pagefind's browser code is made once per process; start it now.
        crate::search::prepare_scripts(prog.meta.language);
    }
    let theme =
        render::templates::load(prog.theme_dir.as_deref(), &opts.content, prog.meta.language);
    let mut site = site::index(prog, opts.base_url.as_deref(), &mut diags, &cache.markdown);
    if !cache.files.keeps_sources() {
        site.forget_entry_sources();
    }
    timings.lap("index");
    let theme = match theme {
        Err(ds) => {
            diags.extend(ds);
            return finish(None, diags, opts.strict, language);
        }
        Ok(_) if diags.has_errors() => return finish(None, diags, opts.strict, language),
        Ok(theme) => theme,
    };
    let plan = search_step::plan(opts, &site, &theme.strings, cache);
    timings.lap("records");
    let made = search_step::render_with_index(opts, &site, theme, cache, plan, sink);
    let (built, search_job) = match made {
        Ok(made) => made,
        Err(ds) => {
            diags.extend(ds);
            return finish(None, diags, opts.strict, language);
        }
    };
    timings.lap("render+search");
    let mut outcome = finish(Some(built), diags, opts.strict, language);
    if outcome.built.is_some() {
        outcome.search_job = search_job;
    }
    cache.keep_site(opts, site, outcome.built.is_some());
    outcome
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
