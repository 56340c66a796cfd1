//! program.yaml: the programme's title, language and address, its topics and its
//! theme folder. It is read first: the topics are needed to check everything else.

use super::fields::{period, person, rhythm, text};
use super::files::{read_yaml, Src};
use crate::content::front_matter::SourceText;
use crate::content::model::{Language, ProgramMeta, Topic};
use crate::content::slug::Slug;
use crate::content::yaml::{self, pos, Text};
use crate::diagnostics::Diagnostic;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What program.yaml gives the rest of the load.
#[derive(Default)]
pub(super) struct ProgramFile {
    /// `None` when program.yaml is missing or cannot be read: there is no programme then.
    pub meta: Option<ProgramMeta>,
    pub topics: Vec<Topic>,
    pub theme_dir: Option<PathBuf>,
    /// `audiences:`, looked up once the cohorts and tandems are loaded.
    pub audiences: super::audiences::Audiences,
}

/// Reads program.yaml (`file`, where discovery found it).
pub(super) fn load_program(
    src: &Src,
    file: Option<&PathBuf>,
    d: &mut Vec<Diagnostic>,
) -> ProgramFile {
    let root = src.root;
    let program = match file {
        None => {
            d.push(
                Diagnostic::error(
                    "program.yaml",
                    crate::text!(
                        "Im Inhaltsordner fehlt die Datei program.yaml",
                        "the content folder has no program.yaml"
                    ),
                )
                .with_help({
                    let root = root.display();
                    crate::text!(
                        "Legen Sie {root}/program.yaml an, mit mindestens einer Zeile wie `title: Reverse Mentoring` (oder beginnen Sie mit `tandem init` ein neues Programm).",
                        "create {root}/program.yaml with at least a line like `title: Reverse Mentoring` (or run `tandem init` to start a new programme)"
                    )
                }),
            );
            None
        }
        Some(p) => read_yaml::<yaml::ProgramYaml>(src, p, yaml::PROGRAM_FIELDS, d),
    };
    let Some((py, src)) = program else {
        return ProgramFile::default();
    };
    if super::files::first_content_line(&src.text).is_none() {
        // Without a programme, nothing else is checked against it: one problem, not a
        // missing title and every topic of every entry unknown.
        d.push(empty(&src));
        return ProgramFile::default();
    }
    let title = match text(py.title) {
        Some(t) => t,
        None => {
            d.push(
                Diagnostic::error(
                    &src.file,
                    crate::text!(
                        "In program.yaml fehlt der Titel (`title`)",
                        "program.yaml has no `title`"
                    ),
                )
                .at(&src.text, 1, 1, 1)
                .with_help(crate::text!(
                    "Ergänzen Sie eine Zeile wie `title: Reverse Mentoring`.",
                    "add a line like `title: Reverse Mentoring`"
                )),
            );
            String::new()
        }
    };
    let language = language(py.language.as_ref(), &src, d);
    let base_url = base_url(py.base_url.as_ref(), &src, d);
    let topics = topics(py.topics, &src, d);
    let theme_dir = py.theme.as_ref().and_then(|t| theme_dir(root, t, &src, d));
    let audiences = super::audiences::read(py.audiences, &src, d);
    let meta = ProgramMeta {
        title,
        subtitle: text(py.subtitle),
        code: text(py.code),
        provider: text(py.provider),
        language,
        base_url,
        audience: py.audience.0.into_iter().map(|i| i.text).collect(),
        sector: text(py.sector),
        format: text(py.format),
        period: period(py.period, &src, d),
        contact: person(py.contact),
        rhythm: rhythm(py.rhythm.as_ref(), &src, d),
    };
    ProgramFile {
        meta: Some(meta),
        topics,
        theme_dir,
        audiences,
    }
}

/// The language a `language:` value names, if it names one.
fn language_named(value: &str) -> Option<Language> {
    match value.trim().to_lowercase().as_str() {
        "de" | "de-de" | "deutsch" | "german" => Some(Language::De),
        "en" | "en-gb" | "en-us" | "english" | "englisch" => Some(Language::En),
        _ => None,
    }
}

