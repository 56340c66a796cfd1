//! Dates in the files: always `YYYY-MM-DD`. A date written as people write it in
//! letters (`10.10.2019`, `10.10.19`, `2019/10/10`, `10. Oktober 2019`) is not read,
//! but recognised, so that the message can offer the exact `2019-10-10`.

use crate::diagnostics::Text;
use chrono::{Datelike, NaiveDate};

/// A date written `YYYY-MM-DD` (a time after it is allowed and ignored).
pub fn parse_date(s: &str) -> Result<NaiveDate, NotADate> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    let rest = s.get(10..).unwrap_or("");
    let iso_shape = day.len() == 10
        && day.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !iso_shape || !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return Err(not_iso(s));
    }
    let number = |r: std::ops::Range<usize>| day[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (number(0..4) as i32, number(5..7), number(8..10));
    checked(s, y, m, d)
}

/// A date written `YYYY-MM-DD` or as [`recognise`] knows dates, as `YYYY-MM-DD`.
pub(crate) fn iso(s: &str) -> Option<String> {
    let date = match parse_date(s) {
        Ok(d) => d,
        Err(_) => {
            let (y, m, d) = recognise(s)?;
            NaiveDate::from_ymd_opt(y, m, d)?
        }
    };
    Some(date.format("%Y-%m-%d").to_string())
}

