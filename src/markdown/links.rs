//! Links and pictures in a body: addresses that are refused, relative links resolved
//! to the content file they point to and rewritten to its page, problems reported.

use super::link::Link;
use super::{Rendered, Target};
use crate::content::Markdown;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::LinkType;

/// Why a link is refused, in German and English.
pub(super) type Why = (&'static str, &'static str);

/// The scheme of a link that would run a program or show a made-up page when
/// followed (`javascript:`, `vbscript:`, `data:` except pictures), or that points to a
/// file on the writer's computer (`file:`, `C:\…`). Browsers ignore spaces, tabs and
/// line breaks inside the scheme and any case, so this does too.
pub(super) fn refused_scheme(dest: &str, image: bool) -> Option<Why> {
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
    let on_your_computer = (
        "zeigt auf eine Datei auf Ihrem Computer",
        "points to a file on your computer",
    );
    match scheme {
        "javascript" | "vbscript" | "livescript" | "mocha" => {
            Some(("startet ein Programm", "runs a program"))
        }
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
                Some((
                    "enthält eine erfundene Seite oder Datei",
                    "holds a made-up page or file",
                ))
            }
        }
        "file" => Some(on_your_computer),
        s if s.len() == 1 && s.chars().all(|c| c.is_ascii_alphabetic()) => Some(on_your_computer),
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

pub(super) fn percent_decode(s: &str) -> String {
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

/// Where a link or picture of `md` (its Markdown at `range` of the body) leads:
/// kept as written, rewritten to the page it points to, or left out; with its
/// problems reported.
pub(super) fn link_target(
    md: &Markdown,
    dest: &str,
    range: std::ops::Range<usize>,
    link_type: LinkType,
    image: bool,
    resolve: &dyn Fn(&str) -> Target,
    out: &mut Rendered,
) -> LinkOutcome {
    let link = Link {
        md,
        dest,
        range,
        resolve,
    };
    if link_type != LinkType::Email {
        if let Some(why) = refused_scheme(dest, image) {
            report(out, || link.refused(why, image));
            return LinkOutcome::Drop;
        }
    }
    if let Some((host, path)) = own_computer(dest) {
        return link.own_computer(&host, path, out);
    }
    if matches!(link_type, LinkType::Email | LinkType::Autolink) {
        return LinkOutcome::Keep;
    }
    if dest.starts_with('/') && !dest.starts_with("//") {
        return link.address(out);
    }
    match content_path(&md.file, dest) {
        None => LinkOutcome::Keep,
        Some(Err(())) => {
            report(out, || link.leads_out());
            LinkOutcome::Drop
        }
        Some(Ok((path, fragment))) => link.to_file(&path, &fragment, out),
    }
}

/// Counts one more problem with a link, and reports it while problems are still
/// reported one by one (`problem` makes the message only then).
pub(super) fn report(out: &mut Rendered, problem: impl FnOnce() -> Diagnostic) {
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

/// The host (with its port) and the rest of a web address that points at the
/// writer's own computer: `localhost`, `127.0.0.1`, `[::1]`, `0.0.0.0`, any port. A
/// link copied from the preview is one.
pub(super) fn own_computer(dest: &str) -> Option<(String, &str)> {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    let start = ["http://", "https://"]
        .iter()
        .find(|s| lower.starts_with(**s))?
        .len();
    let rest = &lower[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest[..end].rsplit('@').next().unwrap_or("");
    let host = if authority.starts_with('[') {
        authority.split_inclusive(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    let loopback_v4 = host.strip_prefix("127.").is_some_and(|r| {
        r.split('.').count() == 3
            && r.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    let local = host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host == "[::]"
        || host == "0.0.0.0"
        || loopback_v4;
    local.then(|| (authority.to_string(), &dest[start + end..]))
}
