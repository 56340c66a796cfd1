//! Content errors and warnings: each names file:line:column, says in plain words what
//! is wrong and, where it can, how to fix it — in `tandem check` (for people and as
//! JSON for CI) and in `tandem build`, in the programme's language: each message is
//! checked word for word in German (the fixture's language) and in English (the same
//! fixture with `language: en`). Exit status 1 for content errors, 2 for usage errors.

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

/// What the terminal calls a problem of `severity` ("error", "warning") in `lang`.
fn label(severity: &str, lang: &str) -> &'static str {
    match (severity, lang) {
        ("error", "de") => "Fehler",
        ("warning", "de") => "Warnung",
        ("error", _) => "error",
        _ => "warning",
    }
}

/// The fixture's programme, German, becomes English.
fn in_english(p: &Project) {
    p.edit("program.yaml", "language: de\n", "language: en\n");
}

/// Runs `check` (for people and as JSON) with `args`, expects exit status `code`, and
/// finds the problem in both reports, in German. Returns it as JSON gave it (for its
/// help).
fn reports(p: &Project, args: &[&str], code: i32, e: Expected) -> Diag {
    reports_in(p, "de", args, code, e)
}

/// [`reports`] in `lang`, the language of the programme.
fn reports_in(p: &Project, lang: &str, args: &[&str], code: i32, e: Expected) -> Diag {
    let human = p.check(args);
    human.assert_no_panic().assert_code(code);
    assert_reported(
        &human.stderr,
        label(e.severity, lang),
        e.message,
        &e.location(),
    );

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

/// A problem in both languages, as the library gives it.
#[derive(Debug)]
struct Texts {
    file: String,
    de: String,
    en: String,
    help_de: Option<String>,
    help_en: Option<String>,
}

/// Every problem `check` finds in the project, in both languages.
fn texts_of(p: &Project) -> Vec<Texts> {
    let opts = tandem::build::Options {
        content: p.content(),
        search: tandem::build::SearchWhen::Never,
        ..Default::default()
    };
    let outcome = tandem::build::run(
        &opts,
        &mut tandem::build::Cache::for_one_build(),
        Some(&|_| {}),
    );
    outcome
        .diags
        .iter()
        .map(|d| Texts {
            file: d.file.clone(),
            de: d.message.de.clone(),
            en: d.message.en.clone(),
            help_de: d.help.as_ref().map(|h| h.de.clone()),
            help_en: d.help.as_ref().map(|h| h.en.clone()),
        })
        .collect()
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
    let message = "In Zeile 2 steht nach `title:` noch ein Doppelpunkt: `Rückblick: Teil 2`";
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
        "In Zeile 2 steht nach `title:` noch ein Doppelpunkt: `Rückblick: Teil 2`",
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
            "`2019-02-30` ist kein Datum: den 30. Februar gibt es nicht",
        ),
    );
    assert!(help(&d).contains("Jahr-Monat-Tag"), "{d:#?}");
}

#[test]
fn an_unknown_topic_in_an_entry_is_an_error_suggesting_the_closest_topic() {
    let p = Project::mini();
    p.edit(
        PROFIL_MD,
        "topics: [onlinemarketing, fuehrung]",
        "topics: [onlinemarketting, fuehrung]",
    );
    let de = "Das Thema `onlinemarketting` unter `topics` gibt es in diesem Programm nicht";
    let d = reports(&p, &[], 1, error(PROFIL_MD, 4, 10, de));
    assert_eq!(help(&d), "Meinten Sie `onlinemarketing`?");
    only_problem(&p, de);
    in_english(&p);
    let en = "unknown topic `onlinemarketting` in `topics`";
    let d = reports_in(&p, "en", &[], 1, error(PROFIL_MD, 4, 10, en));
    assert_eq!(help(&d), "did you mean `onlinemarketing`?");
    only_problem(&p, en);
}

#[test]
fn an_unknown_topic_nothing_like_a_known_one_gets_the_list_of_topics() {
    let p = Project::mini();
    p.edit(PROFIL_MD, "topics: [onlinemarketing,", "topics: [Kochen,");
    let d = reports(
        &p,
        &[],
        1,
        error(
            PROFIL_MD,
            4,
            10,
            "Das Thema `Kochen` unter `topics` gibt es in diesem Programm nicht",
        ),
    );
    assert_eq!(
        help(&d),
        "Die Themen dieses Programms sind: onlinemarketing, fuehrung, arbeitsorganisation. \
         Neue Themen legen Sie in program.yaml unter `topics:` an."
    );
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        1,
        error(PROFIL_MD, 4, 10, "unknown topic `Kochen` in `topics`"),
    );
    assert_eq!(
        help(&d),
        "the topics of this programme are: onlinemarketing, fuehrung, arbeitsorganisation; \
         new topics are added in program.yaml under `topics:`"
    );
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
            "Das Thema `onlinemarketting` unter `focus` gibt es in diesem Programm nicht",
        ),
    );
    assert_eq!(help(&d), "Meinten Sie `onlinemarketing`?");
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
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
    // Without program.yaml there is no language: German, the default.
    let d = reports(
        &p,
        &[],
        1,
        error(
            "program.yaml",
            0,
            0,
            "Im Inhaltsordner fehlt die Datei program.yaml",
        ),
    );
    assert_eq!(
        help(&d),
        "Legen Sie content/program.yaml an, mit mindestens einer Zeile wie `title: Reverse Mentoring` \
         (oder beginnen Sie mit `tandem init` ein neues Programm)."
    );
    // And in English, as the library gives it.
    let (en, help_en) = texts_of(&p)
        .into_iter()
        .find(|t| t.file == "program.yaml")
        .map(|t| (t.en, t.help_en))
        .unwrap();
    assert_eq!(en, "the content folder has no program.yaml");
    assert_eq!(
        help_en.as_deref(),
        Some(
            format!(
                "create {}/program.yaml with at least a line like `title: Reverse Mentoring` \
                 (or run `tandem init` to start a new programme)",
                p.content().display()
            )
            .as_str()
        )
    );
    p.build(&[]).assert_code(1);
    assert!(!p.out().exists());
}

