//! A page of the programme's documentation, with its neighbours and its ancestors as
//! breadcrumbs.

use super::{crumb, home_crumb, new_ctx, render_html, Links};
use crate::content::DocId;
use crate::diagnostics::Diagnostic;
use crate::render::html::without_repeated_title;
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;
use serde_json::{json, Value as Json};

const TEMPLATE: &str = "doc.html";

pub(crate) fn render(c: &Ctx, id: DocId) -> Result<(Page, u64), Diagnostic> {
    let site = c.site;
    let prog = &site.prog;
    let d = &prog.docs[id.0];
    let mut ctx = new_ctx();
    ctx.insert(
        "doc",
        &json!({
            "title": site.doc_titles[id.0],
            "description": d.description,
            "url": site.href(&urls::doc(prog, id)),
        }),
    );
    let body = without_repeated_title(&site.doc_html[id.0].html, &site.doc_titles[id.0]);
    let outline = outline(body);
    ctx.insert(
        "outline",
        &if outline.len() >= 3 {
            outline
        } else {
            Vec::new()
        },
    );
    ctx.insert("body", &body);
    let pos = site.doc_order.iter().position(|&x| x == id).unwrap_or(0);
    let link =
        |d: &DocId| json!({"title": site.doc_titles[d.0], "url": site.href(&urls::doc(prog, *d))});
    ctx.insert(
        "prev",
        &pos.checked_sub(1)
            .and_then(|i| site.doc_order.get(i))
            .map(link),
    );
    ctx.insert("next", &site.doc_order.get(pos + 1).map(link));
    ctx.insert("breadcrumbs", &crumbs(c, id));
    let deps = vec![Dep::Programme, Dep::Doc(id), Dep::AllDocs];
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::doc(prog, id),
        Links::Relative,
        deps,
        None,
    )
}

/// Home, the ancestors that are pages themselves, the page.
fn crumbs(c: &Ctx, id: DocId) -> Vec<Json> {
    let site = c.site;
    let prog = &site.prog;
    let d = &prog.docs[id.0];
    let mut crumbs = vec![home_crumb(c)];
    // Ancestors that are pages themselves.
    for depth in 0..d.path.len() {
        if let Some(a) = prog.docs.iter().position(|x| x.path[..] == d.path[..depth]) {
            crumbs.push(crumb(
                &site.doc_titles[a],
                site.href(&urls::doc(prog, DocId(a))),
            ));
        }
    }
    crumbs.push(crumb(
        &site.doc_titles[id.0],
        site.href(&urls::doc(prog, id)),
    ));
    crumbs
}

/// The page's sections for "Auf dieser Seite": each `<h2 id="…">` of the body, with
/// its text.
fn outline(html: &str) -> Vec<Json> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h2 id=\"") {
        rest = &rest[at + 8..];
        let Some(id_end) = rest.find('"') else { break };
        let id = &rest[..id_end];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</h2>") else {
            break;
        };
        if close < open_end {
            continue;
        }
        let inner = &rest[open_end + 1..close];
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
        // The text is already escaped HTML; the template marks it safe.
        out.push(json!({ "id": id, "html": text }));
        rest = &rest[close..];
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_outline_lists_the_second_level_headings() {
        let o = super::outline(
            "<p>a</p><h2 id=\"eins\">Eins &amp; <code>zwei</code></h2><h3 id=\"x\">x</h3><h2 id=\"drei\">Drei</h2>",
        );
        assert_eq!(o.len(), 2);
        assert_eq!(o[0]["id"], "eins");
        assert_eq!(o[0]["html"], "Eins &amp; zwei");
        assert_eq!(o[1]["html"], "Drei");
    }
}
