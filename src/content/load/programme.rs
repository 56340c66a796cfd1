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
                Diagnostic::error("program.yaml", "the content folder has no program.yaml")
                    .with_help(format!(
                        "create {}/program.yaml with at least a line `title: Reverse Mentoring` (or run `tandem init` to start a new programme)",
                        root.display()
                    )),
            );
            None
        }
        Some(p) => read_yaml::<yaml::ProgramYaml>(src, p, yaml::PROGRAM_FIELDS, d),
    };
    let Some((py, src)) = program else {
        return ProgramFile::default();
    };
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
    let language = language(py.language.as_ref(), &src, d);
    let base_url = base_url(py.base_url.as_ref(), &src, d);
    let topics = topics(py.topics, &src, d);
    let theme_dir = py.theme.as_ref().and_then(|t| theme_dir(root, t, &src, d));
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
    }
}

fn language(l: Option<&Spanned<Text>>, src: &SourceText, d: &mut Vec<Diagnostic>) -> Language {
    match l {
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
                    Diagnostic::error(&src.file, format!("`{v}` is not a web address"))
                        .at(&src.text, line, col, v.chars().count())
                        .with_help("write the full address where the site will be hosted, e.g. https://intranet.example.org/reverse-mentoring/"),
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
        d.push(
            Diagnostic::error(&src.file, format!("the theme folder `{written}` {why}"))
                .at(&src.text, line, col, written.chars().count())
                .with_help("put the theme folder inside the content folder and give its name, e.g. `theme: my-theme`; nothing from outside the content folder is published"),
        );
        None
    } else if dir.is_dir() {
        Some(dir)
    } else {
        let (line, col) = pos(t);
        d.push(
            Diagnostic::error(&src.file, format!("the theme folder `{}` does not exist", t.value.0.trim()))
                .at(&src.text, line, col, t.value.0.chars().count())
                .with_help("give a folder inside the content folder, or remove `theme:` to use the built-in theme"),
        );
        None
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
