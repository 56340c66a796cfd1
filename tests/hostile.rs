//! Hostile and broken content: symbolic links, huge and deeply nested files, YAML
//! bombs, NUL bytes, names that are not UTF-8 or that Windows cannot hold, paths that
//! try to leave the content folder, and scripts hidden in every field. Each case ends
//! in a clear message (file, line:column where there is one, and what to do) or in a
//! safe site — never a panic, a hang, a write outside the output folder or a page that
//! runs a script from the content.

mod common;

use common::*;
use std::time::Duration;

const TANDEM: &str = "cohorts/2019/keller-yilmaz";
const TRELLO_MD: &str = "cohorts/2019/keller-yilmaz/2019-04-17-trello.md";
const TANDEM_YAML: &str = "cohorts/2019/keller-yilmaz/tandem.yaml";

/// Every run below must end within this time, even in a debug build while the other
/// tests run (the slowest takes about 20 s alone in a debug build, under a second in a
/// release build; what the limit catches is a run that does not end at all, or that
/// grows with the square of its input).
const LIMIT: Duration = Duration::from_secs(180);

fn build(p: &Project) -> Run {
    let run = p.build_within(LIMIT, &[]);
    run.assert_no_panic();
    run
}

fn check(p: &Project) -> Run {
    let run = p.check_within(LIMIT, &[]);
    run.assert_no_panic();
    run
}

/// The JSON report of `check`, within the time limit.
fn check_json(p: &Project) -> (i32, Vec<Diag>) {
    let run = p.check_within(LIMIT, &["--format", "json"]);
    run.assert_no_panic();
    (run.code, parse_json_report(&run.stdout))
}

fn entry(name: &str, front: &str, body: &str) -> (String, String) {
    (
        format!("{TANDEM}/{name}"),
        format!("---\n{front}\n---\n{body}"),
    )
}

/// No byte of any output file contains `needle`.
fn assert_nowhere_in_output(site: &Site, needle: &str) {
    for (f, bytes) in site.snapshot() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(needle),
            "`{needle}` reached the output file {f}"
        );
    }
}

/// The fixture's programme, German, becomes English.
fn in_english(p: &Project) {
    p.edit("program.yaml", "language: de\n", "language: en\n");
}

/// The problem with this file and message (in the programme's language) and its help.
fn said(p: &Project, file: &str, message: &str) -> Option<String> {
    let (_, diags) = check_json(p);
    diags
        .into_iter()
        .find(|d| d.file == file && d.message == message)
        .unwrap_or_else(|| panic!("`{message}` not reported for {file}"))
        .help
}

fn diag<'a>(diags: &'a [Diag], message_part: &str) -> &'a Diag {
    diags
        .iter()
        .find(|d| d.message.contains(message_part))
        .unwrap_or_else(|| panic!("no problem mentioning `{message_part}` in {diags:#?}"))
}

// ---------------------------------------------------------------------------------
// 1. Symbolic links
// ---------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_content_folder_are_not_followed() {
    use std::os::unix::fs::symlink;
    let p = Project::mini();
    let outside = p.root().join("outside");
    std::fs::create_dir_all(outside.join("static")).unwrap();
    std::fs::write(
        outside.join("secret.md"),
        "---\ntitle: Geheim\ndate: 2019-05-01\n---\nSECRET-FROM-OUTSIDE\n",
    )
    .unwrap();
    std::fs::write(outside.join("secret.pdf"), "SECRET-PDF-FROM-OUTSIDE").unwrap();
    std::fs::write(
        outside.join("static/leak.txt"),
        "SECRET-STATIC-FROM-OUTSIDE",
    )
    .unwrap();

    let t = p.path(TANDEM);
    symlink(&outside, t.join("ausflug")).unwrap();
    symlink(outside.join("secret.md"), t.join("2019-05-01-geheim.md")).unwrap();
    symlink(outside.join("secret.pdf"), t.join("geheim.pdf")).unwrap();
    symlink(".", t.join("schleife")).unwrap();
    symlink("kreis-b", t.join("kreis-a")).unwrap();
    symlink("kreis-a", t.join("kreis-b")).unwrap();
    symlink(&outside, p.path("static/aussen")).unwrap();
    symlink(&outside, p.path("docs/aussen")).unwrap();
    symlink(p.content(), p.path("cohorts/2019/zurueck")).unwrap();

    let (code, diags) = check_json(&p);
    assert_eq!(code, 0, "{diags:#?}");
    for name in [
        "cohorts/2019/keller-yilmaz/ausflug",
        "cohorts/2019/keller-yilmaz/2019-05-01-geheim.md",
        "cohorts/2019/keller-yilmaz/geheim.pdf",
        "cohorts/2019/keller-yilmaz/schleife",
        "cohorts/2019/keller-yilmaz/kreis-a",
        "cohorts/2019/keller-yilmaz/kreis-b",
        "static/aussen",
        "docs/aussen",
        "cohorts/2019/zurueck",
    ] {
        let d = diags
            .iter()
            .find(|d| d.file == name)
            .unwrap_or_else(|| panic!("nothing said about the link {name}: {diags:#?}"));
        assert_eq!(d.severity, "warning");
        assert_eq!(
            d.message,
            "Dies ist eine Verknüpfung (symbolischer Link); tandem folgt ihr nicht und übergeht sie"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("Kopieren Sie die Datei oder den Ordner in den Inhaltsordner, statt darauf zu verweisen.")
        );
    }
    in_english(&p);
    assert_eq!(
        said(
            &p,
            "static/aussen",
            "symbolic links are not followed; this one is ignored"
        )
        .as_deref(),
        Some("copy the file or folder into the content folder instead of linking to it")
    );

    let run = build(&p);
    run.assert_ok();
    let site = p.site();
    assert_nowhere_in_output(&site, "SECRET");
    assert!(!site
        .files()
        .iter()
        .any(|f| f.contains("geheim") || f.contains("aussen") || f.contains("leak")));
    assert!(p.leftovers() == ["outside"], "{:?}", p.leftovers());
}

