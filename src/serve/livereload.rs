//! The browser side of live reload: a script injected into served HTML (never into
//! `tandem build` output), and the error overlay.

use crate::content::Language;
use crate::diagnostics::{Diagnostics, Severity};

/// Where the browser listens for changes.
pub(crate) const EVENTS_PATH: &str = "/__tandem/events";

/// Reloads the page when it (or a stylesheet) changed, keeping the scroll position;
/// shows or hides the error overlay.
pub(crate) const SCRIPT: &str = r#"<script id="tandem-livereload">
(() => {
  const key = "tandem-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener("load", () => window.scrollTo(0, y));
  }
  const here = () => {
    let p = decodeURIComponent(location.pathname);
    if (p.endsWith("/index.html")) p = p.slice(0, -"index.html".length);
    return p;
  };
  let version = null;
  const source = new EventSource("/__tandem/events");
  source.addEventListener("state", (e) => {
    const d = JSON.parse(e.data);
    const overlay = document.getElementById("tandem-overlay");
    if (overlay) overlay.remove();
    if (d.overlay) document.body.insertAdjacentHTML("beforeend", d.overlay);
    if (version !== null && d.version !== version) {
      const p = here();
      const mine = d.reload_all || d.changed.some((c) => c === p);
      if (mine) {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
      }
    }
    version = d.version;
  });
})();
</script>"#;

/// The overlay's looks: one style element (the pages' policy forbids style
/// attributes; the preview puts its nonce on this element).
const OVERLAY_STYLE: &str = "<style>\
#tandem-overlay{position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff7f5;color:#1d1d1d;border-top:4px solid #b3261e;box-shadow:0 -4px 24px rgba(0,0,0,.25);font:15px/1.5 system-ui,sans-serif;padding:16px 24px}\
#tandem-overlay h2{margin:0 0 4px;font-size:18px;color:#b3261e}\
#tandem-overlay p{margin:0 0 12px;color:#444}\
#tandem-overlay ol{margin:0;padding-left:20px}\
#tandem-overlay li{margin:0 0 10px}\
#tandem-overlay code{font:13px ui-monospace,monospace;background:#fde7e2;padding:1px 4px;border-radius:3px}\
#tandem-overlay pre{margin:4px 0;padding:6px 8px;background:#fff;border:1px solid #eed;border-radius:4px;overflow:auto;font:13px ui-monospace,monospace}\
#tandem-overlay li>div{color:#333}\
</style>";

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The overlay listing the errors of the latest build; `None` when there are none.
pub(crate) fn overlay(diags: &Diagnostics, lang: Language) -> Option<String> {
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return None;
    }
    let (title, note, help) = match lang {
        Language::De => (
            if errors.len() == 1 { "1 Fehler im Inhalt".to_string() } else { format!("{} Fehler im Inhalt", errors.len()) },
            "Die Vorschau zeigt den letzten fehlerfreien Stand. Sobald die Datei korrigiert und gespeichert ist, verschwindet dieser Hinweis.",
            "Tipp",
        ),
        Language::En => (
            if errors.len() == 1 { "1 content error".to_string() } else { format!("{} content errors", errors.len()) },
            "The preview shows the last version without errors. This notice disappears as soon as the file is fixed and saved.",
            "Hint",
        ),
    };
    let mut html = String::from(
        r#"<div id="tandem-overlay" role="alertdialog" aria-labelledby="tandem-overlay-title">"#,
    );
    html.push_str(OVERLAY_STYLE);
    html.push_str(&format!(
        r#"<h2 id="tandem-overlay-title">{}</h2><p>{}</p><ol>"#,
        esc(&title),
        esc(note)
    ));
    for d in errors {
        html.push_str(&format!(
            r#"<li><code>{}</code><br><strong>{}</strong>"#,
            esc(&d.location()),
            esc(d.message.get(lang))
        ));
        if let Some(src) = &d.source_line {
            html.push_str(&format!(r#"<pre>{:>4} | {}</pre>"#, d.line, esc(src)));
        }
        if let Some(h) = &d.help {
            html.push_str(&format!(r#"<div>{}: {}</div>"#, help, esc(h.get(lang))));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></div>");
    Some(html)
}

/// The whole page shown while no build has succeeded yet.
pub(crate) fn error_page(diags: &Diagnostics, lang: Language) -> String {
    let body = overlay(diags, lang).unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>tandem</title></head><body>{}{}</body></html>",
        lang.code(),
        body,
        SCRIPT
    )
}

/// Inserts the live-reload script, with the preview's `nonce`, before `</body>` (or at
/// the end).
pub(crate) fn inject(html: &[u8], nonce: &str) -> Vec<u8> {
    let pos = find_last(html, b"</body>").unwrap_or(html.len());
    let script = super::csp::nonced(SCRIPT, nonce);
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
