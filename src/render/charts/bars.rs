//! Bars and columns: a number per row (a topic's entries per cohort) or per month (a
//! cohort's entries, on its card).

use super::{esc, n, open_svg, text_width, Role};
use crate::content::Language;
use crate::i18n;
use std::fmt::Write;

/// A horizontal bar chart: a label, a bar and its number per row.
#[derive(Debug, Clone)]
pub(crate) struct Bars {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Label, value, value as shown (e.g. "12 Einträge").
    pub rows: Vec<(String, usize, String)>,
    /// Width of the drawing; small charts in cards use less.
    pub width: f64,
    /// The value a full bar stands for: shared by charts that are compared (the topic
    /// cards); at least the largest row.
    pub max: usize,
    /// The room kept right of the bars for the values as shown; charts that are
    /// compared keep the same (their bars then have one length per value). At least
    /// what this chart's widest value needs.
    pub value_width: f64,
}

/// The room a value as shown takes right of its bar.
pub(crate) fn value_width(shown: &str) -> f64 {
    text_width(shown, 12.0) + 8.0
}

pub(crate) fn bars(b: &Bars) -> String {
    let label_size = 13.0;
    let label_w = b
        .rows
        .iter()
        .map(|r| text_width(&r.0, label_size) + 12.0)
        .fold(60.0_f64, f64::max)
        .min(b.width * 0.45);
    let value_w = b
        .rows
        .iter()
        .map(|r| value_width(&r.2))
        .fold(b.value_width.max(24.0), f64::max);
    let max = b
        .rows
        .iter()
        .map(|r| r.1)
        .max()
        .unwrap_or(0)
        .max(b.max)
        .max(1) as f64;
    let (row_h, bar_h) = (26.0, 14.0);
    let h = b.rows.len() as f64 * row_h + 2.0;
    let track = (b.width - label_w - value_w).max(40.0);
    let mut s = String::new();
    open_svg(
        &mut s,
        &b.id,
        "chart-bars",
        (b.width, h),
        Role::Img,
        &b.title,
        &b.desc,
    );
    for (i, (label, value, shown)) in b.rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let len = if *value == 0 {
            0.0
        } else {
            (*value as f64 / max * track).max(3.0)
        };
        let _ = write!(
            s,
            r##"<text class="ch-lane" x="0" y="{}" font-size="13" fill="#1c2326">{}</text><rect class="ch-bar-track" x="{lx}" y="{by}" width="{}" height="{bh}" rx="3" fill="#efede7"/><rect class="ch-bar" x="{lx}" y="{by}" width="{}" height="{bh}" rx="3" fill="#0f6e66"/><text class="ch-value" x="{}" y="{}" font-size="12" font-weight="600" fill="#1c2326">{}</text>"##,
            n(y + row_h / 2.0 + 4.5),
            esc(label),
            n(track),
            n(len),
            n(label_w + len + 6.0),
            n(y + row_h / 2.0 + 4.0),
            esc(shown),
            lx = n(label_w),
            by = n(y + (row_h - bar_h) / 2.0),
            bh = n(bar_h),
        );
    }
    s.push_str("</svg>");
    s
}

/// Entries per month as columns, for the small charts on cohort cards.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub lang: Language,
    pub months: Vec<((i32, u32), usize)>,
    /// The count a full column stands for: shared by charts that are compared (the
    /// cohort cards, the timeline's cohorts); at least the largest month.
    pub max: usize,
    /// The width to fill (a card's), or `None` for columns of their natural width.
    pub width: Option<f64>,
}

pub(crate) fn columns(c: &Columns) -> String {
    let count = c.months.len().max(1) as f64;
    let (col_w, gap) = match c.width {
        Some(w) => {
            let step = (w / count).clamp(24.0, 56.0);
            (step * 0.8, step * 0.2)
        }
        None => (26.0, 6.0),
    };
    let plot_h = 56.0;
    let top = 16.0;
    let w = c.months.len().max(1) as f64 * (col_w + gap);
    // Years label the first month and every January, on a line of their own.
    let years = c.months.iter().any(|((_, m), _)| *m == 1);
    let h = top + plot_h + if years { 34.0 } else { 20.0 };
    let max = c
        .months
        .iter()
        .map(|m| m.1)
        .max()
        .unwrap_or(0)
        .max(c.max)
        .max(1) as f64;
    let mut s = String::new();
    open_svg(
        &mut s,
        &c.id,
        "chart-columns",
        (w, h),
        Role::Img,
        &c.title,
        &c.desc,
    );
    let _ = write!(
        s,
        r##"<line class="ch-axis" x1="0" y1="{y}" x2="{}" y2="{y}" stroke="#9aa1a4"/>"##,
        n(w),
        y = n(top + plot_h)
    );
    for (i, ((year, month), count)) in c.months.iter().enumerate() {
        if years && (i == 0 || *month == 1) {
            let _ = write!(
                s,
                r##"<text class="ch-label" x="{}" y="{}" font-size="11" font-weight="600" fill="#545d62">{year}</text>"##,
                n(i as f64 * (col_w + gap) + gap / 2.0),
                n(top + plot_h + 28.0),
            );
        }
        let x = i as f64 * (col_w + gap) + gap / 2.0;
        let bh = *count as f64 / max * plot_h;
        if *count > 0 {
            let _ = write!(
                s,
                r##"<rect class="ch-bar" x="{}" y="{}" width="{}" height="{}" rx="2" fill="#0f6e66"/>"##,
                n(x),
                n(top + plot_h - bh),
                n(col_w),
                n(bh)
            );
        }
        let _ = write!(
            s,
            r##"<text class="ch-value" x="{cx}" y="{}" text-anchor="middle" font-size="11" font-weight="600" fill="#1c2326">{count}</text><text class="ch-label" x="{cx}" y="{}" text-anchor="middle" font-size="11" fill="#545d62">{}</text>"##,
            n(top + plot_h - bh - 4.0),
            n(top + plot_h + 14.0),
            esc(i18n::month_short(c.lang, *month)),
            cx = n(x + col_w / 2.0),
        );
    }
    s.push_str("</svg>");
    s
}
