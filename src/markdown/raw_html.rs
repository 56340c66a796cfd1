//! Raw HTML in a body, which the site never publishes as HTML.

use super::Rendered;
use crate::content::Markdown;
use crate::diagnostics::Diagnostic;

/// Raw HTML met while rendering one body.
#[derive(Default)]
pub(super) struct RawHtml {
    /// Inside an HTML block: `None` before its first line, then whether it is shown
    /// (`true`) or a comment that is left out (`false`).
    pub(super) block: Option<Option<bool>>,
    /// Whether the writer was already told about HTML in this body.
    warned: bool,
}

impl RawHtml {
    /// Warns once per body that HTML is shown as text.
    pub(super) fn note(&mut self, md: &Markdown, t: &str, at: usize, out: &mut Rendered) {
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
                crate::text!(
                    "HTML wie `{tag}` wird als Text angezeigt, nicht als HTML verwendet",
                    "HTML such as `{tag}` is shown as text, not used as HTML"
                ),
            )
            .at_offset(&md.text, md.offset + at, t.trim_end().len())
            .with_help(crate::text!(
                "Schreiben Sie Formatierungen in Markdown (**fett**, Listen, [Links](…), Tabellen). Die Seite übernimmt kein HTML aus dem Text, damit keine Seite im Browser der Leser ein Programm ausführen kann.",
                "write the formatting in Markdown (**bold**, lists, [links](…), tables); the site never takes HTML from the text, so that no page can run a program in the reader's browser"
            )),
        );
    }
}

/// Formatting tags without attributes that cannot run anything: `<br>`, `<sup>`,
/// `</sup>`, `<kbd>` …
pub(super) fn is_harmless_tag(t: &str) -> bool {
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
