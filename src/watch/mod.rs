//! The rebuild loop shared by `tandem watch` and `tandem serve`: watch the content
//! folder, rebuild after each burst of changes, keep the last good site in memory,
//! write only files whose bytes changed, and tell listeners (the browser) what changed.

mod burst;
mod rebuild;
mod write;

use crate::build::{self, Options};
use crate::content::names::OUTPUT_MARKER;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use burst::Burst;
use notify::RecursiveMode;
use notify_debouncer_full::{
    new_debouncer, new_debouncer_opt, DebounceEventHandler, DebounceEventResult,
};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};
use write::{write_all, write_changes};

/// How long to wait after a change for more changes of the same save.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// One file of the site being served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Body {
    Bytes(Arc<[u8]>),
    /// Copied verbatim from the content folder (attachments, static files), with the
    /// source's size and modification time to notice edits.
    File(PathBuf, u64, Option<std::time::SystemTime>),
}

/// The site as last built without errors, plus the current problems.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Output path (`cohorts/2019/index.html`) → contents.
    pub files: BTreeMap<String, Body>,
    /// Problems of the latest build (errors and warnings).
    pub diags: Diagnostics,
    /// Increases with every build that changed something or changed the problems.
    pub version: u64,
    /// Whether any build has succeeded yet.
    pub has_site: bool,
    pub language: Option<crate::content::Language>,
    /// What the preview's editor knows of the last site that was built, when the
    /// watcher was asked to keep it ([`Watcher::outline`]).
    pub outline: Option<Arc<crate::site::Outline>>,
}

/// What a rebuild changed, for live reload.
#[derive(Debug, Clone, Default)]
pub(crate) struct Change {
    /// Output paths whose bytes changed, were added or removed.
    pub paths: Vec<String>,
    pub errors_changed: bool,
}

pub(crate) type Shared = Arc<RwLock<Snapshot>>;

/// The files of a site as the snapshot holds them.
type Files = BTreeMap<String, Body>;

/// What the rebuild loop has to tell the person at the terminal. The loop only
/// reports; the command decides what that looks like (see `commands::terminal`).
#[derive(Debug)]
pub(crate) enum Report<'a> {
    /// The problems of the latest build, after every build (also when they did not
    /// change).
    Problems(&'a Diagnostics, crate::language::Language),
    /// The output folder could not be written; the loop goes on.
    WriteFailed(Error),
    /// The first build that made a site.
    Built { took: Duration },
    /// A later build changed files (counting the pages of edited entries published
    /// ahead of it).
    Rebuilt {
        took: Duration,
        read: usize,
        rendered: usize,
        changed: usize,
    },
    /// The search index could not be made.
    SearchFailed(Diagnostic),
    /// A search index made in the background is in the site.
    SearchUpdated { took: Duration },
}

