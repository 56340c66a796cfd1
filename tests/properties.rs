//! Properties over random programmes (proptest):
//!
//! - whatever mix of shared, private and draft entries, no word, title or file name of a
//!   private or draft entry appears in any byte of the output (pages, feeds, sitemap,
//!   the decompressed search index, copied attachments and their names);
//! - any sequence of edits, rebuilt with the caches of the live preview, gives exactly
//!   the bytes of a clean build; so do the pages of an edited entry that the preview
//!   shows ahead of the rebuild (`build::quick`), also for saves in a row that no
//!   rebuild came between.
//!
//! Each entry carries a token of its own (`tk3q1234`) in its title, file name, text,
//! open tasks, a heading and the name of an attachment only it links to; a shared
//! entry's token must show up (so that the search for the others can fail).

use proptest::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use tandem::build::{self, Options};

const WORDS: &[&str] = &[
    "Führung",
    "Beiträge",
    "Straße",
    "LinkedIn",
    "Tandem",
    "„Zitat“",
    "*betont*",
    "`code`",
    "Ärger",
    "Öffnung",
    "über",
    "Kanban-Board",
    "100 %",
    "<b>fett</b>",
    "&amp;",
    "[Link](https://example.org)",
    "~~alt~~",
    "Größe",
];

#[derive(Debug, Clone)]
struct EntrySpec {
    private: bool,
    draft: bool,
    month: u32,
    day: u32,
    topic: usize,
    words: Vec<&'static str>,
    task: bool,
    attachment: bool,
    /// Links to another entry of the same tandem.
    link: Option<usize>,
}

fn entry_spec() -> impl Strategy<Value = EntrySpec> {
    (
        any::<bool>(),
        prop::bool::weighted(0.2),
        3u32..11,
        1u32..29,
        0usize..3,
        prop::collection::vec(prop::sample::select(WORDS), 0..12),
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::option::of(0usize..6),
    )
        .prop_map(
            |(private, draft, month, day, topic, words, task, attachment, link)| EntrySpec {
                private,
                draft,
                month,
                day,
                topic,
                words,
                task,
                attachment,
                link,
            },
        )
}

#[derive(Debug, Clone)]
struct ProgSpec {
    salt: u32,
    /// Per tandem, its entries.
    tandems: Vec<Vec<EntrySpec>>,
}

fn prog_spec() -> impl Strategy<Value = ProgSpec> {
    (
        any::<u32>(),
        prop::collection::vec(prop::collection::vec(entry_spec(), 1..5), 1..4),
    )
        .prop_map(|(salt, tandems)| ProgSpec { salt, tandems })
}

const TOPICS: [&str; 3] = ["onlinemarketing", "fuehrung", "arbeitsorganisation"];

fn token(salt: u32, t: usize, e: usize) -> String {
    format!("tk{t}x{e}q{}", salt % 100_000)
}

