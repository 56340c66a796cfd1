//! The build's checks on a text before it is saved: the entry loader parses it as the
//! file it will be, the Markdown is rendered with the site's links, and each message
//! is put beside the field it concerns.

use super::front::{key_of, Fields};
use crate::content::front_matter::{split, SourceText};
use crate::content::Topic;
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::Target;
use crate::site::{Outline, TandemPlace};

/// The parts of the form a message can stand beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Title,
    Date,
    Topics,
    Duration,
    Format,
    Authors,
    Visibility,
    Draft,
    Body,
    /// Anything else (a field the form does not show, the file as a whole).
    Other,
}

impl Field {
    /// The id of the field's input (or group) in the form.
    pub(super) fn id(self) -> &'static str {
        match self {
            Field::Title => "f-title",
            Field::Date => "f-date",
            Field::Topics => "f-topics",
            Field::Duration => "f-duration",
            Field::Format => "f-format",
            Field::Authors => "f-authors",
            Field::Visibility => "f-visibility",
            Field::Draft => "f-draft",
            Field::Body => "f-body",
            Field::Other => "f-other",
        }
    }

    fn of_key(key: &str) -> Field {
        match key {
            "title" => Field::Title,
            "date" => Field::Date,
            "topics" => Field::Topics,
            "duration" => Field::Duration,
            "format" => Field::Format,
            "authors" => Field::Authors,
            "visibility" => Field::Visibility,
            "draft" => Field::Draft,
            _ => Field::Other,
        }
    }
}

/// A message of the checks, beside its field; `line` is the line in what the person
/// sees there (the text area's line for the text), when it concerns one.
#[derive(Debug, Clone)]
pub(super) struct Message {
    pub field: Field,
    pub line: Option<usize>,
    pub diag: Diagnostic,
}

/// Whether any message is an error (which keeps the text from being saved).
pub(super) fn has_errors(messages: &[Message]) -> bool {
    messages.iter().any(|m| m.diag.severity == Severity::Error)
}

/// Checks `text` as the entry file `rel` of `tandem`. `whole` when the person edits
/// the whole file in the text area. A link to a file the last site does not know
/// leads where `unknown` says (a picture added since is not missing).
pub(super) fn check(
    rel: &str,
    text: &str,
    outline: &Outline,
    tandem: &TandemPlace,
    whole: bool,
    unknown: &dyn Fn(&str) -> Option<String>,
) -> Vec<Message> {
    let (_, mut diags) =
        crate::content::load::check_entry_text(rel, text, &outline.topics, tandem.period);
    let src = SourceText {
        file: rel.to_string(),
        text: text.into(),
    };
    let body_offset = split(&src).map(|sp| sp.body_offset).ok();
    if let Some(offset) = body_offset {
        let then = |p: &str, t: Target| match t {
            Target::Missing(near) => unknown(p).map_or(Target::Missing(near), Target::Url),
            t => t,
        };
        diags.extend(outline.render(rel, text, offset, &then).diags);
    }
    let body_line = body_offset.map_or(1, |o| text[..o].matches('\n').count() + 1);
    let keys = line_keys(text, body_line);
    diags
        .into_iter()
        .map(|diag| {
            let (field, line) = if whole {
                (Field::Body, (diag.line > 0).then_some(diag.line))
            } else if diag.line >= body_line && body_offset.is_some() {
                (Field::Body, Some(diag.line + 1 - body_line))
            } else if diag.line + 1 == body_line && body_offset.is_some() {
                // At the line `---` that closes the fields: about the text as a whole
                // (an entry with no text yet).
                (Field::Body, None)
            } else {
                let key = keys.get(diag.line.wrapping_sub(1)).copied().flatten();
                (key.map_or(Field::Other, Field::of_key), None)
            };
            Message { field, line, diag }
        })
        .collect()
}

/// For each line of the front matter (index 0 is line 1), the field it belongs to.
fn line_keys(text: &str, body_line: usize) -> Vec<Option<&str>> {
    let mut out = Vec::new();
    let mut current = None;
    for (i, line) in text.lines().enumerate() {
        if i + 1 >= body_line {
            break;
        }
        if i == 0 || line.trim_end() == "---" {
            out.push(None);
            continue;
        }
        if let Some(k) = key_of(line) {
            current = Some(k);
        } else if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            current = None;
        }
        out.push(current);
    }
    out
}

/// After a refused save: beside each field whose value on disk differs from the
/// form's, what the disk says, so that a change made elsewhere is not overwritten
/// unseen.
pub(super) fn differences(
    file: &str,
    disk: &Fields,
    mine: &Fields,
    tandem: &TandemPlace,
    topics: &[Topic],
) -> Vec<Message> {
    let mut out: Vec<(Field, String, String)> = Vec::new();
    let texts = [
        (Field::Title, &disk.title, &mine.title),
        (Field::Date, &disk.date, &mine.date),
        (Field::Duration, &disk.duration, &mine.duration),
        (Field::Format, &disk.format, &mine.format),
    ];
    for (field, on_disk, in_form) in texts {
        if on_disk != in_form.trim() {
            out.push((field, on_disk.clone(), on_disk.clone()));
        }
    }
    if disk.topics != mine.topics {
        let titles: Vec<&str> = topics
            .iter()
            .filter(|t| disk.topics.contains(&t.id))
            .map(|t| t.title.as_str())
            .collect();
        out.push((Field::Topics, titles.join(", "), titles.join(", ")));
    }
    if (disk.mentor, disk.mentee, &disk.others) != (mine.mentor, mine.mentee, &mine.others) {
        let people = [(disk.mentor, &tandem.mentor), (disk.mentee, &tandem.mentee)];
        let names: Vec<&str> = people
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| n.as_str())
            .chain(disk.others.iter().map(String::as_str))
            .collect();
        out.push((Field::Authors, names.join(", "), names.join(", ")));
    }
    let flag = |on: bool, yes: (&str, &str), no: (&str, &str)| {
        let (de, en) = if on { yes } else { no };
        (de.to_string(), en.to_string())
    };
    if disk.private != mine.private {
        let (de, en) = flag(disk.private, ("privat", "private"), ("für alle", "shared"));
        out.push((Field::Visibility, de, en));
    }
    if disk.draft != mine.draft {
        let (de, en) = flag(
            disk.draft,
            ("Entwurf", "draft"),
            ("kein Entwurf", "no draft"),
        );
        out.push((Field::Draft, de, en));
    }
    out.into_iter()
        .map(|(field, de, en)| on_disk(file, field, &de, &en))
        .collect()
}

/// "The version on disk says here: …" beside `field`.
fn on_disk(file: &str, field: Field, de: &str, en: &str) -> Message {
    let (de, en) = if de.is_empty() {
        ("(leer)", "(empty)")
    } else {
        (de, en)
    };
    let diag = Diagnostic::warning(
        file,
        crate::text!(
            "In der Fassung auf der Festplatte steht hier: {de}",
            "The version on disk says here: {en}"
        ),
    );
    Message {
        field,
        line: None,
        diag,
    }
}
