//! Finding the files: walking the content folder and sorting each file into its role
//! (program.yaml, a doc, a cohort's or tandem's file, an entry, an attachment…), with
//! warnings for names that cannot become web addresses or be copied to Windows.

use super::files::Src;
use crate::content::names::{is_ignored_name, rel_string, windows_problem, OUTPUT_MARKER};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Default)]
pub(super) struct Found {
    pub program: Option<PathBuf>,
    pub intro: Option<PathBuf>,
    pub docs: Vec<(String, PathBuf)>,
    pub doc_assets: Vec<(String, PathBuf)>,
    pub statics: Vec<(String, PathBuf)>,
    /// cohort folder name → its files
    pub cohorts: BTreeMap<String, CohortFiles>,
}

#[derive(Debug, Default)]
pub(super) struct CohortFiles {
    pub yaml: Option<PathBuf>,
    pub intro: Option<PathBuf>,
    pub tandems: BTreeMap<String, TandemFiles>,
}

#[derive(Debug, Default)]
pub(super) struct TandemFiles {
    pub yaml: Option<PathBuf>,
    pub entries: Vec<(String, PathBuf)>,
    pub attachments: Vec<(String, PathBuf)>,
}

/// The folder as found, with what finding it reported; shared by the loads that do
/// not walk it again.
pub(super) type FoundFiles = std::sync::Arc<(Found, Vec<Diagnostic>)>;

/// The folder's files by role: as the last load found them when only the contents of
/// files changed since (see [`FileCache::only_changed`](super::FileCache::only_changed)),
/// else walked again.
pub(super) fn found(src: &Src, skip: &[PathBuf], diags: &mut Diagnostics) -> FoundFiles {
    let kept = src.cache.found.lock().ok().and_then(|f| f.clone());
    match kept {
        Some(kept) => {
            diags.extend(kept.1.iter().cloned());
            kept
        }
        None => {
            let found = discover(src.root, skip, diags);
            let found = std::sync::Arc::new((found, diags.iter().cloned().collect()));
            if src.cache.keeps_sources() {
                if let Ok(mut f) = src.cache.found.lock() {
                    *f = Some(found.clone());
                }
            }
            found
        }
    }
}

/// Walks the content folder and sorts files into their roles.
fn discover(root: &Path, skip: &[PathBuf], diags: &mut Diagnostics) -> Found {
    let mut found = Found::default();
    let mut walker = walker(root, skip);
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
                let io = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a folder contains itself"));
                diags.push(super::files::unreadable(file, &io));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let ft = entry.file_type();
        let Some(rel) = usable_name(root, &entry, &mut seen_names, diags) else {
            if ft.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        };
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning(
                    &rel,
                    crate::text!(
                        "Dies ist eine Verknüpfung (symbolischer Link); tandem folgt ihr nicht und übergeht sie",
                        "symbolic links are not followed; this one is ignored"
                    ),
                )
                .with_help(crate::text!(
                    "Kopieren Sie die Datei oder den Ordner in den Inhaltsordner, statt darauf zu verweisen.",
                    "copy the file or folder into the content folder instead of linking to it"
                )),
            );
            continue;
        }
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // Reading a named pipe waits for a writer that never comes.
            diags.push(
                Diagnostic::warning(
                    &rel,
                    crate::text!(
                        "Dies ist keine gewöhnliche Datei, sondern zum Beispiel eine Pipe oder ein Gerät. Sie wird nicht gelesen und nicht veröffentlicht.",
                        "this is not an ordinary file but, say, a pipe or a device; it is not read and not published"
                    ),
                )
                .with_help(crate::text!(
                    "Löschen Sie sie aus dem Inhaltsordner, oder ersetzen Sie sie durch eine gewöhnliche Datei.",
                    "remove it from the content folder, or replace it with an ordinary file"
                )),
            );
            continue;
        }
        sort_into_role(&mut found, &rel, entry.path(), diags);
    }
    found
}

/// The walk over the content folder: sorted by name, links not followed, and leaving
/// out editor files, the paths in `skip` and output folders.
fn walker<'a>(
    root: &Path,
    skip: &'a [PathBuf],
) -> walkdir::FilterEntry<walkdir::IntoIter, impl FnMut(&walkdir::DirEntry) -> bool + 'a> {
    walkdir::WalkDir::new(root)
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
        })
}

