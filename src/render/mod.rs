//! Stage 3: a [`Site`] → pages in memory (output path → bytes), rendered in parallel
//! with tera and the theme. Each page records what content it depends on, so that a
//! rebuild can tell which pages a change touches.
//!
//! [`render_all`] lists the pages to render (`Job`s) and renders them in parallel;
//! `render_job` hands each to the file of its kind: the HTML pages in `pages/`, the
//! feeds in `feeds.rs`, the sitemap in `sitemap.rs`. What every page can show is in
//! `globals.rs` (the global context) and [`context`] (the summaries of entries,
//! tandems, cohorts and topics, and the charts' data); what makes a rebuild render
//! only the pages whose inputs changed is in `fingerprint.rs` and `cache.rs`.

mod charts;
mod context;
mod filters;
pub mod templates;

mod cache;
mod exports;
mod feeds;
mod fingerprint;
mod globals;
mod html;
mod pages;
mod sitemap;

pub use cache::PageCache;
pub(crate) use cache::{render_edited, Kept};
pub(crate) use html::label_task_boxes;

use crate::content::*;
use crate::diagnostics::Diagnostic;
use crate::site::insights::Learner;
use crate::site::Site;
use context::Summaries;
use feeds::FeedOf;
use fingerprint::{fingerprint_hasher, EntryKeys, PageCtx};
use rayon::prelude::*;
use std::hash::Hasher;
use std::sync::Arc;

/// What a page shows, for incremental rebuilds: a change to any of these re-renders it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dep {
    /// program.yaml, the theme, index.md: every page.
    Programme,
    Cohort(CohortId),
    Tandem(TandemId),
    Entry(EntryId),
    Doc(DocId),
    Topic(TopicId),
    /// Lists over every entry (home, timeline, feeds, sitemap).
    AllEntries,
    AllDocs,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Output file path relative to the site root (`cohorts/2019/index.html`).
    pub path: String,
    pub bytes: std::sync::Arc<[u8]>,
    pub deps: Vec<Dep>,
}

/// One page to render. A new kind of page is a file in `pages/` with its `render`,
/// a variant here, its line in [`render_job`] and its place in [`jobs`].
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Cohorts,
    Cohort(CohortId),
    CohortTimeline(CohortId),
    Tandem(TandemId),
    Entry(EntryId),
    Topics,
    Topic(TopicId),
    Timeline,
    Search,
    Insights(Option<Learner>),
    Doc(DocId),
    NotFound,
    Feed(Option<FeedOf>),
    Sitemap,
    /// The programme's report across cohorts, to be printed.
    Report,
    /// A cohort's tandems with their figures, for a spreadsheet.
    CohortCsv(CohortId),
    /// A cohort's milestones, and all of them, as iCalendar files.
    CohortIcs(CohortId),
    ProgrammeIcs,
    /// An anonymous audience's page of figures, and its 404 page.
    Anonymous,
    AnonymousNotFound,
}

/// What every page is rendered with.
struct Ctx<'a> {
    site: &'a Site,
    theme: &'a templates::Theme,
    sums: &'a Summaries,
    /// Fingerprint of the theme and the global context.
    base: u64,
    /// The pages of the previous build with the fingerprints of their inputs.
    previous: &'a cache::Pages,
    keys: &'a EntryKeys,
    /// Whether the pages' fingerprints are used: not when there is no previous build
    /// to take pages from and the pages go to a sink (nothing is kept for the next).
    fingerprints: bool,
    /// Per tandem: its diary's items as listed beside each of its entries, rendered
    /// once for all its entry pages.
    diaries: pages::entry::Diaries,
}

impl<'a> Ctx<'a> {
    fn new(
        site: &'a Site,
        theme: &'a templates::Theme,
        sums: &'a Summaries,
        base: u64,
        previous: &'a cache::Pages,
        keys: &'a EntryKeys,
        fingerprints: bool,
    ) -> Self {
        Ctx {
            site,
            theme,
            sums,
            base,
            previous,
            keys,
            fingerprints,
            diaries: pages::entry::diaries(site),
        }
    }
}

/// Where pages go as soon as they are rendered (see [`render_all`]).
pub(crate) type Sink<'a> = &'a (dyn Fn(&Page) + Sync);

/// The pages of a build: those kept in memory, and how many went to the sink.
#[derive(Default)]
pub(crate) struct RenderedPages {
    pub pages: Vec<Page>,
    /// Pages given to the sink and not kept.
    pub sunk: usize,
    /// HTML pages among them.
    pub sunk_html: usize,
}

