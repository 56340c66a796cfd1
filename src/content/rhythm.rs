//! How often a tandem means to meet, as people write it: `alle 2 Wochen`, `14-täglich`,
//! `wöchentlich`, `monatlich`, `every 3 weeks`, `monthly`, or a number of days (`21`).

/// A planned rhythm, in days between meetings. A month counts as 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rhythm {
    pub days: u32,
}

/// The longest rhythm tandem accepts: a year.
pub const MAX_DAYS: u32 = 365;

/// A gap counts as quiet from this many days on, whatever the rhythm.
pub const QUIET_MIN_DAYS: i64 = 21;

/// Where a tandem's rhythm comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RhythmSource {
    Tandem,
    Cohort,
    Programme,
    /// Nobody said: [`Rhythm::DEFAULT`].
    Default,
}

impl Rhythm {
    /// The rhythm of a tandem when neither it, its cohort nor the programme gives one:
    /// monthly, what most reverse-mentoring programmes plan.
    pub const DEFAULT: Rhythm = Rhythm { days: 30 };

    /// The longest gap that still fits the rhythm: twice the rhythm, at least
    /// [`QUIET_MIN_DAYS`]. A gap longer than that is a quiet phase: a whole planned
    /// meeting was left out, not just moved by a week.
    pub fn quiet_after(self) -> i64 {
        (2 * i64::from(self.days)).max(QUIET_MIN_DAYS)
    }
}

/// Why a text is not a rhythm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RhythmError {
    /// Not a form tandem knows.
    Unknown,
    /// A rhythm of no days, or of more than a year.
    OutOfRange,
}

/// Parses a rhythm.
pub fn parse_rhythm(input: &str) -> Result<Rhythm, RhythmError> {
    let s = input.trim().to_lowercase().replace(['–', '-'], " ");
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let days = match words.as_slice() {
        [] => return Err(RhythmError::Unknown),
        [one] => single_word(one).ok_or(RhythmError::Unknown)?,
        // "14 täglich", "2 wöchentlich" (written with a hyphen)
        [n, w] if count(n).is_some() && single_word(w).is_some() => {
            let per = single_word(w).unwrap_or(1);
            u64::from(count(n).unwrap_or(0)) * per
        }
        // "alle 2 Wochen", "every 3 weeks", "einmal im Monat", "jede Woche"
        [lead, rest @ ..] if is_every(lead) => every(rest).ok_or(RhythmError::Unknown)?,
        // "10 Tage", "3 weeks"
        [n, unit] => u64::from(count(n).ok_or(RhythmError::Unknown)?) * unit_days(unit)?,
        _ => return Err(RhythmError::Unknown),
    };
    if days == 0 || days > u64::from(MAX_DAYS) {
        return Err(RhythmError::OutOfRange);
    }
    Ok(Rhythm { days: days as u32 })
}

/// A rhythm in one word: `wöchentlich`, `monthly`, `14täglich`, `21`.
fn single_word(w: &str) -> Option<u64> {
    if let Ok(n) = w.parse::<u64>() {
        return Some(n);
    }
    let known: &[(&str, u64)] = &[
        ("täglich", 1),
        ("daily", 1),
        ("wöchentlich", 7),
        ("weekly", 7),
        ("zweiwöchentlich", 14),
        ("vierzehntäglich", 14),
        ("vierzehntägig", 14),
        ("zweiwöchig", 14),
        ("tägig", 1),
        ("wöchig", 7),
        ("biweekly", 14),
        ("fortnightly", 14),
        ("dreiwöchentlich", 21),
        ("vierwöchentlich", 28),
        ("monatlich", 30),
        ("monthly", 30),
        ("zweimonatlich", 60),
        ("bimonthly", 60),
        ("quartalsweise", 90),
        ("vierteljährlich", 90),
        ("quarterly", 90),
    ];
    if let Some((_, d)) = known.iter().find(|(k, _)| *k == w) {
        return Some(*d);
    }
    // "14täglich", "3wöchentlich"
    for (suffix, per) in [
        ("täglich", 1),
        ("tägig", 1),
        ("wöchentlich", 7),
        ("wöchig", 7),
        ("monatlich", 30),
    ] {
        if let Some(n) = w.strip_suffix(suffix) {
            return n.parse::<u64>().ok().map(|n| n * per);
        }
    }
    None
}

fn is_every(w: &str) -> bool {
    matches!(
        w,
        "alle" | "jede" | "jeden" | "jedes" | "every" | "each" | "einmal" | "once"
    )
}