#[cfg(unix)]
#[test]
fn a_theme_folder_outside_the_content_folder_is_refused() {
    let p = Project::mini();
    let outside = p.root().join("fremd");
    std::fs::create_dir_all(outside.join("static")).unwrap();
    std::fs::write(outside.join("static/leak.txt"), "SECRET-THEME").unwrap();
    std::os::unix::fs::symlink(&outside, p.path("verlinkt")).unwrap();
    let cases = [
        (
            outside.display().to_string(),
            "liegt nicht im Inhaltsordner (geben Sie einen Ordnernamen an, keinen vollständigen Pfad)",
        ),
        (
            "../fremd".to_string(),
            "liegt nicht im Inhaltsordner (`..` führt aus ihm heraus)",
        ),
        (
            "static/../../fremd".to_string(),
            "liegt nicht im Inhaltsordner (`..` führt aus ihm heraus)",
        ),
        (
            "verlinkt".to_string(),
            "ist eine Verknüpfung zu einem Ordner außerhalb des Inhaltsordners",
        ),
    ];
    let original = p.read("program.yaml");
    for (theme, why) in cases {
        p.write("program.yaml", format!("{original}theme: {theme}\n"));
        let run = build(&p);
        run.assert_code(1);
        let line = original.lines().count() + 1;
        assert_reported(
            &run.stderr,
            "Fehler",
            &format!("Der Theme-Ordner `{theme}` {why}"),
            &format!("program.yaml:{line}:8"),
        );
        assert!(
            run.stderr.contains(
                "= Tipp: Legen Sie den Theme-Ordner in den Inhaltsordner und geben Sie seinen Namen an, \
                 z. B. `theme: my-theme`. Nichts von außerhalb des Inhaltsordners wird veröffentlicht."
            ),
            "{}",
            run.stderr
        );
        assert!(!p.out().exists(), "a site was written for theme {theme}");
    }
    let english = original.replace("language: de\n", "language: en\n");
    p.write("program.yaml", format!("{english}theme: ../fremd\n"));
    assert_eq!(
        said(
            &p,
            "program.yaml",
            "the theme folder `../fremd` is not inside the content folder (`..` leads out of it)"
        )
        .as_deref(),
        Some(
            "put the theme folder inside the content folder and give its name, e.g. \
             `theme: my-theme`; nothing from outside the content folder is published"
        )
    );
    // A theme folder inside the content folder still works.
    std::fs::create_dir_all(p.path("mein-theme/static")).unwrap();
    p.write("mein-theme/static/extra.css", "body{}");
    p.write("program.yaml", format!("{original}theme: mein-theme\n"));
    build(&p).assert_ok();
    assert!(p.site().has("assets/extra.css"));
    assert_nowhere_in_output(&p.site(), "SECRET");
}

// ---------------------------------------------------------------------------------
// 2. Huge files
// ---------------------------------------------------------------------------------

fn paragraphs(bytes: usize) -> String {
    let para =
        "Heute haben wir über LinkedIn gesprochen und viele Beiträge gelesen. ".repeat(10) + "\n\n";
    para.repeat(bytes / para.len() + 1)
}

#[test]
fn a_50_mb_entry_is_refused_with_the_limit_and_the_previous_site_stays() {
    let p = Project::mini();
    build(&p).assert_ok();
    let before = snapshot(&p.out());

    let (name, text) = entry(
        "2019-05-01-riesig.md",
        "title: Riesig",
        &paragraphs(50 << 20),
    );
    p.write(&name, text);
    // (A build that read the whole file would run into the 60 s limit of `build`.)
    let run = build(&p);
    run.assert_code(1);
    let (_, diags) = check_json(&p);
    let d = diag(&diags, "tandem liest Markdown- und YAML-Dateien bis 10 MB");
    assert_eq!(d.file, name);
    assert_eq!(d.severity, "error");
    assert_eq!(
        d.message,
        "Diese Datei ist 50,0 MB groß; tandem liest Markdown- und YAML-Dateien bis 10 MB"
    );
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .contains("oder teilen Sie den Text auf mehrere Einträge auf."));
    assert_eq!(snapshot(&p.out()), before, "the previous site changed");
    assert!(p.leftovers().is_empty(), "{:?}", p.leftovers());
    in_english(&p);
    let help = said(
        &p,
        &name,
        "this file is 50.0 MB; tandem reads Markdown and YAML files of up to 10 MB",
    );
    assert!(help
        .unwrap()
        .ends_with("or split the text into several entries"));
}

#[test]
fn a_big_entry_below_the_limit_builds() {
    let p = Project::mini();
    let mut body = paragraphs(1 << 20);
    body.push_str("ENDE-DES-LANGEN-EINTRAGS\n");
    let (name, text) = entry("2019-05-01-lang.md", "title: Lang", &body);
    p.write(&name, text);
    build(&p).assert_ok();
    let page = p.site().page("cohorts/2019/keller-yilmaz/2019-05-01-lang/");
    assert!(page.contains("ENDE-DES-LANGEN-EINTRAGS"));
}

#[test]
fn a_huge_yaml_file_is_refused_too() {
    let p = Project::mini();
    let mut yaml = p.read(TANDEM_YAML);
    yaml.push_str("title: |\n");
    let line = "  Eine sehr lange Beschreibung des Tandems.\n";
    yaml.push_str(&line.repeat((11 << 20) / line.len()));
    p.write(TANDEM_YAML, yaml);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let d = diag(&diags, "bis 10 MB");
    assert_eq!(d.file, TANDEM_YAML);
}

/// An entry of exactly `size` bytes: front matter, paragraphs, and a last word that
/// shows whether all of it was read.
fn entry_of_size(size: usize) -> Vec<u8> {
    let head = b"---\ntitle: Genau an der Grenze\n---\n".to_vec();
    let tail = b"\n\nENDE-DES-LANGEN-EINTRAGS\n";
    let mut bytes = head;
    bytes.extend_from_slice(paragraphs(size).as_bytes());
    // Cut on a space, not inside a character, and fill up with letters.
    bytes.truncate(size - tail.len());
    let cut = bytes.iter().rposition(|&b| b == b' ').unwrap();
    bytes.truncate(cut + 1);
    bytes.resize(size - tail.len(), b'x');
    bytes.extend_from_slice(tail);
    assert_eq!(bytes.len(), size);
    bytes
}

/// 10 MB is 10 × 1024 × 1024 bytes: a file of exactly that size is read and built; one
/// byte more is refused, naming the file and the limit, and the previous site stays.
#[test]
fn the_10_mb_limit_holds_to_the_byte() {
    const LIMIT_BYTES: usize = 10 * 1024 * 1024;
    let p = Project::mini();
    let name = format!("{TANDEM}/2019-05-01-grenze.md");
    p.write(&name, entry_of_size(LIMIT_BYTES));
    build(&p).assert_ok();
    let page = p.site().page(&format!("{TANDEM}/2019-05-01-grenze/"));
    assert!(
        page.contains("ENDE-DES-LANGEN-EINTRAGS"),
        "the last words of a file of exactly 10 MB are on its page"
    );
    let before = snapshot(&p.out());

    p.write(&name, entry_of_size(LIMIT_BYTES + 1));
    let run = build(&p);
    run.assert_code(1);
    let (_, diags) = check_json(&p);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = diag(&diags, "tandem liest Markdown- und YAML-Dateien bis 10 MB");
    assert_eq!(
        (d.severity.as_str(), d.file.as_str()),
        ("error", name.as_str())
    );
    assert_eq!(snapshot(&p.out()), before, "the previous site changed");
    assert!(p.leftovers().is_empty(), "{:?}", p.leftovers());
}

