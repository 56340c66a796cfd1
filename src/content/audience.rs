//! Audiences: the readers a site is made for (`audiences:` in program.yaml), and the
//! part of the programme each of them sees.
//!
//! [`view`] makes an audience's [`Programme`] from the whole one: only its tandems,
//! their entries and attachments, the cohorts they belong to. Every later stage (the
//! site's lookups and figures, pages, feeds, sitemap, search index, copied files) works
//! from that programme alone, so nothing of another tandem can reach the audience's
//! site. What the audience may not see is still named in [`View::withheld`], so that a
//! link to it is removed (its text kept) instead of reported as broken.
//!
//! An anonymous audience's programme holds no person's name, no organisation and no
//! diary text: people are their roles, tandems and entries are numbered, and every
//! text that someone wrote (entries, goals, intros, documentation) is left out.

use super::model::*;
use super::slug::Slug;
use std::sync::Arc;

/// The fewest tandems a group (a cohort, a topic, a role) of an anonymous audience's
/// site must have for its figures to be shown on their own: smaller groups are only
/// counted in the totals, so that no figure describes one or two people.
pub const MIN_GROUP: usize = 5;

/// One audience of `audiences:` in program.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// Its folder in the output, and the name `--audience` takes.
    pub id: String,
    pub title: String,
    /// `None`: every cohort.
    pub cohorts: Option<Vec<CohortId>>,
    /// `None`: every organisation. The names as the tandems write them.
    pub organizations: Option<Vec<String>>,
    /// Figures and charts only: no names, no organisations, no diary texts.
    pub anonymous: bool,
    /// Who may read the site, for the web server's access rules: single users and
    /// groups (by default the group named like the audience).
    pub users: Vec<String>,
    pub groups: Vec<String>,
}

impl Audience {
    /// Whether the audience sees this tandem: of one of its cohorts and one of its
    /// organisations (each when given).
    pub fn sees(&self, t: &Tandem) -> bool {
        let cohort = self.cohorts.as_ref().is_none_or(|c| c.contains(&t.cohort));
        let org = self.organizations.as_ref().is_none_or(|orgs| {
            t.organization
                .as_ref()
                .is_some_and(|o| orgs.iter().any(|x| x == o))
        });
        cohort && org
    }

    /// Whether the audience sees the whole programme as it is.
    pub fn sees_all(&self) -> bool {
        self.cohorts.is_none() && self.organizations.is_none() && !self.anonymous
    }
}

/// Which audience a programme was made for by [`view`].
#[derive(Debug, Clone)]
pub struct View {
    pub audience: Arc<Audience>,
    /// Content paths (files and folders, as links name them) of what the audience may
    /// not see: links to them are removed, their text kept.
    pub withheld: Vec<String>,
    /// The same things' pages in the whole programme's site (content path, address
    /// below the site's root), so that a link written as an address is removed too;
    /// filled in by `site::withhold_pages`, which knows the addresses.
    pub withheld_pages: Vec<(String, String)>,
}

/// The programme `a` sees: see the module's documentation.
pub fn view(prog: &Programme, a: &Arc<Audience>) -> Programme {
    let kept = Kept::of(prog, a);
    let mut withheld = Vec::new();
    let cohorts = kept.cohorts(prog, &mut withheld);
    let tandems = kept.tandems(prog, &mut withheld);
    let entries = kept.entries(prog, &mut withheld);
    let (unreadable, away): (Vec<String>, Vec<String>) =
        prog.unreadable.iter().cloned().partition(|f| {
            prog.tandems
                .iter()
                .zip(&kept.tandem)
                .all(|(t, keep)| *keep || !f.starts_with(&format!("{}/", t.dir)))
        });
    withheld.extend(away);
    let mut seen = Programme {
        root: prog.root.clone(),
        meta: prog.meta.clone(),
        topics: prog.topics.clone(),
        intro: prog.intro.clone(),
        docs: prog.docs.clone(),
        cohorts,
        tandems,
        hidden: prog
            .hidden
            .iter()
            .filter_map(|e| kept.entry_ids[e.0])
            .collect(),
        entries,
        unreadable,
        static_files: prog.static_files.clone(),
        theme_dir: prog.theme_dir.clone(),
        visible: prog.visible,
        audiences: prog.audiences.clone(),
        view: None,
    };
    if a.anonymous {
        anonymise(&mut seen, &mut withheld);
    }
    seen.view = Some(View {
        audience: a.clone(),
        withheld,
        withheld_pages: Vec::new(),
    });
    seen
}

/// What of a programme an audience sees, and the new index of each kept cohort,
/// tandem and entry.
struct Kept {
    cohort: Vec<bool>,
    tandem: Vec<bool>,
    entry: Vec<bool>,
    cohort_ids: Vec<Option<CohortId>>,
    tandem_ids: Vec<Option<TandemId>>,
    entry_ids: Vec<Option<EntryId>>,
}

