//! Stage 3: a [`Site`] → pages in memory (output path → bytes), rendered in parallel
//! with tera and the theme. Each page records what content it depends on, so that a
//! rebuild can tell which pages a change touches.

pub mod charts;
pub mod context;
pub mod filters;
pub mod templates;

mod html;

pub use html::relativize;

use crate::content::*;
use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::site::{urls, Site, UrlPath};
use chrono::Datelike;
use context::{to_value, Summaries};
use html::{absolute_links, label_task_boxes, prefix_ids, without_repeated_title};
use rayon::prelude::*;
use serde_json::{json, Value as Json};
use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::sync::Arc;
use tera::{Context, Value};

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

/// One page to render.
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
    Doc(DocId),
    NotFound,
    Feed(Option<FeedOf>),
    Sitemap,
}

#[derive(Debug, Clone, Copy)]
enum FeedOf {
    Cohort(CohortId),
    Topic(TopicId),
}

const FEED_ENTRIES: usize = 50;
const LATEST_ON_HOME: usize = 8;

struct Ctx<'a> {
    site: &'a Site,
    theme: &'a templates::Theme,
    sums: &'a Summaries,
    /// Fingerprint of the theme and the global context.
    base: u64,
    /// The pages of the previous build with the fingerprints of their inputs.
    previous: &'a HashMap<String, (u64, Arc<[u8]>)>,
    keys: &'a EntryKeys,
    /// Per tandem: its diary's items as listed beside each of its entries, rendered
    /// once for all its entry pages (see [`diary_list`]).
    diaries: Vec<std::sync::OnceLock<Result<Vec<String>, Diagnostic>>>,
}

/// Fingerprints of what an entry page is made from, computed once per entry and once
/// per tandem: an entry page whose inputs did not change is taken from the previous
/// build without building its context (entry pages are most of a site).
struct EntryKeys {
    /// Per entry: what other pages show of it (summary, title, address, date), and its
    /// body.
    entries: HashMap<EntryId, (u64, u64)>,
    /// Per tandem: its summary, titles and addresses, and its entries in order.
    tandems: Vec<u64>,
    /// Per cohort: its summary, period and every entry of it (the charts on a tandem
    /// page span the cohort).
    cohorts: Vec<u64>,
    /// The programme's topics (a cohort's coverage lists every topic).
    topics: u64,
    /// Every cohort and the topics: what a topic page and the timeline show.
    programme: u64,
}

