//! Reading the content folder's text files, and the cache that lets a rebuild re-read
//! only the files that changed.

use super::discover::FoundFiles;
use super::entry::{EntryInputs, ParsedEntry};
use crate::content::front_matter::{decode, parse_yaml, split, unknown_keys, SourceText};
use crate::content::model::Markdown;
use crate::content::names::rel_string;
use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest Markdown or YAML file tandem reads: 10 MB, about 5,000 printed pages.
/// A bigger text file is nearly always a mistake (a picture pasted into the text), and
/// reading it would make every page that shows it slow and huge.
pub(crate) const MAX_TEXT_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Files as read by the previous load, so that a rebuild re-reads only files that
/// changed. A file counts as unchanged when its size and modification time are the same
/// and it was not modified in the last two seconds (file systems with coarse times could
/// otherwise hide a quick second edit of the same size).
#[derive(Debug, Default)]
pub struct FileCache {
    old: HashMap<PathBuf, CachedFile>,
    new: std::sync::Mutex<HashMap<PathBuf, CachedFile>>,
    /// Files actually read by the last load.
    pub reads: std::sync::atomic::AtomicUsize,
    /// The folder as the last load found it, with what finding it reported.
    pub(super) found: std::sync::Mutex<Option<FoundFiles>>,
    /// Set by [`FileCache::only_changed`] for the next load.
    changed: Option<std::collections::HashSet<PathBuf>>,
    /// Entries as parsed by the previous load, with the key of what they were parsed
    /// from (see `entry_key`).
    pub(super) parsed_old: HashMap<PathBuf, (u64, std::sync::Arc<ParsedEntry>)>,
    pub(super) parsed_new: std::sync::Mutex<HashMap<PathBuf, (u64, std::sync::Arc<ParsedEntry>)>>,
    /// What the last load parsed its entries against, to parse one again on its own
    /// ([`reparse_entry`](super::reparse_entry)).
    pub(super) inputs: std::sync::Mutex<Option<EntryInputs>>,
    /// Made by [`FileCache::for_one_build`]: see [`FileCache::keeps_sources`].
    single_build: bool,
}

impl FileCache {
    /// A cache for a single build, which keeps nothing for a later one.
    pub fn for_one_build() -> Self {
        FileCache {
            single_build: true,
            ..FileCache::default()
        }
    }

    /// Whether a load keeps what it read (texts, parsed entries, the folder as found)
    /// for the next load. A single build does not: nothing would use them, and copies
    /// of every text and parsed entry would only add to the peak memory.
    pub fn keeps_sources(&self) -> bool {
        !self.single_build
    }

    /// Tells the next load that, since the last one, only the contents of these files
    /// changed (the file watcher knows): the folder is not walked again and no other
    /// file is checked. A path the last load did not find is ignored here; the caller
    /// sends those as a full rescan instead.
    pub fn only_changed(&mut self, files: impl IntoIterator<Item = PathBuf>) {
        self.changed = Some(files.into_iter().collect());
    }

    /// Whether the last load found this file.
    pub fn knows(&self, file: &Path) -> bool {
        self.new
            .lock()
            .map(|m| m.contains_key(file))
            .unwrap_or(false)
    }

