//! Files for other programs: each cohort's tandems as a table for a spreadsheet
//! (`csv.rs`), and the milestones as iCalendar files for calendar programs (`ics.rs`),
//! one per cohort and one for the programme.
//!
//! They are made from the site's programme like every page, so an audience's files
//! hold only what its site shows; an anonymous audience's site has none of them (its
//! one page of figures names no tandem, see `render::jobs`).

pub(super) mod csv;
pub(super) mod ics;

use super::fingerprint::fingerprint_hasher;
use super::{Ctx, Dep, Page};
use crate::content::CohortId;
use crate::site::UrlPath;
use std::hash::Hasher;

/// A file of bytes made in Rust, not from a template: its fingerprint is that of its
/// bytes (they are quick to make).
fn file(c: &Ctx, url: UrlPath, bytes: Vec<u8>, deps: Vec<Dep>) -> (Page, u64) {
    let mut h = fingerprint_hasher();
    h.write_u64(c.base);
    h.write(&bytes);
    (
        Page {
            path: url.output_file(),
            bytes: bytes.into(),
            deps,
        },
        h.finish(),
    )
}

/// What a cohort's files show: the cohort, its tandems and their entries.
fn cohort_deps(c: &Ctx, id: CohortId) -> Vec<Dep> {
    let prog = &c.site.prog;
    let co = &prog.cohorts[id.0];
    let mut deps = vec![Dep::Programme, Dep::Cohort(id)];
    for &t in &co.tandems {
        deps.push(Dep::Tandem(t));
        deps.extend(prog.tandems[t.0].entries.iter().map(|&e| Dep::Entry(e)));
    }
    deps
}
