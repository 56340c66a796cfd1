//! Dates, numbers and UI strings in the programme's language.

use crate::content::Language;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
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

/// "1 h 30 min", "45 min", "2 h"
pub(crate) fn duration(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Total hours from minutes: "12,5" / "12.5".
pub(crate) fn hours(lang: Language, minutes: u64) -> String {
    decimal(lang, minutes as f64 / 60.0)
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
        assert_eq!(duration(90), "1 h 30 min");
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(120), "2 h");
        assert_eq!(hours(Language::De, 90), "1,5");
    }
}