/// Renders every page. Template errors come back as diagnostics.
///
/// With a `sink`, each page is handed to it as soon as it is rendered and not kept,
/// nor remembered for the next build (the theme's assets are kept); the pages of a
/// large site are then never all held in memory.
///
/// With `keep`, what the pages were rendered with stays in `cache` for
/// [`render_edited`].
pub(crate) fn render_all(
    site: &Site,
    mut theme: templates::Theme,
    cache: &mut PageCache,
    keep: bool,
    sink: Option<Sink>,
) -> Result<RenderedPages, Vec<Diagnostic>> {
    let jobs = jobs(site);
    let globals = globals::global_context(site, &theme);
    let base = globals::base_fingerprint(&theme, &globals);
    *theme.tera.global_context() = globals.ctx;
    let previous = std::mem::take(&mut cache.pages);
    let sums = context::summaries(site, &theme.strings);
    let fingerprints = sink.is_none() || keep || !previous.is_empty();
    let keys = match fingerprints {
        true => EntryKeys::of(site, &sums, &theme.strings),
        false => EntryKeys::unused(site),
    };
    let ctx = Ctx::new(site, &theme, &sums, base, &previous, &keys, fingerprints);

    let results = render_jobs(&ctx, &jobs, sink);
    let (mut out, errors) = gather(results, &previous, cache, sink, theme.assets.len());
    for (path, bytes) in &theme.assets {
        out.pages.push(Page {
            path: format!("assets/{path}"),
            bytes: bytes.as_slice().into(),
            deps: vec![Dep::Programme],
        });
    }
    if keep && errors.is_empty() {
        cache.kept = Some(Kept {
            theme,
            sums,
            keys,
            base,
        });
    } else {
        cache.kept = None;
        // Freeing the summaries of a large programme takes a while (25 ms at 10,000
        // entries): the pages need not wait for it.
        crate::memory::drop_aside((sums, keys));
    }
    if errors.is_empty() {
        out.pages.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Every page of the site, as jobs in the order they are started.
fn jobs(site: &Site) -> Vec<Job> {
    if site.anonymous() {
        // Its own page and nothing else: a page kind added later is not in an
        // anonymous site until it is listed here.
        return vec![Job::Anonymous, Job::AnonymousNotFound];
    }
    let prog = &site.prog;
    // The pages that list many entries first (a topic page of a large programme takes
    // a hundred times as long as an entry page): the many small pages after them fill
    // the cores evenly up to the end, instead of one core finishing a big page alone.
    let mut jobs = vec![Job::Timeline];
    for i in 0..prog.topics.len() {
        jobs.push(Job::Topic(TopicId(i)));
    }
    for (i, c) in prog.cohorts.iter().enumerate() {
        jobs.push(Job::Cohort(CohortId(i)));
        jobs.push(Job::CohortTimeline(CohortId(i)));
        jobs.push(Job::CohortCsv(CohortId(i)));
        if !c.milestones.is_empty() {
            jobs.push(Job::CohortIcs(CohortId(i)));
        }
    }
    jobs.push(Job::Report);
    if prog.cohorts.iter().any(|c| !c.milestones.is_empty()) {
        jobs.push(Job::ProgrammeIcs);
    }
    jobs.push(Job::Sitemap);
    for i in 0..prog.topics.len() {
        jobs.push(Job::Feed(Some(FeedOf::Topic(TopicId(i)))));
    }
    for i in 0..prog.cohorts.len() {
        jobs.push(Job::Feed(Some(FeedOf::Cohort(CohortId(i)))));
    }
    jobs.extend([
        Job::Feed(None),
        Job::Home,
        Job::Cohorts,
        Job::Topics,
        Job::Search,
        Job::NotFound,
        Job::Insights(None),
        Job::Insights(Some(Learner::Mentee)),
        Job::Insights(Some(Learner::Mentor)),
        Job::Feed(Some(FeedOf::Insights)),
    ]);
    for i in 0..prog.tandems.len() {
        jobs.push(Job::Tandem(TandemId(i)));
    }
    for &e in &site.all_entries {
        jobs.push(Job::Entry(e));
    }
    for i in 0..prog.docs.len() {
        jobs.push(Job::Doc(DocId(i)));
    }
    jobs
}

/// Renders the jobs in parallel. With a `sink`, each page goes to it at once and only
/// its path and fingerprint stay.
fn render_jobs(c: &Ctx, jobs: &[Job], sink: Option<Sink>) -> Vec<Result<(Page, u64), Diagnostic>> {
    jobs.par_iter()
        .map(|job| {
            let mut r = render_job(c, *job);
            if let (Some(sink), Ok((page, _))) = (sink, &mut r) {
                sink(page);
                page.bytes = Arc::from(&[][..]);
                page.deps = Vec::new();
            }
            r
        })
        .collect()
}

/// The rendered pages (kept, and remembered in `cache` for the next build; or counted,
/// when they went to the sink) and the errors, each once. Counts in `cache` the pages
/// that were rendered rather than taken from the `previous` build. `assets` is the
/// number of pages still to come.
fn gather(
    results: Vec<Result<(Page, u64), Diagnostic>>,
    previous: &cache::Pages,
    cache: &mut PageCache,
    sink: Option<Sink>,
    assets: usize,
) -> (RenderedPages, Vec<Diagnostic>) {
    let mut rendered = 0;
    let mut out = RenderedPages::default();
    let pages = &mut out.pages;
    pages.reserve(if sink.is_some() { 0 } else { results.len() } + assets);
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((p, fp)) => {
                if previous.get(&p.path).is_none_or(|(old, _)| *old != fp) {
                    rendered += 1;
                }
                if sink.is_some() {
                    out.sunk += 1;
                    out.sunk_html += usize::from(p.path.ends_with(".html"));
                } else {
                    cache.pages.insert(p.path.clone(), (fp, p.bytes.clone()));
                    pages.push(p)
                }
            }
            Err(d) => {
                if !errors.contains(&d) {
                    errors.push(d)
                }
            }
        }
    }
    cache.rendered = rendered;
    (out, errors)
}

