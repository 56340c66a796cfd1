//! The theme: templates, static assets and UI strings. The default theme is embedded
//! in the binary; a site's `theme:` folder overrides it file by file.

use crate::content::Language;
use crate::diagnostics::Diagnostic;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    pub tera: Tera,
    /// UI strings of the programme's language.
    pub strings: BTreeMap<String, String>,
    /// Output path → bytes of the theme's static files (CSS, JS, fonts, icons).
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Theme files that were read from the override folder (for change tracking).
    pub override_files: Vec<PathBuf>,
    /// Template name → the override file it was read from, as shown in messages
    /// (`None` for the built-in theme's).
    template_files: BTreeMap<String, Option<String>>,
    /// Changes whenever any theme file changes.
    pub fingerprint: u64,
}

fn walk_embedded(dir: &Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for f in dir.files() {
        out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
    }
    for d in dir.dirs() {
        walk_embedded(d, out);
    }
}

fn walk_override(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !e.file_type().is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy();
        if crate::content::names::is_ignored_name(&name) {
            continue;
        }
        if let Ok(rel) = e.path().strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, e.path().to_path_buf()));
        }
    }
    out
}

/// Theme file path (`templates/entry.html`) → its bytes, and the override file it was
/// read from as shown in messages (`None` for the built-in theme's).
type Files = BTreeMap<String, (Vec<u8>, Option<String>)>;

/// Loads the theme; errors in an override theme are reported against its files.
pub fn load(
    override_dir: Option<&Path>,
    content_root: &Path,
    lang: Language,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let (files, override_files) = read_files(override_dir, content_root, &mut diags);

    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    super::filters::register(&mut tera, lang);
    let lang_file = format!("i18n/{}.yaml", lang.code());
    let Sorted {
        templates,
        template_files,
        assets,
        mut strings,
    } = sort(&files, &lang_file, &mut diags);
    // An override's strings file adds to the built-in one instead of replacing it.
    if let Some((_, Some(_))) = files.get(&lang_file) {
        add_default_strings(&mut strings, &lang_file);
    }
    if let Err(e) = tera.add_raw_templates(templates) {
        diags.push(template_error(&e, &template_files));
    }
    if diags.is_empty() {
        Ok(Theme {
            tera,
            strings,
            assets,
            override_files,
            template_files,
            fingerprint: fingerprint(&files, lang),
        })
    } else {
        Err(diags)
    }
}

/// The built-in theme's files, with those of the override folder in their place; and
/// the override files read.
fn read_files(
    override_dir: Option<&Path>,
    content_root: &Path,
    diags: &mut Vec<Diagnostic>,
) -> (Files, Vec<PathBuf>) {
    let mut files: Files = BTreeMap::new();
    let mut embedded = Vec::new();
    walk_embedded(&DEFAULT_THEME, &mut embedded);
    for (rel, bytes) in embedded {
        files.insert(rel, (bytes.to_vec(), None));
    }
    let mut override_files = Vec::new();
    if let Some(dir) = override_dir {
        for (rel, abs) in walk_override(dir) {
            match std::fs::read(&abs) {
                Ok(bytes) => {
                    let shown = abs
                        .strip_prefix(content_root)
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                        .unwrap_or_else(|_| abs.display().to_string());
                    files.insert(rel, (bytes, Some(shown)));
                    override_files.push(abs);
                }
                Err(e) => {
                    let why = crate::diagnostics::io_reason(&e);
                    let (why_de, why_en) = (&why.de, &why.en);
                    diags.push(
                        Diagnostic::error(
                            abs.display().to_string(),
                            crate::text!(
                                "Diese Datei des Themes kann nicht gelesen werden: {why_de}",
                                "this file of the theme cannot be read: {why_en}"
                            ),
                        )
                        .with_help(crate::text!(
                            "Prüfen Sie, ob Sie die Datei lesen dürfen, oder löschen Sie sie, um die eingebaute zu verwenden.",
                            "check that you may read the file, or delete it to use the built-in one"
                        )),
                    )
                }
            }
        }
    }
    (files, override_files)
}

/// A theme's files by what they are.
struct Sorted {
    /// Name (below `templates/`) → source.
    templates: Vec<(String, String)>,
    template_files: BTreeMap<String, Option<String>>,
    assets: BTreeMap<String, Vec<u8>>,
    /// The UI strings of `lang_file`.
    strings: BTreeMap<String, String>,
}

