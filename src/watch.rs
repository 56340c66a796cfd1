//! The rebuild loop shared by `tandem watch` and `tandem serve`: watch the content
//! folder, rebuild after each burst of changes, keep the last good site in memory,
//! write only files whose bytes changed, and tell listeners (the browser) what changed.

use crate::build::{self, Options};
use crate::content::load::{is_ignored_name, OUTPUT_MARKER};
use crate::diagnostics::Diagnostics;
use crate::output;
use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, new_debouncer_opt, DebounceEventResult};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

/// How long to wait after a change for more changes of the same save.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// One file of the site being served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bytes(Arc<[u8]>),
    /// Copied verbatim from the content folder (attachments, static files), with the
    /// source's size and modification time to notice edits.
    File(PathBuf, u64, Option<std::time::SystemTime>),
}

/// The site as last built without errors, plus the current problems.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output path (`cohorts/2019/index.html`) → contents.
    pub files: BTreeMap<String, Body>,
    /// Problems of the latest build (errors and warnings).
    pub diags: Diagnostics,
    /// Increases with every build that changed something or changed the problems.
    pub version: u64,
    /// Whether any build has succeeded yet.
    pub has_site: bool,
    pub language: Option<crate::content::Language>,
}

/// What a rebuild changed, for live reload.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub version: u64,
    /// Output paths whose bytes changed, were added or removed.
    pub paths: Vec<String>,
    pub errors_changed: bool,
}

pub type Shared = Arc<RwLock<Snapshot>>;

pub struct Watcher {
    pub opts: Options,
    /// Where `watch` (and `serve --output`) writes the site; `None` keeps it in memory.
    pub output: Option<PathBuf>,
    pub state: Shared,
    pub poll: bool,
    last_printed: Option<String>,
    cache: build::Cache,
    /// The search indexes the site should have, while some are being made.
    wanted_index: Option<crate::search::Layout>,
    /// Whether an indexer thread is running, and the newest job waiting for it.
    indexing: bool,
    queued: Option<build::SearchJob>,
    /// Pages published ahead of the rebuild in progress (see [`Watcher::quick`]).
    ahead: usize,
}

type Made = Vec<(String, u64, crate::search::BundleFiles)>;

/// What the rebuild loop waits for.
pub enum Event {
    Files(DebounceEventResult),
    /// Search indexes made in the background for a layout: folder, key of the
    /// records, files.
    Indexed(
        crate::search::Layout,
        Result<Made, crate::diagnostics::Diagnostic>,
        Duration,
    ),
}

impl Watcher {
    /// The search index is made in the background, after the pages are out (see
    /// [`Watcher::run`]).
    pub fn new(opts: Options, output: Option<PathBuf>, poll: bool) -> Self {
        Watcher {
            opts: Options {
                search: build::SearchWhen::Later,
                keep_for_quick: true,
                ..opts
            },
            output,
            state: Shared::default(),
            poll,
            last_printed: None,
            cache: build::Cache::default(),
            wanted_index: None,
            indexing: false,
            queued: None,
            ahead: 0,
        }
    }

