//! Where every content path a link may point to leads: the page or file it becomes,
//! or that it is a hidden entry; the pages by their address, for a link written as
//! one; and, for a link that leads nowhere, the file that was probably meant.

use super::{urls, UrlPath};
use crate::content::*;
use crate::markdown::Target;
use std::collections::{HashMap, HashSet};

/// A content path in Unicode's composed form (NFC), as links are looked up.
pub(super) fn nfc(s: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(s).collect()
}

/// Every content path a link may point to, with where it leads.
pub(super) struct LinkTargets {
    by_path: HashMap<String, Target>,
    /// Pages and files by their URL, with the content file each is made from.
    by_url: HashMap<String, (Target, String)>,
    /// The files of each folder, by name: for "did you mean".
    files: HashMap<String, Vec<String>>,
    base_path: String,
}

/// How alike two file names (without `.md`) must be for one to be suggested for the
/// other.
const CLOSE_ENOUGH: f64 = 0.75;

impl LinkTargets {
    /// The targets of `prog`'s content, with URLs starting with `base_path`. Later
    /// kinds win over earlier ones for the same path (a doc's folder only when nothing
    /// else has it).
    pub(super) fn of(prog: &Programme, base_path: &str) -> LinkTargets {
        let mut targets = LinkTargets {
            by_path: HashMap::new(),
            by_url: HashMap::new(),
            files: HashMap::new(),
            base_path: base_path.to_string(),
        };
        targets.cohorts_and_tandems(prog, base_path);
        targets.entries(prog, base_path);
        targets.docs_and_static_files(prog, base_path);
        targets.withheld(prog, base_path);
        targets.index();
        targets
    }

    /// Where a link to `path` leads: a content path (relative to the content folder,
    /// NFC), or a page's address starting with `/`, with or without the base path.
    /// With [`NEAR`](crate::markdown::NEAR) before a content path: the file closest
    /// to it.
    pub(super) fn resolve(&self, path: &str) -> Target {
        if let Some(path) = path.strip_prefix(crate::markdown::NEAR) {
            return Target::Missing(self.closest(path));
        }
        if path.starts_with('/') {
            return self.page(path);
        }
        match self.by_path.get(path) {
            Some(t) => t.clone(),
            None => Target::Missing(None),
        }
    }

    /// The page or file at the address `url`.
    fn page(&self, url: &str) -> Target {
        let mut tries = vec![url.to_string()];
        if self.base_path != "/" && !url.starts_with(&self.base_path) {
            tries.push(format!("{}{}", self.base_path, &url[1..]));
        }
        for u in tries {
            let last = u.rsplit('/').next().unwrap_or("");
            let with_slash = (!u.ends_with('/') && !last.contains('.')).then(|| format!("{u}/"));
            for u in std::iter::once(u).chain(with_slash) {
                match self.by_url.get(&u) {
                    Some((Target::Url(url), file)) => {
                        return Target::Page {
                            url: url.clone(),
                            file: file.clone(),
                        }
                    }
                    Some((t, _)) => return t.clone(),
                    None => {}
                }
            }
        }
        Target::Missing(None)
    }

    /// The file a link to the missing `path` probably meant: in the same folder, one
    /// whose name is nearly the same (a typo, another date, the name without its
    /// date); else a file of that very name in another folder.
    fn closest(&self, path: &str) -> Option<String> {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let wanted = stem(name).to_lowercase();
        if wanted.is_empty() {
            return None;
        }
        let score = |candidate: &str| {
            let other = stem(candidate).to_lowercase();
            if other == wanted {
                1.0
            } else if wanted.len() >= 3 && other.ends_with(&format!("-{wanted}")) {
                // The name without its date.
                0.95
            } else if wanted.len() >= 12 && other.starts_with(&format!("{wanted}-")) {
                // The date and the first words of the name.
                0.9
            } else {
                strsim::normalized_levenshtein(&wanted, &other)
            }
        };
        let near = self.files.get(folder).and_then(|names| {
            names
                .iter()
                .map(|n| (score(n), n))
                .filter(|(s, _)| *s >= CLOSE_ENOUGH)
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
                .map(|(_, n)| join(folder, n))
        });
        near.or_else(|| {
            let lower = name.to_lowercase();
            let mut elsewhere: Vec<String> = self
                .files
                .iter()
                .flat_map(|(f, names)| names.iter().map(move |n| (f, n)))
                .filter(|(_, n)| n.to_lowercase() == lower)
                .map(|(f, n)| join(f, n))
                .collect();
            elsewhere.sort();
            elsewhere.into_iter().next()
        })
    }

    /// What the audience may not see is treated as a hidden entry: a link to its file
    /// or its address is removed, its text kept.
    fn withheld(&mut self, prog: &Programme, base_path: &str) {
        let Some(view) = &prog.view else { return };
        for w in &view.withheld {
            self.by_path.entry(nfc(w)).or_insert(Target::Hidden);
        }
        for (file, url) in &view.withheld_pages {
            self.by_url
                .entry(format!("{base_path}{url}"))
                .or_insert((Target::Hidden, nfc(file)));
        }
    }

    /// The pages by address and the files by folder, from the paths.
    fn index(&mut self) {
        let mut seen = HashSet::new();
        let mut paths: Vec<(&String, &Target)> = self.by_path.iter().collect();
        // Files before folders, so that a page's file is the one named for it.
        paths.sort_by_key(|(p, _)| (!p.contains('.'), p.as_str()));
        for (path, target) in paths {
            let url = match target {
                Target::Url(u) if !u.is_empty() => Some(u.clone()),
                _ => None,
            };
            if let Some(u) = url {
                if seen.insert(u.clone()) {
                    self.by_url.insert(u, (target.clone(), path.clone()));
                }
            }
            let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
            if name.contains('.') && !name.ends_with(".yaml") {
                self.files
                    .entry(folder.to_string())
                    .or_default()
                    .push(name.to_string());
            }
        }
    }

    /// The home and cohorts pages, each cohort (its folder, intro and cohort.yaml), each
    /// tandem (its folder and tandem.yaml) and its attachments.
    fn cohorts_and_tandems(&mut self, prog: &Programme, base_path: &str) {
        let targets = &mut self.by_path;
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
        let hidden: HashSet<EntryId> = prog.hidden.iter().copied().collect();
        for (i, e) in prog.entries.iter().enumerate() {
            let id = EntryId(i);
            let url = format!("{base_path}{}", urls::entry(prog, id).0);
            let t = if hidden.contains(&id) {
                // Found by its address too, and left out like a link to its file.
                self.by_url
                    .insert(url, (Target::Hidden, nfc(&e.source.file)));
                Target::Hidden
            } else {
                Target::Url(url)
            };
            self.by_path.insert(nfc(&e.source.file), t);
        }
        for f in &prog.unreadable {
            self.by_path.insert(nfc(f), Target::Url(String::new()));
        }
    }

    /// Every doc (its file, and its folder when no other target has it) and static file.
    fn docs_and_static_files(&mut self, prog: &Programme, base_path: &str) {
        let targets = &mut self.by_path;
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

/// A file's name without `.md`.
fn stem(name: &str) -> &str {
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(name)
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}
