//! Splitting a Markdown file into YAML front matter and body, and turning YAML errors
//! into diagnostics that point into the original file.

use crate::diagnostics::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;

/// A text file read from the content folder: BOM removed, CRLF turned into LF (line
/// and column numbers stay those an editor shows).
#[derive(Debug, Clone)]
pub struct SourceText {
    pub file: String,
    pub text: std::sync::Arc<str>,
}

/// Decodes a file's bytes; a file that is not UTF-8 gives an error pointing at the
/// first bad byte.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<SourceText, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let line = good.matches('\n').count() + 1;
            let column = good[good.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            let line_text: String = String::from_utf8_lossy(&bytes)
                .lines()
                .nth(line - 1)
                .unwrap_or("")
                .to_string();
            return Err(Diagnostic::error(
                file,
                crate::text!(
                    "Diese Datei ist nicht als UTF-8 gespeichert, deshalb können ihre Zeichen nicht gelesen werden",
                    "this file is not saved as UTF-8 text, so its characters cannot be read"
                ),
            )
            .at(&line_text_as_source(line, &line_text), line, column, 1)
            .with_help(crate::text!(
                "Speichern Sie die Datei mit der Kodierung „UTF-8“ (in den meisten Editoren: Datei → Speichern unter → Kodierung: UTF-8).",
                "save the file with the encoding \"UTF-8\" (in most editors: File → Save with Encoding → UTF-8)"
            )));
        }
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        let hint = if text.len() > 1 && text.bytes().filter(|&b| b == 0).count() * 3 > text.len() {
            crate::text!(
                "Die Datei scheint als UTF-16 gespeichert zu sein. Speichern Sie sie mit der Kodierung „UTF-8“ (in den meisten Editoren: Datei → Speichern unter → Kodierung: UTF-8).",
                "the file looks like it was saved as UTF-16: save it with the encoding \"UTF-8\" (in most editors: File → Save with Encoding → UTF-8)"
            )
        } else {
            crate::text!(
                "Löschen Sie das unsichtbare Zeichen an dieser Stelle (oder schreiben Sie die Zeile neu). Kommt die Datei aus einem anderen Programm, speichern Sie sie noch einmal als reinen Text mit der Kodierung „UTF-8“.",
                "delete the invisible character at this place (or retype the line); if the file came from another program, save it again as plain UTF-8 text"
            )
        };
        return Err(Diagnostic::error(
            file,
            crate::text!(
                "Diese Datei enthält ein unsichtbares Null-Zeichen, das in Textdateien nicht vorkommen darf",
                "this file contains a NUL character (an invisible zero byte), which text files must not hold"
            ),
        )
        .at(&text.replace('\0', "␀"), line, column, 1)
        .with_help(hint));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(SourceText {
        file: file.to_string(),
        text: text.into(),
    })
}

fn line_text_as_source(line: usize, text: &str) -> String {
    let mut s = "\n".repeat(line.saturating_sub(1));
    s.push_str(text);
    s
}

/// Front matter and body of a Markdown file.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (empty when there is none).
    pub yaml: &'a str,
    /// Number of lines before the YAML starts (1 when there is front matter).
    pub yaml_line_offset: usize,
    /// Byte offset of the body within the file text.
    pub body_offset: usize,
}

/// Splits `---\nyaml\n---\nbody`. A file without a first `---` line has no front matter.
pub fn split(src: &SourceText) -> Result<Split<'_>, Diagnostic> {
    let text = &*src.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_line_offset: 0,
            body_offset: 0,
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line_offset: 1,
                body_offset: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(
        &src.file,
        crate::text!(
            "Die Angaben am Anfang der Datei beginnen in Zeile 1 mit `---`, aber die schließende Zeile `---` fehlt",
            "the fields at the top of the file start with `---` on line 1, but the closing `---` line is missing"
        ),
    )
    .at(text, 1, 1, 3)
    .with_help(crate::text!(
        "Fügen Sie nach dem letzten Feld (title, date, topics …) eine Zeile ein, auf der nur `---` steht.",
        "add a line with only `---` after the last field (title, date, topics …)"
    )))
}

/// Parses YAML into `T`, mapping any error to a diagnostic in the original file.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &str,
    whole_text: &str,
    yaml: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options)
        .map_err(|e| yaml_error(file, whole_text, &e, line_offset))
}

fn yaml_error(
    file: &str,
    whole_text: &str,
    e: &serde_saphyr::Error,
    line_offset: usize,
) -> Diagnostic {
    let plain = e
        .without_snippet()
        .render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
    let (message, help) = explain_yaml_message(&strip_location_suffix(&plain));
    let mut d = Diagnostic::error(file, message);
    if let Some(h) = help {
        d = d.with_help(h);
    }
    match e.location() {
        Some(loc) if loc.line() > 0 => d.at(
            whole_text,
            loc.line() as usize + line_offset,
            loc.column().max(1) as usize,
            1,
        ),
        _ => d.at(whole_text, 1 + line_offset, 1, 1),
    }
}