/// The date `y-m-d`, or why there is none (`2019-02-30`: "the month has no day 30").
fn checked(s: &str, y: i32, m: u32, d: u32) -> Result<NaiveDate, NotADate> {
    if !(1..=12).contains(&m) {
        return Err(NotADate::new(
            crate::text!(
                "`{s}` ist kein Datum: einen Monat {m} gibt es nicht",
                "`{s}` is not a date: there is no month {m}"
            ),
            check_help(),
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let month = MONTHS_DE[m as usize - 1];
        NotADate::new(
            crate::text!(
                "`{s}` ist kein Datum: den {d}. {month} gibt es nicht",
                "`{s}` is not a date: the month has no day {d}"
            ),
            check_help(),
        )
    })
}

fn check_help() -> Text {
    crate::text!(
        "Prüfen Sie Tag und Monat; Daten stehen in den Dateien als Jahr-Monat-Tag, z. B. `2019-03-14`.",
        "write dates as YYYY-MM-DD, e.g. 2019-03-14, and check that the day exists"
    )
}

/// The error for a text that is not `YYYY-MM-DD`: with the exact `YYYY-MM-DD` when the
/// text is a date written another way.
fn not_iso(s: &str) -> NotADate {
    match recognise(s) {
        Some((y, m, d)) => match checked(s, y, m, d) {
            Err(e) => e,
            Ok(date) => {
                let iso = date.format("%Y-%m-%d").to_string();
                let (day, month_de, month_en, year) = (
                    date.day(),
                    MONTHS_DE[date.month0() as usize],
                    MONTHS_EN[date.month0() as usize],
                    date.year(),
                );
                NotADate::new(
                    crate::text!(
                        "Das Datum `{s}` muss als `{iso}` geschrieben werden",
                        "the date `{s}` must be written as `{iso}`"
                    ),
                    crate::text!(
                        "In den Dateien steht ein Datum immer als Jahr-Monat-Tag: `{iso}` ist der {day}. {month_de} {year}.",
                        "dates in the files are always year-month-day (YYYY-MM-DD): `{iso}` is {day} {month_en} {year}"
                    ),
                )
            }
        },
        None => NotADate::new(
            crate::text!(
                "`{s}` ist kein Datum in der Form Jahr-Monat-Tag",
                "`{s}` is not a date in the form YYYY-MM-DD"
            ),
            crate::text!(
                "Schreiben Sie das Datum als Jahr-Monat-Tag, z. B. `2019-03-14` für den 14. März 2019.",
                "write dates as YYYY-MM-DD, e.g. 2019-03-14 for 14 March 2019"
            ),
        ),
    }
}

use crate::language::{MONTHS_DE, MONTHS_EN};

/// Year, month and day of a date written as people write it: `10.10.2019`,
/// `10.10.19`, `2019/10/10`, `10/10/2019` (day first), `2019-3-4`, `10. Oktober 2019`,
/// `October 10, 2019`. `None` when the text is no date in any of these forms.
fn recognise(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim().trim_end_matches('.');
    let parts: Vec<&str> = s
        .split(|c: char| c == '.' || c == '/' || c == '-' || c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return None;
    }
    let num = |p: &str| -> Option<u32> {
        (p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = |p: &str| -> Option<i32> {
        let n = num(p)? as i32;
        match p.len() {
            4 => Some(n),
            2 if n < 70 => Some(2000 + n),
            2 => Some(1900 + n),
            _ => None,
        }
    };
    let month = |p: &str| {
        num(p)
            .filter(|m| p.len() <= 2 && *m > 0)
            .or_else(|| month_named(p))
    };
    let day = |p: &str| num(p).filter(|_| p.len() <= 2);
    if parts[0].len() == 4 {
        // 2019/10/10, 2019.10.10, 2019-3-4
        return Some((year(parts[0])?, month(parts[1])?, day(parts[2])?));
    }
    if let (Some(m), Some(d)) = (month_named(parts[0]), day(parts[1])) {
        // October 10, 2019
        return Some((year(parts[2])?, m, d));
    }
    // 10.10.2019, 10.10.19, 10/10/2019, 10. Oktober 2019
    Some((year(parts[2])?, month(parts[1])?, day(parts[0])?))
}

/// The month a German or English month name (or its usual short form) stands for.
fn month_named(p: &str) -> Option<u32> {
    let p = p.trim_end_matches('.').to_lowercase();
    if p.len() < 3 {
        return None;
    }
    let short: String = p.chars().take(3).collect();
    let m = match short.as_str() {
        "jan" | "jän" => 1,
        "feb" => 2,
        "mär" | "mar" | "mae" => 3,
        "apr" => 4,
        "mai" | "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" | "oct" => 10,
        "nov" => 11,
        "dez" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Why a text is not a date, in words for the writer, with what to write instead
/// (`10.10.2019` "must be written as `2019-10-10`"; `2019-02-30` "is not a date: the
/// month has no day 30"); a content problem quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADate {
    pub message: Text,
    pub help: Text,
}

impl NotADate {
    fn new(message: Text, help: Text) -> Self {
        NotADate { message, help }
    }
}

impl std::ops::Deref for NotADate {
    type Target = str;
    fn deref(&self) -> &str {
        &self.message.en
    }
}

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl From<NotADate> for Text {
    fn from(e: NotADate) -> Self {
        e.message
    }
}

impl From<NotADate> for String {
    fn from(e: NotADate) -> String {
        e.message.en
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_impossible_ones() {
        assert!(parse_date("2019-03-14").is_ok());
        assert!(parse_date("2019-03-14T10:00:00").is_ok());
        let e = parse_date("2019-02-30").unwrap_err();
        assert_eq!(
            e.message.en,
            "`2019-02-30` is not a date: the month has no day 30"
        );
        assert_eq!(
            e.message.de,
            "`2019-02-30` ist kein Datum: den 30. Februar gibt es nicht"
        );
        assert!(parse_date("2019-13-01")
            .unwrap_err()
            .contains("no month 13"));
        assert!(parse_date("2019-3-4").is_err());
        assert!(parse_date("２０１９-03-14").is_err());
    }

    #[test]
    fn dates_written_another_way_offer_the_exact_iso_date() {
        for (written, iso) in [
            ("10.10.2019", "2019-10-10"),
            ("10.10.19", "2019-10-10"),
            ("1.3.2019", "2019-03-01"),
            ("2019/10/10", "2019-10-10"),
            ("2019-3-4", "2019-03-04"),
            ("10/04/2019", "2019-04-10"),
            ("10. Oktober 2019", "2019-10-10"),
            ("10. Okt. 2019", "2019-10-10"),
            ("3. März 2019", "2019-03-03"),
            ("October 10, 2019", "2019-10-10"),
            ("10 Oct 2019", "2019-10-10"),
        ] {
            let e = parse_date(written).unwrap_err();
            assert_eq!(
                e.message.de,
                format!("Das Datum `{written}` muss als `{iso}` geschrieben werden"),
                "{written}"
            );
            assert_eq!(
                e.message.en,
                format!("the date `{written}` must be written as `{iso}`")
            );
        }
        let e = parse_date("10.10.2019").unwrap_err();
        assert_eq!(
            e.help.de,
            "In den Dateien steht ein Datum immer als Jahr-Monat-Tag: `2019-10-10` ist der 10. Oktober 2019."
        );
    }

    #[test]
    fn a_recognised_date_that_does_not_exist_says_so() {
        let e = parse_date("31.02.2019").unwrap_err();
        assert_eq!(
            e.message.en,
            "`31.02.2019` is not a date: the month has no day 31"
        );
    }

    #[test]
    fn what_is_no_date_at_all_is_not_guessed() {
        for s in ["bald", "nächste Woche", "2019", "10.10", "1.2.3.4"] {
            let e = parse_date(s).unwrap_err();
            assert_eq!(
                e.message.en,
                format!("`{s}` is not a date in the form YYYY-MM-DD")
            );
        }
    }
}
