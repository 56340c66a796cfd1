//! Charts as inline SVG, drawn at build time: visible without JavaScript, printable,
//! and byte-for-byte the same for the same content (coordinates are rounded, nothing
//! depends on hash order or the clock).
//!
//! Every chart is an `<svg role="img">` named by its `<title>` and summarised by its
//! `<desc>`; the pages put a data table beside it for screen readers and for anyone who
//! prefers numbers. Nothing is told by colour alone: marks are filled or hollow, quiet
//! stretches are hatched, shades carry their number, and milestones are labelled lines.
//!
//! Colours come from classes that the theme's stylesheet defines (so dark mode and
//! print follow the page); presentation attributes give a readable fallback for themes
//! whose stylesheet does not know the classes.

use crate::content::Language;
use crate::i18n;
use crate::site::stats::Silence;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// One row of the activity chart: a tandem and its entries over time.
#[derive(Debug, Clone)]
pub struct Lane {
    pub label: String,
    pub marks: Vec<Mark>,
    /// Stretches without an entry; the part after `Activity::quiet_after` days is
    /// drawn hatched.
    pub silences: Vec<Silence>,
}

/// One entry on a lane.
#[derive(Debug, Clone)]
pub struct Mark {
    pub date: NaiveDate,
    /// Tooltip: date, title, duration.
    pub tooltip: String,
    /// A meeting (filled) or a written reflection without a meeting (hollow).
    pub meeting: bool,
}

/// Entries of several tandems over a period, with milestones and month ticks.
#[derive(Debug, Clone)]
pub struct Activity {
    /// Prefix for ids inside the SVG; unique on the page.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub lang: Language,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub lanes: Vec<Lane>,
    pub milestones: Vec<(NaiveDate, String)>,
    /// Lane labels above each lane (off for a single tandem's own strip).
    pub lane_labels: bool,
    /// "{days} Tage still": the label of a quiet stretch.
    pub quiet_label: String,
    /// A tandem counts as quiet from this many days after its last entry: only that
    /// part of a silence is hatched, so a pause of 70 days stands out against the
    /// many of 35 that a monthly rhythm brings.
    pub quiet_after: i64,
}

const W: f64 = 880.0;
const FONT: &str =
    "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

