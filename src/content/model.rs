//! The programme as loaded from the content folder: typed, validated, and free of
//! anything to do with HTML.

pub use super::rhythm::{Rhythm, RhythmSource};
use super::slug::Slug;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;

/// Index into [`Programme::cohorts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct CohortId(pub usize);
/// Index into [`Programme::tandems`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TandemId(pub usize);
/// Index into [`Programme::entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntryId(pub usize);
/// Index into [`Programme::docs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DocId(pub usize);
/// Index into [`Programme::topics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TopicId(pub usize);

pub use crate::language::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
}

/// A Markdown text and where it came from, for rendering and error positions.
#[derive(Debug, Clone)]
pub struct Markdown {
    /// Path relative to the content folder.
    pub file: String,
    /// The whole file text (BOM removed, LF line ends).
    pub text: std::sync::Arc<str>,
    /// Byte offset of the Markdown within `text`.
    pub offset: usize,
}

impl Markdown {
    pub fn body(&self) -> &str {
        &self.text[self.offset..]
    }
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub slug: Slug,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProgramMeta {
    pub title: String,
    pub subtitle: Option<String>,
    pub code: Option<String>,
    pub provider: Option<String>,
    pub language: Language,
    /// Always ends with `/`.
    pub base_url: String,
    pub audience: Vec<String>,
    pub sector: Option<String>,
    pub format: Option<String>,
    pub period: Option<Period>,
    pub contact: Option<Person>,
    /// How often tandems mean to meet, unless their cohort or they say otherwise.
    pub rhythm: Option<Rhythm>,
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub date: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Cohort {
    pub slug: Slug,
    /// Folder relative to the content folder.
    pub dir: String,
    pub title: String,
    pub period: Option<Period>,
    pub milestones: Vec<Milestone>,
    pub intro: Option<Markdown>,
    pub tandems: Vec<TandemId>,
    /// How often its tandems mean to meet, unless they say otherwise.
    pub rhythm: Option<Rhythm>,
}

#[derive(Debug, Clone)]
pub struct Tandem {
    pub slug: Slug,
    pub dir: String,
    pub cohort: CohortId,
    pub title: String,
    pub mentor: Person,
    pub mentee: Person,
    pub organization: Option<String>,
    pub focus: Vec<TopicId>,
    pub goals: Option<Markdown>,
    /// How often the tandem means to meet, as its tandem.yaml says.
    pub rhythm: Option<Rhythm>,
    /// Entries that are published in this build, in date order.
    pub entries: Vec<EntryId>,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Shared,
    Private,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: Slug,
    pub tandem: TandemId,
    /// Title from the front matter; the first `# heading` or file name is used otherwise.
    pub title: Option<String>,
    pub date: NaiveDate,
    pub topics: Vec<TopicId>,
    pub duration_minutes: Option<u32>,
    pub format: Option<String>,
    pub authors: Vec<String>,
    pub visibility: Visibility,
    pub draft: bool,
    pub source: Markdown,
}

impl Entry {
    /// The file name without `.md`, the last fallback for the title.
    pub fn file_stem(&self) -> &str {
        let name = self
            .source
            .file
            .rsplit('/')
            .next()
            .unwrap_or(&self.source.file);
        name.strip_suffix(".md").unwrap_or(name)
    }
}

#[derive(Debug, Clone)]
pub struct Doc {
    /// URL path segments below `/docs/` (empty for `docs/index.md`).
    pub path: Vec<Slug>,
    pub title: Option<String>,
    pub weight: i64,
    pub description: Option<String>,
    pub source: Markdown,
}

/// A file beside the entries of a tandem (image, PDF): published only when a published
/// entry links to it.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Path relative to the content folder.
    pub file: String,
    /// Path below the tandem's URL, e.g. `agenda-workshop.pdf`.
    pub url_name: String,
    pub abs: PathBuf,
}

/// A file copied verbatim: `static/**` to the site root, non-Markdown files under `docs/`.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub file: String,
    /// Output path relative to the site root.
    pub out: String,
    pub abs: PathBuf,
}

/// Which entries a build publishes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Visible {
    pub drafts: bool,
    pub private: bool,
}

impl Visible {
    pub fn includes(&self, e: &Entry) -> bool {
        (self.drafts || !e.draft) && (self.private || e.visibility == Visibility::Shared)
    }
}

#[derive(Debug, Clone)]
pub struct Programme {
    pub root: PathBuf,
    pub meta: ProgramMeta,
    pub topics: Vec<Topic>,
    pub intro: Option<Markdown>,
    pub docs: Vec<Doc>,
    pub cohorts: Vec<Cohort>,
    pub tandems: Vec<Tandem>,
    /// Every entry that was read, published or not; see [`Tandem::entries`].
    pub entries: Vec<Entry>,
    /// Entries left out of this build (private or draft), kept so that links to them
    /// can be recognised and removed instead of reported as broken.
    pub hidden: Vec<EntryId>,
    /// Entry files that exist but could not be read (their errors are reported); links
    /// to them are not reported again as broken.
    pub unreadable: Vec<String>,
    pub static_files: Vec<StaticFile>,
    pub theme_dir: Option<PathBuf>,
    pub visible: Visible,
    /// The audiences of program.yaml (`audiences:`), each with a site of its own;
    /// empty when there are none.
    pub audiences: Vec<std::sync::Arc<super::audience::Audience>>,
    /// The audience this programme is the part of (see [`super::audience::view`]);
    /// `None` for the whole programme.
    pub view: Option<super::audience::View>,
}

impl Programme {
    /// The rhythm tandem `t` means to meet in, and where it is written: its own, else
    /// its cohort's, else the programme's, else [`Rhythm::DEFAULT`].
    pub fn rhythm_of(&self, t: TandemId) -> (Rhythm, RhythmSource) {
        let td = &self.tandems[t.0];
        if let Some(r) = td.rhythm {
            return (r, RhythmSource::Tandem);
        }
        if let Some(r) = self.cohorts[td.cohort.0].rhythm {
            return (r, RhythmSource::Cohort);
        }
        match self.meta.rhythm {
            Some(r) => (r, RhythmSource::Programme),
            None => (Rhythm::DEFAULT, RhythmSource::Default),
        }
    }
}