/// Attachments are copied as they are, whatever their size.
#[test]
fn attachments_have_no_size_limit() {
    let p = Project::mini();
    // Bigger than any text file may be; not all zeros, so that a copy cut short or
    // filled up shows.
    let size = 10 * 1024 * 1024 + 1;
    let pdf: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    p.write(&format!("{TANDEM}/protokoll-gross.pdf"), &pdf);
    let (name, text) = entry(
        "2019-05-01-anhang.md",
        "title: Anhang",
        "Das [Protokoll](protokoll-gross.pdf) ist groß.\n",
    );
    p.write(&name, text);
    let run = build(&p);
    run.assert_ok();
    assert!(!run.stderr.contains("protokoll-gross"), "{}", run.stderr);
    let site = p.site();
    assert!(
        site.bytes(&format!("{TANDEM}/protokoll-gross.pdf")) == pdf,
        "the attachment was not copied whole"
    );
}

// ---------------------------------------------------------------------------------
// 3. 100,000-line YAML
// ---------------------------------------------------------------------------------

#[test]
fn a_tandem_yaml_of_100000_lines_builds() {
    let p = Project::mini();
    let yaml = p.read(TANDEM_YAML);
    let head = yaml.split("goals:").next().unwrap();
    let mut s = format!("{head}goals: |\n");
    for i in 0..100_000 {
        s.push_str(&format!("  Ziel Nummer {i}.\n"));
    }
    p.write(TANDEM_YAML, s);
    build(&p).assert_ok();
    let page = p.site().page("cohorts/2019/keller-yilmaz/");
    assert!(page.contains("Ziel Nummer 99999."));
}

#[test]
fn a_program_yaml_with_a_list_of_100000_lines_builds() {
    let p = Project::mini();
    let mut list = String::from("audience:\n");
    for i in 0..100_000 {
        list.push_str(&format!("  - Gruppe {i}\n"));
    }
    p.edit("program.yaml", "audience: [Führungskräfte]\n", &list);
    build(&p).assert_ok();
    assert!(p.site().page("").contains("Gruppe 99999"));
}

#[test]
fn front_matter_with_100000_unknown_fields_reports_a_few_and_counts_the_rest() {
    let p = Project::mini();
    let mut front = String::from("title: Viele Felder");
    for i in 0..100_000 {
        front.push_str(&format!("\nfeld{i}: wert"));
    }
    let (name, text) = entry("2019-05-01-felder.md", &front, "Text\n");
    p.write(&name, text);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 0);
    let mine: Vec<_> = diags.iter().filter(|d| d.file == name).collect();
    assert_eq!(mine.len(), 21, "{mine:#?}");
    assert_eq!(
        mine[0].message,
        "Das Feld `feld0` ist unbekannt und wird nicht beachtet"
    );
    assert_eq!((mine[0].line, mine[0].column), (3, 1));
    assert_eq!(
        mine[20].message,
        "99980 weitere unbekannte Felder in dieser Datei werden nicht einzeln aufgeführt"
    );
    // In the report for people the count comes after the listed ones.
    let human = check(&p);
    let listed = human.stderr.find("`feld19`").unwrap();
    let count = human
        .stderr
        .find("99980 weitere unbekannte Felder")
        .unwrap();
    assert!(listed < count, "{}", human.stderr);
}

#[test]
fn a_cohort_yaml_with_30000_wrong_milestones_reports_a_few() {
    let p = Project::mini();
    let mut s = String::from(
        "title: Jahrgang 2019\nperiod: { start: 2019-03-01, end: 2019-10-31 }\nmilestones:\n",
    );
    for i in 0..30_000 {
        s.push_str(&format!("  - {{ date: 2019-02-30, title: Termin {i} }}\n"));
    }
    p.write("cohorts/2019/cohort.yaml", s);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let mine: Vec<_> = diags
        .iter()
        .filter(|d| d.file == "cohorts/2019/cohort.yaml")
        .collect();
    assert_eq!(mine.len(), 21, "{mine:#?}");
    assert_eq!(
        mine[0].message,
        "`2019-02-30` ist kein Datum: den 30. Februar gibt es nicht"
    );
    assert_eq!((mine[0].line, mine[0].column), (4, 13));
    assert_eq!(
        mine[20].message,
        "29980 weitere Meilensteine mit falschem Datum in dieser Datei werden nicht einzeln aufgeführt"
    );
}

#[test]
fn a_hundred_thousand_broken_links_and_unknown_topics_end_quickly() {
    let p = Project::mini();
    let topics: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
    let mut body = String::new();
    for i in 0..100_000 {
        body.push_str(&format!("[x](fehlt{i}.md)\n"));
    }
    let (name, text) = entry(
        "2019-05-01-links.md",
        &format!("title: L\ntopics: [{}]", topics.join(", ")),
        &body,
    );
    p.write(&name, text);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let mine: Vec<_> = diags.iter().filter(|d| d.file == name).collect();
    assert_eq!(mine.len(), 42, "{mine:#?}");
    assert!(mine.iter().any(|d| d.message
        == "99980 weitere unbekannte Themen unter `topics` in dieser Datei werden nicht einzeln aufgeführt"));
    assert!(mine.iter().any(|d| d.message
        == "99980 weitere Probleme mit Links in dieser Datei werden nicht einzeln aufgeführt"));
    // The long topics line is shown around the culprit only.
    let human = check(&p);
    assert!(
        human.stderr.lines().all(|l| l.chars().count() < 400),
        "a report line is very long"
    );
    assert!(human.stderr.contains("…"), "{}", &human.stderr[..2000]);
}

// ---------------------------------------------------------------------------------
// 4. Deep nesting
// ---------------------------------------------------------------------------------