/// Escapes text for SVG content and attribute values.
pub fn esc(s: &str) -> String {
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
fn text_width(s: &str, size: f64) -> f64 {
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

fn open_svg(out: &mut String, id: &str, class: &str, w: f64, h: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d" focusable="false" font-family="{FONT}"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>"#,
        w = n(w),
        h = n(h),
        title = esc(title),
        desc = esc(desc),
    );
}

/// Replaces `{key}` placeholders in a UI string.
pub fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// The activity chart: one lane per tandem, a mark per entry, milestones as vertical
/// lines, month ticks in the programme's language, quiet stretches hatched.
pub fn activity(a: &Activity) -> String {
    let (left, right) = (10.0, W - 10.0);
    let start = a.start.min(a.end);
    let end = a.end.max(a.start);
    let span = ((end - start).num_days().max(1)) as f64;
    let x = |d: NaiveDate| -> f64 {
        let t = ((d - start).num_days() as f64 / span).clamp(0.0, 1.0);
        left + t * (right - left)
    };

    // Milestone labels: greedy rows so that no two labels overlap.
    let ms_size = 12.0;
    let mut rows_end: Vec<f64> = Vec::new();
    let mut ms_placed = Vec::new();
    let mut milestones = a.milestones.clone();
    milestones.sort();
    for (d, title) in &milestones {
        let mx = x(*d);
        let w = text_width(title, ms_size) + 10.0;
        let (anchor, x0) = if mx - w / 2.0 < left {
            ("start", mx - 2.0)
        } else if mx + w / 2.0 > right {
            ("end", mx - w + 2.0)
        } else {
            ("middle", mx - w / 2.0)
        };
        let row = match rows_end.iter().position(|&e| e + 6.0 <= x0) {
            Some(r) => r,
            None => {
                rows_end.push(f64::MIN);
                rows_end.len() - 1
            }
        };
        rows_end[row] = x0 + w;
        ms_placed.push((mx, anchor, row, title.clone(), *d));
    }
    let ms_rows = rows_end.len() as f64;
    let ms_h = if ms_rows > 0.0 {
        ms_rows * 17.0 + 2.0
    } else {
        0.0
    };
    let lanes_top = ms_h + 4.0;
    let lane_h = if a.lane_labels { 46.0 } else { 30.0 };
    let track_off = if a.lane_labels { 32.0 } else { 15.0 };
    let lanes_bottom = lanes_top + lane_h * a.lanes.len().max(1) as f64;
    let h = lanes_bottom + 22.0;

    let mut s = String::new();
    open_svg(&mut s, &a.id, "chart-activity", W, h, &a.title, &a.desc);
    let _ = write!(
        s,
        r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="ch-hatch-bg" fill="#fff6e5"/><line x1="0" y1="0" x2="0" y2="6" class="ch-hatch" stroke="#9a5b00" stroke-width="1.6"/></pattern></defs>"##,
        id = a.id
    );

    // Lane backgrounds: every other lane shaded, so the eye stays in its row.
    for (i, _) in a.lanes.iter().enumerate() {
        if i % 2 == 1 {
            let y = lanes_top + lane_h * i as f64;
            let _ = write!(
                s,
                r##"<rect class="ch-band" x="0" y="{}" width="{}" height="{}" fill="#f3f2ee"/>"##,
                n(y),
                n(W),
                n(lane_h)
            );
        }
    }

    // Month gridlines and, below the lanes, labels: a tick at each month's first day,
    // the label centred in the month's stretch.
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    let mut first_label = true;
    while month <= end {
        let next = if month.month() == 12 {
            NaiveDate::from_ymd_opt(month.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(month.year(), month.month() + 1, 1)
        }
        .unwrap_or(end);
        let x0 = x(month.max(start));
        let x1 = x(next.min(end));
        if month >= start {
            let _ = write!(
                s,
                r##"<line class="ch-grid" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#d9d7cf"/>"##,
                n(lanes_top),
                n(lanes_bottom + 5.0),
                x = n(x0)
            );
        }
        let mut label = i18n::month_short(a.lang, month.month()).to_string();
        if first_label || month.month() == 1 {
            label = format!("{label} {}", month.year());
        }
        if x1 - x0 >= text_width(&label, 12.0) + 4.0 {
            let _ = write!(
                s,
                r##"<text class="ch-label" x="{}" y="{}" text-anchor="middle" font-size="12" fill="#545d62">{}</text>"##,
                n((x0 + x1) / 2.0),
                n(lanes_bottom + 17.0),
                esc(&label)
            );
            first_label = false;
        }
        if next <= month {
            break;
        }
        month = next;
    }
    let _ = write!(
        s,
        r##"<line class="ch-axis" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#9aa1a4"/>"##,
        n(left),
        n(right),
        y = n(lanes_bottom)
    );

    // Milestone lines run beneath the lanes, from their label down to the axis.
    for (mx, _, row, _, _) in &ms_placed {
        let ly = 13.0 + 17.0 * *row as f64;
        let _ = write!(
            s,
            r##"<line class="ch-ms-line" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#1c2326" stroke-width="1.5" stroke-dasharray="4 3"/>"##,
            n(ly + 4.0),
            n(lanes_bottom),
            x = n(*mx),
        );
    }

    // Lanes: label, track, silences, marks.
    for (i, lane) in a.lanes.iter().enumerate() {
        let y = lanes_top + lane_h * i as f64;
        let ty = y + track_off;
        if a.lane_labels {
            // A halo in the lane's background keeps the label clear of lines behind it.
            let (halo_class, halo) = if i % 2 == 1 {
                ("ch-halo-band", "#f3f2ee")
            } else {
                ("ch-halo", "#ffffff")
            };
            let _ = write!(
                s,
                r##"<text class="ch-lane {halo_class}" x="{}" y="{}" font-size="13" font-weight="600" fill="#1c2326" stroke="{halo}" stroke-width="5" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
                n(left + 4.0),
                n(y + 16.0),
                esc(&lane.label)
            );
        }
        let _ = write!(
            s,
            r##"<line class="ch-track" x1="{}" y1="{ty}" x2="{}" y2="{ty}" stroke="#c9c6bd" stroke-width="1.5"/>"##,
            n(left),
            n(right),
            ty = n(ty)
        );
        for q in &lane.silences {
            let quiet_from = (q.from + chrono::Days::new(a.quiet_after.max(0) as u64)).min(q.to);
            let (x0, x1) = (x(quiet_from), x(q.to));
            let label = fill(&a.quiet_label, &[("days", q.days().to_string())]);
            let _ = write!(
                s,
                r##"<rect class="ch-quiet" x="{}" y="{}" width="{}" height="18" rx="3" fill="url(#{}-hatch)" stroke="#9a5b00" stroke-width="1"><title>{}</title></rect>"##,
                n(x0),
                n(ty - 9.0),
                n((x1 - x0).max(1.0)),
                a.id,
                esc(&format!(
                    "{} – {}: {label}",
                    i18n::date_long(a.lang, q.from),
                    i18n::date_long(a.lang, q.to),
                ))
            );
            if x1 - x0 >= text_width(&label, 11.0) + 26.0 {
                let _ = write!(
                    s,
                    r##"<text class="ch-quiet-label" x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="700" fill="#6b3f00" stroke="#fff6e5" stroke-width="4" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
                    n((x0 + x1) / 2.0 - 4.0),
                    n(ty + 4.0),
                    esc(&label)
                );
            }
        }
        for m in &lane.marks {
            let cx = x(m.date);
            if m.meeting {
                let _ = write!(
                    s,
                    r##"<circle class="ch-mark" cx="{}" cy="{}" r="6" fill="#0f6e66" stroke="#fff" stroke-width="1.5"><title>{}</title></circle>"##,
                    n(cx),
                    n(ty),
                    esc(&m.tooltip)
                );
            } else {
                let _ = write!(
                    s,
                    r##"<circle class="ch-mark-hollow" cx="{}" cy="{}" r="5" fill="#fff" stroke="#0f6e66" stroke-width="2.5"><title>{}</title></circle>"##,
                    n(cx),
                    n(ty),
                    esc(&m.tooltip)
                );
            }
        }
    }

    // Milestone labels on top.
    for (mx, anchor, row, title, d) in &ms_placed {
        let ly = 13.0 + 17.0 * *row as f64;
        let _ = write!(
            s,
            r##"<text class="ch-ms-label" x="{}" y="{}" text-anchor="{anchor}" font-size="12" font-weight="700" fill="#1c2326"><title>{}</title>{}</text>"##,
            n(*mx),
            n(ly),
            esc(&format!("{}: {}", i18n::date_long(a.lang, *d), title)),
            esc(title),
        );
    }
    s.push_str("</svg>");
    s
}

/// One row of a matrix: a tandem's counts per topic and which topics it chose.
#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub label: String,
    pub counts: Vec<usize>,
    pub focus: Vec<bool>,
}

/// Tandems × topics, shaded by number of entries.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub columns: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// "{n} Einträge": the tooltip of a cell after "row · column: ".
    pub count_label: String,
    /// Added to the tooltip of a cell of a chosen focus topic.
    pub focus_label: String,
}

