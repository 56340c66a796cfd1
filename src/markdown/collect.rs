//! What the site takes from a body's events besides its HTML: the tasks (agreements)
//! and a plain-text excerpt.

use super::Task;
use pulldown_cmark::{Event, Tag, TagEnd};

pub(super) const EXCERPT_CHARS: usize = 220;

pub(super) fn tasks(events: &[Event], tasks: &mut Vec<Task>) {
    let mut i = 0;
    while i < events.len() {
        if let Event::TaskListMarker(done) = events[i] {
            let mut text = String::new();
            let mut depth = 0i32;
            let mut j = i + 1;
            while j < events.len() {
                match &events[j] {
                    Event::Start(Tag::List(_)) => break,
                    Event::Start(Tag::Item) => depth += 1,
                    Event::End(TagEnd::Item) => {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    Event::SoftBreak | Event::HardBreak => text.push(' '),
                    _ => {}
                }
                j += 1;
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                tasks.push(Task { text, done });
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

pub(super) fn excerpt(events: &[Event]) -> String {
    let mut s = String::new();
    let mut in_skip = 0usize;
    for e in events {
        match e {
            Event::Start(
                Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_),
            ) => in_skip += 1,
            Event::End(
                TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table | TagEnd::FootnoteDefinition,
            ) => in_skip = in_skip.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_skip == 0 => {
                s.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item)
                if in_skip == 0 =>
            {
                s.push(' ')
            }
            _ => {}
        }
        if s.len() > EXCERPT_CHARS * 4 {
            break;
        }
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= EXCERPT_CHARS {
        return s;
    }
    let cut: String = s.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}