#[test]
fn deeply_nested_lists_and_blockquotes_build() {
    let p = Project::mini();
    let cases = [
        (
            "2019-05-01-zitate.md",
            ">".repeat(100_000) + " TIEF-ZITAT\n",
        ),
        (
            "2019-05-02-listen.md",
            "- ".repeat(100_000) + "TIEF-LISTE\n",
        ),
        (
            "2019-05-03-gemischt.md",
            "> - ".repeat(10_000) + "TIEF-GEMISCHT\n",
        ),
        (
            "2019-05-04-aufgaben.md",
            (0..2_000)
                .map(|i| format!("{}- [ ] Aufgabe {i}\n", "  ".repeat(i)))
                .collect::<String>(),
        ),
        (
            "2019-05-05-klammern.md",
            "[".repeat(50_000)
                + "TIEF-KLAMMER"
                + &"]".repeat(50_000)
                + "\n\n"
                + &"*".repeat(50_000)
                + "x"
                + &"*".repeat(50_000)
                + "\n",
        ),
    ];
    for (name, body) in &cases {
        let (rel, text) = entry(name, "title: Tief", body);
        p.write(&rel, text);
    }
    build(&p).assert_ok();
    let site = p.site();
    for (name, word) in [
        ("2019-05-01-zitate", "TIEF-ZITAT"),
        ("2019-05-02-listen", "TIEF-LISTE"),
        ("2019-05-03-gemischt", "TIEF-GEMISCHT"),
        ("2019-05-04-aufgaben", "Aufgabe 1999"),
        ("2019-05-05-klammern", "TIEF-KLAMMER"),
    ] {
        let page = site.page(&format!("{TANDEM}/{name}/"));
        assert!(page.contains(word), "{name} lost its text");
    }
    let zitate = site.page(&format!("{TANDEM}/2019-05-01-zitate/"));
    assert!(zitate.matches("<blockquote>").count() >= 100_000);
    // The deepest open task is an open agreement of the tandem.
    let tandem = site.page(&format!("{TANDEM}/"));
    assert!(tandem.contains("Aufgabe 1999"));
}

// ---------------------------------------------------------------------------------
// 5. YAML alias bombs
// ---------------------------------------------------------------------------------

fn alias_bomb(last_key: &str) -> String {
    let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        s.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    s.push_str(&format!("{last_key}: *a9\n"));
    s
}

#[test]
fn a_yaml_alias_bomb_is_refused_in_front_matter_and_program_yaml() {
    let p = Project::mini();
    let (name, text) = entry(
        "2019-05-01-bombe.md",
        &format!("title: Bombe\n{}", alias_bomb("topics")),
        "Text\n",
    );
    p.write(&name, text);
    let program = p
        .read("program.yaml")
        .replace("audience: [Führungskräfte]\n", "");
    p.write(
        "program.yaml",
        format!("{program}{}", alias_bomb("audience")),
    );

    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    for file in [name.as_str(), "program.yaml"] {
        let d = diags
            .iter()
            .find(|d| d.file == file && d.message.starts_with("Diese Datei ist zu groß"))
            .unwrap_or_else(|| panic!("no alias-bomb error for {file}: {diags:#?}"));
        assert_eq!(d.severity, "error");
        assert_eq!(
            d.message,
            "Diese Datei ist zu groß, um sie sicher zu lesen: sie enthält mehr als 250.000 Werte, jede Wiederholung durch `*name` mitgezählt"
        );
        assert!(d.line > 0 && d.column > 0, "{d:#?}");
        assert!(d
            .help
            .as_deref()
            .unwrap()
            .contains("Schreiben Sie jeden Wert einmal aus"));
    }
}

#[test]
fn yaml_nested_too_deeply_is_refused() {
    let p = Project::mini();
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let (name, text) = entry(
        "2019-05-01-tief.md",
        &format!("title: x\ntopics: {deep}"),
        "x\n",
    );
    p.write(&name, text);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let d = diag(&diags, "Diese Datei ist zu groß, um sie sicher zu lesen");
    assert_eq!(d.file, name);
    assert_eq!(
        d.message,
        "Diese Datei ist zu groß, um sie sicher zu lesen: sie ist zu tief verschachtelt (mehr als 64 Ebenen)"
    );
}

/// The YAML limits at their edges, in an entry's front matter (under a field tandem
/// does not know, which is ignored with a warning). Every value counts: the front
/// matter as a whole, each field name, each list and each item, and an item again
/// each time an `*alias` repeats it.
#[test]
fn yaml_at_its_limits_is_read_and_one_value_or_level_more_is_refused() {
    let p = Project::mini();
    let name = format!("{TANDEM}/2019-05-01-grenze.md");
    let front = |yaml: String| format!("---\ntitle: Grenze\n{yaml}---\nText\n");
    let items = |n: usize| (0..n).map(|i| format!("  - w{i}\n")).collect::<String>();
    // front matter 1 + `title: Grenze` 2 + `liste` 1 + the list 1 + its items.
    let plain = |values: usize| front(format!("liste:\n{}", items(values - 5)));
    // … + `kopie` 1 + its list 1 + the repeated list 1 + the repeated items (+ `z`).
    let repeated = |values: usize| {
        let z = if (values - 8) % 2 == 1 { ", z" } else { "" };
        front(format!(
            "liste: &l\n{}kopie: [*l{z}]\n",
            items((values - 8) / 2)
        ))
    };
    // front matter 1 + `title: Grenze` 2 + `liste` 1, then levels 2 to `depth`.
    let nested = |depth: usize| {
        let lists = depth - 1;
        front(format!(
            "liste: {}x{}\n",
            "[".repeat(lists),
            "]".repeat(lists)
        ))
    };
    let values = "Diese Datei ist zu groß, um sie sicher zu lesen: sie enthält mehr als 250.000 Werte, jede Wiederholung durch `*name` mitgezählt";
    let levels =
        "Diese Datei ist zu groß, um sie sicher zu lesen: sie ist zu tief verschachtelt (mehr als 64 Ebenen)";
    for (what, at_limit, one_more, message) in [
        ("250,000 values", plain(250_000), plain(250_001), values),
        (
            "250,000 values with an alias",
            repeated(250_000),
            repeated(250_001),
            values,
        ),
        ("64 levels", nested(64), nested(65), levels),
    ] {
        p.write(&name, at_limit);
        let (code, diags) = check_json(&p);
        assert_eq!(code, 0, "{what}: at the limit: {diags:#?}");
        p.write(&name, one_more);
        let (code, diags) = check_json(&p);
        assert_eq!(code, 1, "{what}: over the limit: {diags:#?}");
        let d = diag(&diags, "zu groß, um sie sicher zu lesen");
        assert_eq!(
            (d.severity.as_str(), d.file.as_str(), d.message.as_str()),
            ("error", name.as_str(), message),
            "{what}"
        );
    }
}

// ---------------------------------------------------------------------------------
// 6. NUL bytes
// ---------------------------------------------------------------------------------

