//! The browser side of live reload: a script and a style injected into served HTML
//! (never into `tandem build` output), and the overlay listing the content's problems.

use super::overlay;
use crate::content::Language;
use crate::diagnostics::Diagnostics;

/// Where the browser listens for changes.
pub(crate) const EVENTS_PATH: &str = "/__tandem/events";

/// Reloads the page when it (or a stylesheet) changed, keeping the scroll position;
/// shows, replaces or hides the overlay, and folds it as the reader left it.
pub(crate) const SCRIPT: &str = concat!(
    "<script id=\"tandem-livereload\">\n",
    include_str!("livereload.js"),
    "</script>"
);

/// The overlay's looks: classes only, in one style element beside the script (the
/// overlay itself has no `style` attributes, so a Content-Security-Policy may allow
/// exactly these two elements).
pub(crate) const STYLE: &str = concat!(
    "<style id=\"tandem-overlay-style\">\n",
    include_str!("overlay.css"),
    "</style>"
);

/// The overlay listing the problems of the latest build, errors first and warnings
/// folded; `None` when there are none.
pub(crate) fn overlay(diags: &Diagnostics, lang: Language) -> Option<String> {
    overlay::html(diags, lang, overlay::Site::Kept)
}

/// The whole page shown while no build has succeeded yet.
pub(crate) fn error_page(diags: &Diagnostics, lang: Language) -> String {
    let body = overlay::html(diags, lang, overlay::Site::None).unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>tandem</title></head><body>{}{}{}</body></html>",
        lang.code(),
        body,
        STYLE,
        SCRIPT
    )
}

/// Inserts the overlay's style and the live-reload script, both with the preview's
/// `nonce`, before `</body>` (or at the end).
pub(crate) fn inject(html: &[u8], nonce: &str) -> Vec<u8> {
    let pos = find_last(html, b"</body>").unwrap_or(html.len());
    let ours = super::csp::nonced(&format!("{STYLE}{SCRIPT}"), nonce);
    let mut out = Vec::with_capacity(html.len() + ours.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(ours.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
