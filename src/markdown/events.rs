//! The one pass over a body's events: what is published of raw HTML, the title heading
//! taken out, links and pictures resolved, footnote and heading ids made unique on the
//! page, German quotes outside code.

use super::link::spaced_links;
use super::links::{link_target, LinkOutcome};
use super::quotes::german_quotes;
use super::raw_html::{is_harmless_tag, RawHtml};
use super::{parser_options, Options, Rendered, Target};
use crate::content::Markdown;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// Reads `body` (the body of `md`) into the events to publish, with what was found on
/// the way: the title, the links, the problems; and where in `body` each published
/// heading starts, in order.
pub(super) fn read<'a>(
    md: &Markdown,
    body: &'a str,
    opts: &Options,
    resolve: &dyn Fn(&str) -> Target,
) -> (Vec<Event<'a>>, Rendered, Vec<usize>) {
    let mut pass = Pass {
        md,
        opts,
        resolve,
        out: Rendered::default(),
        events: Vec::new(),
        used_ids: HashSet::new(),
        in_title: false,
        title_done: !opts.title_from_heading,
        title_text: String::new(),
        heading_start: None,
        hidden_link_depth: 0,
        single_open: false,
        code_depth: 0,
        html: RawHtml::default(),
    };
    // Where text outside code is, to look for links written with spaces.
    let mut texts = Vec::new();
    let mut headings = Vec::new();
    for (ev, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        if matches!(ev, Event::Text(_)) && pass.code_depth == 0 {
            texts.push(range.clone());
        }
        let Some(ev) = pass.raw_html(ev, range.start) else {
            continue;
        };
        let Some(ev) = pass.title(ev) else {
            continue;
        };
        let Some(ev) = pass.rewrite(ev, &range) else {
            continue;
        };
        if let Event::Start(Tag::Heading { .. }) = ev {
            headings.push(range.start);
        }
        pass.push(ev);
    }
    spaced_links(md, body, &texts, resolve, &mut pass.out);
    (pass.events, pass.out, headings)
}

/// Where the pass is in a body.
struct Pass<'m, 'a> {
    md: &'m Markdown,
    opts: &'m Options<'m>,
    resolve: &'m dyn Fn(&str) -> Target,
    out: Rendered,
    events: Vec<Event<'a>>,
    /// Heading ids given so far.
    used_ids: HashSet<String>,
    /// Inside the heading that becomes the title.
    in_title: bool,
    /// No heading may become the title any more.
    title_done: bool,
    title_text: String,
    /// Where the heading being read starts in `events`.
    heading_start: Option<usize>,
    /// Links to hidden entries being left out (their text stays).
    hidden_link_depth: usize,
    /// A German single quote is open.
    single_open: bool,
    /// Inside a code block, where quotes stay as written.
    code_depth: usize,
    html: RawHtml,
}

