//! Output addresses that two sources would take: two pages at one address, or a file
//! and a folder of the same name.

use super::urls;
use crate::content::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::{BTreeMap, HashMap};

/// Two sources that would be written to the same output file are an error naming both.
pub(super) fn check_collisions(prog: &Programme, diags: &mut Diagnostics) {
    let mut seen = Addresses::default();
    seen.fixed_pages();
    seen.cohorts(prog, diags);
    seen.tandems(prog, diags);
    seen.entries_and_docs(prog, diags);
    seen.topics(prog, diags);
    seen.static_files(prog, diags);
    files_against_folders(&seen.0, diags);
}

/// Every output address taken so far, with the content file that takes it (or a note
/// naming the page tandem writes there).
#[derive(Default)]
struct Addresses(HashMap<String, String>);

impl Addresses {
    /// Takes `out` for `file`; an error when another file has it already.
    fn claim(&mut self, out: String, file: &str, diags: &mut Diagnostics) {
        if let Some(first) = self.0.get(&out) {
            if first != file {
                diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{file}` and `{first}` would both become the page /{out}"),
                    )
                    .with_help("rename one of the two so that their names differ in more than capitals, umlauts or punctuation"),
                );
            }
        } else {
            self.0.insert(out, file.to_string());
        }
    }

    /// The pages tandem writes whatever the content (home, feed, search, 404 …).
    fn fixed_pages(&mut self) {
        for fixed in urls::fixed() {
            let note = format!("(the page /{} that tandem writes)", fixed.0);
            self.0.insert(fixed.0, note);
        }
    }

    /// Each cohort's page, and its feed.
    fn cohorts(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for (i, c) in prog.cohorts.iter().enumerate() {
            self.claim(urls::cohort(prog, CohortId(i)).0, &c.dir, diags);
            self.0.insert(
                urls::cohort_feed(prog, CohortId(i)).0,
                format!("(the feed of {})", c.dir),
            );
        }
    }

    /// Each tandem's page and attachments, and its cohort's timeline page.
    fn tandems(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for (i, t) in prog.tandems.iter().enumerate() {
            let c = &prog.cohorts[t.cohort.0];
            self.0
                .entry(format!("cohorts/{}/timeline/", c.slug))
                .or_insert_with(|| format!("(the timeline page of {})", c.dir));
            self.claim(urls::tandem(prog, TandemId(i)).0, &t.dir, diags);
            for a in &t.attachments {
                self.claim(
                    urls::attachment(prog, TandemId(i), &a.url_name).0,
                    &a.file,
                    diags,
                );
            }
        }
    }

    fn entries_and_docs(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for (i, e) in prog.entries.iter().enumerate() {
            self.claim(urls::entry(prog, EntryId(i)).0, &e.source.file, diags);
        }
        for (i, d) in prog.docs.iter().enumerate() {
            self.claim(urls::doc(prog, DocId(i)).0, &d.source.file, diags);
        }
    }

    /// Each topic's page, and its feed.
    fn topics(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for (i, t) in prog.topics.iter().enumerate() {
            self.claim(
                urls::topic(prog, TopicId(i)).0,
                &format!("program.yaml (topic `{}`)", t.id),
                diags,
            );
            self.0.insert(
                urls::topic_feed(prog, TopicId(i)).0,
                format!("(the feed of topic `{}`)", t.id),
            );
        }
    }

    /// Static files: the page an `index.html` becomes is its folder's address. The
    /// folders of the theme's assets and of the search index are not theirs.
    fn static_files(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for s in &prog.static_files {
            if let Some(d) = in_reserved_folder(s) {
                diags.push(d);
                continue;
            }
            let out = if s.out == "index.html" {
                String::new()
            } else {
                s.out
                    .strip_suffix("/index.html")
                    .map(|d| format!("{d}/"))
                    .unwrap_or_else(|| s.out.clone())
            };
            self.claim(out, &s.file, diags);
        }
    }
}

/// The error for a static file in a folder of the site that tandem fills.
fn in_reserved_folder(s: &StaticFile) -> Option<Diagnostic> {
    if s.out.starts_with("assets/") {
        return Some(
            Diagnostic::error(&s.file, "the folder `assets/` of the site belongs to the theme")
                .with_help("move the file to another folder inside static/, or override a theme file in your theme folder instead"),
        );
    }
    if s.out.starts_with(&format!("{}/", urls::BUNDLE_DIR)) {
        return Some(
            Diagnostic::error(
                &s.file,
                format!(
                    "the folder `{}/` of the site holds the search index",
                    urls::BUNDLE_DIR
                ),
            )
            .with_help("move the file to another folder inside static/"),
        );
    }
    None
}

/// A file and a folder of the same name cannot both exist: `…/2019-03-14-x` (an
/// attachment without extension) and the page `…/2019-03-14-x/`.
fn files_against_folders(seen: &HashMap<String, String>, diags: &mut Diagnostics) {
    let sorted: BTreeMap<&String, &String> = seen.iter().collect();
    let mut folders: HashMap<&str, &str> = HashMap::new();
    for (out, file) in &sorted {
        for (i, _) in out.match_indices('/') {
            folders.entry(&out[..=i]).or_insert(file.as_str());
        }
    }
    let mut conflicts: Vec<(String, String)> = Vec::new();
    for (out, file) in &sorted {
        if out.is_empty() || out.ends_with('/') {
            continue;
        }
        if let Some(other) = folders.get(format!("{out}/").as_str()) {
            conflicts.push((file.to_string(), other.to_string()));
        }
    }
    conflicts.sort();
    for (file, other) in conflicts {
        diags.push(
            Diagnostic::error(
                &file,
                format!(
                    "`{file}` and `{other}` would both need the address of a folder and a file"
                ),
            )
            .with_help("rename one of the two, or give the file an extension such as .pdf"),
        );
    }
}
