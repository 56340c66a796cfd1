//! Reading the content folder into a [`Programme`], collecting every problem on the way.
//!
//! Files are found with walkdir (sorted, symlinks not followed), read and parsed in
//! parallel, then assembled in a fixed order so that the result does not depend on
//! which thread finished first.

use super::front_matter::{self, decode, parse_date, parse_yaml, split, unknown_keys, SourceText};
use super::model::*;
use super::names::{is_ignored_name, rel_string, url_file_path, windows_problem, OUTPUT_MARKER};
use super::slug::{slugify, Slug};
use super::yaml::{self, pos, Text, TextList};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The largest Markdown or YAML file tandem reads: 10 MB, about 5,000 printed pages.
/// A bigger text file is nearly always a mistake (a picture pasted into the text), and
/// reading it would make every page that shows it slow and huge.
pub const MAX_TEXT_FILE_BYTES: u64 = 10 * 1024 * 1024;

#[derive(Debug, Default)]
struct Found {
    program: Option<PathBuf>,
    intro: Option<PathBuf>,
    docs: Vec<(String, PathBuf)>,
    doc_assets: Vec<(String, PathBuf)>,
    statics: Vec<(String, PathBuf)>,
    /// cohort folder name → its files
    cohorts: BTreeMap<String, CohortFiles>,
}

#[derive(Debug, Default)]
struct CohortFiles {
    yaml: Option<PathBuf>,
    intro: Option<PathBuf>,
    tandems: BTreeMap<String, TandemFiles>,
}

#[derive(Debug, Default)]
struct TandemFiles {
    yaml: Option<PathBuf>,
    entries: Vec<(String, PathBuf)>,
    attachments: Vec<(String, PathBuf)>,
}

/// Walks the content folder and sorts files into their roles.
fn discover(root: &Path, skip: &[PathBuf], diags: &mut Diagnostics) -> Found {
    let mut found = Found::default();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            if is_ignored_name(&name) {
                return false;
            }
            if skip.iter().any(|s| e.path() == s) {
                return false;
            }
            // An output folder inside the content folder is never content.
            if e.file_type().is_dir() && e.path().join(OUTPUT_MARKER).exists() {
                return false;
            }
            true
        });
    let mut walker = walker;
    // NFC form of every name seen, per folder, with the name as written.
    let mut seen_names: HashMap<(PathBuf, String), String> = HashMap::new();
    while let Some(item) = walker.next() {
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                let file = err
                    .path()
                    .and_then(|p| rel_string(root, p))
                    .unwrap_or_else(|| root.display().to_string());
                diags.push(
                    Diagnostic::error(file, format!("cannot be read: {err}"))
                        .with_help("check that the file exists and that you may read it"),
                );
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        let ft = entry.file_type();
        let Some(rel) = rel_string(root, path) else {
            let what = if ft.is_dir() { "folder" } else { "file" };
            diags.push(
                Diagnostic::error(
                    path.strip_prefix(root)
                        .unwrap_or(path)
                        .to_string_lossy()
                        .into_owned(),
                    format!("the name of this {what} is not valid UTF-8 text and cannot become a web address; it is left out"),
                )
                .with_help(format!("rename the {what} using ordinary letters (the name was probably written by an old program or copied from a system with another character set)")),
            );
            if ft.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        };
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        // Only names with letters beyond ASCII can be written in two forms; most names
        // are plain ASCII and need no bookkeeping.
        let twin = if name.is_ascii() {
            None
        } else {
            let nfc: String = name.nfc().collect();
            let parent = path.parent().unwrap_or(root).to_path_buf();
            Some((parent, nfc))
        };
        if let Some(first) = twin.as_ref().and_then(|k| seen_names.get(k)) {
            if first != name {
                let what = if ft.is_dir() { "folder" } else { "file" };
                diags.push(
                    Diagnostic::error(
                        &rel,
                        format!("this {what} has the same name as `{first}` beside it: the two names look the same but their letters are stored differently (one is in NFD form, as macOS writes umlauts, the other in NFC); it is left out"),
                    )
                    .with_help(format!("merge the two into one {what} and delete the other; to avoid this, copy files between computers as a zip archive or with a tool that keeps names as they are")),
                );
                if ft.is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        } else if let Some(key) = twin {
            seen_names.insert(key, name.to_string());
        }
        if let Some(why) = windows_problem(name) {
            let what = if ft.is_dir() { "folder" } else { "file" };
            diags.push(
                Diagnostic::warning(&rel, format!("this {what} cannot be copied to a Windows computer: {why}"))
                    .with_help(format!("rename the {what}, e.g. by adding a word or removing the trailing dot or space, so that everyone working on the programme can check it out")),
            );
        }
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning(&rel, "symbolic links are not followed; this one is ignored")
                    .with_help(
                        "copy the file or folder into the content folder instead of linking to it",
                    ),
            );
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        let is_md = rel.to_lowercase().ends_with(".md");
        let abs = path.to_path_buf();
        match parts.as_slice() {
            ["program.yaml"] => found.program = Some(abs),
            ["index.md"] => found.intro = Some(abs),
            ["docs", ..] if is_md => found.docs.push((rel.clone(), abs)),
            ["docs", ..] => found.doc_assets.push((rel.clone(), abs)),
            ["static", ..] => found.statics.push((rel.clone(), abs)),
            ["cohorts", c, "cohort.yaml"] => {
                found.cohorts.entry(c.to_string()).or_default().yaml = Some(abs)
            }
            ["cohorts", c, "index.md"] => {
                found.cohorts.entry(c.to_string()).or_default().intro = Some(abs)
            }
            ["cohorts", _, _] => diags.push(
                Diagnostic::warning(&rel, "this file is not part of any tandem and is ignored")
                    .with_help("a cohort folder holds `cohort.yaml`, `index.md` and one folder per tandem"),
            ),
            ["cohorts", c, t, "tandem.yaml"] => {
                cohort_tandem(&mut found, c, t).yaml = Some(abs);
            }
            ["cohorts", c, t, _] if is_md => {
                cohort_tandem(&mut found, c, t).entries.push((rel.clone(), abs));
            }
            ["cohorts", _, _, ..] if is_md => diags.push(
                Diagnostic::warning(&rel, "diary entries in sub-folders of a tandem folder are ignored")
                    .with_help("move the file directly into the tandem's folder"),
            ),
            ["cohorts", c, t, ..] => {
                cohort_tandem(&mut found, c, t).attachments.push((rel.clone(), abs));
            }
            _ if parts.len() == 1 && (rel.ends_with(".yaml") || rel.ends_with(".yml") || is_md) => diags.push(
                Diagnostic::warning(&rel, "this file is not part of the content format and is ignored")
                    .with_help("the content folder holds program.yaml, index.md, docs/, static/ and cohorts/"),
            ),
            _ => {}
        }
    }
    found
}

