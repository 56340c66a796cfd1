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
    ctx.insert(
        "body",
        without_repeated_title(&site.doc_html[id.0].html, &site.doc_titles[id.0]),
    );
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
