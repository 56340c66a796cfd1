//! Figures shown on the home, cohort and tandem pages, and the measures behind the
//! charts: entries per month and the silences that make a tandem "quiet".
//!
//! Everything here is measured against dates from the content (a cohort's period, its
//! latest entry), never against the wall clock: the same content must give the same
//! site on any day it is built.

use crate::content::{Cohort, EntryId, Period, Programme, Rhythm, Tandem};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub tandems: usize,
    pub entries: usize,
    /// Entries that record a meeting (they have a duration or a format).
    pub meetings: usize,
    pub minutes: u64,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Average days between consecutive meetings, when there are at least two.
    pub avg_days_between: Option<f64>,
}

impl Figures {
    pub fn of(prog: &Programme, entries: impl Iterator<Item = EntryId>, tandems: usize) -> Figures {
        let mut f = Figures {
            tandems,
            ..Figures::default()
        };
        let mut meeting_dates = Vec::new();
        for id in entries {
            let e = &prog.entries[id.0];
            f.entries += 1;
            if e.duration_minutes.is_some() || e.format.is_some() {
                f.meetings += 1;
                meeting_dates.push(e.date);
            }
            f.minutes += u64::from(e.duration_minutes.unwrap_or(0));
            f.first = Some(f.first.map_or(e.date, |d| d.min(e.date)));
            f.last = Some(f.last.map_or(e.date, |d| d.max(e.date)));
        }
        meeting_dates.sort();
        if meeting_dates.len() >= 2 {
            let span =
                (meeting_dates[meeting_dates.len() - 1] - meeting_dates[0]).num_days() as f64;
            f.avg_days_between = Some(span / (meeting_dates.len() - 1) as f64);
        }
        f
    }

    /// A tandem's figures, over its entries.
    pub(crate) fn of_tandem(prog: &Programme, t: &Tandem) -> Figures {
        Figures::of(prog, t.entries.iter().copied(), 1)
    }

    /// A cohort's figures, over the entries of all its tandems.
    pub(crate) fn of_cohort(prog: &Programme, c: &Cohort) -> Figures {
        Figures::of(
            prog,
            c.tandems
                .iter()
                .flat_map(|t| prog.tandems[t.0].entries.iter().copied()),
            c.tandems.len(),
        )
    }

    /// The programme's figures, over every published entry.
    pub(crate) fn of_programme(prog: &Programme) -> Figures {
        Figures::of(
            prog,
            prog.tandems.iter().flat_map(|t| t.entries.iter().copied()),
            prog.tandems.len(),
        )
    }
}

/// A stretch of days without an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Silence {
    /// The last entry before the silence, or the start of the window.
    pub from: NaiveDate,
    /// The entry that ended it, or the end of the window.
    pub to: NaiveDate,
    /// True when no entry ended it: it lasts up to the end of the window.
    pub ongoing: bool,
}

impl Silence {
    pub(crate) fn days(&self) -> i64 {
        (self.to - self.from).num_days()
    }
}

/// The window in which a cohort's silences are measured: from the start of its
/// period (or its first entry) to the date the content speaks for.
///
/// That end is the cohort's end or its latest entry, whichever is earlier: a finished
/// cohort is measured up to its last entry, a running one (whose end lies ahead) up to
/// the newest entry anybody wrote, which is the best "today" the content knows.
pub(crate) fn cohort_window(period: Option<Period>, entry_dates: &[NaiveDate]) -> Option<Period> {
    let first = entry_dates.iter().min().copied();
    let latest = entry_dates.iter().max().copied();
    let start = match (period, first) {
        (Some(p), Some(f)) => p.start.min(f),
        (Some(p), None) => p.start,
        (None, Some(f)) => f,
        (None, None) => return None,
    };
    let end = match (period, latest) {
        (Some(p), Some(l)) => p.end.min(l),
        // Nobody wrote anything yet: there is no date to measure silence against.
        (_, None) => return None,
        (None, Some(l)) => l,
    };
    (start <= end).then_some(Period { start, end })
}

