//! The preview and the pages' Content Security Policy.
//!
//! A built page forbids inline scripts and styles (`<meta http-equiv=
//! "Content-Security-Policy">`, from the theme's `templates/partials/csp.html`). The
//! preview adds a script (live reload) and the error overlay with its style element,
//! so it makes one random nonce when it starts, puts it on its own `<script>` and
//! `<style>` elements ([`nonced`]) and adds `'nonce-…'` to the policy of each page as
//! it serves it ([`allow_nonce`]). The written site never holds a nonce, and whatever
//! else the page holds stays as forbidden as in the published site.

/// A fresh random nonce: 128 bits, hexadecimal.
pub(crate) fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness: the hash keys of the standard library are still
        // random per process.
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `markup` written by the preview itself, with `nonce="…"` on every `<script>` and
/// `<style>` element. Never for a page's own HTML: its scripts stay forbidden.
pub(crate) fn nonced(markup: &str, nonce: &str) -> String {
    let mut out = String::with_capacity(markup.len() + 64);
    let mut rest = markup;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let tag = ["<script", "<style"]
            .into_iter()
            .find(|t| rest.starts_with(t) && rest[t.len()..].starts_with([' ', '>']));
        match tag {
            Some(t) => {
                out.push_str(t);
                out.push_str(&format!(" nonce=\"{nonce}\""));
                rest = &rest[t.len()..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `html` with `'nonce-…'` added to the script and style sources of each Content
/// Security Policy in its `<head>`.
pub(crate) fn allow_nonce(html: &[u8], nonce: &str) -> Vec<u8> {
    let head_end = html
        .windows(5)
        .position(|w| w.eq_ignore_ascii_case(b"<body"))
        .unwrap_or(html.len());
    let lower = html[..head_end].to_ascii_lowercase();
    let mut out = Vec::with_capacity(html.len() + 128);
    let mut done = 0;
    let mut from = 0;
    while let Some(start) = find(&lower, b"<meta", from) {
        let Some(end) = lower[start..].iter().position(|&b| b == b'>') else {
            break;
        };
        let end = start + end;
        from = end;
        let attrs = attributes(&html[start + 5..end]);
        let is_policy = attrs.iter().any(|a| {
            a.name.eq_ignore_ascii_case("http-equiv")
                && a.value
                    .trim()
                    .eq_ignore_ascii_case("content-security-policy")
        });
        let Some(content) = attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case("content"))
        else {
            continue;
        };
        if !is_policy {
            continue;
        }
        let (v0, v1) = (start + 5 + content.at.0, start + 5 + content.at.1);
        let policy = with_nonce(&unescape(content.value), nonce).replace('&', "&amp;");
        let policy = match content.quote {
            Some(b'\'') => policy.replace('\'', "&#39;"),
            _ => policy.replace('"', "&quot;"),
        };
        out.extend_from_slice(&html[done..v0]);
        out.extend_from_slice(policy.as_bytes());
        done = v1;
    }
    out.extend_from_slice(&html[done..]);
    out
}

/// The character references a policy's quotes may be written with.
fn unescape(value: &str) -> String {
    value
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

struct Attribute<'a> {
    name: &'a str,
    value: &'a str,
    /// Where the value is, within the attribute text (without its quotes).
    at: (usize, usize),
    quote: Option<u8>,
}

/// The attributes of a start tag (the bytes between the tag name and `>`); values as
/// written, character references included.
fn attributes(tag: &[u8]) -> Vec<Attribute<'_>> {
    let text = std::str::from_utf8(tag).unwrap_or("");
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i].is_ascii_whitespace() || b[*i] == b'/') {
            *i += 1;
        }
    };
    loop {
        skip_ws(&mut i);
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if i == name_start {
            return out;
        }
        let name = &text[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            out.push(Attribute {
                name,
                value: "",
                at: (i, i),
                quote: None,
            });
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let quote = b.get(i).copied().filter(|&q| q == b'"' || q == b'\'');
        let start = i + usize::from(quote.is_some());
        let mut end = start;
        while end < b.len()
            && match quote {
                Some(q) => b[end] != q,
                None => !b[end].is_ascii_whitespace(),
            }
        {
            end += 1;
        }
        out.push(Attribute {
            name,
            value: &text[start..end],
            at: (start, end),
            quote,
        });
        i = end + usize::from(quote.is_some() && end < b.len());
    }
}

