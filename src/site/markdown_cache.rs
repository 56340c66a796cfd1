//! Rendering one text of the site: with the site's links, and, between the builds of
//! `watch` and `serve`, reusing what the previous build rendered.

use super::targets::LinkTargets;
use crate::content::Markdown;
use crate::markdown::{self, Rendered, Target};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Rendered Markdown of the previous build, reused for a text whose source, options
/// and links are unchanged.
#[derive(Debug, Default)]
pub struct MarkdownCache {
    map: Mutex<HashMap<(String, String), Arc<CachedMarkdown>>>,
    /// How many texts the last build had to render.
    pub rendered: AtomicUsize,
    /// Made by [`MarkdownCache::for_one_build`].
    one_build: bool,
    /// Made by [`MarkdownCache::shared`].
    shared: bool,
}

impl MarkdownCache {
    /// The cache of a single build, which keeps nothing: no build comes after it to
    /// reuse a text, and a copy of every rendered text would only add to the peak
    /// memory. ([`MarkdownCache::default`] keeps the texts for the next build.)
    pub fn for_one_build() -> Self {
        MarkdownCache {
            one_build: true,
            ..MarkdownCache::default()
        }
    }

    /// The cache of one build's audiences: each audience's site reuses the texts any
    /// site before it rendered (a text whose links lead to the same places), and
    /// nothing is dropped for not being used by one of them.
    pub fn shared() -> Self {
        MarkdownCache {
            shared: true,
            ..MarkdownCache::default()
        }
    }

    /// Whether rendered texts are kept for a next build (not by a single build's
    /// cache, see [`MarkdownCache::for_one_build`]).
    fn keeps_texts(&self) -> bool {
        !self.one_build
    }
}

#[derive(Debug, Clone)]
struct CachedMarkdown {
    key: u64,
    /// Every link target looked up while rendering, with what it resolved to.
    lookups: Vec<(String, Target)>,
    rendered: Arc<Rendered>,
}

/// Renders the texts of one build: with its links, reusing a text of the previous
/// build when its source, options and links are unchanged. Texts are rendered in
/// parallel, through a shared reference.
pub(super) struct Renderer<'a> {
    cache: &'a MarkdownCache,
    /// What the previous build left in the cache; what is reused goes back in.
    previous: HashMap<(String, String), Arc<CachedMarkdown>>,
    targets: &'a LinkTargets,
    german: bool,
}

impl<'a> Renderer<'a> {
    /// Starts a build's rendering: takes what the previous build left in `cache`.
    pub(super) fn new(cache: &'a MarkdownCache, targets: &'a LinkTargets, german: bool) -> Self {
        let mut map = cache.map.lock().unwrap_or_else(|e| e.into_inner());
        let previous = if cache.shared {
            map.clone()
        } else {
            std::mem::take(&mut *map)
        };
        drop(map);
        cache.rendered.store(0, Ordering::Relaxed);
        Renderer {
            cache,
            previous,
            targets,
            german,
        }
    }

    /// Renders `m`; `prefix` starts its ids (a text rendered with two prefixes is two
    /// texts to the cache).
    pub(super) fn render(
        &self,
        m: &Markdown,
        title_from_heading: bool,
        prefix: &str,
    ) -> Arc<Rendered> {
        let options = markdown::Options {
            german_quotes: self.german,
            title_from_heading,
            id_prefix: prefix,
        };
        let resolve = |p: &str| self.targets.resolve(p);
        if !self.cache.keeps_texts() {
            return Arc::new(markdown::render(m, &options, &resolve));
        }
        let key = self.source_key(m, title_from_heading);
        let cache_key = (m.file.clone(), prefix.to_string());
        if let Some(c) = self.previous.get(&cache_key) {
            if c.key == key && c.lookups.iter().all(|(p, t)| resolve(p) == *t) {
                if let Ok(mut map) = self.cache.map.lock() {
                    map.insert(cache_key, c.clone());
                }
                return c.rendered.clone();
            }
        }
        self.cache.rendered.fetch_add(1, Ordering::Relaxed);
        let lookups = std::cell::RefCell::new(Vec::new());
        let recording = |p: &str| {
            let t = resolve(p);
            lookups.borrow_mut().push((p.to_string(), t.clone()));
            t
        };
        let rendered = Arc::new(markdown::render(m, &options, &recording));
        if let Ok(mut map) = self.cache.map.lock() {
            map.insert(
                cache_key,
                Arc::new(CachedMarkdown {
                    key,
                    lookups: lookups.into_inner(),
                    rendered: rendered.clone(),
                }),
            );
        }
        rendered
    }

    /// A hash of what a text's HTML depends on besides its links: its body, its front
    /// matter and the options.
    fn source_key(&self, m: &Markdown, title_from_heading: bool) -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher();
        h.write(m.body().as_bytes());
        h.write_usize(m.offset);
        h.write(&m.text.as_bytes()[..m.offset]);
        h.write_u8(u8::from(self.german) << 1 | u8::from(title_from_heading));
        h.finish()
    }
}