fn entry_file(salt: u32, t: usize, e: usize, spec: &EntrySpec) -> String {
    format!(
        "cohorts/2019/t{t}/2019-{:02}-{:02}-eintrag-{}.md",
        spec.month,
        spec.day,
        token(salt, t, e)
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn entry_text(salt: u32, t: usize, e: usize, all: &[EntrySpec]) -> String {
    let spec = &all[e];
    let tok = token(salt, t, e);
    let mut s = format!(
        "---\ntitle: Eintrag {tok}\ndate: 2019-{:02}-{:02}\ntopics: [{}]\n",
        spec.month, spec.day, TOPICS[spec.topic]
    );
    if spec.private {
        s.push_str("visibility: private\n");
    }
    if spec.draft {
        s.push_str("draft: true\n");
    }
    s.push_str("---\n\n");
    s.push_str(&format!(
        "Heute ging es um {tok}. {}\n\n",
        spec.words.join(" ")
    ));
    // Longer than an excerpt: a sentence appended at the end changes the page's body
    // but not what lists show of it.
    s.push_str(
        &"Wir haben lange über die nächsten Schritte gesprochen und vieles ausprobiert. ".repeat(8),
    );
    s.push_str("\n\n");
    s.push_str(&format!("## Mehr zu {tok}\n\nNoch ein Satz.\n\n"));
    if spec.task {
        s.push_str(&format!(
            "- [ ] Aufgabe {tok} erledigen\n- [x] Erledigt\n\n## Was wir gelernt haben\n\nGelernt: {tok}.\n\n"
        ));
    }
    if spec.attachment {
        s.push_str(&format!("Siehe [die Unterlage](anhang-{tok}.pdf).\n\n"));
    }
    if let Some(l) = spec.link {
        let l = l % all.len();
        if l != e {
            let target = entry_file(salt, t, l, &all[l]);
            let name = target.rsplit('/').next().unwrap();
            s.push_str(&format!("Vgl. [den anderen Eintrag]({name}).\n"));
        }
    }
    s
}

fn write_programme(root: &Path, prog: &ProgSpec) {
    write(
        root,
        "program.yaml",
        "title: Zufallsprogramm\nlanguage: de\nbase_url: https://example.org/z/\n\
         period: { start: 2019-01-01, end: 2019-12-31 }\ntopics:\n  - { id: onlinemarketing, title: Onlinemarketing }\n  \
         - { id: fuehrung, title: Führung }\n  - { id: arbeitsorganisation, title: Arbeitsorganisation }\n",
    );
    write(
        root,
        "cohorts/2019/cohort.yaml",
        "title: Jahrgang 2019\nperiod: { start: 2019-01-01, end: 2019-12-31 }\n",
    );
    for (t, entries) in prog.tandems.iter().enumerate() {
        write(
            root,
            &format!("cohorts/2019/t{t}/tandem.yaml"),
            &format!(
                "mentor: {{ name: Mentorin {t} }}\nmentee: {{ name: Mentee {t} }}\nfocus: [fuehrung]\n"
            ),
        );
        for (e, spec) in entries.iter().enumerate() {
            write(
                root,
                &entry_file(prog.salt, t, e, spec),
                &entry_text(prog.salt, t, e, entries),
            );
            if spec.attachment {
                write(
                    root,
                    &format!("cohorts/2019/t{t}/anhang-{}.pdf", token(prog.salt, t, e)),
                    &format!("%PDF-1.4 Anhang {}", token(prog.salt, t, e)),
                );
            }
        }
    }
}

/// Every file of a build: its path and its bytes, decompressed where gzip.
fn output_of(content: &Path) -> Vec<(String, Vec<u8>)> {
    let options = Options {
        content: content.to_path_buf(),
        ..Options::default()
    };
    let outcome = build::run(&options, &mut build::Cache::for_one_build(), None);
    let Some(built) = outcome.built else {
        panic!(
            "the random programme did not build:\n{}",
            outcome
                .diags
                .render_human(false, tandem::language::Language::De)
        );
    };
    let mut files: Vec<(String, Vec<u8>)> = built
        .pages
        .iter()
        .map(|p| (p.path.clone(), readable(&p.bytes)))
        .collect();
    for c in &built.copied {
        files.push((c.out.clone(), std::fs::read(&c.src).unwrap()));
    }
    files.sort();
    files
}

fn readable(bytes: &[u8]) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("valid gzip");
        out
    } else {
        bytes.to_vec()
    }
}

