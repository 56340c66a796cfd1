//! Figures shown on the home, cohort and tandem pages.

use crate::content::{EntryId, Programme};
use chrono::NaiveDate;

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
}
