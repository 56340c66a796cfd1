//! Content errors and warnings: each names file:line:column, says in plain words what
//! is wrong and, where it can, how to fix it — in `tandem check` (for people and as
//! JSON for CI) and in `tandem build`. Exit status 1 for content errors, 2 for usage
//! errors.

mod common;

use common::*;

const PROFIL_MD: &str = "cohorts/2019/berger-vogt/2019-04-04-profil.md";
const TRELLO_MD: &str = "cohorts/2019/keller-yilmaz/2019-04-17-trello.md";
const BERGER_VOGT_YAML: &str = "cohorts/2019/berger-vogt/tandem.yaml";
const KELLER_YILMAZ: &str = "cohorts/2019/keller-yilmaz";

/// One problem we expect `check` to report.
struct Expected<'a> {
    severity: &'a str,
    file: &'a str,
    /// 0 when the problem concerns the whole file.
    line: u64,
    column: u64,
    message: &'a str,
}

impl Expected<'_> {
    fn location(&self) -> String {
        if self.line == 0 {
            self.file.to_string()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

fn error<'a>(file: &'a str, line: u64, column: u64, message: &'a str) -> Expected<'a> {
    Expected {
        severity: "error",
        file,
        line,
        column,
        message,
    }
}

fn warning<'a>(file: &'a str, line: u64, column: u64, message: &'a str) -> Expected<'a> {
    Expected {
        severity: "warning",
        file,
        line,
        column,
        message,
    }
}

/// Runs `check` (for people and as JSON) with `args`, expects exit status `code`, and
/// finds the problem in both reports. Returns it as JSON gave it (for its help).
fn reports(p: &Project, args: &[&str], code: i32, e: Expected) -> Diag {
    let human = p.check(args);
    human.assert_no_panic().assert_code(code);
    assert_reported(&human.stderr, e.severity, e.message, &e.location());

    let (json_code, diags) = p.check_json(args);
    assert_eq!(json_code, code, "exit status with --format json");
    let found = diags
        .iter()
        .find(|d| d.message == e.message)
        .unwrap_or_else(|| panic!("JSON report lacks `{}`: {diags:#?}", e.message));
    assert_eq!(
        (
            found.severity.as_str(),
            found.file.as_str(),
            found.line,
            found.column
        ),
        (e.severity, e.file, e.line, e.column),
        "{found:#?}"
    );
    found.clone()
}

fn help(d: &Diag) -> &str {
    d.help
        .as_deref()
        .unwrap_or_else(|| panic!("no help for {d:#?}"))
}

/// Problems other than the expected ones (follow-on errors confuse people).
fn only_problem(p: &Project, message: &str) {
    let (_, diags) = p.check_json(&[]);
    let others: Vec<&Diag> = diags.iter().filter(|d| d.message != message).collect();
    assert!(
        others.is_empty(),
        "besides `{message}`, check reported: {others:#?}"
    );
}

// ---------------------------------------------------------------------------------
// One test per error path
// ---------------------------------------------------------------------------------

#[test]
fn invalid_yaml_in_front_matter_is_an_error_at_its_line_and_column() {
    let p = Project::mini();
    p.edit(
        PROFIL_MD,
        "title: Das Profil steht",
        "title: Rückblick: Teil 2",
    );
    let message = "this YAML cannot be read: mapping values are not allowed in this context";
    let d = reports(&p, &[], 1, error(PROFIL_MD, 2, 17, message));
    assert!(
        help(&d).contains("title: \"Rückblick: Teil 2\""),
        "the help shows how to quote: {d:#?}"
    );
    p.build(&[]).assert_code(1);
}

#[test]
fn an_entry_with_broken_front_matter_is_not_also_reported_as_a_missing_link_target() {
    // The linkedin entry links to the profil entry; the file exists, it is only broken.
    let p = Project::mini();
    p.edit(
        PROFIL_MD,
        "title: Das Profil steht",
        "title: Rückblick: Teil 2",
    );
    only_problem(
        &p,
        "this YAML cannot be read: mapping values are not allowed in this context",
    );
}

#[test]
fn an_impossible_date_is_an_error_at_the_date() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "date: 2019-04-17", "date: 2019-02-30");
    let d = reports(
        &p,
        &[],
        1,
        error(
            TRELLO_MD,
            3,
            7,
            "`2019-02-30` is not a date: the month has no day 30",
        ),
    );
    assert!(help(&d).contains("YYYY-MM-DD"), "{d:#?}");
}