#[test]
fn nul_bytes_in_markdown_and_yaml_are_errors_with_their_position() {
    let p = Project::mini();
    let (name, _) = entry("2019-05-01-nul.md", "", "");
    p.write(&name, "---\ntitle: Null\n---\nText mit \0 darin\n");
    p.write(
        TANDEM_YAML,
        p.read(TANDEM_YAML)
            .replace("organization: Volksbank", "organization: Volks\0bank"),
    );
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let message = "Diese Datei enthält ein unsichtbares Null-Zeichen, das in Textdateien nicht vorkommen darf";
    let md = diags.iter().find(|d| d.file == name).unwrap();
    assert_eq!((md.message.as_str(), md.line, md.column), (message, 4, 10));
    assert_eq!(
        md.help.as_deref(),
        Some(
            "Löschen Sie das unsichtbare Zeichen an dieser Stelle (oder schreiben Sie die Zeile neu). \
             Kommt die Datei aus einem anderen Programm, speichern Sie sie noch einmal als reinen Text \
             mit der Kodierung „UTF-8“."
        )
    );
    let yaml = diags.iter().find(|d| d.file == TANDEM_YAML).unwrap();
    assert_eq!(
        (yaml.message.as_str(), yaml.line, yaml.column),
        (message, 3, 20)
    );

    let human = check(&p);
    assert_reported(&human.stderr, "Fehler", message, &format!("{name}:4:10"));
    assert!(
        !human.stderr.contains('\0'),
        "the report prints the NUL byte itself"
    );
    in_english(&p);
    assert_eq!(
        said(
            &p,
            &name,
            "this file contains a NUL character (an invisible zero byte), which text files must not hold"
        )
        .as_deref(),
        Some(
            "delete the invisible character at this place (or retype the line); if the file \
             came from another program, save it again as plain UTF-8 text"
        )
    );
}

#[test]
fn a_file_saved_as_utf16_is_explained() {
    let p = Project::mini();
    let text = "---\ntitle: Sechzehn\n---\nText\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let (name, _) = entry("2019-05-01-utf16.md", "", "");
    p.write(&name, utf16);
    let (_, diags) = check_json(&p);
    let d = diags.iter().find(|d| d.file == name).unwrap();
    assert!(d.message.contains("Null-Zeichen"), "{d:#?}");
    assert_eq!(
        d.help.as_deref(),
        Some(
            "Die Datei scheint als UTF-16 gespeichert zu sein. Speichern Sie sie mit der Kodierung \
             „UTF-8“ (in den meisten Editoren: Datei → Speichern unter → Kodierung: UTF-8)."
        ),
        "{d:#?}"
    );
}

/// A named pipe in the content folder is left out with a warning: reading it would
/// wait forever for something to be written into it.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_content_folder_is_left_out_with_a_warning() {
    let p = Project::mini();
    let pipes = [
        format!("{TANDEM}/2019-05-01-pipe.md"),
        "static/pipe.pdf".into(),
    ];
    for rel in &pipes {
        let path = std::ffi::CString::new(p.path(rel).to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0, "{rel}");
    }
    let (code, diags) = check_json(&p);
    assert_eq!(code, 0, "{diags:#?}");
    for rel in &pipes {
        assert!(
            diags
                .iter()
                .any(|d| d.file == *rel && d.severity == "warning" && d.help.is_some()),
            "no warning for {rel}: {diags:#?}"
        );
    }
    build(&p).assert_ok();
    assert!(!p.site().has("pipe.pdf"));
}

// ---------------------------------------------------------------------------------
// 7. Invalid UTF-8
// ---------------------------------------------------------------------------------

#[test]
fn invalid_utf8_in_contents_points_at_the_byte() {
    let p = Project::mini();
    let (name, _) = entry("2019-05-01-latin1.md", "", "");
    p.write(&name, b"---\ntitle: Gr\xfc\xdfe\n---\nText\n");
    p.write("cohorts/2019/cohort.yaml", b"title: Jahrgang 2019 \xe4\n");
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let message = "Diese Datei ist nicht als UTF-8 gespeichert, deshalb können ihre Zeichen nicht gelesen werden";
    let md = diags.iter().find(|d| d.file == name).unwrap();
    assert_eq!((md.message.as_str(), md.line, md.column), (message, 2, 10));
    let y = diags
        .iter()
        .find(|d| d.file == "cohorts/2019/cohort.yaml")
        .unwrap();
    assert_eq!((y.message.as_str(), y.line, y.column), (message, 1, 22));
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_reported_once_and_left_out() {
    let p = Project::mini();
    let entry_text = p.read(TRELLO_MD);
    p.write_raw_name(
        b"cohorts/2019/keller-yilmaz/2019-05-01-gr\xfc\xdfe.md",
        &entry_text,
    );
    p.write_raw_name(b"cohorts/2019/m\xfcller/tandem.yaml", p.read(TANDEM_YAML));
    p.write_raw_name(b"cohorts/2019/m\xfcller/2019-05-01-x.md", &entry_text);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let bad: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("Zeichen, die tandem nicht lesen kann"))
        .collect();
    assert_eq!(
        bad.len(),
        2,
        "the folder's files are not reported again: {bad:#?}"
    );
    let folder = bad
        .iter()
        .find(|d| d.message.contains("dieses Ordners"))
        .unwrap();
    assert_eq!(
        folder.message,
        "Der Name dieses Ordners enthält Zeichen, die tandem nicht lesen kann, und kann keine \
         Webadresse werden; er wird ausgelassen"
    );
    assert_eq!(folder.file, "cohorts/2019/m\u{fffd}ller");
    assert!(folder
        .help
        .as_deref()
        .unwrap()
        .starts_with("Benennen Sie den Ordner mit gewöhnlichen Buchstaben um"));
    let file = bad
        .iter()
        .find(|d| d.message.contains("dieser Datei"))
        .unwrap();
    assert_eq!(
        file.message,
        "Der Name dieser Datei enthält Zeichen, die tandem nicht lesen kann, und kann keine \
         Webadresse werden; sie wird ausgelassen"
    );
    assert_eq!(
        file.file,
        "cohorts/2019/keller-yilmaz/2019-05-01-gr\u{fffd}\u{fffd}e.md"
    );
    in_english(&p);
    assert_eq!(
        said(
            &p,
            "cohorts/2019/m\u{fffd}ller",
            "the name of this folder is not valid UTF-8 text and cannot become a web address; it is left out"
        )
        .as_deref(),
        Some(
            "rename the folder using ordinary letters (the name was probably written by an old \
             program or copied from a system with another character set)"
        )
    );
}

// ---------------------------------------------------------------------------------
// 8. Names that differ only by case or by Unicode normalisation
// ---------------------------------------------------------------------------------