/// What follows "alle"/"every": `2 Wochen`, `Woche`, `im Monat`, `a month`, `zwei Wochen`.
fn every(rest: &[&str]) -> Option<u64> {
    let rest: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "im" | "in" | "pro" | "per" | "a" | "the" | "je"))
        .collect();
    match rest.as_slice() {
        [unit] => unit_days(unit).ok(),
        [n, unit] => Some(u64::from(count(n)?) * unit_days(unit).ok()?),
        _ => None,
    }
}

/// A count in digits or words.
fn count(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let words = [
        ("ein", 1),
        ("eine", 1),
        ("einen", 1),
        ("one", 1),
        ("zwei", 2),
        ("two", 2),
        ("drei", 3),
        ("three", 3),
        ("vier", 4),
        ("four", 4),
        ("fünf", 5),
        ("five", 5),
        ("sechs", 6),
        ("six", 6),
        ("sieben", 7),
        ("seven", 7),
        ("acht", 8),
        ("eight", 8),
    ];
    words.iter().find(|(k, _)| *k == w).map(|(_, n)| *n)
}

fn unit_days(w: &str) -> Result<u64, RhythmError> {
    Ok(match w {
        "tag" | "tage" | "tagen" | "day" | "days" => 1,
        "woche" | "wochen" | "week" | "weeks" => 7,
        "monat" | "monate" | "monaten" | "month" | "months" => 30,
        _ => return Err(RhythmError::Unknown),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(s: &str) -> Result<u32, RhythmError> {
        parse_rhythm(s).map(|r| r.days)
    }

    #[test]
    fn german_forms() {
        assert_eq!(days("alle 2 Wochen"), Ok(14));
        assert_eq!(days("alle zwei Wochen"), Ok(14));
        assert_eq!(days("14-täglich"), Ok(14));
        assert_eq!(days("14-tägig"), Ok(14));
        assert_eq!(days("vierzehntäglich"), Ok(14));
        assert_eq!(days("wöchentlich"), Ok(7));
        assert_eq!(days("Wöchentlich"), Ok(7));
        assert_eq!(days("jede Woche"), Ok(7));
        assert_eq!(days("monatlich"), Ok(30));
        assert_eq!(days("einmal im Monat"), Ok(30));
        assert_eq!(days("alle 3 Wochen"), Ok(21));
        assert_eq!(days("alle 10 Tage"), Ok(10));
        assert_eq!(days("alle 2 Monate"), Ok(60));
        assert_eq!(days("3-wöchentlich"), Ok(21));
    }

    #[test]
    fn english_forms_and_numbers() {
        assert_eq!(days("every 3 weeks"), Ok(21));
        assert_eq!(days("every two weeks"), Ok(14));
        assert_eq!(days("every week"), Ok(7));
        assert_eq!(days("monthly"), Ok(30));
        assert_eq!(days("once a month"), Ok(30));
        assert_eq!(days("weekly"), Ok(7));
        assert_eq!(days("fortnightly"), Ok(14));
        assert_eq!(days("21"), Ok(21));
        assert_eq!(days("10 days"), Ok(10));
        assert_eq!(days(" 3 Wochen "), Ok(21));
    }

    #[test]
    fn what_is_not_a_rhythm() {
        assert_eq!(days(""), Err(RhythmError::Unknown));
        assert_eq!(days("oft"), Err(RhythmError::Unknown));
        assert_eq!(days("14 Tage lang"), Err(RhythmError::Unknown));
        assert_eq!(days("alle paar Wochen"), Err(RhythmError::Unknown));
        assert_eq!(days("alle 2 Jahre"), Err(RhythmError::Unknown));
        assert_eq!(days("0"), Err(RhythmError::OutOfRange));
        assert_eq!(days("alle 0 Wochen"), Err(RhythmError::OutOfRange));
        assert_eq!(days("400"), Err(RhythmError::OutOfRange));
        assert_eq!(days("alle 13 Monate"), Err(RhythmError::OutOfRange));
        assert_eq!(days("99999999999999999999"), Err(RhythmError::Unknown));
    }

    #[test]
    fn a_gap_is_quiet_beyond_twice_the_rhythm_and_three_weeks() {
        assert_eq!(Rhythm { days: 7 }.quiet_after(), 21);
        assert_eq!(Rhythm { days: 14 }.quiet_after(), 28);
        assert_eq!(Rhythm { days: 30 }.quiet_after(), 60);
        assert_eq!(Rhythm { days: 1 }.quiet_after(), 21);
    }
}