fn contains(files: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    files
        .iter()
        .filter(|(path, bytes)| {
            path.to_lowercase().contains(&needle)
                || String::from_utf8_lossy(bytes)
                    .to_lowercase()
                    .contains(&needle)
        })
        .map(|(p, _)| p.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_private_or_draft_word_reaches_the_output(prog in prog_spec()) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        write_programme(&content, &prog);
        let files = output_of(&content);
        for (t, entries) in prog.tandems.iter().enumerate() {
            for (e, spec) in entries.iter().enumerate() {
                let tok = token(prog.salt, t, e);
                let found = contains(&files, &tok);
                if spec.private || spec.draft {
                    prop_assert!(found.is_empty(), "`{tok}` ({spec:?}) is in {found:?}");
                } else {
                    prop_assert!(!found.is_empty(), "the shared `{tok}` is nowhere");
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Append(usize, &'static str),
    ToggleVisibility(usize),
    ToggleDraft(usize),
    Topic(usize, usize),
    Day(usize, u32),
    Delete(usize),
    Rename(usize),
    Add(usize),
    Title(usize, &'static str),
    CohortTitle(&'static str),
    Mentee(usize, &'static str),
    TopicTitle(&'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..20, prop::sample::select(WORDS)).prop_map(|(i, w)| Edit::Append(i, w)),
        (0usize..20).prop_map(Edit::ToggleVisibility),
        (0usize..20).prop_map(Edit::ToggleDraft),
        (0usize..20, 0usize..3).prop_map(|(i, t)| Edit::Topic(i, t)),
        (0usize..20, 1u32..29).prop_map(|(i, d)| Edit::Day(i, d)),
        (0usize..20).prop_map(Edit::Delete),
        (0usize..20).prop_map(Edit::Rename),
        (0usize..20).prop_map(Edit::Add),
        (0usize..20, prop::sample::select(WORDS)).prop_map(|(i, w)| Edit::Title(i, w)),
        prop::sample::select(WORDS).prop_map(Edit::CohortTitle),
        (0usize..20, prop::sample::select(WORDS)).prop_map(|(i, w)| Edit::Mentee(i, w)),
        prop::sample::select(WORDS).prop_map(Edit::TopicTitle),
    ]
}

/// The entry files of the content folder, in a fixed order.
fn entries(content: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![content.join("cohorts/2019")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Makes the edit; returns the entry file whose contents it changed, if that is all
/// it did.
fn apply(content: &Path, edit: &Edit, step: usize) -> Option<PathBuf> {
    let files = entries(content);
    if files.is_empty() {
        return None;
    }
    let pick = |i: usize| files[i % files.len()].clone();
    let rewrite = |p: &Path, f: &dyn Fn(&str) -> String| {
        let text = std::fs::read_to_string(p).unwrap();
        std::fs::write(p, f(&text)).unwrap();
    };
    let edited = match edit {
        Edit::Append(i, _)
        | Edit::ToggleVisibility(i)
        | Edit::ToggleDraft(i)
        | Edit::Topic(i, _)
        | Edit::Day(i, _)
        | Edit::Title(i, _) => Some(pick(*i)),
        _ => None,
    };
    match edit {
        Edit::Append(i, w) => rewrite(&pick(*i), &|t| format!("{t}\nNachtrag {w}.\n")),
        Edit::ToggleVisibility(i) => rewrite(&pick(*i), &|t| {
            if t.contains("visibility: private\n") {
                t.replacen("visibility: private\n", "", 1)
            } else {
                t.replacen("---\n", "---\nvisibility: private\n", 1)
            }
        }),
        Edit::ToggleDraft(i) => rewrite(&pick(*i), &|t| {
            if t.contains("draft: true\n") {
                t.replacen("draft: true\n", "", 1)
            } else {
                t.replacen("---\n", "---\ndraft: true\n", 1)
            }
        }),
        Edit::Topic(i, k) => rewrite(&pick(*i), &|t| {
            let start = t.find("topics: [").unwrap() + "topics: [".len();
            let end = start + t[start..].find(']').unwrap();
            format!("{}{}{}", &t[..start], TOPICS[*k], &t[end..])
        }),
        Edit::Day(i, d) => rewrite(&pick(*i), &|t| match t.find("date: 2019-") {
            Some(at) => {
                let start = at + "date: 2019-".len() + 3;
                format!("{}{d:02}{}", &t[..start], &t[start + 2..])
            }
            None => t.replacen("---\n", &format!("---\ndate: 2019-09-{d:02}\n"), 1),
        }),
        Edit::Delete(i) => std::fs::remove_file(pick(*i)).unwrap(),
        Edit::Rename(i) => {
            let p = pick(*i);
            let name = p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".md", "-neu.md");
            std::fs::rename(&p, p.with_file_name(name)).unwrap();
        }
        Edit::Add(i) => {
            let p = pick(*i);
            let new = p.with_file_name(format!("2019-09-{:02}-neu-{step}.md", 1 + step % 27));
            std::fs::write(
                new,
                format!("---\ntitle: Neu {step}\ntopics: [fuehrung]\n---\nNeuer Text {step}.\n"),
            )
            .unwrap();
        }
        Edit::Title(i, w) => rewrite(&pick(*i), &|t| {
            let start = t.find("title: ").unwrap();
            let end = start + t[start..].find('\n').unwrap();
            format!("{}title: {w} {step}{}", &t[..start], &t[end..])
        }),
        Edit::CohortTitle(w) => std::fs::write(
            content.join("cohorts/2019/cohort.yaml"),
            format!(
                "title: Jahrgang {w} {step}\nperiod: {{ start: 2019-01-01, end: 2019-12-31 }}\n"
            ),
        )
        .unwrap(),
        Edit::TopicTitle(w) => rewrite(&content.join("program.yaml"), &|t| {
            let start = t.find("title: Führung").unwrap() + "title: ".len();
            let end = start + t[start..].find(' ').unwrap();
            format!("{}Führung{w}{step}{}", &t[..start], &t[end..])
        }),
        Edit::Mentee(i, w) => {
            let tandem = pick(*i).with_file_name("tandem.yaml");
            rewrite(&tandem, &|t| {
                let start = t.find("mentee: { name: ").unwrap() + "mentee: { name: ".len();
                let end = start + t[start..].find(' ').unwrap();
                format!("{}{w}{step}{}", &t[..start], &t[end..])
            })
        }
    }
    edited
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn rebuilds_with_caches_equal_clean_builds(
        prog in prog_spec(),
        edits in prop::collection::vec((edit(), any::<bool>()), 1..6),
        settled in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        write_programme(&content, &prog);
        // The preview's caches trust a file's size and time only when the time was more
        // than 2 s old as the file was read. With `settled`, every file was last saved
        // an hour ago, and each edit a second later than the one before: the cache then
        // reads only the files an edit wrote. Otherwise every file is recent, and read
        // again each time.
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        if settled {
            for f in text_files(&content).keys() {
                set_mtime(f, long_ago);
            }
        }
        let opts = Options { content: content.clone(), keep_for_quick: true, ..Options::default() };
        let mut cache = build::Cache::default();
        let _ = build::run(&opts, &mut cache, None);
        // The quick path's site: kept across saves in a row, as while a rebuild runs,
        // until a rebuild (after an edit marked so) that succeeds replaces it.
        let mut last = cache.take_last_site();
        // The files the edits since the last rebuild wrote, or that are there under a
        // new name.
        let mut written = std::collections::BTreeSet::new();
        for (step, (e, rebuild)) in edits.iter().enumerate() {
            let before = text_files(&content);
            let edited = apply(&content, e, step);
            for (f, t) in text_files(&content) {
                if before.get(&f) != Some(&t) {
                    if settled {
                        set_mtime(&f, long_ago + std::time::Duration::from_secs(step as u64 + 1));
                    }
                    written.insert(f);
                }
            }
            let quick = match (&mut last, edited) {
                (Some(last), Some(f)) => build::quick(&opts, last, &[f]),
                (Some(last), None) => {
                    last.fall_behind();
                    None
                }
                (None, _) => None,
            };
            // The clean build below is the reference either way.
            let clean = build::run(&opts, &mut build::Cache::for_one_build(), None);
            let b = pages_of(&clean);
            if let Some(quick) = &quick {
                let Some(b) = &b else {
                    return Err(TestCaseError::fail(format!(
                        "step {step} ({e:?}): a page was shown ahead of a build that failed"
                    )));
                };
                prop_assert!(!quick.is_empty());
                for p in quick {
                    let full = b.iter().find(|(path, _)| *path == p.path);
                    prop_assert!(
                        full.is_some_and(|(_, bytes)| bytes[..] == p.bytes[..]),
                        "step {} ({:?}): the page shown ahead, {}, differs from the build's",
                        step, e, p.path
                    );
                }
            }
            if !rebuild && step + 1 < edits.len() {
                continue;
            }
            let cached = build::run(&opts, &mut cache, None);
            // A build that failed leaves the last good site in place, as in the preview.
            if let Some(new) = cache.take_last_site() {
                last = Some(new);
            }
            if settled {
                written.retain(|f| f.exists());
                let reads = cache.files.reads.load(std::sync::atomic::Ordering::Relaxed);
                prop_assert_eq!(
                    reads, written.len(),
                    "step {} ({:?}): the rebuild read {} files, the edits wrote {:?}",
                    step, e, reads, written
                );
            }
            written.clear();
            let a = pages_of(&cached);
            prop_assert_eq!(a.is_some(), b.is_some(), "step {} ({:?}): one build failed", step, e);
            if let (Some(a), Some(b)) = (a, b) {
                let differ: Vec<&String> = a
                    .iter()
                    .zip(b.iter())
                    .filter(|(x, y)| x != y)
                    .map(|(x, _)| &x.0)
                    .collect();
                prop_assert!(
                    a.len() == b.len() && differ.is_empty(),
                    "step {} ({:?}): the cached rebuild differs in {:?} ({} vs {} files)",
                    step, e, differ, a.len(), b.len()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The file cache's rule: a file whose size and time are unchanged is not read again,
// once its time is more than 2 s old.

/// Sets a file's modification time (as a file system with coarse times, or an edit
/// long ago, would have left it).
fn set_mtime(path: &Path, t: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Every Markdown and YAML file below `dir` with its modification time: the files a
/// load reads.
fn text_files(dir: &Path) -> std::collections::BTreeMap<PathBuf, std::time::SystemTime> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md" || x == "yaml") {
                out.insert(p, e.metadata().unwrap().modified().unwrap());
            }
        }
    }
    out
}

/// The pages of a build (`None` when it failed), sorted, copied files by name.
fn pages_of(o: &build::Outcome) -> Option<Vec<(String, Vec<u8>)>> {
    o.built.as_ref().map(|b| {
        let mut v: Vec<(String, Vec<u8>)> = b
            .pages
            .iter()
            .map(|p| (p.path.clone(), p.bytes.to_vec()))
            .collect();
        v.extend(b.copied.iter().map(|c| (c.out.clone(), Vec::new())));
        v.sort();
        v
    })
}

/// Where file times are coarse (FAT keeps them in steps of 2 s), a second save soon
/// after the first can leave the file with the same size and time. The rebuild after
/// it must still see it, even when it starts more than 2 s later (a long rebuild was
/// running, say): a reading made while the file's time was recent is never trusted.
#[test]
fn a_second_save_with_the_same_size_and_time_is_seen_even_after_two_seconds() {
    use std::time::{Duration, Instant, SystemTime};
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let spec = EntrySpec {
        private: false,
        draft: false,
        month: 4,
        day: 1,
        topic: 0,
        words: vec!["Führung"],
        task: false,
        attachment: false,
        link: None,
    };
    let prog = ProgSpec {
        salt: 7,
        tandems: vec![vec![spec.clone(), EntrySpec { day: 2, ..spec }]],
    };
    write_programme(&content, &prog);
    let entry = entries(&content)[0].clone();
    let text = std::fs::read_to_string(&entry).unwrap();
    let save = |word: &str, t: SystemTime| {
        std::fs::write(&entry, text.replace("Heute ging es um", word)).unwrap();
        set_mtime(&entry, t);
    };
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for f in text_files(&content).keys() {
        set_mtime(f, long_ago);
    }
    let opts = Options {
        content: content.clone(),
        keep_for_quick: true,
        ..Options::default()
    };
    let mut cache = build::Cache::default();
    assert!(build::run(&opts, &mut cache, None).built.is_some());

    // The first save, and a rebuild that reads it while its time is recent. (On a
    // machine so busy that the rebuild ends after the time has settled, the second
    // save below would not be a quick one: try again.)
    let mut stamp = None;
    for _ in 0..10 {
        let t = SystemTime::now() - Duration::from_millis(500);
        save("Fassung 1: Heute ging es um", t);
        assert!(build::run(&opts, &mut cache, None).built.is_some());
        if t.elapsed().unwrap() < Duration::from_millis(1800) {
            stamp = Some(t);
            break;
        }
    }
    let stamp = stamp.expect("no rebuild within 1.3 s in ten tries");
    // The second save: as many bytes, and the same time.
    let size = std::fs::metadata(&entry).unwrap().len();
    save("Fassung 2: Heute ging es um", stamp);
    assert_eq!(std::fs::metadata(&entry).unwrap().len(), size);
    // The rebuild comes when the file's time is more than 2 s old.
    let settled = Instant::now() + Duration::from_millis(2200) - stamp.elapsed().unwrap();
    while Instant::now() < settled {
        std::thread::sleep(Duration::from_millis(20));
    }
    let cached = pages_of(&build::run(&opts, &mut cache, None)).expect("the rebuild");
    let clean = pages_of(&build::run(&opts, &mut build::Cache::for_one_build(), None))
        .expect("the clean build");
    let shows = |pages: &[(String, Vec<u8>)]| {
        pages
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains("Fassung 2"))
    };
    assert!(shows(&clean), "the clean build shows the second save");
    assert!(
        shows(&cached),
        "the rebuild kept the first save's text: the file's size and time had not changed"
    );
    assert!(cached == clean, "the rebuild differs from a clean build");
}