impl EntryKeys {
    fn of(site: &Site, sums: &Summaries, strings: &BTreeMap<String, String>) -> Self {
        use std::hash::Hash;
        let prog = &site.prog;
        let entries: HashMap<EntryId, (u64, u64)> = site
            .all_entries
            .par_iter()
            .map(|&id| {
                let mut h = fingerprint_hasher();
                if let Some(v) = sums.entries.get(&id) {
                    hash_value(v, &mut h);
                }
                site.title(id).hash(&mut h);
                urls::entry(prog, id).0.hash(&mut h);
                let e = &prog.entries[id.0];
                (e.date, &e.topics, e.duration_minutes, &e.format).hash(&mut h);
                let mut body = fingerprint_hasher();
                site.entry_html
                    .get(&id)
                    .map(|r| r.html.as_str())
                    .hash(&mut body);
                (id, (h.finish(), body.finish()))
            })
            .collect();
        let mut base = fingerprint_hasher();
        site.base_path.hash(&mut base);
        strings.hash(&mut base);
        let base = base.finish();
        let tandems: Vec<u64> = (0..prog.tandems.len())
            .into_par_iter()
            .map(|t| {
                let td = &prog.tandems[t];
                let co = &prog.cohorts[td.cohort.0];
                let mut h = fingerprint_hasher();
                h.write_u64(base);
                if let Some(v) = sums.tandems.get(t) {
                    hash_value(v, &mut h);
                }
                td.title.hash(&mut h);
                co.title.hash(&mut h);
                urls::tandem(prog, TandemId(t)).0.hash(&mut h);
                urls::cohort(prog, td.cohort).0.hash(&mut h);
                for x in &td.entries {
                    x.0.hash(&mut h);
                    entries.get(x).map(|e| e.0).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let cohorts: Vec<u64> = (0..prog.cohorts.len())
            .into_par_iter()
            .map(|i| {
                let co = &prog.cohorts[i];
                let mut h = fingerprint_hasher();
                h.write_u64(base);
                if let Some(v) = sums.cohorts.get(i) {
                    hash_value(v, &mut h);
                }
                co.title.hash(&mut h);
                co.period.map(|p| (p.start, p.end)).hash(&mut h);
                for t in &co.tandems {
                    h.write_u64(tandems[t.0]);
                }
                h.finish()
            })
            .collect();
        let mut topics = fingerprint_hasher();
        topics.write_u64(base);
        for v in &sums.topics {
            hash_value(v, &mut topics);
        }
        let topics = topics.finish();
        let mut programme = fingerprint_hasher();
        programme.write_u64(topics);
        for c in &cohorts {
            programme.write_u64(*c);
        }
        EntryKeys {
            entries,
            tandems,
            cohorts,
            topics,
            programme: programme.finish(),
        }
    }

    /// The fingerprint of a page of cohort `id` (its overview or its timeline).
    fn cohort_page(&self, c: &Ctx, template: &str, id: CohortId) -> u64 {
        use std::hash::Hash;
        let mut h = fingerprint_hasher();
        h.write_u64(c.base);
        h.write(template.as_bytes());
        h.write_usize(id.0);
        h.write_u64(self.cohorts[id.0]);
        h.write_u64(self.topics);
        c.site.cohort_intro_html[id.0]
            .as_ref()
            .map(|r| r.html.as_str())
            .hash(&mut h);
        h.finish()
    }

    /// The fingerprint of a page listing entries across the programme (a topic page,
    /// the timeline).
    fn programme_page(&self, c: &Ctx, template: &str, id: usize) -> u64 {
        let mut h = fingerprint_hasher();
        h.write_u64(c.base);
        h.write(template.as_bytes());
        h.write_usize(id);
        h.write_u64(self.programme);
        h.finish()
    }

    /// The fingerprint of tandem `id`'s page.
    fn tandem_page(&self, c: &Ctx, id: TandemId) -> u64 {
        use std::hash::Hash;
        let site = c.site;
        let td = &site.prog.tandems[id.0];
        let mut h = fingerprint_hasher();
        h.write_u64(c.base);
        h.write(b"tandem.html");
        h.write_usize(id.0);
        h.write_u64(self.tandems[id.0]);
        h.write_u64(self.cohorts[td.cohort.0]);
        for x in &td.entries {
            h.write_u64(self.entries.get(x).map_or(0, |e| e.1));
        }
        site.goals_html[id.0]
            .as_ref()
            .map(|r| r.html.as_str())
            .hash(&mut h);
        for a in &site.agreements[id.0] {
            (a.text.as_str(), a.entry.0).hash(&mut h);
        }
        td.focus.hash(&mut h);
        h.finish()
    }

    /// The fingerprint of entry `id`'s page, whose related entries are `related`.
    fn page(&self, c: &Ctx, id: EntryId, related: &[EntryId]) -> u64 {
        let e = &c.site.prog.entries[id.0];
        let mut h = fingerprint_hasher();
        h.write_u64(c.base);
        h.write(b"entry.html");
        h.write_usize(id.0);
        h.write_u64(self.tandems[e.tandem.0]);
        let (shown, body) = self.entries.get(&id).copied().unwrap_or_default();
        h.write_u64(shown);
        h.write_u64(body);
        for r in related {
            h.write_usize(r.0);
            h.write_u64(self.entries.get(r).map_or(0, |e| e.0));
        }
        h.finish()
    }
}

/// Pages of the previous build, each with a fingerprint of everything it was made
/// from (theme, global context, template name, page context). A page whose inputs
/// have the same fingerprint is not rendered again: this is what makes a rebuild after
/// an edit re-render only the pages that show what changed.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: HashMap<String, (u64, Arc<[u8]>)>,
    /// How many pages the last build had to render.
    pub rendered: usize,
    /// What the last build rendered with, when asked to keep it (see [`render_edited`]).
    pub kept: Option<Kept>,
}

/// The theme (with the last build's global context) and the summaries the last build
/// rendered with.
pub struct Kept {
    theme: templates::Theme,
    sums: Summaries,
    keys: EntryKeys,
    base: u64,
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
pub fn render_edited(
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
        kept.sums
            .entries
            .insert(id, to_value(&context::entry_summary(site, id)));
    }
    for &t in &tandems {
        kept.sums.tandems[t.0] = to_value(&context::tandem_summary(site, t));
    }
    let none = HashMap::new();
    let ctx = Ctx {
        site,
        theme: &kept.theme,
        sums: &kept.sums,
        base: kept.base,
        previous: &none,
        keys: &kept.keys,
        diaries: diaries(site),
    };
    let jobs = ids
        .iter()
        .map(|&id| Job::Entry(id))
        .chain(tandems.iter().map(|&t| Job::Tandem(t)));
    jobs.map(|job| render_job(&ctx, job).map(|(page, _)| page))
        .collect()
}

/// A deterministic hasher for fingerprints (fixed keys: the same inputs give the same
/// fingerprint in every run).
fn fingerprint_hasher() -> ahash::AHasher {
    use std::hash::BuildHasher;
    ahash::RandomState::with_seeds(0x7461_6e64, 0x656d_2d66, 0x696e_6765, 0x7270_7269)
        .build_hasher()
}

/// Feeds a value into a hasher: its structure, strings as bytes (with whether they are
/// marked safe), numbers by value. Cheaper than hashing a serialisation.
fn hash_value(v: &Value, h: &mut ahash::AHasher) {
    use std::hash::Hash;
    use tera::value::ValueKind;
    let kind = v.kind();
    kind.hash(h);
    match kind {
        ValueKind::Bool => v.as_bool().hash(h),
        ValueKind::U64 => v.as_u64().hash(h),
        ValueKind::I64 => v.as_i64().hash(h),
        ValueKind::U128 => v.as_u128().hash(h),
        ValueKind::I128 => v.as_i128().hash(h),
        ValueKind::F64 => v.as_f64().map(f64::to_bits).hash(h),
        ValueKind::String => {
            v.is_safe().hash(h);
            v.as_str().hash(h);
        }
        ValueKind::Bytes => v.as_bytes().hash(h),
        ValueKind::Array => {
            let items = v.as_array().unwrap_or_default();
            items.len().hash(h);
            for x in items {
                hash_value(x, h);
            }
        }
        ValueKind::Map => {
            if let Some(m) = v.as_map() {
                m.len().hash(h);
                for (k, x) in m {
                    k.hash(h);
                    hash_value(x, h);
                }
            }
        }
        _ => {}
    }
}

/// A tera context that remembers its keys, so that it can be fingerprinted.
#[derive(Default)]
struct PageCtx {
    ctx: Context,
    keys: Vec<&'static str>,
}

impl PageCtx {
    fn new() -> Self {
        Self::default()
    }

    fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, val: &T) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
        self.ctx.insert(key, val);
    }

    fn insert_value(&mut self, key: &'static str, val: Value) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
        self.ctx.insert_value(key, val);
    }

    fn fingerprint(&self, template: &str) -> u64 {
        let mut h = fingerprint_hasher();
        h.write(template.as_bytes());
        for k in &self.keys {
            h.write(k.as_bytes());
            if let Some(v) = self.ctx.get(k) {
                hash_value(v, &mut h);
            }
        }
        h.finish()
    }
}

