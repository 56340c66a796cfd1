use super::*;
use crate::content::slug::Slug;

fn topics() -> Vec<Topic> {
    [
        ("fuehrung", "Führungsverhalten"),
        ("onlinemarketing", "Onlinemarketing"),
    ]
    .iter()
    .map(|(id, title)| Topic {
        id: id.to_string(),
        slug: Slug::from_name(id).unwrap(),
        title: title.to_string(),
        description: None,
    })
    .collect()
}

fn tandem() -> TandemPlace {
    TandemPlace {
        dir: "cohorts/2019/berger-vogt".into(),
        title: "Berger & Vogt".into(),
        mentor: "Lena Vogt".into(),
        mentee: "Dr. Hans Berger".into(),
        focus: vec!["onlinemarketing".into()],
        period: None,
        page: "cohorts/2019/berger-vogt/".into(),
        entries: Vec::new(),
    }
}

const FILE: &str = "---\n# Notiz für uns: vor dem Treffen lesen\ntitle: LinkedIn für Vorstände\ndate: 2019-03-14\ntopics: [Onlinemarketing]\nduration: 60            # Minuten, oder \"1h30\"\nort: Besprechungsraum   # ein Feld, das tandem nicht kennt\nformat: vor Ort\nauthors: [mentor]\n---\n\nText\n";

fn read_file(text: &str) -> Read {
    read(
        "cohorts/2019/berger-vogt/2019-03-14-x.md",
        text,
        "2019-03-14-x",
        &topics(),
        &tandem(),
    )
    .unwrap()
}

/// The file with the form's changes made.
fn edited(text: &str, change: impl FnOnce(&mut Fields)) -> String {
    let old = read_file(text);
    let mut new = old.fields.clone();
    change(&mut new);
    let (a, b) = old.parts.yaml;
    let yaml = apply(&text[a..b], &changes(&old, &new));
    format!("{}{yaml}{}", &text[..a], &text[b..])
}

#[test]
fn the_fields_are_read_as_the_site_reads_them() {
    let r = read_file(FILE);
    assert_eq!(r.fields.title, "LinkedIn für Vorstände");
    assert_eq!(r.fields.date, "2019-03-14");
    assert_eq!(r.fields.topics, ["onlinemarketing"]);
    assert_eq!(r.fields.duration, "60");
    assert!(r.fields.mentor && !r.fields.mentee);
    assert!(!r.fields.private && !r.fields.draft);
    assert_eq!(&FILE[r.parts.body..], "\nText\n");
}

#[test]
fn nothing_changed_is_the_same_file() {
    assert_eq!(edited(FILE, |_| {}), FILE);
}

#[test]
fn only_the_lines_of_changed_fields_change_and_their_comments_stay() {
    let out = edited(FILE, |f| f.duration = "1h30".into());
    assert_eq!(
        out,
        FILE.replace(
            "duration: 60            # Minuten",
            "duration: 1h30          # Minuten"
        )
    );
}

#[test]
fn cleared_fields_are_removed_and_new_ones_added_at_the_end() {
    let out = edited(FILE, |f| {
        f.format.clear();
        f.draft = true;
        f.mentee = true;
        f.private = true;
    });
    assert_eq!(
        out,
        FILE.replace("format: vor Ort\n", "").replace(
            "authors: [mentor]\n",
            "authors: [mentor, mentee]\nvisibility: private\ndraft: true\n"
        )
    );
}

#[test]
fn a_value_on_several_lines_is_replaced_whole() {
    let text = "---\ntitle: A\ntopics:\n  - fuehrung\n  # noch offen\n  - onlinemarketing\n# Ende\nformat: Video\n---\nText\n";
    let out = edited(text, |f| f.topics = vec!["fuehrung".into()]);
    assert_eq!(
        out,
        "---\ntitle: A\ntopics: [fuehrung]\n# Ende\nformat: Video\n---\nText\n"
    );
}

#[test]
fn a_topic_the_programme_does_not_know_is_written_out_when_saving() {
    let text = FILE.replace("[Onlinemarketing]", "[Onlinemarketing, Blockchain]");
    let r = read_file(&text);
    assert_eq!(r.fields.topics, ["onlinemarketing"]);
    let out = edited(&text, |_| {});
    assert!(out.contains("\ntopics: [onlinemarketing]\n"), "{out}");
}

#[test]
fn a_file_without_front_matter_gets_one() {
    let text = "# Überschrift\n\nText\n";
    let r = read_file(text);
    assert!(!r.parts.front_matter);
    assert_eq!(r.fields.date, "2019-03-14", "the date of the file name");
    assert_eq!(edited(text, |_| {}), text);
}

#[test]
fn texts_are_quoted_only_where_yaml_needs_it() {
    assert_eq!(
        scalar("LinkedIn für Vorstände", false),
        "LinkedIn für Vorstände"
    );
    assert_eq!(scalar("Rückblick: Teil 2", false), "\"Rückblick: Teil 2\"");
    assert_eq!(scalar("#1 im Ranking", false), "\"#1 im Ranking\"");
    assert_eq!(scalar("null", false), "\"null\"");
    assert_eq!(scalar("Sagen \"Sie\"", false), "Sagen \"Sie\"");
    assert_eq!(scalar("a, b", false), "a, b");
    assert_eq!(scalar("a, b", true), "\"a, b\"");
    assert_eq!(list(&["mentor".into(), "Dr. X".into()]), "[mentor, Dr. X]");
}

#[test]
fn a_comment_is_found_after_the_value_not_inside_quotes() {
    assert_eq!(
        comment_of("title: \"a # b\"  # c\n"),
        Some((16, "# c".to_string()))
    );
    assert_eq!(comment_of("title: a#b\n"), None);
    assert_eq!(
        comment_of("format: vor Ort # wo\n"),
        Some((16, "# wo".to_string()))
    );
}
