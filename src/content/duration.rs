//! Meeting durations as people write them: `90`, `90min`, `1h30`, `1,5 h`, `1.5h`, `2 Std.`

/// Parses a duration into minutes. Returns `None` for text that is not a duration.
pub fn parse_minutes(input: &str) -> Option<u32> {
    let s: String = input
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return None;
    }
    // Plain number: minutes.
    if let Some(n) = number(&s) {
        return to_minutes(n);
    }
    // "<n>h<m>" or "<n>h" / "<n>std" possibly followed by minutes.
    let hour_units = [
        "stunden", "stunde", "std.", "std", "hours", "hour", "hrs", "hr", "h",
    ];
    let minute_units = ["minuten", "minute", "min.", "min", "m"];
    for unit in hour_units {
        if let Some(pos) = s.find(unit) {
            let (h, rest) = (&s[..pos], &s[pos + unit.len()..]);
            let hours = number(h)?;
            let mut minutes = hours * 60.0;
            if !rest.is_empty() {
                let rest = strip_suffix_any(rest, &minute_units).unwrap_or(rest);
                minutes += number(rest)?;
            }
            return to_minutes(minutes);
        }
    }
    for unit in minute_units {
        if let Some(n) = s.strip_suffix(unit) {
            return to_minutes(number(n)?);
        }
    }
    None
}

fn strip_suffix_any<'a>(s: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes.iter().find_map(|suf| s.strip_suffix(suf))
}

fn number(s: &str) -> Option<f64> {
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    s.replace(',', ".").parse::<f64>().ok()
}

fn to_minutes(n: f64) -> Option<u32> {
    if n.is_finite() && n > 0.0 && n <= 24.0 * 60.0 * 7.0 {
        Some(n.round() as u32)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::parse_minutes;

    #[test]
    fn forms_people_write() {
        assert_eq!(parse_minutes("90"), Some(90));
        assert_eq!(parse_minutes("90min"), Some(90));
        assert_eq!(parse_minutes("90 Minuten"), Some(90));
        assert_eq!(parse_minutes("1h30"), Some(90));
        assert_eq!(parse_minutes("1h 30min"), Some(90));
        assert_eq!(parse_minutes("1,5 h"), Some(90));
        assert_eq!(parse_minutes("1.5h"), Some(90));
        assert_eq!(parse_minutes("2 Std."), Some(120));
        assert_eq!(parse_minutes("2 Stunden"), Some(120));
        assert_eq!(parse_minutes("45"), Some(45));
    }

    #[test]
    fn nonsense_is_rejected() {
        assert_eq!(parse_minutes(""), None);
        assert_eq!(parse_minutes("lang"), None);
        assert_eq!(parse_minutes("0"), None);
        assert_eq!(parse_minutes("-5"), None);
        assert_eq!(parse_minutes("1h30x"), None);
        assert_eq!(parse_minutes("99999999"), None);
        assert_eq!(parse_minutes("h"), None);
    }
}