/// The language program.yaml names on a line `language: …` of its own, found without
/// reading the file as YAML: the language of the messages when program.yaml is
/// missing its other parts or cannot be read. `None` when there is no such line.
pub(crate) fn language_written(root: &Path) -> Option<Language> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(root.join("program.yaml"))
        .ok()?
        .take(1 << 20)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    text.lines().find_map(|l| {
        let value = l.strip_prefix("language:")?;
        let value = value.split(" #").next().unwrap_or(value);
        language_named(value.trim().trim_matches(['"', '\'']))
    })
}

/// The error for a program.yaml with nothing but blank lines and comments.
fn empty(src: &SourceText) -> Diagnostic {
    Diagnostic::error(
        &src.file,
        crate::text!("Die Datei program.yaml ist leer.", "program.yaml is empty"),
    )
    .with_help(crate::text!(
        "Schreiben Sie mindestens den Titel des Programms hinein, zum Beispiel `title: Reverse Mentoring`. Ein vollständiges Beispiel legt `tandem init NEUER-ORDNER` an.",
        "write at least the programme's title in it, e.g. `title: Reverse Mentoring`; `tandem init NEW-FOLDER` creates a complete example"
    ))
}

fn language(l: Option<&Spanned<Text>>, src: &SourceText, d: &mut Vec<Diagnostic>) -> Language {
    match l {
        None => Language::De,
        Some(l) => match language_named(&l.value.0) {
            Some(lang) => lang,
            None => {
                let other = l.value.0.trim().to_lowercase();
                let (line, col) = pos(l);
                d.push(
                    Diagnostic::error(
                        &src.file,
                        crate::text!(
                            "Die Sprache `{other}` kennt tandem nicht",
                            "unknown language `{other}`"
                        ),
                    )
                    .at(&src.text, line, col, other.chars().count())
                    .with_help(crate::text!(
                        "Schreiben Sie `language: de` (Deutsch) oder `language: en` (Englisch).",
                        "write `language: de` (German) or `language: en` (English)"
                    )),
                );
                Language::De
            }
        },
    }
}

/// The address the site is published at, always ending with `/`; `/` when not given.
fn base_url(b: Option<&Spanned<Text>>, src: &SourceText, d: &mut Vec<Diagnostic>) -> String {
    match b {
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
                    Diagnostic::error(
                        &src.file,
                        crate::text!("`{v}` ist keine Webadresse", "`{v}` is not a web address"),
                    )
                    .at(&src.text, line, col, v.chars().count())
                    .with_help(crate::text!(
                        "Schreiben Sie die vollständige Adresse, unter der die Seite erscheinen wird, z. B. `base_url: https://intranet.example.org/reverse-mentoring/`.",
                        "write the full address where the site will be hosted, e.g. `base_url: https://intranet.example.org/reverse-mentoring/`"
                    )),
                );
                "/".to_string()
            }
        }
    }
}

/// The topics, in the order written; one without letters or digits, or defined twice,
/// is left out with an error.
fn topics(list: Vec<yaml::TopicYaml>, src: &SourceText, d: &mut Vec<Diagnostic>) -> Vec<Topic> {
    let mut topics = Vec::new();
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut bad = 0usize;
    for t in list {
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
                    crate::text!(
                        "Die Kennung `{id}` des Themas hat keine Buchstaben oder Ziffern",
                        "the topic id `{id}` has no letters or digits"
                    ),
                )
                .at(&src.text, line, col, id.chars().count().max(1))
                .with_help(crate::text!(
                    "Geben Sie dem Thema eine kurze Kennung wie `id: fuehrung`.",
                    "give the topic a short id like `id: fuehrung`"
                )),
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
                    crate::text!(
                        "Das Thema `{id}` steht zweimal in der Liste (zuerst in Zeile {l0})",
                        "the topic `{id}` is defined twice (first on line {l0})"
                    ),
                )
                .at(&src.text, line, col, id.chars().count())
                .with_help(crate::text!(
                    "Löschen Sie eines der beiden Themen, oder geben Sie ihm eine andere Kennung (`id`).",
                    "remove one of the two topics, or give it another id"
                )),
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
            let summary = last.and_more(
                bad - crate::diagnostics::MAX_SIMILAR,
                crate::text!("fehlerhafte Themen", "wrong topics"),
            );
            d.push(summary);
        }
    }
    topics
}