impl<'a> Pass<'_, 'a> {
    /// Raw HTML is never published as HTML: it could run a program in the reader's
    /// browser. Harmless formatting tags stay, comments are left out, everything
    /// else is shown as the text it is. Gives back the events that are not raw HTML
    /// (and the end of a shown HTML block).
    fn raw_html(&mut self, ev: Event<'a>, at: usize) -> Option<Event<'a>> {
        match ev {
            Event::Start(Tag::HtmlBlock) => {
                self.html.block = Some(None);
                None
            }
            Event::End(TagEnd::HtmlBlock) => match self.html.block.take() {
                Some(Some(true)) => Some(Event::End(TagEnd::Paragraph)),
                _ => None,
            },
            Event::Html(t) => {
                let shown = match self.html.block {
                    Some(None) if t.trim_start().starts_with("<!--") => {
                        self.html.block = Some(Some(false));
                        return None;
                    }
                    Some(Some(false)) => return None,
                    Some(None) => {
                        self.html.block = Some(Some(true));
                        self.html.note(self.md, &t, at, &mut self.out);
                        self.events.push(Event::Start(Tag::Paragraph));
                        t
                    }
                    _ => {
                        self.html.note(self.md, &t, at, &mut self.out);
                        t
                    }
                };
                self.events.push(Event::Text(shown));
                None
            }
            Event::InlineHtml(t) => {
                if t.starts_with("<!--") {
                    return None;
                }
                if is_harmless_tag(&t) {
                    self.events.push(Event::InlineHtml(t));
                } else {
                    self.html.note(self.md, &t, at, &mut self.out);
                    self.events.push(Event::Text(t));
                }
                None
            }
            other => Some(other),
        }
    }

    /// Takes the first `# heading` out of the body as the title, when it is wanted.
    fn title(&mut self, ev: Event<'a>) -> Option<Event<'a>> {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !self.title_done => {
                self.in_title = true;
                None
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if self.in_title => {
                self.in_title = false;
                self.title_done = true;
                self.out.title = Some(self.title_text.trim().to_string());
                None
            }
            _ if self.in_title => {
                if let Event::Text(t) | Event::Code(t) = &ev {
                    self.title_text.push_str(t);
                }
                None
            }
            other => Some(other),
        }
    }

    /// Links and pictures resolved, footnotes given the page's prefix, German quotes
    /// outside code. `None` for the end of a link that is left out.
    fn rewrite(&mut self, ev: Event<'a>, range: &Range<usize>) -> Option<Event<'a>> {
        Some(match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(link_type, dest_url, range, false)?;
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) if self.hidden_link_depth > 0 => {
                self.hidden_link_depth -= 1;
                return None;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self
                    .link(link_type, dest_url, range, true)
                    .unwrap_or(CowStr::from("")),
                title,
                id,
            }),
            Event::Start(Tag::FootnoteDefinition(name)) => Event::Start(Tag::FootnoteDefinition(
                format!("{}{}", self.opts.id_prefix, name).into(),
            )),
            Event::FootnoteReference(name) => {
                Event::FootnoteReference(format!("{}{}", self.opts.id_prefix, name).into())
            }
            Event::Start(Tag::CodeBlock(k)) => {
                self.code_depth += 1;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::End(TagEnd::CodeBlock) => {
                self.code_depth = self.code_depth.saturating_sub(1);
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(t) if self.opts.german_quotes && self.code_depth == 0 => {
                Event::Text(german_quotes(t, &mut self.single_open))
            }
            other => other,
        })
    }

    /// Where a link or picture leads: its address as written, or rewritten to the page
    /// it points to; `None` when it is left out (a link's text stays: its end is
    /// skipped too).
    fn link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        range: &Range<usize>,
        image: bool,
    ) -> Option<CowStr<'a>> {
        match link_target(
            self.md,
            &dest_url,
            range.clone(),
            link_type,
            image,
            self.resolve,
            &mut self.out,
        ) {
            LinkOutcome::Keep => Some(dest_url),
            LinkOutcome::Rewrite(url) => Some(url.into()),
            LinkOutcome::Drop => {
                if !image {
                    self.hidden_link_depth += 1;
                }
                None
            }
        }
    }

    /// Keeps an event, giving a heading its id once the heading is complete.
    fn push(&mut self, ev: Event<'a>) {
        if let Event::Start(Tag::Heading { .. }) = &ev {
            self.heading_start = Some(self.events.len());
        }
        // A wide table or code block scrolls sideways in a box that the keyboard can
        // reach.
        if let Event::Start(Tag::Table(_) | Tag::CodeBlock(_)) = &ev {
            self.events
                .push(Event::Html(r#"<div class="scroll-x" tabindex="0">"#.into()));
        }
        if let Event::End(TagEnd::Table | TagEnd::CodeBlock) = &ev {
            self.events.push(ev);
            self.events.push(Event::Html("</div>".into()));
            return;
        }
        if let Event::End(TagEnd::Heading(_)) = &ev {
            if let Some(start) = self.heading_start.take() {
                assign_heading_id(&mut self.events, start, &mut self.used_ids);
            }
        }
        self.events.push(ev);
    }
}

fn assign_heading_id(events: &mut [Event], start: usize, used: &mut HashSet<String>) {
    let text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
        let base = match id {
            Some(given) => given.to_string(),
            None => {
                let s = crate::content::slug::slugify(&text);
                if s.is_empty() {
                    "abschnitt".to_string()
                } else {
                    s
                }
            }
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while !used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        *id = Some(candidate.into());
    }
}
