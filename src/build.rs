//! The whole pipeline as one function, shared by `build`, `check` and (later) the
//! watch loop: load → index → render, all in memory.

use crate::content::{self, Visible};
use crate::diagnostics::Diagnostics;
use crate::render::{self, Page};
use crate::site::{self, CopiedFile};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub content: PathBuf,
    pub base_url: Option<String>,
    pub visible: Visible,
    pub strict: bool,
    /// Folders inside the content folder that are not content (the output).
    pub skip: Vec<PathBuf>,
    /// Stop after checking: no templates are rendered.
    pub check_only: bool,
}

pub struct Built {
    pub pages: Vec<Page>,
    pub copied: Vec<CopiedFile>,
}

pub struct Outcome {
    /// `None` when there were errors (nothing may be written then).
    pub built: Option<Built>,
    pub diags: Diagnostics,
    /// The programme's language, when program.yaml could be read.
    pub language: Option<content::Language>,
}

/// What one build keeps for the next, so that a rebuild after an edit redoes only what
/// the edit touched. Its results are always byte-identical to a clean build.
#[derive(Debug, Default)]
pub struct Cache {
    pub files: content::load::FileCache,
    pub markdown: site::MarkdownCache,
    pub pages: render::PageCache,
}

pub fn run(opts: &Options) -> Outcome {
    run_cached(opts, &mut Cache::default())
}

pub fn run_cached(opts: &Options, cache: &mut Cache) -> Outcome {
    let (prog, mut diags) =
        content::load::load_cached(&opts.content, opts.visible, &opts.skip, &mut cache.files);
    let Some(prog) = prog else {
        return finish(None, diags, opts.strict, None);
    };
    let language = Some(prog.meta.language);
    let theme =
        render::templates::load(prog.theme_dir.as_deref(), &opts.content, prog.meta.language);
    let site = site::index_cached(prog, opts.base_url.as_deref(), &mut diags, &cache.markdown);
    let theme = match theme {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return finish(None, diags, opts.strict, language);
        }
    };
    if opts.check_only || diags.has_errors() {
        return finish(None, diags, opts.strict, language);
    }
    match render::render_all(&site, theme, &mut cache.pages) {
        Ok(pages) => {
            let copied = site.copied.clone();
            finish(Some(Built { pages, copied }), diags, opts.strict, language)
        }
        Err(ds) => {
            diags.extend(ds);
            finish(None, diags, opts.strict, language)
        }
    }
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
    }
}

/// Where the default content folder is: `./content`.
pub fn default_content() -> &'static Path {
    Path::new("content")
}
