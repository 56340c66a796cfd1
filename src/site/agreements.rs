//! Open agreements: the unchecked tasks of a tandem's entries that no later entry
//! ticks off or takes up again.

use super::Agreement;
use crate::content::*;
use crate::markdown::Rendered;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Every tandem's open agreements, in the order of [`Programme::tandems`].
pub(super) fn all_open_agreements(
    prog: &Programme,
    html: &HashMap<EntryId, Arc<Rendered>>,
) -> Vec<Vec<Agreement>> {
    prog.tandems
        .par_iter()
        .map(|t| open_agreements(t, html))
        .collect()
}

/// Unchecked tasks of a tandem's entries that no later entry takes up again.
///
/// People tick off an agreement in a later entry in their own words ("Neues
/// Profilfoto" for "Neues Profilfoto (Hans fragt den Hausfotografen)"), so a later task
/// closes the earlier open one it resembles most: done, it closes it; still open, it
/// carries it forward under the later entry.
pub(super) fn open_agreements(
    t: &Tandem,
    html: &HashMap<EntryId, Arc<Rendered>>,
) -> Vec<Agreement> {
    let mut open: Vec<(Vec<String>, Agreement)> = Vec::new();
    for &id in &t.entries {
        let Some(r) = html.get(&id) else { continue };
        for task in &r.tasks {
            let words = significant_words(&task.text);
            let best = open
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (i, resemblance(&words, w)))
                .filter(|(_, score)| *score >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((i, _)) = best {
                open.remove(i);
            }
            if !task.done {
                open.push((
                    words,
                    Agreement {
                        text: task.text.clone(),
                        entry: id,
                    },
                ));
            }
        }
    }
    open.into_iter().map(|(_, a)| a).collect()
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
