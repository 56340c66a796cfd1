//! The coverage matrix: tandems × topics, each cell shaded by its number of entries.

use super::{esc, fill, n, open_svg, text_width, Role};
use std::fmt::Write;

/// One row of a matrix: a tandem's counts per topic and which topics it chose.
#[derive(Debug, Clone)]
pub(crate) struct MatrixRow {
    pub label: String,
    pub counts: Vec<usize>,
    pub focus: Vec<bool>,
    /// Per column, where a click on a cell that is not empty leads.
    pub links: Vec<Option<String>>,
}

/// Tandems × topics, shaded by number of entries.
#[derive(Debug, Clone)]
pub(crate) struct Matrix {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub columns: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// "{n} Einträge": the tooltip of a cell after "row · column: ".
    pub count_label: String,
    /// "1 Eintrag": the same for a cell of one.
    pub count_one: String,
    /// Added to the tooltip of a cell of a chosen focus topic.
    pub focus_label: String,
}

/// The shade of a count: 0, 1, 2, 3–4, 5 and more.
pub(crate) fn level(count: usize) -> usize {
    match count {
        0 => 0,
        1 => 1,
        2 => 2,
        3 | 4 => 3,
        _ => 4,
    }
}

const LEVEL_FILL: [&str; 5] = ["#ffffff", "#e0efec", "#a9d6ce", "#2f7f76", "#0b4f49"];

/// Cell size and the gap between cells.
const CELL_W: f64 = 68.0;
const CELL_H: f64 = 38.0;
const GAP: f64 = 4.0;
/// The slant of the column heads, in degrees.
const ANGLE: f64 = 35.0;

/// The coverage matrix: rows of tandems, columns of topics; each cell shaded by its
/// number of entries and showing that number; the tandem's focus topics outlined.
pub(crate) fn matrix(m: &Matrix) -> String {
    let g = Grid::of(m);
    let mut s = String::new();
    open_svg(
        &mut s,
        &m.id,
        "chart-matrix",
        (g.w, g.h),
        Role::Group,
        &m.title,
        &m.desc,
    );
    column_heads(&mut s, m, &g);
    for (r, row) in m.rows.iter().enumerate() {
        let y = g.head_h + r as f64 * (CELL_H + GAP);
        let _ = write!(
            s,
            r##"<text class="ch-lane" x="0" y="{}" font-size="13" font-weight="600" fill="#1c2326">{}</text>"##,
            n(y + CELL_H / 2.0 + 4.5),
            esc(&row.label)
        );
        for (i, &count) in row.counts.iter().enumerate() {
            let x = g.label_w + i as f64 * (CELL_W + GAP);
            cell(&mut s, m, row, i, count, (x, y));
        }
    }
    s.push_str("</svg>");
    s
}

/// Where a matrix's parts go: the row labels' width, the slanted column heads' height,
/// and the size of the whole drawing.
struct Grid {
    label_w: f64,
    head_h: f64,
    w: f64,
    h: f64,
}

impl Grid {
    fn of(m: &Matrix) -> Self {
        let label_size = 13.0;
        let label_w = m
            .rows
            .iter()
            .map(|r| text_width(&r.label, label_size) + 16.0)
            .fold(120.0_f64, f64::max)
            .min(280.0);
        let (sin, cos) = (ANGLE.to_radians().sin(), ANGLE.to_radians().cos());
        let head_h = m.columns.iter().map(|c| col_text(c)).fold(0.0, f64::max) * sin + 20.0;
        let grid_w = m.columns.len() as f64 * (CELL_W + GAP);
        let overflow = m
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (i as f64 + 0.5) * (CELL_W + GAP) + col_text(c) * cos + 8.0 - grid_w)
            .fold(0.0, f64::max);
        let w = label_w + grid_w + overflow;
        let h = head_h + m.rows.len() as f64 * (CELL_H + GAP) + 2.0;
        Grid {
            label_w,
            head_h,
            w,
            h,
        }
    }
}

/// The width of a column head: bold labels run wider than the estimate; leave room
/// rather than clip them.
fn col_text(c: &str) -> f64 {
    text_width(c, 12.0) * 1.1
}

/// The topics' names, slanted above their columns.
fn column_heads(s: &mut String, m: &Matrix, g: &Grid) {
    for (i, c) in m.columns.iter().enumerate() {
        let cx = g.label_w + (i as f64 + 0.5) * (CELL_W + GAP);
        let by = g.head_h - 8.0;
        let _ = write!(
            s,
            r##"<text class="ch-label" transform="translate({},{}) rotate(-{})" font-size="12" font-weight="600" fill="#545d62">{}</text>"##,
            n(cx - 4.0),
            n(by),
            n(ANGLE),
            esc(c)
        );
    }
}

/// The cell of `row` in column `i` at `(x, y)`: its shade, its number, its tooltip, and
/// for a focus topic a frame and a flag.
fn cell(s: &mut String, m: &Matrix, row: &MatrixRow, i: usize, count: usize, (x, y): (f64, f64)) {
    let lv = level(count);
    let focus = row.focus.get(i).copied().unwrap_or(false);
    let mut tip = format!(
        "{} · {}: {}",
        row.label,
        m.columns.get(i).map(String::as_str).unwrap_or(""),
        if count == 1 {
            m.count_one.clone()
        } else {
            fill(&m.count_label, &[("n", count.to_string())])
        }
    );
    if focus {
        tip = format!("{tip} ({})", m.focus_label);
    }
    let link = row.links.get(i).cloned().flatten().filter(|_| count > 0);
    if let Some(url) = &link {
        let _ = write!(
            s,
            r#"<a href="{}" tabindex="-1" aria-label="{}">"#,
            esc(url),
            esc(&tip)
        );
    }
    let _ = write!(
        s,
        r##"<g class="ch-cell ch-l{lv}{}"><title>{}</title><rect class="ch-bg" x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="#c9c6bd"/>"##,
        if focus { " ch-focus" } else { "" },
        esc(&tip),
        n(x),
        n(y),
        n(CELL_W),
        n(CELL_H),
        LEVEL_FILL[lv],
    );
    // Light cells get dark ink, dark cells light ink: the number, and for a
    // focus topic an inner frame and a corner flag, stay readable on any shade.
    let ink = if lv >= 3 { "#ffffff" } else { "#1c2326" };
    if focus {
        let _ = write!(
            s,
            r##"<rect class="ch-focus-frame" x="{}" y="{}" width="{}" height="{}" rx="2" fill="none" stroke="{ink}" stroke-width="2"/><path class="ch-focus-flag" d="M{} {}h11v11z" fill="{ink}"/>"##,
            n(x + 3.0),
            n(y + 3.0),
            n(CELL_W - 6.0),
            n(CELL_H - 6.0),
            n(x + CELL_W - 14.0),
            n(y + 3.0),
        );
    }
    let text = if count == 0 {
        "–".to_string()
    } else {
        count.to_string()
    };
    let _ = write!(
        s,
        r##"<text class="ch-num" x="{}" y="{}" text-anchor="middle" font-size="15" font-weight="700" fill="{ink}">{}</text></g>"##,
        n(x + CELL_W / 2.0),
        n(y + CELL_H / 2.0 + 5.0),
        text
    );
    if link.is_some() {
        s.push_str("</a>");
    }
}
