//! Stage 2: a loaded [`Programme`] → a [`Site`]: every URL, rendered Markdown, the
//! lookups and figures the pages show. Problems found here (URL collisions, broken
//! links) join the diagnostics. Nothing here knows about templates.

pub mod stats;
pub mod urls;

use crate::content::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, Rendered, Target};
use rayon::prelude::*;
pub use stats::Figures;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
pub use urls::UrlPath;

/// An open agreement: an unchecked task of a published entry.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub text: String,
    pub entry: EntryId,
}

/// A file copied into the site.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub out: String,
    pub src: PathBuf,
    /// Content file it comes from, for messages.
    pub file: String,
}

pub struct Site {
    pub prog: Programme,
    /// The path part of `base_url`, e.g. `/reverse-mentoring/`; every link starts with it.
    pub base_path: String,
    /// `base_url` itself, for feeds and the sitemap.
    pub base_url: String,
    pub entry_html: HashMap<EntryId, Arc<Rendered>>,
    pub doc_html: Vec<Arc<Rendered>>,
    pub intro_html: Option<Arc<Rendered>>,
    pub cohort_intro_html: Vec<Option<Arc<Rendered>>>,
    pub goals_html: Vec<Option<Arc<Rendered>>>,
    /// Final titles of entries (front matter, first heading, file name).
    pub entry_titles: HashMap<EntryId, String>,
    pub doc_titles: Vec<String>,
    /// Published entries per topic, newest first.
    pub topic_entries: Vec<Vec<EntryId>>,
    /// All published entries, newest first.
    pub all_entries: Vec<EntryId>,
    pub agreements: Vec<Vec<Agreement>>,
    pub tandem_figures: Vec<Figures>,
    pub cohort_figures: Vec<Figures>,
    pub programme_figures: Figures,
    /// Docs in sidebar order (depth-first, by weight then title).
    pub doc_order: Vec<DocId>,
    pub copied: Vec<CopiedFile>,
    /// Where every content path a link may point to leads.
    link_targets: HashMap<String, Target>,
}

impl Site {
    pub fn href(&self, u: &UrlPath) -> String {
        format!("{}{}", self.base_path, u.0)
    }

    pub fn absolute(&self, u: &UrlPath) -> String {
        format!("{}{}", self.base_url, u.0)
    }

    pub fn title(&self, e: EntryId) -> &str {
        self.entry_titles.get(&e).map(String::as_str).unwrap_or("")
    }

    pub fn published(&self, e: EntryId) -> bool {
        self.entry_html.contains_key(&e)
    }

    /// An entry's Markdown rendered as [`index`] renders it, with this site's links.
    pub fn entry_markdown(&self, e: &Entry) -> Rendered {
        let resolve = |p: &str| self.link_targets.get(p).cloned().unwrap_or(Target::Missing);
        markdown::render(
            &e.source,
            &entry_options(self.prog.meta.language, e, &entry_prefix(e)),
            &resolve,
        )
    }

    /// Lets go of the entries' Markdown source once it is rendered (a single build
    /// needs it no more; at 10,000 entries it is 30 MB the search index can use).
    pub fn forget_entry_sources(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for e in &mut self.prog.entries {
            e.source.text = empty.clone();
            e.source.offset = 0;
        }
    }

    /// Puts a new version of a published entry into the site, with everything derived
    /// from it: its title, its place in the topics' lists, its tandem's agreements and
    /// the figures. The entry must keep its date and file (its place among the
    /// tandem's entries and its address).
    pub fn replace_entry(&mut self, id: EntryId, entry: Entry, html: Rendered) {
        let prog = &mut self.prog;
        let old_topics = std::mem::replace(&mut prog.entries[id.0], entry).topics;
        let title = entry_title(&prog.entries[id.0], &html);
        self.entry_titles.insert(id, title);
        self.entry_html.insert(id, Arc::new(html));
        let prog = &self.prog;
        for t in old_topics {
            self.topic_entries[t.0].retain(|&x| x != id);
        }
        for &t in &prog.entries[id.0].topics {
            let list = &mut self.topic_entries[t.0];
            let at = list.partition_point(|&x| newest_first(prog, x, id).is_lt());
            list.insert(at, id);
        }
        let tid = prog.entries[id.0].tandem;
        let td = &prog.tandems[tid.0];
        self.agreements[tid.0] = open_agreements(td, &self.entry_html);
        self.tandem_figures[tid.0] = Figures::of(prog, td.entries.iter().copied(), 1);
        let co = &prog.cohorts[td.cohort.0];
        self.cohort_figures[td.cohort.0] = Figures::of(
            prog,
            co.tandems
                .iter()
                .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
            co.tandems.len(),
        );
        self.programme_figures = Figures::of(
            prog,
            prog.tandems.iter().flat_map(|t| t.entries.iter().copied()),
            prog.tandems.len(),
        );
    }
}

