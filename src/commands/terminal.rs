//! The terminal of `watch` and `serve`: what the rebuild loop reports, as lines on
//! stderr, in colour when stderr is a terminal (and `NO_COLOR` is not set).

use crate::diagnostics::{Diagnostics, Text};
use crate::language::Language;
use crate::watch::{Report, Reporter};
use std::io::IsTerminal;
use std::path::Path;

pub(crate) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints the reports of one rebuild loop.
pub(crate) struct Terminal {
    color: bool,
    /// The programme's language, as of the latest build.
    lang: Language,
    /// The problems as last printed: each distinct set is printed once.
    last_problems: Option<String>,
}

impl Terminal {
    fn new() -> Self {
        Terminal {
            color: color(),
            lang: Language::De,
            last_problems: None,
        }
    }

    /// A [`Reporter`] that prints on this terminal.
    pub(crate) fn reporter() -> Reporter {
        let mut terminal = Terminal::new();
        Box::new(move |r| terminal.print(r))
    }

    fn print(&mut self, report: Report<'_>) {
        match report {
            Report::Problems(diags, lang) => {
                self.lang = lang;
                self.problems(diags)
            }
            Report::WriteFailed(e) => {
                if let Some(text) = e.report(self.lang) {
                    eprintln!("{text}");
                }
            }
            Report::Built { took } => {
                let ms = took.as_millis();
                self.say(crate::text!(
                    "Die Seite ist gebaut ({ms} ms).",
                    "Built the site in {ms} ms."
                ))
            }
            Report::Rebuilt {
                took,
                read,
                rendered,
                changed,
            } => {
                let ms = took.as_millis();
                let (read_de, read_en) = files(read);
                let (pages_de, pages_en) = pages(rendered);
                let (changed_de, changed_en) = files(changed);
                self.say(crate::text!(
                    "Neu gebaut in {ms} ms: {read} {read_de} gelesen, {rendered} {pages_de} erstellt, {changed} {changed_de} geändert.",
                    "Rebuilt in {ms} ms: {read} {read_en} read, {rendered} {pages_en} rendered, {changed} {changed_en} changed."
                ))
            }
            Report::SearchFailed(d) => {
                let mut ds = Diagnostics::default();
                ds.push(d);
                eprint!("{}", ds.render_human(self.color, self.lang));
            }
            Report::SearchUpdated { took } => {
                let ms = took.as_millis();
                self.say(crate::text!(
                    "Suchindex in {ms} ms aktualisiert.",
                    "Search index updated in {ms} ms."
                ))
            }
        }
    }

    /// Each distinct set of problems once; when the last ones are gone, says so.
    fn problems(&mut self, diags: &Diagnostics) {
        let report = diags.render_human(self.color, self.lang);
        if self.last_problems.as_deref() == Some(report.as_str()) {
            self.still(diags);
            return;
        }
        if !report.is_empty() {
            eprint!("{report}");
        } else if self.last_problems.is_some() {
            self.say(crate::text!(
                "Alle Probleme sind behoben.",
                "All problems are fixed."
            ));
        }
        self.last_problems = Some(report);
    }

    /// A line in the programme's language.
    fn say(&self, words: Text) {
        eprintln!("{}", words.get(self.lang));
    }

    /// After a rebuild that ends with the errors already shown: one short line, so that
    /// the save is seen to have been noticed.
    fn still(&self, diags: &Diagnostics) {
        let n = diags
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .count();
        let line = match n {
            0 => return,
            1 => crate::text!("Noch 1 Fehler (siehe oben).", "Still 1 error (see above)."),
            n => crate::text!(
                "Noch {n} Fehler (siehe oben).",
                "Still {n} errors (see above)."
            ),
        };
        self.say(line);
    }
}

/// "Datei"/"Dateien", "file"/"files" for `n`.
fn files(n: usize) -> (&'static str, &'static str) {
    if n == 1 {
        ("Datei", "file")
    } else {
        ("Dateien", "files")
    }
}

/// "Seite"/"Seiten", "page"/"pages" for `n`.
fn pages(n: usize) -> (&'static str, &'static str) {
    if n == 1 {
        ("Seite", "page")
    } else {
        ("Seiten", "pages")
    }
}

/// The language of what a command says before or beside a build: the programme's,
/// as far as `language` (the last build's) or program.yaml tells, else German.
pub(crate) fn language(language: Option<Language>, content: &Path) -> Language {
    language
        .or_else(|| crate::content::load::language_written(content))
        .unwrap_or(Language::De)
}
