//! The activity chart: the entries of a cohort's tandems (or of one tandem) over time,
//! with the cohort's milestones and the tandems' quiet phases.

use super::{esc, fill, n, open_svg, text_width, Role};
use crate::content::Language;
use crate::i18n;
use crate::site::stats::Silence;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// One row of the activity chart: a tandem and its entries over time.
#[derive(Debug, Clone)]
pub(crate) struct Lane {
    pub label: String,
    pub marks: Vec<Mark>,
    /// The tandem's quiet phases: each drawn faintly as a whole, and the part after
    /// `quiet_after` days hatched.
    pub silences: Vec<Silence>,
    /// The longest gap the tandem's rhythm allows, in days.
    pub quiet_after: i64,
    /// Said on the lane when it has no entry at all ("Noch kein Eintrag").
    pub empty_label: Option<String>,
}

/// One entry on a lane.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub date: NaiveDate,
    /// Tooltip: date, title, duration.
    pub tooltip: String,
    /// A meeting (filled) or a written reflection without a meeting (hollow).
    pub meeting: bool,
    /// The entry's page: a click on the mark opens it.
    pub url: Option<String>,
}

/// Entries of several tandems over a period, with milestones and month ticks.
#[derive(Debug, Clone)]
pub(crate) struct Activity {
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
    /// "{days} Tage ohne Eintrag": the label of a quiet phase, which spans the
    /// whole gap.
    pub quiet_label: String,
    /// "still ab dem {day}. Tag": added to a quiet phase's tooltip.
    pub quiet_from_label: String,
}

const W: f64 = 880.0;
/// The ends of the time axis.
const LEFT: f64 = 10.0;
const RIGHT: f64 = W - 10.0;

/// The activity chart: one lane per tandem, a mark per entry, milestones as vertical
/// lines, month ticks in the programme's language, quiet stretches hatched.
pub(crate) fn activity(a: &Activity) -> String {
    let start = a.start.min(a.end);
    let end = a.end.max(a.start);
    let scale = Scale {
        start,
        span: ((end - start).num_days().max(1)) as f64,
    };
    let (milestones, ms_rows) = place_milestones(a, &scale);
    let rows = Rows::of(a, ms_rows);
    let h = rows.bottom + 22.0;

    let mut s = String::new();
    open_svg(
        &mut s,
        &a.id,
        "chart-activity",
        (W, h),
        Role::Group,
        &a.title,
        &a.desc,
    );
    let _ = write!(
        s,
        r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="ch-hatch-bg" fill="#fff6e5"/><line x1="0" y1="0" x2="0" y2="6" class="ch-hatch" stroke="#9a5b00" stroke-width="1.6"/></pattern></defs>"##,
        id = a.id
    );
    bands(&mut s, a, &rows);
    time_axis(&mut s, a.lang, &scale, end, &rows);
    milestone_lines(&mut s, &milestones, rows.bottom);
    for (i, lane) in a.lanes.iter().enumerate() {
        draw_lane(&mut s, a, &scale, &rows, i, lane);
    }
    milestone_labels(&mut s, a.lang, &milestones);
    s.push_str("</svg>");
    s
}

/// Days as x positions between the ends of the axis.
struct Scale {
    start: NaiveDate,
    /// Days from the start to the end (at least one).
    span: f64,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f64 {
        let t = ((d - self.start).num_days() as f64 / self.span).clamp(0.0, 1.0);
        LEFT + t * (RIGHT - LEFT)
    }
}

/// A milestone and where its label goes.
struct Placed {
    x: f64,
    anchor: &'static str,
    /// The row of labels above the lanes.
    row: usize,
    title: String,
    date: NaiveDate,
}

