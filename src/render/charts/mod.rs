//! Charts as inline SVG, drawn at build time: visible without JavaScript, printable,
//! and byte-for-byte the same for the same content (coordinates are rounded, nothing
//! depends on hash order or the clock).
//!
//! Every chart is an `<svg role="img">` named by its `<title>` and summarised by its
//! `<desc>` (`role="group"` when its marks or cells are links: a picture may hold no
//! link); the pages put a data table beside it for screen readers and for anyone who
//! prefers numbers. Nothing is told by colour alone: marks are filled or hollow, quiet
//! stretches are hatched, shades carry their number, and milestones are labelled lines.
//!
//! Colours come from classes that the theme's stylesheet defines (so dark mode and
//! print follow the page); presentation attributes give a readable fallback for themes
//! whose stylesheet does not know the classes.

mod activity;
mod bars;
mod matrix;

pub(crate) use activity::{activity, Activity, Lane, Mark};
pub(crate) use bars::{bars, columns, value_width, Bars, Columns};
pub(crate) use matrix::{matrix, Matrix, MatrixRow};

use std::fmt::Write;

const FONT: &str =
    "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

/// Escapes text for SVG content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate rounded to a tenth, without a trailing `.0`: short and deterministic.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Approximate width of a text in the sans-serif UI font.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c.is_uppercase() || c == 'm' || c == 'w' {
                0.72
            } else if " .,:;iIjlrtf'·|".contains(c) {
                0.32
            } else {
                0.56
            }
        })
        .sum::<f64>()
        * size
}

/// How a chart presents itself to assistive technology: as one picture, or (when it
/// holds links) as a group whose links can be reached.
#[derive(Clone, Copy)]
enum Role {
    Img,
    Group,
}

fn open_svg(
    out: &mut String,
    id: &str,
    class: &str,
    size: (f64, f64),
    role: Role,
    title: &str,
    desc: &str,
) {
    let (w, h) = size;
    let role = match role {
        Role::Img => "img",
        Role::Group => "group",
    };
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="{role}" aria-labelledby="{id}-t {id}-d" focusable="false" font-family="{FONT}"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>"#,
        w = n(w),
        h = n(h),
        title = esc(title),
        desc = esc(desc),
    );
}

/// Replaces `{key}` placeholders in a UI string.
pub(crate) fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests;