/// Where pages go as soon as they are rendered (see [`render_all`]).
pub type Sink<'a> = &'a (dyn Fn(&Page) + Sync);

/// The pages of a build: those kept in memory, and how many went to the sink.
#[derive(Default)]
pub struct Rendered {
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
pub fn render_all(
    site: &Site,
    mut theme: templates::Theme,
    cache: &mut PageCache,
    keep: bool,
    sink: Option<Sink>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let prog = &site.prog;
    // The pages that list many entries first (a topic page of a large programme takes
    // a hundred times as long as an entry page): the many small pages after them fill
    // the cores evenly up to the end, instead of one core finishing a big page alone.
    let mut jobs = vec![Job::Timeline];
    for i in 0..prog.topics.len() {
        jobs.push(Job::Topic(TopicId(i)));
    }
    for i in 0..prog.cohorts.len() {
        jobs.push(Job::Cohort(CohortId(i)));
        jobs.push(Job::CohortTimeline(CohortId(i)));
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

    let globals = global_context(site, &theme);
    // Everything every page depends on: the theme and the global context.
    let base = {
        let mut h = fingerprint_hasher();
        h.write_u64(theme.fingerprint);
        h.write_u64(globals.fingerprint(""));
        h.finish()
    };
    *theme.tera.global_context() = globals.ctx;
    let previous = std::mem::take(&mut cache.pages);
    let sums = context::summaries(site);
    let keys = EntryKeys::of(site, &sums, &theme.strings);
    let ctx = Ctx {
        site,
        theme: &theme,
        sums: &sums,
        base,
        previous: &previous,
        keys: &keys,
        diaries: diaries(site),
    };

    let results: Vec<Result<(Page, u64), Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let mut r = render_job(&ctx, *job);
            if let (Some(sink), Ok((page, _))) = (sink, &mut r) {
                sink(page);
                page.bytes = Arc::from(&[][..]);
                page.deps = Vec::new();
            }
            r
        })
        .collect();
    let mut rendered = 0;
    let mut out = Rendered::default();
    let pages = &mut out.pages;
    pages.reserve(if sink.is_some() { 0 } else { results.len() } + theme.assets.len());
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
    for (path, bytes) in &theme.assets {
        pages.push(Page {
            path: format!("assets/{path}"),
            bytes: bytes.as_slice().into(),
            deps: vec![Dep::Programme],
        });
    }
    cache.rendered = rendered;
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

fn global_context(site: &Site, theme: &templates::Theme) -> PageCtx {
    let prog = &site.prog;
    let m = &prog.meta;
    let lang = m.language;
    let mut g = PageCtx::new();
    g.insert("lang", lang.code());
    g.insert("t", &theme.strings);
    g.insert(
        "program",
        &json!({
            "title": m.title,
            "subtitle": m.subtitle,
            "code": m.code,
            "provider": m.provider,
            "audience": m.audience,
            "sector": m.sector,
            "format": m.format,
            "period_text": context::period_text(lang, m.period),
            "contact": m.contact.as_ref().map(|c| json!({"name": c.name, "role": c.role, "email": c.email})),
        }),
    );
    let has_logo = prog.static_files.iter().any(|s| s.out == "logo.svg");
    g.insert(
        "site",
        &json!({
            "base": site.base_path,
            "home_url": site.href(&urls::home()),
            "cohorts_url": site.href(&urls::cohorts()),
            "topics_url": site.href(&urls::topics()),
            "timeline_url": site.href(&urls::timeline()),
            "search_url": site.href(&urls::search()),
            "docs_url": site.doc_order.first().map(|&d| site.href(&urls::doc(prog, d))),
            "feed_url": site.href(&urls::feed()),
            "assets": format!("{}assets/", site.base_path),
            "logo_url": if has_logo { Some(format!("{}logo.svg", site.base_path)) } else { None },
        }),
    );
    let cohorts: Vec<Json> = (0..prog.cohorts.len())
        .map(|i| json!({"title": prog.cohorts[i].title, "url": site.href(&urls::cohort(prog, CohortId(i)))}))
        .collect();
    g.insert("nav_cohorts", &cohorts);
    g.insert("nav_docs", &doc_nav(site));
    g
}

/// The choices of the search page's filters: the same names the index uses.
fn search_filters(site: &Site, t: &BTreeMap<String, String>) -> Json {
    let prog = &site.prog;
    let names = crate::search::FilterNames::of(site);
    let cohorts: Vec<Json> = prog
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "name": names.cohorts[i],
                "tandems": c.tandems.iter().map(|&TandemId(x)| names.tandems[x].clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut topics: Vec<&String> = names.topics.iter().collect();
    topics.sort_by_key(|n| n.to_lowercase());
    json!({
        "cohorts": cohorts,
        "topics": topics,
        "kinds": [crate::i18n::ui(t, "search_kind_entry"), crate::i18n::ui(t, "search_kind_doc")],
    })
}

fn doc_nav(site: &Site) -> Vec<Json> {
    site.doc_order
        .iter()
        .map(|&d| {
            json!({
                "title": site.doc_titles[d.0],
                "url": site.href(&urls::doc(&site.prog, d)),
                "depth": site.prog.docs[d.0].path.len(),
            })
        })
        .collect()
}

fn crumb(title: &str, url: String) -> Json {
    json!({ "title": title, "url": url })
}

/// The previous build's page at `url` when it was made from inputs with the same
/// `key`; otherwise the dependencies back, to render it.
fn reuse(c: &Ctx, url: &UrlPath, key: u64, deps: Vec<Dep>) -> Result<(Page, u64), Vec<Dep>> {
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

fn render_job(c: &Ctx, job: Job) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let t = &c.theme.strings;
    let s = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let mut ctx = PageCtx::new();
    // Set for pages fingerprinted by their inputs rather than by their context.
    let mut page_key = None;
    ctx.insert("breadcrumbs", &Vec::<Json>::new());
    let home = crumb(&s("home"), site.href(&urls::home()));
    let (url, template, deps): (UrlPath, &str, Vec<Dep>) = match job {
        Job::Home => {
            ctx.insert("intro", &site.intro_html.as_ref().map(|r| r.html.as_str()));
            ctx.insert_value("cohorts", Value::from(cohorts_with_months(c)));
            ctx.insert_value("topics", Value::from(c.sums.topics.clone()));
            ctx.insert("figures", &figures_json(site, &site.programme_figures));
            ctx.insert_value(
                "latest",
                entries_value(c, site.all_entries.iter().take(LATEST_ON_HOME)),
            );
            ctx.insert("breadcrumbs", &[home]);
            (
                urls::home(),
                "index.html",
                vec![Dep::Programme, Dep::AllEntries],
            )
        }
        Job::Cohorts => {
            let list: Vec<Value> = (0..prog.cohorts.len())
                .map(|i| {
                    let mut m = to_map(&c.sums.cohorts[i]);
                    m.insert(
                        "tandem_list".into(),
                        Value::from(tandems_of(c, CohortId(i))),
                    );
                    m.insert(
                        "months_chart".into(),
                        to_value(&Json::from(context::cohort_months(site, t, CohortId(i)))),
                    );
                    Value::from(m)
                })
                .collect();
            ctx.insert_value("cohorts", Value::from(list));
            ctx.insert(
                "breadcrumbs",
                &[home, crumb(&s("cohorts"), site.href(&urls::cohorts()))],
            );
            (
                urls::cohorts(),
                "cohorts.html",
                vec![Dep::Programme, Dep::AllEntries],
            )
        }
        Job::Cohort(id) => {
            let co = &prog.cohorts[id.0];
            let entries: Vec<EntryId> = cohort_entries(site, id);
            let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
            deps.extend(co.tandems.iter().map(|&t| Dep::Tandem(t)));
            deps.extend(entries.iter().map(|&e| Dep::Entry(e)));
            let url = urls::cohort(prog, id);
            let key = c.keys.cohort_page(c, "cohort.html", id);
            let deps = match reuse(c, &url, key, deps) {
                Ok(page) => return Ok(page),
                Err(deps) => deps,
            };
            page_key = Some(key);
            ctx.insert_value("cohort", c.sums.cohorts[id.0].clone());
            ctx.insert(
                "intro",
                &site.cohort_intro_html[id.0]
                    .as_ref()
                    .map(|r| r.html.as_str()),
            );
            ctx.insert_value("tandems", Value::from(tandems_of(c, id)));
            ctx.insert_value("entries", entries_value(c, entries.iter()));
            ctx.insert("coverage", &context::coverage(site, t, id));
            ctx.insert("activity", &context::activity(site, t, id, None));
            ctx.insert("quiet", &context::quiet(site, id));
            ctx.insert(
                "breadcrumbs",
                &[
                    home,
                    crumb(&s("cohorts"), site.href(&urls::cohorts())),
                    crumb(&co.title, site.href(&urls::cohort(prog, id))),
                ],
            );
            (url, "cohort.html", deps)
        }
        Job::CohortTimeline(id) => {
            let co = &prog.cohorts[id.0];
            let entries = cohort_entries(site, id);
            let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
            deps.extend(entries.iter().map(|&e| Dep::Entry(e)));
            let url = urls::cohort_timeline(prog, id);
            let key = c.keys.cohort_page(c, "cohort_timeline.html", id);
            let deps = match reuse(c, &url, key, deps) {
                Ok(page) => return Ok(page),
                Err(deps) => deps,
            };
            page_key = Some(key);
            ctx.insert_value("cohort", c.sums.cohorts[id.0].clone());
            ctx.insert_value("months", months(c, &entries, &[id]));
            ctx.insert("activity", &context::activity(site, t, id, None));
            ctx.insert(
                "breadcrumbs",
                &[
                    home,
                    crumb(&s("cohorts"), site.href(&urls::cohorts())),
                    crumb(&co.title, site.href(&urls::cohort(prog, id))),
                    crumb(&s("timeline"), site.href(&urls::cohort_timeline(prog, id))),
                ],
            );
            (url, "cohort_timeline.html", deps)
        }
        Job::Tandem(id) => {
            let td = &prog.tandems[id.0];
            let co = &prog.cohorts[td.cohort.0];
            let mut deps = vec![Dep::Programme, Dep::Cohort(td.cohort), Dep::Tandem(id)];
            // Quiet stretches are measured up to the cohort's latest entry, which may
            // belong to another tandem.
            deps.extend(
                cohort_entries(site, td.cohort)
                    .iter()
                    .map(|&e| Dep::Entry(e)),
            );
            let url = urls::tandem(prog, id);
            let key = c.keys.tandem_page(c, id);
            let deps = match reuse(c, &url, key, deps) {
                Ok(page) => return Ok(page),
                Err(deps) => deps,
            };
            page_key = Some(key);
            ctx.insert_value("tandem", c.sums.tandems[id.0].clone());
            ctx.insert(
                "goals",
                &site.goals_html[id.0].as_ref().map(|r| r.html.as_str()),
            );
            ctx.insert_value("entries", entries_value(c, td.entries.iter()));
            let agreements: Vec<Json> = site.agreements[id.0]
                .iter()
                .map(|a| json!({"text": a.text, "entry_title": site.title(a.entry), "entry_url": site.href(&urls::entry(prog, a.entry))}))
                .collect();
            ctx.insert("agreements", &agreements);
            let mut per_topic: BTreeMap<TopicId, usize> = BTreeMap::new();
            for &e in &td.entries {
                for &tp in &prog.entries[e.0].topics {
                    *per_topic.entry(tp).or_default() += 1;
                }
            }
            // Most written-about first; the share draws the bar behind each line.
            let max = per_topic.values().copied().max().unwrap_or(1).max(1);
            let mut per_topic: Vec<(TopicId, usize)> = per_topic.into_iter().collect();
            per_topic.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let per_topic: Vec<Json> = per_topic
                .into_iter()
                .map(|(tp, n)| {
                    let mut r = context::topic_ref(site, tp);
                    r["count"] = json!(n);
                    r["share"] = json!(n * 100 / max);
                    r["focus"] = json!(td.focus.contains(&tp));
                    r
                })
                .collect();
            ctx.insert("topic_counts", &per_topic);
            ctx.insert("activity", &context::activity(site, t, td.cohort, Some(id)));
            let lang = prog.meta.language;
            let silences: Vec<Json> = context::tandem_silences(site, id)
                .iter()
                .map(|x| json!({"from_text": i18n::date_long(lang, x.from), "to_text": i18n::date_long(lang, x.to), "days": x.days(), "ongoing": x.ongoing}))
                .collect();
            ctx.insert("silences", &silences);
            ctx.insert(
                "as_of_text",
                &context::cohort_window(site, td.cohort).map(|w| i18n::date_long(lang, w.end)),
            );
            // The whole diary, shown only in print: the tandem page prints as a diary.
            let diary: Vec<Value> = td
                .entries
                .iter()
                .filter_map(|e| {
                    let mut m = to_map(c.sums.entries.get(e)?);
                    // Entries share heading ids ("ausgangslage"): one page needs its own.
                    let prefix = format!("d-{}-", prog.entries[e.0].slug.as_str());
                    m.insert(
                        "body".into(),
                        Value::from(prefix_ids(&site.entry_html.get(e)?.html, &prefix)),
                    );
                    Some(Value::from(m))
                })
                .collect();
            ctx.insert_value("diary", Value::from(diary));
            ctx.insert(
                "cohort",
                &json!({"title": co.title, "url": site.href(&urls::cohort(prog, td.cohort))}),
            );
            ctx.insert(
                "breadcrumbs",
                &[
                    home,
                    crumb(&s("cohorts"), site.href(&urls::cohorts())),
                    crumb(&co.title, site.href(&urls::cohort(prog, td.cohort))),
                    crumb(&td.title, site.href(&urls::tandem(prog, id))),
                ],
            );
            (url, "tandem.html", deps)
        }
        Job::Entry(id) => {
            let e = &prog.entries[id.0];
            let td = &prog.tandems[e.tandem.0];
            let co = &prog.cohorts[td.cohort.0];
            let related = related(site, id);
            let mut deps = vec![
                Dep::Programme,
                Dep::Cohort(td.cohort),
                Dep::Tandem(e.tandem),
                Dep::Entry(id),
            ];
            // Every entry of the tandem is listed beside it (titles and dates).
            deps.extend(
                td.entries
                    .iter()
                    .filter(|&&x| x != id)
                    .map(|&x| Dep::Entry(x)),
            );
            deps.extend(e.topics.iter().map(|&t| Dep::Topic(t)));
            deps.extend(related.iter().map(|&x| Dep::Entry(x)));
            let url = urls::entry(prog, id);
            let key = c.keys.page(c, id, &related);
            let deps = match reuse(c, &url, key, deps) {
                Ok(page) => return Ok(page),
                Err(deps) => deps,
            };
            page_key = Some(key);
            ctx.insert_value("entry", c.sums.entries[&id].clone());
            ctx.insert(
                "body",
                without_repeated_title(&site.entry_html[&id].html, site.title(id)),
            );
            let pos = td.entries.iter().position(|&x| x == id).unwrap_or(0);
            let prev = pos.checked_sub(1).and_then(|i| td.entries.get(i));
            let next = td.entries.get(pos + 1);
            ctx.insert_value(
                "prev",
                prev.map(|p| c.sums.entries[p].clone())
                    .unwrap_or(Value::none()),
            );
            ctx.insert_value(
                "next",
                next.map(|p| c.sums.entries[p].clone())
                    .unwrap_or(Value::none()),
            );
            ctx.insert_value("tandem", c.sums.tandems[e.tandem.0].clone());
            // The tandem's whole diary beside the entry, to move around in it.
            ctx.insert_value("diary", entries_value(c, td.entries.iter()));
            ctx.insert("diary_at", &(pos + 1));
            ctx.insert("diary_list", &diary_list(c, e.tandem, pos)?);
            ctx.insert_value("related", entries_value(c, related.iter()));
            ctx.insert(
                "breadcrumbs",
                &[
                    home,
                    crumb(&s("cohorts"), site.href(&urls::cohorts())),
                    crumb(&co.title, site.href(&urls::cohort(prog, td.cohort))),
                    crumb(&td.title, site.href(&urls::tandem(prog, e.tandem))),
                    crumb(site.title(id), site.href(&urls::entry(prog, id))),
                ],
            );
            (url, "entry.html", deps)
        }
        Job::Topics => {
            let topics: Vec<Value> = (0..prog.topics.len())
                .map(|i| {
                    let mut m = to_map(&c.sums.topics[i]);
                    m.insert(
                        "chart".into(),
                        to_value(&context::topic_bars(site, t, TopicId(i), 320.0)),
                    );
                    Value::from(m)
                })
                .collect();
            ctx.insert_value("topics", Value::from(topics));
            ctx.insert(
                "breadcrumbs",
                &[home, crumb(&s("topics"), site.href(&urls::topics()))],
            );
            (
                urls::topics(),
                "topics.html",
                vec![Dep::Programme, Dep::AllEntries],
            )
        }
        Job::Topic(id) => {
            let tp = &prog.topics[id.0];
            let mut deps = vec![Dep::Programme, Dep::Topic(id)];
            deps.extend(site.topic_entries[id.0].iter().map(|&e| Dep::Entry(e)));
            let url = urls::topic(prog, id);
            let key = c.keys.programme_page(c, "topic.html", id.0);
            let deps = match reuse(c, &url, key, deps) {
                Ok(page) => return Ok(page),
                Err(deps) => deps,
            };
            page_key = Some(key);
            ctx.insert_value("topic", c.sums.topics[id.0].clone());
            ctx.insert_value("groups", topic_groups(c, id));
            ctx.insert("chart", &context::topic_bars(site, t, id, 360.0));
            ctx.insert(
                "breadcrumbs",
                &[
                    home,
                    crumb(&s("topics"), site.href(&urls::topics())),
                    crumb(&tp.title, site.href(&urls::topic(prog, id))),
                ],
            );
            (url, "topic.html", deps)
        }
        Job::Timeline => {
            let url = urls::timeline();
            let deps = vec![Dep::Programme, Dep::AllEntries];
            let key = c.keys.programme_page(c, "timeline.html", 0);
            let deps = match reuse(c, &url, key, deps) {
                Ok(page) => return Ok(page),
                Err(deps) => deps,
            };
            page_key = Some(key);
            let mut entries = site.all_entries.clone();
            entries.reverse();
            let all: Vec<CohortId> = (0..prog.cohorts.len()).map(CohortId).collect();
            ctx.insert_value("months", months(c, &entries, &all));
            ctx.insert("months_chart", &context::programme_months(site, t));
            ctx.insert(
                "breadcrumbs",
                &[home, crumb(&s("timeline"), site.href(&urls::timeline()))],
            );
            (url, "timeline.html", deps)
        }
        Job::Search => {
            ctx.insert("filters", &search_filters(site, t));
            ctx.insert(
                "breadcrumbs",
                &[home, crumb(&s("search"), site.href(&urls::search()))],
            );
            (urls::search(), "search.html", vec![Dep::Programme])
        }
        Job::Doc(id) => {
            let d = &prog.docs[id.0];
            ctx.insert(
                "doc",
                &json!({
                    "title": site.doc_titles[id.0],
                    "description": d.description,
                    "url": site.href(&urls::doc(prog, id)),
                }),
            );
            ctx.insert(
                "body",
                without_repeated_title(&site.doc_html[id.0].html, &site.doc_titles[id.0]),
            );
            let pos = site.doc_order.iter().position(|&x| x == id).unwrap_or(0);
            let link = |d: &DocId| json!({"title": site.doc_titles[d.0], "url": site.href(&urls::doc(prog, *d))});
            ctx.insert(
                "prev",
                &pos.checked_sub(1)
                    .and_then(|i| site.doc_order.get(i))
                    .map(link),
            );
            ctx.insert("next", &site.doc_order.get(pos + 1).map(link));
            let mut crumbs = vec![home];
            // Ancestors that are pages themselves.
            for depth in 0..d.path.len() {
                if let Some(a) = prog.docs.iter().position(|x| x.path[..] == d.path[..depth]) {
                    crumbs.push(crumb(
                        &site.doc_titles[a],
                        site.href(&urls::doc(prog, DocId(a))),
                    ));
                }
            }
            crumbs.push(crumb(
                &site.doc_titles[id.0],
                site.href(&urls::doc(prog, id)),
            ));
            ctx.insert("breadcrumbs", &crumbs);
            (
                urls::doc(prog, id),
                "doc.html",
                vec![Dep::Programme, Dep::Doc(id), Dep::AllDocs],
            )
        }
        Job::NotFound => {
            ctx.insert(
                "breadcrumbs",
                &[home, crumb(&s("not_found_title"), site.href(&urls::home()))],
            );
            (urls::not_found(), "404.html", vec![Dep::Programme])
        }
        Job::Feed(of) => return feed(c, of),
        Job::Sitemap => return sitemap(c),
    };
    ctx.insert("page_url", &site.href(&url));
    ctx.insert("section", url.0.split('/').next().unwrap_or(""));
    render_page(
        c,
        template,
        &ctx,
        url.output_file(),
        deps,
        page_key,
        |bytes| {
            label_task_boxes(bytes, &s("task_done"), &s("task_open"));
            // 404.html is served at any depth, so only its links stay absolute.
            if !matches!(job, Job::NotFound) {
                *bytes = relativize(bytes, &site.base_path, &url);
            }
        },
    )
}

/// Empty slots for the tandems' diary lists.
fn diaries(site: &Site) -> Vec<std::sync::OnceLock<Result<Vec<String>, Diagnostic>>> {
    (0..site.prog.tandems.len())
        .map(|_| std::sync::OnceLock::new())
        .collect()
}

const DIARY_ITEM: &str = "partials/diary_item.html";

/// The list of tandem `id`'s entries beside its entry at position `at`: the items of
/// the others are the same on every entry page of the tandem and are rendered once
/// (25 entries to a tandem would otherwise be rendered 25 times each).
fn diary_list(c: &Ctx, id: TandemId, at: usize) -> Result<String, Diagnostic> {
    let td = &c.site.prog.tandems[id.0];
    let items = c.diaries[id.0]
        .get_or_init(|| {
            td.entries
                .iter()
                .map(|x| diary_item(c, *x, false))
                .collect()
        })
        .as_deref()
        .map_err(Clone::clone)?;
    let mut list = String::with_capacity(items.iter().map(String::len).sum::<usize>() + 64);
    for (i, item) in items.iter().enumerate() {
        if i == at {
            list.push_str(&diary_item(c, td.entries[i], true)?);
        } else {
            list.push_str(item);
        }
    }
    Ok(list)
}

/// One entry in a diary list; `current` on the page of that entry.
fn diary_item(c: &Ctx, id: EntryId, current: bool) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert_value(
        "d",
        c.sums.entries.get(&id).cloned().unwrap_or(Value::none()),
    );
    ctx.insert("current", &current);
    c.theme
        .tera
        .render(DIARY_ITEM, &ctx)
        .map_err(|e| c.theme.render_error(&e, DIARY_ITEM))
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

fn to_map(v: &Value) -> tera::Map {
    v.as_map().cloned().unwrap_or_default()
}

fn entries_value<'a>(c: &Ctx, ids: impl Iterator<Item = &'a EntryId>) -> Value {
    Value::from(
        ids.filter_map(|id| c.sums.entries.get(id).cloned())
            .collect::<Vec<_>>(),
    )
}

/// The cohort summaries with a small chart of entries per month each.
fn cohorts_with_months(c: &Ctx) -> Vec<Value> {
    (0..c.site.prog.cohorts.len())
        .map(|i| {
            let mut m = to_map(&c.sums.cohorts[i]);
            m.insert(
                "months_chart".into(),
                to_value(&Json::from(context::cohort_months(
                    c.site,
                    &c.theme.strings,
                    CohortId(i),
                ))),
            );
            Value::from(m)
        })
        .collect()
}

fn tandems_of(c: &Ctx, id: CohortId) -> Vec<Value> {
    c.site.prog.cohorts[id.0]
        .tandems
        .iter()
        .map(|t| c.sums.tandems[t.0].clone())
        .collect()
}

fn cohort_entries(site: &Site, id: CohortId) -> Vec<EntryId> {
    let mut v: Vec<EntryId> = site.prog.cohorts[id.0]
        .tandems
        .iter()
        .flat_map(|t| site.prog.tandems[t.0].entries.iter().copied())
        .collect();
    v.sort_by(|a, b| crate::site::newest_first(&site.prog, *a, *b));
    v
}

fn figures_json(site: &Site, f: &crate::site::Figures) -> Json {
    let lang = site.prog.meta.language;
    json!({
        "tandems": f.tandems,
        "entries": f.entries,
        "meetings": f.meetings,
        "hours": i18n::hours(lang, f.minutes),
        "cohorts": site.prog.cohorts.len(),
    })
}

/// Months (oldest first) with their entries (in the given order) and the milestones
/// of the given cohorts.
fn months(c: &Ctx, entries: &[EntryId], cohorts: &[CohortId]) -> Value {
    let site = c.site;
    let prog = &site.prog;
    let lang = prog.meta.language;
    let mut by_month: BTreeMap<(i32, u32), (Vec<Value>, Vec<Json>)> = BTreeMap::new();
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| {
        let (ea, eb) = (&prog.entries[a.0], &prog.entries[b.0]);
        (ea.date, &ea.source.file).cmp(&(eb.date, &eb.source.file))
    });
    for id in &sorted {
        let d = prog.entries[id.0].date;
        if let Some(v) = c.sums.entries.get(id) {
            by_month
                .entry((d.year(), d.month()))
                .or_default()
                .0
                .push(v.clone());
        }
    }
    for &cid in cohorts {
        let co = &prog.cohorts[cid.0];
        for m in &co.milestones {
            by_month
                .entry((m.date.year(), m.date.month()))
                .or_default()
                .1
                .push(json!({
                    "date": m.date.to_string(),
                    "date_text": i18n::date_long(lang, m.date),
                    "title": m.title,
                    "cohort_title": co.title,
                    "cohort_url": site.href(&urls::cohort(prog, cid)),
                }));
        }
    }
    let list: Vec<Value> = by_month
        .into_iter()
        .map(|((y, m), (entries, mut milestones))| {
            milestones.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
            let mut map = tera::Map::new();
            map.insert("label".into(), Value::from(i18n::month_year(lang, y, m)));
            map.insert("id".into(), Value::from(format!("{y}-{m:02}")));
            map.insert("entries".into(), Value::from(entries));
            map.insert("milestones".into(), to_value(&Json::from(milestones)));
            Value::from(map)
        })
        .collect();
    Value::from(list)
}