/// Milestone labels: greedy rows so that no two labels overlap. Gives the rows used.
fn place_milestones(a: &Activity, scale: &Scale) -> (Vec<Placed>, usize) {
    let ms_size = 12.0;
    let mut rows_end: Vec<f64> = Vec::new();
    let mut ms_placed = Vec::new();
    let mut milestones = a.milestones.clone();
    milestones.sort();
    for (d, title) in &milestones {
        let mx = scale.x(*d);
        let w = text_width(title, ms_size) + 10.0;
        let (anchor, x0) = if mx - w / 2.0 < LEFT {
            ("start", mx - 2.0)
        } else if mx + w / 2.0 > RIGHT {
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
        ms_placed.push(Placed {
            x: mx,
            anchor,
            row,
            title: title.clone(),
            date: *d,
        });
    }
    (ms_placed, rows_end.len())
}

/// Milestone lines run beneath the lanes, from their label down to the axis at
/// `bottom`.
fn milestone_lines(s: &mut String, milestones: &[Placed], bottom: f64) {
    for m in milestones {
        let ly = 13.0 + 17.0 * m.row as f64;
        let _ = write!(
            s,
            r##"<line class="ch-ms-line" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#1c2326" stroke-width="1.5" stroke-dasharray="4 3"/>"##,
            n(ly + 4.0),
            n(bottom),
            x = n(m.x),
        );
    }
}

/// Milestone labels, drawn last: on top of the lanes.
fn milestone_labels(s: &mut String, lang: Language, milestones: &[Placed]) {
    for m in milestones {
        let ly = 13.0 + 17.0 * m.row as f64;
        let _ = write!(
            s,
            r##"<text class="ch-ms-label" x="{}" y="{}" text-anchor="{}" font-size="12" font-weight="700" fill="#1c2326"><title>{}</title>{}</text>"##,
            n(m.x),
            n(ly),
            m.anchor,
            esc(&format!("{}: {}", i18n::date_long(lang, m.date), m.title)),
            esc(&m.title),
        );
    }
}

/// The heights of the lanes below the milestone labels.
struct Rows {
    /// Top of the first lane.
    top: f64,
    lane_h: f64,
    /// The track's offset within its lane.
    track_off: f64,
    /// Bottom of the last lane: the time axis.
    bottom: f64,
}

impl Rows {
    fn of(a: &Activity, ms_rows: usize) -> Self {
        let ms_rows = ms_rows as f64;
        let ms_h = if ms_rows > 0.0 {
            ms_rows * 17.0 + 2.0
        } else {
            0.0
        };
        let top = ms_h + 4.0;
        let lane_h = if a.lane_labels { 46.0 } else { 30.0 };
        let track_off = if a.lane_labels { 32.0 } else { 15.0 };
        Rows {
            top,
            lane_h,
            track_off,
            bottom: top + lane_h * a.lanes.len().max(1) as f64,
        }
    }
}

/// Lane backgrounds: every other lane shaded, so the eye stays in its row.
fn bands(s: &mut String, a: &Activity, rows: &Rows) {
    for (i, _) in a.lanes.iter().enumerate() {
        if i % 2 == 1 {
            let y = rows.top + rows.lane_h * i as f64;
            let _ = write!(
                s,
                r##"<rect class="ch-band" x="0" y="{}" width="{}" height="{}" fill="#f3f2ee"/>"##,
                n(y),
                n(W),
                n(rows.lane_h)
            );
        }
    }
}

/// Month gridlines and, below the lanes, labels: a tick at each month's first day,
/// the label centred in the month's stretch; then the axis.
fn time_axis(s: &mut String, lang: Language, scale: &Scale, end: NaiveDate, rows: &Rows) {
    let start = scale.start;
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    let mut first_label = true;
    while month <= end {
        let next = if month.month() == 12 {
            NaiveDate::from_ymd_opt(month.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(month.year(), month.month() + 1, 1)
        }
        .unwrap_or(end);
        let x0 = scale.x(month.max(start));
        let x1 = scale.x(next.min(end));
        if month >= start {
            let _ = write!(
                s,
                r##"<line class="ch-grid" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#d9d7cf"/>"##,
                n(rows.top),
                n(rows.bottom + 5.0),
                x = n(x0)
            );
        }
        let mut label = i18n::month_short(lang, month.month()).to_string();
        if first_label || month.month() == 1 {
            label = format!("{label} {}", month.year());
        }
        if x1 - x0 >= text_width(&label, 12.0) + 4.0 {
            let _ = write!(
                s,
                r##"<text class="ch-label" x="{}" y="{}" text-anchor="middle" font-size="12" fill="#545d62">{}</text>"##,
                n((x0 + x1) / 2.0),
                n(rows.bottom + 17.0),
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
        n(LEFT),
        n(RIGHT),
        y = n(rows.bottom)
    );
}

/// Lane `i`: label, track, silences, marks.
fn draw_lane(s: &mut String, a: &Activity, scale: &Scale, rows: &Rows, i: usize, lane: &Lane) {
    let y = rows.top + rows.lane_h * i as f64;
    let ty = y + rows.track_off;
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
            n(LEFT + 4.0),
            n(y + 16.0),
            esc(&lane.label)
        );
    }
    let _ = write!(
        s,
        r##"<line class="ch-track" x1="{}" y1="{ty}" x2="{}" y2="{ty}" stroke="#c9c6bd" stroke-width="1.5"/>"##,
        n(LEFT),
        n(RIGHT),
        ty = n(ty)
    );
    for q in &lane.silences {
        quiet_stretch(s, a, scale, q, lane.quiet_after, ty);
    }
    for m in &lane.marks {
        mark(s, m, scale.x(m.date), ty);
    }
    if let Some(label) = &lane.empty_label {
        let _ = write!(
            s,
            r##"<text class="ch-empty" x="{}" y="{}" text-anchor="middle" font-size="12" font-style="italic" fill="#545d62" stroke="#ffffff" stroke-width="4" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
            n((LEFT + RIGHT) / 2.0),
            n(ty + 4.0),
            esc(label)
        );
    }
}

/// A quiet phase on a track at height `ty`: the whole gap drawn faintly, the part
/// after `quiet_after` days hatched on top, and the gap's length written over the
/// whole gap where it fits.
fn quiet_stretch(
    s: &mut String,
    a: &Activity,
    scale: &Scale,
    q: &Silence,
    quiet_after: i64,
    ty: f64,
) {
    let quiet_from = (q.from + chrono::Days::new(quiet_after.max(0) as u64)).min(q.to);
    let (x0, xq, x1) = (scale.x(q.from), scale.x(quiet_from), scale.x(q.to));
    let label = fill(&a.quiet_label, &[("days", q.days().to_string())]);
    let from_label = fill(
        &a.quiet_from_label,
        &[("day", (quiet_after + 1).to_string())],
    );
    let tip = esc(&format!(
        "{} – {}: {label}; {from_label}",
        i18n::date_long(a.lang, q.from),
        i18n::date_long(a.lang, q.to),
    ));
    let _ = write!(
        s,
        r##"<rect class="ch-gap" x="{}" y="{}" width="{}" height="18" rx="3" fill="#fff2dc" stroke="#8a4b00" stroke-opacity="0.55"><title>{tip}</title></rect><rect class="ch-quiet" x="{}" y="{}" width="{}" height="18" rx="3" fill="url(#{}-hatch)" stroke="#9a5b00" stroke-width="1"><title>{tip}</title></rect>"##,
        n(x0),
        n(ty - 9.0),
        n((x1 - x0).max(1.0)),
        n(xq),
        n(ty - 9.0),
        n((x1 - xq).max(1.0)),
        a.id,
    );
    if x1 - x0 >= text_width(&label, 11.0) + 26.0 {
        let _ = write!(
            s,
            r##"<text class="ch-quiet-label" x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="700" fill="#6b3f00" stroke="#fff6e5" stroke-width="4" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
            n((x0 + x1) / 2.0),
            n(ty + 4.0),
            esc(&label)
        );
    }
}

/// An entry at `cx` on a track at height `ty`: filled for a meeting, hollow otherwise.
fn mark(s: &mut String, m: &Mark, cx: f64, ty: f64) {
    // For the mouse only: the table below the chart has the same links for the
    // keyboard and screen readers, so the marks stay out of the tab order.
    if let Some(url) = &m.url {
        let _ = write!(
            s,
            r#"<a href="{}" tabindex="-1" aria-label="{}">"#,
            esc(url),
            esc(&m.tooltip)
        );
    }
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
    if m.url.is_some() {
        s.push_str("</a>");
    }
}
