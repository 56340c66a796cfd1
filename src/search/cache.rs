//! The indexes of earlier builds, and the bundle assembled from them.

use super::{Layout, BUNDLE_DIR};
use std::collections::HashMap;
use std::sync::Arc;

/// The files of a search bundle: path below the site root, bytes.
pub type BundleFiles = Arc<Vec<(String, Arc<[u8]>)>>;

/// The list of indexes the search page merges, in the bundle folder.
pub(crate) const SHARDS_FILE: &str = "shards.json";

/// The indexes of earlier builds, kept while their records stay the same.
#[derive(Debug, Default)]
pub struct SearchCache {
    shards: HashMap<String, (u64, BundleFiles)>,
    /// The bundle last assembled, and its layout.
    last: BundleFiles,
    last_layout: Layout,
}

impl SearchCache {
    pub fn has(&self, dir: &str, key: u64) -> bool {
        self.shards.get(dir).is_some_and(|(k, _)| *k == key)
    }

    pub fn store(&mut self, dir: String, key: u64, files: BundleFiles) {
        self.shards.insert(dir, (key, files));
    }

    /// The whole bundle for this layout, when every index of it is kept.
    pub fn assemble(&mut self, layout: &Layout) -> Option<BundleFiles> {
        if *layout == self.last_layout && !layout.is_empty() {
            return Some(self.last.clone());
        }
        let mut files: Vec<(String, Arc<[u8]>)> = Vec::new();
        for (dir, key) in layout {
            let (k, f) = self.shards.get(dir)?;
            if k != key {
                return None;
            }
            files.extend(f.iter().cloned());
        }
        // The indexes besides the first, which the search page merges into it.
        let dirs: Vec<String> = layout
            .iter()
            .filter_map(|(dir, _)| dir.strip_prefix(&format!("{BUNDLE_DIR}/")))
            .map(|d| format!("{d}/"))
            .collect();
        let list = serde_json::to_vec(&dirs).unwrap_or_default();
        files.push((format!("{BUNDLE_DIR}/{SHARDS_FILE}"), list.into()));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        self.shards
            .retain(|dir, _| layout.iter().any(|(d, _)| d == dir));
        self.last = Arc::new(files);
        self.last_layout = layout.clone();
        Some(self.last.clone())
    }

    /// The bundle last assembled, whatever records it was made from.
    pub fn last(&self) -> BundleFiles {
        self.last.clone()
    }
}
