//! The page a server shows for an address the site does not have.

use super::{crumb, home_crumb, new_ctx, render_html, ui, Links};
use crate::diagnostics::Diagnostic;
use crate::render::{Ctx, Dep, Page};
use crate::site::urls;

const TEMPLATE: &str = "404.html";

pub(crate) fn render(c: &Ctx) -> Result<(Page, u64), Diagnostic> {
    let mut ctx = new_ctx();
    ctx.insert(
        "breadcrumbs",
        &[
            home_crumb(c),
            crumb(&ui(c, "not_found_title"), c.site.href(&urls::home())),
        ],
    );
    let deps = vec![Dep::Programme];
    // 404.html is served at any depth, so only its links stay absolute.
    render_html(
        c,
        TEMPLATE,
        ctx,
        urls::not_found(),
        Links::Absolute,
        deps,
        None,
    )
}
