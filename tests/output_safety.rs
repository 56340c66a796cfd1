//! Nothing lost: a failed build leaves the previous output as it was, tandem only ever
//! replaces folders it wrote itself (marked with `.tandem-output`), and a rebuild
//! leaves no stale pages behind.

mod common;

use common::*;

const MARKER: &str = ".tandem-output";
const TRELLO_MD: &str = "cohorts/2019/keller-yilmaz/2019-04-17-trello.md";
const TRELLO_PAGE: &str = "cohorts/2019/keller-yilmaz/2019-04-17-trello/index.html";

#[test]
fn a_build_marks_its_output_folder_as_written_by_tandem() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    assert!(site.has(MARKER), "no {MARKER} in the output");
    assert!(site.has("index.html"));
    assert!(
        p.leftovers().is_empty(),
        "temporary folders left: {:?}",
        p.leftovers()
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let p = Project::mini();
    let before = p.build_ok(&[]).snapshot();
    assert!(before.len() > 20);

    p.edit(TRELLO_MD, "date: 2019-04-17", "date: 2019-02-30");
    let run = p.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("die bisherige Ausgabe in `public` bleibt, wie sie war."),
        "the message says the output is kept: {}",
        run.stderr
    );
    assert_output_unchanged(&p, &before);
}

/// The output holds exactly the files of `before`, and nothing is left beside it.
fn assert_output_unchanged(p: &Project, before: &std::collections::BTreeMap<String, Vec<u8>>) {
    let after = p.site().snapshot();
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files were added or removed"
    );
    for (f, bytes) in before {
        assert!(after[f] == *bytes, "{f} changed although the build failed");
    }
    assert!(
        p.leftovers().is_empty(),
        "temporary folders left: {:?}",
        p.leftovers()
    );
}

/// Pages are written beside the output as they are rendered: a build that fails
/// while rendering, after many pages were written, still changes nothing.
#[test]
fn a_build_that_fails_while_rendering_leaves_the_previous_output_byte_identical() {
    let p = Project::mini();
    let before = p.build_ok(&[]).snapshot();
    p.use_broken_entry_template();
    let run = p.build(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("entry.html") && run.stderr.contains("bleibt, wie sie war."),
        "the message names the template and says the output is kept: {}",
        run.stderr
    );
    assert_output_unchanged(&p, &before);
}

#[test]
fn a_non_empty_folder_without_the_marker_is_refused_and_left_untouched() {
    let p = Project::mini();
    let out = p.out();
    std::fs::create_dir_all(out.join("fotos")).unwrap();
    std::fs::write(out.join("meine-notizen.txt"), "wichtig\n").unwrap();
    std::fs::write(out.join("fotos/urlaub.jpg"), [0xff, 0xd8, 0xff, 0xe0]).unwrap();
    let before = snapshot(&out);

    let run = p.build(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "Fehler: Im Ausgabeordner `public` liegen Dateien, die nicht von tandem stammen; er bleibt deshalb unberührt."
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--output ORDNER"),
        "the message says how to go on: {}",
        run.stderr
    );
    assert_eq!(snapshot(&out), before, "the foreign folder was changed");
    assert!(
        p.leftovers().is_empty(),
        "temporary folders left: {:?}",
        p.leftovers()
    );
}

#[test]
fn an_empty_existing_folder_is_used_as_output() {
    let p = Project::mini();
    std::fs::create_dir_all(p.out()).unwrap();
    let site = p.build_ok(&[]);
    assert!(site.has(MARKER) && site.has("index.html"));
}

/// A rebuild leaves no temporary folders, and its site is the one a clean build of the
/// same content makes.
fn assert_rebuild_left_nothing_behind(p: &Project, rebuilt: &Site) {
    assert!(
        p.leftovers().is_empty(),
        "temporary folders left: {:?}",
        p.leftovers()
    );
    let clean = Project::copy_of(&p.content());
    assert!(
        clean.build_ok(&[]).snapshot() == rebuilt.snapshot(),
        "a rebuild differs from a clean build"
    );
}