#[test]
fn names_that_differ_only_by_case_are_an_error() {
    let p = Project::mini();
    p.write(
        "cohorts/2019/Keller-Yilmaz/tandem.yaml",
        p.read(TANDEM_YAML),
    );
    p.write(
        "cohorts/2019/keller-yilmaz/2019-04-17-Trello.md",
        p.read(TRELLO_MD),
    );
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let d = diag(
        &diags,
        "`cohorts/2019/keller-yilmaz` und `cohorts/2019/Keller-Yilmaz` würden beide zur Seite /cohorts/2019/keller-yilmaz/",
    );
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .contains("nicht nur in Groß- und Kleinschreibung"));
    diag(
        &diags,
        "und `cohorts/2019/keller-yilmaz/2019-04-17-Trello.md` würden beide zur Seite /cohorts/2019/keller-yilmaz/2019-04-17-trello/",
    );
    build(&p).assert_code(1);
    assert!(!p.out().exists(), "a site was written");
}

#[test]
fn names_that_differ_only_by_unicode_normalisation_are_explained() {
    let p = Project::mini();
    let nfc = "cohorts/2019/m\u{fc}ller";
    let nfd = "cohorts/2019/mu\u{308}ller";
    p.write(&format!("{nfc}/tandem.yaml"), p.read(TANDEM_YAML));
    p.write(&format!("{nfd}/tandem.yaml"), p.read(TANDEM_YAML));
    // Two entry files, one name in NFC, one in NFD.
    p.write(&format!("{TANDEM}/2019-05-01-m\u{fc}ller.md"), "# A\n");
    p.write(&format!("{TANDEM}/2019-05-01-mu\u{308}ller.md"), "# B\n");
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let norm: Vec<_> = diags
        .iter()
        .filter(|d| {
            d.message
                .contains("Die beiden Namen sehen gleich aus, ihre Buchstaben (etwa Umlaute) sind aber verschieden gespeichert")
        })
        .collect();
    assert_eq!(norm.len(), 2, "{diags:#?}");
    let folder = norm
        .iter()
        .find(|d| d.message.starts_with("Dieser Ordner"))
        .unwrap();
    assert_eq!(folder.severity, "error");
    assert_eq!(
        folder.help.as_deref(),
        Some(
            "Führen Sie beide zu einem Ordner zusammen und löschen Sie den anderen. Damit das nicht \
             wieder geschieht, kopieren Sie Dateien zwischen Rechnern als ZIP-Archiv."
        )
    );
    assert!(norm.iter().any(|d| d.message.starts_with("Diese Datei")));
    let folder = folder.file.clone();
    // Only this explanation, not a second, puzzling "`müller` and `müller`" error.
    assert!(
        !diags.iter().any(|d| d.message.contains("würden beide")),
        "{diags:#?}"
    );
    in_english(&p);
    let (_, diags) = check_json(&p);
    let d = diags.iter().find(|d| d.file == folder).unwrap();
    assert!(
        d.message.starts_with("this folder has the same name as `")
            && d.message.ends_with(
                "beside it: the two names look the same but their letters are stored differently \
                 (one is in NFD form, as macOS writes umlauts, the other in NFC); it is left out"
            ),
        "{d:#?}"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "merge the two into one folder and delete the other; to avoid this, copy files \
             between computers as a zip archive or with a tool that keeps names as they are"
        )
    );
}

// ---------------------------------------------------------------------------------
// 9. Names Windows cannot hold
// ---------------------------------------------------------------------------------

#[test]
fn windows_reserved_names_get_a_warning_with_a_fix() {
    let p = Project::mini();
    let trello = p.read(TRELLO_MD);
    for name in ["CON.md", "nul.md", "notiz.md.", "Com1.pdf"] {
        p.write(&format!("{TANDEM}/{name}"), &trello);
    }
    p.write("cohorts/2019/aux/tandem.yaml", p.read(TANDEM_YAML));
    p.write("docs/leer /index.md", "# Leer\n");
    p.write("docs/frage?.md", "# Frage\n");
    let (_, diags) = check_json(&p);
    for (file, why) in [
        (
            format!("{TANDEM}/CON.md"),
            "`CON` ist ein Name, den Windows für ein Gerät reserviert",
        ),
        (
            format!("{TANDEM}/nul.md"),
            "`NUL` ist ein Name, den Windows für ein Gerät reserviert",
        ),
        (
            format!("{TANDEM}/Com1.pdf"),
            "`COM1` ist ein Name, den Windows für ein Gerät reserviert",
        ),
        (
            format!("{TANDEM}/notiz.md."),
            "Windows erlaubt keine Namen, die mit einem Punkt oder Leerzeichen enden",
        ),
        (
            "cohorts/2019/aux".into(),
            "`AUX` ist ein Name, den Windows für ein Gerät reserviert",
        ),
        (
            "docs/leer ".into(),
            "Windows erlaubt keine Namen, die mit einem Punkt oder Leerzeichen enden",
        ),
        (
            "docs/frage?.md".into(),
            "Windows erlaubt das Zeichen `?` in Namen nicht",
        ),
    ] {
        let d = diags
            .iter()
            .find(|d| d.file == file && d.message.contains("Windows-Rechner"))
            .unwrap_or_else(|| panic!("no Windows warning for {file:?}: {diags:#?}"));
        assert_eq!(d.severity, "warning");
        assert!(d.message.ends_with(why), "{}", d.message);
        assert!(d.help.as_deref().unwrap().starts_with("Benennen Sie "));
    }
    // Ordinary names are not warned about.
    assert!(!diags
        .iter()
        .any(|d| d.message.contains("Windows") && d.file.contains("trello")));
    in_english(&p);
    assert_eq!(
        said(
            &p,
            "docs/frage?.md",
            "this file cannot be copied to a Windows computer: Windows does not allow the character `?` in names"
        )
        .as_deref(),
        Some(
            "rename the file, e.g. by adding a word or removing the trailing dot or space, so \
             that everyone working on the programme can check it out"
        )
    );
    assert!(said(
        &p,
        "cohorts/2019/aux",
        "this folder cannot be copied to a Windows computer: `AUX` is a name Windows reserves for a device"
    )
    .is_some());
}

// ---------------------------------------------------------------------------------
// 10. Paths that try to leave the content or output folder
// ---------------------------------------------------------------------------------

#[test]
fn links_that_climb_out_of_the_content_folder_are_errors_and_read_nothing() {
    let p = Project::mini();
    let outside = p.root().join("geheim.md");
    std::fs::write(&outside, "SECRET-NEXT-TO-CONTENT").unwrap();
    let links = [
        "../../../../geheim.md",
        "../../../../../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/geheim.md",
        "..%2f..%2f..%2f..%2fgeheim.md",
        "%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fgeheim.md",
    ];
    let body: String = links.iter().map(|l| format!("[weg]({l})\n\n")).collect();
    let (name, text) = entry("2019-05-01-wege.md", "title: Wege", &body);
    p.write(&name, text);
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    for (i, l) in links.iter().enumerate() {
        let d = diags
            .iter()
            .find(|d| d.message == format!("Der Link `{l}` führt aus dem Inhaltsordner hinaus"))
            .unwrap_or_else(|| panic!("{l} not reported: {diags:#?}"));
        assert_eq!(
            (d.file.as_str(), d.line, d.column),
            (name.as_str(), 4 + 2 * i as u64, 1)
        );
        assert!(d
            .help
            .as_deref()
            .unwrap()
            .contains("nur Dateien im Inhaltsordner"));
    }
}