/// Where a [`Watcher`] sends its [`Report`]s.
pub(crate) type Reporter = Box<dyn FnMut(Report<'_>) + Send>;

pub(crate) struct Watcher {
    pub opts: Options,
    /// Where `watch` (and `serve --output`) writes the site; `None` keeps it in memory.
    pub output: Option<PathBuf>,
    pub state: Shared,
    pub poll: bool,
    report: Reporter,
    /// What the last build kept for the next; `None` while a rebuild runs on its own
    /// thread, which has it (see [`Watcher::start_rebuild`]).
    cache: Option<build::Cache>,
    /// The site the quick path shows saves with, kept up to date by it.
    last: Option<build::LastSite>,
    /// What changed since the running rebuild started (or waits for the next).
    pending: rebuild::Pending,
    /// Pages the quick path published while the running rebuild ran.
    fresh: HashSet<String>,
    /// Rebuilds started on their own thread, and the threads they render on.
    rebuilds: u64,
    pool: Option<Arc<Option<rayon::ThreadPool>>>,
    /// Search indexes made while a rebuild had the cache.
    indexed_later: Vec<(crate::search::Layout, Result<Made, Diagnostic>, Duration)>,
    /// The search indexes the site should have, while some are being made.
    wanted_index: Option<crate::search::Layout>,
    /// Whether an indexer thread is running, and the newest job waiting for it.
    indexing: bool,
    queued: Option<build::SearchJob>,
    /// Pages published ahead of the rebuild in progress (see [`Watcher::quick`]).
    ahead: usize,
    /// Whether each site built is outlined for the preview's editor
    /// ([`Snapshot::outline`]).
    pub outline: bool,
}

type Made = Vec<(String, u64, crate::search::BundleFiles)>;

/// What the rebuild loop waits for.
pub(crate) enum Event {
    Files(DebounceEventResult),
    /// Search indexes made in the background for a layout: folder, key of the
    /// records, files.
    Indexed(crate::search::Layout, Result<Made, Diagnostic>, Duration),
    /// A rebuild on its own thread is done.
    Built(Box<rebuild::Finished>),
}

impl Watcher {
    /// The search index is made in the background, after the pages are out (see
    /// [`Watcher::run`]). What happens is told to `report`.
    pub(crate) fn new(
        opts: Options,
        output: Option<PathBuf>,
        poll: bool,
        report: Reporter,
    ) -> Self {
        Watcher {
            opts: Options {
                search: build::SearchWhen::Later,
                keep_for_quick: true,
                ..opts
            },
            output,
            state: Shared::default(),
            poll,
            report,
            cache: Some(build::Cache::default()),
            last: None,
            pending: rebuild::Pending::default(),
            fresh: HashSet::new(),
            rebuilds: 0,
            pool: None,
            indexed_later: Vec::new(),
            wanted_index: None,
            indexing: false,
            queued: None,
            ahead: 0,
            outline: false,
        }
    }

    /// Runs one build here and updates the snapshot; returns what changed. A search
    /// index the build deferred is queued (see [`Watcher::run`]).
    pub(crate) fn rebuild(&mut self) -> Change {
        let start = Instant::now();
        let cache = self.cache.get_or_insert_with(build::Cache::default);
        let outcome = build::run(&self.opts, cache, None);
        self.built(outcome, start.elapsed())
    }

    /// Puts a build's site and problems into the snapshot, its site into the quick
    /// path's place; returns what changed.
    fn built(&mut self, mut outcome: build::Outcome, took: Duration) -> Change {
        self.queue_search(outcome.search_job.take(), outcome.built.is_some());
        let mut files = outcome.built.map(files_of);
        if let Some(files) = &mut files {
            self.keep_fresh(files);
        }
        self.fresh.clear();
        let new_site = self.take_last_site();
        let first_build = !self.has_site();
        let (mut change, write_error) =
            self.publish(files, Some((outcome.diags, outcome.language)));
        {
            // Whether they are news is the listener's to tell.
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            (self.report)(Report::Problems(
                &state.diags,
                state.language.unwrap_or(crate::language::Language::De),
            ));
        }
        if let Some(e) = write_error {
            (self.report)(Report::WriteFailed(e));
        }
        if new_site {
            if let Some(more) = self.catch_up() {
                change.paths.extend(more.paths);
            }
        }
        self.report_build(took, first_build, &change);
        self.ahead = 0;
        change
    }

    /// The site of the build just done replaces the quick path's, when it succeeded.
    fn take_last_site(&mut self) -> bool {
        let Some(last) = self.cache.as_mut().and_then(|c| c.take_last_site()) else {
            return false;
        };
        if self.outline {
            let outline = Arc::new(crate::site::Outline::of(last.site()));
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            state.outline = Some(outline);
        }
        if let Some(old) = self.last.replace(last) {
            crate::memory::drop_aside(old);
        }
        true
    }

    /// Keeps the search index a build deferred for the indexer thread; a build that
    /// needs no new index cancels the one waiting.
    fn queue_search(&mut self, job: Option<build::SearchJob>, built: bool) {
        if let Some(job) = job {
            self.wanted_index = Some(job.layout.clone());
            self.queued = Some(job);
        } else if built {
            self.wanted_index = None;
            self.queued = None;
        }
    }

    fn has_site(&self) -> bool {
        self.state.read().map(|s| s.has_site).unwrap_or(false)
    }

    /// One line per build: the first site, then each build that changed files.
    fn report_build(&mut self, took: Duration, first_build: bool, change: &Change) {
        if first_build && self.has_site() {
            (self.report)(Report::Built { took });
        } else if !change.paths.is_empty() || self.ahead > 0 {
            use std::sync::atomic::Ordering::Relaxed;
            let Some(cache) = &self.cache else { return };
            let read = cache.files.reads.load(Relaxed);
            let rendered = cache.pages.rendered;
            let changed = change.paths.len() + self.ahead;
            (self.report)(Report::Rebuilt {
                took,
                read,
                rendered,
                changed,
            });
        }
    }

    /// Publishes the pages of edited entries made from the last build's site with the
    /// edits since (see [`build::quick`]), ahead of the rebuild that follows or runs;
    /// `None` when there are none.
    fn quick(&mut self, files: &[PathBuf]) -> Option<Change> {
        let pages = build::quick(&self.opts, self.last.as_mut()?, files)?;
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
                (self.report)(Report::WriteFailed(e));
            }
        }
        state.version += 1;
        self.ahead += changed.len();
        if self.cache.is_none() {
            // Newer than what the running rebuild makes of these pages.
            self.fresh.extend(changed.iter().cloned());
        }
        Some(Change {
            paths: changed,
            errors_changed: false,
        })
    }

    /// Puts a new set of files (if the build succeeded) and new problems (if there was
    /// a build) into the snapshot and the output folder; returns what changed.
    fn publish(
        &mut self,
        files: Option<Files>,
        diags: Option<(Diagnostics, Option<crate::content::Language>)>,
    ) -> (Change, Option<Error>) {
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
            errors_changed = state.diags.iter().ne(diags.iter()) || language != state.language;
            state.diags = diags;
            state.language = language.or(state.language);
        }
        if !changed.is_empty() || errors_changed {
            state.version += 1;
        }
        let change = Change {
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
                    None,
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
        made: Result<Made, Diagnostic>,
        took: Duration,
    ) -> Option<Change> {
        self.indexing = false;
        let cache = self.cache.as_mut()?;
        match made {
            Ok(made) => {
                for (dir, key, files) in made {
                    cache.search.store(dir, key, files);
                }
            }
            Err(d) => {
                (self.report)(Report::SearchFailed(d));
                return None;
            }
        }
        let wanted = self.wanted_index.as_ref()?;
        let bundle = match cache.search.assemble(wanted) {
            Some(b) => {
                self.wanted_index = None;
                b
            }
            None => cache.search.assemble(&layout)?,
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
            (self.report)(Report::WriteFailed(e));
        }
        if !change.paths.is_empty() {
            (self.report)(Report::SearchUpdated { took });
        }
        Some(change)
    }

    /// Starts watching the content folder. Call this before the first build, so that
    /// no save between the build and the start of watching is missed.
    pub(crate) fn start(&self) -> Result<Watching, Error> {
        let (tx, rx) = mpsc::channel::<Event>();
        let events = {
            let tx = tx.clone();
            move |res: DebounceEventResult| {
                let _ = tx.send(Event::Files(res));
            }
        };
        let content = canonical(&self.opts.content);
        let skip: Vec<PathBuf> = self
            .opts
            .skip
            .iter()
            .chain(&self.output)
            .map(|p| canonical(p))
            .collect();
        let keep = watch_folder(&content, self.poll, events)?;
        Ok(Watching {
            rx,
            tx,
            content,
            skip,
            _keep: keep,
        })
    }

    /// Rebuilds after every burst of changes until the process ends, calling
    /// `on_change` after each change to the site. The pages of edited entries are
    /// published at once (see [`Watcher::quick`]), while the whole site is rebuilt on a
    /// thread of its own; saves that come while it runs are shown at once too, and
    /// taken in by one more rebuild after it. A new search index is made in the
    /// background after the pages are published, and `on_change` is called again when
    /// it is in.
    pub(crate) fn run(mut self, watching: Watching, mut on_change: impl FnMut(&Change)) {
        self.start_indexing(&watching.tx);
        while let Ok(first) = watching.rx.recv() {
            let mut burst = Burst::new();
            let mut built = None;
            // Take everything else that is already queued: one rebuild per burst.
            for event in
                std::iter::once(first).chain(std::iter::from_fn(|| watching.rx.try_recv().ok()))
            {
                match event {
                    Event::Files(res) => burst.add(&res, &watching.content, &watching.skip),
                    Event::Indexed(layout, made, took) => {
                        self.indexed_later.push((layout, made, took))
                    }
                    Event::Built(finished) => built = Some(finished),
                }
            }
            if burst.relevant && burst.contents_only.is_none() {
                if let Some(last) = &mut self.last {
                    last.fall_behind();
                }
            }
            if let Some(files) = burst.contents_only.as_ref().filter(|_| burst.relevant) {
                // Edited entries first: their pages are out in milliseconds.
                let files: Vec<PathBuf> = files.iter().map(|f| self.opts.content.join(f)).collect();
                if let Some(change) = self.quick(&files) {
                    on_change(&change);
                }
            }
            self.pending.add(&burst, &self.opts.content);
            if let Some(finished) = built {
                let change = self.finished(*finished);
                on_change(&change);
            }
            if self.cache.is_some() {
                for (layout, made, took) in std::mem::take(&mut self.indexed_later) {
                    if let Some(change) = self.indexed(layout, made, took) {
                        on_change(&change);
                    }
                }
            }
            self.start_rebuild(&watching.tx);
            self.start_indexing(&watching.tx);
        }
    }
}