/// The path of a file or folder in the content folder, or `None` (with an error) when
/// its name cannot be used: it is not UTF-8, or a name beside it looks the same. A name
/// that Windows cannot hold is used, with a warning.
fn usable_name(
    root: &Path,
    entry: &walkdir::DirEntry,
    seen_names: &mut HashMap<(PathBuf, String), String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let path = entry.path();
    let what = if entry.file_type().is_dir() {
        Kind::FOLDER
    } else {
        Kind::FILE
    };
    let Some(rel) = rel_string(root, path) else {
        diags.push(
            Diagnostic::error(
                path.strip_prefix(root)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .into_owned(),
                {
                    let (of_this, it, en) = (what.of_this, what.it, what.en);
                    crate::text!(
                        "Der Name {of_this} enthält Zeichen, die tandem nicht lesen kann, und kann keine Webadresse werden; {it} wird ausgelassen",
                        "the name of this {en} is not valid UTF-8 text and cannot become a web address; it is left out"
                    )
                },
            )
            .with_help({
                let (the, en) = (what.the, what.en);
                crate::text!(
                    "Benennen Sie {the} mit gewöhnlichen Buchstaben um (der Name stammt vermutlich von einem alten Programm oder von einem Rechner mit anderem Zeichensatz).",
                    "rename the {en} using ordinary letters (the name was probably written by an old program or copied from a system with another character set)"
                )
            }),
        );
        return None;
    };
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    if let Some(first) = nfc_twin(root, path, name, seen_names) {
        diags.push(
            Diagnostic::error(&rel, {
                let (this, it, en) = (what.this, what.it, what.en);
                crate::text!(
                    "{this} heißt genauso wie `{first}` daneben: Die beiden Namen sehen gleich aus, ihre Buchstaben (etwa Umlaute) sind aber verschieden gespeichert, wie es macOS tut; {it} wird ausgelassen",
                    "this {en} has the same name as `{first}` beside it: the two names look the same but their letters are stored differently (one is in NFD form, as macOS writes umlauts, the other in NFC); it is left out"
                )
            })
            .with_help({
                let (one, other, en) = (what.one, what.other, what.en);
                crate::text!(
                    "Führen Sie beide zu {one} zusammen und löschen Sie {other}. Damit das nicht wieder geschieht, kopieren Sie Dateien zwischen Rechnern als ZIP-Archiv.",
                    "merge the two into one {en} and delete the other; to avoid this, copy files between computers as a zip archive or with a tool that keeps names as they are"
                )
            }),
        );
        return None;
    }
    if let Some(why) = windows_problem(name) {
        let (this, en, the) = (what.this, what.en, what.the);
        let (why_de, why_en) = (&why.de, &why.en);
        diags.push(
            Diagnostic::warning(
                &rel,
                crate::text!(
                    "{this} kann nicht auf einen Windows-Rechner kopiert werden: {why_de}",
                    "this {en} cannot be copied to a Windows computer: {why_en}"
                ),
            )
            .with_help(crate::text!(
                "Benennen Sie {the} um, z. B. mit einem weiteren Wort oder ohne den Punkt oder das Leerzeichen am Ende, damit sich das Programm auch unter Windows öffnen lässt.",
                "rename the {en}, e.g. by adding a word or removing the trailing dot or space, so that everyone working on the programme can check it out"
            )),
        );
    }
    Some(rel)
}

/// The name as first seen, when a name found earlier in the same folder has the same
/// NFC form but is stored differently; else `name` is remembered for the names after it.
fn nfc_twin(
    root: &Path,
    path: &Path,
    name: &str,
    seen_names: &mut HashMap<(PathBuf, String), String>,
) -> Option<String> {
    // Only names with letters beyond ASCII can be written in two forms; most names
    // are plain ASCII and need no bookkeeping.
    if name.is_ascii() {
        return None;
    }
    let nfc: String = name.nfc().collect();
    let parent = path.parent().unwrap_or(root).to_path_buf();
    let key = (parent, nfc);
    match seen_names.get(&key) {
        Some(first) => (first != name).then(|| first.clone()),
        None => {
            seen_names.insert(key, name.to_string());
            None
        }
    }
}

