//! Dates, numbers and UI strings in the programme's language.

use crate::content::{Language, Rhythm};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

use crate::language::{MONTHS_DE, MONTHS_EN};
const MONTHS_SHORT_DE: [&str; 12] = [
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
];
const MONTHS_SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub(crate) fn month_name(lang: Language, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Language::De => MONTHS_DE[i],
        Language::En => MONTHS_EN[i],
    }
}

pub(crate) fn month_short(lang: Language, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Language::De => MONTHS_SHORT_DE[i],
        Language::En => MONTHS_SHORT_EN[i],
    }
}

/// "14. März 2019" / "March 14, 2019"
pub(crate) fn date_long(lang: Language, d: NaiveDate) -> String {
    match lang {
        Language::De => format!("{}. {} {}", d.day(), month_name(lang, d.month()), d.year()),
        Language::En => format!("{} {}, {}", month_name(lang, d.month()), d.day(), d.year()),
    }
}

/// "März 2019" / "March 2019"
pub(crate) fn month_year(lang: Language, year: i32, month: u32) -> String {
    format!("{} {}", month_name(lang, month), year)
}

/// "14.03.2019" / "Mar 14, 2019"
pub(crate) fn date_short(lang: Language, d: NaiveDate) -> String {
    match lang {
        Language::De => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Language::En => format!("{} {}, {}", month_short(lang, d.month()), d.day(), d.year()),
    }
}

/// A decimal number with one place where needed: "12,5" / "12.5", "3".
pub(crate) fn decimal(lang: Language, v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let s = if rounded.fract().abs() < 1e-9 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    };
    match lang {
        Language::De => s.replace('.', ","),
        Language::En => s,
    }
}

/// A time in hours and minutes, for one meeting and for totals alike:
/// "1 Std. 30 Min.", "45 Min.", "36 Std." / "1 h 30 min", "45 min", "36 h".
pub(crate) fn duration(lang: Language, minutes: impl Into<u64>) -> String {
    let minutes = minutes.into();
    let (h, m) = (minutes / 60, minutes % 60);
    let (hu, mu) = match lang {
        Language::De => ("Std.", "Min."),
        Language::En => ("h", "min"),
    };
    match (h, m) {
        (0, m) => format!("{m} {mu}"),
        (h, 0) => format!("{h} {hu}"),
        (h, m) => format!("{h} {hu} {m} {mu}"),
    }
}

/// A rhythm as people say it: "wöchentlich", "alle 2 Wochen", "monatlich", "alle 10
/// Tage" / "weekly", "every 2 weeks", "monthly", "every 10 days".
pub(crate) fn rhythm(lang: Language, r: Rhythm) -> String {
    let d = r.days;
    let (n, unit) = if d % 30 == 0 {
        (d / 30, 30)
    } else if d % 7 == 0 {
        (d / 7, 7)
    } else {
        (d, 1)
    };
    match (lang, n, unit) {
        (Language::De, 1, 1) => "täglich".into(),
        (Language::De, 1, 7) => "wöchentlich".into(),
        (Language::De, 1, _) => "monatlich".into(),
        (Language::De, n, 1) => format!("alle {n} Tage"),
        (Language::De, n, 7) => format!("alle {n} Wochen"),
        (Language::De, n, _) => format!("alle {n} Monate"),
        (Language::En, 1, 1) => "daily".into(),
        (Language::En, 1, 7) => "weekly".into(),
        (Language::En, 1, _) => "monthly".into(),
        (Language::En, n, 1) => format!("every {n} days"),
        (Language::En, n, 7) => format!("every {n} weeks"),
        (Language::En, n, _) => format!("every {n} months"),
    }
}

/// A UI string of the theme, or its key when the theme lacks it.
pub(crate) fn ui(strings: &BTreeMap<String, String>, key: &str) -> String {
    strings.get(key).cloned().unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(date_long(Language::De, d(2019, 3, 14)), "14. März 2019");
        assert_eq!(date_long(Language::En, d(2019, 3, 14)), "March 14, 2019");
        assert_eq!(month_year(Language::De, 2019, 12), "Dezember 2019");
        assert_eq!(date_short(Language::De, d(2019, 3, 4)), "04.03.2019");
    }

    #[test]
    fn numbers() {
        assert_eq!(decimal(Language::De, 12.5), "12,5");
        assert_eq!(decimal(Language::En, 12.5), "12.5");
        assert_eq!(decimal(Language::De, 3.0), "3");
        assert_eq!(duration(Language::En, 90u32), "1 h 30 min");
        assert_eq!(duration(Language::De, 90u32), "1 Std. 30 Min.");
        assert_eq!(duration(Language::De, 45u32), "45 Min.");
        assert_eq!(duration(Language::De, 2160u64), "36 Std.");
        assert_eq!(duration(Language::En, 120u32), "2 h");
    }

    #[test]
    fn rhythms_read_as_people_say_them() {
        let r = |days| Rhythm { days };
        assert_eq!(rhythm(Language::De, r(14)), "alle 2 Wochen");
        assert_eq!(rhythm(Language::De, r(7)), "wöchentlich");
        assert_eq!(rhythm(Language::De, r(30)), "monatlich");
        assert_eq!(rhythm(Language::De, r(60)), "alle 2 Monate");
        assert_eq!(rhythm(Language::De, r(10)), "alle 10 Tage");
        assert_eq!(rhythm(Language::De, r(1)), "täglich");
        assert_eq!(rhythm(Language::En, r(21)), "every 3 weeks");
        assert_eq!(rhythm(Language::En, r(30)), "monthly");
    }
}
