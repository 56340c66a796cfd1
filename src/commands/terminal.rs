//! The terminal of `watch` and `serve`: what the rebuild loop reports, as lines on
//! stderr, in colour when stderr is a terminal (and `NO_COLOR` is not set).

use crate::diagnostics::Diagnostics;
use crate::language::Language;
use crate::watch::{Report, Reporter};
use std::io::IsTerminal;

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
            Report::WriteFailed(e) => eprintln!("error: {e}"),
            Report::Built { took } => {
                eprintln!("Built the site in {} ms.", took.as_millis())
            }
            Report::Rebuilt {
                took,
                read,
                rendered,
                changed,
            } => eprintln!(
                "Rebuilt in {} ms: {} file{} read, {} page{} rendered, {} file{} changed.",
                took.as_millis(),
                read,
                plural(read),
                rendered,
                plural(rendered),
                changed,
                plural(changed),
            ),
            Report::SearchFailed(d) => {
                let mut ds = Diagnostics::default();
                ds.push(d);
                eprint!("{}", ds.render_human(self.color, self.lang));
            }
            Report::SearchUpdated { took } => {
                eprintln!("Search index updated in {} ms.", took.as_millis())
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
            eprintln!("All problems are fixed.");
        }
        self.last_problems = Some(report);
    }
}

impl Terminal {
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
        eprintln!("{}", line.get(self.lang));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