fn strip_location_suffix(msg: &str) -> String {
    let msg = msg.trim();
    for marker in [" at line ", " at ", ", line "] {
        if let Some(i) = msg.rfind(marker) {
            let tail = &msg[i + marker.len()..];
            if tail.chars().all(|c| {
                c.is_ascii_digit() || c == ':' || c == ',' || c == ' ' || c.is_ascii_alphabetic()
            }) && tail.chars().any(|c| c.is_ascii_digit())
                && (tail.contains("column") || tail.contains(':') || marker == " at line ")
            {
                return msg[..i].trim().to_string();
            }
        }
    }
    msg.to_string()
}

/// Turns the YAML library's wording into plain words where we can, with a fix.
fn explain_yaml_message(msg: &str) -> (String, Option<String>) {
    let lower = msg.to_lowercase();
    if lower.contains("budget breached") || lower.contains("recursion limit") {
        let what = if lower.contains("depth") || lower.contains("recursion") {
            "it is nested too deeply (more than 64 levels)"
        } else if lower.contains("alias") {
            "it refers back to other parts (`*name`) more than 50,000 times"
        } else if lower.contains("anchor") {
            "it names more than 50,000 parts (`&name`)"
        } else if lower.contains("nodes") || lower.contains("events") {
            "it holds more than 250,000 values, counting every part that `*name` repeats"
        } else if lower.contains("scalar") || lower.contains("bytes") {
            "its texts add up to more than 64 MB"
        } else {
            "it is too big"
        };
        return (
            format!("this YAML is too large to read safely: {what}"),
            Some("write each value out once instead of repeating parts with `&name` and `*name`, and split very long lists; a programme never needs this much".into()),
        );
    }
    if lower.contains("duplicate") {
        let field = msg
            .split("duplicate mapping key:")
            .nth(1)
            .and_then(|r| r.split(',').next())
            .map(|f| f.trim().to_string());
        return (
            match field {
                Some(f) => format!("the field `{f}` appears twice"),
                None => "a field appears twice".to_string(),
            },
            Some("keep only one of the two lines with this field name".into()),
        );
    }
    if lower.contains("missing field") {
        return (
            msg.to_string(),
            Some("add the field on its own line, e.g. `title: …`".into()),
        );
    }
    if lower.contains("mapping values are not allowed") || lower.contains("did not find expected") {
        return (
            format!("this YAML cannot be read: {msg}"),
            Some("a value that contains `: ` or starts with `[`, `{`, `*`, `&` or `#` must be put in quotes, e.g. title: \"Rückblick: Teil 2\"".into()),
        );
    }
    if lower.contains("invalid type") {
        return (
            format!("this value has the wrong form: {msg}"),
            Some("lists are written `[a, b]`, text in quotes if unsure".into()),
        );
    }
    (
        format!("this YAML cannot be read: {msg}"),
        Some("check the indentation and put text containing `:` or `#` in quotes".into()),
    )
}

/// Warns about top-level keys that are not part of the format, with a suggestion.
/// Scans the raw text (top-level keys start at column 1), so it works even for keys
/// that serde silently ignores.
pub(crate) fn unknown_keys(
    file: &str,
    whole_text: &str,
    yaml: &str,
    line_offset: usize,
    known: &[&str],
    aliases: &[(&str, &str)],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut more = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if !(first.is_alphabetic() || first == '_') {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim();
        if key.contains(' ') && !key.starts_with('"') {
            continue;
        }
        let key = key.trim_matches('"').trim_matches('\'');
        if known.contains(&key) {
            continue;
        }
        if out.len() >= crate::diagnostics::MAX_SIMILAR {
            more += 1;
            continue;
        }
        let suggestion = aliases
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(key))
            .map(|(_, k)| *k)
            .or_else(|| did_you_mean(key, known.iter().copied()));
        let fields = known.join(", ");
        let help = match suggestion {
            Some(s) => crate::text!(
                "Meinten Sie `{s}`? Schreiben Sie `{s}:` statt `{key}:`. Bekannte Felder: {fields}.",
                "did you mean `{s}`? Write `{s}:` instead of `{key}:`. Known fields: {fields}"
            ),
            None => crate::text!(
                "Bekannte Felder sind: {fields}. Löschen Sie die Zeile oder benennen Sie das Feld um.",
                "known fields are: {fields}; remove the line or rename the field"
            ),
        };
        out.push(
            Diagnostic::warning(
                file,
                crate::text!(
                    "Das Feld `{key}` ist unbekannt und wird nicht beachtet",
                    "unknown field `{key}` is ignored"
                ),
            )
            .at(whole_text, i + 1 + line_offset, 1, key.chars().count())
            .with_help(help),
        );
    }
    if more > 0 {
        if let Some(last) = out.last() {
            out.push(last.and_more(more, crate::text!("unbekannte Felder", "unknown fields")));
        }
    }
    out
}