/// A tandem's quiet phases: the stretches inside `window` without any of `dates` that
/// are longer than its rhythm allows (see [`Rhythm::quiet_after`]).
pub(crate) fn quiet_phases(dates: &[NaiveDate], window: Period, rhythm: Rhythm) -> Vec<Silence> {
    silences(dates, window, rhythm.quiet_after())
}

/// Stretches of more than `longer_than` days inside `window` without any of `dates`:
/// before the first entry, between entries, and after the last one.
pub(crate) fn silences(dates: &[NaiveDate], window: Period, longer_than: i64) -> Vec<Silence> {
    let mut sorted: Vec<NaiveDate> = dates
        .iter()
        .copied()
        .filter(|d| window.contains(*d))
        .collect();
    sorted.sort();
    sorted.dedup();
    let mut out = Vec::new();
    let mut from = window.start;
    for d in sorted {
        let s = Silence {
            from,
            to: d,
            ongoing: false,
        };
        if s.days() > longer_than {
            out.push(s);
        }
        from = d;
    }
    let tail = Silence {
        from,
        to: window.end,
        ongoing: true,
    };
    if tail.days() > longer_than {
        out.push(tail);
    }
    out
}

/// Number of dates per calendar month from `start`'s month to `end`'s month, in order.
pub(crate) fn per_month(
    dates: &[NaiveDate],
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<((i32, u32), usize)> {
    let mut months = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) {
        months.push(((y, m), 0));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    for d in dates {
        if let Some(slot) = months
            .iter_mut()
            .find(|(ym, _)| *ym == (d.year(), d.month()))
        {
            slot.1 += 1;
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn period(a: &str, b: &str) -> Period {
        Period {
            start: d(a),
            end: d(b),
        }
    }

    #[test]
    fn a_finished_cohort_is_measured_up_to_its_latest_entry() {
        let w = cohort_window(
            Some(period("2019-03-07", "2019-10-22")),
            &[d("2019-03-14"), d("2019-10-13")],
        );
        assert_eq!(w, Some(period("2019-03-07", "2019-10-13")));
    }

    #[test]
    fn a_running_cohort_is_measured_up_to_its_latest_entry_not_its_end() {
        let w = cohort_window(Some(period("2030-01-01", "2030-12-31")), &[d("2030-02-10")]);
        assert_eq!(w, Some(period("2030-01-01", "2030-02-10")));
    }

    #[test]
    fn entries_after_the_end_do_not_stretch_the_window() {
        let w = cohort_window(Some(period("2019-03-01", "2019-06-30")), &[d("2019-08-01")]);
        assert_eq!(w, Some(period("2019-03-01", "2019-06-30")));
    }

    #[test]
    fn without_entries_there_is_nothing_to_measure() {
        assert_eq!(
            cohort_window(Some(period("2019-03-01", "2019-06-30")), &[]),
            None
        );
    }

    #[test]
    fn silences_longer_than_the_limit_are_found_before_between_and_after_entries() {
        let w = period("2019-03-01", "2019-10-31");
        let s = silences(
            &[
                d("2019-04-05"),
                d("2019-05-01"),
                d("2019-07-16"),
                d("2019-09-20"),
            ],
            w,
            30,
        );
        let spans: Vec<(String, String, i64, bool)> = s
            .iter()
            .map(|s| (s.from.to_string(), s.to.to_string(), s.days(), s.ongoing))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("2019-03-01".into(), "2019-04-05".into(), 35, false),
                ("2019-05-01".into(), "2019-07-16".into(), 76, false),
                ("2019-07-16".into(), "2019-09-20".into(), 66, false),
                ("2019-09-20".into(), "2019-10-31".into(), 41, true),
            ]
        );
    }

    #[test]
    fn thirty_days_are_not_longer_than_thirty_but_thirty_one_are() {
        let w = period("2019-03-01", "2019-04-01");
        assert!(silences(&[d("2019-03-01"), d("2019-03-31")], w, 30).is_empty());
        assert_eq!(silences(&[d("2019-03-01")], w, 30).len(), 1);
    }

    /// Entries every `step` days from 1 March, up to `until`.
    fn every(step: u64, until: &str) -> Vec<NaiveDate> {
        let mut v = vec![d("2019-03-01")];
        while let Some(next) = v
            .last()
            .and_then(|x| x.checked_add_days(chrono::Days::new(step)))
        {
            if next > d(until) {
                break;
            }
            v.push(next);
        }
        v
    }

    fn gaps(q: &[Silence]) -> Vec<i64> {
        q.iter().map(Silence::days).collect()
    }

    #[test]
    fn a_weekly_tandem_is_quiet_after_three_weeks_without_an_entry() {
        let weekly = Rhythm { days: 7 };
        let w = period("2019-03-01", "2019-06-28");
        // Every week, with one meeting moved by a few days: never quiet.
        let mut dates = every(7, "2019-06-28");
        dates.retain(|x| *x != d("2019-04-05"));
        dates.push(d("2019-04-09"));
        assert!(quiet_phases(&dates, w, weekly).is_empty());
        // Three weeks without an entry are still within the rhythm, 22 days are not.
        let mut gap = every(7, "2019-04-05");
        gap.extend([d("2019-04-26"), d("2019-05-18"), d("2019-06-28")]);
        assert_eq!(gaps(&quiet_phases(&gap, w, weekly)), vec![22, 41]);
    }

    #[test]
    fn a_monthly_tandem_is_quiet_after_two_months_without_an_entry() {
        let monthly = Rhythm { days: 30 };
        let w = period("2019-03-07", "2019-10-10");
        // The sample's Berger & Vogt: pauses of 5 and 7 weeks, no quiet phase.
        let dates = [
            "2019-03-14",
            "2019-04-04",
            "2019-05-02",
            "2019-05-29",
            "2019-07-04",
            "2019-08-22",
            "2019-09-26",
        ]
        .map(d);
        assert!(quiet_phases(&dates, w, monthly).is_empty());
        // Hoffmann & Schulz: ten weeks without an entry in the summer.
        let dates = [
            "2019-03-19",
            "2019-04-09",
            "2019-05-07",
            "2019-07-16",
            "2019-08-27",
            "2019-10-01",
        ]
        .map(d);
        let q = quiet_phases(&dates, w, monthly);
        assert_eq!(gaps(&q), vec![70]);
        assert_eq!((q[0].from, q[0].to), (d("2019-05-07"), d("2019-07-16")));
    }

    #[test]
    fn an_irregular_tandem_is_quiet_only_where_it_left_out_a_meeting() {
        let fortnightly = Rhythm { days: 14 };
        let w = period("2019-03-01", "2019-07-31");
        let dates = [
            "2019-03-04",
            "2019-03-11",
            "2019-04-05",
            "2019-04-30",
            "2019-06-14",
            "2019-06-20",
            "2019-07-31",
        ]
        .map(d);
        // 25 days fit a rhythm of two weeks (not longer than 28), 45 and 41 do not.
        assert_eq!(gaps(&quiet_phases(&dates, w, fortnightly)), vec![45, 41]);
    }

    #[test]
    fn a_tandem_without_an_entry_is_quiet_over_the_whole_window() {
        let w = period("2019-03-07", "2019-10-10");
        let q = quiet_phases(&[], w, Rhythm { days: 14 });
        assert_eq!(q.len(), 1);
        assert!(q[0].ongoing);
        assert_eq!(q[0].days(), 217);
    }

    #[test]
    fn months_are_counted_including_empty_ones() {
        let m = per_month(
            &[d("2019-03-14"), d("2019-03-20"), d("2019-05-02")],
            d("2019-03-07"),
            d("2019-05-31"),
        );
        assert_eq!(m, vec![((2019, 3), 2), ((2019, 4), 0), ((2019, 5), 1)]);
    }
}
