//! The charts' SVG: names, escaping, ticks, marks, cells, numbers.

use super::matrix::level;
use super::*;
use crate::content::Language;
use crate::site::stats::Silence;
use chrono::NaiveDate;

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
                    url: Some("/rm/e/".into()),
                },
                Mark {
                    date: d("2019-07-16"),
                    tooltip: "Notiz".into(),
                    meeting: false,
                    url: None,
                },
            ],
            silences: vec![Silence {
                from: d("2019-03-14"),
                to: d("2019-07-16"),
                ongoing: false,
            }],
            quiet_after: 60,
            empty_label: None,
        }],
        milestones: vec![
            (d("2019-03-07"), "Auftakt".into()),
            (d("2019-06-18"), "Zwischenbilanz".into()),
        ],
        lane_labels: true,
        quiet_label: "{days} Tage ohne Eintrag".into(),
        quiet_from_label: "still ab dem {day}. Tag".into(),
    }
}

#[test]
fn the_activity_chart_names_itself_and_escapes_its_texts() {
    let svg = activity(&sample());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(r#"role="group" aria-labelledby="a-t a-d""#));
    assert!(svg.contains(r#"<a href="/rm/e/" tabindex="-1" aria-label="LinkedIn">"#));
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
    assert!(svg.contains(">124 Tage ohne Eintrag</text>"));
    assert_eq!(svg.matches("class=\"ch-mark\"").count(), 1);
    assert_eq!(svg.matches("class=\"ch-mark-hollow\"").count(), 1);
}

/// The number after `name="` in each place it occurs.
fn numbers(svg: &str, name: &str) -> Vec<f64> {
    let key = format!("{name}=\"");
    svg.match_indices(&key)
        .map(|(i, _)| {
            let rest = &svg[i + key.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

#[test]
fn marks_and_quiet_stretches_sit_at_their_dates() {
    // The axis runs from x = 10 (2019-03-07) to x = 870 (2019-10-22), 229 days.
    let x = |days: f64| ((10.0 + days / 229.0 * 860.0) * 10.0).round() / 10.0;
    let svg = activity(&sample());
    // The entries of 2019-03-14 (day 7) and 2019-07-16 (day 131).
    assert_eq!(numbers(&svg, "cx"), vec![x(7.0), x(131.0)]);
    // Monthly: quiet from 60 days after 2019-03-14 (day 67) up to 2019-07-16.
    let quiet = &svg[svg.find("class=\"ch-quiet\"").unwrap()..];
    let (from, width) = (numbers(quiet, "x")[0], numbers(quiet, "width")[0]);
    assert_eq!(from, x(67.0));
    assert!((from + width - x(131.0)).abs() <= 0.1, "{from} + {width}");
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
            counts: vec![5, 1],
            focus: vec![true, false],
            links: vec![Some("/rm/topics/a/#t-1".into()), None],
        }],
        count_label: "{n} Einträge".into(),
        count_one: "1 Eintrag".into(),
        focus_label: "Schwerpunkt".into(),
    });
    assert!(svg.contains("Berger &amp; Vogt · Onlinemarketing: 5 Einträge (Schwerpunkt)"));
    assert!(svg.contains(">5</text>"));
    assert!(svg.contains("Berger &amp; Vogt · Führung: 1 Eintrag<"));
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

/// The x positions and widths of the rects of `class` in an SVG, in order.
fn rects(svg: &str, class: &str) -> Vec<(f64, f64)> {
    svg.split("<rect ")
        .skip(1)
        .filter(|r| r.starts_with(&format!("class=\"{class}\"")))
        .map(|r| {
            let attr = |name: &str| -> f64 {
                let at = r.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                r[at..].split('"').next().unwrap().parse().unwrap()
            };
            (attr("x"), attr("width"))
        })
        .collect()
}

#[test]
fn a_quiet_phase_is_drawn_whole_and_hatched_beyond_its_limit() {
    let svg = activity(&sample());
    // 7 March to 22 October: 229 days over 860 units; the gap 14 March – 16 July is
    // 124 days, quiet after 60 of them.
    let per_day = 860.0 / 229.0;
    let gap = rects(&svg, "ch-gap");
    let hatched = rects(&svg, "ch-quiet");
    assert_eq!((gap.len(), hatched.len()), (1, 1));
    assert!((gap[0].1 - 124.0 * per_day).abs() < 0.2, "{gap:?}");
    assert!((hatched[0].1 - 64.0 * per_day).abs() < 0.2, "{hatched:?}");
    assert!((hatched[0].0 + hatched[0].1 - (gap[0].0 + gap[0].1)).abs() < 0.2);
    // The label, over the whole gap, names the whole gap; the tooltip says where the
    // quiet part begins.
    assert!(svg.contains("still ab dem 61. Tag"));
}

#[test]
fn a_lane_without_entries_says_so() {
    let mut a = sample();
    a.lanes[0].marks.clear();
    a.lanes[0].silences.clear();
    a.lanes[0].empty_label = Some("Noch kein Eintrag".into());
    let svg = activity(&a);
    assert!(svg.contains(">Noch kein Eintrag</text>"));
    assert!(!svg.contains("ch-quiet"));
}