/// Why the theme folder written in program.yaml may not be used: it must be a folder
/// inside the content folder, named relative to it, and not a link to elsewhere.
fn theme_outside(root: &Path, written: &str, dir: &Path) -> Option<&'static str> {
    let p = Path::new(written);
    if p.has_root()
        || written.starts_with('\\')
        || written.get(1..2) == Some(":")
        || written.contains("://")
    {
        return Some("is not inside the content folder (write a folder name, not a full path)");
    }
    if written.split(['/', '\\']).any(|seg| seg == "..") {
        return Some("is not inside the content folder (`..` leads out of it)");
    }
    if let (Ok(real_dir), Ok(real_root)) = (dir.canonicalize(), root.canonicalize()) {
        if !real_dir.starts_with(&real_root) {
            return Some("is a link to a folder outside the content folder");
        }
    }
    None
}

fn cohort_tandem<'a>(found: &'a mut Found, c: &str, t: &str) -> &'a mut TandemFiles {
    found
        .cohorts
        .entry(c.to_string())
        .or_default()
        .tandems
        .entry(t.to_string())
        .or_default()
}

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
    found: std::sync::Mutex<Option<FoundFiles>>,
    /// Set by [`FileCache::only_changed`] for the next load.
    changed: Option<std::collections::HashSet<PathBuf>>,
    /// Entries as parsed by the previous load, with the key of what they were parsed
    /// from (see `entry_key`).
    parsed_old: HashMap<PathBuf, (u64, std::sync::Arc<ParsedEntry>)>,
    parsed_new: std::sync::Mutex<HashMap<PathBuf, (u64, std::sync::Arc<ParsedEntry>)>>,
    /// What the last load parsed its entries against, to parse one again on its own
    /// ([`reparse_entry`]).
    inputs: std::sync::Mutex<Option<EntryInputs>>,
    /// Made by [`FileCache::for_one_build`]: see [`FileCache::keeps_sources`].
    single_build: bool,
}

/// The folder as found, with what finding it reported; shared by the loads that do
/// not walk it again.
type FoundFiles = std::sync::Arc<(Found, Vec<Diagnostic>)>;

/// The topics, and per entry file its path in the content folder, tandem and period.
#[derive(Debug)]
struct EntryInputs {
    topics: TopicIndex,
    files: HashMap<PathBuf, (String, TandemId, Option<Period>)>,
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
struct Src<'a> {
    root: &'a Path,
    cache: &'a FileCache,
}