/// The theme folder written as `theme:`, if it is a folder inside the content folder.
fn theme_dir(
    root: &Path,
    t: &Spanned<Text>,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    let written = t.value.0.trim();
    let dir = root.join(written);
    if let Some(why) = theme_outside(root, written, &dir) {
        let (line, col) = pos(t);
        let (why_de, why_en) = (&why.de, &why.en);
        d.push(
            Diagnostic::error(
                &src.file,
                crate::text!(
                    "Der Theme-Ordner `{written}` {why_de}",
                    "the theme folder `{written}` {why_en}"
                ),
            )
            .at(&src.text, line, col, written.chars().count())
            .with_help(crate::text!(
                "Legen Sie den Theme-Ordner in den Inhaltsordner und geben Sie seinen Namen an, z. B. `theme: my-theme`. Nichts von außerhalb des Inhaltsordners wird veröffentlicht.",
                "put the theme folder inside the content folder and give its name, e.g. `theme: my-theme`; nothing from outside the content folder is published"
            )),
        );
        None
    } else if dir.is_dir() {
        Some(dir)
    } else {
        let (line, col) = pos(t);
        d.push(
            Diagnostic::error(
                &src.file,
                crate::text!(
                    "Den Theme-Ordner `{written}` gibt es nicht",
                    "the theme folder `{written}` does not exist"
                ),
            )
            .at(&src.text, line, col, t.value.0.chars().count())
            .with_help(crate::text!(
                "Geben Sie einen Ordner im Inhaltsordner an, oder löschen Sie die Zeile `theme:`, um die eingebaute Gestaltung zu verwenden.",
                "give a folder inside the content folder, or remove `theme:` to use the built-in theme"
            )),
        );
        None
    }
}

/// Why the theme folder written in program.yaml may not be used: it must be a folder
/// inside the content folder, named relative to it, and not a link to elsewhere.
fn theme_outside(root: &Path, written: &str, dir: &Path) -> Option<crate::diagnostics::Text> {
    let p = Path::new(written);
    if p.has_root()
        || written.starts_with('\\')
        || written.get(1..2) == Some(":")
        || written.contains("://")
    {
        return Some(crate::text!(
            "liegt nicht im Inhaltsordner (geben Sie einen Ordnernamen an, keinen vollständigen Pfad)",
            "is not inside the content folder (write a folder name, not a full path)"
        ));
    }
    if written.split(['/', '\\']).any(|seg| seg == "..") {
        return Some(crate::text!(
            "liegt nicht im Inhaltsordner (`..` führt aus ihm heraus)",
            "is not inside the content folder (`..` leads out of it)"
        ));
    }
    if let (Ok(real_dir), Ok(real_root)) = (dir.canonicalize(), root.canonicalize()) {
        if !real_dir.starts_with(&real_root) {
            return Some(crate::text!(
                "ist eine Verknüpfung zu einem Ordner außerhalb des Inhaltsordners",
                "is a link to a folder outside the content folder"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_found_in_a_program_yaml_that_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(language_written(dir.path()), None);
        let write = |t: &str| std::fs::write(dir.path().join("program.yaml"), t).unwrap();
        write("title: [kaputt\nlanguage: en # English\n");
        assert_eq!(language_written(dir.path()), Some(Language::En));
        write("title: \"x\nlanguage: 'de'\n");
        assert_eq!(language_written(dir.path()), Some(Language::De));
        write("title: x\n  language: en\n");
        assert_eq!(language_written(dir.path()), None, "only a line of its own");
    }

    #[test]
    fn a_theme_folder_must_be_inside_the_content_folder() {
        let root = Path::new("/content");
        for written in ["/etc/theme", "../theme", "C:\\theme", "https://x.org/t"] {
            let dir = root.join(written);
            assert!(theme_outside(root, written, &dir).is_some(), "{written}");
        }
        assert_eq!(
            theme_outside(root, "my-theme", &root.join("my-theme")),
            None
        );
    }
}
