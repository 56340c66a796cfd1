//! The programme's topics, looked up by the entries (`topics:`) and tandems (`focus:`)
//! that name them.

use crate::content::front_matter::SourceText;
use crate::content::model::{Topic, TopicId};
use crate::content::slug::slugify;
use crate::content::yaml::{pos, Item, TextList};
use crate::diagnostics::{did_you_mean, Diagnostic};
use serde_saphyr::Spanned;
use std::collections::HashMap;

/// Topic lookup by id or title, case-insensitive.
#[derive(Debug)]
pub(super) struct TopicIndex {
    by_key: HashMap<String, TopicId>,
    names: Vec<String>,
    /// False when program.yaml could not be read: topics cannot be checked then.
    known: bool,
    /// Of everything above: entries parsed against the same topics parse the same.
    pub fingerprint: u64,
}

impl TopicIndex {
    pub(crate) fn new(topics: &[Topic], known: bool) -> Self {
        let mut by_key = HashMap::new();
        let mut names = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            by_key.insert(t.id.to_lowercase(), TopicId(i));
            by_key.insert(t.title.to_lowercase(), TopicId(i));
            by_key.insert(t.slug.as_str().to_string(), TopicId(i));
            names.push(t.id.clone());
        }
        let fingerprint = {
            use std::hash::{BuildHasher, Hash, Hasher};
            let mut h = ahash::RandomState::with_seeds(21, 22, 23, 24).build_hasher();
            let mut keys: Vec<_> = by_key.iter().collect();
            keys.sort();
            keys.hash(&mut h);
            names.hash(&mut h);
            known.hash(&mut h);
            h.finish()
        };
        TopicIndex {
            by_key,
            names,
            known,
            fingerprint,
        }
    }

    /// Resolves each item; unknown ones give an error at their position.
    pub(crate) fn resolve(
        &self,
        list: &Spanned<TextList>,
        src: &SourceText,
        line_offset: usize,
        what: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<TopicId> {
        let mut out = Vec::new();
        let mut reported = 0usize;
        let mut more = 0usize;
        for item in &list.value.0 {
            let key = item.text.trim().to_lowercase();
            if let Some(id) = self
                .by_key
                .get(&key)
                .or_else(|| self.by_key.get(&slugify(&key)))
            {
                if !out.contains(id) {
                    out.push(*id);
                }
                continue;
            }
            if !self.known {
                continue;
            }
            if reported >= crate::diagnostics::MAX_SIMILAR {
                more += 1;
                continue;
            }
            reported += 1;
            if let Some(d) = self.without_commas(item, list, src, line_offset, what) {
                diags.push(d);
                continue;
            }
            diags.push(self.unknown(item, list, src, line_offset, what));
        }
        if more > 0 {
            if let Some(last) = diags.last() {
                let summary = last.and_more(
                    more,
                    crate::text!(
                        "unbekannte Themen unter `{what}`",
                        "unknown topics in `{what}`"
                    ),
                );
                diags.push(summary);
            }
        }
        out
    }

    /// The error for topics written one after the other without commas
    /// (`[onlinemarketing fuehrung]`): each word is a topic, the whole is none.
    fn without_commas(
        &self,
        item: &Item,
        list: &Spanned<TextList>,
        src: &SourceText,
        line_offset: usize,
        what: &str,
    ) -> Option<Diagnostic> {
        let words: Vec<&str> = item.text.split_whitespace().collect();
        let known = |w: &str| {
            let w = w.to_lowercase();
            self.by_key.contains_key(&w) || self.by_key.contains_key(&slugify(&w))
        };
        if words.len() < 2 || !words.iter().all(|w| known(w)) {
            return None;
        }
        let (line, col) = item.pos.unwrap_or_else(|| {
            let (line, col) = pos(list);
            (line, col + item.shift)
        });
        let (first, second) = (words[0], words[1]);
        let all = words.join(", ");
        let field = what.trim_matches('`');
        Some(
            Diagnostic::error(
                &src.file,
                crate::text!(
                    "Zwischen `{first}` und `{second}` fehlt ein Komma",
                    "a comma is missing between `{first}` and `{second}`"
                ),
            )
            .at(
                &src.text,
                line + line_offset,
                col,
                item.text.chars().count(),
            )
            .with_help(crate::text!(
                "Trennen Sie die Themen mit Kommas: `{field}: [{all}]`.",
                "separate the topics with commas: `{field}: [{all}]`"
            )),
        )
    }

    /// The error for a topic that is not one of the programme's, with the nearest one.
    fn unknown(
        &self,
        item: &Item,
        list: &Spanned<TextList>,
        src: &SourceText,
        line_offset: usize,
        what: &str,
    ) -> Diagnostic {
        let (line, col) = item.pos.unwrap_or_else(|| {
            let (line, col) = pos(list);
            (line, col + item.shift)
        });
        let help = match did_you_mean(&item.text, self.names.iter().map(String::as_str)) {
            Some(s) => crate::text!("Meinten Sie `{s}`?", "did you mean `{s}`?"),
            None => {
                let names = self.names.join(", ");
                crate::text!(
                    "Die Themen dieses Programms sind: {names}. Neue Themen legen Sie in program.yaml unter `topics:` an.",
                    "the topics of this programme are: {names}; new topics are added in program.yaml under `topics:`"
                )
            }
        };
        let topic = &item.text;
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Das Thema `{topic}` unter `{what}` gibt es in diesem Programm nicht",
                "unknown topic `{topic}` in `{what}`"
            ),
        )
        .at(
            &src.text,
            line + line_offset,
            col,
            item.text.chars().count(),
        )
        .with_help(help)
    }
}
