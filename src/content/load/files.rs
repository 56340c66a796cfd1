//! Reading the content folder's text files, and the cache that lets a rebuild re-read
//! only the files that changed.

use super::discover::FoundFiles;
use super::entry::{EntryInputs, ParsedEntry};
use crate::content::front_matter::{decode, parse_yaml, split, unknown_keys, SourceText};
use crate::content::model::Markdown;
use crate::content::names::rel_string;
use crate::diagnostics::{io_reason, Diagnostic};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest Markdown or YAML file tandem reads: 10 MB, about 5,000 printed pages.
/// A bigger text file is nearly always a mistake (a picture pasted into the text), and
/// reading it would make every page that shows it slow and huge.
pub(crate) const MAX_TEXT_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Files as read by the previous load, so that a rebuild re-reads only files that
/// changed. A file counts as unchanged when its size and modification time are the same
/// as when it was read, and that time was more than two seconds old already then: file
/// systems with coarse times (FAT keeps steps of 2 s) give a quick second save of the
/// same size the same time as the first, so a reading made while the time was recent
/// is never trusted, however late the next load comes.
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
    /// ([`reparse_entry`](super::reparse_entry)); see [`FileCache::take_inputs`].
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

    /// What the last load parsed its entries against, taken out of the cache (the next
    /// load makes them anew): for [`reparse_entry`](super::reparse_entry), beside the
    /// site that load made.
    pub(crate) fn take_inputs(&mut self) -> Option<EntryInputs> {
        self.inputs
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take()
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
    /// Whether `modified` was more than two seconds old when the file was read: only
    /// then does an unchanged size and time mean unchanged contents.
    settled: bool,
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
    let settled = stamp.is_some_and(|(_, modified)| {
        modified
            .elapsed()
            .is_ok_and(|age| age > std::time::Duration::from_secs(2))
    });
    if let (Some((len, modified)), Some(c)) = (stamp, src.cache.old.get(abs)) {
        if c.settled && c.len == len && c.modified == modified {
            return keep(src, abs, c);
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
            Err(e) => Err(unreadable(file, &e)),
        }
    };
    if let Some((len, modified)) = stamp.filter(|_| src.cache.keeps_sources()) {
        if let Ok(mut new) = src.cache.new.lock() {
            new.insert(
                abs.to_path_buf(),
                CachedFile {
                    len,
                    modified,
                    settled,
                    result: std::sync::Arc::new(result.clone()),
                },
            );
        }
    }
    result
}

/// The error for a file of the content folder that cannot be read.
pub(super) fn unreadable(file: String, e: &std::io::Error) -> Diagnostic {
    let why = io_reason(e);
    let (why_de, why_en) = (&why.de, &why.en);
    Diagnostic::error(
        file,
        crate::text!(
            "Diese Datei kann nicht gelesen werden: {why_de}",
            "this file cannot be read: {why_en}"
        ),
    )
    .with_help(crate::text!(
        "Prüfen Sie, ob die Datei noch da ist und ob Sie sie lesen dürfen; speichern Sie sie dann noch einmal.",
        "check that the file exists and that you may read it, then save it again"
    ))
}

/// The error for a text file above [`MAX_TEXT_FILE_BYTES`], which is not read.
fn too_big_error(file: String, len: u64) -> Diagnostic {
    let max = MAX_TEXT_FILE_BYTES / (1024 * 1024);
    let size_en = format!("{:.1}", len as f64 / (1024.0 * 1024.0));
    let (size_de, size_en) = if size_en == format!("{max}.0") {
        // Just over the limit: "10.0 MB" would read as within it.
        (format!("etwas mehr als {max}"), format!("just over {max}"))
    } else {
        (size_en.replace('.', ","), size_en)
    };
    Diagnostic::error(
        file,
        crate::text!(
            "Diese Datei ist {size_de} MB groß; tandem liest Markdown- und YAML-Dateien bis {max} MB",
            "this file is {size_en} MB; tandem reads Markdown and YAML files of up to {max} MB"
        ),
    )
    .with_help(crate::text!(
        "Ein Tagebucheintrag hat meist wenige Seiten. Prüfen Sie, ob versehentlich ein Bild oder Dokument in den Text eingefügt wurde. Legen Sie Bilder und PDFs als eigene Dateien neben den Eintrag und verlinken Sie sie, oder teilen Sie den Text auf mehrere Einträge auf.",
        "a diary entry is usually a few pages: check whether a picture or a document was pasted into the text by mistake; put pictures and PDFs beside the entry as files and link to them, or split the text into several entries"
    ))
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
    let mut found = Vec::new();
    match parse_yaml_text::<T>(&src.file, &src.text, &mut found) {
        Some(v) => {
            diags.extend(found);
            Some((v, src))
        }
        None => {
            // A list or a single text where the fields belong: one message for the file.
            match not_fields(&src) {
                Some(d) => diags.push(d),
                None => diags.extend(found),
            }
            None
        }
    }
}

/// The first line of a YAML text that holds more than blanks and comments, as its
/// number (from 1) and its text.
pub(super) fn first_content_line(text: &str) -> Option<(usize, &str)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let t = l.trim();
        let nothing = t.is_empty() || t.starts_with('#') || t == "---" || t == "...";
        (!nothing).then_some((i + 1, l))
    })
}

/// The error for a YAML file that is readable but holds a list or a single text where
/// its fields belong; `None` when it holds fields (or cannot be read at all), so that
/// the YAML error stands.
fn not_fields(src: &SourceText) -> Option<Diagnostic> {
    let value = serde_saphyr::from_str::<serde_json::Value>(&src.text).ok()?;
    let example = match src.file.rsplit('/').next() {
        Some("cohort.yaml") => "title: Jahrgang 2019",
        Some("tandem.yaml") => "organization: Raiffeisenbank Musterstadt eG",
        _ => "title: Reverse Mentoring",
    };
    let d = match value {
        serde_json::Value::Object(_) => return None,
        serde_json::Value::Array(_) => Diagnostic::error(
            &src.file,
            crate::text!(
                "Diese Datei enthält eine Liste. Hier gehören Felder hin, jedes auf einer eigenen Zeile, zum Beispiel `{example}`.",
                "this file holds a list, but it must hold fields, each on a line of its own, like `{example}`"
            ),
        )
        .with_help(crate::text!(
            "Schreiben Sie jedes Feld als `name: Wert` an den Anfang einer Zeile, ohne `-` davor.",
            "write each field as `name: value` at the start of a line, without a `-` before it"
        )),
        _ => Diagnostic::error(
            &src.file,
            crate::text!(
                "Diese Datei enthält nur einen Text. Hier gehören Felder hin, jedes auf einer eigenen Zeile, zum Beispiel `{example}`.",
                "this file holds a single text, but it must hold fields, each on a line of its own, like `{example}`"
            ),
        )
        .with_help(crate::text!(
            "Schreiben Sie jedes Feld als `name: Wert` an den Anfang einer Zeile.",
            "write each field as `name: value` at the start of a line"
        )),
    };
    let (line, text) = first_content_line(&src.text)?;
    Some(d.at(&src.text, line, 1, text.trim_end().chars().count()))
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
