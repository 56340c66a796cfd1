//! Where every content path a link may point to leads: the page or file it becomes,
//! or that it is a hidden entry.

use super::{urls, UrlPath};
use crate::content::*;
use crate::markdown::Target;
use std::collections::{HashMap, HashSet};

/// A content path in Unicode's composed form (NFC), as links are looked up.
pub(super) fn nfc(s: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(s).collect()
}

/// Every content path a link may point to, with where it leads.
pub(super) struct LinkTargets(HashMap<String, Target>);

impl LinkTargets {
    /// The targets of `prog`'s content, with URLs starting with `base_path`. Later
    /// kinds win over earlier ones for the same path (a doc's folder only when nothing
    /// else has it).
    pub(super) fn of(prog: &Programme, base_path: &str) -> LinkTargets {
        let mut targets = LinkTargets(HashMap::new());
        targets.cohorts_and_tandems(prog, base_path);
        targets.entries(prog, base_path);
        targets.docs_and_static_files(prog, base_path);
        // What the audience may not see is treated as a hidden entry: a link to it
        // is removed, its text kept.
        for w in prog.view.iter().flat_map(|v| &v.withheld) {
            targets.0.entry(nfc(w)).or_insert(Target::Hidden);
        }
        targets
    }

    /// Where a link to `path` (relative to the content folder, NFC) leads.
    pub(super) fn resolve(&self, path: &str) -> Target {
        self.0.get(path).cloned().unwrap_or(Target::Missing)
    }

    /// The home and cohorts pages, each cohort (its folder, intro and cohort.yaml), each
    /// tandem (its folder and tandem.yaml) and its attachments.
    fn cohorts_and_tandems(&mut self, prog: &Programme, base_path: &str) {
        let targets = &mut self.0;
        let href = |u: UrlPath| format!("{base_path}{}", u.0);
        targets.insert("index.md".into(), Target::Url(href(urls::home())));
        targets.insert("".into(), Target::Url(href(urls::home())));
        targets.insert("cohorts".into(), Target::Url(href(urls::cohorts())));
        for (i, c) in prog.cohorts.iter().enumerate() {
            let u = href(urls::cohort(prog, CohortId(i)));
            targets.insert(nfc(&format!("{}/index.md", c.dir)), Target::Url(u.clone()));
            targets.insert(
                nfc(&format!("{}/cohort.yaml", c.dir)),
                Target::Url(u.clone()),
            );
            targets.insert(nfc(&c.dir), Target::Url(u));
        }
        for (i, t) in prog.tandems.iter().enumerate() {
            let u = href(urls::tandem(prog, TandemId(i)));
            targets.insert(
                nfc(&format!("{}/tandem.yaml", t.dir)),
                Target::Url(u.clone()),
            );
            targets.insert(nfc(&t.dir), Target::Url(u));
            for a in &t.attachments {
                targets.insert(
                    nfc(&a.file),
                    Target::Url(href(urls::attachment(prog, TandemId(i), &a.url_name))),
                );
            }
        }
    }

    /// Every entry: its page, or [`Target::Hidden`] for a private or draft one. Links to
    /// an entry file that could not be read are not reported again as broken.
    fn entries(&mut self, prog: &Programme, base_path: &str) {
        let targets = &mut self.0;
        let hidden: HashSet<EntryId> = prog.hidden.iter().copied().collect();
        for (i, e) in prog.entries.iter().enumerate() {
            let id = EntryId(i);
            let t = if hidden.contains(&id) {
                Target::Hidden
            } else {
                Target::Url(format!("{base_path}{}", urls::entry(prog, id).0))
            };
            targets.insert(nfc(&e.source.file), t);
        }
        for f in &prog.unreadable {
            targets.insert(nfc(f), Target::Url(String::new()));
        }
    }

    /// Every doc (its file, and its folder when no other target has it) and static file.
    fn docs_and_static_files(&mut self, prog: &Programme, base_path: &str) {
        let targets = &mut self.0;
        for (i, d) in prog.docs.iter().enumerate() {
            let u = format!("{base_path}{}", urls::doc(prog, DocId(i)).0);
            targets.insert(nfc(&d.source.file), Target::Url(u.clone()));
            let folder = d.source.file.trim_end_matches(".md");
            let folder = folder.strip_suffix("/index").unwrap_or(folder);
            targets.entry(nfc(folder)).or_insert(Target::Url(u));
        }
        for s in &prog.static_files {
            targets.insert(nfc(&s.file), Target::Url(format!("{base_path}{}", s.out)));
        }
    }
}
