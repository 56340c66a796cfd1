//! Every text of the programme rendered: published entries, docs, the programme's and
//! the cohorts' intros, the tandems' goals; hidden entries only for their problems.

use super::entry_prefix;
use super::markdown_cache::Renderer;
use crate::content::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// The rendered texts of the site, in the programme's order.
pub(super) struct Texts {
    pub(super) entries: Vec<(EntryId, Arc<Rendered>)>,
    pub(super) docs: Vec<Arc<Rendered>>,
    pub(super) intro: Option<Arc<Rendered>>,
    pub(super) cohort_intros: Vec<Option<Arc<Rendered>>>,
    pub(super) goals: Vec<Option<Arc<Rendered>>>,
}

impl Texts {
    /// Renders the texts of the site; entries and docs in parallel.
    pub(super) fn render(prog: &Programme, published: &[EntryId], r: &Renderer) -> Texts {
        let entries: Vec<(EntryId, Arc<Rendered>)> = published
            .par_iter()
            .map(|&id| {
                let e = &prog.entries[id.0];
                (id, r.render(&e.source, e.title.is_none(), &entry_prefix(e)))
            })
            .collect();
        let docs: Vec<Arc<Rendered>> = prog
            .docs
            .par_iter()
            .map(|d| r.render(&d.source, d.title.is_none(), "fn-"))
            .collect();
        let intro = prog.intro.as_ref().map(|m| r.render(m, false, "fn-"));
        let cohort_intros: Vec<Option<Arc<Rendered>>> = prog
            .cohorts
            .iter()
            .map(|c| c.intro.as_ref().map(|m| r.render(m, false, "fn-")))
            .collect();
        let goals: Vec<Option<Arc<Rendered>>> = prog
            .tandems
            .iter()
            .map(|t| t.goals.as_ref().map(|m| r.render(m, false, "goals-")))
            .collect();
        Texts {
            entries,
            docs,
            intro,
            cohort_intros,
            goals,
        }
    }

    /// Passes the texts' problems on to `diags`, and gives back the content files they
    /// link to.
    pub(super) fn report(&self, diags: &mut Diagnostics) -> HashSet<String> {
        let mut linked: HashSet<String> = HashSet::new();
        let all = (self.entries.iter().map(|(_, r)| &**r))
            .chain(self.docs.iter().map(|r| &**r))
            .chain(self.intro.iter().map(|r| &**r))
            .chain(self.cohort_intros.iter().flatten().map(|r| &**r))
            .chain(self.goals.iter().flatten().map(|r| &**r));
        for r in all {
            diags.extend(r.diags.iter().cloned());
            linked.extend(r.links.iter().cloned());
        }
        linked
    }
}

/// Hidden entries are checked too (so `check` reports their problems), but
/// nothing of them is kept.
pub(super) fn check_hidden(prog: &Programme, r: &Renderer, diags: &mut Diagnostics) {
    let hidden_diags: Vec<Diagnostic> = prog
        .hidden
        .par_iter()
        .flat_map(|&id| {
            r.render(&prog.entries[id.0].source, false, "x-")
                .diags
                .clone()
        })
        .collect();
    diags.extend(hidden_diags);
}