#[test]
fn a_missing_program_yaml_is_the_only_problem_reported() {
    let p = Project::mini();
    p.remove("program.yaml");
    only_problem(&p, "Im Inhaltsordner fehlt die Datei program.yaml");
}

#[test]
fn a_program_yaml_without_title_is_an_error() {
    let p = Project::mini();
    p.edit("program.yaml", "title: Mini-Mentoring\n", "");
    let d = reports(
        &p,
        &[],
        1,
        error(
            "program.yaml",
            1,
            1,
            "In program.yaml fehlt der Titel (`title`)",
        ),
    );
    assert_eq!(
        help(&d),
        "Ergänzen Sie eine Zeile wie `title: Reverse Mentoring`."
    );
    p.build(&[]).assert_code(1);
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        1,
        error("program.yaml", 1, 1, "program.yaml has no `title`"),
    );
    assert_eq!(help(&d), "add a line like `title: Reverse Mentoring`");
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
            assert_reported(&p.check(&[]).stderr, "Fehler", message, &location);
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
        error(PROFIL_MD, 7, 1, "Das Feld `format` steht zweimal da"),
    );
    assert!(help(&d).contains("Behalten Sie nur eine"), "{d:#?}");
}

fn collision_message(a: &str, b: &str, page: &str, d: &Diag) -> bool {
    [(a, b), (b, a)].iter().any(|(a, b)| {
        d.message == format!("`{a}` und `{b}` würden beide zur Seite {page}")
            || d.message == format!("`{a}` and `{b}` would both become the page {page}")
    })
}

/// The help for two files at one address, in the programme's language.
const COLLISION_HELP: [&str; 2] = [
    "Benennen Sie eine der beiden Dateien um, sodass sich die Namen nicht nur in Groß- und \
     Kleinschreibung, Umlauten oder Satzzeichen unterscheiden.",
    "rename one of the two so that their names differ in more than capitals, umlauts or punctuation",
];

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
    assert!(d.message.contains("würden beide"), "in German: {d:#?}");
    assert_eq!(help(d), COLLISION_HELP[0]);
    assert!(d.file == a || d.file == b, "{d:#?}");
    let human = p.check(&[]);
    assert_reported(&human.stderr, "Fehler", &d.message, &d.file);
    p.build(&[]).assert_code(1);
    in_english(&p);
    let (_, diags) = p.check_json(&[]);
    let d = diags
        .iter()
        .find(|d| collision_message(&a, &b, &page, d) && d.message.contains("would both"))
        .unwrap_or_else(|| panic!("no collision error in English: {diags:#?}"));
    assert_eq!(help(d), COLLISION_HELP[1]);
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
fn a_static_file_at_the_address_of_a_page_tandem_writes_names_that_page() {
    let p = Project::mini();
    p.write("static/atom.xml", "<feed/>\n");
    let de = "`static/atom.xml` und (die Seite /atom.xml, die tandem schreibt) würden beide zur Seite /atom.xml";
    let d = reports(&p, &[], 1, error("static/atom.xml", 0, 0, de));
    assert_eq!(help(&d), COLLISION_HELP[0]);
    in_english(&p);
    let en = "`static/atom.xml` and (the page /atom.xml that tandem writes) would both become the page /atom.xml";
    let d = reports_in(&p, "en", &[], 1, error("static/atom.xml", 0, 0, en));
    assert_eq!(help(&d), COLLISION_HELP[1]);
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
            "Diese Datei ist nicht als UTF-8 gespeichert, deshalb können ihre Zeichen nicht gelesen werden",
        ),
    );
    assert_eq!(
        help(&d),
        "Speichern Sie die Datei mit der Kodierung „UTF-8“ (in den meisten Editoren: \
         Datei → Speichern unter → Kodierung: UTF-8)."
    );
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        1,
        error(
            &file,
            2,
            10,
            "this file is not saved as UTF-8 text, so its characters cannot be read",
        ),
    );
    assert_eq!(
        help(&d),
        "save the file with the encoding \"UTF-8\" (in most editors: File → Save with Encoding → UTF-8)"
    );
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
        "Der Link `2019-09-09-protokoll.md` zeigt auf `{KELLER_YILMAZ}/2019-09-09-protokoll.md`, aber diese Datei gibt es nicht"
    );
    let d = reports(&p, &[], 1, error(TRELLO_MD, 11, 7, &message));
    assert!(
        help(&d).contains("Links gehen vom Ordner dieser Datei aus"),
        "{d:#?}"
    );
    let build = p.build(&[]);
    build.assert_code(1);
    assert_reported(
        &build.stderr,
        "Fehler",
        &message,
        &format!("{TRELLO_MD}:11:7"),
    );
}