/// The shade of a count: 0, 1, 2, 3–4, 5 and more.
pub fn level(count: usize) -> usize {
    match count {
        0 => 0,
        1 => 1,
        2 => 2,
        3 | 4 => 3,
        _ => 4,
    }
}

const LEVEL_FILL: [&str; 5] = ["#ffffff", "#e0efec", "#a9d6ce", "#2f7f76", "#0b4f49"];

/// The coverage matrix: rows of tandems, columns of topics; each cell shaded by its
/// number of entries and showing that number; the tandem's focus topics outlined.
pub fn matrix(m: &Matrix) -> String {
    let label_size = 13.0;
    let label_w = m
        .rows
        .iter()
        .map(|r| text_width(&r.label, label_size) + 16.0)
        .fold(120.0_f64, f64::max)
        .min(280.0);
    let (cell_w, cell_h, gap) = (68.0, 38.0, 4.0);
    let angle: f64 = 35.0;
    let (sin, cos) = (angle.to_radians().sin(), angle.to_radians().cos());
    // Bold labels run wider than the estimate; leave room rather than clip them.
    let col_text = |c: &String| text_width(c, 12.0) * 1.1;
    let head_h = m.columns.iter().map(col_text).fold(0.0, f64::max) * sin + 20.0;
    let grid_w = m.columns.len() as f64 * (cell_w + gap);
    let overflow = m
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (i as f64 + 0.5) * (cell_w + gap) + col_text(c) * cos + 8.0 - grid_w)
        .fold(0.0, f64::max);
    let w = label_w + grid_w + overflow;
    let h = head_h + m.rows.len() as f64 * (cell_h + gap) + 2.0;

    let mut s = String::new();
    open_svg(&mut s, &m.id, "chart-matrix", w, h, &m.title, &m.desc);
    for (i, c) in m.columns.iter().enumerate() {
        let cx = label_w + (i as f64 + 0.5) * (cell_w + gap);
        let by = head_h - 8.0;
        let _ = write!(
            s,
            r##"<text class="ch-label" transform="translate({},{}) rotate(-{})" font-size="12" font-weight="600" fill="#545d62">{}</text>"##,
            n(cx - 4.0),
            n(by),
            n(angle),
            esc(c)
        );
    }
    for (r, row) in m.rows.iter().enumerate() {
        let y = head_h + r as f64 * (cell_h + gap);
        let _ = write!(
            s,
            r##"<text class="ch-lane" x="0" y="{}" font-size="13" font-weight="600" fill="#1c2326">{}</text>"##,
            n(y + cell_h / 2.0 + 4.5),
            esc(&row.label)
        );
        for (i, &count) in row.counts.iter().enumerate() {
            let x = label_w + i as f64 * (cell_w + gap);
            let lv = level(count);
            let focus = row.focus.get(i).copied().unwrap_or(false);
            let mut tip = format!(
                "{} · {}: {}",
                row.label,
                m.columns.get(i).map(String::as_str).unwrap_or(""),
                fill(&m.count_label, &[("n", count.to_string())])
            );
            if focus {
                tip = format!("{tip} ({})", m.focus_label);
            }
            let _ = write!(
                s,
                r##"<g class="ch-cell ch-l{lv}{}"><title>{}</title><rect class="ch-bg" x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="#c9c6bd"/>"##,
                if focus { " ch-focus" } else { "" },
                esc(&tip),
                n(x),
                n(y),
                n(cell_w),
                n(cell_h),
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
                    n(cell_w - 6.0),
                    n(cell_h - 6.0),
                    n(x + cell_w - 14.0),
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
                n(x + cell_w / 2.0),
                n(y + cell_h / 2.0 + 5.0),
                text
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A horizontal bar chart: a label, a bar and its number per row.
#[derive(Debug, Clone)]
pub struct Bars {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Label, value, value as shown (e.g. "12 Einträge").
    pub rows: Vec<(String, usize, String)>,
    /// Width of the drawing; small charts in cards use less.
    pub width: f64,
}

pub fn bars(b: &Bars) -> String {
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
        .map(|r| text_width(&r.2, 12.0) + 8.0)
        .fold(24.0_f64, f64::max);
    let max = b.rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let (row_h, bar_h) = (26.0, 14.0);
    let h = b.rows.len() as f64 * row_h + 2.0;
    let track = (b.width - label_w - value_w).max(40.0);
    let mut s = String::new();
    open_svg(&mut s, &b.id, "chart-bars", b.width, h, &b.title, &b.desc);
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
pub struct Columns {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub lang: Language,
    pub months: Vec<((i32, u32), usize)>,
}

pub fn columns(c: &Columns) -> String {
    let col_w = 26.0;
    let gap = 6.0;
    let plot_h = 56.0;
    let top = 16.0;
    let w = c.months.len().max(1) as f64 * (col_w + gap);
    // Years label the first month and every January, on a line of their own.
    let years = c.months.iter().any(|((_, m), _)| *m == 1);
    let h = top + plot_h + if years { 34.0 } else { 20.0 };
    let max = c.months.iter().map(|m| m.1).max().unwrap_or(0).max(1) as f64;
    let mut s = String::new();
    open_svg(&mut s, &c.id, "chart-columns", w, h, &c.title, &c.desc);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample() -> Activity {
        Activity {
            id: "a".into(),
            title: "Aktivität <Jahrgang>".into(),
            desc: "2 Einträge".into(),
            lang: Language::De,
            start: d("2019-03-07"),
            end: d("2019-10-22"),
            lanes: vec![Lane {
                label: "Berger & Vogt".into(),
                marks: vec![
                    Mark {
                        date: d("2019-03-14"),
                        tooltip: "LinkedIn".into(),
                        meeting: true,
                    },
                    Mark {
                        date: d("2019-07-16"),
                        tooltip: "Notiz".into(),
                        meeting: false,
                    },
                ],
                silences: vec![Silence {
                    from: d("2019-03-14"),
                    to: d("2019-07-16"),
                    ongoing: false,
                }],
            }],
            milestones: vec![
                (d("2019-03-07"), "Auftakt".into()),
                (d("2019-06-18"), "Zwischenbilanz".into()),
            ],
            lane_labels: true,
            quiet_label: "{days} Tage still".into(),
            quiet_after: 30,
        }
    }

    #[test]
    fn the_activity_chart_names_itself_and_escapes_its_texts() {
        let svg = activity(&sample());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(r#"role="img" aria-labelledby="a-t a-d""#));
        assert!(svg.contains("<title id=\"a-t\">Aktivität &lt;Jahrgang&gt;</title>"));
        assert!(svg.contains("Berger &amp; Vogt"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_activity_chart_has_month_ticks_in_the_programme_language_and_milestones() {
        let svg = activity(&sample());
        for m in ["Mär 2019", ">Apr<", ">Mai<", ">Okt<"] {
            assert!(svg.contains(m), "{m} missing");
        }
        assert!(svg.contains(">Zwischenbilanz</text>"));
        assert!(svg.contains("124 Tage still"));
        assert_eq!(svg.matches("class=\"ch-mark\"").count(), 1);
        assert_eq!(svg.matches("class=\"ch-mark-hollow\"").count(), 1);
    }

    #[test]
    fn charts_are_deterministic() {
        assert_eq!(activity(&sample()), activity(&sample()));
    }

    #[test]
    fn matrix_cells_show_their_numbers_and_mark_focus_topics() {
        let svg = matrix(&Matrix {
            id: "m".into(),
            title: "Themen".into(),
            desc: "".into(),
            columns: vec!["Onlinemarketing".into(), "Führung".into()],
            rows: vec![MatrixRow {
                label: "Berger & Vogt".into(),
                counts: vec![5, 0],
                focus: vec![true, false],
            }],
            count_label: "{n} Einträge".into(),
            focus_label: "Schwerpunkt".into(),
        });
        assert!(svg.contains("Berger &amp; Vogt · Onlinemarketing: 5 Einträge (Schwerpunkt)"));
        assert!(svg.contains(">5</text>"));
        assert!(svg.contains(">–</text>"));
        assert_eq!(svg.matches("ch-focus-frame").count(), 1);
    }

    #[test]
    fn levels_group_counts() {
        let l: Vec<usize> = (0..7).map(level).collect();
        assert_eq!(l, vec![0, 1, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.25), "12.3");
    }
}
