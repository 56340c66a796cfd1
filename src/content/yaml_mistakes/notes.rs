//! A mistake that YAML reads without complaint: ` #` starts a note, so
//! `title: Treffen #3 mit Lena` is read as the title "Treffen". A warning says so.

use super::scan::{split_key, without_note};
use super::shapes::{shape, Kind, Shape};
use super::{words, Mistake};

/// Fields whose text a person writes in words, inside topics, persons and milestones.
const NESTED_TEXTS: &[&str] = &["title", "description", "name", "role"];

/// The warnings for texts that a `#` cuts short, in a YAML that was read.
pub(super) fn notes(yaml: &str, kind: Kind, offset: usize) -> Vec<Mistake> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for (idx, raw) in yaml.split('\n').enumerate() {
        let content = raw.trim_start();
        let indent = raw.len() - content.len();
        if let Some(b) = block {
            if indent > b || content.is_empty() {
                continue;
            }
            block = None;
        }
        let item = content.strip_prefix("- ").unwrap_or(content);
        let Some((key, value, vcol)) = split_key(item) else {
            continue;
        };
        if value.starts_with(['|', '>']) {
            block = Some(indent);
            continue;
        }
        let text_field = if indent == 0 && item.len() == content.len() {
            shape(kind, key) == Some(Shape::Text)
        } else {
            NESTED_TEXTS.contains(&key)
        };
        if !text_field || value.starts_with(['"', '\'', '[', '{']) {
            continue;
        }
        let Some(at) = cut_at(value) else {
            continue;
        };
        let before = without_note(value);
        let col =
            raw[..raw.len() - item.len()].chars().count() + vcol + value[..at].chars().count();
        let (message, help) = words::comment_in_text(idx + 1 + offset, key, before, value);
        out.push(Mistake {
            line: idx + 1,
            column: col + 1,
            len: value[at..].chars().count(),
            message,
            help,
            fix: Vec::new(),
        });
    }
    out
}

/// Where a `#` that starts a note cuts a text short: a `#` at the start or after a
/// space, with a letter or digit right after it (`#3`, `#digital`). A `# ` with a
/// space after it is taken to be a note written on purpose.
fn cut_at(value: &str) -> Option<usize> {
    let mut prev = ' ';
    for (i, c) in value.char_indices() {
        if c == '#' && prev == ' ' {
            return value[i + 1..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric())
                .map(|_| i);
        }
        prev = c;
    }
    None
}