    /// Before a load: what the last load kept becomes what this one may reuse.
    pub(super) fn begin_load(&mut self) {
        self.old = std::mem::take(self.new.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.parsed_old =
            std::mem::take(self.parsed_new.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.reads.store(0, std::sync::atomic::Ordering::Relaxed);
        if self.changed.is_none() {
            *self.found.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }

    /// After a load: what it did not reuse is dropped.
    pub(super) fn end_load(&mut self) {
        self.old.clear();
        self.parsed_old.clear();
        self.changed = None;
    }
}

#[derive(Debug, Clone)]
struct CachedFile {
    len: u64,
    modified: std::time::SystemTime,
    /// Shared with the next load's cache: keeping a file copies no text.
    result: std::sync::Arc<Result<SourceText, Diagnostic>>,
}

/// Takes the previous load's reading of a file into the next load's cache.
fn keep(src: &Src, abs: &Path, c: &CachedFile) -> Result<SourceText, Diagnostic> {
    if let Ok(mut new) = src.cache.new.lock() {
        new.insert(abs.to_path_buf(), c.clone());
    }
    (*c.result).clone()
}

/// The content folder and the cache of its files.
pub(super) struct Src<'a> {
    pub root: &'a Path,
    pub cache: &'a FileCache,
}

pub(super) fn read(src: &Src, abs: &Path) -> Result<SourceText, Diagnostic> {
    if let Some(changed) = &src.cache.changed {
        if !changed.contains(abs) {
            if let Some(c) = src.cache.old.get(abs) {
                return keep(src, abs, c);
            }
        }
    }
    let meta = std::fs::metadata(abs).ok();
    let stamp = meta
        .as_ref()
        .and_then(|m| Some((m.len(), m.modified().ok()?)));
    if let Some((len, modified)) = stamp {
        let settled = modified
            .elapsed()
            .is_ok_and(|age| age > std::time::Duration::from_secs(2));
        if let Some(c) = src.cache.old.get(abs) {
            if settled && c.len == len && c.modified == modified {
                return keep(src, abs, c);
            }
        }
    }
    src.cache
        .reads
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = rel_string(src.root, abs).unwrap_or_else(|| abs.display().to_string());
    let too_big = stamp.is_some_and(|(len, _)| len > MAX_TEXT_FILE_BYTES);
    let result = if too_big {
        let len = stamp.map_or(0, |(len, _)| len);
        Err(too_big_error(file, len))
    } else {
        match std::fs::read(abs) {
            Ok(bytes) => decode(&file, bytes),
            Err(e) => Err(Diagnostic::error(file, format!("cannot be read: {e}"))
                .with_help("check that the file exists and that you may read it")),
        }
    };
    if let Some((len, modified)) = stamp.filter(|_| src.cache.keeps_sources()) {
        if let Ok(mut new) = src.cache.new.lock() {
            new.insert(
                abs.to_path_buf(),
                CachedFile {
                    len,
                    modified,
                    result: std::sync::Arc::new(result.clone()),
                },
            );
        }
    }
    result
}

/// The error for a text file above [`MAX_TEXT_FILE_BYTES`], which is not read.
fn too_big_error(file: String, len: u64) -> Diagnostic {
    Diagnostic::error(
        file,
        format!(
            "this file is {:.1} MB; tandem reads Markdown and YAML files of up to {} MB",
            len as f64 / (1024.0 * 1024.0),
            MAX_TEXT_FILE_BYTES / (1024 * 1024)
        ),
    )
    .with_help("a diary entry is usually a few pages: check whether a picture or a document was pasted into the text by mistake; put pictures and PDFs beside the entry as files and link to them, or split the text into several entries")
}

/// Reads a YAML file into `T`; `None` (with diagnostics) if it cannot be read.
pub(super) fn read_yaml<T: DeserializeOwned>(
    root: &Src,
    abs: &Path,
    known: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, SourceText)> {
    let src = match read(root, abs) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    diags.extend(unknown_keys(&src.file, &src.text, &src.text, 0, known, &[]));
    let v = parse_yaml_text::<T>(&src.file, &src.text, diags)?;
    Some((v, src))
}

/// A YAML file's text as `T`, read as the loader reads it (an empty file is an empty
/// mapping).
fn parse_yaml_text<T: DeserializeOwned>(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let yaml = if text.trim().is_empty() { "{}" } else { text };
    parse_yaml::<T>(file, text, yaml, 0, diags)
}

/// A YAML file of the content folder read as the loader reads it, without reporting
/// problems: `None` when it is missing or broken. For the scaffolding of `tandem new`,
/// which then falls back to defaults and leaves the problem to `tandem check`.
pub(crate) fn read_yaml_quietly<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    parse_yaml_text(&path.to_string_lossy(), &text, &mut Vec::new())
}

pub(super) fn markdown_of(src: SourceText, offset: usize) -> Markdown {
    Markdown {
        file: src.file,
        text: src.text,
        offset,
    }
}

/// Reads a Markdown file whose front matter, if any, is not used (the `index.md` of
/// the programme and of a cohort).
pub(super) fn read_markdown_only(
    root: &Src,
    abs: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Markdown> {
    let src = match read(root, abs) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match split(&src) {
        Ok(sp) => {
            let offset = sp.body_offset;
            Some(markdown_of(src, offset))
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