#[test]
fn an_unknown_topic_in_an_entry_is_an_error_suggesting_the_closest_topic() {
    let p = Project::mini();
    p.edit(
        PROFIL_MD,
        "topics: [onlinemarketing, fuehrung]",
        "topics: [onlinemarketting, fuehrung]",
    );
    let d = reports(
        &p,
        &[],
        1,
        error(
            PROFIL_MD,
            4,
            10,
            "unknown topic `onlinemarketting` in `topics`",
        ),
    );
    assert_eq!(help(&d), "did you mean `onlinemarketing`?");
    only_problem(&p, "unknown topic `onlinemarketting` in `topics`");
}

#[test]
fn an_unknown_topic_in_a_tandems_focus_is_an_error_suggesting_the_closest_topic() {
    let p = Project::mini();
    p.edit(
        BERGER_VOGT_YAML,
        "focus: [onlinemarketing, Führungsverhalten]",
        "focus: [onlinemarketting, Führungsverhalten]",
    );
    let d = reports(
        &p,
        &[],
        1,
        error(
            BERGER_VOGT_YAML,
            4,
            9,
            "unknown topic `onlinemarketting` in `focus`",
        ),
    );
    assert_eq!(help(&d), "did you mean `onlinemarketing`?");
}

#[test]
fn a_missing_program_yaml_is_an_error() {
    let p = Project::mini();
    p.remove("program.yaml");
    let d = reports(
        &p,
        &[],
        1,
        error(
            "program.yaml",
            0,
            0,
            "the content folder has no program.yaml",
        ),
    );
    assert!(help(&d).contains("title: Reverse Mentoring"), "{d:#?}");
    p.build(&[]).assert_code(1);
    assert!(!p.out().exists());
}

#[test]
fn a_missing_program_yaml_is_the_only_problem_reported() {
    let p = Project::mini();
    p.remove("program.yaml");
    only_problem(&p, "the content folder has no program.yaml");
}

#[test]
fn a_program_yaml_without_title_is_an_error() {
    let p = Project::mini();
    p.edit("program.yaml", "title: Mini-Mentoring\n", "");
    let d = reports(
        &p,
        &[],
        1,
        error("program.yaml", 1, 1, "program.yaml has no `title`"),
    );
    assert!(help(&d).contains("title:"), "{d:#?}");
    p.build(&[]).assert_code(1);
}

/// A program.yaml that is empty, not text, or holds a list or a single text instead of
/// fields is an error, and the only one: nothing else can be checked without a
/// programme. (Without a programme the report speaks German, the default language.)
#[test]
fn an_empty_binary_or_list_shaped_program_yaml_is_the_only_error() {
    let list = "Diese Datei enthält eine Liste. Hier gehören Felder hin, jedes auf einer eigenen Zeile, zum Beispiel `title: Reverse Mentoring`.";
    let single = "Diese Datei enthält nur einen Text. Hier gehören Felder hin, jedes auf einer eigenen Zeile, zum Beispiel `title: Reverse Mentoring`.";
    let empty = "Die Datei program.yaml ist leer.";
    // What program.yaml holds; where the error is (0: the whole file); its message
    // (`None`: the message of a file that is not UTF-8, asserted in its own test).
    let cases: [(&[u8], u64, u64, Option<&str>); 6] = [
        (b"", 0, 0, Some(empty)),
        (b"\n# nur ein Kommentar\n\n", 0, 0, Some(empty)),
        (&[0, 159, 146, 150, 255, 0, 10], 1, 2, None),
        (b"- a\n- b\n", 1, 1, Some(list)),
        (b"# Liste\n[Titel, Untertitel]\n", 2, 1, Some(list)),
        (b"Reverse Mentoring\n", 1, 1, Some(single)),
    ];
    for (bytes, line, column, message) in cases {
        let written = String::from_utf8_lossy(bytes).into_owned();
        let p = Project::mini();
        p.write("program.yaml", bytes);
        let (code, diags) = p.check_json(&[]);
        assert_eq!(code, 1, "{written:?}: {diags:#?}");
        assert_eq!(diags.len(), 1, "{written:?}: one problem only: {diags:#?}");
        let d = &diags[0];
        assert_eq!(
            (d.severity.as_str(), d.file.as_str(), d.line, d.column),
            ("error", "program.yaml", line, column),
            "{written:?}: {d:#?}"
        );
        if let Some(message) = message {
            assert_eq!(d.message, message, "{written:?}");
            let location = if line == 0 {
                "program.yaml".to_string()
            } else {
                format!("program.yaml:{line}:{column}")
            };
            assert_reported(&p.check(&[]).stderr, "error", message, &location);
        }
        assert!(d.help.is_some(), "{written:?}: no help: {d:#?}");
        p.build(&[]).assert_code(1);
        assert!(!p.out().exists(), "{written:?}: a site was written");
    }
}

