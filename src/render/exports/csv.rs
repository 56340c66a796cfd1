//! A cohort's tandems with their figures, as a CSV file that a spreadsheet opens with a
//! double-click, in the programme's language.
//!
//! Made for Excel, which reads a CSV by the computer's regional settings:
//! - UTF-8 with a byte order mark, without which Excel reads the file as Windows-1252
//!   and "Jürgen" becomes "JÃ¼rgen";
//! - for a German programme `;` between the cells and a decimal comma ("32,7"), dates
//!   as "26.09.2019": what a German Excel expects; for an English one `,`, a decimal
//!   point and dates as "2019-09-26";
//! - lines end in CRLF; a cell holding the separator, a quote or a line break is put in
//!   quotes, its quotes doubled (RFC 4180);
//! - a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets
//!   an apostrophe before it, so that a spreadsheet shows it as text and never runs it
//!   as a formula (a tandem's name is written by people, not by the programme's
//!   managers). Numbers are written as numbers.

use super::{cohort_deps, file};
use crate::content::{CohortId, Language, RhythmSource, TandemId};
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, ui};
use crate::render::context::{self, tandem_quiet};
use crate::render::{Ctx, Page};
use crate::site::stats::Silence;
use crate::site::{urls, Site};
use chrono::NaiveDate;
use std::collections::BTreeMap;

type Strings = BTreeMap<String, String>;

/// One cell of the table.
enum Cell {
    Text(String),
    /// A whole number.
    Count(usize),
    /// A number with up to `places` decimal places.
    Decimal(f64, usize),
    Date(Option<NaiveDate>),
}

/// The columns: their headings' keys in the theme's strings.
const COLUMNS: [&str; 20] = [
    "tandem",
    "mentee",
    "csv_mentee_role",
    "mentor",
    "csv_mentor_role",
    "organization",
    "focus",
    "entries",
    "meetings",
    "csv_hours",
    "csv_rhythm_planned",
    "csv_rhythm_actual",
    "csv_quiet_phases",
    "csv_longest_quiet",
    "csv_agreements_done",
    "csv_agreements_open",
    "insights",
    "csv_first_entry",
    "csv_last_entry",
    "csv_page",
];

pub(crate) fn render(c: &Ctx, id: CohortId) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let strings = &c.theme.strings;
    let lang = site.prog.meta.language;
    let mut header: Vec<Cell> = COLUMNS.iter().map(|k| Cell::Text(ui(strings, k))).collect();
    if context::cohort_finished(site, id) {
        header[15] = Cell::Text(ui(strings, "csv_agreements_left_open"));
    }
    let mut rows = vec![header];
    for &t in &site.prog.cohorts[id.0].tandems {
        rows.push(tandem_row(site, strings, t));
    }
    let bytes = table(lang, &rows);
    let url = urls::cohort_csv(&site.prog, id);
    Ok(file(c, url, bytes, cohort_deps(c, id)))
}

/// A tandem's cells, in the order of [`COLUMNS`].
fn tandem_row(site: &Site, strings: &Strings, id: TandemId) -> Vec<Cell> {
    let prog = &site.prog;
    let lang = prog.meta.language;
    let t = &prog.tandems[id.0];
    let f = &site.tandem_figures[id.0];
    let quiet = tandem_quiet(site, id);
    let (rhythm, source) = prog.rhythm_of(id);
    let mut planned = i18n::rhythm(lang, rhythm);
    if source == RhythmSource::Default {
        planned = ui(strings, "rhythm_assumed").replace("{rhythm}", &planned);
    }
    let focus: Vec<&str> = t
        .focus
        .iter()
        .map(|x| prog.topics[x.0].title.as_str())
        .collect();
    let insights = site
        .insights
        .iter()
        .filter(|i| prog.entries[i.entry.0].tandem == id)
        .count();
    let text = |s: &Option<String>| Cell::Text(s.clone().unwrap_or_default());
    vec![
        Cell::Text(t.title.clone()),
        Cell::Text(t.mentee.name.clone()),
        text(&t.mentee.role),
        Cell::Text(t.mentor.name.clone()),
        text(&t.mentor.role),
        text(&t.organization),
        Cell::Text(focus.join(", ")),
        Cell::Count(f.entries),
        Cell::Count(f.meetings),
        Cell::Decimal(f.minutes as f64 / 60.0, 2),
        Cell::Text(planned),
        f.avg_days_between
            .map_or(Cell::Text(String::new()), |d| Cell::Decimal(d, 1)),
        Cell::Count(quiet.len()),
        quiet
            .iter()
            .map(Silence::days)
            .max()
            .map_or(Cell::Text(String::new()), |d| Cell::Count(d as usize)),
        Cell::Count(site.agreements_done[id.0]),
        Cell::Count(site.agreements[id.0].len()),
        Cell::Count(insights),
        Cell::Date(f.first),
        Cell::Date(f.last),
        Cell::Text(site.absolute(&urls::tandem(prog, id))),
    ]
}

