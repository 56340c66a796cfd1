//! The files a programme manager takes into other programs: each cohort's tandems as a
//! CSV file for a German Excel, and the milestones as iCalendar files (RFC 5545), read
//! back as those programs read them and checked against what the pages show.

mod common;

use common::*;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------
// CSV

/// Reads a CSV text as RFC 4180 says: cells separated by `sep`, quoted cells may hold
/// the separator, line breaks and doubled quotes; records end in CRLF. Panics on a
/// record that ends in a bare line feed.
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a CR without LF in:\n{text}");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a record ends in a bare line feed:\n{text}"),
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the last record does not end in CRLF"
    );
    rows
}

/// The CSV file of a cohort: its bytes start with the UTF-8 byte order mark.
fn csv_of(site: &Site, file: &str, sep: char) -> Vec<BTreeMap<String, String>> {
    let bytes = site.bytes(file);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{file} starts without the byte order mark Excel needs to read UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let rows = parse_csv(&text, sep);
    let header = rows[0].clone();
    rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{r:?}");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

/// A number as a German Excel reads it: decimal comma, no thousands separator.
fn german_number(s: &str) -> f64 {
    assert!(!s.contains('.'), "`{s}` has a decimal point");
    s.replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

/// Minutes in "9 Std. 15 Min." as the pages write a time.
fn minutes(text: &str) -> u64 {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut total = 0;
    for pair in words.windows(2) {
        if let Ok(n) = pair[0].parse::<u64>() {
            total += match pair[1] {
                "Std." => n * 60,
                "Min." => n,
                _ => 0,
            };
        }
    }
    total
}

/// The rows of the page's table of class `class`: each row's cells as text.
fn table_rows(html: &str, class: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("<table class=\"data {class}\""))
        .unwrap_or_else(|| panic!("no table `{class}`"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr>").skip(1).map(cells).collect()
}

/// The text of each `<td>` and `<th>` of a table row.
fn cells(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = row;
    loop {
        let start = match (rest.find("<td"), rest.find("<th")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let close = format!("</{}>", &rest[start + 1..start + 3]);
        let end = start + rest[start..].find(&close).expect("a closed cell") + close.len();
        out.push(text_of(&rest[start..end]));
        rest = &rest[end..];
    }
    out
}

const HEADER: [&str; 20] = [
    "Tandem",
    "Mentee",
    "Rolle Mentee",
    "Mentor·in",
    "Rolle Mentor·in",
    "Organisation",
    "Schwerpunkte",
    "Einträge",
    "Treffen",
    "Stunden in Treffen",
    "Rhythmus geplant",
    "Tage zwischen Treffen (Mittel)",
    "Stille Phasen",
    "Längste stille Phase (Tage)",
    "Vereinbarungen erledigt",
    "Vereinbarungen offen geblieben",
    "Erkenntnisse",
    "Erster Eintrag",
    "Letzter Eintrag",
    "Seite",
];

#[test]
fn a_cohorts_csv_holds_the_figures_its_page_shows_as_a_german_excel_reads_them() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let page = site.page("cohorts/2019/");
    let file = "cohorts/2019/tandems-2019.csv";
    let raw = site.text(file);
    let header: Vec<&str> = raw
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .trim_end()
        .split(';')
        .collect();
    assert_eq!(header, HEADER);
    let rows = csv_of(&site, file, ';');
    let tandems = table_rows(&page, "tandem-table");
    assert_eq!(rows.len(), tandems.len(), "one row per tandem");
    let agreements = table_rows(&page, "agreements-table");
    for (row, (shown, agreed)) in rows.iter().zip(tandems.iter().zip(&agreements)) {
        let title = &row["Tandem"];
        assert!(shown[0].starts_with(title.as_str()), "{shown:?} / {row:?}");
        assert_eq!(row["Organisation"], shown[1]);
        assert_eq!(row["Einträge"], shown[3], "{title}");
        let hours = german_number(&row["Stunden in Treffen"]);
        assert!(
            (hours * 60.0 - minutes(&shown[4]) as f64).abs() < 0.5,
            "{title}: {hours} h in the file, {} on the page",
            shown[4]
        );
        let rhythm = german_number(&row["Tage zwischen Treffen (Mittel)"]);
        assert!(
            shown[5].contains(&format!("im Mittel alle {} Tage", rhythm.round())),
            "{title}: {rhythm} / {}",
            shown[5]
        );
        assert!(shown[5].starts_with(&row["Rhythmus geplant"]), "{title}");
        // The last entry as the page dates it: "1. Oktober 2019" and "01.10.2019".
        let last = &row["Letzter Eintrag"];
        let (d, m, y) = (&last[0..2], &last[3..5], &last[6..]);
        assert!(
            shown[6].starts_with(d.trim_start_matches('0')),
            "{last} / {}",
            shown[6]
        );
        assert!(shown[6].ends_with(y) && m.parse::<u32>().is_ok(), "{last}");
        assert_eq!(agreed[0], *title);
        assert_eq!(row["Vereinbarungen erledigt"], agreed[2], "{title}");
        assert_eq!(row["Vereinbarungen offen geblieben"], agreed[3], "{title}");
        assert!(row["Seite"]
            .starts_with("https://intranet.example.org/reverse-mentoring/cohorts/2019/"));
    }
    // Figures the sample is known for: Berger & Vogt met every 32.7 days on average,
    // for 9 hours and a quarter, and had one quiet phase of 49 days.
    let berger = rows
        .iter()
        .find(|r| r["Mentee"] == "Dr. Hans Berger")
        .unwrap();
    assert_eq!(berger["Tage zwischen Treffen (Mittel)"], "32,7");
    assert_eq!(berger["Stunden in Treffen"], "9,25");
    assert_eq!(berger["Stille Phasen"], "1");
    assert_eq!(berger["Längste stille Phase (Tage)"], "49");
    assert_eq!(berger["Erster Eintrag"], "14.03.2019");
    // The cohort page links to its files.
    let hrefs: Vec<String> = links(&page).into_iter().map(|l| l.href).collect();
    assert!(
        hrefs.iter().any(|h| h.ends_with("tandems-2019.csv")),
        "{hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h.ends_with("milestones-2019.ics")),
        "{hrefs:?}"
    );
}

/// A tandem whose people and bank have names that a CSV must quote or defuse.
fn with_awkward_names(p: &Project) {
    p.write(
        "cohorts/2019/sonder-tandem/tandem.yaml",
        "mentor: { name: \"Kim \\\"KI\\\" Lee; B.Sc.\", role: \"=HYPERLINK(\\\"http://x\\\")\" }\nmentee: { name: \"Dr. Eva Groß, MBA\", role: \"-Vorstand\" }\norganization: \"@Bank eG\"\n",
    );
    p.write(
        "cohorts/2019/sonder-tandem/2019-05-02-erstes-treffen.md",
        "---\ntitle: Erstes Treffen\nduration: 100\nformat: Video\n---\nText.\n",
    );
}

#[test]
fn names_with_separators_and_quotes_are_quoted_and_formulas_defused() {
    let p = Project::mini();
    with_awkward_names(&p);
    let site = p.build_ok(&[]);
    let raw = site.text("cohorts/2019/tandems-2019.csv");
    assert!(
        raw.contains("\"Kim \"\"KI\"\" Lee; B.Sc.\""),
        "a name with `;` and `\"` is quoted, its quotes doubled:\n{raw}"
    );
    let rows = csv_of(&site, "cohorts/2019/tandems-2019.csv", ';');
    let row = rows
        .iter()
        .find(|r| r["Mentor·in"] == "Kim \"KI\" Lee; B.Sc.")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(row["Mentee"], "Dr. Eva Groß, MBA");
    assert_eq!(row["Rolle Mentor·in"], "'=HYPERLINK(\"http://x\")");
    assert_eq!(row["Rolle Mentee"], "'-Vorstand");
    assert_eq!(row["Organisation"], "'@Bank eG");
    assert_eq!(row["Stunden in Treffen"], "1,67");
    assert_eq!(row["Treffen"], "1");
    // The cohort is not over (no later entry says so): its agreements are open.
    assert!(rows[0].contains_key("Vereinbarungen offen"));
    // One row per tandem of the cohort, as its page lists them.
    let page = site.page("cohorts/2019/");
    assert_eq!(rows.len(), table_rows(&page, "tandem-table").len());
}

#[test]
fn an_english_programme_writes_commas_and_decimal_points() {
    let p = Project::mini();
    with_awkward_names(&p);
    p.edit("program.yaml", "language: de", "language: en");
    let site = p.build_ok(&[]);
    let raw = site.text("cohorts/2019/tandems-2019.csv");
    assert!(
        raw.starts_with("\u{feff}Tandem,Mentee,Mentee's role,Mentor,"),
        "{raw}"
    );
    let rows = csv_of(&site, "cohorts/2019/tandems-2019.csv", ',');
    let row = rows
        .iter()
        .find(|r| r["Mentee"] == "Dr. Eva Groß, MBA")
        .unwrap();
    assert_eq!(row["Hours in meetings"], "1.67");
    assert_eq!(row["First entry"], "2019-05-02");
}

#[test]
fn private_and_draft_entries_count_in_a_csv_only_in_a_preview_that_shows_them() {
    let (p, q) = (Project::mini(), Project::mini());
    let published = p.build_ok(&[]);
    let preview = q.build_ok(&["--private", "--drafts"]);
    let entries = |site: &Site| -> BTreeMap<String, String> {
        csv_of(site, "cohorts/2019/tandems-2019.csv", ';')
            .into_iter()
            .map(|r| (r["Tandem"].clone(), r["Einträge"].clone()))
            .collect()
    };
    let (a, b) = (entries(&published), entries(&preview));
    let berger = "Dr. Hans Berger & Lena Vogt";
    assert!(
        b[berger].parse::<usize>().unwrap() > a[berger].parse::<usize>().unwrap(),
        "{a:?} / {b:?}"
    );
    let page = published.page("cohorts/2019/berger-vogt/");
    assert_eq!(value_of(&page, "Einträge"), Some(a[berger].clone()));
}

// ---------------------------------------------------------------------------------
// iCalendar

/// The RFC 5545 rules a lenient parser may not check: CRLF line ends, content lines of
/// at most 75 octets, the calendar's required properties, and each event's.
fn assert_rfc5545(name: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{name}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
    let lines: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &lines {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "{name}: a bare line break in {line:?}"
        );
        assert!(
            line.len() <= 75,
            "{name}: {} octets in {line:?}",
            line.len()
        );
    }
    for required in ["VERSION:2.0", "CALSCALE:GREGORIAN"] {
        assert!(lines.contains(&required), "{name}: no {required}");
    }
    assert!(
        lines.iter().any(|l| l.starts_with("PRODID:")),
        "{name}: no PRODID"
    );
    let unfolded = text.replace("\r\n ", "");
    let events: Vec<&str> = unfolded.split("BEGIN:VEVENT\r\n").skip(1).collect();
    for e in &events {
        let e = &e[..e.find("END:VEVENT").expect("END:VEVENT")];
        for prop in ["UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "SUMMARY:"] {
            assert_eq!(
                e.lines().filter(|l| l.starts_with(prop)).count(),
                1,
                "{name}: one {prop} in {e}"
            );
        }
        let stamp = e.lines().find(|l| l.starts_with("DTSTAMP:")).unwrap();
        assert!(
            stamp.ends_with('Z') && stamp.len() == "DTSTAMP:20190307T000000Z".len(),
            "{stamp}"
        );
    }
}

/// The events of a calendar as a library that parses RFC 5545 reads them: UID →
/// (date, summary, description, URL).
type Events = BTreeMap<String, (chrono::NaiveDate, String, String, Option<String>)>;

fn events(name: &str, bytes: &[u8]) -> Events {
    assert_rfc5545(name, bytes);
    let text = std::str::from_utf8(bytes).unwrap();
    let cal: Calendar = text
        .parse()
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    let mut out = BTreeMap::new();
    let mut count = 0;
    for c in &cal.components {
        let CalendarComponent::Event(e) = c else {
            panic!("{name}: a component that is not an event")
        };
        count += 1;
        let Some(DatePerhapsTime::Date(day)) = e.get_start() else {
            panic!("{name}: an event that is not all-day")
        };
        let Some(DatePerhapsTime::Date(end)) = e.get_end() else {
            panic!("{name}: an event without an end day")
        };
        assert_eq!(end, day.succ_opt().unwrap());
        assert!(
            e.get_timestamp().is_some(),
            "{name}: DTSTAMP is not a UTC time"
        );
        let uid = e.get_uid().expect("UID").to_string();
        let event = (
            day,
            e.get_summary().expect("SUMMARY").to_string(),
            e.get_description().unwrap_or_default().to_string(),
            e.get_url().map(str::to_string),
        );
        assert!(
            out.insert(uid.clone(), event).is_none(),
            "{name}: UID {uid} twice"
        );
    }
    assert_eq!(out.len(), count);
    out
}

#[test]
fn the_milestones_are_calendars_a_calendar_program_reads() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let all = events("milestones.ics", &site.bytes("milestones.ics"));
    let c2019 = events("2019", &site.bytes("cohorts/2019/milestones-2019.ics"));
    let c2020 = events("2020", &site.bytes("cohorts/2020/milestones-2020.ics"));
    assert_eq!((all.len(), c2019.len(), c2020.len()), (6, 3, 3));
    // The same milestone is the same event in the cohort's calendar and the
    // programme's: a second import updates it instead of adding it twice.
    for (uid, event) in c2019.iter().chain(&c2020) {
        assert_eq!(all.get(uid), Some(event), "{uid}");
    }
    let summaries: BTreeSet<&str> = all.values().map(|e| e.1.as_str()).collect();
    assert!(
        summaries.contains("Zwischenbilanz (digital) (Jahrgang 2020)"),
        "{summaries:?}"
    );
    assert!(
        summaries.contains("Abschlussveranstaltung (Jahrgang 2019)"),
        "{summaries:?}"
    );
    let (day, _, description, url) = c2019.values().next().unwrap();
    assert_eq!(day.to_string(), "2019-03-07");
    assert_eq!(
        description,
        "Meilenstein im Programm Reverse Mentoring, Jahrgang 2019"
    );
    assert_eq!(
        url.as_deref(),
        Some("https://intranet.example.org/reverse-mentoring/cohorts/2019/")
    );
    // A build on another day gives the same bytes: nothing in them is of the clock.
    let q = Project::sample();
    let again = q.build_ok(&[]);
    assert_eq!(site.bytes("milestones.ics"), again.bytes("milestones.ics"));
    // The report links to every calendar and table.
    let report = site.page("report/");
    let hrefs: Vec<String> = links(&report).into_iter().map(|l| l.href).collect();
    for file in [
        "milestones.ics",
        "milestones-2019.ics",
        "milestones-2020.ics",
        "tandems-2019.csv",
        "tandems-2020.csv",
    ] {
        assert!(
            hrefs.iter().any(|h| h.ends_with(file)),
            "the report links to {file}: {hrefs:?}"
        );
    }
}

#[test]
fn a_long_title_with_commas_and_semicolons_comes_back_as_written() {
    let p = Project::mini();
    let title = "Abschluss; Feier, mit \\\"Grüßen\\\" und einem Titel, der über eine Zeile von fünfundsiebzig Bytes weit hinausreicht: äöü ÄÖÜ ß € 🎉";
    p.edit(
        "cohorts/2019/cohort.yaml",
        "  - { date: 2019-10-22, title: Abschlussveranstaltung }",
        &format!("  - {{ date: 2019-10-22, title: \"{title}\" }}\n  - {{ date: 2019-10-22, title: \"{title}\" }}"),
    );
    let site = p.build_ok(&[]);
    let cal = events("2019", &site.bytes("cohorts/2019/milestones-2019.ics"));
    let written = title.replace("\\\"", "\"");
    let raw = site
        .text("cohorts/2019/milestones-2019.ics")
        .replace("\r\n ", "");
    assert!(
        raw.contains("SUMMARY:Abschluss\\; Feier\\, mit \"Grüßen\" und einem Titel\\,"),
        "{raw}"
    );
    let same: Vec<_> = cal
        .iter()
        .filter(|(_, e)| e.1 == format!("{written} (Jahrgang 2019)"))
        .collect();
    assert_eq!(
        same.len(),
        2,
        "two milestones of one day and title stay two events: {cal:?}"
    );
    // Without base_url there is no whole address for URL, and the UIDs still differ.
    p.edit("program.yaml", "base_url: https://example.org/rm/\n", "");
    let site = p.build_ok(&[]);
    let cal = events("2019", &site.bytes("cohorts/2019/milestones-2019.ics"));
    assert!(cal.values().all(|e| e.3.is_none()), "{cal:?}");
    assert!(
        cal.keys().all(|u| u.ends_with("@mini-mentoring.tandem")),
        "{cal:?}"
    );
}
