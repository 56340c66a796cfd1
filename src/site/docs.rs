//! The docs pages' titles and their order in the sidebar.

use crate::content::*;
use crate::markdown::Rendered;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A doc's title: its `title`, else its first heading, else its file name (its
/// folder's name for an index.md).
pub(super) fn doc_titles(prog: &Programme, html: &[Arc<Rendered>]) -> Vec<String> {
    prog.docs
        .iter()
        .zip(html)
        .map(|(d, r)| {
            d.title
                .clone()
                .or_else(|| r.title.clone().filter(|t| !t.is_empty()))
                .unwrap_or_else(|| {
                    let f = d.source.file.trim_end_matches(".md");
                    let f = f.strip_suffix("/index").unwrap_or(f);
                    f.rsplit('/').next().unwrap_or(f).to_string()
                })
        })
        .collect()
}

/// Docs in sidebar order: depth-first, by weight then title.
pub(super) fn doc_order(prog: &Programme, titles: &[String]) -> Vec<DocId> {
    let mut ids: Vec<DocId> = (0..prog.docs.len()).map(DocId).collect();
    // Sort key: for each level, (weight, title) of the ancestor at that level, so that
    // a folder's pages follow the folder's index page.
    let by_path: BTreeMap<Vec<String>, DocId> = ids
        .iter()
        .map(|&id| {
            (
                prog.docs[id.0].path.iter().map(|s| s.to_string()).collect(),
                id,
            )
        })
        .collect();
    let key = |id: DocId| -> Vec<(i64, String, String)> {
        let d = &prog.docs[id.0];
        let mut k = Vec::new();
        for depth in 1..=d.path.len() {
            let prefix: Vec<String> = d.path[..depth].iter().map(|s| s.to_string()).collect();
            let (w, t) = match by_path.get(&prefix) {
                Some(a) => (prog.docs[a.0].weight, titles[a.0].to_lowercase()),
                None => (0, prefix.last().cloned().unwrap_or_default()),
            };
            k.push((w, t, prefix.last().cloned().unwrap_or_default()));
        }
        k
    };
    ids.sort_by_cached_key(|&id| key(id));
    ids
}