/// Puts a file where its path says it belongs, or warns that it is ignored.
fn sort_into_role(found: &mut Found, rel: &str, abs: &Path, diags: &mut Diagnostics) {
    let parts: Vec<&str> = rel.split('/').collect();
    let is_md = rel.to_lowercase().ends_with(".md");
    let abs = abs.to_path_buf();
    let rel = rel.to_string();
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
            Diagnostic::warning(
                &rel,
                crate::text!(
                    "Diese Datei gehört zu keinem Tandem und wird übergangen",
                    "this file is not part of any tandem and is ignored"
                ),
            )
            .with_help(crate::text!(
                "Ein Jahrgangsordner enthält `cohort.yaml`, `index.md` und für jedes Tandem einen Ordner. Verschieben Sie die Datei in den Ordner eines Tandems, oder löschen Sie sie.",
                "a cohort folder holds `cohort.yaml`, `index.md` and one folder per tandem: move the file into a tandem's folder, or delete it"
            )),
        ),
        ["cohorts", c, t, "tandem.yaml"] => {
            cohort_tandem(found, c, t).yaml = Some(abs);
        }
        ["cohorts", c, t, _] if is_md => {
            cohort_tandem(found, c, t).entries.push((rel.clone(), abs));
        }
        ["cohorts", _, _, ..] if is_md => diags.push(
            Diagnostic::warning(
                &rel,
                crate::text!(
                    "Einträge in Unterordnern eines Tandem-Ordners werden übergangen",
                    "diary entries in sub-folders of a tandem folder are ignored"
                ),
            )
            .with_help(crate::text!(
                "Verschieben Sie die Datei direkt in den Ordner des Tandems.",
                "move the file directly into the tandem's folder"
            )),
        ),
        ["cohorts", c, t, ..] => {
            cohort_tandem(found, c, t)
                .attachments
                .push((rel.clone(), abs));
        }
        _ if parts.len() == 1 && (rel.ends_with(".yaml") || rel.ends_with(".yml") || is_md) => {
            diags.push(
                Diagnostic::warning(
                    &rel,
                    crate::text!(
                        "Diese Datei gehört nicht zum Aufbau eines Programms und wird übergangen",
                        "this file is not part of the content format and is ignored"
                    ),
                )
                .with_help(crate::text!(
                    "Der Inhaltsordner enthält program.yaml, index.md, docs/, static/ und cohorts/. Verschieben Sie die Datei an ihren Platz (ein Eintrag gehört in den Ordner seines Tandems), oder löschen Sie sie.",
                    "the content folder holds program.yaml, index.md, docs/, static/ and cohorts/: move the file to its place (an entry belongs in its tandem's folder), or delete it"
                )),
            )
        }
        _ => {}
    }
}

/// The words for a file or a folder in the messages about its name.
#[derive(Clone, Copy)]
struct Kind {
    en: &'static str,
    this: &'static str,
    of_this: &'static str,
    the: &'static str,
    it: &'static str,
    one: &'static str,
    other: &'static str,
}

impl Kind {
    const FILE: Kind = Kind {
        en: "file",
        this: "Diese Datei",
        of_this: "dieser Datei",
        the: "die Datei",
        it: "sie",
        one: "einer Datei",
        other: "die andere",
    };
    const FOLDER: Kind = Kind {
        en: "folder",
        this: "Dieser Ordner",
        of_this: "dieses Ordners",
        the: "den Ordner",
        it: "er",
        one: "einem Ordner",
        other: "den anderen",
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sorted_into_their_roles() {
        let mut found = Found::default();
        let mut diags = Diagnostics::default();
        for rel in [
            "program.yaml",
            "docs/start.md",
            "docs/logo.png",
            "cohorts/2019/cohort.yaml",
            "cohorts/2019/berger-vogt/tandem.yaml",
            "cohorts/2019/berger-vogt/2019-03-14-x.md",
            "cohorts/2019/berger-vogt/agenda.pdf",
            "notes.md",
        ] {
            sort_into_role(&mut found, rel, Path::new(rel), &mut diags);
        }
        assert!(found.program.is_some());
        assert_eq!(found.docs.len(), 1);
        assert_eq!(found.doc_assets.len(), 1);
        let tandem = &found.cohorts["2019"].tandems["berger-vogt"];
        assert!(tandem.yaml.is_some());
        assert_eq!(tandem.entries.len(), 1);
        assert_eq!(tandem.attachments.len(), 1);
        assert_eq!(diags.iter().count(), 1, "notes.md is not content");
    }

    #[test]
    fn a_name_written_in_both_unicode_forms_is_a_twin() {
        let mut seen = HashMap::new();
        let root = Path::new("/c");
        let nfc = "Gr\u{f6}\u{df}e.md";
        let nfd = "Gro\u{308}\u{df}e.md";
        assert_eq!(nfc_twin(root, &root.join(nfc), nfc, &mut seen), None);
        assert_eq!(
            nfc_twin(root, &root.join(nfd), nfd, &mut seen).as_deref(),
            Some(nfc)
        );
    }
}
