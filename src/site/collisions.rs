//! Output addresses that two sources would take: two pages at one address, or a file
//! and a folder of the same name.

use super::urls;
use crate::content::*;
use crate::diagnostics::{Diagnostic, Diagnostics, Text};
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

/// Who takes an output address: a content file, or a page tandem writes (named in
/// words, in parentheses).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    File(String),
    Page(Text),
}

impl Owner {
    /// As a message names it: "`cohorts/2019/a.md`" or "(the feed of cohorts/2019)".
    fn named(&self) -> Text {
        match self {
            Owner::File(f) => crate::text!("`{f}`", "`{f}`"),
            Owner::Page(t) => {
                let (de, en) = (&t.de, &t.en);
                crate::text!("({de})", "({en})")
            }
        }
    }
}

/// Every output address taken so far, with the content file that takes it (or the
/// page tandem writes there).
#[derive(Default)]
struct Addresses(HashMap<String, Owner>);

impl Addresses {
    /// Takes `out` for `file`; an error when another file has it already.
    fn claim(&mut self, out: String, file: &str, diags: &mut Diagnostics) {
        if let Some(first) = self.0.get(&out) {
            if *first != Owner::File(file.to_string()) {
                let first = first.named();
                let (first_de, first_en) = (&first.de, &first.en);
                diags.push(
                    Diagnostic::error(
                        file,
                        crate::text!(
                            "`{file}` und {first_de} würden beide zur Seite /{out}",
                            "`{file}` and {first_en} would both become the page /{out}"
                        ),
                    )
                    .with_help(crate::text!(
                        "Benennen Sie eine der beiden Dateien um, sodass sich die Namen nicht nur in Groß- und Kleinschreibung, Umlauten oder Satzzeichen unterscheiden.",
                        "rename one of the two so that their names differ in more than capitals, umlauts or punctuation"
                    )),
                );
            }
        } else {
            self.0.insert(out, Owner::File(file.to_string()));
        }
    }

    /// Takes `out` for a page tandem writes.
    fn page(&mut self, out: String, what: Text) {
        self.0.insert(out, Owner::Page(what));
    }

    /// The pages tandem writes whatever the content (home, feed, search, 404 …).
    fn fixed_pages(&mut self) {
        for fixed in urls::fixed() {
            let page = &fixed.0;
            let what = crate::text!(
                "die Seite /{page}, die tandem schreibt",
                "the page /{page} that tandem writes"
            );
            self.page(fixed.0, what);
        }
    }

    /// Each cohort's page, its feed, its table of tandems and its calendar.
    fn cohorts(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for (i, c) in prog.cohorts.iter().enumerate() {
            self.claim(urls::cohort(prog, CohortId(i)).0, &c.dir, diags);
            let dir = &c.dir;
            self.page(
                urls::cohort_feed(prog, CohortId(i)).0,
                crate::text!("der Feed von {dir}", "the feed of {dir}"),
            );
            self.page(
                urls::cohort_csv(prog, CohortId(i)).0,
                crate::text!(
                    "die Tabelle der Tandems von {dir}",
                    "the table of {dir}'s tandems"
                ),
            );
            self.page(
                urls::cohort_ics(prog, CohortId(i)).0,
                crate::text!("der Kalender von {dir}", "the calendar of {dir}"),
            );
        }
    }

    /// Each tandem's page and attachments, and its cohort's timeline page.
    fn tandems(&mut self, prog: &Programme, diags: &mut Diagnostics) {
        for (i, t) in prog.tandems.iter().enumerate() {
            let c = &prog.cohorts[t.cohort.0];
            let dir = &c.dir;
            self.0
                .entry(format!("cohorts/{}/timeline/", c.slug))
                .or_insert_with(|| {
                    Owner::Page(crate::text!(
                        "die Zeitleiste von {dir}",
                        "the timeline page of {dir}"
                    ))
                });
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
            let id = &t.id;
            self.page(
                urls::topic_feed(prog, TopicId(i)).0,
                crate::text!("der Feed des Themas `{id}`", "the feed of topic `{id}`"),
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
            Diagnostic::error(
                &s.file,
                crate::text!(
                    "Der Ordner `assets/` der Seite gehört dem Theme",
                    "the folder `assets/` of the site belongs to the theme"
                ),
            )
            .with_help(crate::text!(
                "Verschieben Sie die Datei in einen anderen Ordner in static/, oder ersetzen Sie die Datei des Themes in Ihrem Theme-Ordner.",
                "move the file to another folder inside static/, or override a theme file in your theme folder instead"
            )),
        );
    }
    if s.out.starts_with(&format!("{}/", urls::BUNDLE_DIR)) {
        let dir = urls::BUNDLE_DIR;
        return Some(
            Diagnostic::error(
                &s.file,
                crate::text!(
                    "Im Ordner `{dir}/` der Seite liegt der Suchindex",
                    "the folder `{dir}/` of the site holds the search index"
                ),
            )
            .with_help(crate::text!(
                "Verschieben Sie die Datei in einen anderen Ordner in static/.",
                "move the file to another folder inside static/"
            )),
        );
    }
    None
}

/// A file and a folder of the same name cannot both exist: `…/2019-03-14-x` (an
/// attachment without extension) and the page `…/2019-03-14-x/`.
fn files_against_folders(seen: &HashMap<String, Owner>, diags: &mut Diagnostics) {
    let sorted: BTreeMap<&String, &Owner> = seen.iter().collect();
    let mut folders: HashMap<&str, &Owner> = HashMap::new();
    for (out, owner) in &sorted {
        for (i, _) in out.match_indices('/') {
            folders.entry(&out[..=i]).or_insert(owner);
        }
    }
    let mut conflicts: Vec<(&Owner, &Owner)> = Vec::new();
    for (out, owner) in &sorted {
        if out.is_empty() || out.ends_with('/') {
            continue;
        }
        if let Some(other) = folders.get(format!("{out}/").as_str()) {
            conflicts.push((owner, other));
        }
    }
    conflicts.sort();
    for (a, b) in conflicts {
        // The message belongs to a content file; tandem's own pages never collide.
        let file = match (a, b) {
            (Owner::File(f), _) | (_, Owner::File(f)) => f.clone(),
            _ => continue,
        };
        let (a, b) = (a.named(), b.named());
        let (a_de, a_en, b_de, b_en) = (&a.de, &a.en, &b.de, &b.en);
        diags.push(
            Diagnostic::error(
                &file,
                crate::text!(
                    "{a_de} und {b_de} bräuchten beide dieselbe Adresse, einmal als Ordner und einmal als Datei",
                    "{a_en} and {b_en} would both need the address of a folder and a file"
                ),
            )
            .with_help(crate::text!(
                "Benennen Sie eine der beiden Dateien um, oder geben Sie der Datei eine Endung wie .pdf.",
                "rename one of the two, or give the file an extension such as .pdf"
            )),
        );
    }
}
