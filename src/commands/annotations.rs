//! `check --format github|gitlab|sarif`: the content's problems as CI systems read
//! them, each at its file and line in the repository: GitHub Actions' workflow
//! commands (annotations on the changed lines), GitLab's Code Quality report and SARIF
//! 2.1.0 (code scanning). Messages are in the programme's language.
//!
//! The files are named relative to the repository's top folder, the nearest folder
//! above the content folder with a `.git` in it (CI systems match annotations to the
//! repository's files), or with the prefix `--path-prefix` gives.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, Text};
use crate::language::Language;
use serde_json::{json, Value};
use std::path::{Component, Path};

/// What the content folder's files are named with: its path from the repository's top
/// folder (`content`, `programme/inhalt`), `--path-prefix` when given, or, outside a
/// repository, the content folder as given.
pub(crate) fn path_prefix(content: &Path, given: Option<&str>) -> String {
    if let Some(p) = given {
        return p.trim_matches('/').to_string();
    }
    let abs = content
        .canonicalize()
        .unwrap_or_else(|_| content.to_path_buf());
    let from_top = abs
        .ancestors()
        .find(|a| a.join(".git").exists())
        .and_then(|top| abs.strip_prefix(top).ok());
    slashes(from_top.unwrap_or(content))
}

/// A relative path with `/` (`.` and a leading `./` left out).
fn slashes(p: &Path) -> String {
    let parts: Vec<String> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::RootDir => Some(String::new()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

fn path_of(prefix: &str, d: &Diagnostic) -> String {
    match (prefix.is_empty(), d.file.is_empty()) {
        (true, _) => d.file.clone(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}/{}", d.file),
    }
}

/// The message with its help, as one text.
fn full_message(d: &Diagnostic, lang: Language) -> String {
    let message = d.message.get(lang);
    match &d.help {
        Some(h) => {
            let help = h.get(lang);
            crate::text!("{message}\nTipp: {help}", "{message}\nhelp: {help}")
                .get(lang)
                .to_string()
        }
        None => message.to_string(),
    }
}

fn rule(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "tandem/error",
        Severity::Warning => "tandem/warning",
    }
}

/// GitHub Actions' workflow commands, one line per problem:
/// `::error file=content/x.md,line=4,col=10,endColumn=26,title=…::message`.
pub(crate) fn github(diags: &Diagnostics, lang: Language, prefix: &str) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = vec![format!("file={}", property(&path_of(prefix, d)))];
        if d.line > 0 {
            props.push(format!("line={}", d.line));
            props.push(format!("col={}", d.column.max(1)));
            props.push(format!("endColumn={}", d.column.max(1) + d.len.max(1)));
        }
        let title = crate::text!("tandem: Inhalt prüfen", "tandem: check the content");
        props.push(format!("title={}", property(title.get(lang))));
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&full_message(d, lang))
        ));
    }
    out
}

/// A workflow command's message: `%`, CR and LF escaped.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A problem's fingerprint: the same problem at the same place has the same one in
/// every run and either language (CI systems compare reports by it).
fn fingerprint(d: &Diagnostic, path: &str) -> String {
    let key = (rule(d), path, d.line, d.column, &d.message.en);
    let mut hex = String::new();
    for (a, b, c, e) in [(1, 2, 3, 4), (5, 6, 7, 8)] {
        let h = ahash::RandomState::with_seeds(a, b, c, e).hash_one(key);
        hex.push_str(&format!("{h:016x}"));
    }
    hex
}

/// GitLab's Code Quality report: a JSON array of issues, each with a description, a
/// check's name, a fingerprint, a severity and the file and line.
pub(crate) fn gitlab(diags: &Diagnostics, lang: Language, prefix: &str) -> String {
    let issues: Vec<Value> = diags
        .iter()
        .map(|d| {
            let path = path_of(prefix, d);
            json!({
                "type": "issue",
                "engine_name": "tandem",
                "check_name": rule(d),
                "description": full_message(d, lang),
                "categories": ["Style"],
                "severity": match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "minor",
                },
                "fingerprint": fingerprint(d, &path),
                "location": { "path": path, "lines": { "begin": d.line.max(1) } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into())
}

/// SARIF 2.1.0: one run of the tool `tandem` with a rule per severity and a result per
/// problem; columns count characters (`unicodeCodePoints`).
pub(crate) fn sarif(diags: &Diagnostics, lang: Language, prefix: &str) -> String {
    let rules = [
        (
            "tandem/error",
            crate::text!(
                "Ein Fehler im Inhalt: Die Seite wird nicht gebaut.",
                "A problem in the content that stops the site from being built."
            ),
        ),
        (
            "tandem/warning",
            crate::text!(
                "Eine Warnung zum Inhalt: Die Seite wird gebaut (mit `--strict` nicht).",
                "A warning about the content: the site is built (not with `--strict`)."
            ),
        ),
    ];
    let results: Vec<Value> = diags.iter().map(|d| result(d, lang, prefix)).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tandem",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|(id, text): &(&str, Text)| json!({
                    "id": id,
                    "shortDescription": { "text": text.get(lang) },
                })).collect::<Vec<_>>(),
            }},
            "language": lang.code(),
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into())
}

fn result(d: &Diagnostic, lang: Language, prefix: &str) -> Value {
    let path = path_of(prefix, d);
    let mut location = json!({ "artifactLocation": { "uri": uri(&path) } });
    if d.line > 0 {
        location["region"] = json!({
            "startLine": d.line,
            "startColumn": d.column.max(1),
            "endColumn": d.column.max(1) + d.len.max(1),
        });
    }
    json!({
        "ruleId": rule(d),
        "ruleIndex": match d.severity { Severity::Error => 0, Severity::Warning => 1 },
        "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "message": { "text": full_message(d, lang) },
        "locations": [{ "physicalLocation": location }],
        "partialFingerprints": { "tandem/v1": fingerprint(d, &path) },
    })
}

/// A path as a relative URI reference: every byte but letters, digits, `-._~/`
/// percent-encoded (`Größe.md` → `Gr%C3%B6%C3%9Fe.md`).
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_escaped() {
        assert_eq!(data("50 % fertig\nZeile 2\r"), "50 %25 fertig%0AZeile 2%0D");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("content/Größe 1.md"), "content/Gr%C3%B6%C3%9Fe%201.md");
    }

    #[test]
    fn the_prefix_is_the_content_folder_below_the_repository_top() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        let content = dir.path().join("programm/inhalt");
        std::fs::create_dir_all(&content).unwrap();
        assert_eq!(path_prefix(&content, None), "programm/inhalt");
        assert_eq!(path_prefix(&content, Some("x/y/")), "x/y");
        assert_eq!(path_prefix(dir.path(), None), "");
    }
}