/// How an entry's Markdown is rendered: ids get the entry's prefix (`prefix`), and
/// without a `title` its first heading is the title.
fn entry_options<'a>(lang: Language, e: &Entry, prefix: &'a str) -> markdown::Options<'a> {
    markdown::Options {
        german_quotes: lang == Language::De,
        title_from_heading: e.title.is_none(),
        id_prefix: prefix,
    }
}

/// What the ids in an entry's HTML start with, so that they are unique on pages that
/// show several entries.
fn entry_prefix(e: &Entry) -> String {
    format!("{}-", e.slug)
}

/// An entry's title: its `title`, else its first heading, else its file name.
fn entry_title(e: &Entry, r: &Rendered) -> String {
    e.title
        .clone()
        .or_else(|| r.title.clone().filter(|t| !t.is_empty()))
        .unwrap_or_else(|| e.file_stem().to_string())
}

fn base_path_of(base_url: &str) -> String {
    let after_scheme = match base_url.find("://") {
        Some(i) => &base_url[i + 3..],
        None => return base_url.to_string(),
    };
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// Builds the site model. `base_url` overrides the programme's (`--base-url`, `serve`).
/// Rendered Markdown of the previous build, reused for a text whose source, options
/// and links are unchanged.
#[derive(Debug, Default)]
pub struct MarkdownCache {
    map: std::sync::Mutex<HashMap<(String, String), Arc<CachedMarkdown>>>,
    /// How many texts the last build had to render.
    pub rendered: std::sync::atomic::AtomicUsize,
    /// For a single build: keep nothing (a copy of every rendered text would only
    /// add to the peak memory).
    pub one_shot: bool,
}

#[derive(Debug, Clone)]
struct CachedMarkdown {
    key: u64,
    /// Every link target looked up while rendering, with what it resolved to.
    lookups: Vec<(String, Target)>,
    rendered: Arc<Rendered>,
}

pub fn index(prog: Programme, base_url: Option<&str>, diags: &mut Diagnostics) -> Site {
    index_cached(prog, base_url, diags, &MarkdownCache::default())
}

/// [`index`], reusing the Markdown rendered by the build that filled `cache`.
pub fn index_cached(
    prog: Programme,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
    cache: &MarkdownCache,
) -> Site {
    let base_url = match base_url {
        Some(b) if b.ends_with('/') => b.to_string(),
        Some(b) => format!("{b}/"),
        None => prog.meta.base_url.clone(),
    };
    let base_path = base_path_of(&base_url);
    check_collisions(&prog, diags);

    // Every content path a link may point to.
    let mut targets: HashMap<String, Target> = HashMap::new();
    let href = |u: UrlPath| format!("{base_path}{}", u.0);
    let nfc = |s: &str| -> String { unicode_normalization::UnicodeNormalization::nfc(s).collect() };
    targets.insert("index.md".into(), Target::Url(href(urls::home())));
    targets.insert("".into(), Target::Url(href(urls::home())));
    targets.insert("cohorts".into(), Target::Url(href(urls::cohorts())));
    for (i, c) in prog.cohorts.iter().enumerate() {
        let u = href(urls::cohort(&prog, CohortId(i)));
        targets.insert(nfc(&format!("{}/index.md", c.dir)), Target::Url(u.clone()));
        targets.insert(
            nfc(&format!("{}/cohort.yaml", c.dir)),
            Target::Url(u.clone()),
        );
        targets.insert(nfc(&c.dir), Target::Url(u));
    }
    for (i, t) in prog.tandems.iter().enumerate() {
        let u = href(urls::tandem(&prog, TandemId(i)));
        targets.insert(
            nfc(&format!("{}/tandem.yaml", t.dir)),
            Target::Url(u.clone()),
        );
        targets.insert(nfc(&t.dir), Target::Url(u));
        for a in &t.attachments {
            targets.insert(
                nfc(&a.file),
                Target::Url(href(urls::attachment(&prog, TandemId(i), &a.url_name))),
            );
        }
    }
    let hidden: HashSet<EntryId> = prog.hidden.iter().copied().collect();
    for (i, e) in prog.entries.iter().enumerate() {
        let id = EntryId(i);
        let t = if hidden.contains(&id) {
            Target::Hidden
        } else {
            Target::Url(href(urls::entry(&prog, id)))
        };
        targets.insert(nfc(&e.source.file), t);
    }
    for f in &prog.unreadable {
        targets.insert(nfc(f), Target::Url(String::new()));
    }
    for (i, d) in prog.docs.iter().enumerate() {
        let u = href(urls::doc(&prog, DocId(i)));
        targets.insert(nfc(&d.source.file), Target::Url(u.clone()));
        let folder = d.source.file.trim_end_matches(".md");
        let folder = folder.strip_suffix("/index").unwrap_or(folder);
        targets.entry(nfc(folder)).or_insert(Target::Url(u));
    }
    for s in &prog.static_files {
        targets.insert(nfc(&s.file), Target::Url(format!("{base_path}{}", s.out)));
    }
    let resolve = |p: &str| targets.get(p).cloned().unwrap_or(Target::Missing);

    let german = prog.meta.language == Language::De;
    let previous = std::mem::take(&mut *cache.map.lock().unwrap_or_else(|e| e.into_inner()));
    cache
        .rendered
        .store(0, std::sync::atomic::Ordering::Relaxed);
    let render_md = |m: &Markdown, title_from_heading: bool, prefix: &str| -> Arc<Rendered> {
        use std::hash::{BuildHasher, Hasher};
        let options = markdown::Options {
            german_quotes: german,
            title_from_heading,
            id_prefix: prefix,
        };
        if cache.one_shot {
            return Arc::new(markdown::render(m, &options, &resolve));
        }
        let mut h = ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher();
        h.write(m.body().as_bytes());
        h.write_usize(m.offset);
        h.write(&m.text.as_bytes()[..m.offset]);
        h.write_u8(u8::from(german) << 1 | u8::from(title_from_heading));
        let key = h.finish();
        let cache_key = (m.file.clone(), prefix.to_string());
        if let Some(c) = previous.get(&cache_key) {
            if c.key == key && c.lookups.iter().all(|(p, t)| resolve(p) == *t) {
                if let Ok(mut map) = cache.map.lock() {
                    map.insert(cache_key, c.clone());
                }
                return c.rendered.clone();
            }
        }
        cache
            .rendered
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let lookups = std::cell::RefCell::new(Vec::new());
        let recording = |p: &str| {
            let t = resolve(p);
            lookups.borrow_mut().push((p.to_string(), t.clone()));
            t
        };
        let rendered = Arc::new(markdown::render(m, &options, &recording));
        if let Ok(mut map) = cache.map.lock() {
            map.insert(
                cache_key,
                Arc::new(CachedMarkdown {
                    key,
                    lookups: lookups.into_inner(),
                    rendered: rendered.clone(),
                }),
            );
        }
        rendered
    };

    // Markdown of every published entry, in parallel.
    let published: Vec<EntryId> = prog
        .tandems
        .iter()
        .flat_map(|t| t.entries.iter().copied())
        .collect();
    let rendered: Vec<(EntryId, Arc<Rendered>)> = published
        .par_iter()
        .map(|&id| {
            let e = &prog.entries[id.0];
            (
                id,
                render_md(&e.source, e.title.is_none(), &entry_prefix(e)),
            )
        })
        .collect();
    let doc_html: Vec<Arc<Rendered>> = prog
        .docs
        .par_iter()
        .map(|d| render_md(&d.source, d.title.is_none(), "fn-"))
        .collect();
    let intro_html = prog.intro.as_ref().map(|m| render_md(m, false, "fn-"));
    let cohort_intro_html: Vec<Option<Arc<Rendered>>> = prog
        .cohorts
        .iter()
        .map(|c| c.intro.as_ref().map(|m| render_md(m, false, "fn-")))
        .collect();
    let goals_html: Vec<Option<Arc<Rendered>>> = prog
        .tandems
        .iter()
        .map(|t| t.goals.as_ref().map(|m| render_md(m, false, "goals-")))
        .collect();
    // Hidden entries are checked too (so `check` reports their problems), but
    // nothing of them is kept.
    let hidden_diags: Vec<Diagnostic> = prog
        .hidden
        .par_iter()
        .flat_map(|&id| {
            render_md(&prog.entries[id.0].source, false, "x-")
                .diags
                .clone()
        })
        .collect();
    diags.extend(hidden_diags);

    let mut linked: HashSet<String> = HashSet::new();
    let mut all_rendered: Vec<&Rendered> = rendered.iter().map(|(_, r)| &**r).collect();
    all_rendered.extend(doc_html.iter().map(|r| &**r));
    all_rendered.extend(intro_html.iter().map(|r| &**r));
    all_rendered.extend(cohort_intro_html.iter().flatten().map(|r| &**r));
    all_rendered.extend(goals_html.iter().flatten().map(|r| &**r));
    for r in &all_rendered {
        diags.extend(r.diags.iter().cloned());
        linked.extend(r.links.iter().cloned());
    }
    let mut linked_by_any = linked.clone();
    for &id in &prog.hidden {
        // Which attachments hidden entries link to: they are not published, but they
        // are not "unused" either.
        let m = &prog.entries[id.0].source;
        for l in link_paths(m) {
            linked_by_any.insert(l);
        }
    }

    let mut entry_titles = HashMap::new();
    for (id, r) in &rendered {
        entry_titles.insert(*id, entry_title(&prog.entries[id.0], r));
    }
    let doc_titles: Vec<String> = prog
        .docs
        .iter()
        .zip(&doc_html)
        .map(|(d, r)| {
            d.title
                .clone()
                .or_else(|| r.title.clone().filter(|t| !t.is_empty()))
                .unwrap_or_else(|| {
                    let f = d.source.file.trim_end_matches(".md");
                    let f = f.strip_suffix("/index").unwrap_or(f);
                    f.rsplit('/').next().unwrap_or(f).to_string()
                })
        })
        .collect();

    // Files to copy.
    let mut copied = Vec::new();
    for s in &prog.static_files {
        copied.push(CopiedFile {
            out: s.out.clone(),
            src: s.abs.clone(),
            file: s.file.clone(),
        });
    }
    for (i, t) in prog.tandems.iter().enumerate() {
        for a in &t.attachments {
            let key = nfc(&a.file);
            if linked.contains(&key) {
                copied.push(CopiedFile {
                    out: urls::attachment(&prog, TandemId(i), &a.url_name).0,
                    src: a.abs.clone(),
                    file: a.file.clone(),
                });
            } else if !linked_by_any.contains(&key) {
                let name = a.file.rsplit('/').next().unwrap_or(&a.file);
                diags.push(
                    Diagnostic::warning(&a.file, "this file is not linked from any entry, so it is not published")
                        .with_help(format!("link it from an entry of this tandem, e.g. [Beschreibung]({name}), or remove it")),
                );
            }
        }
    }

    let mut all_entries = published.clone();
    all_entries.sort_by(|a, b| newest_first(&prog, *a, *b));
    let mut topic_entries = vec![Vec::new(); prog.topics.len()];
    for &id in &all_entries {
        for t in &prog.entries[id.0].topics {
            topic_entries[t.0].push(id);
        }
    }

    let entry_html: HashMap<EntryId, Arc<Rendered>> = rendered.into_iter().collect();
    let agreements = prog
        .tandems
        .par_iter()
        .map(|t| open_agreements(t, &entry_html))
        .collect();

    let tandem_figures: Vec<Figures> = prog
        .tandems
        .par_iter()
        .map(|t| Figures::of(&prog, t.entries.iter().copied(), 1))
        .collect();
    let cohort_figures: Vec<Figures> = prog
        .cohorts
        .par_iter()
        .map(|c| {
            Figures::of(
                &prog,
                c.tandems
                    .iter()
                    .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
                c.tandems.len(),
            )
        })
        .collect();
    let programme_figures = Figures::of(&prog, published.iter().copied(), prog.tandems.len());
    let doc_order = doc_order(&prog, &doc_titles);

    Site {
        base_path,
        base_url,
        entry_html,
        doc_html,
        intro_html,
        cohort_intro_html,
        goals_html,
        entry_titles,
        doc_titles,
        topic_entries,
        all_entries,
        agreements,
        tandem_figures,
        cohort_figures,
        programme_figures,
        doc_order,
        copied,
        prog,
        link_targets: targets,
    }
}

fn link_paths(m: &Markdown) -> Vec<String> {
    let mut out = Vec::new();
    for (ev, _) in pulldown_cmark::Parser::new(m.body()).into_offset_iter() {
        if let pulldown_cmark::Event::Start(
            pulldown_cmark::Tag::Link { dest_url, .. }
            | pulldown_cmark::Tag::Image { dest_url, .. },
        ) = ev
        {
            if let Some(Ok((p, _))) = markdown::content_path(&m.file, &dest_url) {
                out.push(p);
            }
        }
    }
    out
}

pub fn newest_first(prog: &Programme, a: EntryId, b: EntryId) -> std::cmp::Ordering {
    let (ea, eb) = (&prog.entries[a.0], &prog.entries[b.0]);
    eb.date
        .cmp(&ea.date)
        .then_with(|| ea.source.file.cmp(&eb.source.file))
}

/// Unchecked tasks of a tandem's entries that no later entry takes up again.
///
/// People tick off an agreement in a later entry in their own words ("Neues
/// Profilfoto" for "Neues Profilfoto (Hans fragt den Hausfotografen)"), so a later task
/// closes the earlier open one it resembles most: done, it closes it; still open, it
/// carries it forward under the later entry.
fn open_agreements(t: &Tandem, html: &HashMap<EntryId, Arc<Rendered>>) -> Vec<Agreement> {
    let mut open: Vec<(Vec<String>, Agreement)> = Vec::new();
    for &id in &t.entries {
        let Some(r) = html.get(&id) else { continue };
        for task in &r.tasks {
            let words = significant_words(&task.text);
            let best = open
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (i, resemblance(&words, w)))
                .filter(|(_, score)| *score >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((i, _)) = best {
                open.remove(i);
            }
            if !task.done {
                open.push((
                    words,
                    Agreement {
                        text: task.text.clone(),
                        entry: id,
                    },
                ));
            }
        }
    }
    open.into_iter().map(|(_, a)| a).collect()
}

fn significant_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase())
        .collect()
}

