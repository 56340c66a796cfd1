//! The diary entries: Markdown files in a tandem's folder, with front matter (date,
//! topics, duration, visibility, draft…). They are the bulk of the work and are parsed
//! in parallel; a rebuild parses again only those whose text or context changed.

use super::fields::{date_at, front_matter, parse_bool, raw_value, text};
use super::files::{markdown_of, read, FileCache, Src};
use super::topics::TopicIndex;
use crate::content::front_matter::{parse_date, split, SourceText};
use crate::content::model::{Entry, EntryId, Period, Tandem, TandemId, Visibility, Visible};
use crate::content::slug::Slug;
use crate::content::yaml::{self, pos, Text, TextList};
use crate::diagnostics::{did_you_mean, Diagnostic};
use rayon::prelude::*;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One entry file to parse: its tandem, its cohort's period, and its path in the
/// content folder and on disk.
pub(super) type EntryJob<'f> = (TandemId, Option<Period>, &'f (String, PathBuf));

/// The result of parsing one entry file.
#[derive(Debug, Clone)]
pub(super) struct ParsedEntry {
    entry: Option<Entry>,
    diags: Vec<Diagnostic>,
}

/// The topics, and per entry file its path in the content folder, tandem and period.
#[derive(Debug)]
pub(super) struct EntryInputs {
    topics: TopicIndex,
    files: HashMap<PathBuf, (String, TandemId, Option<Period>)>,
}

/// The entries read, by [`EntryId`]: those shown are listed in their tandem (by date),
/// the others in `hidden`; `unreadable` names the files that gave no entry.
#[derive(Default)]
pub(super) struct Entries {
    pub entries: Vec<Entry>,
    pub hidden: Vec<EntryId>,
    pub unreadable: Vec<String>,
}

/// Parses every entry file, in parallel, and lists each entry in its tandem when
/// `visible` shows it. The results are taken in the order of `jobs`, whichever thread
/// finished first.
pub(super) fn load_entries(
    src: &Src,
    jobs: &[EntryJob],
    topic_index: TopicIndex,
    visible: Visible,
    tandems: &mut [Tandem],
    d: &mut Vec<Diagnostic>,
) -> Entries {
    let parsed: Vec<ParsedEntry> = jobs
        .par_iter()
        .map(|(tid, per, (rel, abs))| parse_entry(src, rel, abs, *tid, &topic_index, *per))
        .collect();
    if src.cache.keeps_sources() {
        keep_inputs(src.cache, jobs, topic_index);
    }
    let mut out = Entries::default();
    for (p, (_, _, (rel, _))) in parsed.into_iter().zip(jobs) {
        if p.entry.is_none() {
            out.unreadable.push(rel.clone());
        }
        d.extend(p.diags);
        if let Some(e) = p.entry {
            let id = EntryId(out.entries.len());
            if visible.includes(&e) {
                tandems[e.tandem.0].entries.push(id);
            } else {
                out.hidden.push(id);
            }
            out.entries.push(e);
        }
    }
    for t in tandems {
        t.entries.sort_by(|a, b| {
            let (ea, eb) = (&out.entries[a.0], &out.entries[b.0]);
            (ea.date, &ea.slug).cmp(&(eb.date, &eb.slug))
        });
    }
    out
}

/// Keeps what the entries were parsed against, for [`reparse_entry`].
fn keep_inputs(cache: &FileCache, jobs: &[EntryJob], topics: TopicIndex) {
    let files = jobs
        .iter()
        .map(|(tid, per, (rel, abs))| (abs.clone(), (rel.clone(), *tid, *per)))
        .collect();
    if let Ok(mut inputs) = cache.inputs.lock() {
        *inputs = Some(EntryInputs { topics, files });
    }
}

/// Everything an entry is parsed from: the same key, the same [`ParsedEntry`].
fn entry_key(
    src: &SourceText,
    rel: &str,
    tandem: TandemId,
    topics: &TopicIndex,
    period: Option<Period>,
) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = ahash::RandomState::with_seeds(25, 26, 27, 28).build_hasher();
    src.file.hash(&mut h);
    src.text.hash(&mut h);
    rel.hash(&mut h);
    tandem.hash(&mut h);
    topics.fingerprint.hash(&mut h);
    period.map(|p| (p.start, p.end)).hash(&mut h);
    h.finish()
}

/// Parses one entry file, or takes the previous load's result when the file and what
/// it is parsed against are the same.
fn parse_entry(
    root: &Src,
    rel: &str,
    abs: &Path,
    tandem: TandemId,
    topics: &TopicIndex,
    period: Option<Period>,
) -> ParsedEntry {
    let src = match read(root, abs) {
        Ok(s) => s,
        Err(d) => {
            return ParsedEntry {
                entry: None,
                diags: vec![d],
            };
        }
    };
    if !root.cache.keeps_sources() {
        return parse_entry_text(src, rel, tandem, topics, period);
    }
    let key = entry_key(&src, rel, tandem, topics, period);
    let parsed = match root.cache.parsed_old.get(abs) {
        Some((k, parsed)) if *k == key => parsed.clone(),
        _ => std::sync::Arc::new(parse_entry_text(src, rel, tandem, topics, period)),
    };
    if let Ok(mut new) = root.cache.parsed_new.lock() {
        new.insert(abs.to_path_buf(), (key, parsed.clone()));
    }
    (*parsed).clone()
}