#[test]
fn a_field_written_twice_is_an_error_at_the_second_one() {
    let p = Project::mini();
    p.edit(
        PROFIL_MD,
        "format: video\n",
        "format: video\nformat: telefon\n",
    );
    let d = reports(
        &p,
        &[],
        1,
        error(PROFIL_MD, 7, 1, "the field `format` appears twice"),
    );
    assert!(help(&d).contains("keep only one"), "{d:#?}");
}

fn collision_message(a: &str, b: &str, page: &str, d: &Diag) -> bool {
    d.message == format!("`{a}` and `{b}` would both become the page {page}")
        || d.message == format!("`{b}` and `{a}` would both become the page {page}")
}

#[test]
fn two_entries_that_differ_only_in_capitals_are_an_error_naming_both_files() {
    let p = Project::mini();
    let a = format!("{KELLER_YILMAZ}/2019-03-14-Treffen.md");
    let b = format!("{KELLER_YILMAZ}/2019-03-14-treffen.md");
    p.write(&a, "---\ntitle: Eins\n---\nText\n");
    p.write(&b, "---\ntitle: Zwei\n---\nText\n");
    let (code, diags) = p.check_json(&[]);
    assert_eq!(code, 1);
    let page = format!("/{KELLER_YILMAZ}/2019-03-14-treffen/");
    let d = diags
        .iter()
        .find(|d| collision_message(&a, &b, &page, d))
        .unwrap_or_else(|| panic!("no collision error: {diags:#?}"));
    assert_eq!(d.severity, "error");
    assert!(d.file == a || d.file == b, "{d:#?}");
    let human = p.check(&[]);
    assert_reported(&human.stderr, "error", &d.message, &d.file);
    p.build(&[]).assert_code(1);
}

#[test]
fn two_entries_that_differ_only_in_umlauts_are_an_error_naming_both_files() {
    let p = Project::mini();
    let a = format!("{KELLER_YILMAZ}/Größe.md");
    let b = format!("{KELLER_YILMAZ}/groesse.md");
    p.write(&a, "---\ntitle: Eins\ndate: 2019-04-01\n---\nText\n");
    p.write(&b, "---\ntitle: Zwei\ndate: 2019-04-02\n---\nText\n");
    let (code, diags) = p.check_json(&[]);
    assert_eq!(code, 1);
    let page = format!("/{KELLER_YILMAZ}/groesse/");
    assert!(
        diags
            .iter()
            .any(|d| d.severity == "error" && collision_message(&a, &b, &page, d)),
        "no collision error naming both files: {diags:#?}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_the_first_bad_byte() {
    let p = Project::mini();
    let file = format!("{KELLER_YILMAZ}/2019-04-01-latin1.md");
    p.write(
        &file,
        b"---\ntitle: Gr\xf6\xdfe\ndate: 2019-04-01\n---\nText\n",
    );
    let d = reports(
        &p,
        &[],
        1,
        error(
            &file,
            2,
            10,
            "this file is not UTF-8 text, so its characters cannot be read",
        ),
    );
    assert!(help(&d).contains("UTF-8"), "{d:#?}");
}

#[test]
fn a_relative_link_to_a_markdown_file_that_does_not_exist_is_an_error_at_the_link() {
    let p = Project::mini();
    let text = p.read(TRELLO_MD);
    assert_eq!(
        text.lines().count(),
        9,
        "the fixture entry changed; fix the line below"
    );
    p.write(
        TRELLO_MD,
        format!("{text}\nSiehe [das Protokoll](2019-09-09-protokoll.md).\n"),
    );
    let message = format!(
        "the link `2019-09-09-protokoll.md` points to `{KELLER_YILMAZ}/2019-09-09-protokoll.md`, which does not exist"
    );
    let d = reports(&p, &[], 1, error(TRELLO_MD, 11, 7, &message));
    assert!(
        help(&d).contains("relative to the folder of this file"),
        "{d:#?}"
    );
    let build = p.build(&[]);
    build.assert_code(1);
    assert_reported(
        &build.stderr,
        "error",
        &message,
        &format!("{TRELLO_MD}:11:7"),
    );
}

#[test]
fn an_entry_dated_outside_its_cohorts_period_is_a_warning_and_with_strict_an_error() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "date: 2019-04-17", "date: 2018-12-24");
    let message =
        "this entry is dated 2018-12-24, outside its cohort's period (2019-03-01 to 2019-10-31)";
    let d = reports(&p, &[], 0, warning(TRELLO_MD, 3, 7, message));
    assert!(help(&d).contains("period"), "{d:#?}");
    reports(&p, &["--strict"], 1, error(TRELLO_MD, 3, 7, message));

    // A warning does not stop the build; --strict does, and nothing is written.
    let strict = p.build(&["--strict"]);
    strict.assert_code(1);
    assert_reported(
        &strict.stderr,
        "error",
        message,
        &format!("{TRELLO_MD}:3:7"),
    );
    assert!(!p.out().exists(), "a failed strict build wrote output");
    let lenient = p.build(&[]);
    lenient.assert_code(0);
    assert_reported(
        &lenient.stderr,
        "warning",
        message,
        &format!("{TRELLO_MD}:3:7"),
    );
    assert!(p
        .site()
        .has("cohorts/2019/keller-yilmaz/2019-04-17-trello/index.html"));
}