fn read(src: &Src, abs: &Path) -> Result<SourceText, Diagnostic> {
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
        Err(Diagnostic::error(
            file,
            format!(
                "this file is {:.1} MB; tandem reads Markdown and YAML files of up to {} MB",
                len as f64 / (1024.0 * 1024.0),
                MAX_TEXT_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("a diary entry is usually a few pages: check whether a picture or a document was pasted into the text by mistake; put pictures and PDFs beside the entry as files and link to them, or split the text into several entries"))
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

/// Reads a YAML file into `T`; `None` (with diagnostics) if it cannot be read.
fn read_yaml<T: DeserializeOwned>(
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
    let text = if src.text.trim().is_empty() {
        "{}"
    } else {
        &*src.text
    };
    match parse_yaml::<T>(&src.file, &src.text, text, 0) {
        Ok(v) => Some((v, src)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn text(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0.trim().to_string()).filter(|s| !s.is_empty())
}

/// Topic lookup by id or title, case-insensitive.
#[derive(Debug)]
struct TopicIndex {
    by_key: HashMap<String, TopicId>,
    names: Vec<String>,
    /// False when program.yaml could not be read: topics cannot be checked then.
    known: bool,
    /// Of everything above: entries parsed against the same topics parse the same.
    fingerprint: u64,
}

impl TopicIndex {
    fn new(topics: &[Topic], known: bool) -> Self {
        let mut by_key = HashMap::new();
        let mut names = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            by_key.insert(t.id.to_lowercase(), TopicId(i));
            by_key.insert(t.title.to_lowercase(), TopicId(i));
            by_key.insert(t.slug.as_str().to_string(), TopicId(i));
            names.push(t.id.clone());
        }
        let fingerprint = {
            use std::hash::{BuildHasher, Hash, Hasher};
            let mut h = ahash::RandomState::with_seeds(21, 22, 23, 24).build_hasher();
            let mut keys: Vec<_> = by_key.iter().collect();
            keys.sort();
            keys.hash(&mut h);
            names.hash(&mut h);
            known.hash(&mut h);
            h.finish()
        };
        TopicIndex {
            by_key,
            names,
            known,
            fingerprint,
        }
    }

    /// Resolves each item; unknown ones give an error at their position.
    fn resolve(
        &self,
        list: &Spanned<TextList>,
        src: &SourceText,
        line_offset: usize,
        what: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<TopicId> {
        let mut out = Vec::new();
        let mut reported = 0usize;
        let mut more = 0usize;
        for item in &list.value.0 {
            let key = item.text.trim().to_lowercase();
            if let Some(id) = self
                .by_key
                .get(&key)
                .or_else(|| self.by_key.get(&slugify(&key)))
            {
                if !out.contains(id) {
                    out.push(*id);
                }
                continue;
            }
            if !self.known {
                continue;
            }
            if reported >= crate::diagnostics::MAX_SIMILAR {
                more += 1;
                continue;
            }
            reported += 1;
            let (line, col) = item.pos.unwrap_or_else(|| pos(list));
            let help = match did_you_mean(&item.text, self.names.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "the topics of this programme are: {}; new topics are added in program.yaml under `topics:`",
                    self.names.join(", ")
                ),
            };
            diags.push(
                Diagnostic::error(
                    &src.file,
                    format!("unknown topic `{}` in {what}", item.text),
                )
                .at(
                    &src.text,
                    line + line_offset,
                    col,
                    item.text.chars().count(),
                )
                .with_help(help),
            );
        }
        if more > 0 {
            if let Some(last) = diags.last() {
                let summary = last.and_more(more, &format!("unknown topics in {what}"));
                diags.push(summary);
            }
        }
        out
    }
}

fn date_at(
    s: &Spanned<Text>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    match parse_date(&s.value.0) {
        Ok(d) => Some(d),
        Err(msg) => {
            let (line, col) = pos(s);
            diags.push(
                Diagnostic::error(&src.file, msg)
                    .at(
                        &src.text,
                        line + line_offset,
                        col,
                        s.value.0.chars().count(),
                    )
                    .with_help(
                        "write dates as YYYY-MM-DD, e.g. 2019-03-14, and check that the day exists",
                    ),
            );
            None
        }
    }
}

fn period(
    p: Option<yaml::PeriodYaml>,
    src: &SourceText,
    diags: &mut Vec<Diagnostic>,
) -> Option<Period> {
    let p = p?;
    let start = date_at(&p.start, src, 0, diags);
    let end = date_at(&p.end, src, 0, diags);
    match (start, end) {
        (Some(start), Some(end)) if start <= end => Some(Period { start, end }),
        (Some(_), Some(_)) => {
            let (line, col) = pos(&p.end);
            diags.push(
                Diagnostic::error(&src.file, "the period ends before it starts")
                    .at(&src.text, line, col, p.end.value.0.chars().count())
                    .with_help("swap `start` and `end`, or correct one of the dates"),
            );
            None
        }
        _ => None,
    }
}

fn person(p: Option<yaml::PersonYaml>) -> Option<Person> {
    let p = p?;
    Some(Person {
        name: text(p.name).unwrap_or_default(),
        role: text(p.role),
        email: text(p.email),
    })
}

fn markdown_of(src: SourceText, offset: usize) -> Markdown {
    Markdown {
        file: src.file,
        text: src.text,
        offset,
    }
}

fn read_markdown_only(root: &Src, abs: &Path, diags: &mut Vec<Diagnostic>) -> Option<Markdown> {
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

fn parse_bool(
    s: &Spanned<Text>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match s.value.0.trim().to_lowercase().as_str() {
        "true" | "yes" | "ja" => true,
        "false" | "no" | "nein" | "" => false,
        other => {
            let (line, col) = pos(s);
            diags.push(
                Diagnostic::error(&src.file, format!("`{other}` is neither true nor false"))
                    .at(&src.text, line + line_offset, col, other.chars().count())
                    .with_help("write `true` or `false`"),
            );
            false
        }
    }
}

/// The front matter of a Markdown file as `T`: unknown fields become warnings, a file
/// without front matter gives `T::default()`, unreadable YAML an error (and `None`).
fn front_matter<T: DeserializeOwned + Default>(
    src: &SourceText,
    sp: front_matter::Split,
    known: &[&str],
    aliases: &[(&str, &str)],
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    diags.extend(unknown_keys(
        &src.file,
        &src.text,
        sp.yaml,
        sp.yaml_line_offset,
        known,
        aliases,
    ));
    if sp.yaml.trim().is_empty() {
        return Some(T::default());
    }
    match parse_yaml(&src.file, &src.text, sp.yaml, sp.yaml_line_offset) {
        Ok(v) => Some(v),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The result of parsing one entry file.
#[derive(Debug, Clone)]
struct ParsedEntry {
    entry: Option<Entry>,
    diags: Vec<Diagnostic>,
}

/// Everything an entry is parsed from: the same key, the same [`ParsedEntry`].
fn entry_key(
    src: &SourceText,
    rel: &str,
    tandem: TandemId,
    topics: &TopicIndex,
    period: Option<Period>,
) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = ahash::RandomState::with_seeds(25, 26, 27, 28).build_hasher();
    src.file.hash(&mut h);
    src.text.hash(&mut h);
    rel.hash(&mut h);
    tandem.hash(&mut h);
    topics.fingerprint.hash(&mut h);
    period.map(|p| (p.start, p.end)).hash(&mut h);
    h.finish()
}

fn parse_entry(
    root: &Src,
    rel: &str,
    abs: &Path,
    tandem: TandemId,
    topics: &TopicIndex,
    period: Option<Period>,
) -> ParsedEntry {
    let src = match read(root, abs) {
        Ok(s) => s,
        Err(d) => {
            return ParsedEntry {
                entry: None,
                diags: vec![d],
            };
        }
    };
    if !root.cache.keeps_sources() {
        return parse_entry_text(src, rel, tandem, topics, period);
    }
    let key = entry_key(&src, rel, tandem, topics, period);
    let parsed = match root.cache.parsed_old.get(abs) {
        Some((k, parsed)) if *k == key => parsed.clone(),
        _ => std::sync::Arc::new(parse_entry_text(src, rel, tandem, topics, period)),
    };
    if let Ok(mut new) = root.cache.parsed_new.lock() {
        new.insert(abs.to_path_buf(), (key, parsed.clone()));
    }
    (*parsed).clone()
}

/// Parses one entry file again, against what the last load parsed it against, without
/// touching the cache: for a first look at an edit before the whole programme is
/// loaded again. `None` when the last load did not read this file as an entry.
pub fn reparse_entry(
    cache: &FileCache,
    root: &Path,
    abs: &Path,
) -> Option<(String, Option<Entry>, Vec<Diagnostic>)> {
    let inputs = cache.inputs.lock().ok()?;
    let inputs = inputs.as_ref()?;
    let (rel, tandem, period) = inputs.files.get(abs)?;
    let alone = FileCache::default();
    let src = Src {
        root,
        cache: &alone,
    };
    let parsed = match read(&src, abs) {
        Ok(text) => parse_entry_text(text, rel, *tandem, &inputs.topics, *period),
        Err(d) => ParsedEntry {
            entry: None,
            diags: vec![d],
        },
    };
    Some((rel.clone(), parsed.entry, parsed.diags))
}

fn parse_entry_text(
    src: SourceText,
    rel: &str,
    tandem: TandemId,
    topics: &TopicIndex,
    period: Option<Period>,
) -> ParsedEntry {
    let mut diags = Vec::new();
    let sp = match split(&src) {
        Ok(sp) => sp,
        Err(d) => {
            return ParsedEntry {
                entry: None,
                diags: vec![d],
            }
        }
    };
    let (line_offset, body_offset) = (sp.yaml_line_offset, sp.body_offset);
    let Some(fm) = front_matter::<yaml::EntryYaml>(
        &src,
        sp,
        yaml::ENTRY_FIELDS,
        yaml::ENTRY_ALIASES,
        &mut diags,
    ) else {
        return ParsedEntry { entry: None, diags };
    };
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(name);
    let Some(slug) = Slug::from_name(stem) else {
        diags.push(
            Diagnostic::error(
                rel,
                "this file name has no letters or digits to make a web address from",
            )
            .with_help("rename the file, e.g. 2019-03-14-erstes-treffen.md"),
        );
        return ParsedEntry { entry: None, diags };
    };
    let date = match &fm.date {
        Some(d) => date_at(d, &src, line_offset, &mut diags),
        None => match stem.get(..10).map(parse_date) {
            Some(Ok(d)) => Some(d),
            _ => {
                diags.push(
                    Diagnostic::error(rel, "this entry has no date")
                        .at(&src.text, 1, 1, 1)
                        .with_help("add `date: YYYY-MM-DD` to the front matter, or start the file name with the date, e.g. 2019-03-14-erstes-treffen.md"),
                );
                None
            }
        },
    };
    let topic_ids = fm
        .topics
        .as_ref()
        .map(|t| topics.resolve(t, &src, line_offset, "`topics`", &mut diags))
        .unwrap_or_default();
    let duration_minutes = fm.duration.as_ref().and_then(|d| {
        let v = d.value.0.trim();
        if v.is_empty() {
            return None;
        }
        let m = super::duration::parse_minutes(v);
        if m.is_none() {
            let (line, col) = pos(d);
            let written =
                raw_value(&src.text, line + line_offset, col).unwrap_or_else(|| v.to_string());
            diags.push(
                Diagnostic::error(&src.file, format!("`{written}` is not a duration"))
                    .at(&src.text, line + line_offset, col, v.chars().count())
                    .with_help(
                        "write minutes (`90`) or hours and minutes (`1h30`, `1,5 h`, `90min`)",
                    ),
            );
        }
        m
    });
    let visibility = match fm.visibility.as_ref() {
        None => Visibility::Shared,
        Some(v) => match v.value.0.trim().to_lowercase().as_str() {
            "shared" | "" => Visibility::Shared,
            "private" => Visibility::Private,
            other => {
                let (line, col) = pos(v);
                let help = match did_you_mean(other, ["shared", "private"]) {
                    Some(s) => format!("did you mean `{s}`? Write `shared` (everyone) or `private` (never published)"),
                    None => "write `shared` (everyone) or `private` (never published)".to_string(),
                };
                diags.push(
                    Diagnostic::error(&src.file, format!("unknown visibility `{other}`"))
                        .at(&src.text, line + line_offset, col, other.chars().count())
                        .with_help(help),
                );
                // Unknown visibility is treated as private: never publish by mistake.
                Visibility::Private
            }
        },
    };
    let draft = fm
        .draft
        .as_ref()
        .map(|d| parse_bool(d, &src, line_offset, &mut diags))
        .unwrap_or(false);
    if let (Some(d), Some(p)) = (date, period) {
        if !p.contains(d) {
            let (line, col, len) = match &fm.date {
                Some(s) => {
                    let (l, c) = pos(s);
                    (l + line_offset, c, s.value.0.chars().count())
                }
                None => (1, 1, 1),
            };
            diags.push(
                Diagnostic::warning(
                    &src.file,
                    format!(
                        "this entry is dated {d}, outside its cohort's period ({} to {})",
                        p.start, p.end
                    ),
                )
                .at(&src.text, line, col, len)
                .with_help("check the date, or widen the `period` in cohort.yaml"),
            );
        }
    }
    let Some(date) = date else {
        return ParsedEntry { entry: None, diags };
    };
    let entry = Entry {
        slug,
        tandem,
        title: text(fm.title),
        date,
        topics: topic_ids,
        duration_minutes,
        format: text(fm.format),
        authors: fm
            .authors
            .map(|a| {
                a.0.into_iter()
                    .map(|i| i.text.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        visibility,
        draft,
        source: markdown_of(src, body_offset),
    };
    ParsedEntry {
        entry: Some(entry),
        diags,
    }
}

fn parse_doc(root: &Src, rel: &str, abs: &Path) -> (Option<(Doc, bool)>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let src = match read(root, abs) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let sp = match split(&src) {
        Ok(sp) => sp,
        Err(d) => return (None, vec![d]),
    };
    let (line_offset, body_offset) = (sp.yaml_line_offset, sp.body_offset);
    let Some(fm) = front_matter::<yaml::DocYaml>(&src, sp, yaml::DOC_FIELDS, &[], &mut diags)
    else {
        return (None, diags);
    };
    let weight = match &fm.weight {
        None => 0,
        Some(w) => match w.value.0.trim().parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                let (line, col) = pos(w);
                diags.push(
                    Diagnostic::error(&src.file, format!("`{}` is not a whole number", w.value.0))
                        .at(&src.text, line + line_offset, col, w.value.0.chars().count())
                        .with_help("`weight` orders the sidebar: write a whole number like 10; smaller comes first"),
                );
                0
            }
        },
    };
    let draft = fm
        .draft
        .as_ref()
        .map(|d| parse_bool(d, &src, line_offset, &mut diags))
        .unwrap_or(false);
    // docs/a/b.md → [a, b]; docs/a/index.md → [a]
    let inner = rel.strip_prefix("docs/").unwrap_or(rel);
    let inner = &inner[..inner.len() - 3];
    let mut segs: Vec<&str> = inner.split('/').collect();
    if segs
        .last()
        .is_some_and(|s| s.eq_ignore_ascii_case("index") || s.eq_ignore_ascii_case("_index"))
    {
        segs.pop();
    }
    let mut path = Vec::new();
    for s in segs {
        match Slug::from_name(s) {
            Some(slug) => path.push(slug),
            None => {
                diags.push(
                    Diagnostic::error(
                        rel,
                        format!("`{s}` has no letters or digits to make a web address from"),
                    )
                    .with_help("rename the file or folder"),
                );
                return (None, diags);
            }
        }
    }
    let doc = Doc {
        path,
        title: text(fm.title),
        weight,
        description: text(fm.description),
        source: markdown_of(src, body_offset),
    };
    (Some((doc, draft)), diags)
}

fn folder_slug(rel: &str, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Slug> {
    let s = Slug::from_name(name);
    if s.is_none() {
        diags.push(
            Diagnostic::error(
                rel,
                format!(
                    "the folder name `{name}` has no letters or digits to make a web address from"
                ),
            )
            .with_help("rename the folder, e.g. `berger-vogt`"),
        );
    }
    s
}

/// Loads the whole content folder. Returns the programme (if `program.yaml` could be
/// read) and every problem found. Only the files that changed since the load that
/// filled `cache` are read again; a single build passes [`FileCache::for_one_build`].
pub fn load(
    root: &Path,
    visible: Visible,
    skip: &[PathBuf],
    cache: &mut FileCache,
) -> (Option<Programme>, Diagnostics) {
    cache.old = std::mem::take(cache.new.get_mut().unwrap_or_else(|e| e.into_inner()));
    cache.parsed_old = std::mem::take(
        cache
            .parsed_new
            .get_mut()
            .unwrap_or_else(|e| e.into_inner()),
    );
    cache.reads.store(0, std::sync::atomic::Ordering::Relaxed);
    if cache.changed.is_none() {
        *cache.found.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
    }
    let (prog, diags) = load_with(&Src { root, cache }, visible, skip);
    cache.old.clear();
    cache.parsed_old.clear();
    cache.changed = None;
    (prog, diags)
}

fn load_with(src: &Src, visible: Visible, skip: &[PathBuf]) -> (Option<Programme>, Diagnostics) {
    let root = src.root;
    let mut diags = Diagnostics::default();
    let kept = src.cache.found.lock().ok().and_then(|f| f.clone());
    let found = match kept {
        Some(kept) => {
            diags.extend(kept.1.iter().cloned());
            kept
        }
        None => {
            let found = discover(root, skip, &mut diags);
            let found = std::sync::Arc::new((found, diags.iter().cloned().collect()));
            if src.cache.keeps_sources() {
                if let Ok(mut f) = src.cache.found.lock() {
                    *f = Some(found.clone());
                }
            }
            found
        }
    };
    let found = &found.0;
    let mut d = Vec::new();

    // program.yaml comes first: the topics are needed to check everything else.
    let program = match &found.program {
        None => {
            d.push(
                Diagnostic::error("program.yaml", "the content folder has no program.yaml")
                    .with_help(format!(
                        "create {}/program.yaml with at least a line `title: Reverse Mentoring` (or run `tandem init` to start a new programme)",
                        root.display()
                    )),
            );
            None
        }
        Some(p) => read_yaml::<yaml::ProgramYaml>(src, p, yaml::PROGRAM_FIELDS, &mut d),
    };
    let mut topics = Vec::new();
    let mut meta = None;
    let mut theme_dir = None;
    if let Some((py, src)) = program {
        let title = match text(py.title) {
            Some(t) => t,
            None => {
                d.push(
                    Diagnostic::error(&src.file, "program.yaml has no `title`")
                        .at(&src.text, 1, 1, 1)
                        .with_help("add a line like `title: Reverse Mentoring`"),
                );
                String::new()
            }
        };
        let language = match &py.language {
            None => Language::De,
            Some(l) => match l.value.0.trim().to_lowercase().as_str() {
                "de" | "de-de" | "deutsch" | "german" => Language::De,
                "en" | "en-gb" | "en-us" | "english" | "englisch" => Language::En,
                other => {
                    let (line, col) = pos(l);
                    d.push(
                        Diagnostic::error(&src.file, format!("unknown language `{other}`"))
                            .at(&src.text, line, col, other.chars().count())
                            .with_help("write `de` (German) or `en` (English)"),
                    );
                    Language::De
                }
            },
        };
        let base_url = match &py.base_url {
            None => "/".to_string(),
            Some(b) => {
                let v = b.value.0.trim();
                if v.starts_with("http://") || v.starts_with("https://") || v.starts_with('/') {
                    if v.ends_with('/') {
                        v.to_string()
                    } else {
                        format!("{v}/")
                    }
                } else {
                    let (line, col) = pos(b);
                    d.push(
                        Diagnostic::error(&src.file, format!("`{v}` is not a web address"))
                            .at(&src.text, line, col, v.chars().count())
                            .with_help("write the full address where the site will be hosted, e.g. https://intranet.example.org/reverse-mentoring/"),
                    );
                    "/".to_string()
                }
            }
        };
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        let mut bad = 0usize;
        for t in py.topics {
            let id = t.id.value.0.trim().to_string();
            let (line, col) = pos(&t.id);
            let Some(slug) = Slug::from_name(&id) else {
                bad += 1;
                if bad > crate::diagnostics::MAX_SIMILAR {
                    continue;
                }
                d.push(
                    Diagnostic::error(
                        &src.file,
                        format!("the topic id `{id}` has no letters or digits"),
                    )
                    .at(&src.text, line, col, id.chars().count().max(1))
                    .with_help("use a short id like `fuehrung`"),
                );
                continue;
            };
            if let Some((l0, _)) = seen.get(slug.as_str()) {
                bad += 1;
                if bad > crate::diagnostics::MAX_SIMILAR {
                    continue;
                }
                d.push(
                    Diagnostic::error(
                        &src.file,
                        format!("the topic `{id}` is defined twice (first on line {l0})"),
                    )
                    .at(&src.text, line, col, id.chars().count())
                    .with_help("remove one of the two topics or give it another id"),
                );
                continue;
            }
            seen.insert(slug.as_str().to_string(), (line, col));
            topics.push(Topic {
                title: text(t.title).unwrap_or_else(|| id.clone()),
                id,
                slug,
                description: text(t.description),
            });
        }
        if bad > crate::diagnostics::MAX_SIMILAR {
            if let Some(last) = d.last() {
                let summary = last.and_more(bad - crate::diagnostics::MAX_SIMILAR, "wrong topics");
                d.push(summary);
            }
        }
        if let Some(t) = &py.theme {
            let written = t.value.0.trim();
            let dir = root.join(written);
            if let Some(why) = theme_outside(root, written, &dir) {
                let (line, col) = pos(t);
                d.push(
                    Diagnostic::error(&src.file, format!("the theme folder `{written}` {why}"))
                        .at(&src.text, line, col, written.chars().count())
                        .with_help("put the theme folder inside the content folder and give its name, e.g. `theme: my-theme`; nothing from outside the content folder is published"),
                );
            } else if dir.is_dir() {
                theme_dir = Some(dir);
            } else {
                let (line, col) = pos(t);
                d.push(
                    Diagnostic::error(&src.file, format!("the theme folder `{}` does not exist", t.value.0.trim()))
                        .at(&src.text, line, col, t.value.0.chars().count())
                        .with_help("give a folder inside the content folder, or remove `theme:` to use the built-in theme"),
                );
            }
        }
        meta = Some(ProgramMeta {
            title,
            subtitle: text(py.subtitle),
            code: text(py.code),
            provider: text(py.provider),
            language,
            base_url,
            audience: py.audience.0.into_iter().map(|i| i.text).collect(),
            sector: text(py.sector),
            format: text(py.format),
            period: period(py.period, &src, &mut d),
            contact: person(py.contact),
        });
    }
    let topic_index = TopicIndex::new(&topics, meta.is_some());

    let intro = found
        .intro
        .as_ref()
        .and_then(|p| read_markdown_only(src, p, &mut d));

    // Docs, in parallel.
    let parsed_docs: Vec<_> = found
        .docs
        .par_iter()
        .map(|(rel, abs)| parse_doc(src, rel, abs))
        .collect();
    let mut docs = Vec::new();
    for (doc, ds) in parsed_docs {
        d.extend(ds);
        if let Some((doc, draft)) = doc {
            if !draft || visible.drafts {
                docs.push(doc);
            }
        }
    }

    let mut static_files = Vec::new();
    for (rel, abs) in &found.statics {
        let out = rel.strip_prefix("static/").unwrap_or(rel).to_string();
        static_files.push(StaticFile {
            file: rel.clone(),
            out,
            abs: abs.clone(),
        });
    }
    for (rel, abs) in &found.doc_assets {
        static_files.push(StaticFile {
            file: rel.clone(),
            out: url_file_path(rel),
            abs: abs.clone(),
        });
    }

    // Cohorts and tandems.
    let mut cohorts = Vec::new();
    let mut tandems: Vec<Tandem> = Vec::new();
    let mut entry_jobs: Vec<(TandemId, Option<Period>, &(String, PathBuf))> = Vec::new();
    for (cname, cf) in &found.cohorts {
        let cdir = format!("cohorts/{cname}");
        let Some(cslug) = folder_slug(&cdir, cname, &mut d) else {
            continue;
        };
        let cid = CohortId(cohorts.len());
        let (title, cperiod, milestones) = match &cf.yaml {
            None => {
                d.push(
                    Diagnostic::error(format!("{cdir}/cohort.yaml"), "this cohort folder has no cohort.yaml")
                        .with_help("create cohort.yaml in the folder with at least a line `title: Jahrgang 2019`"),
                );
                (cname.clone(), None, Vec::new())
            }
            Some(p) => match read_yaml::<yaml::CohortYaml>(src, p, yaml::COHORT_FIELDS, &mut d) {
                None => (cname.clone(), None, Vec::new()),
                Some((cy, src)) => {
                    let title = text(cy.title).unwrap_or_else(|| {
                        d.push(
                            Diagnostic::error(&src.file, "cohort.yaml has no `title`")
                                .at(&src.text, 1, 1, 1)
                                .with_help("add a line like `title: Jahrgang 2019`"),
                        );
                        cname.clone()
                    });
                    let per = period(cy.period, &src, &mut d);
                    let mut ms = Vec::new();
                    let mut bad = 0usize;
                    for m in cy.milestones {
                        if bad >= crate::diagnostics::MAX_SIMILAR {
                            match parse_date(&m.date.value.0) {
                                Ok(date) => ms.push(Milestone {
                                    date,
                                    title: m.title.0,
                                }),
                                Err(_) => bad += 1,
                            }
                            continue;
                        }
                        match date_at(&m.date, &src, 0, &mut d) {
                            Some(date) => ms.push(Milestone {
                                date,
                                title: m.title.0,
                            }),
                            None => bad += 1,
                        }
                    }
                    if bad > crate::diagnostics::MAX_SIMILAR {
                        if let Some(last) = d.last() {
                            let summary = last.and_more(
                                bad - crate::diagnostics::MAX_SIMILAR,
                                "milestones with a wrong date",
                            );
                            d.push(summary);
                        }
                    }
                    ms.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
                    (title, per, ms)
                }
            },
        };
        let intro = cf
            .intro
            .as_ref()
            .and_then(|p| read_markdown_only(src, p, &mut d));
        let mut tids = Vec::new();
        for (tname, tf) in &cf.tandems {
            let tdir = format!("{cdir}/{tname}");
            let Some(tslug) = folder_slug(&tdir, tname, &mut d) else {
                continue;
            };
            let tid = TandemId(tandems.len());
            let mut tandem = Tandem {
                slug: tslug,
                dir: tdir.clone(),
                cohort: cid,
                title: tname.clone(),
                mentor: Person::default(),
                mentee: Person::default(),
                organization: None,
                focus: Vec::new(),
                goals: None,
                entries: Vec::new(),
                attachments: Vec::new(),
            };
            match &tf.yaml {
                None => d.push(
                    Diagnostic::error(format!("{tdir}/tandem.yaml"), "this tandem folder has no tandem.yaml")
                        .with_help("create tandem.yaml with the two people, e.g.\nmentor: { name: Lena Vogt, role: Werkstudentin }\nmentee: { name: Dr. Hans Berger, role: Vorstand }"),
                ),
                Some(p) => {
                    if let Some((ty, src)) = read_yaml::<yaml::TandemYaml>(src, p, yaml::TANDEM_FIELDS, &mut d) {
                        let mentor = person(ty.mentor);
                        let mentee = person(ty.mentee);
                        for (who, p) in [("mentor", &mentor), ("mentee", &mentee)] {
                            if p.as_ref().is_none_or(|p| p.name.is_empty()) {
                                d.push(
                                    Diagnostic::error(&src.file, format!("tandem.yaml has no name for the {who}"))
                                        .at(&src.text, 1, 1, 1)
                                        .with_help(format!("add a line like `{who}: {{ name: Vorname Nachname, role: Rolle }}`")),
                                );
                            }
                        }
                        tandem.mentor = mentor.unwrap_or_default();
                        tandem.mentee = mentee.unwrap_or_default();
                        tandem.organization = text(ty.organization);
                        if let Some(f) = &ty.focus {
                            tandem.focus = topic_index.resolve(f, &src, 0, "`focus`", &mut d);
                        }
                        tandem.title = text(ty.title).unwrap_or_else(|| {
                            format!("{} & {}", tandem.mentee.name, tandem.mentor.name)
                        });
                        if let Some(g) = ty.goals {
                            // The goals' Markdown is kept with the file, so errors in it
                            // point into tandem.yaml.
                            let goals = g.value.0;
                            if !goals.trim().is_empty() {
                                tandem.goals = Some(Markdown { file: src.file.clone(), text: goals.into(), offset: 0 });
                            }
                        }
                    }
                }
            }
            for (rel, abs) in &tf.attachments {
                let inner = rel.strip_prefix(&format!("{tdir}/")).unwrap_or(rel);
                tandem.attachments.push(Attachment {
                    file: rel.clone(),
                    url_name: url_file_path(inner),
                    abs: abs.clone(),
                });
            }
            for job in &tf.entries {
                entry_jobs.push((tid, cperiod, job));
            }
            tids.push(tid);
            tandems.push(tandem);
        }
        cohorts.push(Cohort {
            slug: cslug,
            dir: cdir,
            title,
            period: cperiod,
            milestones,
            intro,
            tandems: tids,
        });
    }

    // Entries: the bulk of the work, in parallel.
    let parsed: Vec<ParsedEntry> = entry_jobs
        .par_iter()
        .map(|(tid, per, (rel, abs))| parse_entry(src, rel, abs, *tid, &topic_index, *per))
        .collect();
    if src.cache.keeps_sources() {
        let files = entry_jobs
            .iter()
            .map(|(tid, per, (rel, abs))| (abs.clone(), (rel.clone(), *tid, *per)))
            .collect();
        if let Ok(mut inputs) = src.cache.inputs.lock() {
            *inputs = Some(EntryInputs {
                topics: topic_index,
                files,
            });
        }
    }
    let mut entries = Vec::new();
    let mut hidden = Vec::new();
    let mut unreadable = Vec::new();
    for (p, (_, _, (rel, _))) in parsed.into_iter().zip(&entry_jobs) {
        if p.entry.is_none() {
            unreadable.push(rel.clone());
        }
        d.extend(p.diags);
        if let Some(e) = p.entry {
            let id = EntryId(entries.len());
            if visible.includes(&e) {
                tandems[e.tandem.0].entries.push(id);
            } else {
                hidden.push(id);
            }
            entries.push(e);
        }
    }
    for t in &mut tandems {
        t.entries.sort_by(|a, b| {
            let (ea, eb) = (&entries[a.0], &entries[b.0]);
            (ea.date, &ea.slug).cmp(&(eb.date, &eb.slug))
        });
    }

    diags.extend(d);
    let programme = meta.map(|meta| Programme {
        root: root.to_path_buf(),
        meta,
        topics,
        intro,
        docs,
        cohorts,
        tandems,
        entries,
        hidden,
        unreadable,
        static_files,
        theme_dir,
        visible,
    });
    (programme, diags)
}

/// The value as written in the file at `line`:`col` (up to a comment or the line end),
/// for messages that quote what the person typed rather than how YAML read it.
fn raw_value(text: &str, line: usize, col: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let start = l.char_indices().nth(col.checked_sub(1)?).map(|(i, _)| i)?;
    let rest = &l[start..];
    let end = rest.find(" #").unwrap_or(rest.len());
    let v = rest[..end]
        .trim()
        .trim_end_matches(',')
        .trim_matches(['"', '\'']);
    (!v.is_empty()).then(|| v.to_string())
}