    /// Runs one build and updates the snapshot; returns what changed. A search index
    /// the build deferred is queued (see [`Watcher::run`]).
    pub fn rebuild(&mut self) -> Change {
        let start = Instant::now();
        let mut outcome = build::run_cached(&self.opts, &mut self.cache);
        if let Some(job) = outcome.search_job.take() {
            self.wanted_index = Some(job.layout.clone());
            self.queued = Some(job);
        } else if outcome.built.is_some() {
            self.wanted_index = None;
            self.queued = None;
        }
        let files = outcome.built.map(|built| {
            let mut files = BTreeMap::new();
            for p in built.pages {
                files.insert(p.path, Body::Bytes(p.bytes));
            }
            for c in built.copied {
                let meta = std::fs::metadata(&c.src).ok();
                let len = meta.as_ref().map_or(0, |m| m.len());
                let modified = meta.and_then(|m| m.modified().ok());
                files.insert(c.out, Body::File(c.src, len, modified));
            }
            files
        });
        let first_build = !self.state.read().map(|s| s.has_site).unwrap_or(false);
        let (change, write_error) = self.publish(files, Some((outcome.diags, outcome.language)));

        // The terminal: each distinct set of problems once, then one line per rebuild.
        let report = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            state.diags.render_human(crate::commands::color())
        };
        if self.last_printed.as_deref() != Some(report.as_str()) {
            if !report.is_empty() {
                eprint!("{report}");
            } else if self.last_printed.is_some() {
                eprintln!("All problems are fixed.");
            }
            self.last_printed = Some(report);
        }
        if let Some(e) = write_error {
            eprintln!("error: {e}");
        }
        let has_site = self.state.read().map(|s| s.has_site).unwrap_or(false);
        if first_build && has_site {
            eprintln!("Built the site in {} ms.", start.elapsed().as_millis());
        } else if !change.paths.is_empty() || self.ahead > 0 {
            use std::sync::atomic::Ordering::Relaxed;
            let reads = self.cache.files.reads.load(Relaxed);
            let rendered = self.cache.pages.rendered;
            let changed = change.paths.len() + self.ahead;
            eprintln!(
                "Rebuilt in {} ms: {} file{} read, {} page{} rendered, {} file{} changed.",
                start.elapsed().as_millis(),
                reads,
                plural(reads),
                rendered,
                plural(rendered),
                changed,
                plural(changed),
            );
        }
        self.ahead = 0;
        change
    }

    /// Publishes the pages of edited entries made from the last build (see
    /// [`build::quick`]), ahead of the rebuild that follows; `None` when there are none.
    fn quick(&mut self, files: &[PathBuf]) -> Option<Change> {
        let pages = build::quick(&self.opts, &mut self.cache, files)?;
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        if !state.has_site {
            return None;
        }
        let mut changed = Vec::new();
        for p in pages {
            let body = Body::Bytes(p.bytes);
            if state.files.get(&p.path) != Some(&body) {
                changed.push(p.path.clone());
                state.files.insert(p.path, body);
            }
        }
        if changed.is_empty() {
            return None;
        }
        if let Some(out) = &self.output {
            if let Err(e) = write_changes(out, &state.files, &changed, &[]) {
                eprintln!("error: {e}");
            }
        }
        state.version += 1;
        self.ahead = changed.len();
        Some(Change {
            version: state.version,
            paths: changed,
            errors_changed: false,
        })
    }

    /// Puts a new set of files (if the build succeeded) and new problems (if there was
    /// a build) into the snapshot and the output folder; returns what changed.
    fn publish(
        &mut self,
        files: Option<BTreeMap<String, Body>>,
        diags: Option<(Diagnostics, Option<crate::content::Language>)>,
    ) -> (Change, Option<String>) {
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        let mut errors_changed = false;
        let mut changed = Vec::new();
        let mut write_error = None;
        if let Some(files) = files {
            for (k, v) in &files {
                if state.files.get(k) != Some(v) {
                    changed.push(k.clone());
                }
            }
            let removed: Vec<String> = state
                .files
                .keys()
                .filter(|k| !files.contains_key(*k))
                .cloned()
                .collect();
            changed.extend(removed.iter().cloned());
            if let Some(out) = &self.output {
                let first = !state.has_site;
                let res = if first || !out.join(OUTPUT_MARKER).exists() {
                    write_all(out, &self.opts.content, &files)
                } else {
                    write_changes(out, &files, &changed, &removed)
                };
                if let Err(e) = res {
                    write_error = Some(e);
                }
            }
            state.files = files;
            state.has_site = true;
        }
        if let Some((diags, language)) = diags {
            errors_changed = state.diags.render_json() != diags.render_json();
            state.diags = diags;
            state.language = language.or(state.language);
        }
        if !changed.is_empty() || errors_changed {
            state.version += 1;
        }
        let change = Change {
            version: state.version,
            paths: changed,
            errors_changed,
        };
        (change, write_error)
    }

    /// Starts the queued search index on a thread of its own, unless one is running.
    fn start_indexing(&mut self, tx: &mpsc::Sender<Event>) {
        if self.indexing {
            return;
        }
        if let Some(job) = self.queued.take() {
            self.indexing = true;
            let tx = tx.clone();
            std::thread::spawn(move || {
                let t0 = Instant::now();
                let layout = job.layout;
                let made = crate::search::make_indexes(
                    job.missing,
                    job.language,
                    crate::search::Pace::Background,
                );
                let _ = tx.send(Event::Indexed(layout, made, t0.elapsed()));
            });
        }
    }

    /// Takes search indexes made in the background into the site: the ones the
    /// content needs now, or, while edits keep coming, the state they were made for
    /// (newer than what is served), so that search is never starved.
    fn indexed(
        &mut self,
        layout: crate::search::Layout,
        made: Result<Made, crate::diagnostics::Diagnostic>,
        took: Duration,
    ) -> Option<Change> {
        self.indexing = false;
        match made {
            Ok(made) => {
                for (dir, key, files) in made {
                    self.cache.search.store(dir, key, files);
                }
            }
            Err(d) => {
                let mut ds = Diagnostics::default();
                ds.push(d);
                eprint!("{}", ds.render_human(crate::commands::color()));
                return None;
            }
        }
        let wanted = self.wanted_index.as_ref()?;
        let bundle = match self.cache.search.assemble(wanted) {
            Some(b) => {
                self.wanted_index = None;
                b
            }
            None => self.cache.search.assemble(&layout)?,
        };
        let mut files = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            state.files.clone()
        };
        let prefix = format!("{}/", crate::site::urls::BUNDLE_DIR);
        files.retain(|k, _| !k.starts_with(&prefix));
        for (path, bytes) in bundle.iter() {
            files.insert(path.clone(), Body::Bytes(bytes.clone()));
        }
        let (change, write_error) = self.publish(Some(files), None);
        if let Some(e) = write_error {
            eprintln!("error: {e}");
        }
        if !change.paths.is_empty() {
            eprintln!("Search index updated in {} ms.", took.as_millis());
        }
        Some(change)
    }

    /// Starts watching the content folder. Call this before the first build, so that
    /// no save between the build and the start of watching is missed.
    pub fn start(&self) -> Result<Watching, String> {
        let (tx, rx) = mpsc::channel::<Event>();
        let events = {
            let tx = tx.clone();
            move |res: DebounceEventResult| {
                let _ = tx.send(Event::Files(res));
            }
        };
        let content = self
            .opts
            .content
            .canonicalize()
            .unwrap_or_else(|_| self.opts.content.clone());
        let mut skip: Vec<PathBuf> = self
            .opts
            .skip
            .iter()
            .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone()))
            .collect();
        skip.extend(
            self.output
                .iter()
                .map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())),
        );
        let keep: Box<dyn std::any::Any + Send> = if self.poll {
            // Modification times are compared in whole seconds by the poll watcher, so
            // contents are compared too: a second save within the same second counts.
            let config = notify::Config::default()
                .with_poll_interval(Duration::from_millis(500))
                .with_compare_contents(true);
            let mut d =
                new_debouncer_opt::<_, notify::PollWatcher, notify_debouncer_full::NoCache>(
                    DEBOUNCE,
                    None,
                    events,
                    notify_debouncer_full::NoCache,
                    config,
                )
                .map_err(|e| format!("cannot watch {}: {e}", content.display()))?;
            d.watch(&content, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", content.display()))?;
            Box::new(d)
        } else {
            let mut d = new_debouncer(DEBOUNCE, None, events)
                .map_err(|e| format!("cannot watch {}: {e}", content.display()))?;
            d.watch(&content, RecursiveMode::Recursive).map_err(|e| {
                format!(
                    "cannot watch {}: {e}\n  help: try `--poll` (for network drives and WSL)",
                    content.display()
                )
            })?;
            Box::new(d)
        };
        Ok(Watching {
            rx,
            tx,
            content,
            skip,
            _keep: keep,
        })
    }

    /// Rebuilds after every burst of changes until the process ends, calling
    /// `on_change` after each rebuild. A new search index is made in the background
    /// after the pages are published, and `on_change` is called again when it is in.
    pub fn run(mut self, watching: Watching, mut on_change: impl FnMut(&Change)) {
        self.start_indexing(&watching.tx);
        while let Ok(first) = watching.rx.recv() {
            let mut burst = Burst::new();
            let mut indexed = Vec::new();
            // Take everything else that is already queued: one rebuild per burst.
            for event in
                std::iter::once(first).chain(std::iter::from_fn(|| watching.rx.try_recv().ok()))
            {
                match event {
                    Event::Files(res) => burst.add(&res, &watching.content, &watching.skip),
                    Event::Indexed(layout, made, took) => indexed.push((layout, made, took)),
                }
            }
            for (layout, made, took) in indexed {
                if let Some(change) = self.indexed(layout, made, took) {
                    on_change(&change);
                }
            }
            if burst.relevant {
                if let Some(files) = burst.contents_only {
                    // Only known files changed: the next load need not walk the folder.
                    let files: Vec<PathBuf> =
                        files.iter().map(|f| self.opts.content.join(f)).collect();
                    if files.iter().all(|f| self.cache.files.knows(f)) {
                        // Edited entries first: their pages are out in milliseconds.
                        if let Some(change) = self.quick(&files) {
                            on_change(&change);
                        }
                        self.cache.files.only_changed(files);
                    }
                }
                let change = self.rebuild();
                on_change(&change);
            }
            self.start_indexing(&watching.tx);
        }
    }
}

