//! The text of a new diary entry: its file name and its layout, the same for
//! `tandem new entry` and the preview's editor.

use super::slug::slugify;
use chrono::NaiveDate;

/// A text as a YAML double-quoted scalar (a JSON string is one).
pub(crate) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// The file name of a new entry: its date and its title's slug
/// (`2019-03-14-linkedin-fuer-vorstaende.md`); `None` when the title has no letters
/// or digits to make a name from.
pub(crate) fn entry_file_name(date: NaiveDate, title: &str) -> Option<String> {
    let slug = slugify(title);
    (!slug.is_empty()).then(|| format!("{date}-{slug}.md"))
}

/// The `topics:` line of a new entry: the topics given, else the tandem's focus (so
/// that the line is valid YAML as it stands), else none, with a comment that says where
/// topics come from.
pub(crate) fn topics_line(topics: &[String], focus: &[String], de: bool) -> String {
    let list = |ts: &[String]| ts.iter().map(|t| t.trim()).collect::<Vec<_>>().join(", ");
    if !topics.is_empty() {
        format!("topics: [{}]", list(topics))
    } else if !focus.is_empty() {
        format!(
            "topics: [{}]    # {}",
            list(focus),
            if de {
                "der Schwerpunkt des Tandems; alle Themen-IDs stehen in program.yaml"
            } else {
                "the tandem's focus; every topic id is in program.yaml"
            }
        )
    } else {
        format!(
            "topics: []              # {}",
            if de {
                "Themen-IDs aus program.yaml, durch Kommas getrennt"
            } else {
                "topic ids from program.yaml, separated by commas"
            }
        )
    }
}

/// The whole text of a new entry: front matter with comments that explain the fields,
/// and headings to write under.
pub(crate) fn entry_text(title: &str, date: NaiveDate, topics_line: &str, de: bool) -> String {
    if de {
        format!(
            "---\ntitle: {}\ndate: {date}\n{topics_line}\nduration: 60            # Minuten, oder \"1h30\", \"1,5 h\"\nformat: vor Ort         # vor Ort, Video, Telefon …\nauthors: [mentor, mentee]\nvisibility: shared      # private: wird nie veröffentlicht\n---\n\n## Worum es ging\n\n\n## Was wir gelernt haben\n\n\n## Vereinbarungen\n\n- [ ] \n",
            quoted(title)
        )
    } else {
        format!(
            "---\ntitle: {}\ndate: {date}\n{topics_line}\nduration: 60            # minutes, or \"1h30\", \"1.5 h\"\nformat: in person       # in person, video, phone …\nauthors: [mentor, mentee]\nvisibility: shared      # private: never published\n---\n\n## What it was about\n\n\n## What we learned\n\n\n## Agreements\n\n- [ ] \n",
            quoted(title)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_entry_is_named_by_its_date_and_title() {
        let d = NaiveDate::from_ymd_opt(2019, 3, 14).unwrap();
        assert_eq!(
            entry_file_name(d, "LinkedIn für Vorstände").as_deref(),
            Some("2019-03-14-linkedin-fuer-vorstaende.md")
        );
        assert_eq!(entry_file_name(d, "???"), None);
    }
}
