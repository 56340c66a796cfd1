//! Insights: the sections of a body under a heading that says something was learned,
//! such as "## Was ich gelernt habe", "## Was Thomas gelernt hat", "## Erkenntnisse" or
//! "## What I learned". Who learned is for the site to tell, which knows the tandem.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// One insight of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insight {
    /// The heading's text, as written.
    pub heading: String,
    /// The heading's id on the entry's page.
    pub id: String,
    /// Where the heading starts in the body (bytes).
    pub offset: usize,
    /// The section below the heading, as HTML.
    pub html: String,
    /// Its first words, as plain text.
    pub excerpt: String,
}

/// Whether a heading introduces an insight: one of its words speaks of learning
/// ("gelernt", "dazugelernt", "Erkenntnis", "Erkenntnisse", "learned", "learnt",
/// "insights", "learnings"). "kennengelernt" (met) is no insight.
pub(crate) fn is_insight_heading(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .any(|w| {
            (w.contains("gelernt") && !w.starts_with("kennen"))
                || w.contains("erkenntnis")
                || matches!(w.as_str(), "learned" | "learnt" | "learnings")
                || w.starts_with("insight")
        })
}

/// The insights among `events`; `headings` says where each heading starts in the body.
pub(super) fn sections(events: &[Event], headings: &[usize]) -> Vec<Insight> {
    let mut out = Vec::new();
    let mut heading_no = 0;
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let offset = headings.get(heading_no).copied().unwrap_or(0);
        heading_no += 1;
        let end = heading_end(events, i);
        let heading = heading_text(&events[i + 1..end]);
        let body_start = end + 1;
        if !is_insight_heading(&heading) {
            i = body_start;
            continue;
        }
        let body_end = section_end(events, body_start, *level);
        let body = &events[body_start..body_end];
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, shown_elsewhere(body));
        out.push(Insight {
            heading: heading.trim().to_string(),
            id: id.as_deref().unwrap_or("").to_string(),
            offset,
            html,
            excerpt: super::collect::excerpt(body),
        });
        i = body_start;
    }
    out
}

/// A section's events as shown away from its entry, on pages with other insights:
/// headings without their ids (which another insight may share) and without
/// footnote marks (the footnotes stay with the entry).
fn shown_elsewhere<'a>(body: &'a [Event<'a>]) -> impl Iterator<Item = Event<'a>> + 'a {
    body.iter().filter_map(|e| match e {
        Event::FootnoteReference(_) => None,
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => Some(Event::Start(Tag::Heading {
            level: *level,
            id: None,
            classes: classes.clone(),
            attrs: attrs.clone(),
        })),
        other => Some(other.clone()),
    })
}

/// The index of the end of the heading that starts at `start`.
fn heading_end(events: &[Event], start: usize) -> usize {
    events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
        .map_or(events.len().saturating_sub(1), |p| start + p)
}

fn heading_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Where the section that starts at `from` under a heading of `level` ends: at the
/// next heading of the same or a higher level, or the end.
fn section_end(events: &[Event], from: usize, level: HeadingLevel) -> usize {
    events[from..]
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Heading { level: l, .. }) if *l <= level))
        .map_or(events.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_that_speak_of_learning_are_insights() {
        for h in [
            "Was ich gelernt habe",
            "Was ich heute gelernt habe",
            "Was Thomas gelernt hat",
            "Was ich dazugelernt habe",
            "Erkenntnisse",
            "Meine wichtigste Erkenntnis",
            "What I learned",
            "What Hans learnt",
            "Insights",
            "Learnings",
        ] {
            assert!(is_insight_heading(h), "{h}");
        }
        for h in [
            "Wie wir uns kennengelernt haben",
            "Vereinbarungen",
            "E-Learning im Team",
            "Was wir gemacht haben",
        ] {
            assert!(!is_insight_heading(h), "{h}");
        }
    }
}