#[test]
fn a_rebuild_replaces_the_previous_output_and_drops_stale_files() {
    let p = Project::mini();
    let first = p.build_ok(&[]);
    assert!(first.has(TRELLO_PAGE));
    // Something a person put into the output by hand does not survive either: the
    // folder is tandem's, and the marker says so.
    std::fs::write(p.out().join("von-hand.txt"), "x").unwrap();

    p.remove(TRELLO_MD);
    p.edit(
        "cohorts/2019/berger-vogt/2019-04-04-profil.md",
        "Das Profil ist fertig.",
        "Das Profil ist jetzt wirklich fertig.",
    );
    let second = p.build_ok(&[]);
    assert!(
        !second.has(TRELLO_PAGE),
        "the page of a removed entry is still there"
    );
    assert!(!second.has("von-hand.txt"));
    assert!(second.has(MARKER));
    let profil = second.page("cohorts/2019/berger-vogt/2019-04-04-profil/");
    assert!(visible_text(&profil).contains("Das Profil ist jetzt wirklich fertig."));
    assert_rebuild_left_nothing_behind(&p, &second);
}

#[test]
fn an_output_folder_that_contains_the_content_folder_is_refused() {
    let p = Project::mini();
    let run = tandem(
        p.root(),
        &["build", "--content", "content", "--output", "."],
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains("enthält den Inhaltsordner"),
        "{}",
        run.stderr
    );
    let names: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["content"]);
}

