//! Values that several kinds of file share: text, dates and periods, people, yes/no,
//! front matter, folder names; each read with its error pointing into the file.

use crate::content::front_matter::{self, parse_date, parse_yaml, unknown_keys, SourceText};
use crate::content::model::{Period, Person, Rhythm};
use crate::content::rhythm::{parse_rhythm, RhythmError};
use crate::content::slug::Slug;
use crate::content::yaml::{self, pos, Text};
use crate::diagnostics::{date_words, Diagnostic};
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

pub(super) fn text(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0.trim().to_string()).filter(|s| !s.is_empty())
}

pub(super) fn date_at(
    s: &Spanned<Text>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    match parse_date(&s.value.0) {
        Ok(d) => Some(d),
        Err(e) => {
            let (line, col) = pos(s);
            diags.push(
                Diagnostic::error(&src.file, e.message)
                    .at(
                        &src.text,
                        line + line_offset,
                        col,
                        s.value.0.chars().count(),
                    )
                    .with_help(e.help),
            );
            None
        }
    }
}

pub(super) fn period(
    p: Option<yaml::PeriodYaml>,
    src: &SourceText,
    diags: &mut Vec<Diagnostic>,
) -> Option<Period> {
    let p = p?;
    let start = date_at(&p.start, src, 0, diags);
    let end = date_at(&p.end, src, 0, diags);
    match (start, end) {
        (Some(start), Some(end)) if start <= end => Some(Period { start, end }),
        (Some(start), Some(end)) => {
            let (line, col) = pos(&p.end);
            let (s, e) = (date_words(start), date_words(end));
            let (s_de, s_en, e_de, e_en) = (&s.de, &s.en, &e.de, &e.en);
            diags.push(
                Diagnostic::error(
                    &src.file,
                    crate::text!(
                        "Der Zeitraum endet am {e_de}, bevor er am {s_de} beginnt",
                        "the period ends on {e_en}, before it starts on {s_en}"
                    ),
                )
                .at(&src.text, line, col, p.end.value.0.chars().count())
                .with_help(crate::text!(
                    "Tauschen Sie die Daten von `start` und `end`, oder korrigieren Sie eines der beiden.",
                    "swap the dates of `start` and `end`, or correct one of them"
                )),
            );
            None
        }
        _ => None,
    }
}

/// A `rhythm:` value; `None` when there is none or (with an error) when it is not a
/// rhythm.
pub(super) fn rhythm(
    s: Option<&Spanned<Text>>,
    src: &SourceText,
    diags: &mut Vec<Diagnostic>,
) -> Option<Rhythm> {
    let s = s?;
    let written = s.value.0.trim();
    if written.is_empty() {
        return None;
    }
    let (line, col) = pos(s);
    let message = match parse_rhythm(written) {
        Ok(r) => return Some(r),
        Err(RhythmError::Unknown) => crate::text!(
            "„{written}“ ist kein Rhythmus, den tandem versteht.",
            "\"{written}\" is not a rhythm tandem understands."
        ),
        Err(RhythmError::OutOfRange) => crate::text!(
            "Ein Rhythmus von „{written}“ geht nicht: es muss mindestens ein Tag und höchstens ein Jahr sein.",
            "A rhythm of \"{written}\" cannot be: it must be at least a day and at most a year."
        ),
    };
    let at = raw_value(&src.text, line, col).unwrap_or_else(|| written.to_string());
    diags.push(
        Diagnostic::error(&src.file, message)
            .at(&src.text, line, col, at.chars().count())
            .with_help(crate::text!(
                "Schreiben Sie, wie oft Treffen geplant sind, zum Beispiel `rhythm: alle 2 Wochen`, `rhythm: monatlich` oder eine Zahl von Tagen wie `rhythm: 21`.",
                "Write how often meetings are planned, for example `rhythm: every 2 weeks`, `rhythm: monthly`, or a number of days such as `rhythm: 21`."
            )),
    );
    None
}

pub(super) fn person(p: Option<yaml::PersonYaml>) -> Option<Person> {
    let p = p?;
    Some(Person {
        name: text(p.name).unwrap_or_default(),
        role: text(p.role),
        email: text(p.email),
    })
}

pub(super) fn parse_bool(
    s: &Spanned<Text>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match s.value.0.trim().to_lowercase().as_str() {
        "true" | "yes" | "ja" => true,
        "false" | "no" | "nein" | "" => false,
        other => {
            let (line, col) = pos(s);
            diags.push(
                Diagnostic::error(
                    &src.file,
                    crate::text!(
                        "`{other}` ist weder ja (`true`) noch nein (`false`)",
                        "`{other}` is neither yes (`true`) nor no (`false`)"
                    ),
                )
                .at(&src.text, line + line_offset, col, other.chars().count())
                .with_help(crate::text!(
                    "Schreiben Sie `true` (ja) oder `false` (nein).",
                    "write `true` (yes) or `false` (no)"
                )),
            );
            false
        }
    }
}

/// The front matter of a Markdown file as `T`: unknown fields become warnings, a file
/// without front matter gives `T::default()`, unreadable YAML an error (and `None`).
pub(super) fn front_matter<T: DeserializeOwned + Default>(
    src: &SourceText,
    sp: front_matter::Split,
    known: &[&str],
    aliases: &[(&str, &str)],
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    diags.extend(unknown_keys(
        &src.file,
        &src.text,
        sp.yaml,
        sp.yaml_line_offset,
        known,
        aliases,
    ));
    if sp.yaml.trim().is_empty() {
        return Some(T::default());
    }
    parse_yaml(&src.file, &src.text, sp.yaml, sp.yaml_line_offset, diags)
}

/// The slug of a cohort's or tandem's folder; `None` (with an error) when its name has
/// nothing to make a web address from.
pub(super) fn folder_slug(rel: &str, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Slug> {
    let s = Slug::from_name(name);
    if s.is_none() {
        diags.push(
            Diagnostic::error(
                rel,
                crate::text!(
                    "Der Ordnername `{name}` hat keine Buchstaben oder Ziffern, aus denen eine Webadresse werden kann",
                    "the folder name `{name}` has no letters or digits to make a web address from"
                ),
            )
            .with_help(crate::text!(
                "Benennen Sie den Ordner um, z. B. in `berger-vogt`.",
                "rename the folder, e.g. `berger-vogt`"
            )),
        );
    }
    s
}

/// The value as written in the file at `line`:`col` (up to a comment or the line end),
/// for messages that quote what the person typed rather than how YAML read it.
pub(super) fn raw_value(text: &str, line: usize, col: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let start = l.char_indices().nth(col.checked_sub(1)?).map(|(i, _)| i)?;
    let rest = &l[start..];
    let end = rest.find(" #").unwrap_or(rest.len());
    let v = rest[..end]
        .trim()
        .trim_end_matches(',')
        .trim_matches(['"', '\'']);
    (!v.is_empty()).then(|| v.to_string())
}