/// A topic's entries grouped by cohort, then tandem; newest first within.
fn topic_groups(c: &Ctx, id: TopicId) -> Value {
    let site = c.site;
    let prog = &site.prog;
    let mut groups: BTreeMap<CohortId, BTreeMap<TandemId, Vec<EntryId>>> = BTreeMap::new();
    for &e in &site.topic_entries[id.0] {
        let t = prog.entries[e.0].tandem;
        groups
            .entry(prog.tandems[t.0].cohort)
            .or_default()
            .entry(t)
            .or_default()
            .push(e);
    }
    let list: Vec<Value> = groups
        .into_iter()
        .map(|(cid, tandems)| {
            let mut m = tera::Map::new();
            m.insert(
                "title".into(),
                Value::from(prog.cohorts[cid.0].title.clone()),
            );
            m.insert(
                "url".into(),
                Value::from(site.href(&urls::cohort(prog, cid))),
            );
            let ts: Vec<Value> = tandems
                .into_iter()
                .map(|(tid, es)| {
                    let mut tm = tera::Map::new();
                    tm.insert(
                        "title".into(),
                        Value::from(prog.tandems[tid.0].title.clone()),
                    );
                    tm.insert(
                        "url".into(),
                        Value::from(site.href(&urls::tandem(prog, tid))),
                    );
                    tm.insert("entries".into(), entries_value(c, es.iter()));
                    Value::from(tm)
                })
                .collect();
            m.insert("tandems".into(), Value::from(ts));
            Value::from(m)
        })
        .collect();
    Value::from(list)
}