/// Templates, static assets and the UI strings of the language's file `lang_file`.
fn sort(files: &Files, lang_file: &str, diags: &mut Vec<Diagnostic>) -> Sorted {
    let mut templates = Vec::new();
    let mut template_files: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut assets = BTreeMap::new();
    let mut strings = BTreeMap::new();
    for (rel, (bytes, shown)) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    templates.push((name.to_string(), s.to_string()));
                    template_files.insert(name.to_string(), shown.clone());
                }
                Err(_) => diags.push(
                    Diagnostic::error(
                        shown.clone().unwrap_or_else(|| rel.clone()),
                        crate::text!(
                            "Diese Vorlage ist nicht als UTF-8 gespeichert",
                            "this template is not saved as UTF-8 text"
                        ),
                    )
                    .with_help(crate::text!(
                        "Speichern Sie die Datei mit der Kodierung „UTF-8“.",
                        "save the file with the encoding \"UTF-8\""
                    )),
                ),
            }
        } else if let Some(out) = rel.strip_prefix("static/") {
            assets.insert(out.to_string(), bytes.clone());
        } else if *rel == lang_file {
            let text = String::from_utf8_lossy(bytes);
            match serde_saphyr::from_str::<BTreeMap<String, String>>(&text) {
                Ok(m) => strings.extend(m),
                Err(e) => diags.push(
                    Diagnostic::error(
                        shown.clone().unwrap_or_else(|| rel.clone()),
                        crate::text!(
                            "Die Texte der Oberfläche in dieser Datei können nicht gelesen werden: {e}",
                            "the UI strings in this file cannot be read: {e}"
                        ),
                    )
                    .with_help(crate::text!(
                        "Jede Zeile hat die Form `name: Text`; setzen Sie Text mit `: ` oder `#` in Anführungszeichen.",
                        "each line is `name: text`; put text containing `: ` or `#` in quotes"
                    )),
                ),
            }
        }
    }
    Sorted {
        templates,
        template_files,
        assets,
        strings,
    }
}

/// Adds the built-in theme's strings of `lang_file` that `strings` lacks.
fn add_default_strings(strings: &mut BTreeMap<String, String>, lang_file: &str) {
    if let Some(f) = DEFAULT_THEME.get_file(lang_file) {
        if let Ok(base) = serde_saphyr::from_str::<BTreeMap<String, String>>(
            &String::from_utf8_lossy(f.contents()),
        ) {
            for (k, v) in base {
                strings.entry(k).or_insert(v);
            }
        }
    }
}

/// Changes whenever any theme file (or the language) changes.
fn fingerprint(files: &Files, lang: Language) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher();
    for (rel, (bytes, _)) in files {
        h.write(rel.as_bytes());
        h.write_usize(bytes.len());
        h.write(bytes);
    }
    h.write(lang.code().as_bytes());
    h.finish()
}

impl Theme {
    /// An error in rendering template `name`, naming the file it was read from.
    pub fn render_error(&self, e: &tera::Error, name: &str) -> Diagnostic {
        let shown = self.template_files.get(name).cloned().flatten();
        template_error(e, &BTreeMap::from([(name.to_string(), shown)]))
    }
}

/// A template error as a diagnostic naming the theme file.
pub(crate) fn template_error(
    e: &tera::Error,
    files: &BTreeMap<String, Option<String>>,
) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push('\n');
        msg.push_str(&s.to_string());
        src = s.source();
    }
    let file = files
        .iter()
        .find(|(name, _)| msg.contains(name.as_str()))
        .map(|(name, shown)| {
            shown
                .clone()
                .unwrap_or_else(|| format!("(built-in theme) templates/{name}"))
        })
        .unwrap_or_else(|| "theme".to_string());
    Diagnostic::error(
        file,
        crate::text!(
            "Die Vorlage kann nicht verwendet werden: {msg}",
            "the template cannot be used: {msg}"
        ),
    )
    .with_help(crate::text!(
        "Korrigieren Sie die Vorlage in Ihrem Theme-Ordner, oder löschen Sie sie, um die eingebaute zu verwenden.",
        "fix the template in your theme folder, or delete it to use the built-in one"
    ))
}
