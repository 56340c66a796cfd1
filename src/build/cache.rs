//! What one run of the pipeline keeps for the next.

use super::Options;
use crate::content;
use crate::memory::drop_aside;
use crate::render;
use crate::search;
use crate::site;

/// Everything one build keeps for the next, so that a rebuild after an edit redoes only
/// what the edit touched: the files read and what was parsed of them, the rendered
/// Markdown, each page's fingerprint and bytes, the search indexes and page texts, and
/// the last site for [`super::quick`]. Each stage owns the inside of its part. The
/// results are always byte-identical to a clean build.
#[derive(Default)]
pub struct Cache {
    pub files: content::load::FileCache,
    pub markdown: site::MarkdownCache,
    pub pages: render::PageCache,
    pub search: search::SearchCache,
    pub texts: search::TextCache,
    /// The last build's site, when it succeeded and [`Options::keep_for_quick`] is set.
    pub site: Option<site::Site>,
}

impl Cache {
    /// For a single build (`tandem build`, `tandem check`): files and rendered Markdown
    /// are not kept, so a large programme's texts are freed as soon as they are used.
    pub fn for_one_build() -> Self {
        Cache {
            files: content::load::FileCache::for_one_build(),
            markdown: site::MarkdownCache::for_one_build(),
            ..Cache::default()
        }
    }

    /// The last site and what its pages were rendered with are not needed while
    /// building: they are freed aside.
    pub(super) fn forget_last_site(&mut self) {
        if self.site.is_some() || self.pages.kept.is_some() {
            drop_aside((self.site.take(), self.pages.kept.take()));
        }
    }

    /// The last build's site with what the quick path needs beside it, when the build
    /// succeeded with [`Options::keep_for_quick`]: taken out, so that the next build
    /// does not free it and the quick path can go on while that build runs.
    pub fn take_last_site(&mut self) -> Option<super::LastSite> {
        let site = self.site.take()?;
        let kept = self.pages.kept.take();
        let inputs = self.files.take_inputs();
        match (kept, inputs) {
            (Some(kept), Some(inputs)) => Some(super::LastSite::new(site, kept, inputs)),
            (kept, inputs) => {
                drop_aside((site, kept, inputs));
                None
            }
        }
    }

    /// After a build: its site is kept for the quick path when it succeeded and the
    /// options ask for it, and freed aside otherwise.
    pub(super) fn keep_site(&mut self, opts: &Options, site: site::Site, built: bool) {
        if !built {
            self.pages.kept = None;
            drop(site);
        } else if opts.keep_for_quick {
            self.site = Some(site);
        } else {
            drop_aside(site);
        }
    }
}