#[test]
fn an_unknown_front_matter_field_is_a_warning_suggesting_the_known_one() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "topics: [", "tags: [");
    let d = reports(
        &p,
        &[],
        0,
        warning(TRELLO_MD, 4, 1, "unknown field `tags` is ignored"),
    );
    assert!(help(&d).starts_with("did you mean `topics`?"), "{d:#?}");
}

#[test]
fn an_attachment_nobody_links_to_is_a_warning_and_not_published() {
    let p = Project::mini();
    let file = format!("{KELLER_YILMAZ}/vergessen.pdf");
    p.write(&file, "%PDF-1.4 niemand verlinkt mich");
    let message = "this file is not linked from any entry, so it is not published";
    let d = reports(&p, &[], 0, warning(&file, 0, 0, message));
    assert!(help(&d).contains("[Beschreibung](vergessen.pdf)"), "{d:#?}");
    reports(&p, &["--strict"], 1, error(&file, 0, 0, message));
    let build = p.build(&[]);
    build.assert_ok();
    assert_reported(&build.stderr, "warning", message, &file);
    assert!(
        !p.site().files().iter().any(|f| f.contains("vergessen")),
        "the unlinked attachment was published"
    );
    // An attachment that only a private entry links to is not published either, but
    // it is not forgotten: no warning.
    let (_, diags) = p.check_json(&[]);
    assert!(
        !diags.iter().any(|d| d.file.ends_with("nur-privat.pdf")),
        "{diags:#?}"
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let p = Project::mini();
    p.edit(PROFIL_MD, "date: 2019-04-04", "date: 2019-04-31");
    p.edit(
        TRELLO_MD,
        "topics: [arbeitsorganisation,",
        "topics: [arbeitsorganisatoin,",
    );
    let first = "`2019-04-31` is not a date: the month has no day 31";
    let second = "unknown topic `arbeitsorganisatoin` in `topics`";

    let (code, diags) = p.check_json(&[]);
    assert_eq!(code, 1);
    assert!(
        diags
            .iter()
            .any(|d| d.message == first && d.file == PROFIL_MD),
        "{diags:#?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.message == second && d.file == TRELLO_MD),
        "{diags:#?}"
    );

    for run in [p.check(&[]), p.build(&[])] {
        run.assert_code(1);
        assert_reported(&run.stderr, "error", first, &format!("{PROFIL_MD}:3:7"));
        assert_reported(&run.stderr, "error", second, &format!("{TRELLO_MD}:4:10"));
        assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
    }
}

// ---------------------------------------------------------------------------------
// Reports, exit status and what gets written
// ---------------------------------------------------------------------------------

#[test]
fn check_of_good_content_finds_nothing_and_writes_nothing() {
    let p = Project::mini();
    let run = p.check(&[]);
    run.assert_ok();
    assert!(run.stderr.contains("No problems found."), "{}", run.stderr);
    let (code, diags) = p.check_json(&[]);
    assert_eq!((code, diags), (0, vec![]));
    let names: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["content"], "check wrote files");
}

