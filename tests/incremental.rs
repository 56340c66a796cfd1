//! A rebuild after an edit redoes only what the edit touched, and its result is the
//! same, byte for byte, as a clean build of the same content.

mod common;

use common::copy_dir;
use std::path::Path;
use std::sync::atomic::Ordering::Relaxed;
use tandem::build::{Cache, Options};

fn pages(opts: &Options, cache: Option<&mut Cache>) -> Vec<(String, Vec<u8>)> {
    match cache {
        Some(c) => common::built_pages(opts, c),
        None => common::built_pages(opts, &mut Cache::for_one_build()),
    }
}

/// Sets a file's modification time into the past, as if it had been saved a while
/// ago (files saved within the last two seconds are always read again).
fn age(path: &Path) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60))
        .unwrap();
}

fn age_all(root: &Path) {
    for e in walkdir::WalkDir::new(root).into_iter().flatten() {
        if e.file_type().is_file() {
            age(e.path());
        }
    }
}

/// A copy of the sample programme, saved a while ago, and the options to build it.
fn aged_sample() -> (tempfile::TempDir, std::path::PathBuf, Options) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    age_all(&content);
    let opts = Options {
        content: content.clone(),
        ..Options::default()
    };
    (dir, content, opts)
}

#[test]
fn an_edit_rereads_one_file_and_rerenders_only_the_pages_that_show_it() {
    let (_dir, content, opts) = aged_sample();
    let mut cache = Cache::default();
    let first = pages(&opts, Some(&mut cache));
    assert!(
        cache.pages.rendered > 70,
        "the first build renders everything"
    );

    // Nothing changed: nothing is read or rendered again.
    let again = pages(&opts, Some(&mut cache));
    assert_eq!(again, first);
    assert_eq!(cache.files.reads.load(Relaxed), 0);
    assert_eq!(cache.markdown.rendered.load(Relaxed), 0);
    assert_eq!(cache.pages.rendered, 0);

    // A sentence appended to one entry.
    let entry = content.join("cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, format!("{text}\nEin neuer Satz.\n")).unwrap();
    let after_body = pages(&opts, Some(&mut cache));
    assert_eq!(
        cache.files.reads.load(Relaxed),
        1,
        "only the edited file is read"
    );
    assert_eq!(
        cache.markdown.rendered.load(Relaxed),
        1,
        "only its Markdown is rendered"
    );
    assert!(
        (1..=8).contains(&cache.pages.rendered),
        "the entry, its tandem page and the feeds, not {} pages",
        cache.pages.rendered
    );
    assert_eq!(
        after_body,
        pages(&opts, None),
        "same bytes as a clean build"
    );

    // Its topic changed: topic pages and the cohort's overview follow.
    age(&entry);
    std::fs::write(
        &entry,
        format!("{text}\nEin neuer Satz.\n")
            .replace("topics: [onlinemarketing]", "topics: [fuehrung]"),
    )
    .unwrap();
    let after_topic = pages(&opts, Some(&mut cache));
    assert!(
        cache.pages.rendered < first.len() / 2,
        "{} pages rendered",
        cache.pages.rendered
    );
    assert_eq!(
        after_topic,
        pages(&opts, None),
        "same bytes as a clean build"
    );
    let topic_page = |v: &[(String, Vec<u8>)], slug: &str| {
        String::from_utf8(
            v.iter()
                .find(|(p, _)| p == &format!("topics/{slug}/index.html"))
                .unwrap()
                .1
                .clone(),
        )
        .unwrap()
    };
    assert!(topic_page(&after_topic, "fuehrung").contains("2019-03-14-linkedin-fuer-vorstaende"));
    assert!(!topic_page(&after_topic, "onlinemarketing")
        .contains("2019-03-14-linkedin-fuer-vorstaende"));
}

/// The watcher knows which files were saved: the next load then reads them only,
/// without walking the folder, and gives what a clean build gives.
#[test]
fn a_load_told_which_files_changed_reads_only_those() {
    let (_dir, content, opts) = aged_sample();
    let mut cache = Cache::default();
    pages(&opts, Some(&mut cache));

    let entry = content.join("cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md");
    assert!(cache.files.knows(&entry));
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, text.replacen("title: ", "title: Zuerst ", 1)).unwrap();
    cache.files.only_changed([entry.clone()]);
    let after = pages(&opts, Some(&mut cache));
    assert_eq!(cache.files.reads.load(Relaxed), 1, "one file read");
    assert_eq!(after, pages(&opts, None), "same bytes as a clean build");
    let page = after
        .iter()
        .find(|(p, _)| p.ends_with("2019-03-14-linkedin-fuer-vorstaende/index.html"))
        .unwrap();
    assert!(String::from_utf8_lossy(&page.1).contains("Zuerst "));

    // Told that only the entry changed, the load does not look for new files (the
    // watcher reports those as such, and then the folder is walked) ...
    let new = content.join("cohorts/2019/berger-vogt/2019-05-02-neu.md");
    std::fs::write(&new, "---\ntitle: Ganz neu\n---\nText.\n").unwrap();
    cache.files.only_changed([entry.clone()]);
    let told = pages(&opts, Some(&mut cache));
    assert!(!told
        .iter()
        .any(|(p, _)| p.ends_with("2019-05-02-neu/index.html")));
    // ... and the next load without that knowledge walks the folder and finds it.
    let again = pages(&opts, Some(&mut cache));
    assert_eq!(again, pages(&opts, None));
    assert!(again
        .iter()
        .any(|(p, _)| p.ends_with("2019-05-02-neu/index.html")));
}