/// Parses one entry file again, against what the last load parsed it against, without
/// touching the cache: for a first look at an edit before the whole programme is
/// loaded again. `None` when the last load did not read this file as an entry.
pub(crate) fn reparse_entry(
    cache: &FileCache,
    root: &Path,
    abs: &Path,
) -> Option<(String, Option<Entry>, Vec<Diagnostic>)> {
    let inputs = cache.inputs.lock().ok()?;
    let inputs = inputs.as_ref()?;
    let (rel, tandem, period) = inputs.files.get(abs)?;
    let alone = FileCache::default();
    let src = Src {
        root,
        cache: &alone,
    };
    let parsed = match read(&src, abs) {
        Ok(text) => parse_entry_text(text, rel, *tandem, &inputs.topics, *period),
        Err(d) => ParsedEntry {
            entry: None,
            diags: vec![d],
        },
    };
    Some((rel.clone(), parsed.entry, parsed.diags))
}

/// Parses one entry's text: its file name, its front matter checked against the
/// programme's topics and its cohort's period, and its Markdown body.
fn parse_entry_text(
    src: SourceText,
    rel: &str,
    tandem: TandemId,
    topics: &TopicIndex,
    period: Option<Period>,
) -> ParsedEntry {
    let mut diags = Vec::new();
    let Some((fm, line_offset, body_offset)) = entry_front_matter(&src, &mut diags) else {
        return ParsedEntry { entry: None, diags };
    };
    let Some((stem, slug)) = file_slug(rel, &mut diags) else {
        return ParsedEntry { entry: None, diags };
    };
    let date = entry_date(fm.date.as_ref(), stem, rel, &src, line_offset, &mut diags);
    let topic_ids = fm
        .topics
        .as_ref()
        .map(|t| topics.resolve(t, &src, line_offset, "`topics`", &mut diags))
        .unwrap_or_default();
    let duration_minutes = fm
        .duration
        .as_ref()
        .and_then(|d| duration(d, &src, line_offset, &mut diags));
    let visibility = visibility(fm.visibility.as_ref(), &src, line_offset, &mut diags);
    let draft = fm
        .draft
        .as_ref()
        .map(|d| parse_bool(d, &src, line_offset, &mut diags))
        .unwrap_or(false);
    if let (Some(d), Some(p)) = (date, period) {
        if !p.contains(d) {
            diags.push(outside_period(d, p, fm.date.as_ref(), &src, line_offset));
        }
    }
    let Some(date) = date else {
        return ParsedEntry { entry: None, diags };
    };
    let entry = Entry {
        slug,
        tandem,
        title: text(fm.title),
        date,
        topics: topic_ids,
        duration_minutes,
        format: text(fm.format),
        authors: authors(fm.authors),
        visibility,
        draft,
        source: markdown_of(src, body_offset),
    };
    ParsedEntry {
        entry: Some(entry),
        diags,
    }
}

/// The entry's front matter, with the number of lines before its YAML and where its
/// body starts.
fn entry_front_matter(
    src: &SourceText,
    diags: &mut Vec<Diagnostic>,
) -> Option<(yaml::EntryYaml, usize, usize)> {
    let sp = match split(src) {
        Ok(sp) => sp,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let (line_offset, body_offset) = (sp.yaml_line_offset, sp.body_offset);
    let fm =
        front_matter::<yaml::EntryYaml>(src, sp, yaml::ENTRY_FIELDS, yaml::ENTRY_ALIASES, diags)?;
    Some((fm, line_offset, body_offset))
}

/// The file's name without `.md`, and the entry's slug made from it; `None` (with an
/// error) when the name has nothing to make a web address from.
fn file_slug<'r>(rel: &'r str, diags: &mut Vec<Diagnostic>) -> Option<(&'r str, Slug)> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(name);
    let Some(slug) = Slug::from_name(stem) else {
        diags.push(
            Diagnostic::error(
                rel,
                "this file name has no letters or digits to make a web address from",
            )
            .with_help("rename the file, e.g. 2019-03-14-erstes-treffen.md"),
        );
        return None;
    };
    Some((stem, slug))
}

/// The entry's `date`, or else the date its file name starts with.
fn entry_date(
    written: Option<&Spanned<Text>>,
    stem: &str,
    rel: &str,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    match written {
        Some(d) => date_at(d, src, line_offset, diags),
        None => match stem.get(..10).map(parse_date) {
            Some(Ok(d)) => Some(d),
            _ => {
                diags.push(
                    Diagnostic::error(rel, "this entry has no date")
                        .at(&src.text, 1, 1, 1)
                        .with_help("add `date: YYYY-MM-DD` to the front matter, or start the file name with the date, e.g. 2019-03-14-erstes-treffen.md"),
                );
                None
            }
        },
    }
}