/// A running file watcher.
pub struct Watching {
    rx: mpsc::Receiver<Event>,
    tx: mpsc::Sender<Event>,
    content: PathBuf,
    skip: Vec<PathBuf>,
    // The debouncer must live as long as the loop.
    _keep: Box<dyn std::any::Any + Send>,
}

/// What a burst of file events means for the next build.
#[derive(Debug, Default)]
struct Burst {
    /// Something in the content folder changed.
    relevant: bool,
    /// When every change was to the contents of files (not a new, removed or renamed
    /// file or folder): those files, relative to the content folder.
    contents_only: Option<Vec<PathBuf>>,
}

impl Burst {
    fn new() -> Self {
        Burst {
            relevant: false,
            contents_only: Some(Vec::new()),
        }
    }

    fn add(&mut self, res: &DebounceEventResult, content: &Path, skip: &[PathBuf]) {
        let events = match res {
            Err(_) => {
                self.relevant = true;
                self.contents_only = None;
                return;
            }
            Ok(events) => events,
        };
        for e in events {
            // Reading files (our own rebuild does) is no change.
            if matches!(
                e.kind,
                EventKind::Access(_)
                    | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
            ) {
                continue;
            }
            let contents = matches!(
                e.kind,
                EventKind::Modify(ModifyKind::Data(_))
                    | EventKind::Modify(ModifyKind::Any)
                    | EventKind::Modify(ModifyKind::Metadata(_))
            );
            for p in &e.paths {
                // Only names inside the content folder count: the folder itself may
                // live in a hidden folder.
                let inner = p.strip_prefix(content).unwrap_or(p);
                let ignored_name = inner
                    .components()
                    .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()));
                if ignored_name || skip.iter().any(|s| p.starts_with(s)) {
                    continue;
                }
                self.relevant = true;
                match (&mut self.contents_only, contents, p.strip_prefix(content)) {
                    (Some(files), true, Ok(rel)) => files.push(rel.to_path_buf()),
                    _ => self.contents_only = None,
                }
            }
        }
    }
}

