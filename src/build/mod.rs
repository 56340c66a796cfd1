//! The whole pipeline as one function, [`run`]: load → index → render, with the search
//! index made beside the pages, all in memory. `tandem build` and `tandem check` run it
//! once with a cache that keeps nothing; `watch` and `serve` run it after every save
//! with the last run's [`Cache`], and show an edited entry first with [`quick`].

mod audiences;
mod cache;
mod quick;
mod search_step;

pub use cache::Cache;
pub use quick::{quick, LastSite};
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
    /// Which sites: the whole programme, or its audiences' (`audiences:`).
    pub sites: Sites,
}

/// Which sites a build makes of a programme with `audiences:` in program.yaml.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Sites {
    /// The whole programme, at the top of the output (the preview, `watch`).
    #[default]
    Whole,
    /// One site per audience, each in the folder named by its id; the whole
    /// programme at the top when program.yaml has no audiences (`build`, `check`).
    PerAudience,
    /// Only this audience's site, in its folder (`build --audience`).
    Folder(String),
    /// Only this audience's site, at the top (`serve --audience`).
    Top(String),
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

#[derive(Default)]
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
    /// The ids of program.yaml's audiences (empty when it has none); with
    /// [`Sites::PerAudience`] and [`Sites::Folder`], the pages of each are in the
    /// folder named by its id.
    pub audiences: Vec<String>,
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
    let ids: Vec<String> = prog.audiences.iter().map(|a| a.id.clone()).collect();
    if opts.search != SearchWhen::Never {
        // Pagefind's browser code is made once per process; start it now.
        crate::search::prepare_scripts(prog.meta.language);
    }
    let mut outcome = match audiences::chosen(&opts.sites, prog) {
        Err(d) => {
            diags.push(d);
            finish(None, diags, opts.strict, language)
        }
        Ok(audiences::Chosen::One(prog)) => one_site(opts, cache, sink, *prog, diags, timings),
        Ok(audiences::Chosen::Folders(prog, list)) => {
            audiences::run(opts, sink, &prog, &list, diags, timings)
        }
    };
    outcome.audiences = ids;
    outcome
}

/// The rest of [`run`] for one site, at the top of the output.
fn one_site(
    opts: &Options,
    cache: &mut Cache,
    sink: Option<render::Sink>,
    prog: content::Programme,
    mut diags: Diagnostics,
    mut timings: Timings,
) -> Outcome {
    let language = Some(prog.meta.language);
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
        audiences: Vec::new(),
    }
}
