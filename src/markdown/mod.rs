//! Markdown → HTML with pulldown-cmark, plus what the site needs from a body: relative
//! links rewritten to page URLs (and checked), open tasks, the title from the first
//! `# heading`, a plain-text excerpt, and typographic quotes for German.
//!
//! [`render`] reads a body's events once (`events.rs`): raw HTML made harmless
//! (`raw_html.rs`), links resolved and checked (`links.rs`), the title heading taken
//! out, headings given ids, quotes made German (`quotes.rs`). From the events it keeps,
//! it collects the tasks and the excerpt (`collect.rs`) and writes the HTML.

mod collect;
mod events;
mod insights;
mod link;
mod links;
mod quotes;
mod raw_html;
#[cfg(test)]
mod tests;

use crate::content::Markdown;
use crate::diagnostics::Diagnostic;
pub use insights::Insight;
pub(crate) use links::content_path;

/// Asked of the resolver before a content path, `NEAR` asks for the file closest to
/// that path instead (as `Target::Missing(Some(closest))`): for the messages of the
/// links that are reported, so that the search is made only for them.
pub const NEAR: &str = "\u{0}near:";

/// What a link in the content points to. The resolver is asked for a content path
/// (`cohorts/2019/t/2019-03-14-x.md`, relative to the content folder), or, for a
/// link written as a page's address, for that address (starting with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page or file of this build, with its URL.
    Url(String),
    /// A page or file found by its address: its URL and the content file it is made
    /// from.
    Page { url: String, file: String },
    /// A private or draft entry: the link is removed and its text kept.
    Hidden,
    /// Nothing in the content folder; with the closest content path there is, when one
    /// is close enough to be what was meant.
    Missing(Option<String>),
}

/// How one body is rendered.
pub struct Options<'a> {
    pub german_quotes: bool,
    /// Take the first `# heading` as the title and leave it out of the body.
    pub title_from_heading: bool,
    /// Prefix for footnote ids, unique per page.
    pub id_prefix: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub title: Option<String>,
    pub tasks: Vec<Task>,
    /// The first words of the body as plain text.
    pub excerpt: String,
    /// The body's insights: the sections under a heading that says something was
    /// learned ("Was ich gelernt habe").
    pub insights: Vec<Insight>,
    /// Content files this body links to (relative to the content folder).
    pub links: Vec<String>,
    pub diags: Vec<Diagnostic>,
    /// Links that lead nowhere (only the first few are reported one by one).
    link_problems: usize,
}

/// The Markdown extensions a body may use.
fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders one Markdown body.
pub fn render(md: &Markdown, opts: &Options, resolve: &dyn Fn(&str) -> Target) -> Rendered {
    let body = md.body();
    let (events, mut out, headings) = events::read(md, body, opts, resolve);
    links::summarise_problems(&mut out);
    collect::tasks(&events, &mut out.tasks);
    out.insights = insights::sections(&events, &headings);
    out.excerpt = collect::excerpt(&events);
    out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}