fn write_all(out: &Path, content: &Path, files: &BTreeMap<String, Body>) -> Result<(), String> {
    let (pages, copied) = split_files(files);
    output::write_site(out, content, &pages, &copied).map_err(|e| e.to_string())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn split_files(
    files: &BTreeMap<String, Body>,
) -> (Vec<crate::render::Page>, Vec<crate::site::CopiedFile>) {
    let mut pages = Vec::new();
    let mut copied = Vec::new();
    for (k, v) in files {
        match v {
            Body::Bytes(b) => pages.push(crate::render::Page {
                path: k.clone(),
                bytes: b.clone(),
                deps: Vec::new(),
            }),
            Body::File(src, ..) => copied.push(crate::site::CopiedFile {
                out: k.clone(),
                src: src.clone(),
                file: String::new(),
            }),
        }
    }
    (pages, copied)
}

/// Writes only what changed into tandem's own output folder; removes what is gone.
fn write_changes(
    out: &Path,
    files: &BTreeMap<String, Body>,
    changed: &[String],
    removed: &[String],
) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot update the output folder {}: {e}", out.display());
    for k in changed {
        let dest = out.join(k);
        match files.get(k) {
            Some(Body::Bytes(b)) => {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                // Write beside, then rename: a reader never sees half a file.
                let tmp = dest.with_extension("tandem-tmp");
                std::fs::write(&tmp, b).map_err(io)?;
                std::fs::rename(&tmp, &dest).map_err(io)?;
            }
            Some(Body::File(src, ..)) => {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                std::fs::copy(src, &dest).map_err(io)?;
            }
            None => {}
        }
    }
    let mut dirs = BTreeSet::new();
    for k in removed {
        let dest = out.join(k);
        let _ = std::fs::remove_file(&dest);
        let mut d = dest.parent();
        while let Some(p) = d {
            if p == out {
                break;
            }
            dirs.insert(p.to_path_buf());
            d = p.parent();
        }
    }
    // Remove folders left empty, deepest first.
    for d in dirs.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, RenameMode};
    use notify_debouncer_full::DebouncedEvent;

    fn burst(events: &[(EventKind, &str)]) -> Burst {
        let content = Path::new("/c");
        let events = events
            .iter()
            .map(|(kind, p)| {
                DebouncedEvent::new(
                    notify::Event::new(*kind).add_path(content.join(p)),
                    Instant::now(),
                )
            })
            .collect();
        let mut b = Burst::new();
        b.add(&Ok(events), content, &[PathBuf::from("/c/public")]);
        b
    }

    #[test]
    fn saved_contents_need_no_walk_of_the_folder() {
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let b = burst(&[
            (data, "cohorts/a/t/2019-03-14-x.md"),
            (close, "cohorts/a/t/2019-03-14-x.md"),
            // An editor's swap file and the output folder do not count.
            (EventKind::Create(CreateKind::File), "cohorts/a/t/.x.md.swp"),
            (EventKind::Create(CreateKind::File), "public/index.html"),
        ]);
        assert!(b.relevant);
        assert_eq!(
            b.contents_only,
            Some(vec![PathBuf::from("cohorts/a/t/2019-03-14-x.md")])
        );
    }

    #[test]
    fn new_removed_or_renamed_files_need_a_walk() {
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Remove(notify::event::RemoveKind::File),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Any,
        ] {
            let b = burst(&[(data, "program.yaml"), (kind, "cohorts/a/t/neu.md")]);
            assert!(b.relevant);
            assert_eq!(b.contents_only, None, "{kind:?}");
        }
        let mut b = Burst::new();
        b.add(
            &Err(vec![notify::Error::generic("overflow")]),
            Path::new("/c"),
            &[],
        );
        assert!(b.relevant && b.contents_only.is_none());
    }

    #[test]
    fn reading_is_no_change() {
        let b = burst(&[(
            EventKind::Access(AccessKind::Read),
            "cohorts/a/t/2019-03-14-x.md",
        )]);
        assert!(!b.relevant);
    }
}