#[test]
fn an_output_folder_inside_the_content_folder_is_not_read_as_content() {
    let p = Project::mini();
    let run = tandem(
        p.root(),
        &[
            "build",
            "--content",
            "content",
            "--output",
            "content/public",
        ],
    );
    run.assert_ok();
    let first = snapshot(&p.content().join("public"));
    let run = tandem(
        p.root(),
        &[
            "build",
            "--content",
            "content",
            "--output",
            "content/public",
        ],
    );
    run.assert_ok();
    assert!(!run.stderr.contains("Warnung"), "{}", run.stderr);
    assert!(
        snapshot(&p.content().join("public")) == first,
        "the second build read the first one's output"
    );
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_never_writes_into_the_previous_output() {
    use std::os::unix::fs::MetadataExt;
    let p = Project::mini();
    p.build_ok(&[]);
    const PROFIL_MD: &str = "cohorts/2019/berger-vogt/2019-04-04-profil.md";
    const PROFIL_PAGE: &str = "cohorts/2019/berger-vogt/2019-04-04-profil/index.html";
    const CSS: &str = "assets/style.css";
    let meta = |rel: &str| std::fs::metadata(p.out().join(rel)).unwrap();
    let css_before = meta(CSS);
    let profil_before = std::fs::read(p.out().join(PROFIL_PAGE)).unwrap();
    // A page edited by hand in the output has other bytes than the build makes.
    let trello = std::fs::read_to_string(p.out().join(TRELLO_PAGE)).unwrap();
    let by_hand = trello.replace("Trello", "Von Hand");
    assert_ne!(trello, by_hand);
    std::fs::write(p.out().join(TRELLO_PAGE), &by_hand).unwrap();
    // Second names for files of the previous output, outside it: what they hold after
    // the rebuild shows whether the build wrote into the previous output's files.
    let watch = |rel: &str, name: &str| {
        let link = p.root().join(name);
        std::fs::hard_link(p.out().join(rel), &link).unwrap();
        link
    };
    let (css_link, profil_link, trello_link) = (
        watch(CSS, "css"),
        watch(PROFIL_PAGE, "profil"),
        watch(TRELLO_PAGE, "trello"),
    );

    p.edit(
        PROFIL_MD,
        "Das Profil ist fertig.",
        "Das Profil ist jetzt wirklich fertig.",
    );
    let second = p.build_ok(&[]);

    // Unchanged: the same file, with its date.
    assert_eq!(meta(CSS).ino(), css_before.ino());
    assert_eq!(meta(CSS).mtime(), css_before.mtime());
    // Changed by the edit: a new file; the previous one still holds the old text.
    assert!(
        visible_text(&second.page("cohorts/2019/berger-vogt/2019-04-04-profil/"))
            .contains("Das Profil ist jetzt wirklich fertig.")
    );
    assert_ne!(
        meta(PROFIL_PAGE).ino(),
        std::fs::metadata(&profil_link).unwrap().ino()
    );
    assert_eq!(std::fs::read(&profil_link).unwrap(), profil_before);
    // Edited by hand: the build's bytes again, in a new file.
    assert!(!second.text(TRELLO_PAGE).contains("Von Hand"));
    assert!(std::fs::read_to_string(&trello_link).unwrap() == by_hand);
    assert!(std::fs::read(&css_link).unwrap() == second.bytes(CSS));
    for link in [css_link, profil_link, trello_link] {
        std::fs::remove_file(link).unwrap();
    }
    assert_rebuild_left_nothing_behind(&p, &second);
}

/// A build keeps the site it replaced beside the output, and the next build writes
/// into it: after any edits, the output is exactly what a clean build makes, and the
/// site being replaced is never written into (it is the spare afterwards, unchanged).
#[test]
fn rebuilds_into_the_kept_previous_site_are_clean_builds_and_leave_the_replaced_site_whole() {
    let p = Project::mini();
    p.build_ok(&[]);
    let spare = p.root().join(SPARE);
    assert!(!spare.exists(), "a first build has nothing to keep");
    type Edit = fn(&Project);
    let edits: [(&str, Edit); 5] = [
        ("an entry edited", |p| {
            p.edit(
                "cohorts/2019/berger-vogt/2019-04-04-profil.md",
                "Das Profil ist fertig.",
                "Das Profil ist jetzt wirklich fertig.",
            )
        }),
        ("an entry removed", |p| p.remove(TRELLO_MD)),
        ("a file put into the output by hand", |p| {
            std::fs::create_dir_all(p.out().join("von-hand/tief")).unwrap();
            std::fs::write(p.out().join("von-hand/tief/x.txt"), "x").unwrap();
            std::fs::write(p.out().join("cohorts/von-hand.txt"), "x").unwrap();
        }),
        ("the entry edited back", |p| {
            p.edit(
                "cohorts/2019/berger-vogt/2019-04-04-profil.md",
                "Das Profil ist jetzt wirklich fertig.",
                "Das Profil ist fertig.",
            )
        }),
        ("nothing", |_| {}),
    ];
    for (round, (what, edit)) in edits.iter().enumerate() {
        edit(&p);
        let before = p.site().snapshot();
        let rebuilt = p.build_ok(&[]);
        assert!(
            spare.join(MARKER).is_file(),
            "round {round} ({what}): no spare"
        );
        assert!(
            snapshot(&spare) == before,
            "round {round} ({what}): the replaced site was written into"
        );
        assert_rebuild_left_nothing_behind(&p, &rebuilt);
    }
}

/// A site built with `--private` and kept as the spare gives nothing of its private
/// pages to later builds without it.
#[test]
fn private_pages_of_a_kept_site_never_reach_a_later_output() {
    let p = Project::mini();
    let private = p.build_ok(&["--private", "--drafts"]).snapshot();
    p.build_ok(&[]);
    // This build writes into the site made with --private.
    let public = p.build_ok(&[]).snapshot();
    let clean = Project::copy_of(&p.content()).build_ok(&[]).snapshot();
    assert!(
        private.len() > public.len(),
        "the fixture has private pages"
    );
    assert!(public == clean, "the output differs from a clean build");
    for (f, bytes) in &private {
        if !clean.contains_key(f) {
            assert!(
                !public.contains_key(f),
                "{f} of the private build is published"
            );
        }
        if clean.get(f) != Some(bytes) {
            assert!(
                public.get(f) != Some(bytes),
                "{f} keeps the private build's bytes"
            );
        }
    }
}

/// A build that fails after it took the spare puts it back, and the output stays.
#[test]
fn a_failed_build_keeps_the_output_and_the_spare() {
    let p = Project::mini();
    p.build_ok(&[]);
    let before = p.build_ok(&[]).snapshot();
    assert!(p.root().join(SPARE).join(MARKER).is_file());
    p.use_broken_entry_template();
    p.build(&[]).assert_code(1);
    assert_output_unchanged(&p, &before);
    assert!(
        p.root().join(SPARE).join(MARKER).is_file(),
        "the spare is gone"
    );
}