/// Up to three entries of other tandems sharing the most topics, nearest in time.
fn related(site: &Site, id: EntryId) -> Vec<EntryId> {
    /// How far to look on each side of the entry's date in a topic's list: enough to
    /// find three neighbours of other tandems, bounded so that a programme of 100,000
    /// entries stays linear.
    const REACH: usize = 24;
    let prog = &site.prog;
    let e = &prog.entries[id.0];
    if e.topics.is_empty() {
        return Vec::new();
    }
    // Asked for every entry page of every build: a few dozen candidates, collected
    // in a list and ranked only as far as the first three.
    let mut candidates: Vec<EntryId> = Vec::with_capacity(2 * REACH * e.topics.len());
    for t in &e.topics {
        let list = &site.topic_entries[t.0];
        // The list is newest first: find where this entry's date sits.
        let at = list.partition_point(|o| prog.entries[o.0].date > e.date);
        candidates.extend(
            list[at..]
                .iter()
                .take(REACH)
                .chain(list[..at].iter().rev().take(REACH))
                .filter(|o| prog.entries[o.0].tandem != e.tandem),
        );
    }
    candidates.sort_unstable_by_key(|o| o.0);
    candidates.dedup();
    let mut scored: Vec<(usize, i64, &str, EntryId)> = candidates
        .into_iter()
        .map(|o| {
            let oe = &prog.entries[o.0];
            let shared = oe.topics.iter().filter(|x| e.topics.contains(x)).count();
            let dist = (oe.date - e.date).num_days().abs();
            (shared, dist, oe.source.file.as_str(), o)
        })
        .collect();
    // Most topics in common, then nearest in time, then by file (each file is one
    // entry, so the order is total).
    let rank = |a: &(usize, i64, &str, EntryId), b: &(usize, i64, &str, EntryId)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2))
    };
    if scored.len() > 3 {
        scored.select_nth_unstable_by(2, rank);
        scored.truncate(3);
    }
    scored.sort_by(rank);
    scored.into_iter().map(|x| x.3).collect()
}

