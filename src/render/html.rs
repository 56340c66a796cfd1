//! HTML-level finishing of rendered text: links made relative to the page (or absolute,
//! for feeds), ids made unique, task boxes labelled, a repeated title left out. Byte
//! searches with SIMD (`memchr`), since every page goes through some of them.

use crate::site::UrlPath;

/// The page shows the title as its heading: a text that opens with the same title as
/// a first-level heading (front matter *and* `# Title`) would show it twice.
pub(super) fn without_repeated_title<'a>(html: &'a str, title: &str) -> &'a str {
    let body = html.trim_start();
    if !body.starts_with("<h1") {
        return html;
    }
    let Some(end) = body.find("</h1>") else {
        return html;
    };
    let inner = &body[body.find('>').map_or(0, |i| i + 1)..end];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in inner.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    if text.trim() == title.trim() {
        body[end + "</h1>".len()..].trim_start()
    } else {
        html
    }
}

/// Makes the ids of a rendered Markdown text, and the in-page links to them, unique
/// on a page that shows several texts.
pub(super) fn prefix_ids(html: &str, prefix: &str) -> String {
    let ids = replace_all(html, " id=\"", &format!(" id=\"{prefix}"));
    replace_all(&ids, "href=\"#", &format!("href=\"#{prefix}"))
}

/// `str::replace`, found with SIMD (`memmem`): the texts are long and the matches few.
fn replace_all(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16 * to.len());
    let mut last = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), from.as_bytes()) {
        out.push_str(&text[last..at]);
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(&text[last..]);
    out
}

/// Links in feed entries are read away from the site: make them absolute URLs.
pub(super) fn absolute_links(html: &str, base_path: &str, base_url: &str) -> String {
    let hrefs = replace_all(
        html,
        &format!("href=\"{base_path}"),
        &format!("href=\"{base_url}"),
    );
    replace_all(
        &hrefs,
        &format!("src=\"{base_path}"),
        &format!("src=\"{base_url}"),
    )
}

/// An absolute page's links (404.html) moved from `from` to the site's own path `to`
/// (an audience's site in its folder).
pub(super) fn rebased(html: &str, from: &str, to: &str) -> String {
    let mut out = html.to_string();
    for attr in ["href", "src", "action"] {
        out = replace_all(
            &out,
            &format!(" {attr}=\"{from}"),
            &format!(" {attr}=\"{to}"),
        );
    }
    out
}

