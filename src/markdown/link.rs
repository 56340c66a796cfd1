//! One link of a text while it is resolved: a file, a name without `.md`, a page's
//! address (relative to the page, or from the site's root as the preview shows it);
//! and what is said when it leads nowhere, with the file that was probably meant.
//!
//! A link is read first as a file relative to the text's own file, as the README
//! teaches. Only when no file is there is it read as the name of an entry without
//! `.md`, then as an address relative to the text's page (`../2019-09-26-bilanz/`,
//! as a page's address bar shows it). Addresses of pages are unique, so a link that
//! resolves one of these ways means exactly one page.

use super::links::{content_path, percent_decode, report, LinkOutcome, Why};
use super::{Rendered, Target, NEAR};
use crate::content::Markdown;
use crate::diagnostics::Diagnostic;

/// The sections of the site's addresses: an absolute link into one of them is meant
/// to be a page of the site.
const SECTIONS: &[&str] = &["cohorts", "topics", "docs", "timeline", "search"];

/// A link being resolved: written in `md`, at `range` of its body.
pub(super) struct Link<'a> {
    pub md: &'a Markdown,
    pub dest: &'a str,
    pub range: std::ops::Range<usize>,
    pub resolve: &'a dyn Fn(&str) -> Target,
}

fn nfc(s: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(s).collect()
}

