//! The pages under docs/ (Markdown with front matter: title, weight, description,
//! draft), and the files copied as they are: everything in static/ and the other files
//! in docs/.

use super::discover::Found;
use super::fields::{front_matter, parse_bool, text};
use super::files::{markdown_of, read, Src};
use crate::content::front_matter::{split, SourceText};
use crate::content::model::{Doc, StaticFile, Visible};
use crate::content::names::url_file_path;
use crate::content::slug::Slug;
use crate::content::yaml::{self, pos, Text};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};

/// Parses the docs in parallel; drafts are kept only when `visible` shows them.
pub(super) fn load_docs(
    src: &Src,
    files: &[(String, PathBuf)],
    visible: Visible,
    d: &mut Vec<Diagnostic>,
) -> Vec<Doc> {
    let parsed_docs: Vec<_> = files
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
    docs
}

/// A doc and whether it is a draft.
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
    let weight = weight(fm.weight.as_ref(), &src, line_offset, &mut diags);
    let draft = fm
        .draft
        .as_ref()
        .map(|d| parse_bool(d, &src, line_offset, &mut diags))
        .unwrap_or(false);
    let Some(path) = doc_path(rel, &mut diags) else {
        return (None, diags);
    };
    let doc = Doc {
        path,
        title: text(fm.title),
        weight,
        description: text(fm.description),
        source: markdown_of(src, body_offset),
    };
    (Some((doc, draft)), diags)
}

/// The doc's `weight`, which orders the sidebar; 0 when not given or not a number.
fn weight(
    w: Option<&Spanned<Text>>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> i64 {
    match w {
        None => 0,
        Some(w) => match w.value.0.trim().parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                let (line, col) = pos(w);
                let written = &w.value.0;
                diags.push(
                    Diagnostic::error(
                        &src.file,
                        crate::text!(
                            "`{written}` ist keine ganze Zahl",
                            "`{written}` is not a whole number"
                        ),
                    )
                    .at(&src.text, line + line_offset, col, written.chars().count())
                    .with_help(crate::text!(
                        "`weight` bestimmt die Reihenfolge in der Seitenleiste: Schreiben Sie eine ganze Zahl wie `weight: 10`; kleinere Zahlen stehen weiter oben.",
                        "`weight` orders the sidebar: write a whole number like `weight: 10`; smaller comes first"
                    )),
                );
                0
            }
        },
    }
}

/// The doc's place on the site, one slug per folder: docs/a/b.md → [a, b];
/// docs/a/index.md → [a]. `None` (with an error) when a name has nothing to make a web
/// address from.
fn doc_path(rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<Slug>> {
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
                        crate::text!(
                            "Der Name `{s}` hat keine Buchstaben oder Ziffern, aus denen eine Webadresse werden kann",
                            "the name `{s}` has no letters or digits to make a web address from"
                        ),
                    )
                    .with_help(crate::text!(
                        "Benennen Sie die Datei oder den Ordner um, z. B. in `erste-schritte`.",
                        "rename the file or folder, e.g. `first-steps`"
                    )),
                );
                return None;
            }
        }
    }
    Some(path)
}

/// The files copied as they are: static/ to the site's root under the same names, the
/// other files in docs/ under web-safe names ([`url_file_path`]).
pub(super) fn static_files(found: &Found) -> Vec<StaticFile> {
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
    static_files
}