impl Kept {
    fn of(prog: &Programme, a: &Audience) -> Kept {
        let tandem: Vec<bool> = prog.tandems.iter().map(|t| a.sees(t)).collect();
        let cohort: Vec<bool> = (prog.cohorts.iter().enumerate())
            .map(|(i, c)| {
                let listed = a.cohorts.as_ref().is_none_or(|l| l.contains(&CohortId(i)));
                let has_tandem = c.tandems.iter().any(|t| tandem[t.0]);
                listed && (has_tandem || (a.organizations.is_none() && !a.anonymous))
            })
            .collect();
        let hidden: std::collections::HashSet<EntryId> = prog.hidden.iter().copied().collect();
        // An anonymous audience has no text to link from: hidden entries go entirely.
        let entry: Vec<bool> = (prog.entries.iter().enumerate())
            .map(|(i, e)| tandem[e.tandem.0] && !(a.anonymous && hidden.contains(&EntryId(i))))
            .collect();
        Kept {
            cohort_ids: renumber(&cohort),
            tandem_ids: renumber(&tandem),
            entry_ids: renumber(&entry),
            cohort,
            tandem,
            entry,
        }
    }

    fn cohorts(&self, prog: &Programme, withheld: &mut Vec<String>) -> Vec<Cohort> {
        let mut cohorts = Vec::new();
        for (i, c) in prog.cohorts.iter().enumerate() {
            if !self.cohort[i] {
                withheld.extend(cohort_paths(c));
                continue;
            }
            let mut c = c.clone();
            c.tandems = c
                .tandems
                .iter()
                .filter_map(|t| self.tandem_ids[t.0])
                .collect();
            cohorts.push(c);
        }
        cohorts
    }

    fn tandems(&self, prog: &Programme, withheld: &mut Vec<String>) -> Vec<Tandem> {
        let mut tandems = Vec::new();
        for (i, t) in prog.tandems.iter().enumerate() {
            if !self.tandem[i] {
                withheld.push(t.dir.clone());
                withheld.push(format!("{}/tandem.yaml", t.dir));
                withheld.extend(t.attachments.iter().map(|f| f.file.clone()));
                continue;
            }
            let mut t = t.clone();
            t.cohort = self.cohort_ids[t.cohort.0].unwrap_or(t.cohort);
            t.entries = t
                .entries
                .iter()
                .filter_map(|e| self.entry_ids[e.0])
                .collect();
            tandems.push(t);
        }
        tandems
    }

    fn entries(&self, prog: &Programme, withheld: &mut Vec<String>) -> Vec<Entry> {
        let mut entries = Vec::new();
        for (i, e) in prog.entries.iter().enumerate() {
            if !self.entry[i] {
                withheld.push(e.source.file.clone());
                continue;
            }
            let mut e = e.clone();
            e.tandem = self.tandem_ids[e.tandem.0].unwrap_or(e.tandem);
            entries.push(e);
        }
        entries
    }
}

/// The new index of each kept item, in the old order.
fn renumber<T: From<usize>>(keep: &[bool]) -> Vec<Option<T>> {
    let mut next = 0;
    keep.iter()
        .map(|&k| {
            k.then(|| {
                next += 1;
                T::from(next - 1)
            })
        })
        .collect()
}

impl From<usize> for CohortId {
    fn from(i: usize) -> Self {
        CohortId(i)
    }
}
impl From<usize> for TandemId {
    fn from(i: usize) -> Self {
        TandemId(i)
    }
}
impl From<usize> for EntryId {
    fn from(i: usize) -> Self {
        EntryId(i)
    }
}

/// The paths a link may name a cohort by.
fn cohort_paths(c: &Cohort) -> [String; 3] {
    [
        c.dir.clone(),
        format!("{}/index.md", c.dir),
        format!("{}/cohort.yaml", c.dir),
    ]
}

/// Leaves out of `p` every name, organisation and text: people become their roles,
/// tandems and entries are numbered, texts are empty, documentation and intros go.
fn anonymise(p: &mut Programme, withheld: &mut Vec<String>) {
    p.meta.contact = None;
    p.intro = None;
    withheld.push("index.md".into());
    for d in p.docs.drain(..) {
        withheld.push(d.source.file);
    }
    for c in &mut p.cohorts {
        c.intro = None;
    }
    let dirs: Vec<String> = p.cohorts.iter().map(|c| c.dir.clone()).collect();
    for (i, t) in p.tandems.iter_mut().enumerate() {
        withheld.push(t.dir.clone());
        withheld.push(format!("{}/tandem.yaml", t.dir));
        withheld.extend(t.attachments.drain(..).map(|f| f.file));
        let n = i + 1;
        t.slug = Slug::from_name(&format!("tandem-{n}")).unwrap_or(t.slug.clone());
        t.dir = format!("{}/{}", dirs[t.cohort.0], t.slug);
        t.title = format!("Tandem {n}");
        t.mentor = as_role(&t.mentor);
        t.mentee = as_role(&t.mentee);
        t.organization = None;
        t.goals = None;
    }
    let empty: Arc<str> = Arc::from("");
    for (i, e) in p.entries.iter_mut().enumerate() {
        withheld.push(e.source.file.clone());
        let n = i + 1;
        e.slug = Slug::from_name(&format!("{}-{n}", e.date)).unwrap_or(e.slug.clone());
        e.title = Some(e.date.to_string());
        e.authors.clear();
        e.source = Markdown {
            file: format!("{}/{}.md", p.tandems[e.tandem.0].dir, e.slug),
            text: empty.clone(),
            offset: 0,
        };
    }
}

/// A person seen by an anonymous audience: the role alone.
fn as_role(p: &Person) -> Person {
    Person {
        name: p.role.clone().unwrap_or_default(),
        role: None,
        email: None,
    }
}
