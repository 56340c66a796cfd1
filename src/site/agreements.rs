//! Agreements: the tasks of a tandem's entries, followed from entry to entry. An
//! unchecked task that no later entry ticks off or takes up again stays open; a ticked
//! one is kept.

use super::Agreement;
use crate::content::*;
use crate::markdown::Rendered;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A tandem's agreements: those still open, and how many were kept.
#[derive(Debug, Clone, Default)]
pub(super) struct Followed {
    pub open: Vec<Agreement>,
    pub done: usize,
}

/// Every tandem's agreements, in the order of [`Programme::tandems`].
pub(super) fn all_agreements(
    prog: &Programme,
    html: &HashMap<EntryId, Arc<Rendered>>,
) -> Vec<Followed> {
    prog.tandems.par_iter().map(|t| follow(t, html)).collect()
}

/// A tandem's agreements, followed through its entries in date order.
///
/// People tick off an agreement in a later entry in their own words ("Neues
/// Profilfoto" for "Neues Profilfoto (Hans fragt den Hausfotografen)"), so a later task
/// closes the earlier open one it resembles most: done, it closes it (one agreement
/// kept); still open, it carries it forward under the later entry. A ticked task that
/// closes nothing is an agreement made and kept at once, unless it repeats one already
/// kept.
pub(super) fn follow(t: &Tandem, html: &HashMap<EntryId, Arc<Rendered>>) -> Followed {
    let mut open: Vec<(Vec<String>, Agreement)> = Vec::new();
    let mut kept: Vec<Vec<String>> = Vec::new();
    for &id in &t.entries {
        let Some(r) = html.get(&id) else { continue };
        for task in &r.tasks {
            let words = significant_words(&task.text);
            let closes = most_like(&words, open.iter().map(|(w, _)| w));
            if let Some(i) = closes {
                open.remove(i);
            }
            if !task.done {
                let text = task.text.clone();
                open.push((words, Agreement { text, entry: id }));
            } else if closes.is_some() || most_like(&words, kept.iter()).is_none() {
                kept.push(words);
            }
        }
    }
    Followed {
        open: open.into_iter().map(|(_, a)| a).collect(),
        done: kept.len(),
    }
}

/// The one of `candidates` that `words` resembles most, if any resembles it enough
/// (the first of equals).
fn most_like<'a>(
    words: &[String],
    candidates: impl Iterator<Item = &'a Vec<String>>,
) -> Option<usize> {
    candidates
        .enumerate()
        .map(|(i, w)| (i, resemblance(words, w)))
        .filter(|(_, score)| *score >= 0.6)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

fn significant_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase())
        .collect()
}

/// Share of the shorter task's words found in the longer one (a word matches another
/// that starts with it, so that "bitte" matches "bittet").
fn resemblance(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let hits = short
        .iter()
        .filter(|w| {
            long.iter().any(|l| {
                l.starts_with(w.as_str()) || w.starts_with(l.as_str()) && l.chars().count() >= 5
            })
        })
        .count();
    hits as f64 / short.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Task;

    /// A tandem whose entries hold these tasks, one entry per list, in order.
    fn followed(entries: &[&[(&str, bool)]]) -> Followed {
        let mut t = Tandem {
            slug: crate::content::slug::Slug::from_name("t").unwrap(),
            dir: String::new(),
            cohort: CohortId(0),
            title: String::new(),
            mentor: Person::default(),
            mentee: Person::default(),
            organization: None,
            focus: Vec::new(),
            goals: None,
            rhythm: None,
            entries: Vec::new(),
            attachments: Vec::new(),
        };
        let mut html = HashMap::new();
        for (i, tasks) in entries.iter().enumerate() {
            t.entries.push(EntryId(i));
            let tasks = tasks
                .iter()
                .map(|(text, done)| Task {
                    text: text.to_string(),
                    done: *done,
                })
                .collect();
            let mut r = Rendered::default();
            r.tasks = tasks;
            html.insert(EntryId(i), Arc::new(r));
        }
        follow(&t, &html)
    }

    #[test]
    fn agreements_are_kept_once_and_stay_open_until_ticked() {
        let f = followed(&[
            &[
                (
                    "Neues Profilfoto (Hans fragt unseren Hausfotografen)",
                    false,
                ),
                ("Überschrift umformulieren", false),
                ("Serientermine einstellen", true),
            ],
            // The photo is done, in other words; the heading is carried forward.
            &[
                ("Neues Profilfoto", true),
                ("Überschrift umformulieren", false),
            ],
            // Ticked again: still one kept agreement. A new one stays open.
            &[
                ("Neues Profilfoto", true),
                ("Ersten Beitrag schreiben", false),
            ],
        ]);
        assert_eq!(f.done, 2);
        let open: Vec<&str> = f.open.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            open,
            ["Überschrift umformulieren", "Ersten Beitrag schreiben"]
        );
        assert_eq!(f.open[0].entry, EntryId(1), "carried forward");
    }

    #[test]
    fn a_later_task_in_other_words_closes_an_agreement() {
        let w = |s: &str| significant_words(s);
        assert!(
            resemblance(
                &w("Neues Profilfoto"),
                &w("Neues Profilfoto (Hans fragt unseren Hausfotografen)")
            ) >= 0.6
        );
        assert!(
            resemblance(
                &w("Über Führung sprechen"),
                &w("Nächstes Mal: weg vom Bildschirm, wir sprechen über Führung")
            ) >= 0.6
        );
        assert!(
            resemblance(
                &w("Bilanz ziehen"),
                &w("Letztes Treffen vor dem Abschluss: Bilanz ziehen")
            ) >= 0.6
        );
        assert!(
            resemblance(
                &w("Thema Instagram besprechen"),
                &w("Gemeinsame Präsentation vorbereiten")
            ) < 0.6
        );
    }
}