/// A running file watcher.
pub(crate) struct Watching {
    rx: mpsc::Receiver<Event>,
    tx: mpsc::Sender<Event>,
    content: PathBuf,
    skip: Vec<PathBuf>,
    // The debouncer must live as long as the loop.
    _keep: Box<dyn std::any::Any + Send>,
}

/// The folder's canonical path, or the path as given when it has none.
fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Starts a file watcher on `content` that sends `events`, by polling when asked to;
/// what it returns must live as long as the watching.
fn watch_folder(
    content: &Path,
    poll: bool,
    events: impl DebounceEventHandler,
) -> Result<Box<dyn std::any::Any + Send>, Error> {
    let cannot = |source, poll_helps| Error::Watch {
        content: content.to_path_buf(),
        source,
        poll_helps,
    };
    if poll {
        // Modification times are compared in whole seconds by the poll watcher, so
        // contents are compared too: a second save within the same second counts.
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(500))
            .with_compare_contents(true);
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, notify_debouncer_full::NoCache>(
            DEBOUNCE,
            None,
            events,
            notify_debouncer_full::NoCache,
            config,
        )
        .map_err(|e| cannot(e, false))?;
        d.watch(content, RecursiveMode::Recursive)
            .map_err(|e| cannot(e, false))?;
        Ok(Box::new(d))
    } else {
        let mut d = new_debouncer(DEBOUNCE, None, events).map_err(|e| cannot(e, false))?;
        d.watch(content, RecursiveMode::Recursive)
            .map_err(|e| cannot(e, true))?;
        Ok(Box::new(d))
    }
}

/// The site of a build, as the snapshot holds it: pages in memory, copied files by
/// their source (with its size and date, to notice edits).
fn files_of(built: build::Built) -> BTreeMap<String, Body> {
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
}
