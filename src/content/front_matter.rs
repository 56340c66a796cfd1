//! Splitting a Markdown file into YAML front matter and body, and turning YAML errors
//! into diagnostics that point into the original file.

pub use super::dates::{parse_date, NotADate};
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
        if let Some(d) = unopened_front_matter(src) {
            return Err(d);
        }
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
    Err(unclosed_front_matter(src))
}

/// Whether a line of a Markdown file looks like a line of front matter: a field, a
/// list item, an indented line or an empty one.
fn looks_like_yaml(l: &str) -> bool {
    let first = l.chars().next();
    l.trim().is_empty()
        || first.is_some_and(|c| c == ' ' || c == '\t')
        || l.starts_with("- ")
        || l.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && !k.contains(' ')
                && k.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
}

/// The error for front matter whose opening `---` is missing: the file starts with a
/// field of an entry or page (`title:`, `date:` …) and a line `---` follows the
/// fields. Without it, the fields would be published as the text.
fn unopened_front_matter(src: &SourceText) -> Option<Diagnostic> {
    let text = &*src.text;
    let first = text.lines().next()?;
    let (key, _) = first.split_once(':')?;
    let fields = [
        crate::content::yaml::ENTRY_FIELDS,
        crate::content::yaml::DOC_FIELDS,
    ];
    if !fields.iter().any(|f| f.contains(&key.trim())) {
        return None;
    }
    let closing = text.lines().position(|l| l.trim_end() == "---")?;
    if !text.lines().take(closing).all(looks_like_yaml) {
        return None;
    }
    Some(
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Vor Zeile 1 fehlt die Zeile `---`, mit der die Angaben am Anfang der Datei beginnen",
                "a line `---` is missing before line 1, to open the fields at the top of the file"
            ),
        )
        .at(text, 1, 1, first.chars().count())
        .with_help(crate::text!(
            "Fügen Sie ganz oben, vor `{first}`, eine Zeile ein, auf der nur `---` steht.",
            "add a line with only `---` at the very top, before `{first}`"
        )),
    )
}

/// The error for front matter whose closing `---` is missing: at the last line that
/// still looks like a field, when the text below it does not.
fn unclosed_front_matter(src: &SourceText) -> Diagnostic {
    let text = &*src.text;
    let lines: Vec<&str> = text.lines().collect();
    // A line starting with `#` is taken for a heading of the text.
    let first_text = (1..lines.len()).find(|&i| !looks_like_yaml(lines[i]));
    let last_field = first_text.and_then(|b| (1..b).rev().find(|&i| !lines[i].trim().is_empty()));
    match last_field {
        Some(i) => {
            let n = i + 1;
            let field = lines[i].trim();
            Diagnostic::error(
                &src.file,
                crate::text!(
                    "Nach Zeile {n} fehlt die Zeile `---`, die die Angaben am Anfang der Datei abschließt",
                    "a line `---` is missing after line {n}, to close the fields at the top of the file"
                ),
            )
            .at(text, n, 1, field.chars().count())
            .with_help(crate::text!(
                "Fügen Sie nach `{field}` eine Zeile ein, auf der nur `---` steht; darunter beginnt der Text.",
                "add a line with only `---` after `{field}`; the text starts below it"
            ))
        }
        None => Diagnostic::error(
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
        )),
    }
}

/// Parses YAML into `T`: `None` when it cannot be read, with every mistake found in
/// `diags`, each at its line in the original file (`yaml` starts after `line_offset`
/// lines of `whole_text`); see [`yaml_mistakes`](super::yaml_mistakes).
pub fn parse_yaml<T: DeserializeOwned>(
    file: &str,
    whole_text: &str,
    yaml: &str,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    super::yaml_mistakes::read(file, whole_text, yaml, line_offset, diags)
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
        let s = src("---\ntitle: A\ntopics: [a]\n");
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
    fn a_missing_opening_line_is_an_error_at_line_1() {
        let s = src("title: A\ndate: 2019-03-14\n---\n\nText\n");
        let d = split(&s).unwrap_err();
        assert_eq!((d.line, d.column), (1, 1));
        assert_eq!(
            d.message.en,
            "a line `---` is missing before line 1, to open the fields at the top of the file"
        );
        // A text that starts with a word and a colon is a text.
        let s = src("Fazit: ein gutes Jahr.\n\nMehr Text\n");
        assert!(split(&s).is_ok());
    }

    #[test]
    fn a_missing_closing_line_is_placed_after_the_last_field() {
        let s = src("---\ntitle: A\ndate: 2019-03-14\n\n## Worum es ging\n\nText\n");
        let d = split(&s).unwrap_err();
        assert_eq!((d.line, d.column), (3, 1));
        assert_eq!(
            d.message.de,
            "Nach Zeile 3 fehlt die Zeile `---`, die die Angaben am Anfang der Datei abschließt"
        );
        assert_eq!(
            d.help.unwrap().en,
            "add a line with only `---` after `date: 2019-03-14`; the text starts below it"
        );
        let s = src("---\ntitle: A\nHeute ging es um LinkedIn.\n");
        assert_eq!(split(&s).unwrap_err().line, 2);
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
