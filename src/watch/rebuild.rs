//! The whole rebuild, on a thread of its own: the watch loop goes on taking saves (and
//! showing edited entries at once) while it runs, and takes its result when it is done.

use super::{Event, Watcher};
use crate::build;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// What changed since the running rebuild started, or since the last one when none
/// runs: what the next rebuild has to take in.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Something in the content folder changed.
    relevant: bool,
    /// Files whose contents changed (absolute paths), in order, maybe more than once.
    pub(super) files: Vec<PathBuf>,
    /// Something else changed (a new, removed or renamed file): the folder is walked.
    walk: bool,
}

impl Pending {
    pub(super) fn add(&mut self, burst: &super::burst::Burst, content: &Path) {
        if !burst.relevant {
            return;
        }
        self.relevant = true;
        match &burst.contents_only {
            Some(files) => self.files.extend(files.iter().map(|f| content.join(f))),
            None => self.walk = true,
        }
    }

    pub(super) fn any(&self) -> bool {
        self.relevant
    }
}

/// A rebuild that ran on its own thread, with the cache it took along.
pub(crate) struct Finished {
    cache: build::Cache,
    outcome: build::Outcome,
    took: Duration,
}

impl Watcher {
    /// Starts a rebuild of what changed on a thread of its own, unless one runs. It
    /// takes the cache along and sends it back with its result ([`Event::Built`]).
    pub(super) fn start_rebuild(&mut self, tx: &mpsc::Sender<Event>) {
        if !self.pending.any() {
            return;
        }
        let Some(mut cache) = self.cache.take() else {
            return;
        };
        let pending = std::mem::take(&mut self.pending);
        if !pending.walk && pending.files.iter().all(|f| cache.files.knows(f)) {
            // Only known files changed: the next load need not walk the folder.
            cache.files.only_changed(pending.files);
        }
        self.rebuilds += 1;
        let number = self.rebuilds;
        let opts = self.opts.clone();
        let pool = self.pool.get_or_insert_with(pool).clone();
        let tx = tx.clone();
        std::thread::spawn(move || {
            lower_priority();
            let start = Instant::now();
            let outcome = match &*pool {
                Some(pool) => pool.install(|| build::run(&opts, &mut cache, None)),
                None => build::run(&opts, &mut cache, None),
            };
            let took = start.elapsed();
            hold_for_tests(number);
            let finished = Finished {
                cache,
                outcome,
                took,
            };
            let _ = tx.send(Event::Built(Box::new(finished)));
        });
    }

    /// Takes in a rebuild that ran on its own thread; returns what changed.
    pub(super) fn finished(&mut self, finished: Finished) -> super::Change {
        self.cache = Some(finished.cache);
        self.built(finished.outcome, finished.took)
    }

    /// After a rebuild whose site replaced the quick path's: the entries saved while
    /// it ran (it may have read an older text of them) are put into that site again,
    /// and their pages made anew (see [`Watcher::quick`]); anything else saved
    /// meanwhile leaves the site behind until the next rebuild.
    pub(super) fn catch_up(&mut self) -> Option<super::Change> {
        let last = self.last.as_mut()?;
        let mut files: Vec<PathBuf> = self
            .pending
            .files
            .iter()
            .filter(|f| last.has_entry_file(f))
            .cloned()
            .collect();
        if self.pending.walk || files.len() < self.pending.files.len() {
            last.fall_behind();
        }
        files.sort();
        files.dedup();
        self.quick(&files)
    }

    /// The pages the quick path published while the rebuild ran, as they are served:
    /// newer than the rebuild's own (it started before those saves), so they stay.
    pub(super) fn keep_fresh(&mut self, files: &mut super::Files) {
        let fresh: HashSet<String> = std::mem::take(&mut self.fresh);
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        for path in fresh {
            if let Some(body) = state.files.get(&path) {
                files.insert(path, body.clone());
            }
        }
    }
}

/// The threads rebuilds render on: as many as the machine has, a little behind the
/// preview's other threads, so that a save's page and the web server go first.
type Pool = Arc<Option<rayon::ThreadPool>>;

fn pool() -> Pool {
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("tandem-rebuild-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok();
    Arc::new(pool)
}

/// Lets the other threads of the preview go first, a little (Linux gives each thread
/// its own priority; 5 of 19 steps: a rebuild is not starved by other programs).
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority only reads its arguments; 0 is the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 5);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// For the tests, which need a rebuild that is still running while they save: with
/// `TANDEM_TEST_REBUILD_GATE=FILE`, the result of the n-th rebuild in the background
/// waits until FILE holds a number of at least n (a missing file holds none), and
/// while it waits FILE.held holds n.
fn hold_for_tests(number: u64) {
    let Some(gate) = std::env::var_os("TANDEM_TEST_REBUILD_GATE").map(PathBuf::from) else {
        return;
    };
    let open = || {
        std::fs::read_to_string(&gate)
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .is_some_and(|n| n >= number)
    };
    let mut held = gate.clone().into_os_string();
    held.push(".held");
    let mut told = false;
    while !open() {
        if !told {
            let _ = std::fs::write(&held, number.to_string());
            told = true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