/// `policy` with `'nonce-…'` among the sources of scripts and styles: added to each
/// `script-src(-elem)` and `style-src(-elem)`, or, when a policy has neither for a
/// kind, to a copy of its `default-src`. A source list that allows every inline
/// element (`'unsafe-inline'` without a nonce or hash) is left as it is: a nonce would
/// switch that off.
fn with_nonce(policy: &str, nonce: &str) -> String {
    let source = format!("'nonce-{nonce}'");
    let mut directives: Vec<(String, Vec<String>)> = policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_ascii_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_string).collect()))
        })
        .collect();
    let default = directives
        .iter()
        .find(|(n, _)| n == "default-src")
        .map(|(_, s)| s.clone());
    for kind in ["script-src", "style-src"] {
        let elem = format!("{kind}-elem");
        let present = directives.iter().any(|(n, _)| *n == kind || *n == elem);
        if !present {
            if let Some(d) = &default {
                directives.push((kind.to_string(), d.clone()));
            }
        }
        for (name, sources) in directives.iter_mut() {
            if *name != kind && *name != elem {
                continue;
            }
            let lower: Vec<String> = sources.iter().map(|s| s.to_ascii_lowercase()).collect();
            let keyed = lower
                .iter()
                .any(|s| s.starts_with("'nonce-") || s.starts_with("'sha"));
            if lower.iter().any(|s| s == "'unsafe-inline'") && !keyed {
                continue;
            }
            sources.retain(|s| !s.eq_ignore_ascii_case("'none'"));
            sources.push(source.clone());
        }
    }
    directives
        .iter()
        .map(|(n, s)| {
            if s.is_empty() {
                n.clone()
            } else {
                format!("{n} {}", s.join(" "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'";

    #[test]
    fn the_nonce_joins_script_and_style_sources() {
        assert_eq!(
            with_nonce(POLICY, "abc"),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-abc'; style-src 'self' 'nonce-abc'; img-src 'self' data:; object-src 'none'"
        );
        assert_eq!(
            with_nonce("default-src 'none'", "n"),
            "default-src 'none'; script-src 'nonce-n'; style-src 'nonce-n'"
        );
        assert_eq!(
            with_nonce(
                "style-src 'self' 'unsafe-inline'; style-src-elem 'self'",
                "n"
            ),
            "style-src 'self' 'unsafe-inline'; style-src-elem 'self' 'nonce-n'"
        );
        // Without default-src nothing restricts the preview's elements.
        assert_eq!(with_nonce("img-src 'self'", "n"), "img-src 'self'");
    }

    #[test]
    fn only_the_policy_in_the_head_changes() {
        let page = format!(
            "<html><head><meta charset=utf-8><META content=\"{POLICY}\" http-equiv=Content-Security-Policy></head>\
             <body><meta http-equiv=\"Content-Security-Policy\" content=\"x\"><p>content-security-policy</body></html>"
        );
        let out = String::from_utf8(allow_nonce(page.as_bytes(), "n1")).unwrap();
        assert!(out.contains("style-src 'self' 'nonce-n1';"), "{out}");
        assert!(
            out.contains("http-equiv=\"Content-Security-Policy\" content=\"x\">"),
            "{out}"
        );
        assert_eq!(out.matches("nonce-n1").count(), 2, "{out}");
        let single = "<head><meta http-equiv='Content-Security-Policy' content='default-src &#39;self&#39;'></head>";
        let out = String::from_utf8(allow_nonce(single.as_bytes(), "n")).unwrap();
        assert!(
            out.contains("script-src &#39;self&#39; &#39;nonce-n&#39;"),
            "{out}"
        );
    }

    #[test]
    fn only_the_previews_own_elements_get_the_nonce() {
        assert_eq!(
            nonced("<style>.a{}</style><script>x</script><scripts><p>", "n"),
            "<style nonce=\"n\">.a{}</style><script nonce=\"n\">x</script><scripts><p>"
        );
        assert_eq!(
            nonced("<script id=\"x\">", "n"),
            "<script nonce=\"n\" id=\"x\">"
        );
        let a = new_nonce();
        assert_eq!(a.len(), 32);
        assert_ne!(a, new_nonce());
    }
}
