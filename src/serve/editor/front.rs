//! An entry's fields as the form shows them, read from its front matter, and the front
//! matter changed as a careful person changes it: the lines of the fields that changed
//! are rewritten (a comment after the value stays), cleared fields are removed, new
//! ones are added at the end, and every other line (comments, order, fields the form
//! does not know) stays byte for byte.

use crate::content::front_matter::{parse_yaml, split, SourceText};
use crate::content::slug::slugify;
use crate::content::yaml::EntryYaml;
use crate::content::Topic;
use crate::diagnostics::Diagnostic;
use crate::site::TandemPlace;

/// The fields of an entry, as the form holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fields {
    pub title: String,
    /// `YYYY-MM-DD`, or as written when it is not a date.
    pub date: String,
    /// Topic ids, in the programme's order.
    pub topics: Vec<String>,
    pub duration: String,
    pub format: String,
    pub mentor: bool,
    pub mentee: bool,
    /// Authors other than the two people of the tandem, kept as written.
    pub others: Vec<String>,
    pub private: bool,
    pub draft: bool,
}

/// Fields whose value in the file the form cannot show as it is (an unknown topic, a
/// visibility that is neither `shared` nor `private`): saving writes them anew.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Unclean {
    topics: bool,
    visibility: bool,
    draft: bool,
}

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parts {
    /// Whether the file starts with a `---` line.
    pub front_matter: bool,
    /// The YAML between the `---` lines.
    pub yaml: (usize, usize),
    /// Where the body starts.
    pub body: usize,
}

/// A file's fields, what of them cannot be kept, and where its parts are.
#[derive(Debug, Clone)]
pub(super) struct Read {
    pub fields: Fields,
    pub unclean: Unclean,
    pub parts: Parts,
}

/// The fields of an entry's text (LF line ends); the front matter's error when it
/// cannot be read. `stem` is the file name without `.md`: its date stands in for a
/// missing `date`.
pub(super) fn read(
    file: &str,
    text: &str,
    stem: &str,
    topics: &[Topic],
    tandem: &TandemPlace,
) -> Result<Read, Diagnostic> {
    let src = SourceText {
        file: file.to_string(),
        text: text.into(),
    };
    let sp = split(&src)?;
    let front_matter = sp.yaml_line_offset == 1;
    // Without front matter the YAML is an empty text of its own, not part of `text`.
    let yaml_start = if front_matter {
        sp.yaml.as_ptr() as usize - src.text.as_ptr() as usize
    } else {
        0
    };
    let parts = Parts {
        front_matter,
        yaml: (yaml_start, yaml_start + sp.yaml.len()),
        body: sp.body_offset,
    };
    let fm: EntryYaml = if sp.yaml.trim().is_empty() {
        EntryYaml::default()
    } else {
        let mut diags = Vec::new();
        match parse_yaml(file, text, sp.yaml, sp.yaml_line_offset, &mut diags) {
            Some(fm) => fm,
            None => {
                return Err(diags.into_iter().next().unwrap_or_else(|| {
                    Diagnostic::error(
                        file,
                        crate::text!(
                            "Die Angaben am Anfang der Datei können nicht gelesen werden",
                            "the fields at the top of the file cannot be read"
                        ),
                    )
                }))
            }
        }
    };
    let (fields, unclean) = fields_of(fm, stem, topics, tandem);
    Ok(Read {
        fields,
        unclean,
        parts,
    })
}

