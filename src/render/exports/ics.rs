//! The milestones as iCalendar files (RFC 5545): one per cohort, one for the programme.
//!
//! Each milestone is an all-day event (`DTSTART;VALUE=DATE`, and `DTEND` the day
//! after, which Outlook wants). A calendar program that imports the file again
//! recognises its events by their `UID`, made from the milestone's date and title, the
//! cohort, the programme's title and the host of its address: the same milestone has the same `UID` in every
//! build and in the cohort's and the programme's file; a milestone moved to another
//! day or renamed is a new event. `DTSTAMP` must be a moment; a build must give the
//! same bytes on any day, so it is the milestone's own day at midnight UTC, never the
//! time of the build.
//!
//! Lines end in CRLF and are folded before 75 bytes, never inside a character; text
//! has `\`, `;`, `,` and line breaks escaped.

use super::{file, Dep};
use crate::content::slug::slugify;
use crate::content::{CohortId, Milestone};
use crate::diagnostics::Diagnostic;
use crate::i18n::ui;
use crate::render::charts::fill;
use crate::render::{Ctx, Page};
use crate::site::{urls, Site};
use std::collections::{BTreeMap, HashSet};

/// A cohort's milestones.
pub(crate) fn cohort(c: &Ctx, id: CohortId) -> Result<(Page, u64), Diagnostic> {
    let prog = &c.site.prog;
    let name = format!("{} · {}", prog.meta.title, prog.cohorts[id.0].title);
    let bytes = calendar(c, &name, &[id]);
    let deps = vec![Dep::Programme, Dep::Cohort(id)];
    Ok(file(c, urls::cohort_ics(prog, id), bytes, deps))
}

/// The milestones of every cohort.
pub(crate) fn programme(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let prog = &c.site.prog;
    let ids: Vec<CohortId> = (0..prog.cohorts.len()).map(CohortId).collect();
    let bytes = calendar(c, &prog.meta.title, &ids);
    let mut deps = vec![Dep::Programme];
    deps.extend(ids.iter().map(|&i| Dep::Cohort(i)));
    Ok(file(c, urls::programme_ics(), bytes, deps))
}

/// A calendar being written.
struct Calendar<'a> {
    site: &'a Site,
    strings: &'a BTreeMap<String, String>,
    out: String,
    /// The `UID`s so far.
    uids: HashSet<String>,
}

/// The calendar `name` of the milestones of `cohorts`, by date.
fn calendar(c: &Ctx, name: &str, cohorts: &[CohortId]) -> Vec<u8> {
    let prog = &c.site.prog;
    let mut cal = Calendar {
        site: c.site,
        strings: &c.theme.strings,
        out: String::new(),
        uids: HashSet::new(),
    };
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tandem//Reverse-Mentoring//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push(&mut cal.out, line);
    }
    push(&mut cal.out, &format!("X-WR-CALNAME:{}", escaped(name)));
    let mut events: Vec<(CohortId, &Milestone)> = cohorts
        .iter()
        .flat_map(|&c| prog.cohorts[c.0].milestones.iter().map(move |m| (c, m)))
        .collect();
    events.sort_by_key(|(c, m)| (m.date, c.0));
    for (c, m) in events {
        event(&mut cal, c, m);
    }
    push(&mut cal.out, "END:VCALENDAR");
    cal.out.into_bytes()
}

/// One milestone as a VEVENT.
fn event(cal: &mut Calendar, c: CohortId, m: &Milestone) {
    let site = cal.site;
    let prog = &site.prog;
    let co = &prog.cohorts[c.0];
    let day = m.date.format("%Y%m%d");
    let next = m.date.succ_opt().unwrap_or(m.date).format("%Y%m%d");
    let base = format!(
        "{}-{}.{}.{}",
        m.date.format("%Y-%m-%d"),
        slugify(&m.title),
        co.slug,
        slugify(&prog.meta.title),
    );
    // Two milestones of one cohort with the same day and title stay two events.
    let domain = uid_domain(site);
    let mut uid = format!("{base}@{domain}");
    let mut n = 1;
    while !cal.uids.insert(uid.clone()) {
        n += 1;
        uid = format!("{base}-{n}@{domain}");
    }
    let summary = format!("{} ({})", m.title, co.title);
    let description = fill(
        &ui(cal.strings, "ics_description"),
        &[
            ("cohort", co.title.clone()),
            ("programme", prog.meta.title.clone()),
        ],
    );
    let url = site.absolute(&urls::cohort(prog, c));
    let out = &mut cal.out;
    push(out, "BEGIN:VEVENT");
    push(out, &format!("UID:{uid}"));
    push(out, &format!("DTSTAMP:{day}T000000Z"));
    push(out, &format!("DTSTART;VALUE=DATE:{day}"));
    push(out, &format!("DTEND;VALUE=DATE:{next}"));
    push(out, &format!("SUMMARY:{}", escaped(&summary)));
    push(out, &format!("DESCRIPTION:{}", escaped(&description)));
    // A calendar program needs a whole address; a site without `base_url` has none.
    if url.starts_with("https://") || url.starts_with("http://") {
        push(out, &format!("URL:{url}"));
    }
    push(out, "TRANSP:TRANSPARENT");
    push(out, "END:VEVENT");
}

/// The right-hand side of every `UID`: the host of the programme's address, or, for a
/// programme without one, its title as a slug.
fn uid_domain(site: &Site) -> String {
    let meta = &site.prog.meta;
    let host = meta
        .base_url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or(""))
        .unwrap_or("");
    if host.is_empty() {
        format!("{}.tandem", slugify(&meta.title))
    } else {
        host.to_string()
    }
}

/// A TEXT value with its special characters escaped (RFC 5545, 3.3.11).
fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
    out
}

/// Appends a content line, folded into lines of at most 75 bytes (a continuation line
/// starts with a space, which counts), each ending in CRLF (RFC 5545, 3.1).
fn push(out: &mut String, line: &str) {
    let mut room = 75;
    let mut used = 0;
    for ch in line.chars() {
        if used + ch.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
            used = 0;
        }
        out.push(ch);
        used += ch.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "ä".repeat(60));
        push(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""));
        for l in &lines {
            assert!(l.len() <= 75, "{} bytes: {l}", l.len());
        }
        assert_eq!(
            lines[0].len(),
            74,
            "`SUMMARY:` and 33 ä (a 34th would make 76)"
        );
        assert!(lines[1].starts_with(' '));
        assert_eq!(out.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(escaped("a\\b;c,d\r\ne"), "a\\\\b\\;c\\,d\\ne");
    }
}
