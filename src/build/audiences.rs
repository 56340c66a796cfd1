//! One site per audience (`audiences:` in program.yaml), from one load: each
//! audience's programme is made from the whole one ([`content::view`]) and goes
//! through the rest of the pipeline on its own, its pages into the folder named by
//! its id. The whole programme is indexed once first: its problems are the build's
//! (the same a build without audiences reports), and its Markdown, rendered there,
//! is reused by every audience whose links lead to the same pages.

use super::{finish, search_step, Built, Cache, Options, Outcome, Sites};
use crate::content::{self, Audience, Programme};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::render::{self, Page};
use crate::site::{self, Site};
use crate::timings::Timings;
use std::sync::Arc;

/// What a build makes, from what the options ask and program.yaml declares.
pub(super) enum Chosen {
    /// One site at the top of the output: the whole programme, or an audience's.
    One(Box<Programme>),
    /// These audiences' sites of the programme, each in its folder.
    Folders(Box<Programme>, Vec<Arc<Audience>>),
}

pub(super) fn chosen(sites: &Sites, prog: Programme) -> Result<Chosen, Diagnostic> {
    let find = |id: &str| {
        prog.audiences
            .iter()
            .find(|a| a.id == id)
            .cloned()
            .ok_or_else(|| unknown(id, &prog))
    };
    Ok(match sites {
        Sites::PerAudience if !prog.audiences.is_empty() => {
            let all = prog.audiences.clone();
            Chosen::Folders(Box::new(prog), all)
        }
        Sites::Whole | Sites::PerAudience => Chosen::One(Box::new(prog)),
        Sites::Folder(id) => {
            let one = find(id)?;
            Chosen::Folders(Box::new(prog), vec![one])
        }
        Sites::Top(id) => Chosen::One(Box::new(view(&prog, &find(id)?))),
    })
}

/// The part of `prog` that `a` sees, with the addresses of what it withholds.
fn view(prog: &Programme, a: &Arc<Audience>) -> Programme {
    let mut seen = content::view(prog, a);
    site::withhold_pages(prog, &mut seen);
    seen
}

/// `--audience` names an audience program.yaml does not have.
fn unknown(id: &str, prog: &Programme) -> Diagnostic {
    let ids: Vec<&str> = prog.audiences.iter().map(|a| a.id.as_str()).collect();
    if ids.is_empty() {
        return Diagnostic::error(
            "program.yaml",
            crate::text!(
                "Die Zielgruppe `{id}` gibt es nicht: program.yaml nennt keine Zielgruppen (`audiences`)",
                "there is no audience `{id}`: program.yaml lists no audiences (`audiences`)"
            ),
        )
        .with_help(crate::text!(
            "Lassen Sie `--audience` weg, oder legen Sie in program.yaml eine Liste `audiences:` an, z. B. mit `- id: {id}`.",
            "leave out `--audience`, or add a list `audiences:` to program.yaml, e.g. with `- id: {id}`"
        ));
    }
    let all = ids.join(", ");
    let help = match crate::diagnostics::did_you_mean(id, ids.iter().copied()) {
        Some(s) => crate::text!(
            "Meinten Sie `--audience {s}`? Zielgruppen: {all}.",
            "did you mean `--audience {s}`? Audiences: {all}"
        ),
        None => crate::text!(
            "Nennen Sie eine der Zielgruppen aus program.yaml: {all}.",
            "name one of the audiences of program.yaml: {all}"
        ),
    };
    Diagnostic::error(
        "program.yaml",
        crate::text!(
            "Die Zielgruppe `{id}` gibt es in program.yaml nicht",
            "program.yaml has no audience `{id}`"
        ),
    )
    .with_help(help)
}

/// The sites of `audiences`, their pages handed to `sink` (or kept) under
/// `<id>/`. `diags` are the load's.
pub(super) fn run(
    opts: &Options,
    sink: Option<render::Sink>,
    prog: &Programme,
    audiences: &[Arc<Audience>],
    mut diags: Diagnostics,
    mut timings: Timings,
) -> Outcome {
    let language = Some(prog.meta.language);
    let markdown = site::MarkdownCache::shared();
    let base_url = opts.base_url.as_deref();
    let whole = site::index(prog.clone(), base_url, &mut diags, &markdown);
    timings.lap("index");
    if diags.has_errors() {
        return finish(None, diags, opts.strict, language);
    }
    let mut whole = Some(whole);
    let mut built = Built::default();
    for a in audiences {
        let mut site = match whole.take_if(|_| a.sees_all()) {
            Some(mut s) => {
                s.prog = content::view(&s.prog, a);
                s
            }
            None => {
                // The whole programme's problems are reported; an audience's own are
                // only those of its part (an attachment that only another audience's
                // entries link to is no problem), except failures.
                let mut own = Diagnostics::default();
                let s = site::index(view(prog, a), base_url, &mut own, &markdown);
                let errors = own.iter().filter(|d| d.severity == Severity::Error);
                add_new(&mut diags, errors.cloned().collect());
                s
            }
        };
        site.put_under(&a.id);
        match one(opts, &site, sink, &a.id) {
            Ok(b) => merge(&mut built, b, &a.id),
            Err(ds) => add_new(&mut diags, ds),
        }
        crate::memory::drop_aside(site);
        timings.lap(&a.id);
    }
    crate::memory::drop_aside((whole, markdown));
    finish(Some(built), diags, opts.strict, language)
}

/// Renders one audience's site, with its search index.
fn one(
    opts: &Options,
    site: &Site,
    sink: Option<render::Sink>,
    id: &str,
) -> Result<Built, Vec<Diagnostic>> {
    let prog = &site.prog;
    let theme =
        render::templates::load(prog.theme_dir.as_deref(), &opts.content, prog.meta.language)?;
    let mut cache = Cache::for_one_build();
    let plan = search_step::plan(opts, site, &theme.strings, &mut cache);
    let prefixed = |page: &Page| {
        if let Some(sink) = sink {
            sink(&Page {
                path: format!("{id}/{}", page.path),
                bytes: page.bytes.clone(),
                deps: Vec::new(),
            });
        }
    };
    let sink = sink.map(|_| &prefixed as render::Sink);
    let (built, _) = search_step::render_with_index(opts, site, theme, &mut cache, plan, sink)?;
    Ok(built)
}

/// Adds an audience's site to the build's, its paths in the audience's folder.
fn merge(all: &mut Built, one: Built, id: &str) {
    all.pages.extend(one.pages.into_iter().map(|mut p| {
        p.path = format!("{id}/{}", p.path);
        p
    }));
    all.copied.extend(one.copied.into_iter().map(|mut c| {
        c.out = format!("{id}/{}", c.out);
        c
    }));
    all.sunk += one.sunk;
    all.sunk_html += one.sunk_html;
}

/// A problem several audiences' sites share is reported once.
fn add_new(diags: &mut Diagnostics, new: Vec<Diagnostic>) {
    for d in new {
        if !diags.iter().any(|x| *x == d) {
            diags.push(d);
        }
    }
}