/// The form's fields of a front matter, and which of them it cannot show as written.
fn fields_of(
    fm: EntryYaml,
    stem: &str,
    topics: &[Topic],
    tandem: &TandemPlace,
) -> (Fields, Unclean) {
    let text_of = |t: Option<crate::content::yaml::Text>| {
        t.map(|t| t.0.trim().to_string()).unwrap_or_default()
    };
    let date = match &fm.date {
        Some(d) => d.value.0.trim().to_string(),
        None => stem
            .get(..10)
            .filter(|d| crate::content::front_matter::parse_date(d).is_ok())
            .unwrap_or("")
            .to_string(),
    };
    let written: Vec<String> = fm
        .topics
        .as_ref()
        .map(|t| t.value.0.iter().map(|i| i.text.clone()).collect())
        .unwrap_or_default();
    let chosen = topic_ids(&written, topics);
    let mut unclean = Unclean {
        topics: chosen.len() != written.len(),
        ..Unclean::default()
    };
    let mut fields = Fields {
        title: text_of(fm.title),
        date,
        topics: chosen,
        duration: text_of(fm.duration.map(|d| d.value)),
        format: text_of(fm.format),
        ..Fields::default()
    };
    for a in fm.authors.map(|a| a.0).unwrap_or_default() {
        match author(a.text.trim(), tandem) {
            Some(true) => fields.mentor = true,
            Some(false) => fields.mentee = true,
            None if a.text.trim().is_empty() => {}
            None => fields.others.push(a.text.trim().to_string()),
        }
    }
    let visibility = fm.visibility.map(|v| v.value.0.trim().to_lowercase());
    let visibility = visibility.as_deref().unwrap_or("");
    // Anything but `shared` is private, as the loader reads it.
    fields.private = !matches!(visibility, "shared" | "");
    unclean.visibility = !matches!(visibility, "shared" | "private" | "");
    let draft = fm.draft.map(|d| d.value.0.trim().to_lowercase());
    let draft = draft.as_deref().unwrap_or("");
    fields.draft = matches!(draft, "true" | "yes" | "ja");
    unclean.draft = !matches!(draft, "true" | "yes" | "ja" | "false" | "no" | "nein" | "");
    (fields, unclean)
}

/// The ids of the topics written (by id, title or slug, as the loader finds them), in
/// the programme's order, each once; unknown ones are left out.
pub(super) fn topic_ids(written: &[String], topics: &[Topic]) -> Vec<String> {
    let keys: Vec<(String, String)> = written
        .iter()
        .map(|w| (w.trim().to_lowercase(), slugify(w)))
        .collect();
    topics
        .iter()
        .filter(|t| {
            keys.iter().any(|(k, s)| {
                t.id.to_lowercase() == *k || t.title.to_lowercase() == *k || t.slug.as_str() == s
            })
        })
        .map(|t| t.id.clone())
        .collect()
}

/// Whether an author is the tandem's mentor (`Some(true)`), mentee (`Some(false)`) or
/// someone else, as the site reads `authors`.
fn author(a: &str, tandem: &TandemPlace) -> Option<bool> {
    let lower = a.to_lowercase();
    if lower == "mentor" || lower == "mentorin" || a == tandem.mentor {
        Some(true)
    } else if lower == "mentee" || a == tandem.mentee {
        Some(false)
    } else {
        None
    }
}

/// The fields to write anew: each changed field's key with its new YAML value, or
/// `None` where it was cleared.
pub(super) fn changes(old: &Read, new: &Fields) -> Vec<(&'static str, Option<String>)> {
    let o = &old.fields;
    let mut out = Vec::new();
    let text = |v: &str| (!v.trim().is_empty()).then(|| scalar(v.trim(), false));
    if o.title != new.title.trim() {
        out.push(("title", text(&new.title)));
    }
    if o.date != new.date.trim() {
        out.push(("date", text(&new.date)));
    }
    if o.topics != new.topics || old.unclean.topics {
        out.push((
            "topics",
            (!new.topics.is_empty()).then(|| list(&new.topics)),
        ));
    }
    if o.duration != new.duration.trim() {
        out.push(("duration", text(&new.duration)));
    }
    if o.format != new.format.trim() {
        out.push(("format", text(&new.format)));
    }
    if (o.mentor, o.mentee, &o.others) != (new.mentor, new.mentee, &new.others) {
        let mut authors: Vec<String> = Vec::new();
        if new.mentor {
            authors.push("mentor".into());
        }
        if new.mentee {
            authors.push("mentee".into());
        }
        authors.extend(new.others.iter().cloned());
        out.push(("authors", (!authors.is_empty()).then(|| list(&authors))));
    }
    if o.private != new.private || old.unclean.visibility {
        let v = if new.private { "private" } else { "shared" };
        out.push(("visibility", Some(v.to_string())));
    }
    if o.draft != new.draft || old.unclean.draft {
        out.push(("draft", new.draft.then(|| "true".to_string())));
    }
    out
}