/// The entry's `duration` in minutes; `None` when empty, or (with an error) when it is
/// not a duration.
fn duration(
    d: &Spanned<Text>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let v = d.value.0.trim();
    if v.is_empty() {
        return None;
    }
    let m = crate::content::duration::parse_minutes(v);
    if m.is_none() {
        let (line, col) = pos(d);
        let written =
            raw_value(&src.text, line + line_offset, col).unwrap_or_else(|| v.to_string());
        diags.push(
            Diagnostic::error(&src.file, format!("`{written}` is not a duration"))
                .at(&src.text, line + line_offset, col, v.chars().count())
                .with_help("write minutes (`90`) or hours and minutes (`1h30`, `1,5 h`, `90min`)"),
        );
    }
    m
}

/// The entry's `visibility`: shared unless written otherwise.
fn visibility(
    v: Option<&Spanned<Text>>,
    src: &SourceText,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Visibility {
    let Some(v) = v else {
        return Visibility::Shared;
    };
    match v.value.0.trim().to_lowercase().as_str() {
        // German words too: `visibility: privat` means what it says.
        "shared" | "" | "geteilt" | "öffentlich" => Visibility::Shared,
        "private" | "privat" => Visibility::Private,
        other => {
            let (line, col) = pos(v);
            let help = match did_you_mean(other, ["shared", "private"]) {
                Some(s) => format!(
                    "did you mean `{s}`? Write `shared` (everyone) or `private` (never published)"
                ),
                None => "write `shared` (everyone) or `private` (never published)".to_string(),
            };
            diags.push(
                Diagnostic::error(&src.file, format!("unknown visibility `{other}`"))
                    .at(&src.text, line + line_offset, col, other.chars().count())
                    .with_help(help),
            );
            // Unknown visibility is treated as private: never publish by mistake.
            Visibility::Private
        }
    }
}

/// The warning for an entry dated outside its cohort's period, at its `date` (or at the
/// top of the file when the date comes from the file name).
fn outside_period(
    d: chrono::NaiveDate,
    p: Period,
    written: Option<&Spanned<Text>>,
    src: &SourceText,
    line_offset: usize,
) -> Diagnostic {
    let (line, col, len) = match written {
        Some(s) => {
            let (l, c) = pos(s);
            (l + line_offset, c, s.value.0.chars().count())
        }
        None => (1, 1, 1),
    };
    Diagnostic::warning(
        &src.file,
        format!(
            "this entry is dated {d}, outside its cohort's period ({} to {})",
            p.start, p.end
        ),
    )
    .at(&src.text, line, col, len)
    .with_help("check the date, or widen the `period` in cohort.yaml")
}

/// The entry's `authors`, blank ones left out.
fn authors(list: Option<TextList>) -> Vec<String> {
    list.map(|a| {
        a.0.into_iter()
            .map(|i| i.text.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn parse(rel: &str, text: &str, period: Option<Period>) -> ParsedEntry {
        let src = SourceText {
            file: rel.to_string(),
            text: text.into(),
        };
        parse_entry_text(src, rel, TandemId(0), &TopicIndex::new(&[], true), period)
    }

    #[test]
    fn an_entry_without_a_date_takes_the_one_its_file_name_starts_with() {
        let p = parse("cohorts/c/t/2019-03-14-erstes.md", "Text\n", None);
        let e = p.entry.expect("an entry");
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2019, 3, 14).unwrap());
        assert_eq!(e.slug.as_str(), "2019-03-14-erstes");
        assert!(p.diags.is_empty());
    }

    #[test]
    fn an_unknown_visibility_is_private_and_an_error() {
        let text = "---\ndate: 2019-03-14\nvisibility: geheim\n---\nText\n";
        let p = parse("cohorts/c/t/x.md", text, None);
        assert_eq!(p.entry.expect("an entry").visibility, Visibility::Private);
        assert_eq!(p.diags.len(), 1);
        assert_eq!(p.diags[0].message.en, "unknown visibility `geheim`");
        assert_eq!(p.diags[0].line, 3);
    }

    #[test]
    fn an_entry_outside_its_cohorts_period_gives_a_warning() {
        let d = |m, d| NaiveDate::from_ymd_opt(2019, m, d).unwrap();
        let period = Period {
            start: d(4, 1),
            end: d(6, 30),
        };
        let p = parse("cohorts/c/t/2019-03-14-x.md", "Text\n", Some(period));
        assert!(p.entry.is_some());
        assert_eq!(p.diags.len(), 1);
        assert!(p.diags[0]
            .message
            .en
            .contains("outside its cohort's period"));
    }
}
