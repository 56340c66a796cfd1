//! The overlay of the preview: the content's problems over the page, in the
//! programme's language and in words for people ("Zeile 4, Spalte 10", code set as
//! code). Errors are listed open, warnings folded or smaller; the whole overlay folds
//! into a small bar (`<details>`), which the live-reload script opens or closes as the
//! reader left it. Only classes: its looks are `livereload::STYLE`.

use crate::content::Language;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use std::fmt::Write as _;

/// Whether the overlay stands over the last good site or over nothing yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Site {
    Kept,
    None,
}

/// The overlay for `diags`; `None` when there is nothing to say.
pub(super) fn html(diags: &Diagnostics, lang: Language, site: Site) -> Option<String> {
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let warnings: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    if errors.is_empty() && warnings.is_empty() {
        return None;
    }
    let w = Words::of(lang);
    let (kind, role) = if errors.is_empty() {
        ("tandem-ov-warnings", "region")
    } else {
        ("tandem-ov-errors", "alertdialog")
    };
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<p class="tandem-ov-note">{}</p>"#,
        esc(w.note(&errors, site))
    );
    if errors.is_empty() {
        list(&mut body, &warnings, lang, "tandem-ov-list tandem-ov-small");
    } else {
        list(&mut body, &errors, lang, "tandem-ov-list");
        if !warnings.is_empty() {
            let _ = write!(
                body,
                r#"<details class="tandem-ov-more"><summary>{}</summary>"#,
                esc(&w.warnings(warnings.len()))
            );
            list(&mut body, &warnings, lang, "tandem-ov-list tandem-ov-small");
            body.push_str("</details>");
        }
    }
    let title = if errors.is_empty() {
        w.warnings_title(warnings.len())
    } else {
        w.errors_title(errors.len())
    };
    let also = match (errors.len(), warnings.len()) {
        (0, _) | (_, 0) => String::new(),
        (_, n) => format!(
            r#"<span class="tandem-ov-also">· {}</span>"#,
            esc(&w.warnings(n))
        ),
    };
    let open = if errors.is_empty() { "" } else { " open" };
    let mut html = String::with_capacity(body.len() + 1024);
    let _ = write!(
        html,
        r#"<div id="tandem-overlay" class="tandem-ov {kind}" role="{role}" aria-labelledby="tandem-overlay-title" data-key="{key:x}" data-hash="{hash:x}"><details class="tandem-ov-fold"{open}><summary><span id="tandem-overlay-title">{title}</span>{also}<span class="tandem-ov-toggle" aria-hidden="true"><span class="tandem-ov-hide">{hide}</span><span class="tandem-ov-show">{show}</span></span></summary><div class="tandem-ov-body">{body}</div></details></div>"#,
        key = problems_key(diags),
        hash = fnv(body.as_bytes()) ^ fnv(title.as_bytes()),
        title = esc(&title),
        hide = w.hide,
        show = w.show,
    );
    Some(html)
}

