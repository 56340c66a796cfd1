//! Content problems, collected from every stage and reported together.
//!
//! A diagnostic always names a file and, where one exists, a line and column, the
//! source line itself (so the report can show a caret under the culprit), a message
//! in plain words and, where we can guess it, a fix.

use crate::language::Language;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;
use std::fmt::Write as _;

/// Words for the writer in both languages a programme can have; a report picks the
/// programme's. Made with [`text!`](crate::text).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text {
    pub de: String,
    pub en: String,
}

impl Text {
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            de: de.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }
}

/// `text!("Zeile {n}", "line {n}")`: a [`Text`] from two format strings, German first;
/// both may use the same variables.
#[macro_export]
macro_rules! text {
    ($de:literal, $en:literal $(,)?) => {
        $crate::diagnostics::Text::new(format!($de), format!($en))
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the content folder, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when the problem concerns the whole file.
    pub column: usize,
    pub message: Text,
    pub help: Option<Text>,
    /// The text of the source line, for the caret display.
    pub source_line: Option<String>,
    /// Length of the culprit in characters (at least 1 when shown).
    pub len: usize,
    /// Characters of the source line left out before `source_line` when the line is
    /// too long to show whole (`source_line` then starts with `…`).
    pub cropped: usize,
    /// Counts problems not listed one by one; shown after the file's other problems.
    pub summary: bool,
}

/// How many problems of one kind are reported for one file; the rest are counted in
/// one last message ("… and 120 more"), so that a broken file cannot flood the report.
pub(crate) const MAX_SIMILAR: usize = 20;

/// Source lines longer than this (in characters) are shown around the culprit only.
const MAX_SHOWN_LINE: usize = 240;

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source_line: None,
            len: 0,
            cropped: 0,
            summary: false,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points at `line`:`column` (1-based, column in characters) of `source`, the
    /// whole text of the file.
    pub fn at(mut self, source: &str, line: usize, column: usize, len: usize) -> Self {
        self.line = line;
        self.column = column.max(1);
        self.len = len.max(1);
        let Some(l) = source.lines().nth(line.saturating_sub(1)) else {
            self.source_line = None;
            return self;
        };
        let l = l.trim_end_matches('\r');
        if l.len() <= MAX_SHOWN_LINE {
            self.source_line = Some(l.to_string());
            return self;
        }
        // A very long line (a minified paste, a list written on one line) is shown
        // around the culprit only.
        let total = l.chars().count();
        if total <= MAX_SHOWN_LINE {
            self.source_line = Some(l.to_string());
            return self;
        }
        let col = self.column - 1;
        let shown_len = self.len.min(MAX_SHOWN_LINE / 2);
        let from = col.saturating_sub(MAX_SHOWN_LINE / 4).min(total);
        let to = (col + shown_len + MAX_SHOWN_LINE / 4).min(total);
        let mut shown = String::new();
        if from > 0 {
            shown.push('…');
        }
        shown.extend(l.chars().skip(from).take(to - from));
        if to < total {
            shown.push('…');
        }
        self.len = shown_len.max(1);
        self.cropped = from.saturating_sub(1);
        self.source_line = Some(shown);
        self
    }

    /// The last message for a file after [`MAX_SIMILAR`] problems of one kind:
    /// "`more` more `what` in this file are not listed one by one"; `what` is plural
    /// ("unbekannte Felder", "unknown fields").
    pub fn and_more(&self, more: usize, what: impl Into<Text>) -> Diagnostic {
        let what = what.into();
        let (what_de, what_en) = (&what.de, &what.en);
        Diagnostic {
            severity: self.severity,
            file: self.file.clone(),
            line: 0,
            column: 0,
            message: crate::text!(
                "{more} weitere {what_de} in dieser Datei werden nicht einzeln aufgeführt",
                "{more} more {what_en} in this file are not listed one by one"
            ),
            help: Some(crate::text!(
                "Beheben Sie zuerst die oben aufgeführten; die übrigen sind wahrscheinlich derselbe Fehler.",
                "fix the ones listed above first; the rest are probably the same mistake"
            )),
            source_line: None,
            len: 0,
            cropped: 0,
            summary: true,
        }
    }

    /// Points at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize, len_bytes: usize) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(source, (offset + len_bytes).min(source.len()));
        let len = source[offset..end]
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count();
        self.at(source, line, column, len)
    }

    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column` (or the file alone), for the terminal and tools.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }

    /// The place in the file for a person to read: "Zeile 5, Spalte 42"; `None` when
    /// the problem concerns the whole file.
    pub fn place(&self, lang: Language) -> Option<String> {
        let (line, column) = (self.line, self.column);
        (line > 0).then(|| {
            crate::text!(
                "Zeile {line}, Spalte {column}",
                "line {line}, column {column}"
            )
            .get(lang)
            .to_string()
        })
    }
}

/// What the terminal calls an error, a warning and a help line.
fn label(severity: Option<Severity>, lang: Language) -> &'static str {
    match (severity, lang) {
        (Some(Severity::Error), Language::De) => "Fehler",
        (Some(Severity::Error), Language::En) => "error",
        (Some(Severity::Warning), Language::De) => "Warnung",
        (Some(Severity::Warning), Language::En) => "warning",
        (None, Language::De) => "Tipp",
        (None, Language::En) => "help",
    }
}

/// "1 Fehler, 2 Warnungen" / "1 error, 2 warnings".
pub(crate) fn counts(errors: usize, warnings: usize, lang: Language) -> String {
    let (e, w) = (errors, warnings);
    match lang {
        Language::De => format!(
            "{e} Fehler, {w} {}",
            if w == 1 { "Warnung" } else { "Warnungen" }
        ),
        Language::En => format!(
            "{e} {}, {w} {}",
            if e == 1 { "error" } else { "errors" },
            if w == 1 { "warning" } else { "warnings" }
        ),
    }
}

/// Why a file could not be read, in words for the writer (the system's own words
/// where tandem has none).
pub(crate) fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => crate::text!("sie ist nicht mehr da", "it is no longer there"),
        PermissionDenied => crate::text!(
            "Sie haben keine Berechtigung, sie zu lesen",
            "you have no permission to read it"
        ),
        _ => crate::text!("das System meldet: {e}", "the system says: {e}"),
    }
}

/// A date as people write it: "14. März 2019" / "14 March 2019".
pub(crate) fn date_words(d: chrono::NaiveDate) -> Text {
    use crate::language::{MONTHS_DE as DE, MONTHS_EN as EN};
    use chrono::Datelike;
    let (day, month, year) = (d.day(), d.month0() as usize, d.year());
    Text::new(
        format!("{day}. {} {year}", DE[month]),
        format!("{day} {} {year}", EN[month]),
    )
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All diagnostics of one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// `--strict`: every warning becomes an error.
    pub fn make_warnings_errors(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Sorts by file, position, severity and message, and drops exact repeats, so that
    /// reports are deterministic whatever order the parallel stages finished in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.summary, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.summary, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// The report for a terminal: each problem with its source line and a caret, then
    /// a one-line summary.
    pub fn render_human(&self, color: bool, lang: Language) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&render_one(&renderer, d, lang));
            out.push_str("\n\n");
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e > 0 || w > 0 {
            let _ = writeln!(out, "{}", counts(e, w, lang));
        }
        out
    }

    /// A JSON array of `{severity, file, line, column, message, help}`.
    pub fn render_json(&self, lang: Language) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            severity: Severity,
            file: &'a str,
            line: usize,
            column: usize,
            message: &'a str,
            help: Option<&'a str>,
        }
        let items: Vec<Json> = self
            .items
            .iter()
            .map(|d| Json {
                severity: d.severity,
                file: &d.file,
                line: d.line,
                column: d.column,
                message: d.message.get(lang),
                help: d.help.as_ref().map(|h| h.get(lang)),
            })
            .collect();
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
    }
}

fn render_one(renderer: &Renderer, d: &Diagnostic, lang: Language) -> String {
    let message = d.message.get(lang);
    let help = d.help.as_ref().map(|h| h.get(lang));
    let location = d.location();
    match &d.source_line {
        Some(src) if d.line > 0 => {
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            }
            .with_name(label(Some(d.severity), lang));
            let start: usize = src
                .char_indices()
                .nth(d.column.saturating_sub(1).saturating_sub(d.cropped))
                .map_or(src.len(), |(i, _)| i);
            let end = src[start..]
                .char_indices()
                .nth(d.len.max(1))
                .map_or(src.len(), |(i, _)| start + i);
            let snippet = Snippet::source(src.as_str())
                .line_start(d.line)
                .path(d.file.as_str())
                .annotation(AnnotationKind::Primary.span(start..end.max(start)));
            let mut g = level.primary_title(message).element(snippet);
            if let Some(help) = help {
                g = g.element(Level::HELP.with_name(label(None, lang)).message(help));
            }
            let text = renderer.render(&[g]).to_string();
            if d.cropped == 0 {
                return text;
            }
            // The location is counted in the shown part of a cropped line; give the
            // column of the whole line.
            let shown = format!("{}:{}:{}", d.file, d.line, d.column - d.cropped);
            text.replacen(&shown, &location, 1)
        }
        _ => {
            // No line to show: the same layout, written by hand.
            let word = label(Some(d.severity), lang);
            let mut s = format!("{word}: {message}\n  --> {location}");
            if let Some(help) = help {
                let word = label(None, lang);
                let indent = " ".repeat(word.chars().count() + 6);
                let mut lines = help.lines();
                if let Some(first) = lines.next() {
                    s.push_str(&format!("\n  = {word}: {first}"));
                }
                for l in lines {
                    s.push_str(&format!("\n{indent}{l}"));
                }
            }
            s
        }
    }
}

/// Suggests the closest of `candidates` to `word`, if it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lw = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lw, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_culprit() {
        let src = "---\ntopics: [onlinemarketting]\n---\n";
        let d = Diagnostic::error(
            "a.md",
            crate::text!("unbekanntes Thema", "unknown topic `onlinemarketting`"),
        )
        .at(src, 2, 10, 16)
        .with_help(crate::text!(
            "Meinten Sie?",
            "did you mean `onlinemarketing`?"
        ));
        let mut all = Diagnostics::default();
        all.push(d);
        let text = all.render_human(false, Language::En);
        assert!(text.contains("a.md:2:10"), "{text}");
        assert!(text.contains("topics: [onlinemarketting]"), "{text}");
        assert!(text.contains("^^^^^^^^^^^^^^^^"), "{text}");
        assert!(text.contains("did you mean `onlinemarketing`?"), "{text}");
        assert!(text.contains("1 error, 0 warnings"), "{text}");
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        let src = "ab\ncdä f\n";
        let d =
            Diagnostic::error("x", Text::new("m", "m")).at_offset(src, src.find('f').unwrap(), 1);
        assert_eq!((d.line, d.column), (2, 5));
    }

    #[test]
    fn very_long_lines_are_shown_around_the_culprit() {
        let items: Vec<String> = (0..1000).map(|i| format!("t{i}")).collect();
        let src = format!("topics: [{}]\n", items.join(", "));
        let col = src.find("t500").unwrap() + 1;
        let d = Diagnostic::error("a.md", Text::new("t500", "unknown topic `t500`"))
            .at(&src, 1, col, 4);
        assert_eq!(d.column, col);
        let shown = d.source_line.as_deref().unwrap();
        assert!(shown.chars().count() < 250 && shown.starts_with('…') && shown.ends_with('…'));
        let mut all = Diagnostics::default();
        all.push(d);
        let text = all.render_human(false, Language::En);
        let line = text.lines().find(|l| l.starts_with("1 |")).unwrap();
        let caret = text.lines().find(|l| l.contains('^')).unwrap();
        let chars_before = |l: &str, i: usize| l[..i].chars().count();
        let at = chars_before(line, line.find("t500").unwrap());
        assert_eq!(chars_before(caret, caret.find('^').unwrap()), at, "{text}");
        assert!(text.contains(&format!("a.md:1:{col}")), "{text}");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let c = ["onlinemarketing", "fuehrung", "recruiting"];
        assert_eq!(did_you_mean("onlinemarketting", c), Some("onlinemarketing"));
        assert_eq!(did_you_mean("Fuhrung", c), Some("fuehrung"));
        assert_eq!(did_you_mean("zzz", c), None);
    }

    #[test]
    fn json_has_the_fields_ci_needs() {
        let mut all = Diagnostics::default();
        all.push(
            Diagnostic::warning("p.yaml", Text::new("w", "w"))
                .at("x: 1", 1, 1, 1)
                .with_help(Text::new("h", "h")),
        );
        let v: serde_json::Value = serde_json::from_str(&all.render_json(Language::En)).unwrap();
        assert_eq!(v[0]["severity"], "warning");
        assert_eq!(v[0]["file"], "p.yaml");
        assert_eq!(v[0]["line"], 1);
        assert_eq!(v[0]["column"], 1);
        assert_eq!(v[0]["help"], "h");
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn text_takes_the_variables_of_its_caller() {
        let n = 5;
        let t = crate::text!("Zeile {n}", "line {n}");
        assert_eq!(t.get(Language::De), "Zeile 5");
        assert_eq!(t.get(Language::En), "line 5");
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    fn report(lang: Language) -> String {
        let src = "---\ntopics: [onlinemarketting]\n---\n";
        let mut all = Diagnostics::default();
        all.push(
            Diagnostic::error("a.md", crate::text!("Thema `x`", "topic `x`"))
                .at(src, 2, 10, 16)
                .with_help(crate::text!("Meinten Sie `y`?", "did you mean `y`?")),
        );
        all.push(
            Diagnostic::warning("b.md", crate::text!("Ganze Datei", "whole file"))
                .with_help(crate::text!("Zeile eins\nZeile zwei", "line one\nline two")),
        );
        all.render_human(false, lang)
    }

    #[test]
    fn the_terminal_report_speaks_the_programmes_language() {
        let de = report(Language::De);
        for line in [
            "Fehler: Thema `x`",
            "  = Tipp: Meinten Sie `y`?",
            "Warnung: Ganze Datei",
            "  = Tipp: Zeile eins",
            "          Zeile zwei",
            "1 Fehler, 1 Warnung",
        ] {
            assert!(
                de.lines().any(|l| l.trim_end() == line),
                "`{line}` in:\n{de}"
            );
        }
        let en = report(Language::En);
        for line in [
            "error: topic `x`",
            "  = help: did you mean `y`?",
            "warning: whole file",
            "  = help: line one",
            "          line two",
            "1 error, 1 warning",
        ] {
            assert!(
                en.lines().any(|l| l.trim_end() == line),
                "`{line}` in:\n{en}"
            );
        }
        assert!(!de.contains("error") && !de.contains("help"), "{de}");
    }

    #[test]
    fn counts_and_places_in_both_languages() {
        assert_eq!(counts(2, 0, Language::De), "2 Fehler, 0 Warnungen");
        assert_eq!(counts(1, 3, Language::En), "1 error, 3 warnings");
        let d = Diagnostic::error("a.md", Text::new("m", "m")).at("x\ny", 2, 1, 1);
        assert_eq!(d.place(Language::De).as_deref(), Some("Zeile 2, Spalte 1"));
        assert_eq!(d.place(Language::En).as_deref(), Some("line 2, column 1"));
        assert_eq!(
            Diagnostic::error("a.md", Text::new("m", "m")).place(Language::De),
            None
        );
    }

    #[test]
    fn the_count_of_problems_not_listed_is_in_both_languages() {
        let d = Diagnostic::warning("a.md", Text::new("m", "m"))
            .and_more(120, crate::text!("unbekannte Felder", "unknown fields"));
        assert_eq!(
            d.message.de,
            "120 weitere unbekannte Felder in dieser Datei werden nicht einzeln aufgeführt"
        );
        assert_eq!(
            d.message.en,
            "120 more unknown fields in this file are not listed one by one"
        );
        assert_eq!(
            d.help.map(|h| h.de),
            Some("Beheben Sie zuerst die oben aufgeführten; die übrigen sind wahrscheinlich derselbe Fehler.".to_string())
        );
    }

    #[test]
    fn dates_in_words() {
        let d = chrono::NaiveDate::from_ymd_opt(2019, 3, 14).unwrap();
        assert_eq!(date_words(d), Text::new("14. März 2019", "14 March 2019"));
    }
}
