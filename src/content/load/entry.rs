//! The diary entries: Markdown files in a tandem's folder, with front matter (date,
//! topics, duration, visibility, draft…). They are the bulk of the work and are parsed
//! in parallel; a rebuild parses again only those whose text or context changed.

use super::fields::{date_at, front_matter, parse_bool, raw_value, text};
use super::files::{markdown_of, read, FileCache, Src};
use super::topics::TopicIndex;
use crate::content::front_matter::{decode, parse_date, split, SourceText};
use crate::content::model::{Entry, EntryId, Period, Tandem, TandemId, Topic, Visibility, Visible};
use crate::content::slug::Slug;
use crate::content::yaml::{self, pos, Text, TextList};
use crate::diagnostics::{date_words, did_you_mean, Diagnostic};
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

/// The topics, and per entry file its path in the content folder, tandem and period:
/// what a load parsed its entries against (see [`FileCache::take_inputs`]).
#[derive(Debug)]
pub(crate) struct EntryInputs {
    topics: TopicIndex,
    files: HashMap<PathBuf, (String, TandemId, Option<Period>)>,
}

impl EntryInputs {
    /// Whether the load read `abs` as an entry.
    pub(crate) fn has_file(&self, abs: &Path) -> bool {
        self.files.contains_key(abs)
    }
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

/// Parses one entry file again, against what a load parsed it against (`inputs`),
/// without touching any cache: for a first look at an edit before the whole programme
/// is loaded again. `None` when that load did not read this file as an entry.
pub(crate) fn reparse_entry(
    inputs: &EntryInputs,
    root: &Path,
    abs: &Path,
) -> Option<(String, Option<Entry>, Vec<Diagnostic>)> {
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

/// Parses a text as the loader parses the entry file `rel` in a programme with these
/// topics, its cohort's period being `period`: for the preview's editor, which checks
/// a text before it writes it. The same messages as a build, for this file alone.
pub(crate) fn check_entry_text(
    rel: &str,
    text: &str,
    topics: &[Topic],
    period: Option<Period>,
) -> (Option<Entry>, Vec<Diagnostic>) {
    let src = match decode(rel, text.as_bytes().to_vec()) {
        Ok(src) => src,
        Err(d) => return (None, vec![d]),
    };
    let parsed = parse_entry_text(
        src,
        rel,
        TandemId(0),
        &TopicIndex::new(topics, true),
        period,
    );
    (parsed.entry, parsed.diags)
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
        .map(|t| topics.resolve(t, &src, line_offset, "topics", &mut diags))
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
    if let (Some(d), Some(written)) = (date, fm.date.as_ref()) {
        diags.extend(date_unlike_file_name(d, stem, written, &src, line_offset));
    }
    if !draft {
        diags.extend(without_text(&src, body_offset));
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
                crate::text!(
                    "Der Dateiname `{name}` hat keine Buchstaben oder Ziffern, aus denen eine Webadresse werden kann",
                    "the file name `{name}` has no letters or digits to make a web address from"
                ),
            )
            .with_help(crate::text!(
                "Benennen Sie die Datei um, z. B. in `2019-03-14-erstes-treffen.md`.",
                "rename the file, e.g. `2019-03-14-erstes-treffen.md`"
            )),
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
                // The example file name: the person's own, without a date that failed.
                let name = match stem.get(..11) {
                    Some(head)
                        if head.ends_with('-')
                            && head.bytes().filter(u8::is_ascii_digit).count() == 8 =>
                    {
                        &stem[11..]
                    }
                    _ => stem,
                };
                diags.push(
                    Diagnostic::error(
                        rel,
                        crate::text!("Dieser Eintrag hat kein Datum", "this entry has no date"),
                    )
                    .at(&src.text, 1, 1, 1)
                    .with_help(crate::text!(
                        "Schreiben Sie das Datum des Treffens oben zwischen die Zeilen `---`, z. B. `date: 2019-03-14`, oder lassen Sie den Dateinamen mit dem Datum beginnen: `2019-03-14-{name}.md`.",
                        "write the date of the meeting between the `---` lines at the top, e.g. `date: 2019-03-14`, or start the file name with the date: `2019-03-14-{name}.md`"
                    )),
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
            Diagnostic::error(
                &src.file,
                crate::text!("`{written}` ist keine Dauer", "`{written}` is not a duration"),
            )
            .at(&src.text, line + line_offset, col, v.chars().count())
            .with_help(crate::text!(
                "Schreiben Sie Minuten (`duration: 90`) oder Stunden und Minuten (`1h30`, `1,5 h`, `90min`).",
                "write minutes (`duration: 90`) or hours and minutes (`1h30`, `1,5 h`, `90min`)"
            )),
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
                Some(s) => crate::text!(
                    "Meinten Sie `{s}`? Schreiben Sie `shared` (für alle sichtbar) oder `private` (wird nie veröffentlicht).",
                    "did you mean `{s}`? Write `shared` (everyone) or `private` (never published)"
                ),
                None => crate::text!(
                    "Schreiben Sie `shared` (für alle sichtbar) oder `private` (wird nie veröffentlicht).",
                    "write `shared` (everyone) or `private` (never published)"
                ),
            };
            diags.push(
                Diagnostic::error(
                    &src.file,
                    crate::text!(
                        "Die Sichtbarkeit `{other}` gibt es nicht",
                        "unknown visibility `{other}`"
                    ),
                )
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
    let (d, start, end) = (date_words(d), date_words(p.start), date_words(p.end));
    let (d_de, start_de, end_de) = (&d.de, &start.de, &end.de);
    let (d_en, start_en, end_en) = (&d.en, &start.en, &end.en);
    Diagnostic::warning(
        &src.file,
        crate::text!(
            "Dieser Eintrag ist auf den {d_de} datiert, außerhalb des Zeitraums seines Jahrgangs ({start_de} bis {end_de})",
            "this entry is dated {d_en}, outside its cohort's period ({start_en} to {end_en})"
        ),
    )
    .at(&src.text, line, col, len)
    .with_help(crate::text!(
        "Prüfen Sie das Datum, oder erweitern Sie den Zeitraum (`period`) in cohort.yaml.",
        "check the date, or widen the `period` in cohort.yaml"
    ))
}

/// The warning for a `date` that is not the date the file's name starts with: the
/// page's address keeps the name's date, so the two would disagree.
fn date_unlike_file_name(
    d: chrono::NaiveDate,
    stem: &str,
    written: &Spanned<Text>,
    src: &SourceText,
    line_offset: usize,
) -> Option<Diagnostic> {
    let named = parse_date(stem.get(..10)?).ok()?;
    if named == d {
        return None;
    }
    let rest = stem.get(10..).unwrap_or("");
    let (l, c) = pos(written);
    Some(
        Diagnostic::warning(
            &src.file,
            crate::text!(
                "Das Datum in `date:` ({d}) ist ein anderes als im Dateinamen ({named}); die Adresse der Seite enthält weiter das Datum des Dateinamens.",
                "The `date:` ({d}) is not the date the file's name starts with ({named}); the page's address keeps the file name's date."
            ),
        )
        .at(&src.text, l + line_offset, c, written.value.0.chars().count())
        .with_help(crate::text!(
            "Benennen Sie die Datei in `{d}{rest}.md` um, oder korrigieren Sie `date:`, damit beide übereinstimmen.",
            "Rename the file to `{d}{rest}.md`, or correct `date:`, so that both agree."
        )),
    )
}

/// The warning for an entry with nothing but headings and empty list items below its
/// front matter (a new entry as the template left it): it would be published as an
/// empty page. Drafts are meant to be unfinished and get none.
fn without_text(src: &SourceText, body_offset: usize) -> Option<Diagnostic> {
    let body = src.text.get(body_offset..).unwrap_or("");
    let has_text = body.lines().any(|l| {
        let l = l.trim();
        if l.starts_with('#') {
            return false;
        }
        let l = l
            .trim_start_matches(['-', '*', '+'])
            .trim_start()
            .trim_start_matches("[ ]")
            .trim_start_matches("[x]")
            .trim_start_matches("[X]");
        !l.trim().is_empty()
    });
    if has_text {
        return None;
    }
    let line = src.text[..body_offset.min(src.text.len())]
        .lines()
        .count()
        .max(1);
    Some(
        Diagnostic::warning(
            &src.file,
            crate::text!(
                "Dieser Eintrag hat noch keinen Text, nur Überschriften; so würde er als leere Seite veröffentlicht.",
                "This entry has no text yet, only headings; it would be published as an empty page."
            ),
        )
        .at(&src.text, line, 1, 3)
        .with_help(crate::text!(
            "Schreiben Sie unter die Überschriften, worüber Sie gesprochen haben, oder setzen Sie `draft: true` (im Browser: „Entwurf“ ankreuzen), solange der Eintrag nicht fertig ist.",
            "Write below the headings what you talked about, or set `draft: true` (in the browser: tick “Draft”) while the entry is unfinished."
        )),
    )
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
        assert_eq!(
            p.diags[0].message.de,
            "Die Sichtbarkeit `geheim` gibt es nicht"
        );
        assert_eq!(p.diags[0].message.en, "unknown visibility `geheim`");
        assert_eq!(p.diags[0].line, 3);
    }

    #[test]
    fn an_entry_without_any_date_is_an_error_with_its_own_name_as_example() {
        let p = parse("cohorts/c/t/2019-13-01-erstes.md", "Text\n", None);
        assert!(p.entry.is_none());
        assert_eq!(p.diags[0].message.de, "Dieser Eintrag hat kein Datum");
        assert_eq!(
            p.diags[0].help.as_ref().map(|h| h.de.as_str()),
            Some("Schreiben Sie das Datum des Treffens oben zwischen die Zeilen `---`, z. B. `date: 2019-03-14`, oder lassen Sie den Dateinamen mit dem Datum beginnen: `2019-03-14-erstes.md`.")
        );
        assert_eq!(
            p.diags[0].help.as_ref().map(|h| h.en.as_str()),
            Some("write the date of the meeting between the `---` lines at the top, e.g. `date: 2019-03-14`, or start the file name with the date: `2019-03-14-erstes.md`")
        );
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
        assert_eq!(
            p.diags[0].message.de,
            "Dieser Eintrag ist auf den 14. März 2019 datiert, außerhalb des Zeitraums seines Jahrgangs (1. April 2019 bis 30. Juni 2019)"
        );
        assert_eq!(
            p.diags[0].message.en,
            "this entry is dated 14 March 2019, outside its cohort's period (1 April 2019 to 30 June 2019)"
        );
    }
}