/// Renders one page, or takes it from the previous build: each kind of page in a file
/// of its own.
fn render_job(c: &Ctx, job: Job) -> Result<(Page, u64), Diagnostic> {
    match job {
        Job::Home => pages::home::render(c),
        Job::Cohorts => pages::cohorts::render(c),
        Job::Cohort(id) => pages::cohort::render(c, id),
        Job::CohortTimeline(id) => pages::cohort_timeline::render(c, id),
        Job::Tandem(id) => pages::tandem::render(c, id),
        Job::Entry(id) => pages::entry::render(c, id),
        Job::Topics => pages::topics::render(c),
        Job::Topic(id) => pages::topic::render(c, id),
        Job::Timeline => pages::timeline::render(c),
        Job::Search => pages::search::render(c),
        Job::Insights(of) => pages::insights::render(c, of),
        Job::Doc(id) => pages::doc::render(c, id),
        Job::NotFound => pages::not_found::render(c),
        Job::Feed(of) => feeds::render(c, of),
        Job::Sitemap => sitemap::render(c),
        Job::Report => pages::report::render(c),
        Job::CohortCsv(id) => exports::csv::render(c, id),
        Job::CohortIcs(id) => exports::ics::cohort(c, id),
        Job::ProgrammeIcs => exports::ics::programme(c),
        Job::Anonymous => pages::anonymous::render(c),
        Job::AnonymousNotFound => pages::anonymous::not_found(c),
    }
}

/// Renders a page, or takes it from the previous build when its inputs are the same.
/// `post` finishes the rendered bytes (a pure function of them).
fn render_page(
    c: &Ctx,
    template: &str,
    ctx: &PageCtx,
    path: String,
    deps: Vec<Dep>,
    key: Option<u64>,
    post: impl FnOnce(&mut Vec<u8>),
) -> Result<(Page, u64), Diagnostic> {
    let fp = key.unwrap_or_else(|| {
        if !c.fingerprints {
            return 0;
        }
        let mut h = fingerprint_hasher();
        h.write_u64(c.base);
        h.write_u64(ctx.fingerprint(template));
        h.finish()
    });
    if let Some((old, bytes)) = c.previous.get(&path) {
        if *old == fp {
            return Ok((
                Page {
                    path,
                    bytes: bytes.clone(),
                    deps,
                },
                fp,
            ));
        }
    }
    // Into bytes: the page is not checked again for being UTF-8, as a `String` would be.
    let mut bytes = Vec::with_capacity(32 * 1024);
    match c.theme.tera.render_to(template, &ctx.ctx, &mut bytes) {
        Ok(()) => {
            post(&mut bytes);
            Ok((
                Page {
                    path,
                    bytes: bytes.into(),
                    deps,
                },
                fp,
            ))
        }
        Err(e) => Err(c.theme.render_error(&e, template)),
    }
}