/// The problems as a list, one item each.
fn list(out: &mut String, ds: &[&Diagnostic], lang: Language, class: &str) {
    let _ = write!(out, r#"<ol class="{class}">"#);
    for d in ds {
        item(out, d, lang);
    }
    out.push_str("</ol>");
}

/// One problem: where, what, the line with the culprit marked, and the fix.
fn item(out: &mut String, d: &Diagnostic, lang: Language) {
    out.push_str(r#"<li><p class="tandem-ov-where"><code>"#);
    out.push_str(&esc(&d.file));
    out.push_str("</code>");
    if let Some(place) = d.place(lang) {
        let _ = write!(out, ", {}", esc(&place));
    }
    let _ = write!(
        out,
        r#"</p><p class="tandem-ov-what">{}</p>"#,
        with_code(d.message.get(lang))
    );
    if let (Some(src), true) = (&d.source_line, d.line > 0) {
        let (before, culprit, after) = around_culprit(src, d);
        let _ = write!(
            out,
            r#"<pre class="tandem-ov-line"><span class="tandem-ov-no">{:>4} | </span>{}<mark>{}</mark>{}</pre>"#,
            d.line,
            esc(before),
            esc(culprit),
            esc(after)
        );
    }
    if let Some(h) = &d.help {
        let label = match lang {
            Language::De => "Tipp:",
            Language::En => "Hint:",
        };
        // Lines after the first are an example to copy: its indentation is the fix,
        // so it keeps its spaces, in a fixed-width font.
        let (hint, example) = match h.get(lang).split_once('\n') {
            Some((hint, example)) => (hint, Some(example)),
            None => (h.get(lang), None),
        };
        let _ = write!(
            out,
            r#"<p class="tandem-ov-help"><span class="tandem-ov-label">{label}</span> {}</p>"#,
            with_code(hint)
        );
        if let Some(example) = example {
            let _ = write!(
                out,
                r#"<pre class="tandem-ov-example">{}</pre>"#,
                esc(example)
            );
        }
    }
    out.push_str("</li>");
}

/// The shown source line cut around the culprit, as the terminal's caret marks it.
fn around_culprit<'a>(src: &'a str, d: &Diagnostic) -> (&'a str, &'a str, &'a str) {
    let start = src
        .char_indices()
        .nth(d.column.saturating_sub(1).saturating_sub(d.cropped))
        .map_or(src.len(), |(i, _)| i);
    let end = src[start..]
        .char_indices()
        .nth(d.len.max(1))
        .map_or(src.len(), |(i, _)| start + i);
    (&src[..start], &src[start..end], &src[end..])
}

/// The words around the problems.
struct Words {
    lang: Language,
    hide: &'static str,
    show: &'static str,
}

impl Words {
    fn of(lang: Language) -> Self {
        let (hide, show) = match lang {
            Language::De => ("Einklappen", "Anzeigen"),
            Language::En => ("Fold", "Show"),
        };
        Words { lang, hide, show }
    }

    fn errors_title(&self, n: usize) -> String {
        match self.lang {
            Language::De => format!("{n} Fehler im Inhalt"),
            Language::En if n == 1 => "1 content error".to_string(),
            Language::En => format!("{n} content errors"),
        }
    }

    fn warnings_title(&self, n: usize) -> String {
        match self.lang {
            Language::De if n == 1 => "1 Warnung zum Inhalt".to_string(),
            Language::De => format!("{n} Warnungen zum Inhalt"),
            Language::En if n == 1 => "1 content warning".to_string(),
            Language::En => format!("{n} content warnings"),
        }
    }

    fn warnings(&self, n: usize) -> String {
        match self.lang {
            Language::De if n == 1 => "1 Warnung".to_string(),
            Language::De => format!("{n} Warnungen"),
            Language::En if n == 1 => "1 warning".to_string(),
            Language::En => format!("{n} warnings"),
        }
    }

    fn note(&self, errors: &[&Diagnostic], site: Site) -> &'static str {
        match (self.lang, errors.is_empty(), site) {
            (Language::De, true, _) => "Die Seite ist trotzdem gebaut: Warnungen halten sie nicht auf, zeigen aber, was vermutlich nicht so erscheint wie gedacht. Sobald die Datei korrigiert und gespeichert ist, verschwindet dieser Hinweis.",
            (Language::En, true, _) => "The site was built all the same: warnings do not stop it, but they show what probably does not appear as intended. This notice disappears as soon as the file is fixed and saved.",
            (Language::De, false, Site::Kept) => "Die Vorschau zeigt den letzten fehlerfreien Stand. Sobald die Datei korrigiert und gespeichert ist, verschwindet dieser Hinweis.",
            (Language::En, false, Site::Kept) => "The preview shows the last version without errors. This notice disappears as soon as the file is fixed and saved.",
            (Language::De, false, Site::None) => "Die Seite kann erst gezeigt werden, wenn diese Fehler behoben sind. Sobald die Datei korrigiert und gespeichert ist, erscheint sie hier.",
            (Language::En, false, Site::None) => "The site can be shown once these errors are fixed. As soon as the file is fixed and saved, it appears here.",
        }
    }
}

/// What stays the same while the same problems stay (not their lines, which move as
/// the person types): the reader's folding is kept for it.
fn problems_key(diags: &Diagnostics) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for d in diags.iter() {
        for part in [
            d.file.as_bytes(),
            d.message.en.as_bytes(),
            &[d.severity as u8],
        ] {
            h = (h ^ fnv(part)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Escaped text in which what a message puts in backticks is set as code.
pub(super) fn with_code(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    // An odd number of backticks: the last one has no partner and stays as it is.
    let pairs = (parts.len() - 1) / 2;
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 && i <= 2 * pairs {
            out.push_str(if i % 2 == 1 { "<code>" } else { "</code>" });
        } else if i > 0 {
            out.push('`');
        }
        out.push_str(&esc(part));
    }
    out
}

pub(super) fn esc(s: &str) -> String {
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

#[cfg(test)]
mod tests;