/// `items` as a YAML flow list: `[a, b]`.
fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
    format!("[{}]", inner.join(", "))
}

/// A text as YAML: as it is where that reads back the same, in double quotes
/// otherwise. `in_list` for an item of a flow list (`[a, b]`), where `,` and brackets
/// need quotes too.
pub(super) fn scalar(s: &str, in_list: bool) -> String {
    let first = s.chars().next();
    let plain = first.is_some_and(|c| !"-?:,[]{}#&*!|>'\"%@`".contains(c) && !c.is_whitespace())
        && !s.ends_with(char::is_whitespace)
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control())
        && !(in_list && s.contains([',', '[', ']', '{', '}']))
        && !matches!(s, "null" | "Null" | "NULL" | "~");
    if plain {
        s.to_string()
    } else {
        crate::content::scaffold::quoted(s)
    }
}

/// The front matter `yaml` (its lines, each ending in `\n`) with `changes` made.
pub(super) fn apply(yaml: &str, changes: &[(&str, Option<String>)]) -> String {
    let mut lines: Vec<String> = yaml.split_inclusive('\n').map(str::to_string).collect();
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        if let Some(l) = lines.last_mut() {
            l.push('\n');
        }
    }
    for (key, value) in changes {
        match (block_of(&lines, key), value) {
            (Some((start, end)), Some(v)) => {
                let comment = if end == start + 1 {
                    comment_of(&lines[start])
                } else {
                    None
                };
                let mut line = format!("{key}: {v}");
                if let Some((column, comment)) = comment {
                    let pad = column.saturating_sub(line.chars().count()).max(1);
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&comment);
                }
                line.push('\n');
                lines.splice(start..end, [line]);
            }
            (Some((start, end)), None) => {
                lines.drain(start..end);
            }
            (None, Some(v)) => lines.push(format!("{key}: {v}\n")),
            (None, None) => {}
        }
    }
    lines.concat()
}

/// The lines of the top-level field `key`: its own and those that continue its value
/// (indented, or list items), as a range.
fn block_of(lines: &[String], key: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| key_of(l) == Some(key))?;
    let mut end = start + 1;
    let mut i = end;
    while i < lines.len() {
        let l = &lines[i];
        if l.trim().is_empty() {
            i += 1;
            continue;
        }
        if l.starts_with([' ', '\t', '-']) {
            i += 1;
            end = i;
            continue;
        }
        break;
    }
    Some((start, end))
}

/// The key of a top-level field's line (`title: …` → `title`).
pub(super) fn key_of(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first.is_whitespace() || first == '#' || first == '-' {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// The comment after a one-line value (`duration: 60   # Minuten`): the column it
/// starts at (in characters) and the comment itself, without the line end.
fn comment_of(line: &str) -> Option<(usize, String)> {
    let line = line.trim_end_matches(['\n', '\r']);
    let (_, value) = line.split_once(':')?;
    let value_start = line.len() - value.len();
    let mut quote = None;
    let mut prev = ':';
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => {
                let at = value_start + i;
                return Some((line[..at].chars().count(), line[at..].to_string()));
            }
            None => {}
        }
        prev = c;
    }
    None
}

#[cfg(test)]
#[path = "front_tests.rs"]
mod tests;
