//! The assembly of a [`Site`] from a loaded [`Programme`], step by step.

use super::agreements::all_agreements;
use super::collisions::check_collisions;
use super::copied::copied_files;
use super::docs::{doc_order, doc_titles};
use super::insights;
use super::markdown_cache::{MarkdownCache, Renderer};
use super::targets::LinkTargets;
use super::texts::{check_hidden, Texts};
use super::{entry_title, newest_first, Figures, Site};
use crate::content::*;
use crate::diagnostics::Diagnostics;
use crate::markdown::Rendered;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Builds the site model. `base_url` overrides the programme's (`--base-url`, `serve`).
/// `cache` holds the Markdown rendered by the previous build, reused where nothing it
/// depends on changed ([`MarkdownCache::for_one_build`] for a build without a next).
pub fn index(
    prog: Programme,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
    cache: &MarkdownCache,
) -> Site {
    let base_url = base_url_of(&prog, base_url);
    let base_path = base_path_of(&base_url);
    check_collisions(&prog, diags);
    let link_targets = LinkTargets::of(&prog, &base_path);
    let published = published_entries(&prog);
    let texts = {
        let german = prog.meta.language == Language::De;
        let renderer = Renderer::new(cache, &link_targets, german);
        let texts = Texts::render(&prog, &published, &renderer);
        check_hidden(&prog, &renderer, diags);
        texts
    };
    let linked = texts.report(diags);
    let entry_titles = entry_titles(&prog, &texts.entries);
    let doc_titles = doc_titles(&prog, &texts.docs);
    let copied = copied_files(&prog, &linked, diags);
    let all_entries = newest_first_of(&prog, &published);
    let topic_entries = per_topic(&prog, &all_entries);
    let entry_html: HashMap<EntryId, Arc<Rendered>> = texts.entries.into_iter().collect();
    let (agreements, agreements_done) = all_agreements(&prog, &entry_html)
        .into_iter()
        .map(|f| (f.open, f.done))
        .unzip();
    let mut found = Vec::new();
    let insights = insights::all_insights(&prog, &entry_html, &mut found);
    diags.extend(found);
    let (tandem_figures, cohort_figures) = figures(&prog);
    let programme_figures = Figures::of_programme(&prog);
    let doc_order = doc_order(&prog, &doc_titles);
    Site {
        base_path,
        base_url,
        entry_html,
        doc_html: texts.docs,
        intro_html: texts.intro,
        cohort_intro_html: texts.cohort_intros,
        goals_html: texts.goals,
        entry_titles,
        doc_titles,
        topic_entries,
        all_entries,
        agreements,
        agreements_done,
        insights,
        tandem_figures,
        cohort_figures,
        programme_figures,
        doc_order,
        copied,
        prog,
        link_targets: Arc::new(link_targets),
    }
}

/// `base_url` (given) or the programme's, ending in `/`.
fn base_url_of(prog: &Programme, base_url: Option<&str>) -> String {
    match base_url {
        Some(b) if b.ends_with('/') => b.to_string(),
        Some(b) => format!("{b}/"),
        None => prog.meta.base_url.clone(),
    }
}

pub(super) fn base_path_of(base_url: &str) -> String {
    let after_scheme = match base_url.find("://") {
        Some(i) => &base_url[i + 3..],
        None => return base_url.to_string(),
    };
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// The entries published in this build, tandem by tandem.
fn published_entries(prog: &Programme) -> Vec<EntryId> {
    prog.tandems
        .iter()
        .flat_map(|t| t.entries.iter().copied())
        .collect()
}

fn entry_titles(
    prog: &Programme,
    rendered: &[(EntryId, Arc<Rendered>)],
) -> HashMap<EntryId, String> {
    let mut entry_titles = HashMap::new();
    for (id, r) in rendered {
        entry_titles.insert(*id, entry_title(&prog.entries[id.0], r));
    }
    entry_titles
}

/// All published entries, newest first (the timeline).
fn newest_first_of(prog: &Programme, published: &[EntryId]) -> Vec<EntryId> {
    let mut all_entries = published.to_vec();
    all_entries.sort_by(|a, b| newest_first(prog, *a, *b));
    all_entries
}

/// Each topic's entries, in the order of `all_entries`.
fn per_topic(prog: &Programme, all_entries: &[EntryId]) -> Vec<Vec<EntryId>> {
    let mut topic_entries = vec![Vec::new(); prog.topics.len()];
    for &id in all_entries {
        for t in &prog.entries[id.0].topics {
            topic_entries[t.0].push(id);
        }
    }
    topic_entries
}

/// Each tandem's and each cohort's figures.
fn figures(prog: &Programme) -> (Vec<Figures>, Vec<Figures>) {
    let tandem_figures: Vec<Figures> = prog
        .tandems
        .par_iter()
        .map(|t| Figures::of_tandem(prog, t))
        .collect();
    let cohort_figures: Vec<Figures> = prog
        .cohorts
        .par_iter()
        .map(|c| Figures::of_cohort(prog, c))
        .collect();
    (tandem_figures, cohort_figures)
}
