//! Files copied into the site: every static file, and the attachments a published
//! text links to.

use super::targets::nfc;
use super::{urls, CopiedFile};
use crate::content::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown;
use std::collections::HashSet;

/// The files to copy. `linked` holds the content files the published texts link to;
/// an attachment that nothing links to is reported.
pub(super) fn copied_files(
    prog: &Programme,
    linked: &HashSet<String>,
    diags: &mut Diagnostics,
) -> Vec<CopiedFile> {
    let linked_by_any = linked_by_any(prog, linked);
    let mut copied = Vec::new();
    for s in &prog.static_files {
        copied.push(CopiedFile {
            out: s.out.clone(),
            src: s.abs.clone(),
            file: s.file.clone(),
        });
    }
    for (i, t) in prog.tandems.iter().enumerate() {
        for a in &t.attachments {
            let key = nfc(&a.file);
            if linked.contains(&key) {
                copied.push(CopiedFile {
                    out: urls::attachment(prog, TandemId(i), &a.url_name).0,
                    src: a.abs.clone(),
                    file: a.file.clone(),
                });
            } else if !linked_by_any.contains(&key) {
                let name = a.file.rsplit('/').next().unwrap_or(&a.file);
                diags.push(
                    Diagnostic::warning(
                        &a.file,
                        crate::text!(
                            "Diese Datei wird in keinem Eintrag verlinkt und deshalb nicht veröffentlicht",
                            "this file is not linked from any entry, so it is not published"
                        ),
                    )
                    .with_help(crate::text!(
                        "Verlinken Sie sie in einem Eintrag dieses Tandems, z. B. `[Beschreibung]({name})`, oder löschen Sie sie.",
                        "link it from an entry of this tandem, e.g. `[Description]({name})`, or remove it"
                    )),
                );
            }
        }
    }
    copied
}

/// `linked` and the files hidden entries link to: those attachments are not
/// published, but they are not "unused" either.
fn linked_by_any(prog: &Programme, linked: &HashSet<String>) -> HashSet<String> {
    let mut linked_by_any = linked.clone();
    for &id in &prog.hidden {
        let m = &prog.entries[id.0].source;
        for l in link_paths(m) {
            linked_by_any.insert(l);
        }
    }
    linked_by_any
}

fn link_paths(m: &Markdown) -> Vec<String> {
    let mut out = Vec::new();
    for (ev, _) in pulldown_cmark::Parser::new(m.body()).into_offset_iter() {
        if let pulldown_cmark::Event::Start(
            pulldown_cmark::Tag::Link { dest_url, .. }
            | pulldown_cmark::Tag::Image { dest_url, .. },
        ) = ev
        {
            if let Some(Ok((p, _))) = markdown::content_path(&m.file, &dest_url) {
                out.push(p);
            }
        }
    }
    out
}