/// The rows as the file's bytes: a byte order mark, then each row ending in CRLF.
fn table(lang: Language, rows: &[Vec<Cell>]) -> Vec<u8> {
    let sep = separator(lang);
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(lang, c)).collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// What separates the cells: what Excel expects where the programme's language is
/// spoken (a German Excel reads `,` as the decimal comma).
fn separator(lang: Language) -> char {
    match lang {
        Language::De => ';',
        Language::En => ',',
    }
}

/// One cell as written in the file.
fn cell(lang: Language, c: &Cell) -> String {
    match c {
        Cell::Text(s) => quoted(lang, &defused(s)),
        Cell::Count(n) => n.to_string(),
        Cell::Decimal(v, places) => decimal(lang, *v, *places),
        Cell::Date(None) => String::new(),
        Cell::Date(Some(d)) => match lang {
            Language::De => d.format("%d.%m.%Y").to_string(),
            Language::En => d.format("%Y-%m-%d").to_string(),
        },
    }
}

/// A number with at most `places` decimal places, without trailing zeros, with the
/// language's decimal mark: "9,25", "32,7", "4".
fn decimal(lang: Language, v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    match lang {
        Language::De => s.replace('.', ","),
        Language::En => s,
    }
}

/// A text a spreadsheet would take for a formula, with an apostrophe before it.
fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A text in quotes when it holds the separator, a quote or a line break (RFC 4180).
fn quoted(lang: Language, s: &str) -> String {
    if s.contains([separator(lang), '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_defused_and_numbers_use_the_decimal_mark() {
        let de = Language::De;
        assert_eq!(
            cell(de, &Cell::Text("Müller; \"Max\"".into())),
            "\"Müller; \"\"Max\"\"\""
        );
        assert_eq!(cell(de, &Cell::Text("a, b".into())), "a, b");
        assert_eq!(cell(Language::En, &Cell::Text("a, b".into())), "\"a, b\"");
        assert_eq!(
            cell(de, &Cell::Text("zwei\nZeilen".into())),
            "\"zwei\nZeilen\""
        );
        assert_eq!(cell(de, &Cell::Text("=1+2".into())), "'=1+2");
        assert_eq!(cell(de, &Cell::Text("@SUMME(A1)".into())), "'@SUMME(A1)");
        assert_eq!(cell(de, &Cell::Text("-Team".into())), "'-Team");
        assert_eq!(cell(de, &Cell::Decimal(555.0 / 60.0, 2)), "9,25");
        assert_eq!(cell(de, &Cell::Decimal(100.0 / 60.0, 2)), "1,67");
        assert_eq!(cell(de, &Cell::Decimal(4.0, 2)), "4");
        assert_eq!(cell(Language::En, &Cell::Decimal(32.66, 1)), "32.7");
        let d = NaiveDate::from_ymd_opt(2019, 9, 26);
        assert_eq!(cell(de, &Cell::Date(d)), "26.09.2019");
        assert_eq!(cell(Language::En, &Cell::Date(d)), "2019-09-26");
    }

    #[test]
    fn a_table_starts_with_the_byte_order_mark_and_ends_its_lines_in_crlf() {
        let rows = vec![
            vec![Cell::Text("A".into()), Cell::Text("B".into())],
            vec![Cell::Count(1), Cell::Decimal(1.5, 2)],
        ];
        assert_eq!(
            table(Language::De, &rows),
            "\u{feff}A;B\r\n1;1,5\r\n".as_bytes()
        );
    }
}