/// The preview shows an edited entry's page and its tandem's before the whole site is
/// rebuilt: made from the last build's site, with the saves before it put in, they
/// have the bytes the rebuild gives them, for any number of saves in a row. Edits that
/// move the entry, hide it or break it wait for the rebuild.
#[test]
fn an_edited_entry_page_made_ahead_is_the_page_the_rebuild_makes() {
    let (_dir, content, opts) = aged_sample();
    let opts = Options {
        keep_for_quick: true,
        ..opts
    };
    let mut cache = Cache::default();
    pages(&opts, Some(&mut cache));
    // One site for all the saves below: no rebuild's site comes between them.
    let mut last = cache.take_last_site().unwrap();
    let entry = content.join("cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let edits: [(&str, String); 5] = [
        ("a sentence appended", format!("{text}\nEin neuer Satz.\n")),
        ("a new title", text.replacen("title: ", "title: Zuerst ", 1)),
        (
            "other topics",
            text.replace(
                "topics: [onlinemarketing]",
                "topics: [fuehrung, recruiting]",
            ),
        ),
        (
            "an open task (the tandem's open agreements)",
            format!("{text}\n- [ ] Profilbild austauschen\n"),
        ),
        (
            "a duration (the tandem's hours)",
            text.replacen("duration: 90", "duration: 2h", 1),
        ),
    ];
    for (what, new) in edits {
        std::fs::write(&entry, &new).unwrap();
        // The watcher may name a saved file twice.
        let ahead = tandem::build::quick(&opts, &mut last, &[entry.clone(), entry.clone()])
            .unwrap_or_else(|| panic!("{what}: no page made ahead"));
        let made: Vec<&str> = ahead.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            made,
            [
                "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/index.html",
                "cohorts/2019/berger-vogt/index.html"
            ],
            "{what}: the entry's page and its tandem's"
        );
        let full = pages(&opts, Some(&mut cache));
        assert_eq!(full, pages(&opts, None), "{what}");
        for page in &ahead {
            let (_, bytes) = full.iter().find(|(p, _)| *p == page.path).unwrap();
            assert!(
                bytes[..] == page.bytes[..],
                "{what}: {} made ahead differs from the rebuild's",
                page.path
            );
        }
    }

    // These wait for the whole rebuild.
    let waits: [(&str, String); 4] = [
        (
            "private",
            text.replacen("---\n", "---\nvisibility: private\n", 1),
        ),
        ("a draft", text.replacen("---\n", "---\ndraft: true\n", 1)),
        (
            "another date",
            text.replacen("date: 2019-03-14", "date: 2019-03-15", 1),
        ),
        (
            "a broken front matter",
            text.replacen("title: ", "title: [", 1),
        ),
    ];
    let quick = |last: &mut tandem::build::LastSite, files: &[std::path::PathBuf]| {
        tandem::build::quick(&opts, last, files).is_some()
    };
    let other = content.join("cohorts/2019/berger-vogt/2019-04-04-das-profil-steht.md");
    for (what, new) in waits {
        std::fs::write(&entry, &text).unwrap();
        pages(&opts, Some(&mut cache));
        let mut last = cache.take_last_site().unwrap();
        std::fs::write(&entry, &new).unwrap();
        assert!(
            !quick(&mut last, std::slice::from_ref(&entry)),
            "{what}: made ahead"
        );
        // Nor is another entry, until this one is taken or the next build is done:
        // its pages could show this one as it was.
        assert!(
            !quick(&mut last, std::slice::from_ref(&other)),
            "{what}: another made ahead"
        );
        // Both saved again (the other may have changed too): both are taken.
        std::fs::write(&entry, &text).unwrap();
        assert!(
            quick(&mut last, &[entry.clone(), other.clone()]),
            "{what}: undone"
        );
        assert!(
            quick(&mut last, std::slice::from_ref(&other)),
            "{what}: then another not made"
        );
    }
    // A file that is no entry: nothing is made ahead until the next build.
    pages(&opts, Some(&mut cache));
    let mut last = cache.take_last_site().unwrap();
    assert!(!quick(&mut last, &[content.join("program.yaml")]));
    assert!(!quick(&mut last, std::slice::from_ref(&entry)));
    last.fall_behind();
    pages(&opts, Some(&mut cache));
    let mut last = cache.take_last_site().unwrap();
    assert!(quick(&mut last, std::slice::from_ref(&entry)));
    last.fall_behind();
    assert!(
        !quick(&mut last, std::slice::from_ref(&entry)),
        "after a new file, say"
    );
}