#[test]
fn the_json_report_gives_each_problem_with_severity_file_line_column_message_and_help() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "topics: [", "tags: [");
    p.edit(PROFIL_MD, "date: 2019-04-04", "date: 2019-04-31");
    let run = p.check(&["--format", "json"]);
    run.assert_code(1);
    // parse_json_report insists on exactly these six fields.
    let diags = parse_json_report(&run.stdout);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    let severities: Vec<&str> = diags.iter().map(|d| d.severity.as_str()).collect();
    assert!(
        severities.contains(&"error") && severities.contains(&"warning"),
        "{diags:#?}"
    );
    assert!(diags
        .iter()
        .all(|d| d.line > 0 && d.column > 0 && d.help.is_some()));
}

#[test]
fn a_build_with_errors_writes_nothing() {
    let p = Project::mini();
    p.edit(PROFIL_MD, "date: 2019-04-04", "date: 2019-04-31");
    let run = p.build(&[]);
    run.assert_code(1);
    assert!(!p.out().exists(), "output written despite errors");
    let names: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["content"], "a failed build left files behind");
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let p = Project::mini();
    let run = p.build(&["--bogus"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unexpected argument '--bogus'"),
        "{}",
        run.stderr
    );
    assert!(!p.out().exists());
    let run = p.check(&["--format", "xml"]);
    run.assert_code(2);
    assert!(run.stderr.contains("xml"), "{}", run.stderr);
}

#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let p = Project::empty();
    for cmd in ["build", "check"] {
        let run = tandem(p.root(), &[cmd, "--content", "gibtsnicht"]);
        run.assert_code(2);
        assert!(
            run.stderr
                .contains("error: the content folder `gibtsnicht` does not exist"),
            "{cmd}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--content DIR"),
            "{cmd} explains the fix: {}",
            run.stderr
        );
    }
    // Without --content, `./content` is meant.
    let run = tandem(p.root(), &["build"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("the content folder `content` does not exist"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(p.root()).unwrap().count(),
        0,
        "nothing is written"
    );
}

#[test]
fn a_duration_that_is_no_duration_is_an_error_quoting_what_was_written() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "duration: 45", "duration: lang");
    reports(
        &p,
        &[],
        1,
        error(TRELLO_MD, 5, 11, "`lang` is not a duration"),
    );
}

#[test]

fn a_huge_number_as_duration_is_quoted_as_written() {
    let p = Project::mini();
    p.edit(
        TRELLO_MD,
        "duration: 45",
        "duration: 99999999999999999999999999",
    );
    reports(
        &p,
        &[],
        1,
        error(
            TRELLO_MD,
            5,
            11,
            "`99999999999999999999999999` is not a duration",
        ),
    );
}

// ---------------------------------------------------------------------------------
// Garbage in: reports, never a crash
// ---------------------------------------------------------------------------------

