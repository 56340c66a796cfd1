//! Links and pictures in a body: addresses that are refused, relative links resolved
//! to the content file they point to and rewritten to its page, problems reported.

use super::{Rendered, Target};
use crate::content::Markdown;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::LinkType;

/// The scheme of a link that would run a program or show a made-up page when
/// followed (`javascript:`, `vbscript:`, `data:` except pictures), or that points to a
/// file on the writer's computer (`file:`, `C:\…`). Browsers ignore spaces, tabs and
/// line breaks inside the scheme and any case, so this does too.
pub(super) fn refused_scheme(dest: &str, image: bool) -> Option<&'static str> {
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

/// Resolves `href`, written in `from_file`, to a content path relative to the content
/// folder. `None` when it is not a relative link (a web address, `mailto:`, `#anchor`,
/// `/absolute`) or when it climbs out of the content folder (`Err`).
pub(crate) fn content_path(from_file: &str, href: &str) -> Option<Result<(String, String), ()>> {
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

pub(super) enum LinkOutcome {
    Keep,
    Rewrite(String),
    Drop,
}

pub(super) fn link_target(
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
            report(out, || {
                let shown: String = dest.chars().take(60).collect();
                let what = if image { "picture" } else { "link" };
                Diagnostic::warning(&md.file, format!("the {what} `{shown}` {why} and is left out of the site"))
                    .at_offset(&md.text, at, line_len)
                    .with_help(if image {
                        "put the picture beside the entry as a file (e.g. whiteboard.png) and write ![Whiteboard](whiteboard.png)"
                    } else {
                        "link to a web address (https://…) or to a file inside the content folder; the link's text stays on the page"
                    })
            });
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
            report(out, || {
                Diagnostic::error(&md.file, format!("the link `{dest}` leads out of the content folder"))
                    .at_offset(&md.text, at, line_len)
                    .with_help("link only to files inside the content folder, or use a full web address (https://…)")
            });
            LinkOutcome::Drop
        }
        Ok((path, fragment)) => match resolve(&path) {
            Target::Url(url) => {
                out.links.push(path);
                LinkOutcome::Rewrite(format!("{url}{fragment}"))
            }
            Target::Hidden => LinkOutcome::Drop,
            Target::Missing => {
                report(out, || {
                    Diagnostic::error(&md.file, format!("the link `{dest}` points to `{path}`, which does not exist"))
                        .at_offset(&md.text, at, line_len)
                        .with_help("check the file name (with date prefix and `.md`); links are relative to the folder of this file, `../` goes one folder up")
                });
                LinkOutcome::Keep
            }
        },
    }
}

/// Counts one more problem with a link, and reports it while problems are still
/// reported one by one (`problem` makes the message only then).
fn report(out: &mut Rendered, problem: impl FnOnce() -> Diagnostic) {
    if counts_as_reported(out) {
        out.diags.push(problem());
    }
}

/// Counts one more problem with a link; true while it is still reported one by one.
fn counts_as_reported(out: &mut Rendered) -> bool {
    out.link_problems += 1;
    out.link_problems <= crate::diagnostics::MAX_SIMILAR
}

/// After the first few problems with links, one message says how many more there are.
pub(super) fn summarise_problems(out: &mut Rendered) {
    if out.link_problems > crate::diagnostics::MAX_SIMILAR {
        if let Some(last) = out.diags.last() {
            let summary = last.and_more(
                out.link_problems - crate::diagnostics::MAX_SIMILAR,
                crate::text!("Probleme mit Links", "problems with links"),
            );
            out.diags.push(summary);
        }
    }
}