#[test]
fn links_to_files_on_the_writers_computer_are_left_out_with_a_warning() {
    let p = Project::mini();
    let body = "[Datei](C:\\Users\\hans\\Notizen.docx) und [Unix](file:///etc/passwd) \
                und [Wurzel](/etc/passwd)\n";
    let (name, text) = entry("2019-05-01-pfade.md", "title: Pfade", body);
    p.write(&name, text);
    let run = build(&p);
    run.assert_ok();
    for dest in ["C:\\Users\\hans\\Notizen.docx", "file:///etc/passwd"] {
        assert!(
            run.stderr.contains(&format!(
                "Warnung: Der Link `{dest}` zeigt auf eine Datei auf Ihrem Computer und wird nicht veröffentlicht"
            )),
            "{}",
            run.stderr
        );
    }
    let page = p.site().page(&format!("{TANDEM}/2019-05-01-pfade/"));
    let hrefs: Vec<String> = links(&page).into_iter().map(|l| l.href).collect();
    assert!(!hrefs.iter().any(|h| h.to_lowercase().starts_with("c:")));
    assert!(!hrefs.iter().any(|h| h.starts_with("file:")));
    assert!(visible_text(&page).contains("Datei und Unix und Wurzel"));
    // A site-absolute address is an ordinary web link; nothing is read from the disk.
    assert!(hrefs.iter().any(|h| h == "/etc/passwd"));
    assert_nowhere_in_output(&p.site(), "root:x:0:0");
}

#[test]
fn folder_names_that_look_like_paths_stay_inside_the_output_folder() {
    let p = Project::mini();
    for dir in [
        "%2e%2e%2f%2e%2e%2fausbruch",
        "%2e%2e",
        "..versteckt",
        "C:\\Windows",
    ] {
        p.write(&format!("cohorts/{dir}/cohort.yaml"), "title: Seltsam\n");
        p.write(&format!("cohorts/{dir}/t/tandem.yaml"), p.read(TANDEM_YAML));
        p.write(&format!("cohorts/{dir}/t/2019-05-01-x.md"), "# X\n");
    }
    let run = build(&p);
    run.assert_ok();
    assert_eq!(p.leftovers(), Vec::<String>::new());
    let files = p.site().files();
    for f in &files {
        assert!(
            !f.split('/')
                .any(|s| s.starts_with("..") || s.contains('%') || s.contains('\\')),
            "{f}"
        );
    }
    for dir in ["2e-2e-2f-2e-2e-2fausbruch", "2e-2e", "c-windows"] {
        assert!(
            files.contains(&format!("cohorts/{dir}/t/2019-05-01-x/index.html")),
            "{dir}: {files:#?}"
        );
    }
    // A name starting with a dot is a hidden folder and never content.
    assert!(!files.iter().any(|f| f.contains("versteckt")));
}

// ---------------------------------------------------------------------------------
// 11. Scripts in metadata and in Markdown
// ---------------------------------------------------------------------------------

const XSS: &str = "<script>alert(1)</script>";

/// Whether a link target would run something when followed.
fn active_url(v: &str) -> bool {
    let cleaned: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || cleaned.starts_with("data:text")
        || cleaned.starts_with("data:image/svg")
        || cleaned.starts_with("data:application")
}

/// Problems with active content in one HTML document.
fn active_content(file: &str, html: &str, out: &mut Vec<String>) {
    for t in tags(html) {
        if t.name == "script" {
            let theirs = t
                .attr("src")
                .is_some_and(|s| s.ends_with("assets/search.js"));
            if !theirs {
                out.push(format!("{file}: <script> at {}", t.start));
            }
        }
        if matches!(
            t.name.as_str(),
            "iframe" | "object" | "embed" | "base" | "frame"
        ) {
            out.push(format!("{file}: <{}> at {}", t.name, t.start));
        }
        for (name, value) in &t.attrs {
            if name.starts_with("on") {
                out.push(format!("{file}: event handler {name}={value:?}"));
            }
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "srcset"
            ) && active_url(value)
            {
                out.push(format!("{file}: {name}={value:?}"));
            }
        }
    }
}

/// Every script, event handler and `javascript:`-like address in the site: in the
/// pages, the sitemap and the feeds (including the HTML inside the feeds' entries).
fn active_content_in(site: &Site) -> Vec<String> {
    let mut out = Vec::new();
    for f in site.files() {
        if !(f.ends_with(".html") || f.ends_with(".xml")) {
            continue;
        }
        let text = site.text(&f);
        active_content(&f, &text, &mut out);
        if f.ends_with(".xml") {
            let mut rest = text.as_str();
            while let Some(i) = rest.find("<content type=\"html\">") {
                rest = &rest[i + 21..];
                let end = rest.find("</content>").unwrap_or(rest.len());
                active_content(&f, &decode_entities(&rest[..end]), &mut out);
                rest = &rest[end..];
            }
            roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{f} is no longer well-formed XML: {e}"));
        }
    }
    out
}