fn feed(c: &Ctx, of: Option<FeedOf>) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let (url, title, page_url, entries, deps): (UrlPath, String, UrlPath, Vec<EntryId>, Vec<Dep>) =
        match of {
            None => (
                urls::feed(),
                prog.meta.title.clone(),
                urls::home(),
                site.all_entries.clone(),
                vec![Dep::Programme, Dep::AllEntries],
            ),
            Some(FeedOf::Cohort(id)) => {
                let es = cohort_entries(site, id);
                let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
                deps.extend(es.iter().take(FEED_ENTRIES).map(|&e| Dep::Entry(e)));
                (
                    urls::cohort_feed(prog, id),
                    format!("{} – {}", prog.meta.title, prog.cohorts[id.0].title),
                    urls::cohort(prog, id),
                    es,
                    deps,
                )
            }
            Some(FeedOf::Topic(id)) => {
                let es = site.topic_entries[id.0].clone();
                let mut deps = vec![Dep::Programme, Dep::Topic(id)];
                deps.extend(es.iter().take(FEED_ENTRIES).map(|&e| Dep::Entry(e)));
                (
                    urls::topic_feed(prog, id),
                    format!("{} – {}", prog.meta.title, prog.topics[id.0].title),
                    urls::topic(prog, id),
                    es,
                    deps,
                )
            }
        };
    let items: Vec<Json> = entries
        .iter()
        .take(FEED_ENTRIES)
        .map(|&id| {
            let e = &prog.entries[id.0];
            let t = &prog.tandems[e.tandem.0];
            json!({
                "title": site.title(id),
                "url": site.absolute(&urls::entry(prog, id)),
                "updated": format!("{}T00:00:00Z", e.date),
                "authors": context::author_names(prog, e),
                "tandem_title": t.title,
                "summary": site.entry_html[&id].excerpt,
                "content": absolute_links(&site.entry_html[&id].html, &site.base_path, &site.base_url),
                "topics": e.topics.iter().map(|tp| prog.topics[tp.0].title.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let updated = entries
        .first()
        .map(|id| prog.entries[id.0].date)
        .or(prog.meta.period.map(|p| p.start))
        .map(|d| format!("{d}T00:00:00Z"))
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let mut ctx = PageCtx::new();
    ctx.insert(
        "feed",
        &json!({
            "title": title,
            "id": site.absolute(&url),
            "self_url": site.absolute(&url),
            "page_url": site.absolute(&page_url),
            "updated": updated,
            "entries": items,
        }),
    );
    render_page(c, "atom.xml", &ctx, url.0, deps, None, |_| {})
}

fn sitemap(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let mut urls_: Vec<(String, Option<String>)> = vec![
        (site.absolute(&urls::home()), None),
        (site.absolute(&urls::cohorts()), None),
        (site.absolute(&urls::topics()), None),
        (site.absolute(&urls::timeline()), None),
    ];
    for i in 0..prog.cohorts.len() {
        urls_.push((site.absolute(&urls::cohort(prog, CohortId(i))), None));
        urls_.push((
            site.absolute(&urls::cohort_timeline(prog, CohortId(i))),
            None,
        ));
    }
    for i in 0..prog.tandems.len() {
        urls_.push((site.absolute(&urls::tandem(prog, TandemId(i))), None));
    }
    let mut entries = site.all_entries.clone();
    entries.reverse();
    for id in entries {
        urls_.push((
            site.absolute(&urls::entry(prog, id)),
            Some(prog.entries[id.0].date.to_string()),
        ));
    }
    for i in 0..prog.topics.len() {
        urls_.push((site.absolute(&urls::topic(prog, TopicId(i))), None));
    }
    for &d in &site.doc_order {
        urls_.push((site.absolute(&urls::doc(prog, d)), None));
    }
    let list: Vec<Json> = urls_
        .into_iter()
        .map(|(loc, lastmod)| json!({"loc": loc, "lastmod": lastmod}))
        .collect();
    let mut ctx = PageCtx::new();
    ctx.insert("urls", &list);
    render_page(
        c,
        "sitemap.xml",
        &ctx,
        urls::sitemap().0,
        vec![Dep::Programme, Dep::AllEntries, Dep::AllDocs],
        None,
        |_| {},
    )
}
