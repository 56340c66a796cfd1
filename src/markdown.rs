//! Markdown → HTML with pulldown-cmark, plus what the site needs from a body: relative
//! links rewritten to page URLs (and checked), open tasks, the title from the first
//! `# heading`, a plain-text excerpt, and typographic quotes for German.

use crate::content::Markdown;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// What a relative link in the content points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page or file of this build, with its URL.
    Url(String),
    /// A private or draft entry: the link is removed and its text kept.
    Hidden,
    /// Nothing in the content folder.
    Missing,
}

pub struct Options_<'a> {
    pub german_quotes: bool,
    /// Take the first `# heading` as the title and leave it out of the body.
    pub title_from_heading: bool,
    /// Prefix for footnote ids, unique per page.
    pub id_prefix: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub title: Option<String>,
    pub tasks: Vec<Task>,
    /// The first words of the body as plain text.
    pub excerpt: String,
    /// Content files this body links to (relative to the content folder).
    pub links: Vec<String>,
    pub diags: Vec<Diagnostic>,
    /// Links that lead nowhere (only the first few are reported one by one).
    link_problems: usize,
}

/// Raw HTML met while rendering one body.
#[derive(Default)]
struct RawHtml {
    /// Inside an HTML block: `None` before its first line, then whether it is shown
    /// (`true`) or a comment that is left out (`false`).
    block: Option<Option<bool>>,
    /// Whether the writer was already told about HTML in this body.
    warned: bool,
}

impl RawHtml {
    /// Warns once per body that HTML is shown as text.
    fn note(&mut self, md: &Markdown, t: &str, at: usize, out: &mut Rendered) {
        if self.warned {
            return;
        }
        self.warned = true;
        let tag: String = t
            .trim()
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>')
            .chain(std::iter::once('>'))
            .take(40)
            .collect();
        out.diags.push(
            Diagnostic::warning(
                &md.file,
                format!("HTML such as `{tag}` is shown as text, not used as HTML"),
            )
            .at_offset(&md.text, md.offset + at, t.trim_end().len())
            .with_help("write the formatting in Markdown (**bold**, lists, [links](…), tables); the site never takes HTML from the text, so that no page can run a program in the reader's browser"),
        );
    }
}

/// Formatting tags without attributes that cannot run anything: `<br>`, `<sup>`,
/// `</sup>`, `<kbd>` …
fn is_harmless_tag(t: &str) -> bool {
    const HARMLESS: &[&str] = &[
        "br", "sub", "sup", "kbd", "mark", "u", "s", "del", "ins", "small", "b", "i", "em",
        "strong", "abbr", "cite", "q", "var", "samp", "wbr",
    ];
    let Some(inner) = t.strip_prefix('<').and_then(|r| r.strip_suffix('>')) else {
        return false;
    };
    let inner = inner.trim_end().trim_end_matches('/').trim_end();
    let name = inner.strip_prefix('/').unwrap_or(inner);
    HARMLESS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// The scheme of a link that would run a program or show a made-up page when
/// followed (`javascript:`, `vbscript:`, `data:` except pictures), or that points to a
/// file on the writer's computer (`file:`, `C:\…`). Browsers ignore spaces, tabs and
/// line breaks inside the scheme and any case, so this does too.
fn refused_scheme(dest: &str, image: bool) -> Option<&'static str> {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = cleaned
        .split(':')
        .next()
        .filter(|_| cleaned.contains(':'))?;
    match scheme {
        "javascript" | "vbscript" | "livescript" | "mocha" => Some("runs a program"),
        "data" => {
            let raster = ["png", "jpeg", "jpg", "gif", "webp", "avif"]
                .iter()
                .any(|f| {
                    cleaned.starts_with(&format!("data:image/{f};"))
                        || cleaned.starts_with(&format!("data:image/{f},"))
                });
            if image && raster {
                None
            } else {
                Some("holds a made-up page or file")
            }
        }
        "file" => Some("points to a file on your computer"),
        s if s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some("points to a file on your computer")
        }
        _ => None,
    }
}

const EXCERPT_CHARS: usize = 220;

/// Resolves `href`, written in `from_file`, to a content path relative to the content
/// folder. `None` when it is not a relative link (a web address, `mailto:`, `#anchor`,
/// `/absolute`) or when it climbs out of the content folder (`Err`).
pub fn content_path(from_file: &str, href: &str) -> Option<Result<(String, String), ()>> {
    let href = href.trim();
    if href.is_empty()
        || href.starts_with('#')
        || href.starts_with('/')
        || href.starts_with('?')
        || href.contains("://")
        || href.split(':').next().is_some_and(|s| {
            href.contains(':')
                && !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '.' || c == '-')
        })
    {
        return None;
    }
    let (path, fragment) = match href.find(['#', '?']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let fragment = if fragment.starts_with('#') {
        fragment.to_string()
    } else {
        String::new()
    };
    let decoded = percent_decode(path);
    let mut parts: Vec<&str> = from_file.split('/').collect();
    parts.pop();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(()));
                }
            }
            s => parts.push(s),
        }
    }
    let joined: String =
        unicode_normalization::UnicodeNormalization::nfc(parts.join("/").as_str()).collect();
    Some(Ok((joined, fragment)))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Renders one Markdown body.