#[test]
fn scripts_in_metadata_fields_are_shown_as_text() {
    let p = Project::mini();
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    p.edit(
        "program.yaml",
        "title: Mini-Mentoring",
        &format!("title: {}", q(&format!("Mini{XSS}"))),
    );
    p.edit(
        "program.yaml",
        "subtitle: Ein kleines Testprogramm",
        &format!("subtitle: {}", q("<img src=x onerror=alert(2)>")),
    );
    p.edit(
        "program.yaml",
        "provider: Testakademie",
        &format!("provider: {}", q("\"><script>alert(3)</script>")),
    );
    p.edit(
        "program.yaml",
        "name: Maria Beispiel",
        &format!("name: {}", q("<a href=\"javascript:alert(4)\">Maria</a>")),
    );
    p.edit(
        "program.yaml",
        "email: m.beispiel@example.org",
        "email: 'javascript:alert(5)//@example.org'",
    );
    p.edit(
        "program.yaml",
        "title: Onlinemarketing",
        &format!("title: {}", q(&format!("Online{XSS}"))),
    );
    p.edit(
        "cohorts/2019/cohort.yaml",
        "title: Jahrgang 2019",
        &format!("title: {}", q(&format!("Jahrgang{XSS}"))),
    );
    p.edit(
        "cohorts/2019/cohort.yaml",
        "title: Auftaktveranstaltung",
        &format!("title: {}", q(&format!("Auftakt{XSS}"))),
    );
    p.edit(
        TANDEM_YAML,
        "name: Deniz Yilmaz",
        &format!("name: {}", q(&format!("Deniz{XSS}"))),
    );
    p.edit(
        TANDEM_YAML,
        "name: Sabine Keller",
        &format!("name: {}", q("Sabine\" onmouseover=\"alert(6)")),
    );
    p.edit(
        TANDEM_YAML,
        "organization: Volksbank Beispielstadt eG",
        &format!("organization: {}", q("javascript:alert(7)")),
    );
    p.edit(
        TRELLO_MD,
        "title: Vier Wochen Trello",
        &format!("title: {}", q(&format!("Trello{XSS}"))),
    );
    p.edit(
        TRELLO_MD,
        "authors: [mentee]",
        &format!("authors: [{}, {}]", q(XSS), q("javascript:alert(8)")),
    );
    p.edit(
        TRELLO_MD,
        "format: video",
        &format!("format: {}", q("<svg onload=alert(9)>")),
    );

    let run = build(&p);
    run.assert_ok();
    let site = p.site();
    let found = active_content_in(&site);
    assert!(
        found.is_empty(),
        "active content in the site:\n{}",
        found.join("\n")
    );
    // The texts are still there, as text.
    let entry = site.page(&format!("{TANDEM}/2019-04-17-trello/"));
    let text = visible_text(&entry);
    assert!(text.contains(&format!("Trello{XSS}")), "{text}");
    assert!(text.contains(&format!("Jahrgang{XSS}")), "{text}");
    assert!(text.contains(&format!("Deniz{XSS}")), "{text}");
    let home = visible_text(&site.page(""));
    assert!(home.contains("<img src=x onerror=alert(2)>"), "{home}");
    assert!(site.text("atom.xml").contains("Trello&lt;script&gt;"));
}

#[test]
fn script_links_and_raw_html_in_markdown_are_neutralised() {
    let p = Project::mini();
    let body = "\
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c]( javascript:alert(3)) \
[d](vbscript:msgbox(4)) [e](data:text/html;base64,PHNjcmlwdD4=) [f](&#106;avascript:alert(5))

<javascript:alert(6)>

[ref][r]

![Bild](javascript:alert(7)) ![Svg](data:image/svg+xml;base64,PHN2Zz4=) \
![Punkt](data:image/png;base64,iVBORw0KGgo=)

<script>alert(8)</script>

Inline <img src=x onerror=alert(9)> und <span onclick=\"alert(10)\">x</span>, \
Zeilen<br>umbruch und H<sub>2</sub>O. <!-- geheimer Kommentar -->

<div onmouseover=\"alert(11)\">
Block
</div>

<!--
SECRET-COMMENT-BLOCK
-->

<iframe src=\"https://evil.example\"></iframe>

[r]: javascript:alert(12)
";
    let (name, text) = entry("2019-05-01-skripte.md", "title: Skripte", body);
    p.write(&name, text);
    let run = build(&p);
    run.assert_ok();
    let site = p.site();
    let found = active_content_in(&site);
    assert!(
        found.is_empty(),
        "active content in the site:\n{}",
        found.join("\n")
    );
    assert_nowhere_in_output(&site, "SECRET-COMMENT-BLOCK");
    assert_nowhere_in_output(&site, "geheimer Kommentar");

    let page = site.page(&format!("{TANDEM}/2019-05-01-skripte/"));
    // Link texts stay; the harmless picture stays; harmless formatting stays.
    let text = visible_text(&page);
    for w in [
        "a b c d e f",
        "ref",
        "<script>alert(8)</script>",
        "<img src=x onerror=alert(9)>",
    ] {
        assert!(text.contains(w), "`{w}` missing from: {text}");
    }
    assert!(page.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""));
    assert!(page.contains("Zeilen<br>umbruch"));
    assert!(page.contains("H<sub>2</sub>O"));

    // Each refused link is reported where it is written, with a fix.
    let (_, diags) = check_json(&p);
    let mine: Vec<_> = diags.iter().filter(|d| d.file == name).collect();
    let expect = [
        (4, 1, "Der Link `javascript:alert(1)` startet ein Programm und wird nicht veröffentlicht"),
        (4, 26, "Der Link `JaVaScRiPt:alert(2)` startet ein Programm und wird nicht veröffentlicht"),
        (4, 77, "Der Link `vbscript:msgbox(4)` startet ein Programm und wird nicht veröffentlicht"),
        (6, 1, "Der Link `javascript:alert(6)` startet ein Programm und wird nicht veröffentlicht"),
        (8, 1, "Der Link `javascript:alert(12)` startet ein Programm und wird nicht veröffentlicht"),
        (10, 1, "Das Bild `javascript:alert(7)` startet ein Programm und wird nicht veröffentlicht"),
        (
            10,
            30,
            "Das Bild `data:image/svg+xml;base64,PHN2Zz4=` enthält eine erfundene Seite oder Datei und wird nicht veröffentlicht",
        ),
        (12, 1, "HTML wie `<script>` wird als Text angezeigt, nicht als HTML verwendet"),
    ];
    for (line, column, message) in expect {
        let d = mine
            .iter()
            .find(|d| d.message == message)
            .unwrap_or_else(|| panic!("`{message}` not reported: {mine:#?}"));
        assert_eq!((d.line, d.column), (line, column), "{message}");
        assert_eq!(d.severity, "warning");
        assert!(d.help.is_some());
    }
    // One note about HTML per file is enough.
    assert_eq!(
        mine.iter()
            .filter(|d| d.message.starts_with("HTML wie"))
            .count(),
        1
    );
}

#[test]
fn script_in_goals_intro_and_docs_is_neutralised() {
    let p = Project::mini();
    p.edit(
        TANDEM_YAML,
        "goals: |\n",
        "goals: |\n  <script>alert('ziele')</script> [x](javascript:alert(1))\n",
    );
    p.write(
        "index.md",
        format!(
            "{}\n\n<script>alert('start')</script>\n",
            p.read("index.md")
        ),
    );
    p.write(
        "docs/faq.md",
        format!(
            "{}\n\n[klick](javascript:alert('doku'))\n",
            p.read("docs/faq.md")
        ),
    );
    build(&p).assert_ok();
    let found = active_content_in(&p.site());
    assert!(
        found.is_empty(),
        "active content in the site:\n{}",
        found.join("\n")
    );
}
