//! The text of rendered pages, as the search index takes it: HTML tags dropped,
//! blocks apart, headings weighted.

use std::collections::HashMap;
use std::sync::Arc;

/// The plain text of rendered bodies, by a hash of their HTML, kept between builds:
/// a rebuild after an edit extracts the text of the edited body only.
#[derive(Debug, Default)]
pub struct TextCache {
    pub(super) map: HashMap<u64, Arc<str>>,
}

impl TextCache {
    /// The text of `html` and the key it is kept under.
    pub(super) fn text(&self, html: &str) -> (u64, Arc<str>) {
        let key = ahash::RandomState::with_seeds(13, 14, 15, 16).hash_one(html);
        match self.map.get(&key) {
            Some(t) => (key, t.clone()),
            None => (key, text_of(html).into()),
        }
    }
}

/// The text of rendered Markdown, still HTML-escaped, with block boundaries as
/// spaces and headings weighted for ranking. Scripts and styles are left out, and a
/// word that looks like one of Pagefind's own markers loses its leading underscores.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        let after = &rest[lt..];
        if after.starts_with("<!--") {
            // A comment is not part of the page's text.
            let end = after.find("-->").map_or(after.len(), |i| i + 3);
            rest = &after[end..];
            continue;
        }
        let end = after.find('>').map_or(after.len(), |i| i + 1);
        let tag = &after[..end];
        skip_until = match skip_until {
            Some(close) => still_skipping(close, tag),
            None => add_tag(&mut out, tag),
        };
        rest = &after[end..];
    }
    if skip_until.is_none() {
        push_text(&mut out, rest);
    }
    out.truncate(out.trim_end().len());
    out
}

/// Inside a script or style: `Some(close)` until `tag` closes it.
fn still_skipping(close: &'static str, tag: &str) -> Option<&'static str> {
    if tag_name(tag).eq_ignore_ascii_case(close) && tag.starts_with("</") {
        None
    } else {
        Some(close)
    }
}

/// Adds what `tag` stands for in the text: a heading's weight, a space between
/// blocks. After a script's or style's opening tag, the name of the tag that ends
/// what is left out.
fn add_tag(out: &mut String, tag: &str) -> Option<&'static str> {
    let name = tag_name(tag);
    let closing = tag.starts_with("</");
    if name.eq_ignore_ascii_case("script") && !closing {
        return Some("script");
    } else if name.eq_ignore_ascii_case("style") && !closing {
        return Some("style");
    } else if is_heading(name) {
        add_heading(out, name, closing);
    } else if !is_inline(name) {
        // Excerpts run blocks together: list items and table cells end with a
        // semicolon (as headings with a colon).
        if closing
            && ["li", "td", "th"]
                .iter()
                .any(|t| t.eq_ignore_ascii_case(name))
        {
            end_block(out, ';');
        }
        space(out);
    }
    None
}

/// A heading's weight at its start (by its level), its end after it.
fn add_heading(out: &mut String, name: &str, closing: bool) {
    if closing {
        // Excerpts run blocks together: a heading ends with a colon.
        end_block(out, ':');
        space(out);
        out.push_str("___END_PAGEFIND_WEIGHT___ ");
    } else {
        let weight = match name.as_bytes()[1] {
            b'1' | b'2' => 5,
            b'3' => 4,
            _ => 3,
        };
        space(out);
        out.push_str("___PAGEFIND_WEIGHT___");
        out.push_str(&weight.to_string());
        out.push(' ');
    }
}

/// Ends a block that has no punctuation of its own with `mark`. (`out` never ends
/// in more than one space, so this looks at its end only.)
fn end_block(out: &mut String, mark: char) {
    let trimmed = out.trim_end_matches(' ');
    if !trimmed.chars().last().is_some_and(char::is_alphanumeric) {
        return;
    }
    let last_word = trimmed.rsplit(' ').next().unwrap_or("");
    if !last_word.starts_with("___") {
        out.truncate(trimmed.len());
        out.push(mark);
    }
}

/// A space between words, never two.
fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn push_text(out: &mut String, text: &str) {
    // Quotes need no escaping in text; Pagefind would keep `&quot;` inside the word.
    let text: std::borrow::Cow<str> = if text.contains('&') {
        text.replace("&quot;", "\"").replace("&#39;", "'").into()
    } else {
        text.into()
    };
    if text.starts_with(char::is_whitespace) {
        space(out);
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("___") && word.contains("PAGEFIND") {
            out.push_str(word.trim_start_matches('_'));
        } else {
            out.push_str(word);
        }
    }
    if text.ends_with(char::is_whitespace) {
        space(out);
    }
}

fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches('<').trim_start_matches('/');
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    &t[..end]
}

fn is_heading(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 2 && (b[0] == b'h' || b[0] == b'H') && (b'1'..=b'6').contains(&b[1])
}

fn is_inline(name: &str) -> bool {
    const INLINE: &[&str] = &[
        "a", "em", "strong", "code", "del", "s", "sup", "sub", "span", "mark", "abbr", "b", "i",
        "u", "small", "kbd",
    ];
    INLINE.iter().any(|t| t.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_words_and_drops_tags() {
        let t = text_of("<h2 id=\"x\">Was wir lernten</h2>\n<p>Ein <strong>kurzer</strong> Text &amp; mehr.</p><ul><li>eins</li><li>zwei</li></ul>");
        assert_eq!(
            t,
            "___PAGEFIND_WEIGHT___5 Was wir lernten: ___END_PAGEFIND_WEIGHT___ Ein kurzer Text &amp; mehr. eins; zwei;"
        );
    }

    #[test]
    fn text_leaves_out_scripts_and_disarms_markers() {
        let t = text_of("<p>vorher</p><script>geheim()</script><!-- a > b --><p>___PAGEFIND_WEIGHT___9 nachher</p>");
        assert_eq!(t, "vorher PAGEFIND_WEIGHT___9 nachher");
    }

    #[test]
    fn text_unescapes_quotes_only() {
        assert_eq!(
            text_of("<p>&quot;Zitat&quot; &lt;b&gt;</p>"),
            "\"Zitat\" &lt;b&gt;"
        );
    }
}