pub fn render(md: &Markdown, opts: &Options_, resolve: &dyn Fn(&str) -> Target) -> Rendered {
    let body = md.body();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();

    // Pass 1: collect events, resolve links, find the title heading.
    let mut in_title = false;
    let mut title_done = !opts.title_from_heading;
    let mut title_text = String::new();
    let mut heading_start: Option<usize> = None;
    let mut hidden_link_depth = 0usize;
    let mut single_open = false;
    let mut code_depth = 0usize;
    let mut html = RawHtml::default();
    for (ev, range) in Parser::new_ext(body, options).into_offset_iter() {
        // Raw HTML is never published as HTML: it could run a program in the reader's
        // browser. Harmless formatting tags stay, comments are left out, everything
        // else is shown as the text it is.
        let ev = match ev {
            Event::Start(Tag::HtmlBlock) => {
                html.block = Some(None);
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => match html.block.take() {
                Some(Some(true)) => Event::End(TagEnd::Paragraph),
                _ => continue,
            },
            Event::Html(t) => {
                let shown = match html.block {
                    Some(None) if t.trim_start().starts_with("<!--") => {
                        html.block = Some(Some(false));
                        continue;
                    }
                    Some(Some(false)) => continue,
                    Some(None) => {
                        html.block = Some(Some(true));
                        html.note(md, &t, range.start, &mut out);
                        events.push(Event::Start(Tag::Paragraph));
                        t
                    }
                    _ => {
                        html.note(md, &t, range.start, &mut out);
                        t
                    }
                };
                events.push(Event::Text(shown));
                continue;
            }
            Event::InlineHtml(t) => {
                if t.starts_with("<!--") {
                    continue;
                }
                if is_harmless_tag(&t) {
                    events.push(Event::InlineHtml(t));
                } else {
                    html.note(md, &t, range.start, &mut out);
                    events.push(Event::Text(t));
                }
                continue;
            }
            other => other,
        };
        let ev = match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !title_done => {
                in_title = true;
                continue;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_title => {
                in_title = false;
                title_done = true;
                out.title = Some(title_text.trim().to_string());
                continue;
            }
            _ if in_title => {
                if let Event::Text(t) | Event::Code(t) = &ev {
                    title_text.push_str(t);
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match link_target(
                md,
                &dest_url,
                range.clone(),
                link_type,
                false,
                resolve,
                &mut out,
            ) {
                LinkOutcome::Keep => Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }),
                LinkOutcome::Rewrite(url) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                }),
                LinkOutcome::Drop => {
                    hidden_link_depth += 1;
                    continue;
                }
            },
            Event::End(TagEnd::Link) if hidden_link_depth > 0 => {
                hidden_link_depth -= 1;
                continue;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match link_target(
                    md,
                    &dest_url,
                    range.clone(),
                    link_type,
                    true,
                    resolve,
                    &mut out,
                ) {
                    LinkOutcome::Keep => dest_url,
                    LinkOutcome::Rewrite(url) => url.into(),
                    LinkOutcome::Drop => CowStr::from(""),
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::FootnoteDefinition(name)) => Event::Start(Tag::FootnoteDefinition(
                format!("{}{}", opts.id_prefix, name).into(),
            )),
            Event::FootnoteReference(name) => {
                Event::FootnoteReference(format!("{}{}", opts.id_prefix, name).into())
            }
            Event::Start(Tag::CodeBlock(k)) => {
                code_depth += 1;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::End(TagEnd::CodeBlock) => {
                code_depth = code_depth.saturating_sub(1);
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(t) if opts.german_quotes && code_depth == 0 => {
                Event::Text(german_quotes(t, &mut single_open))
            }
            other => other,
        };
        if let Event::Start(Tag::Heading { .. }) = &ev {
            heading_start = Some(events.len());
        }
        if let Event::End(TagEnd::Heading(_)) = &ev {
            if let Some(start) = heading_start.take() {
                assign_heading_id(&mut events, start, &mut used_ids);
            }
        }
        events.push(ev);
    }

    if out.link_problems > crate::diagnostics::MAX_SIMILAR {
        if let Some(last) = out.diags.last() {
            let summary = last.and_more(
                out.link_problems - crate::diagnostics::MAX_SIMILAR,
                "problems with links",
            );
            out.diags.push(summary);
        }
    }
    collect_tasks(&events, &mut out.tasks);
    out.excerpt = excerpt(&events);
    out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

enum LinkOutcome {
    Keep,
    Rewrite(String),
    Drop,
}

fn link_target(
    md: &Markdown,
    dest: &str,
    range: std::ops::Range<usize>,
    link_type: LinkType,
    image: bool,
    resolve: &dyn Fn(&str) -> Target,
    out: &mut Rendered,
) -> LinkOutcome {
    let at = md.offset + range.start;
    let line_len = range.len();
    if link_type != LinkType::Email {
        if let Some(why) = refused_scheme(dest, image) {
            let shown: String = dest.chars().take(60).collect();
            let what = if image { "picture" } else { "link" };
            if counts_as_reported(out) {
                out.diags.push(
                    Diagnostic::warning(&md.file, format!("the {what} `{shown}` {why} and is left out of the site"))
                        .at_offset(&md.text, at, line_len)
                        .with_help(if image {
                            "put the picture beside the entry as a file (e.g. whiteboard.png) and write ![Whiteboard](whiteboard.png)"
                        } else {
                            "link to a web address (https://…) or to a file inside the content folder; the link's text stays on the page"
                        }),
                );
            }
            return LinkOutcome::Drop;
        }
    }
    if matches!(link_type, LinkType::Email | LinkType::Autolink) {
        return LinkOutcome::Keep;
    }
    let Some(res) = content_path(&md.file, dest) else {
        return LinkOutcome::Keep;
    };
    match res {
        Err(()) => {
            if counts_as_reported(out) {
                out.diags.push(
                    Diagnostic::error(&md.file, format!("the link `{dest}` leads out of the content folder"))
                        .at_offset(&md.text, at, line_len)
                        .with_help("link only to files inside the content folder, or use a full web address (https://…)"),
                );
            }
            LinkOutcome::Drop
        }
        Ok((path, fragment)) => match resolve(&path) {
            Target::Url(url) => {
                out.links.push(path);
                LinkOutcome::Rewrite(format!("{url}{fragment}"))
            }
            Target::Hidden => LinkOutcome::Drop,
            Target::Missing => {
                if counts_as_reported(out) {
                    out.diags.push(
                        Diagnostic::error(&md.file, format!("the link `{dest}` points to `{path}`, which does not exist"))
                            .at_offset(&md.text, at, line_len)
                            .with_help("check the file name (with date prefix and `.md`); links are relative to the folder of this file, `../` goes one folder up"),
                    );
                }
                LinkOutcome::Keep
            }
        },
    }
}

/// Counts one more problem with a link; true while it is still reported one by one.
fn counts_as_reported(out: &mut Rendered) -> bool {
    out.link_problems += 1;
    out.link_problems <= crate::diagnostics::MAX_SIMILAR
}

/// Smart punctuation gives English quotes; German uses „…“ and ‚…‘. A right single
/// quote that closes no opened one is an apostrophe (`geht’s`) and stays.
fn german_quotes<'a>(t: CowStr<'a>, single_open: &mut bool) -> CowStr<'a> {
    if !t.contains(['“', '”', '‘', '’']) {
        return t;
    }
    let mut s = String::with_capacity(t.len() + 2);
    for c in t.chars() {
        match c {
            '“' => s.push('„'),
            '”' => s.push('“'),
            '‘' => {
                *single_open = true;
                s.push('‚')
            }
            '’' if *single_open => {
                *single_open = false;
                s.push('‘')
            }
            c => s.push(c),
        }
    }
    s.into()
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

fn collect_tasks(events: &[Event], tasks: &mut Vec<Task>) {
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

fn excerpt(events: &[Event]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn md(file: &str, body: &str) -> Markdown {
        Markdown {
            file: file.into(),
            text: body.into(),
            offset: 0,
        }
    }

    fn opts() -> Options_<'static> {
        Options_ {
            german_quotes: true,
            title_from_heading: true,
            id_prefix: "e1-",
        }
    }

    fn none(_: &str) -> Target {
        Target::Missing
    }

    #[test]
    fn title_from_first_heading_is_not_repeated() {
        let r = render(&md("a.md", "# Hallo Welt\n\nText\n"), &opts(), &none);
        assert_eq!(r.title.as_deref(), Some("Hallo Welt"));
        assert!(!r.html.contains("Hallo Welt"), "{}", r.html);
    }

    #[test]
    fn german_quotes_and_apostrophes() {
        let r = render(
            &md("a.md", "Er sagte \"Hallo\" und 'so' und geht's.\n"),
            &opts(),
            &none,
        );
        assert!(r.html.contains("„Hallo“"), "{}", r.html);
        assert!(r.html.contains("‚so‘"), "{}", r.html);
        assert!(r.html.contains("geht’s"), "{}", r.html);
    }

    #[test]
    fn relative_links_are_rewritten_and_checked() {
        let resolve = |p: &str| match p {
            "cohorts/c/t/b.md" => Target::Url("/cohorts/c/t/b/".into()),
            "cohorts/c/t/private.md" => Target::Hidden,
            _ => Target::Missing,
        };
        let m = md(
            "cohorts/c/t/a.md",
            "[B](b.md#x) [P](private.md) [X](missing.md) [W](https://x.org)\n",
        );
        let r = render(&m, &opts(), &resolve);
        assert!(r.html.contains("href=\"/cohorts/c/t/b/#x\""), "{}", r.html);
        assert!(!r.html.contains("private"), "{}", r.html);
        assert!(
            r.html.contains(">P<") || r.html.contains(" P "),
            "{}",
            r.html
        );
        assert!(r.html.contains("https://x.org"));
        assert_eq!(r.diags.len(), 1);
        assert_eq!((r.diags[0].line, r.diags[0].column), (1, 29));
        assert!(r.diags[0].message.contains("missing.md"));
    }

    #[test]
    fn links_out_of_the_content_folder_are_errors() {
        let r = render(&md("index.md", "[x](../../etc/passwd)\n"), &opts(), &none);
        assert!(r.diags[0].message.contains("out of the content folder"));
    }

    #[test]
    fn open_tasks_are_collected() {
        let r = render(
            &md(
                "a.md",
                "- [x] erledigt\n- [ ] LinkedIn-Profil *anlegen*\n  - [ ] nested\n",
            ),
            &opts(),
            &none,
        );
        assert_eq!(r.tasks.len(), 3);
        assert_eq!(
            r.tasks[1],
            Task {
                text: "LinkedIn-Profil anlegen".into(),
                done: false
            }
        );
        assert!(r.tasks[0].done);
    }

    #[test]
    fn footnotes_are_prefixed_and_headings_get_ids() {
        let r = render(
            &md(
                "a.md",
                "Text[^1]\n\n## Zweiter Teil\n\n## Zweiter Teil\n\n[^1]: Note\n",
            ),
            &opts(),
            &none,
        );
        assert!(r.html.contains("e1-1"), "{}", r.html);
        assert!(r.html.contains("id=\"zweiter-teil\""), "{}", r.html);
        assert!(r.html.contains("id=\"zweiter-teil-2\""), "{}", r.html);
    }

    #[test]
    fn excerpt_is_plain_and_short() {
        let long = "Wort ".repeat(200);
        let r = render(
            &md("a.md", &format!("## Kopf\n\n**Fett** und {long}")),
            &opts(),
            &none,
        );
        assert!(r.excerpt.starts_with("Fett und Wort"));
        assert!(r.excerpt.ends_with('…'));
        assert!(r.excerpt.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn script_addresses_are_refused_in_any_spelling() {
        for d in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "C:\\Users\\x.docx",
        ] {
            assert!(refused_scheme(d, false).is_some(), "{d:?}");
        }
        assert!(refused_scheme("data:image/svg+xml,<svg>", true).is_some());
        assert_eq!(refused_scheme("data:image/png;base64,AAAA", true), None);
        for d in [
            "https://x.org",
            "mailto:a@b",
            "b.md",
            "../x.md#y",
            "/abs",
            "#top",
        ] {
            assert_eq!(refused_scheme(d, false), None, "{d:?}");
        }
    }

    #[test]
    fn raw_html_is_text_except_harmless_formatting() {
        let r = render(
            &md(
                "a.md",
                "<script>alert(1)</script>\n\nA<br>B <b onclick=x>c</b> H<sub>2</sub>O <!-- weg -->\n",
            ),
            &opts(),
            &none,
        );
        assert!(
            r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            r.html
        );
        assert!(r.html.contains("A<br>B"), "{}", r.html);
        assert!(r.html.contains("&lt;b onclick=x&gt;"), "{}", r.html);
        assert!(r.html.contains("H<sub>2</sub>O"), "{}", r.html);
        assert!(!r.html.contains("weg"), "{}", r.html);
        assert_eq!(r.diags.len(), 1);
        assert_eq!((r.diags[0].line, r.diags[0].column), (1, 1));
    }

    #[test]
    fn content_paths() {
        assert_eq!(
            content_path("a/b/c.md", "../d.md"),
            Some(Ok(("a/d.md".into(), "".into())))
        );
        assert_eq!(
            content_path("a/c.md", "x%20y.md#top"),
            Some(Ok(("a/x y.md".into(), "#top".into())))
        );
        assert_eq!(content_path("a.md", "mailto:x@y"), None);
        assert_eq!(content_path("a.md", "#top"), None);
        assert_eq!(content_path("a.md", "../x.md"), Some(Err(())));
    }
}