/// A date written `YYYY-MM-DD` (a time after it is allowed and ignored).
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, NotADate> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    let rest = s.get(10..).unwrap_or("");
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return Err(NotADate(format!("`{s}` is not a date")));
    }
    let parts: Vec<&str> = day.split('-').collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || parts[1].len() != 2
        || parts[2].len() != 2
        || !day.chars().all(|c| c.is_ascii_digit() || c == '-')
    {
        return Err(NotADate(format!(
            "`{s}` is not a date in the form YYYY-MM-DD"
        )));
    }
    let (y, m, d): (i32, u32, u32) = (
        parts[0]
            .parse()
            .map_err(|_| NotADate(format!("`{s}` is not a date")))?,
        parts[1]
            .parse()
            .map_err(|_| NotADate(format!("`{s}` is not a date")))?,
        parts[2]
            .parse()
            .map_err(|_| NotADate(format!("`{s}` is not a date")))?,
    );
    if !(1..=12).contains(&m) {
        return Err(NotADate(format!(
            "`{s}` is not a date: there is no month {m}"
        )));
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| NotADate(format!("`{s}` is not a date: the month has no day {d}")))
}

/// Why a text is not a date, in words for the writer (`2019-02-30` "is not a date:
/// the month has no day 30"); a content problem quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADate(String);

impl std::ops::Deref for NotADate {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<NotADate> for crate::diagnostics::Text {
    fn from(e: NotADate) -> Self {
        String::from(e).into()
    }
}

impl From<NotADate> for String {
    fn from(e: NotADate) -> String {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(t: &str) -> SourceText {
        decode("e.md", t.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let s = src("\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n");
        assert_eq!(&*s.text, "---\ntitle: A\n---\nBody\n");
        let sp = split(&s).unwrap();
        assert_eq!(sp.yaml, "title: A\n");
        assert_eq!(&s.text[sp.body_offset..], "Body\n");
    }

    #[test]
    fn no_front_matter() {
        let s = src("# Hello\n\ntext");
        let sp = split(&s).unwrap();
        assert_eq!(sp.yaml, "");
        assert_eq!(sp.body_offset, 0);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let s = src("---\ntitle: A\nBody\n");
        let d = split(&s).unwrap_err();
        assert_eq!((d.line, d.column), (1, 1));
        assert_eq!(
            d.message.de,
            "Die Angaben am Anfang der Datei beginnen in Zeile 1 mit `---`, aber die schließende Zeile `---` fehlt"
        );
        assert_eq!(
            d.message.en,
            "the fields at the top of the file start with `---` on line 1, but the closing `---` line is missing"
        );
    }

    #[test]
    fn not_utf8_points_at_the_byte() {
        let d = decode("x.md", b"ok\nab\xff\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
        assert_eq!(
            d.message.de,
            "Diese Datei ist nicht als UTF-8 gespeichert, deshalb können ihre Zeichen nicht gelesen werden"
        );
        assert_eq!(
            d.message.en,
            "this file is not saved as UTF-8 text, so its characters cannot be read"
        );
    }

    #[test]
    fn dates() {
        assert!(parse_date("2019-03-14").is_ok());
        assert!(parse_date("2019-03-14T10:00:00").is_ok());
        assert!(parse_date("2019-02-30").unwrap_err().contains("no day 30"));
        assert!(parse_date("2019-13-01")
            .unwrap_err()
            .contains("no month 13"));
        assert!(parse_date("14.03.2019").is_err());
        assert!(parse_date("2019-3-4").is_err());
    }

    #[test]
    fn unknown_key_gets_a_suggestion() {
        let t = "---\ntitel: A\ntags: [x]\n---\n";
        let d = unknown_keys(
            "e.md",
            t,
            "titel: A\ntags: [x]\n",
            1,
            &["title", "topics"],
            &[("tags", "topics")],
        );
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[0].column), (2, 1));
        assert_eq!(
            d[1].message.de,
            "Das Feld `tags` ist unbekannt und wird nicht beachtet"
        );
        assert_eq!(d[1].message.en, "unknown field `tags` is ignored");
        assert_eq!(
            d[1].help.as_ref().map(|h| h.de.as_str()),
            Some("Meinten Sie `topics`? Schreiben Sie `topics:` statt `tags:`. Bekannte Felder: title, topics.")
        );
        assert!(d[0]
            .help
            .as_ref()
            .map(|h| h.en.as_str())
            .unwrap()
            .contains("did you mean `title`?"));
        assert!(d[1]
            .help
            .as_ref()
            .map(|h| h.en.as_str())
            .unwrap()
            .contains("did you mean `topics`?"));
    }
}