#[test]
fn malformed_files_never_make_tandem_panic() {
    type Spoil = fn(&Project);
    let cases: Vec<(&str, Spoil)> = vec![
        ("empty entry", |p| {
            p.write(&format!("{KELLER_YILMAZ}/2019-04-01-leer.md"), "")
        }),
        ("only ---", |p| {
            p.write(&format!("{KELLER_YILMAZ}/2019-04-02-strich.md"), "---\n")
        }),
        ("--- twice", |p| {
            p.write(&format!("{KELLER_YILMAZ}/2019-04-03-zwei.md"), "---\n---\n")
        }),
        ("binary entry", |p| {
            let bytes: Vec<u8> = (0..=255u8)
                .cycle()
                .take(2048)
                .map(|b| b.wrapping_mul(37))
                .collect();
            p.write(&format!("{KELLER_YILMAZ}/2019-04-04-binaer.md"), bytes)
        }),
        ("huge numbers", |p| {
            p.write(
                &format!("{KELLER_YILMAZ}/2019-04-05-zahlen.md"),
                "---\ntitle: 1e999999\ndate: 99999999-99-99\nduration: 99999999999999999999999999999999\ndraft: 123456789012345678901234567890\n---\nx\n",
            )
        }),
        ("huge weight", |p| {
            p.write(
                "docs/gewicht.md",
                "---\nweight: 99999999999999999999999999\n---\n# G\n",
            )
        }),
        ("nested lists", |p| {
            p.write(
                &format!("{KELLER_YILMAZ}/2019-04-06-tief.md"),
                format!(
                    "---\ntopics: {}{}\n---\n{}\n",
                    "[".repeat(5000),
                    "]".repeat(5000),
                    "> ".repeat(5000)
                ),
            )
        }),
        ("empty program.yaml", |p| p.write("program.yaml", "")),
        ("binary program.yaml", |p| {
            p.write("program.yaml", [0u8, 159, 146, 150, 255, 0, 10])
        }),
        ("program.yaml a list", |p| {
            p.write("program.yaml", "- a\n- b\n")
        }),
        ("cohort.yaml only ---", |p| {
            p.write("cohorts/2019/cohort.yaml", "---\n")
        }),
        ("tandem.yaml wrong shapes", |p| {
            p.write(
                BERGER_VOGT_YAML,
                "mentor: [1, 2]\nfocus: {a: b}\ngoals: [x]\n",
            )
        }),
        ("name without letters", |p| {
            p.write(
                &format!("{KELLER_YILMAZ}/???.md"),
                "---\ndate: 2019-04-07\n---\nx\n",
            )
        }),
        ("link out of the content", |p| {
            p.write(
                &format!("{KELLER_YILMAZ}/2019-04-08-raus.md"),
                "[x](../../../../../../etc/passwd) [y](%zz.md) [z](<>)\n",
            )
        }),
    ];
    for (what, spoil) in cases {
        let p = Project::mini();
        spoil(&p);
        for run in [p.check(&[]), p.check(&["--format", "json"]), p.build(&[])] {
            assert!(
                !run.stderr.contains("panicked") && (run.code == 0 || run.code == 1),
                "{what}: exit status {}\n{}",
                run.code,
                run.stderr
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// Two things at one address
// ---------------------------------------------------------------------------------

#[test]

fn a_static_file_at_the_address_of_a_generated_page_is_an_error_naming_it() {
    for file in ["static/index.html", "static/atom.xml"] {
        let p = Project::mini();
        p.write(file, "<p>von Hand</p>\n");
        let (code, diags) = p.check_json(&[]);
        assert_eq!(code, 1, "{file}: {diags:#?}");
        assert!(
            diags
                .iter()
                .any(|d| d.severity == "error" && d.file == file),
            "{file} is not named in an error: {diags:#?}"
        );
        p.build(&[]).assert_code(1);
    }
}

#[test]

fn an_attachment_named_like_an_entry_page_is_an_error_naming_both_files() {
    let p = Project::mini();
    let attachment = "cohorts/2019/berger-vogt/2019-03-14-linkedin";
    p.write(attachment, "ohne Endung\n");
    let erster = "cohorts/2019/berger-vogt/2019-05-02-erster-beitrag.md";
    let text = p.read(erster);
    p.write(erster, format!("{text}\n[Notiz](2019-03-14-linkedin)\n"));
    let (code, diags) = p.check_json(&[]);
    assert_eq!(code, 1, "{diags:#?}");
    assert!(
        diags.iter().any(|d| d.severity == "error"
            && d.message.contains(&format!("`{attachment}`"))
            && d.message.contains(&format!("`{attachment}.md`"))),
        "no error naming both files: {diags:#?}"
    );
}

#[test]
fn a_static_file_in_the_search_index_folder_is_an_error() {
    let p = Project::mini();
    p.write("static/pagefind/pagefind.js", "alert(1)");
    let (_, diags) = p.check_json(&[]);
    assert!(
        diags.iter().any(|d| d.file == "static/pagefind/pagefind.js"
            && d.message == "the folder `pagefind/` of the site holds the search index"),
        "{diags:#?}"
    );
    p.build(&[]).assert_code(1);
}

/// `check` renders every page (without keeping or writing any): a template error that
/// shows only while rendering is reported, with the template's name.
#[test]
fn check_reports_a_template_error_that_shows_only_when_rendering() {
    let p = Project::mini();
    p.use_broken_entry_template();
    let run = p.check(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("kaputt/templates/entry.html"),
        "the message names the theme's file: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("(built-in theme)"),
        "the broken template is the theme's, not the built-in one: {}",
        run.stderr
    );
    assert!(!p.out().exists(), "check wrote an output folder");
}