#[test]
fn an_entry_dated_outside_its_cohorts_period_is_a_warning_and_with_strict_an_error() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "date: 2019-04-17", "date: 2018-12-24");
    let message = "Dieser Eintrag ist auf den 24. Dezember 2018 datiert, außerhalb des Zeitraums \
                   seines Jahrgangs (1. März 2019 bis 31. Oktober 2019)";
    let d = reports(&p, &[], 0, warning(TRELLO_MD, 3, 7, message));
    assert_eq!(
        help(&d),
        "Prüfen Sie das Datum, oder erweitern Sie den Zeitraum (`period`) in cohort.yaml."
    );
    reports(&p, &["--strict"], 1, error(TRELLO_MD, 3, 7, message));

    // A warning does not stop the build; --strict does, and nothing is written.
    let strict = p.build(&["--strict"]);
    strict.assert_code(1);
    assert_reported(
        &strict.stderr,
        "Fehler",
        message,
        &format!("{TRELLO_MD}:3:7"),
    );
    assert!(!p.out().exists(), "a failed strict build wrote output");
    let lenient = p.build(&[]);
    lenient.assert_code(0);
    assert_reported(
        &lenient.stderr,
        "Warnung",
        message,
        &format!("{TRELLO_MD}:3:7"),
    );
    assert!(p
        .site()
        .has("cohorts/2019/keller-yilmaz/2019-04-17-trello/index.html"));

    in_english(&p);
    let message = "this entry is dated 24 December 2018, outside its cohort's period \
                   (1 March 2019 to 31 October 2019)";
    let d = reports_in(&p, "en", &[], 0, warning(TRELLO_MD, 3, 7, message));
    assert_eq!(
        help(&d),
        "check the date, or widen the `period` in cohort.yaml"
    );
    reports_in(&p, "en", &["--strict"], 1, error(TRELLO_MD, 3, 7, message));
}

#[test]
fn a_period_that_ends_before_it_starts_is_an_error_at_its_end() {
    let p = Project::mini();
    p.edit(
        "cohorts/2019/cohort.yaml",
        "end: 2019-10-31",
        "end: 2018-10-31",
    );
    let d = reports(
        &p,
        &[],
        1,
        error(
            "cohorts/2019/cohort.yaml",
            2,
            35,
            "Der Zeitraum endet am 31. Oktober 2018, bevor er am 1. März 2019 beginnt",
        ),
    );
    assert_eq!(
        help(&d),
        "Tauschen Sie die Daten von `start` und `end`, oder korrigieren Sie eines der beiden."
    );
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        1,
        error(
            "cohorts/2019/cohort.yaml",
            2,
            35,
            "the period ends on 31 October 2018, before it starts on 1 March 2019",
        ),
    );
    assert_eq!(
        help(&d),
        "swap the dates of `start` and `end`, or correct one of them"
    );
}

#[test]
fn an_unknown_front_matter_field_is_a_warning_suggesting_the_known_one() {
    let p = Project::mini();
    p.edit(TRELLO_MD, "topics: [", "tags: [");
    let d = reports(
        &p,
        &[],
        0,
        warning(
            TRELLO_MD,
            4,
            1,
            "Das Feld `tags` ist unbekannt und wird nicht beachtet",
        ),
    );
    assert_eq!(
        help(&d),
        "Meinten Sie `topics`? Schreiben Sie `topics:` statt `tags:`. Bekannte Felder: \
         title, date, topics, duration, format, authors, visibility, draft."
    );
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        0,
        warning(TRELLO_MD, 4, 1, "unknown field `tags` is ignored"),
    );
    assert_eq!(
        help(&d),
        "did you mean `topics`? Write `topics:` instead of `tags:`. Known fields: \
         title, date, topics, duration, format, authors, visibility, draft"
    );
}