/// Task list items come from Markdown as bare, disabled checkboxes; screen readers
/// need to hear what the box means ("done task"), as on GitHub.
pub(crate) fn label_task_boxes(html: &mut Vec<u8>, done: &str, open: &str) {
    const START: &[u8] = br#"<input disabled="" type="checkbox""#;
    const DONE: &[u8] = br#"<input disabled="" type="checkbox" checked=""/>"#;
    const OPEN: &[u8] = br#"<input disabled="" type="checkbox"/>"#;
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut labelled = |out: &mut Vec<u8>, at: usize, len: usize, label: &str, checked: &str| {
        if out.is_empty() {
            out.reserve(html.len() + 512);
        }
        out.extend_from_slice(&html[copied..at]);
        out.extend_from_slice(br#"<input disabled="" type="checkbox""#);
        out.extend_from_slice(checked.as_bytes());
        out.extend_from_slice(br#" aria-label=""#);
        out.extend_from_slice(super::charts::esc(label).as_bytes());
        out.extend_from_slice(br#""/>"#);
        copied = at + len;
    };
    for at in memchr::memmem::find_iter(html, START) {
        let rest = &html[at..];
        if rest.starts_with(DONE) {
            labelled(&mut out, at, DONE.len(), done, r#" checked="""#);
        } else if rest.starts_with(OPEN) {
            labelled(&mut out, at, OPEN.len(), open, "");
        }
    }
    if copied > 0 {
        out.extend_from_slice(&html[copied..]);
        *html = out;
    }
}

/// Rewrites `href="/base/x"` and `src="/base/x"` into the shortest paths relative to
/// the page (`../x`, `../../assets/style.css`), so that the site works wherever it is
/// put: under `base_url`'s path on the server, at the root of a local web server, or
/// copied to another folder.
pub(crate) fn relativize(html: &[u8], base_path: &str, page: &UrlPath) -> Vec<u8> {
    // The folders the page is in (`cohorts/2019/a/` is in three).
    let folders: Vec<&[u8]> = match page.0.rsplit_once('/') {
        Some((dirs, _)) => dirs.split('/').map(str::as_bytes).collect(),
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(html.len());
    // Every `="/base/`, then a look back for `href`, `src` or `action` before it.
    let mut needle = Vec::with_capacity(base_path.len() + 2);
    needle.extend_from_slice(b"=\"");
    needle.extend_from_slice(base_path.as_bytes());
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html, &needle) {
        let before = &html[..at];
        let attr = |name: &[u8]| {
            before.ends_with(name)
                && before.len() > name.len()
                && before[before.len() - name.len() - 1].is_ascii_whitespace()
        };
        if !(attr(b"href") || attr(b"src") || attr(b"action")) || at < copied {
            continue;
        }
        let target_start = at + needle.len();
        let target_end =
            memchr::memchr(b'"', &html[target_start..]).map_or(html.len(), |p| target_start + p);
        out.extend_from_slice(&html[copied..at + 2]);
        relative_target(&mut out, &html[target_start..target_end], &folders);
        copied = target_end;
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// Writes `target`, a path below the site root, as a path relative to a page in
/// `folders`.
fn relative_target(out: &mut Vec<u8>, target: &[u8], folders: &[&[u8]]) {
    // The folders the target shares with the page are left out.
    let path_end = target
        .iter()
        .position(|&b| b == b'#' || b == b'?')
        .unwrap_or(target.len());
    let mut shared = 0;
    let mut rest = 0;
    for folder in folders {
        match memchr::memchr(b'/', &target[rest..path_end]) {
            Some(i) if &target[rest..rest + i] == *folder => {
                shared += 1;
                rest += i + 1;
            }
            _ => break,
        }
    }
    let ups = folders.len() - shared;
    // What is left must not read as another address: nothing (the page's own
    // folder), `/…` (the server's root, or `//host`) or `x:…` (a scheme).
    let left = &target[rest..];
    let first = &left[..left
        .iter()
        .position(|&b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(left.len())];
    if ups == 0 && (rest == path_end || left.starts_with(b"/") || first.contains(&b':')) {
        out.extend_from_slice(b"./");
    }
    for _ in 0..ups {
        out.extend_from_slice(b"../");
    }
    out.extend_from_slice(&target[rest..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_boxes_are_labelled_for_screen_readers() {
        let mut html = br#"<ul><li><input disabled="" type="checkbox" checked=""/> a</li><li><input disabled="" type="checkbox"/> b & c</li></ul><input type="checkbox"/>"#.to_vec();
        label_task_boxes(&mut html, "Erledigt", "Offen <1>");
        assert_eq!(
            String::from_utf8(html).unwrap(),
            r#"<ul><li><input disabled="" type="checkbox" checked="" aria-label="Erledigt"/> a</li><li><input disabled="" type="checkbox" aria-label="Offen &lt;1&gt;"/> b & c</li></ul><input type="checkbox"/>"#
        );
        let mut plain = b"<p>no boxes</p>".to_vec();
        label_task_boxes(&mut plain, "x", "y");
        assert_eq!(plain, b"<p>no boxes</p>");
    }

    #[test]
    fn ids_of_a_text_shown_among_others_get_a_prefix() {
        assert_eq!(
            prefix_ids(
                r##"<h2 id="a">A</h2><sup><a href="#fn-1">1</a></sup><a href="/x/#a">x</a>"##,
                "d-e-"
            ),
            r##"<h2 id="d-e-a">A</h2><sup><a href="#d-e-fn-1">1</a></sup><a href="/x/#a">x</a>"##
        );
    }

    #[test]
    fn a_heading_that_repeats_the_title_is_left_out() {
        let html = "<h1 id=\"a\">Über &amp; mehr</h1>\n<p>Text</p>";
        assert_eq!(without_repeated_title(html, "Über & mehr"), "<p>Text</p>");
        assert_eq!(without_repeated_title(html, "Anders"), html);
        assert_eq!(without_repeated_title("<p>x</p>", "x"), "<p>x</p>");
    }

    #[test]
    fn feed_links_become_absolute() {
        assert_eq!(
            absolute_links(
                r#"<a href="/rm/docs/">d</a><img src="/rm/a.svg"><a href="https://x/">x</a>"#,
                "/rm/",
                "https://h/rm/"
            ),
            r#"<a href="https://h/rm/docs/">d</a><img src="https://h/rm/a.svg"><a href="https://x/">x</a>"#
        );
    }

    #[test]
    fn links_become_relative_to_the_page() {
        let html = br#"<a href="/rm/cohorts/2019/">x</a><img src="/rm/logo.svg"><a href="/rm/">h</a><a href="https://x/rm/">e</a>"#;
        let out = relativize(html, "/rm/", &UrlPath("cohorts/2019/a/".into()));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<a href="../">x</a><img src="../../../logo.svg"><a href="../../../">h</a><a href="https://x/rm/">e</a>"#
        );
        // Siblings, the page itself, its own anchors, a query.
        let out = relativize(
            br#"<a href="/rm/cohorts/2019/b/">s</a><a href="/rm/cohorts/2019/a/">p</a><a href="/rm/cohorts/2019/a/#x">x</a><a href="/rm/cohorts/2020/">o</a><form action="/rm/search/?q=1">"#,
            "/rm/",
            &UrlPath("cohorts/2019/a/".into()),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<a href="../b/">s</a><a href="./">p</a><a href="./#x">x</a><a href="../../2020/">o</a><form action="../../../search/?q=1">"#
        );
        // Nothing left that a browser would read as a scheme or another host.
        let out = relativize(
            br#"<a href="/rm/cohorts/2019/a/x:y.pdf">s</a><a href="/rm/cohorts/2019/a//cdn.example.org/y">h</a><a href="/rm/cohorts/2019/a/b.pdf?x=a:b">q</a>"#,
            "/rm/",
            &UrlPath("cohorts/2019/a/".into()),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<a href="./x:y.pdf">s</a><a href=".//cdn.example.org/y">h</a><a href="b.pdf?x=a:b">q</a>"#
        );
        let out = relativize(
            br#"<a href="/rm/">h</a><a href="/rm/topics/">t</a>"#,
            "/rm/",
            &UrlPath(String::new()),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<a href="./">h</a><a href="topics/">t</a>"#
        );
    }
}