/// Share of the shorter task's words found in the longer one (a word matches another
/// that starts with it, so that "bitte" matches "bittet").
fn resemblance(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let hits = short
        .iter()
        .filter(|w| {
            long.iter().any(|l| {
                l.starts_with(w.as_str()) || w.starts_with(l.as_str()) && l.chars().count() >= 5
            })
        })
        .count();
    hits as f64 / short.len() as f64
}

fn doc_order(prog: &Programme, titles: &[String]) -> Vec<DocId> {
    let mut ids: Vec<DocId> = (0..prog.docs.len()).map(DocId).collect();
    // Sort key: for each level, (weight, title) of the ancestor at that level, so that
    // a folder's pages follow the folder's index page.
    let by_path: BTreeMap<Vec<String>, DocId> = ids
        .iter()
        .map(|&id| {
            (
                prog.docs[id.0].path.iter().map(|s| s.to_string()).collect(),
                id,
            )
        })
        .collect();
    let key = |id: DocId| -> Vec<(i64, String, String)> {
        let d = &prog.docs[id.0];
        let mut k = Vec::new();
        for depth in 1..=d.path.len() {
            let prefix: Vec<String> = d.path[..depth].iter().map(|s| s.to_string()).collect();
            let (w, t) = match by_path.get(&prefix) {
                Some(a) => (prog.docs[a.0].weight, titles[a.0].to_lowercase()),
                None => (0, prefix.last().cloned().unwrap_or_default()),
            };
            k.push((w, t, prefix.last().cloned().unwrap_or_default()));
        }
        k
    };
    ids.sort_by_cached_key(|&id| key(id));
    ids
}