#[test]
fn an_attachment_nobody_links_to_is_a_warning_and_not_published() {
    let p = Project::mini();
    let file = format!("{KELLER_YILMAZ}/vergessen.pdf");
    p.write(&file, "%PDF-1.4 niemand verlinkt mich");
    let message = "Diese Datei wird in keinem Eintrag verlinkt und deshalb nicht veröffentlicht";
    let d = reports(&p, &[], 0, warning(&file, 0, 0, message));
    assert!(help(&d).contains("[Beschreibung](vergessen.pdf)"), "{d:#?}");
    reports(&p, &["--strict"], 1, error(&file, 0, 0, message));
    let build = p.build(&[]);
    build.assert_ok();
    assert_reported(&build.stderr, "Warnung", message, &file);
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
    let first = "`2019-04-31` ist kein Datum: den 31. April gibt es nicht";
    let second = "Das Thema `arbeitsorganisatoin` unter `topics` gibt es in diesem Programm nicht";

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
        assert_reported(&run.stderr, "Fehler", first, &format!("{PROFIL_MD}:3:7"));
        assert_reported(&run.stderr, "Fehler", second, &format!("{TRELLO_MD}:4:10"));
        assert!(
            run.stderr.lines().any(|l| l == "2 Fehler, 0 Warnungen"),
            "{}",
            run.stderr
        );
    }
    in_english(&p);
    let run = p.check(&[]);
    assert!(
        run.stderr.lines().any(|l| l == "2 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------
// Reports, exit status and what gets written
// ---------------------------------------------------------------------------------

#[test]
fn check_of_good_content_finds_nothing_and_writes_nothing() {
    let p = Project::mini();
    let run = p.check(&[]);
    run.assert_ok();
    assert_eq!(run.stderr, "Keine Probleme gefunden.\n");
    let (code, diags) = p.check_json(&[]);
    assert_eq!((code, diags), (0, vec![]));
    let names: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["content"], "check wrote files");
    in_english(&p);
    assert_eq!(p.check(&[]).stderr, "No problems found.\n");
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
    assert_eq!(
        run.stderr.lines().last(),
        Some(
            "Die Seite wurde nicht gebaut; die bisherige Ausgabe in `public` bleibt, wie sie war."
        )
    );
    assert!(!p.out().exists(), "output written despite errors");
    let names: Vec<_> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["content"], "a failed build left files behind");
    in_english(&p);
    assert_eq!(
        p.build(&[]).stderr.lines().last(),
        Some("The site was not built; the previous output in `public` is unchanged.")
    );
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
                .contains("Fehler: Den Inhaltsordner `gibtsnicht` gibt es nicht"),
            "{cmd}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--content ORDNER"),
            "{cmd} explains the fix: {}",
            run.stderr
        );
    }
    // Without --content, `./content` is meant.
    let run = tandem(p.root(), &["build"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("Den Inhaltsordner `content` gibt es nicht"),
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
    let d = reports(
        &p,
        &[],
        1,
        error(TRELLO_MD, 5, 11, "`lang` ist keine Dauer"),
    );
    assert_eq!(
        help(&d),
        "Schreiben Sie Minuten (`duration: 90`) oder Stunden und Minuten (`1h30`, `1,5 h`, `90min`)."
    );
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        1,
        error(TRELLO_MD, 5, 11, "`lang` is not a duration"),
    );
    assert_eq!(
        help(&d),
        "write minutes (`duration: 90`) or hours and minutes (`1h30`, `1,5 h`, `90min`)"
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
            "`99999999999999999999999999` ist keine Dauer",
        ),
    );
    in_english(&p);
    reports_in(
        &p,
        "en",
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
    for &(what, spoil) in MALFORMED {
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

/// A way to spoil the fixture.
type Spoil = fn(&Project);

/// Garbage of every kind.
const MALFORMED: &[(&str, Spoil)] = &[
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
    let de = format!(
        "`{attachment}` und `{attachment}.md` bräuchten beide dieselbe Adresse, einmal als Ordner und einmal als Datei"
    );
    let d = diags
        .iter()
        .find(|d| d.severity == "error" && d.message == de)
        .unwrap_or_else(|| panic!("no error naming both files: {diags:#?}"));
    assert_eq!(
        help(d),
        "Benennen Sie eine der beiden Dateien um, oder geben Sie der Datei eine Endung wie .pdf."
    );
    in_english(&p);
    let (_, diags) = p.check_json(&[]);
    let en = format!(
        "`{attachment}` and `{attachment}.md` would both need the address of a folder and a file"
    );
    let d = diags
        .iter()
        .find(|d| d.message == en)
        .unwrap_or_else(|| panic!("no error naming both files: {diags:#?}"));
    assert_eq!(
        help(d),
        "rename one of the two, or give the file an extension such as .pdf"
    );
}

#[test]
fn a_static_file_in_the_search_index_folder_is_an_error() {
    let p = Project::mini();
    p.write("static/pagefind/pagefind.js", "alert(1)");
    let file = "static/pagefind/pagefind.js";
    let d = reports(
        &p,
        &[],
        1,
        error(
            file,
            0,
            0,
            "Im Ordner `pagefind/` der Seite liegt der Suchindex",
        ),
    );
    assert_eq!(
        help(&d),
        "Verschieben Sie die Datei in einen anderen Ordner in static/."
    );
    p.build(&[]).assert_code(1);
    in_english(&p);
    let d = reports_in(
        &p,
        "en",
        &[],
        1,
        error(
            file,
            0,
            0,
            "the folder `pagefind/` of the site holds the search index",
        ),
    );
    assert_eq!(help(&d), "move the file to another folder inside static/");
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
    let (_, diags) = p.check_json(&[]);
    let d = diags
        .iter()
        .find(|d| d.file == "kaputt/templates/entry.html")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(
        d.message
            .starts_with("Die Vorlage kann nicht verwendet werden: "),
        "{d:#?}"
    );
    assert_eq!(
        help(d),
        "Korrigieren Sie die Vorlage in Ihrem Theme-Ordner, oder löschen Sie sie, um die eingebaute zu verwenden."
    );
    p.edit("program.yaml", "language: de\n", "language: en\n");
    let (_, diags) = p.check_json(&[]);
    let d = diags
        .iter()
        .find(|d| d.file == "kaputt/templates/entry.html")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert!(
        d.message.starts_with("the template cannot be used: "),
        "{d:#?}"
    );
    assert_eq!(
        help(d),
        "fix the template in your theme folder, or delete it to use the built-in one"
    );
}

// ---------------------------------------------------------------------------------
// Both languages
// ---------------------------------------------------------------------------------

/// Messages that another change is putting into German, still the same in both
/// languages; to be removed from this list as they get their German words.
const NOT_YET_GERMAN: [&str; 0] = [];

/// The bad inputs of this file's tests of single problems.
const BAD_INPUTS: &[(&str, Spoil)] = &[
    ("yaml", |p| {
        p.edit(
            PROFIL_MD,
            "title: Das Profil steht",
            "title: Rückblick: Teil 2",
        )
    }),
    ("date", |p| {
        p.edit(TRELLO_MD, "date: 2019-04-17", "date: 2019-02-30")
    }),
    ("topic", |p| {
        p.edit(PROFIL_MD, "[onlinemarketing,", "[onlinemarketting,")
    }),
    ("far topic", |p| {
        p.edit(PROFIL_MD, "[onlinemarketing,", "[Kochen,")
    }),
    ("focus", |p| {
        p.edit(BERGER_VOGT_YAML, "[onlinemarketing,", "[onlinemarketting,")
    }),
    ("no program.yaml", |p| p.remove("program.yaml")),
    ("no title", |p| {
        p.edit("program.yaml", "title: Mini-Mentoring\n", "")
    }),
    ("twice", |p| {
        p.edit(
            PROFIL_MD,
            "format: video\n",
            "format: video\nformat: telefon\n",
        )
    }),
    ("capitals", |p| {
        p.write(
            &format!("{KELLER_YILMAZ}/2019-03-14-Treffen.md"),
            "---\ntitle: Eins\n---\nText\n",
        );
        p.write(
            &format!("{KELLER_YILMAZ}/2019-03-14-treffen.md"),
            "---\ntitle: Zwei\n---\nText\n",
        );
    }),
    ("latin1", |p| {
        p.write(
            &format!("{KELLER_YILMAZ}/2019-04-01-latin1.md"),
            b"---\ntitle: Gr\xf6\xdfe\n---\nText\n",
        )
    }),
    ("link", |p| {
        p.write(
            &format!("{KELLER_YILMAZ}/2019-04-02-link.md"),
            "[Protokoll](2019-09-09-protokoll.md)\n",
        )
    }),
    ("outside period", |p| {
        p.edit(TRELLO_MD, "date: 2019-04-17", "date: 2018-12-24")
    }),
    ("period reversed", |p| {
        p.edit(
            "cohorts/2019/cohort.yaml",
            "end: 2019-10-31",
            "end: 2018-10-31",
        )
    }),
    ("tags", |p| p.edit(TRELLO_MD, "topics: [", "tags: [")),
    ("duration", |p| {
        p.edit(TRELLO_MD, "duration: 45", "duration: lang")
    }),
    ("static page", |p| {
        p.write("static/index.html", "<p>von Hand</p>\n");
        p.write("static/atom.xml", "<feed/>\n");
    }),
    ("attachment", |p| {
        p.write(
            "cohorts/2019/berger-vogt/2019-03-14-linkedin",
            "ohne Endung\n",
        );
        p.write(
            "cohorts/2019/berger-vogt/2019-05-03-notiz.md",
            "[Notiz](2019-03-14-linkedin)\n",
        );
    }),
    ("pagefind", |p| {
        p.write("static/pagefind/pagefind.js", "alert(1)")
    }),
    ("template", |p| p.use_broken_entry_template()),
    ("language", |p| {
        p.edit("program.yaml", "language: de", "language: fr")
    }),
];

/// Every problem that any bad input of this file gives has its own German and English
/// words: none is English in a German programme.
#[test]
fn every_problem_of_every_bad_input_has_german_and_english_words() {
    let mut same = Vec::new();
    let mut seen = 0;
    let every = BAD_INPUTS
        .iter()
        .chain(MALFORMED)
        .copied()
        .chain(OTHER_CASES.iter().map(|c| (c.file, c.spoil)));
    for (what, spoil) in every {
        let p = Project::mini();
        spoil(&p);
        for t in texts_of(&p) {
            seen += 1;
            if NOT_YET_GERMAN.iter().any(|m| t.en.contains(m)) {
                continue;
            }
            if t.de == t.en {
                same.push(format!("{what}: {}", t.en));
            }
            if t.help_de.is_some() && t.help_de == t.help_en {
                same.push(format!("{what}: help {:?}", t.help_en));
            }
            if t.help_de.is_none() {
                same.push(format!("{what}: no help for {}", t.en));
            }
        }
    }
    assert!(seen > 30, "the bad inputs gave only {seen} problems");
    assert!(same.is_empty(), "only one language:\n{}", same.join("\n"));
}

/// When program.yaml cannot be read, a line `language: …` in it still chooses the
/// language of the messages; without one they are German, the default.
#[test]
fn a_program_yaml_that_cannot_be_read_still_gives_its_language() {
    let p = Project::mini();
    p.edit("program.yaml", "title: Mini-Mentoring", "title: [kaputt");
    p.edit("cohorts/2019/cohort.yaml", "title: Jahrgang 2019\n", "");
    let cohort = |p: &Project| {
        let (code, diags) = p.check_json(&[]);
        assert_eq!(code, 1);
        diags
            .into_iter()
            .find(|d| d.file == "cohorts/2019/cohort.yaml")
            .map(|d| d.message)
            .unwrap_or_default()
    };
    assert_eq!(cohort(&p), "In cohort.yaml fehlt der Titel (`title`)");
    in_english(&p);
    assert_eq!(cohort(&p), "cohort.yaml has no `title`");
    let human = p.check(&[]);
    assert_reported(
        &human.stderr,
        "error",
        "cohort.yaml has no `title`",
        "cohorts/2019/cohort.yaml:1:1",
    );
    p.edit("program.yaml", "language: en\n", "");
    assert_eq!(cohort(&p), "In cohort.yaml fehlt der Titel (`title`)");
}

// ---------------------------------------------------------------------------------
// The other error paths, word for word in both languages
// ---------------------------------------------------------------------------------

/// A bad input and the one problem it gives, in German and in English.
struct Case {
    spoil: Spoil,
    file: &'static str,
    line: u64,
    column: u64,
    severity: &'static str,
    de: [&'static str; 2],
    en: [&'static str; 2],
}

/// Finds the case's problem in `check --format json`, with its message and help.
fn assert_case(p: &Project, c: &Case, lang: &str) {
    let [message, help] = if lang == "de" { c.de } else { c.en };
    let (_, diags) = p.check_json(&[]);
    let d = diags
        .iter()
        .find(|d| d.file == c.file && d.message == message)
        .unwrap_or_else(|| panic!("`{message}` ({lang}) not reported: {diags:#?}"));
    assert_eq!(
        (d.severity.as_str(), d.line, d.column, d.help.as_deref()),
        (c.severity, c.line, c.column, Some(help)),
        "{message}"
    );
}

#[test]
fn each_other_problem_is_said_in_german_and_in_english() {
    for c in OTHER_CASES {
        let p = Project::mini();
        (c.spoil)(&p);
        assert_case(&p, c, "de");
        in_english(&p);
        assert_case(&p, c, "en");
    }
}

/// Error paths not tested on their own above.
const OTHER_CASES: &[Case] = &[
        Case {
            spoil: |p| p.edit(TRELLO_MD, "format: video\n", "format: video\nvisibility: geheim\n"),
            file: TRELLO_MD,
            line: 7,
            column: 13,
            severity: "error",
            de: [
                "Die Sichtbarkeit `geheim` gibt es nicht",
                "Schreiben Sie `shared` (für alle sichtbar) oder `private` (wird nie veröffentlicht).",
            ],
            en: [
                "unknown visibility `geheim`",
                "write `shared` (everyone) or `private` (never published)",
            ],
        },
        Case {
            spoil: |p| p.edit(TRELLO_MD, "format: video\n", "format: video\ndraft: vielleicht\n"),
            file: TRELLO_MD,
            line: 7,
            column: 8,
            severity: "error",
            de: [
                "`vielleicht` ist weder ja (`true`) noch nein (`false`)",
                "Schreiben Sie `true` (ja) oder `false` (nein).",
            ],
            en: [
                "`vielleicht` is neither yes (`true`) nor no (`false`)",
                "write `true` (yes) or `false` (no)",
            ],
        },
        Case {
            spoil: |p| p.edit("program.yaml", "https://example.org/rm/", "example.org"),
            file: "program.yaml",
            line: 6,
            column: 11,
            severity: "error",
            de: [
                "`example.org` ist keine Webadresse",
                "Schreiben Sie die vollständige Adresse, unter der die Seite erscheinen wird, \
                 z. B. `base_url: https://intranet.example.org/reverse-mentoring/`.",
            ],
            en: [
                "`example.org` is not a web address",
                "write the full address where the site will be hosted, \
                 e.g. `base_url: https://intranet.example.org/reverse-mentoring/`",
            ],
        },
        Case {
            spoil: |p| {
                let text = p.read("program.yaml");
                p.write("program.yaml", format!("{text}  - {{ id: fuehrung, title: Nochmal }}\n"));
            },
            file: "program.yaml",
            line: 16,
            column: 11,
            severity: "error",
            de: [
                "Das Thema `fuehrung` steht zweimal in der Liste (zuerst in Zeile 14)",
                "Löschen Sie eines der beiden Themen, oder geben Sie ihm eine andere Kennung (`id`).",
            ],
            en: [
                "the topic `fuehrung` is defined twice (first on line 14)",
                "remove one of the two topics, or give it another id",
            ],
        },
        Case {
            spoil: |p| {
                let text = p.read("program.yaml");
                p.write("program.yaml", format!("{text}  - {{ id: \"--\", title: Striche }}\n"));
            },
            file: "program.yaml",
            line: 16,
            column: 11,
            severity: "error",
            de: [
                "Die Kennung `--` des Themas hat keine Buchstaben oder Ziffern",
                "Geben Sie dem Thema eine kurze Kennung wie `id: fuehrung`.",
            ],
            en: [
                "the topic id `--` has no letters or digits",
                "give the topic a short id like `id: fuehrung`",
            ],
        },
        Case {
            spoil: |p| p.edit("program.yaml", "language: de\n", "language: de\ntheme: gibtsnicht\n"),
            file: "program.yaml",
            line: 6,
            column: 8,
            severity: "error",
            de: [
                "Den Theme-Ordner `gibtsnicht` gibt es nicht",
                "Geben Sie einen Ordner im Inhaltsordner an, oder löschen Sie die Zeile `theme:`, \
                 um die eingebaute Gestaltung zu verwenden.",
            ],
            en: [
                "the theme folder `gibtsnicht` does not exist",
                "give a folder inside the content folder, or remove `theme:` to use the built-in theme",
            ],
        },
        Case {
            spoil: |p| p.edit("docs/faq.md", "weight: 2", "weight: zwei"),
            file: "docs/faq.md",
            line: 3,
            column: 9,
            severity: "error",
            de: [
                "`zwei` ist keine ganze Zahl",
                "`weight` bestimmt die Reihenfolge in der Seitenleiste: Schreiben Sie eine ganze \
                 Zahl wie `weight: 10`; kleinere Zahlen stehen weiter oben.",
            ],
            en: [
                "`zwei` is not a whole number",
                "`weight` orders the sidebar: write a whole number like `weight: 10`; smaller comes first",
            ],
        },
        Case {
            spoil: |p| p.write("docs/---.md", "# Striche\n"),
            file: "docs/---.md",
            line: 0,
            column: 0,
            severity: "error",
            de: [
                "Der Name `---` hat keine Buchstaben oder Ziffern, aus denen eine Webadresse werden kann",
                "Benennen Sie die Datei oder den Ordner um, z. B. in `erste-schritte`.",
            ],
            en: [
                "the name `---` has no letters or digits to make a web address from",
                "rename the file or folder, e.g. `first-steps`",
            ],
        },
        Case {
            spoil: |p| p.write("cohorts/2019/+++/tandem.yaml", "mentor: { name: A }\n"),
            file: "cohorts/2019/+++",
            line: 0,
            column: 0,
            severity: "error",
            de: [
                "Der Ordnername `+++` hat keine Buchstaben oder Ziffern, aus denen eine Webadresse werden kann",
                "Benennen Sie den Ordner um, z. B. in `berger-vogt`.",
            ],
            en: [
                "the folder name `+++` has no letters or digits to make a web address from",
                "rename the folder, e.g. `berger-vogt`",
            ],
        },
        Case {
            spoil: |p| p.write(&format!("{KELLER_YILMAZ}/+++.md"), "---\ndate: 2019-04-01\n---\nx\n"),
            file: "cohorts/2019/keller-yilmaz/+++.md",
            line: 0,
            column: 0,
            severity: "error",
            de: [
                "Der Dateiname `+++.md` hat keine Buchstaben oder Ziffern, aus denen eine Webadresse werden kann",
                "Benennen Sie die Datei um, z. B. in `2019-03-14-erstes-treffen.md`.",
            ],
            en: [
                "the file name `+++.md` has no letters or digits to make a web address from",
                "rename the file, e.g. `2019-03-14-erstes-treffen.md`",
            ],
        },
        Case {
            spoil: |p| p.write(&format!("{KELLER_YILMAZ}/notiz.md"), "Text ohne Datum\n"),
            file: "cohorts/2019/keller-yilmaz/notiz.md",
            line: 1,
            column: 1,
            severity: "error",
            de: [
                "Dieser Eintrag hat kein Datum",
                "Schreiben Sie das Datum des Treffens oben zwischen die Zeilen `---`, z. B. \
                 `date: 2019-03-14`, oder lassen Sie den Dateinamen mit dem Datum beginnen: \
                 `2019-03-14-notiz.md`.",
            ],
            en: [
                "this entry has no date",
                "write the date of the meeting between the `---` lines at the top, e.g. \
                 `date: 2019-03-14`, or start the file name with the date: `2019-03-14-notiz.md`",
            ],
        },
        Case {
            spoil: |p| p.remove("cohorts/2019/cohort.yaml"),
            file: "cohorts/2019/cohort.yaml",
            line: 0,
            column: 0,
            severity: "error",
            de: [
                "Im Ordner des Jahrgangs fehlt die Datei cohort.yaml",
                "Legen Sie im Ordner cohorts/2019 die Datei cohort.yaml an, mit mindestens einer \
                 Zeile wie `title: Jahrgang 2019`.",
            ],
            en: [
                "this cohort folder has no cohort.yaml",
                "create cohort.yaml in the folder cohorts/2019 with at least a line like `title: Jahrgang 2019`",
            ],
        },
        Case {
            spoil: |p| p.edit("cohorts/2019/cohort.yaml", "title: Jahrgang 2019\n", ""),
            file: "cohorts/2019/cohort.yaml",
            line: 1,
            column: 1,
            severity: "error",
            de: [
                "In cohort.yaml fehlt der Titel (`title`)",
                "Ergänzen Sie eine Zeile wie `title: Jahrgang 2019`.",
            ],
            en: ["cohort.yaml has no `title`", "add a line like `title: Jahrgang 2019`"],
        },
        Case {
            spoil: |p| p.remove(BERGER_VOGT_YAML),
            file: BERGER_VOGT_YAML,
            line: 0,
            column: 0,
            severity: "error",
            de: [
                "Im Ordner des Tandems fehlt die Datei tandem.yaml",
                "Legen Sie im Ordner cohorts/2019/berger-vogt die Datei tandem.yaml mit den beiden \
                 Personen an, z. B.\nmentor: { name: Lena Vogt, role: Werkstudentin }\n\
                 mentee: { name: Dr. Hans Berger, role: Vorstand }",
            ],
            en: [
                "this tandem folder has no tandem.yaml",
                "create tandem.yaml in the folder cohorts/2019/berger-vogt with the two people, \
                 e.g.\nmentor: { name: Lena Vogt, role: Werkstudentin }\n\
                 mentee: { name: Dr. Hans Berger, role: Vorstand }",
            ],
        },
        Case {
            spoil: |p| {
                p.edit(
                    BERGER_VOGT_YAML,
                    "mentor: { name: Lena Vogt, role: Werkstudentin Digitales Marketing }\n",
                    "",
                )
            },
            file: BERGER_VOGT_YAML,
            line: 1,
            column: 1,
            severity: "error",
            de: [
                "In tandem.yaml fehlt der Name unter `mentor:` (Mentorin oder Mentor)",
                "Ergänzen Sie eine Zeile wie `mentor: { name: Vorname Nachname, role: Rolle }` \
                 mit dem richtigen Namen und der Rolle.",
            ],
            en: [
                "tandem.yaml has no name for the mentor",
                "add a line like `mentor: { name: Vorname Nachname, role: Rolle }` with the real \
                 name and role",
            ],
        },
        Case {
            spoil: |p| p.write("cohorts/2019/notiz.md", "# Notiz\n"),
            file: "cohorts/2019/notiz.md",
            line: 0,
            column: 0,
            severity: "warning",
            de: [
                "Diese Datei gehört zu keinem Tandem und wird übergangen",
                "Ein Jahrgangsordner enthält `cohort.yaml`, `index.md` und für jedes Tandem einen \
                 Ordner. Verschieben Sie die Datei in den Ordner eines Tandems, oder löschen Sie sie.",
            ],
            en: [
                "this file is not part of any tandem and is ignored",
                "a cohort folder holds `cohort.yaml`, `index.md` and one folder per tandem: move \
                 the file into a tandem's folder, or delete it",
            ],
        },
        Case {
            spoil: |p| p.write(&format!("{KELLER_YILMAZ}/alt/2019-04-01-x.md"), "# X\n"),
            file: "cohorts/2019/keller-yilmaz/alt/2019-04-01-x.md",
            line: 0,
            column: 0,
            severity: "warning",
            de: [
                "Einträge in Unterordnern eines Tandem-Ordners werden übergangen",
                "Verschieben Sie die Datei direkt in den Ordner des Tandems.",
            ],
            en: [
                "diary entries in sub-folders of a tandem folder are ignored",
                "move the file directly into the tandem's folder",
            ],
        },
        Case {
            spoil: |p| p.write("notizen.md", "# Notizen\n"),
            file: "notizen.md",
            line: 0,
            column: 0,
            severity: "warning",
            de: [
                "Diese Datei gehört nicht zum Aufbau eines Programms und wird übergangen",
                "Der Inhaltsordner enthält program.yaml, index.md, docs/, static/ und cohorts/. \
                 Verschieben Sie die Datei an ihren Platz (ein Eintrag gehört in den Ordner seines \
                 Tandems), oder löschen Sie sie.",
            ],
            en: [
                "this file is not part of the content format and is ignored",
                "the content folder holds program.yaml, index.md, docs/, static/ and cohorts/: \
                 move the file to its place (an entry belongs in its tandem's folder), or delete it",
            ],
        },
        Case {
            spoil: |p| p.write(&format!("{KELLER_YILMAZ}/plan.pdf"), "%PDF-1.4\n"),
            file: "cohorts/2019/keller-yilmaz/plan.pdf",
            line: 0,
            column: 0,
            severity: "warning",
            de: [
                "Diese Datei wird in keinem Eintrag verlinkt und deshalb nicht veröffentlicht",
                "Verlinken Sie sie in einem Eintrag dieses Tandems, z. B. \
                 `[Beschreibung](plan.pdf)`, oder löschen Sie sie.",
            ],
            en: [
                "this file is not linked from any entry, so it is not published",
                "link it from an entry of this tandem, e.g. `[Description](plan.pdf)`, or remove it",
            ],
        },
        Case {
            spoil: |p| {
                let text = p.read(TRELLO_MD);
                p.write(TRELLO_MD, format!("{text}\n<div>Kasten</div>\n"));
            },
            file: TRELLO_MD,
            line: 11,
            column: 1,
            severity: "warning",
            de: [
                "HTML wie `<div>` wird als Text angezeigt, nicht als HTML verwendet",
                "Schreiben Sie Formatierungen in Markdown (**fett**, Listen, [Links](…), Tabellen). \
                 Die Seite übernimmt kein HTML aus dem Text, damit keine Seite im Browser der Leser \
                 ein Programm ausführen kann.",
            ],
            en: [
                "HTML such as `<div>` is shown as text, not used as HTML",
                "write the formatting in Markdown (**bold**, lists, [links](…), tables); the site \
                 never takes HTML from the text, so that no page can run a program in the reader's browser",
            ],
        },
        Case {
            spoil: |p| p.write("static/assets/eigen.css", "body {}\n"),
            file: "static/assets/eigen.css",
            line: 0,
            column: 0,
            severity: "error",
            de: [
                "Der Ordner `assets/` der Seite gehört dem Theme",
                "Verschieben Sie die Datei in einen anderen Ordner in static/, oder ersetzen Sie \
                 die Datei des Themes in Ihrem Theme-Ordner.",
            ],
            en: [
                "the folder `assets/` of the site belongs to the theme",
                "move the file to another folder inside static/, or override a theme file in your \
                 theme folder instead",
            ],
        },
];

/// An unknown language cannot choose English: the programme's messages are German, and
/// the English words are there for the library.
#[test]
fn an_unknown_language_is_an_error_in_german() {
    let p = Project::mini();
    p.edit("program.yaml", "language: de", "language: fr");
    let d = reports(
        &p,
        &[],
        1,
        error("program.yaml", 5, 11, "Die Sprache `fr` kennt tandem nicht"),
    );
    assert_eq!(
        help(&d),
        "Schreiben Sie `language: de` (Deutsch) oder `language: en` (Englisch)."
    );
    let t = texts_of(&p)
        .into_iter()
        .find(|t| t.file == "program.yaml")
        .unwrap();
    assert_eq!(t.en, "unknown language `fr`");
    assert_eq!(
        t.help_en.as_deref(),
        Some("write `language: de` (German) or `language: en` (English)")
    );
}