/// `to` (a content path) as a link written in `from` (a content path): relative to
/// `from`'s folder.
pub(super) fn relative_link(from: &str, to: &str) -> String {
    let mut from: Vec<&str> = from.split('/').collect();
    from.pop();
    let to: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// `rel` read relative to the page at `page` (an address ending with `/`).
fn join_url(page: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if (rel.ends_with('/') || rel.is_empty()) && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// A link's address without its `#part` or `?query`, and its `#part`.
fn split_fragment(dest: &str) -> (&str, &str) {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let fragment = dest.find('#').map_or("", |i| &dest[i..]);
    (path, fragment)
}

impl Link<'_> {
    fn at(&self, d: Diagnostic) -> Diagnostic {
        d.at_offset(
            &self.md.text,
            self.md.offset + self.range.start,
            self.range.len(),
        )
    }

    /// The link's text as written (`[Bilanz](…)` → `Bilanz`), for examples.
    fn text(&self) -> String {
        let start = self.md.offset + self.range.start;
        let src = self
            .md
            .text
            .get(start..start + self.range.len())
            .unwrap_or("");
        let src = src.strip_prefix('!').unwrap_or(src);
        match (src.strip_prefix('['), src.rfind("](")) {
            (Some(_), Some(i)) if i >= 1 => src[1..i].to_string(),
            _ => "Text".into(),
        }
    }

    /// The link as it should be written, to `rel`: a picture stays a picture
    /// (`![Foto](foto.jpg)`), a link a link (`[Bilanz](bilanz.md)`).
    fn example(&self, rel: &str) -> String {
        let start = self.md.offset + self.range.start;
        let image = self
            .md
            .text
            .get(start..)
            .is_some_and(|s| s.starts_with('!'));
        let bang = if image { "!" } else { "" };
        format!("{bang}[{}]({rel})", self.text())
    }

    /// Where a page or file found leads, as this link's outcome.
    fn found(
        &self,
        target: Target,
        path: &str,
        fragment: &str,
        out: &mut Rendered,
    ) -> Option<LinkOutcome> {
        match target {
            Target::Url(url) => {
                out.links.push(path.to_string());
                Some(LinkOutcome::Rewrite(format!("{url}{fragment}")))
            }
            Target::Page { url, file } => {
                out.links.push(file);
                Some(LinkOutcome::Rewrite(format!("{url}{fragment}")))
            }
            Target::Hidden => Some(LinkOutcome::Drop),
            Target::Missing(_) => None,
        }
    }

    /// A relative link to the content path `path`.
    pub(super) fn to_file(&self, path: &str, fragment: &str, out: &mut Rendered) -> LinkOutcome {
        let target = (self.resolve)(path);
        if let Some(outcome) = self.found(target, path, fragment, out) {
            return outcome;
        }
        for alt in self.alternatives(path) {
            if let Some(outcome) = self.found((self.resolve)(&alt), &alt, fragment, out) {
                return outcome;
            }
        }
        report(out, || {
            let near = self.near(path).or_else(|| self.near_by_name());
            self.missing(path, near.as_deref())
        });
        LinkOutcome::Keep
    }

    /// The file closest to the missing content path `path`, if one is close enough.
    fn near(&self, path: &str) -> Option<String> {
        match (self.resolve)(&format!("{NEAR}{path}")) {
            Target::Missing(near) => near,
            _ => None,
        }
    }

    /// What else a link to the missing `path` may mean: the entry's file with `.md`,
    /// and the page at the address the link makes from this text's page.
    fn alternatives(&self, path: &str) -> Vec<String> {
        let mut alts = Vec::new();
        let trimmed = path.trim_end_matches('/');
        let name = trimmed.rsplit('/').next().unwrap_or(trimmed);
        if !name.is_empty() && !name.contains('.') {
            alts.push(format!("{trimmed}.md"));
        }
        if let Target::Url(page) = (self.resolve)(&nfc(&self.md.file)) {
            let (rel, _) = split_fragment(self.dest);
            alts.push(join_url(&page, &percent_decode(rel)));
        }
        alts
    }

    /// For a link that names its target only by the last part of its address
    /// (`../2019-09-26-bilanz-und-ausblik/`): the file closest to that name in this
    /// text's folder.
    fn near_by_name(&self) -> Option<String> {
        let (rel, _) = split_fragment(self.dest);
        let name = rel.trim_end_matches('/').rsplit('/').next()?;
        if name.is_empty() || name == ".." {
            return None;
        }
        let name = percent_decode(name);
        let name = if name.contains('.') {
            name
        } else {
            format!("{name}.md")
        };
        let folder = self.md.file.rsplit_once('/').map_or("", |(f, _)| f);
        let candidate = nfc(&if folder.is_empty() {
            name
        } else {
            format!("{folder}/{name}")
        });
        match (self.resolve)(&candidate) {
            Target::Missing(_) => self.near(&candidate),
            Target::Url(_) | Target::Page { .. } | Target::Hidden => Some(candidate),
        }
    }

    fn missing(&self, path: &str, near: Option<&str>) -> Diagnostic {
        let dest = self.dest;
        let help = match near {
            Some(near) => {
                let rel = relative_link(&self.md.file, near);
                let example = self.example(&rel);
                crate::text!(
                    "Meinten Sie `{rel}`? Schreiben Sie `{example}`; Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
                    "did you mean `{rel}`? Write `{example}`; links are relative to the folder of this file, `../` goes one folder up"
                )
            }
            None if path.ends_with(".md") => crate::text!(
                "Prüfen Sie den Dateinamen (mit dem Datum vorne und `.md` hinten); Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
                "check the file name (with date prefix and `.md`); links are relative to the folder of this file, `../` goes one folder up"
            ),
            None => crate::text!(
                "Legen Sie die Datei in den Ordner dieses Eintrags, oder schreiben Sie ihren Namen genau so, wie er im Ordner steht, auch mit Groß- und Kleinbuchstaben; Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
                "put the file into the folder of this entry, or write its name exactly as it is in the folder, capitals included; links are relative to the folder of this file, `../` goes one folder up"
            ),
        };
        self.at(Diagnostic::error(
            &self.md.file,
            crate::text!(
                "Der Link `{dest}` zeigt auf `{path}`, aber diese Datei gibt es nicht",
                "the link `{dest}` points to `{path}`, which does not exist"
            ),
        ))
        .with_help(help)
    }

    /// A link written from the site's root (`/cohorts/2019/…/`): the page at that
    /// address, with or without the site's base path.
    pub(super) fn address(&self, out: &mut Rendered) -> LinkOutcome {
        let (path, fragment) = split_fragment(self.dest);
        let target = (self.resolve)(&percent_decode(path));
        if let Some(outcome) = self.found(target, path, fragment, out) {
            return outcome;
        }
        let segments = path.split('/').filter(|s| !s.is_empty()).take(2);
        if segments.into_iter().any(|s| SECTIONS.contains(&s)) {
            report(out, || self.no_page(self.near_by_name().as_deref()));
        }
        LinkOutcome::Keep
    }

    fn no_page(&self, near: Option<&str>) -> Diagnostic {
        let dest = self.dest;
        let text = self.text();
        let help = match near {
            Some(near) => {
                let rel = relative_link(&self.md.file, near);
                crate::text!(
                    "Meinten Sie `{rel}`? Verlinken Sie die Datei, vom Ordner dieser Datei aus: `[{text}]({rel})`.",
                    "did you mean `{rel}`? Link to the file, from the folder of this file: `[{text}]({rel})`"
                )
            }
            None => crate::text!(
                "Verlinken Sie die Datei des Eintrags, vom Ordner dieser Datei aus, z. B. `[{text}](2019-03-14-erstes-treffen.md)`.",
                "link to the entry's file, from the folder of this file, e.g. `[{text}](2019-03-14-erstes-treffen.md)`"
            ),
        };
        self.at(Diagnostic::error(
            &self.md.file,
            crate::text!(
                "Der Link `{dest}` zeigt auf keine Seite dieser Website",
                "the link `{dest}` points to no page of this site"
            ),
        ))
        .with_help(help)
    }

    /// A link to the writer's own computer (`host`): a warning; when its address is a
    /// page of the site (copied from the preview), the link leads to that page.
    pub(super) fn own_computer(&self, host: &str, path: &str, out: &mut Rendered) -> LinkOutcome {
        let (path, fragment) = split_fragment(path);
        let mut file = None;
        // The root of any server on the computer is no page of the preview.
        let page = if path.trim_matches('/').is_empty() {
            Target::Missing(None)
        } else {
            (self.resolve)(&percent_decode(path))
        };
        let outcome = match page {
            Target::Page { url, file: f } => {
                out.links.push(f.clone());
                file = Some(f);
                LinkOutcome::Rewrite(format!("{url}{fragment}"))
            }
            _ => LinkOutcome::Keep,
        };
        let shown: String = self.dest.chars().take(80).collect();
        let help = match file {
            Some(f) => {
                let rel = relative_link(&self.md.file, &f);
                let example = self.example(&rel);
                crate::text!(
                    "Das ist die Adresse der Vorschau. Verlinken Sie stattdessen die Datei: `{example}`.",
                    "this is the preview's address; link to the file instead: `{example}`"
                )
            }
            None => crate::text!(
                "Verlinken Sie eine Adresse, die andere öffnen können (https://…), oder eine Datei im Inhaltsordner.",
                "link to an address others can open (https://…) or to a file in the content folder"
            ),
        };
        report(out, || {
            self.at(Diagnostic::warning(
                &self.md.file,
                crate::text!(
                    "Der Link `{shown}` zeigt auf Ihren eigenen Computer ({host}); Leserinnen und Leser können ihn nicht öffnen",
                    "the link `{shown}` points at your own computer ({host}); readers cannot open it"
                ),
            ))
            .with_help(help)
        });
        outcome
    }

    pub(super) fn refused(&self, (why_de, why_en): Why, image: bool) -> Diagnostic {
        let shown: String = self.dest.chars().take(60).collect();
        let (message, help) = if image {
            (
                crate::text!(
                    "Das Bild `{shown}` {why_de} und wird nicht veröffentlicht",
                    "the picture `{shown}` {why_en} and is left out of the site"
                ),
                crate::text!(
                    "Legen Sie das Bild als Datei neben den Eintrag (z. B. whiteboard.png) und schreiben Sie `![Whiteboard](whiteboard.png)`.",
                    "put the picture beside the entry as a file (e.g. whiteboard.png) and write ![Whiteboard](whiteboard.png)"
                ),
            )
        } else {
            (
                crate::text!(
                    "Der Link `{shown}` {why_de} und wird nicht veröffentlicht",
                    "the link `{shown}` {why_en} and is left out of the site"
                ),
                crate::text!(
                    "Verlinken Sie eine Webadresse (https://…) oder eine Datei im Inhaltsordner; der Text des Links bleibt auf der Seite stehen.",
                    "link to a web address (https://…) or to a file inside the content folder; the link's text stays on the page"
                ),
            )
        };
        self.at(Diagnostic::warning(&self.md.file, message))
            .with_help(help)
    }

    pub(super) fn leads_out(&self) -> Diagnostic {
        let dest = self.dest;
        self.at(Diagnostic::error(
            &self.md.file,
            crate::text!(
                "Der Link `{dest}` führt aus dem Inhaltsordner hinaus",
                "the link `{dest}` leads out of the content folder"
            ),
        ))
        .with_help(crate::text!(
            "Verlinken Sie nur Dateien im Inhaltsordner oder eine vollständige Webadresse (https://…).",
            "link only to files inside the content folder, or use a full web address (https://…)"
        ))
    }
}

/// `[Text](words with spaces)` is not a link to Markdown: it is shown as text, with
/// its brackets. Every such place in the text events of `body` (at `texts`) gets a
/// warning with the link as it should be written.
pub(super) fn spaced_links(
    md: &Markdown,
    body: &str,
    texts: &[std::ops::Range<usize>],
    resolve: &dyn Fn(&str) -> Target,
    out: &mut Rendered,
) {
    for r in texts {
        let Some(text) = body.get(r.clone()) else {
            continue;
        };
        for (j, _) in text.match_indices(']') {
            let at = r.start + j;
            if !body[at..].starts_with("](") {
                continue;
            }
            let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
            let Some(open) = body[line_start..at].rfind('[').map(|i| line_start + i) else {
                continue;
            };
            let Some(close) = body[at + 2..line_end].find(')').map(|i| at + 2 + i) else {
                continue;
            };
            let target = &body[at + 2..close];
            if !target.contains(' ') || target.starts_with('<') || target.trim().is_empty() {
                continue;
            }
            let link = Link {
                md,
                dest: target,
                range: open..close + 1,
                resolve,
            };
            report(out, || link.spaced(&body[open + 1..at]));
        }
    }
}

impl Link<'_> {
    /// The warning for `[text](words with spaces)`, with the link as it should be.
    fn spaced(&self, text: &str) -> Diagnostic {
        let target = self.dest.trim();
        let written = format!("[{text}]({target})");
        let file = &self.md.file;
        let exists = |t: &str| {
            matches!(
                content_path(file, t).map(|r| r.map(|(p, _)| (self.resolve)(&p))),
                Some(Ok(Target::Url(_) | Target::Page { .. } | Target::Hidden))
            )
        };
        let guess = format!("{}.md", crate::content::slug::slugify(target));
        let near = match content_path(file, &guess) {
            Some(Ok((p, _))) => match (self.resolve)(&p) {
                Target::Missing(_) => self.near(&p),
                _ => Some(p),
            },
            _ => None,
        };
        let help = if exists(target) {
            crate::text!(
                "Setzen Sie das Ziel in spitze Klammern: `[{text}](<{target}>)`.",
                "put the target in angle brackets: `[{text}](<{target}>)`"
            )
        } else if let Some(near) = near {
            let rel = relative_link(file, &near);
            crate::text!(
                "Meinten Sie den Eintrag `{rel}`? Schreiben Sie `[{text}]({rel})`.",
                "did you mean the entry `{rel}`? Write `[{text}]({rel})`"
            )
        } else {
            crate::text!(
                "Schreiben Sie den Dateinamen ohne Leerzeichen, z. B. `[{text}](datei-name.md)`, oder setzen Sie ihn in spitze Klammern: `[{text}](<{target}>)`.",
                "write the file name without spaces, e.g. `[{text}](file-name.md)`, or put it in angle brackets: `[{text}](<{target}>)`"
            )
        };
        self.at(Diagnostic::warning(
            file,
            crate::text!(
                "`{written}` erscheint als Text, nicht als Link: das Ziel enthält Leerzeichen",
                "`{written}` is shown as text, not as a link: its target has spaces"
            ),
        ))
        .with_help(help)
    }
}
