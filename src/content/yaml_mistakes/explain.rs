//! The YAML library's error, when the scan found nothing it knows: in plain words,
//! at a line that exists, with what to do.

use super::scan::split_key;
use super::shapes::{example_with, shape, Kind, Shape};
use super::words::{self, Trouble, Words};
use super::Mistake;
use serde_saphyr::Error;

/// The error inside the wrappers that only add a snippet or an alias's place.
fn inner(e: &Error) -> &Error {
    match e {
        Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => inner(error),
        other => other,
    }
}

/// The library's words, without the position it appends.
fn library_words(e: &Error) -> String {
    let plain = e
        .without_snippet()
        .render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
    strip_location_suffix(&plain)
}

fn strip_location_suffix(msg: &str) -> String {
    let msg = msg.trim();
    let msg = msg.strip_prefix("error: ").unwrap_or(msg);
    // "line 3 column 12: unclosed quote"
    if let Some((head, rest)) = msg.split_once(": ") {
        if head.starts_with("line ") && head.contains("column") {
            return rest.trim().to_string();
        }
    }
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

/// The error for a YAML too large to read safely (an alias bomb, nesting too deep).
pub(super) fn too_large(e: &Error, lines: &[&str]) -> Option<Mistake> {
    let lower = library_words(e).to_lowercase();
    if !(lower.contains("budget breached") || lower.contains("recursion limit")) {
        return None;
    }
    let (de, en) = if lower.contains("depth") || lower.contains("recursion") {
        (
            "sie ist zu tief verschachtelt (mehr als 64 Ebenen)",
            "it is nested too deeply (more than 64 levels)",
        )
    } else if lower.contains("alias") {
        (
            "sie verweist mehr als 50.000-mal auf andere Teile (`*name`)",
            "it refers back to other parts (`*name`) more than 50,000 times",
        )
    } else if lower.contains("anchor") {
        (
            "sie benennt mehr als 50.000 Teile (`&name`)",
            "it names more than 50,000 parts (`&name`)",
        )
    } else if lower.contains("nodes") || lower.contains("events") {
        (
            "sie enthält mehr als 250.000 Werte, jede Wiederholung durch `*name` mitgezählt",
            "it holds more than 250,000 values, counting every part that `*name` repeats",
        )
    } else if lower.contains("scalar") || lower.contains("bytes") {
        (
            "ihre Texte sind zusammen größer als 64 MB",
            "its texts add up to more than 64 MB",
        )
    } else {
        ("sie ist zu groß", "it is too big")
    };
    let (line, column) = position(e, lines);
    Some(Mistake {
        line,
        column,
        len: 1,
        message: crate::text!(
            "Diese Datei ist zu groß, um sie sicher zu lesen: {de}",
            "this YAML is too large to read safely: {en}"
        ),
        help: crate::text!(
            "Schreiben Sie jeden Wert einmal aus, statt Teile mit `&name` und `*name` zu wiederholen, und teilen Sie sehr lange Listen; ein Programm braucht nie so viel.",
            "write each value out once instead of repeating parts with `&name` and `*name`, and split very long lists; a programme never needs this much"
        ),
        fix: Vec::new(),
    })
}

/// Where the error is: a line of the YAML (1-based) that exists, and a column on it.
fn position(e: &Error, lines: &[&str]) -> (usize, usize) {
    let last = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(1, |i| i + 1);
    match e.location() {
        Some(loc) if loc.line() > 0 && (loc.line() as usize) <= last => {
            let line = loc.line() as usize;
            let len = lines[line - 1].chars().count();
            let column = (loc.column() as usize).clamp(1, len + 1);
            (line, column)
        }
        _ => (last, 1),
    }
}

/// The top-level field that line `line` (1-based) belongs to.
fn field_of<'a>(lines: &[&'a str], line: usize) -> Option<&'a str> {
    top_line(lines, line).map(|(k, _)| k)
}

/// The top-level field that line `line` (1-based) belongs to, with what is written
/// after it on its own line.
fn top_line<'a>(lines: &[&'a str], line: usize) -> Option<(&'a str, &'a str)> {
    lines[..line.min(lines.len())]
        .iter()
        .rev()
        .find(|l| !l.starts_with([' ', '\t', '#', '-']) && !l.trim().is_empty())
        .and_then(|l| split_key(l).map(|(k, v, _)| (k, v)))
}

/// The library's error in plain words, at the line it names.
pub(super) fn explain(e: &Error, lines: &[&str], kind: Kind, offset: usize) -> Mistake {
    let (line, column) = position(e, lines);
    let n = line + offset;
    let content = lines.get(line - 1).map_or("", |l| l.trim());
    let mut at = (line, column);
    let words = match inner(e) {
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            let first = first_line_of(lines, &key, line).map(|l| l + offset);
            words::duplicate(&key, first)
        }
        Error::SerdeMissingField { field, .. } => {
            let (words, item_line) = missing(lines, line, field, kind, offset);
            at = (item_line, indent_of(lines[item_line - 1]) + 1);
            words
        }
        Error::SerdeInvalidType { .. } | Error::Unexpected { .. } => {
            wrong_shape(n, top_line(lines, line), kind)
        }
        Error::MultipleDocuments { .. } => {
            // The error is at the line after the `---` that starts a second part.
            let dashes = lines[..line].iter().rposition(|l| l.trim_end() == "---");
            at = (dashes.map_or(line, |i| i + 1), 1);
            words::second_document(at.0 + offset)
        }
        _ => parser_words(
            n,
            &library_words(e).to_lowercase(),
            content,
            lines,
            line,
            column,
        ),
    };
    Mistake {
        line: at.0,
        column: at.1,
        len: 1,
        message: words.0,
        help: words.1,
        fix: Vec::new(),
    }
}

fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// The line (1-based) where `key` is first written before line `before`, at the same
/// indentation.
fn first_line_of(lines: &[&str], key: &str, before: usize) -> Option<usize> {
    let indent = lines.get(before - 1).map_or(0, |l| indent_of(l));
    lines[..before - 1]
        .iter()
        .position(|l| {
            indent_of(l) == indent && split_key(l.trim_start()).is_some_and(|(k, _, _)| k == key)
        })
        .map(|i| i + 1)
}

/// A field missing from the item that ends at line `line`: the words, and the
/// item's first line.
fn missing(lines: &[&str], line: usize, field: &str, kind: Kind, offset: usize) -> (Words, usize) {
    let indent = lines.get(line - 1).map_or(0, |l| indent_of(l));
    let start = (0..line)
        .rev()
        .find(|&i| {
            let l = lines[i];
            l.trim_start().starts_with("- ") && indent_of(l) < indent.max(1)
        })
        .map_or(line, |i| i + 1);
    let item = field_of(lines, start).and_then(|k| match shape(kind, k) {
        Some(Shape::Items(item)) => Some(item),
        _ => None,
    });
    let words = match item {
        Some(item) => {
            let title = lines[start - 1..line]
                .iter()
                .filter_map(|l| split_key(l.trim_start().trim_start_matches("- ")))
                .find(|(k, _, _)| *k == "title")
                .map_or("…", |(_, v, _)| v);
            let example = item.example(title, indent_of(lines[start - 1]));
            words::missing_fields(start + offset, item, &[field], &example)
        }
        None => {
            let n = start + offset;
            (
                crate::text!(
                    "In Zeile {n} fehlt die Angabe `{field}:`",
                    "line {n} lacks the field `{field}:`"
                ),
                crate::text!(
                    "Fügen Sie sie in einer eigenen Zeile hinzu: `{field}: …`.",
                    "add it on a line of its own: `{field}: …`"
                ),
            )
        }
    };
    (words, start)
}

/// A value of the wrong kind for its field: a text where a list belongs, a list where
/// fields belong …
fn wrong_shape(n: usize, field: Option<(&str, &str)>, kind: Kind) -> Words {
    let Some((field, written)) = field else {
        return generic(n);
    };
    let help = match example_with(kind, field, super::scan::without_note(written)) {
        Some(ex) => {
            let (de, en) = (ex.de, ex.en);
            crate::text!(
                "So wird `{field}:` geschrieben:\n{de}",
                "this is how `{field}:` is written:\n{en}"
            )
        }
        None => crate::text!(
            "`{field}:` nimmt einen Text in derselben Zeile: `{field}: …`.",
            "`{field}:` takes a text on the same line: `{field}: …`"
        ),
    };
    (
        crate::text!(
            "Was in Zeile {n} steht, passt nicht zu `{field}:`",
            "what line {n} holds does not fit `{field}:`"
        ),
        help,
    )
}

/// The parser's complaints that need no more than the line, by what it says, in the
/// order they are looked for.
const TROUBLES: &[(&[&str], Trouble)] = &[
    (&["tab"], Trouble::Tab),
    (
        &["bracket", "flow", "illegal placement of ':'", "',' or ']'"],
        Trouble::Brackets,
    ),
    (&["end of", "eof"], Trouble::End),
    (&["simple key", "expected ':'"], Trouble::NoField),
    (
        &[
            "indent",
            "block",
            "expected key",
            "expected '-'",
            "document start",
            "mapping values",
        ],
        Trouble::Indentation,
    ),
];

/// The parser's complaint, by what it says.
fn parser_words(
    n: usize,
    lower: &str,
    content: &str,
    lines: &[&str],
    line: usize,
    column: usize,
) -> Words {
    let here = lines
        .get(line - 1)
        .and_then(|l| l.chars().nth(column - 1))
        .unwrap_or(' ');
    if lower.contains("unclosed quote") || lower.contains("unterminated") {
        let q = if here == '\'' { '\'' } else { '"' };
        return words::unclosed_quote(n, q, &format!("{content}{q}"));
    }
    let key_value = split_key(content);
    if let Some((key, value, _)) = key_value {
        if lower.contains("escape") || lower.contains("hexadecimal") {
            return words::backslash(n, key, value.trim_matches('"'));
        }
        if lower.contains("trailing content after") {
            return words::quotes_inside(n, &format!("{key}:"), value.trim_matches('"'));
        }
        if lower.contains("cannot start any token") || lower.contains("unknown anchor") {
            let c = value.chars().next().unwrap_or(here);
            return words::special_start(n, &format!("{key}:"), c, value);
        }
    }
    let trouble = TROUBLES
        .iter()
        .find(|(says, _)| says.iter().any(|s| lower.contains(s)))
        .map(|(_, t)| *t);
    match trouble {
        Some(Trouble::NoField) => words::not_a_field(n, content, true, false),
        Some(t) => words::trouble(t, n),
        None => generic(n),
    }
}

fn generic(n: usize) -> Words {
    (
        crate::text!("Zeile {n} kann nicht gelesen werden", "line {n} cannot be read"),
        crate::text!(
            "Jede Angabe steht als `name: Wert` in einer eigenen Zeile, mit einem Leerzeichen nach dem Doppelpunkt; eingerückt wird mit Leerzeichen, genau untereinander; ein Text mit `: ` oder `#` steht in Anführungszeichen.",
            "every field is written `name: value` on a line of its own, with a space after the colon; indent with spaces, exactly one below the other; a text with `: ` or `#` goes in quotes"
        ),
    )
}