/// Two sources that would be written to the same output file are an error naming both.
fn check_collisions(prog: &Programme, diags: &mut Diagnostics) {
    let mut seen: HashMap<String, String> = HashMap::new();
    let claim = |seen: &mut HashMap<String, String>,
                 out: String,
                 file: &str,
                 diags: &mut Diagnostics| {
        if let Some(first) = seen.get(&out) {
            if first != file {
                diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{file}` and `{first}` would both become the page /{out}"),
                    )
                    .with_help("rename one of the two so that their names differ in more than capitals, umlauts or punctuation"),
                );
            }
        } else {
            seen.insert(out, file.to_string());
        }
    };
    for fixed in urls::fixed() {
        let note = format!("(the page /{} that tandem writes)", fixed.0);
        seen.insert(fixed.0, note);
    }
    for (i, c) in prog.cohorts.iter().enumerate() {
        claim(&mut seen, urls::cohort(prog, CohortId(i)).0, &c.dir, diags);
        seen.insert(
            urls::cohort_feed(prog, CohortId(i)).0,
            format!("(the feed of {})", c.dir),
        );
    }
    for (i, t) in prog.tandems.iter().enumerate() {
        let c = &prog.cohorts[t.cohort.0];
        seen.entry(format!("cohorts/{}/timeline/", c.slug))
            .or_insert_with(|| format!("(the timeline page of {})", c.dir));
        claim(&mut seen, urls::tandem(prog, TandemId(i)).0, &t.dir, diags);
        for a in &t.attachments {
            claim(
                &mut seen,
                urls::attachment(prog, TandemId(i), &a.url_name).0,
                &a.file,
                diags,
            );
        }
    }
    for (i, e) in prog.entries.iter().enumerate() {
        claim(
            &mut seen,
            urls::entry(prog, EntryId(i)).0,
            &e.source.file,
            diags,
        );
    }
    for (i, d) in prog.docs.iter().enumerate() {
        claim(
            &mut seen,
            urls::doc(prog, DocId(i)).0,
            &d.source.file,
            diags,
        );
    }
    for (i, t) in prog.topics.iter().enumerate() {
        claim(
            &mut seen,
            urls::topic(prog, TopicId(i)).0,
            &format!("program.yaml (topic `{}`)", t.id),
            diags,
        );
        seen.insert(
            urls::topic_feed(prog, TopicId(i)).0,
            format!("(the feed of topic `{}`)", t.id),
        );
    }
    for s in &prog.static_files {
        if s.out.starts_with("assets/") {
            diags.push(
                Diagnostic::error(&s.file, "the folder `assets/` of the site belongs to the theme")
                    .with_help("move the file to another folder inside static/, or override a theme file in your theme folder instead"),
            );
            continue;
        }
        if s.out.starts_with(&format!("{}/", urls::BUNDLE_DIR)) {
            diags.push(
                Diagnostic::error(
                    &s.file,
                    format!(
                        "the folder `{}/` of the site holds the search index",
                        urls::BUNDLE_DIR
                    ),
                )
                .with_help("move the file to another folder inside static/"),
            );
            continue;
        }
        let out = if s.out == "index.html" {
            String::new()
        } else {
            s.out
                .strip_suffix("/index.html")
                .map(|d| format!("{d}/"))
                .unwrap_or_else(|| s.out.clone())
        };
        claim(&mut seen, out, &s.file, diags);
    }
    // A file and a folder of the same name cannot both exist: `…/2019-03-14-x` (an
    // attachment without extension) and the page `…/2019-03-14-x/`.
    let sorted: BTreeMap<&String, &String> = seen.iter().collect();
    let mut folders: HashMap<&str, &str> = HashMap::new();
    for (out, file) in &sorted {
        for (i, _) in out.match_indices('/') {
            folders.entry(&out[..=i]).or_insert(file.as_str());
        }
    }
    let mut conflicts: Vec<(String, String)> = Vec::new();
    for (out, file) in &sorted {
        if out.is_empty() || out.ends_with('/') {
            continue;
        }
        if let Some(other) = folders.get(format!("{out}/").as_str()) {
            conflicts.push((file.to_string(), other.to_string()));
        }
    }
    conflicts.sort();
    for (file, other) in conflicts {
        diags.push(
            Diagnostic::error(
                &file,
                format!(
                    "`{file}` and `{other}` would both need the address of a folder and a file"
                ),
            )
            .with_help("rename one of the two, or give the file an extension such as .pdf"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_task_in_other_words_closes_an_agreement() {
        let w = |s: &str| significant_words(s);
        assert!(
            resemblance(
                &w("Neues Profilfoto"),
                &w("Neues Profilfoto (Hans fragt unseren Hausfotografen)")
            ) >= 0.6
        );
        assert!(
            resemblance(
                &w("Über Führung sprechen"),
                &w("Nächstes Mal: weg vom Bildschirm, wir sprechen über Führung")
            ) >= 0.6
        );
        assert!(
            resemblance(
                &w("Bilanz ziehen"),
                &w("Letztes Treffen vor dem Abschluss: Bilanz ziehen")
            ) >= 0.6
        );
        assert!(
            resemblance(
                &w("Thema Instagram besprechen"),
                &w("Gemeinsame Präsentation vorbereiten")
            ) < 0.6
        );
    }
}
