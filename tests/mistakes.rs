//! The mistakes people who are not programmers make in YAML and in links, each on a
//! copy of the sample programme, through `tandem check --format json`: the exact
//! message and help in German (`language: de`, the sample's) and in English (the same
//! copy with `language: en`), at the line (and column) of the mistake, and nothing
//! else reported.

mod common;

use common::*;

const PROFIL: &str = "cohorts/2019/berger-vogt/2019-04-04-das-profil-steht.md";
const BEITRAG: &str = "cohorts/2019/berger-vogt/2019-05-02-der-erste-beitrag.md";
const TANDEM: &str = "cohorts/2019/berger-vogt/tandem.yaml";
const PROGRAM: &str = "program.yaml";

/// One problem as the JSON report gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct P {
    severity: String,
    file: String,
    line: u64,
    column: u64,
    message: String,
    help: String,
}

fn error(file: &str, line: u64, column: u64, message: &str, help: &str) -> P {
    P {
        severity: "error".into(),
        file: file.into(),
        line,
        column,
        message: message.into(),
        help: help.into(),
    }
}

fn warning(file: &str, line: u64, column: u64, message: &str, help: &str) -> P {
    P {
        severity: "warning".into(),
        ..error(file, line, column, message, help)
    }
}

/// A copy of the sample programme in `lang` (`de` or `en`) with `edits` made
/// (file, text, replacement).
fn sample(lang: &str, edits: &[(&str, &str, &str)]) -> Project {
    let p = Project::sample();
    if lang == "en" {
        p.edit(PROGRAM, "language: de", "language: en");
    }
    for (file, from, to) in edits {
        p.edit(file, from, to);
    }
    p
}

/// Everything `check --format json` reports, with its exit status.
fn check(p: &Project) -> (i32, Vec<P>) {
    let (code, diags) = p.check_json(&[]);
    let mut all: Vec<P> = diags
        .into_iter()
        .map(|d| P {
            severity: d.severity,
            file: d.file,
            line: d.line,
            column: d.column,
            message: d.message,
            help: d.help.unwrap_or_default(),
        })
        .collect();
    all.sort();
    (code, all)
}

/// With `edits`, the German sample reports exactly `de` and the English one `en`.
fn reports(edits: &[(&str, &str, &str)], de: &[P], en: &[P]) {
    for (lang, expected) in [("de", de), ("en", en)] {
        let p = sample(lang, edits);
        let (code, found) = check(&p);
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(found, expected, "language: {lang}");
        let errors = expected.iter().any(|e| e.severity == "error");
        assert_eq!(code, i32::from(errors), "exit status, language: {lang}");
    }
}

// ---------------------------------------------------------------------------------
// The mistakes of the issue
// ---------------------------------------------------------------------------------

#[test]
fn an_unclosed_quote_is_reported_at_its_own_line_not_where_the_parser_gave_up() {
    // The quote of `duration: "1h30"` three lines below is where the parser stops.
    reports(
        &[(PROFIL, "title: Das Profil steht", "title: \"Mein erstes Treffen mit Lena")],
        &[error(
            PROFIL,
            2,
            8,
            "Das Anführungszeichen `\"` in Zeile 2 wird nicht geschlossen",
            "Setzen Sie ans Ende des Textes ein zweites `\"`: `title: \"Mein erstes Treffen mit Lena\"`.",
        )],
        &[error(
            PROFIL,
            2,
            8,
            "the quote `\"` opened on line 2 is never closed",
            "end the text with a second `\"`: `title: \"Mein erstes Treffen mit Lena\"`",
        )],
    );
}

#[test]
fn an_unclosed_bracket_is_reported_at_the_bracket() {
    reports(
        &[(
            PROFIL,
            "topics: [onlinemarketing]",
            "topics: [onlinemarketing, fuehrung",
        )],
        &[error(
            PROFIL,
            4,
            9,
            "Die eckige Klammer `[` in Zeile 4 wird nicht geschlossen",
            "Setzen Sie ans Ende ein `]`: `topics: [onlinemarketing, fuehrung]`.",
        )],
        &[error(
            PROFIL,
            4,
            9,
            "the bracket `[` opened on line 4 is never closed",
            "end it with `]`: `topics: [onlinemarketing, fuehrung]`",
        )],
    );
}

#[test]
fn a_tab_before_a_field_is_reported() {
    reports(
        &[(PROFIL, "date: 2019-04-04", "\tdate: 2019-04-04")],
        &[error(
            PROFIL,
            3,
            1,
            "Am Anfang von Zeile 3 steht ein Tabulatorzeichen",
            "Löschen Sie alles vor `date:`, es gehört an den Zeilenanfang.",
        )],
        &[error(
            PROFIL,
            3,
            1,
            "line 3 starts with a tab",
            "delete everything before `date:`: it belongs at the start of the line",
        )],
    );
    reports(
        &[(
            PROGRAM,
            "  - id: recruiting\n    title",
            "  - id: recruiting\n\t  title",
        )],
        &[error(
            PROGRAM,
            20,
            1,
            "Am Anfang von Zeile 20 steht ein Tabulatorzeichen",
            "Rücken Sie mit der Leertaste ein, nicht mit der Tabulatortaste: 4 Leerzeichen vor `title:`.",
        )],
        &[error(
            PROGRAM,
            20,
            1,
            "line 20 starts with a tab",
            "indent with the space bar, not the tab key: 4 spaces before `title:`",
        )],
    );
}

#[test]
fn a_missing_space_after_the_colon_is_reported() {
    reports(
        &[(PROFIL, "date: 2019-04-04", "date:2019-04-04")],
        &[error(
            PROFIL,
            3,
            5,
            "In Zeile 3 fehlt nach `date:` ein Leerzeichen",
            "Schreiben Sie `date: 2019-04-04`.",
        )],
        &[error(
            PROFIL,
            3,
            5,
            "line 3 needs a space after `date:`",
            "write `date: 2019-04-04`",
        )],
    );
}

#[test]
fn a_field_indented_further_right_is_reported_at_its_line() {
    reports(
        &[(PROFIL, "date: 2019-04-04", "  date: 2019-04-04")],
        &[error(
            PROFIL,
            3,
            3,
            "`date:` in Zeile 3 steht weiter rechts als `title:` in Zeile 2",
            "Löschen Sie die Leerzeichen vor `date:`: es gehört an den Zeilenanfang.",
        )],
        &[error(
            PROFIL,
            3,
            3,
            "`date:` on line 3 is further right than `title:` on line 2",
            "delete the spaces before `date:`: it belongs at the start of the line",
        )],
    );
}

#[test]
fn a_topic_field_indented_further_left_is_reported_at_its_line() {
    reports(
        &[(
            PROGRAM,
            "    title: Recruitingmethoden",
            "   title: Recruitingmethoden",
        )],
        &[error(
            PROGRAM,
            20,
            4,
            "`title:` in Zeile 20 steht weiter links als `id:` in Zeile 19",
            "Was zusammengehört, beginnt genau untereinander: setzen Sie 4 Leerzeichen vor `title:` (jetzt sind es 3).",
        )],
        &[error(
            PROGRAM,
            20,
            4,
            "`title:` on line 20 is further left than `id:` on line 19",
            "what belongs together starts exactly one below the other: put 4 spaces before `title:` (there are 3)",
        )],
    );
}

#[test]
fn a_word_where_a_topic_needs_id_and_title_shows_the_topic_with_that_word() {
    reports(
        &[(
            PROGRAM,
            "  - id: geschaeftsmodelle",
            "  - Cybersicherheit\n  - id: geschaeftsmodelle",
        )],
        &[error(
            PROGRAM,
            25,
            5,
            "In Zeile 25 steht nur `Cybersicherheit`; ein Thema braucht eine `id:` und einen `title:`",
            "Schreiben Sie es so, die zweite Zeile genau unter `id:`:\n  - id: cybersicherheit\n    title: Cybersicherheit",
        )],
        &[error(
            PROGRAM,
            25,
            5,
            "line 25 holds only `Cybersicherheit`; a topic needs an `id:` and a `title:`",
            "write it like this, the second line exactly below `id:`:\n  - id: cybersicherheit\n    title: Cybersicherheit",
        )],
    );
}

#[test]
fn fields_where_names_belong_and_a_list_where_fields_belong_are_reported() {
    reports(
        &[(
            PROFIL,
            "topics: [onlinemarketing]",
            "topics:\n  - id: onlinemarketing",
        )],
        &[error(
            PROFIL,
            5,
            5,
            "Unter `topics:` stehen nur Namen, keine Angaben wie `id:` (Zeile 5)",
            "Schreiben Sie nur den Namen: `- onlinemarketing`, oder alle in einer Zeile: `topics: [onlinemarketing]`.",
        )],
        &[error(
            PROFIL,
            5,
            5,
            "`topics:` holds only names, no fields like `id:` (line 5)",
            "write only the name: `- onlinemarketing`, or all on one line: `topics: [onlinemarketing]`",
        )],
    );
    reports(
        &[(
            TANDEM,
            "mentor: { name: Lena Vogt, role: Werkstudentin Digitales Marketing }",
            "mentor:\n  - name: Lena Vogt\n    role: Werkstudentin",
        )],
        &[error(
            TANDEM,
            2,
            3,
            "Unter `mentor:` stehen Angaben, keine Liste: Zeile 2 beginnt mit einem Strich",
            "Löschen Sie den Strich: `name: Lena Vogt`.",
        )],
        &[error(
            TANDEM,
            2,
            3,
            "`mentor:` holds fields, not a list: line 2 starts with a dash",
            "delete the dash: `name: Lena Vogt`",
        )],
    );
}

#[test]
fn topics_written_without_dashes_are_reported_once() {
    reports(
        &[(
            PROGRAM,
            "  - id: arbeitsorganisation\n    title: Arbeitsorganisation\n    description",
            "  id: arbeitsorganisation\n  title: Arbeitsorganisation\n  description",
        )],
        &[error(
            PROGRAM,
            13,
            3,
            "Unter `topics:` beginnt jedes Thema mit einem Strich `-`; Zeile 13 hat keinen",
            "Schreiben Sie `- ` vor die erste Zeile jedes Themas und die weiteren Zeilen genau darunter:\n  - id: arbeitsorganisation\n    …",
        )],
        &[error(
            PROGRAM,
            13,
            3,
            "below `topics:` each topic starts with a dash `-`; line 13 has none",
            "put `- ` before the first line of each topic and the other lines exactly below it:\n  - id: arbeitsorganisation\n    …",
        )],
    );
}

#[test]
fn a_topic_without_id_is_reported_at_its_first_line_with_id_in_the_example() {
    reports(
        &[(
            PROGRAM,
            "  - id: geschaeftsmodelle\n    title",
            "  - title",
        )],
        &[error(
            PROGRAM,
            25,
            3,
            "Dem Thema in Zeile 25 fehlt die Angabe `id:`",
            "Jedes Thema beginnt mit `- id:` und einem kurzen Namen ohne Leerzeichen; die weiteren Angaben stehen genau darunter:\n  - id: neue-geschaeftsmodelle\n    title: Neue Geschäftsmodelle",
        )],
        &[error(
            PROGRAM,
            25,
            3,
            "the topic on line 25 has no `id:`",
            "each topic starts with `- id:` and a short name without spaces; its other fields stand exactly below it:\n  - id: neue-geschaeftsmodelle\n    title: Neue Geschäftsmodelle",
        )],
    );
}

#[test]
fn topics_written_without_brackets_are_a_list_and_each_is_checked() {
    let edit = [(
        PROFIL,
        "topics: [onlinemarketing]",
        "topics: Onlinemarketing, Führung",
    )];
    reports(&edit, &[], &[]);
    let p = sample("de", &edit);
    let site = p.build_ok(&[]);
    let page = site.page("cohorts/2019/berger-vogt/2019-04-04-das-profil-steht/");
    for topic in ["topics/onlinemarketing/", "topics/fuehrung/"] {
        assert!(page.contains(topic), "the entry links to {topic}");
    }
    // An unknown one among them is reported at its own place, with the nearest topic.
    for lang in ["de", "en"] {
        let p = sample(
            lang,
            &[(
                PROFIL,
                "topics: [onlinemarketing]",
                "topics: Führung, Onlinemarketting",
            )],
        );
        let (code, found) = check(&p);
        assert_eq!(code, 1);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!((found[0].line, found[0].column), (4, 18), "{found:#?}");
        assert!(
            found[0].message.contains("`Onlinemarketting`"),
            "{found:#?}"
        );
        assert!(found[0].help.contains("`onlinemarketing`"), "{found:#?}");
    }
}

#[test]
fn topics_without_commas_between_them_are_reported_with_the_list_to_write() {
    reports(
        &[(
            PROFIL,
            "topics: [onlinemarketing]",
            "topics: [onlinemarketing fuehrung]",
        )],
        &[error(
            PROFIL,
            4,
            10,
            "Zwischen `onlinemarketing` und `fuehrung` fehlt ein Komma",
            "Trennen Sie die Themen mit Kommas: `topics: [onlinemarketing, fuehrung]`.",
        )],
        &[error(
            PROFIL,
            4,
            10,
            "a comma is missing between `onlinemarketing` and `fuehrung`",
            "separate the topics with commas: `topics: [onlinemarketing, fuehrung]`",
        )],
    );
}

#[test]
fn dates_written_as_in_a_letter_offer_the_exact_date() {
    for written in ["04.04.2019", "4.4.19", "2019/04/04", "4. April 2019"] {
        reports(
            &[(PROFIL, "date: 2019-04-04", &format!("date: {written}"))],
            &[error(
                PROFIL,
                3,
                7,
                &format!("Das Datum `{written}` muss als `2019-04-04` geschrieben werden"),
                "In den Dateien steht ein Datum immer als Jahr-Monat-Tag: `2019-04-04` ist der 4. April 2019.",
            )],
            &[error(
                PROFIL,
                3,
                7,
                &format!("the date `{written}` must be written as `2019-04-04`"),
                "dates in the files are always year-month-day (YYYY-MM-DD): `2019-04-04` is 4 April 2019",
            )],
        );
    }
}

#[test]
fn every_mistake_of_a_file_is_reported() {
    reports(
        &[
            (
                PROFIL,
                "title: Das Profil steht",
                "title: \"Das Profil steht",
            ),
            (PROFIL, "date: 2019-04-04", "date:2019-04-04"),
            (
                PROFIL,
                "topics: [onlinemarketing]",
                "topics: [onlinemarketing",
            ),
        ],
        &[
            error(
                PROFIL,
                2,
                8,
                "Das Anführungszeichen `\"` in Zeile 2 wird nicht geschlossen",
                "Setzen Sie ans Ende des Textes ein zweites `\"`: `title: \"Das Profil steht\"`.",
            ),
            error(
                PROFIL,
                3,
                5,
                "In Zeile 3 fehlt nach `date:` ein Leerzeichen",
                "Schreiben Sie `date: 2019-04-04`.",
            ),
            error(
                PROFIL,
                4,
                9,
                "Die eckige Klammer `[` in Zeile 4 wird nicht geschlossen",
                "Setzen Sie ans Ende ein `]`: `topics: [onlinemarketing]`.",
            ),
        ],
        &[
            error(
                PROFIL,
                2,
                8,
                "the quote `\"` opened on line 2 is never closed",
                "end the text with a second `\"`: `title: \"Das Profil steht\"`",
            ),
            error(
                PROFIL,
                3,
                5,
                "line 3 needs a space after `date:`",
                "write `date: 2019-04-04`",
            ),
            error(
                PROFIL,
                4,
                9,
                "the bracket `[` opened on line 4 is never closed",
                "end it with `]`: `topics: [onlinemarketing]`",
            ),
        ],
    );
}

#[test]
fn a_mistake_the_scan_does_not_know_is_the_parser_s_error_in_plain_words() {
    // A backslash between double quotes starts a special character for YAML.
    reports(
        &[(PROFIL, "title: Das Profil steht", "title: \"Ablage: S:\\Vorstand\\Profil\"")],
        &[error(
            PROFIL,
            2,
            8,
            "In Zeile 2 steht zwischen den Anführungszeichen ein `\\`, das dort eine besondere Bedeutung hat",
            "Setzen Sie den Text in einfache Anführungszeichen: `title: 'Ablage: S:\\Vorstand\\Profil'`.",
        )],
        &[error(
            PROFIL,
            2,
            8,
            "line 2 has a `\\` between double quotes, where it has a special meaning",
            "put the text in single quotes: `title: 'Ablage: S:\\Vorstand\\Profil'`",
        )],
    );
    // A value of the wrong kind, which only the parser knows.
    reports(
        &[(
            TANDEM,
            "mentor: { name: Lena Vogt, role: Werkstudentin Digitales Marketing }",
            "mentor: [Lena Vogt, Werkstudentin]",
        )],
        &[error(
            TANDEM,
            1,
            9,
            "Was in Zeile 1 steht, passt nicht zu `mentor:`",
            "So wird `mentor:` geschrieben:\nmentor: { name: Lena Vogt, role: Werkstudentin }",
        )],
        &[error(
            TANDEM,
            1,
            9,
            "what line 1 holds does not fit `mentor:`",
            "this is how `mentor:` is written:\nmentor: { name: Lena Vogt, role: student assistant }",
        )],
    );
}

// ---------------------------------------------------------------------------------
// Other mistakes a writer makes
// ---------------------------------------------------------------------------------

#[test]
fn a_colon_in_a_title_asks_for_quotes() {
    reports(
        &[(
            PROFIL,
            "title: Das Profil steht",
            "title: Rückblick: Teil 2",
        )],
        &[error(
            PROFIL,
            2,
            17,
            "In Zeile 2 steht nach `title:` noch ein Doppelpunkt: `Rückblick: Teil 2`",
            "Setzen Sie den ganzen Text in Anführungszeichen: `title: \"Rückblick: Teil 2\"`.",
        )],
        &[error(
            PROFIL,
            2,
            17,
            "line 2 has a second colon after `title:`: `Rückblick: Teil 2`",
            "put the whole text in quotes: `title: \"Rückblick: Teil 2\"`",
        )],
    );
}

#[test]
fn typographic_quotes_around_a_title_with_a_colon_ask_for_straight_ones() {
    reports(
        &[(PROFIL, "title: Das Profil steht", "title: „Rückblick: Teil 2“")],
        &[error(
            PROFIL,
            2,
            18,
            "In Zeile 2 steht nach `title:` noch ein Doppelpunkt: `„Rückblick: Teil 2“`",
            "Setzen Sie den ganzen Text in Anführungszeichen (die Anführungszeichen „ “ zählen dafür nicht, außen müssen gerade stehen): `title: \"„Rückblick: Teil 2“\"`.",
        )],
        &[error(
            PROFIL,
            2,
            18,
            "line 2 has a second colon after `title:`: `„Rückblick: Teil 2“`",
            "put the whole text in quotes (typographic quotes „ “ do not count: the outer ones must be straight): `title: \"„Rückblick: Teil 2“\"`",
        )],
    );
}

#[test]
fn quotes_inside_quotes_are_reported() {
    reports(
        &[(
            PROFIL,
            "title: Das Profil steht",
            "title: \"Workshop \"Digitale Zusammenarbeit\" mit dem Team\"",
        )],
        &[error(
            PROFIL,
            2,
            18,
            "In Zeile 2 stehen Anführungszeichen innerhalb von Anführungszeichen: der Text endet schon beim zweiten `\"`",
            "Schreiben Sie die inneren Anführungszeichen als „…“: `title: \"Workshop „Digitale Zusammenarbeit“ mit dem Team\"`.",
        )],
        &[error(
            PROFIL,
            2,
            18,
            "line 2 has quotes inside quotes: the text ends at the second `\"`",
            "put the whole text in single quotes: `title: 'Workshop \"Digitale Zusammenarbeit\" mit dem Team'`",
        )],
    );
}

#[test]
fn a_hash_in_a_title_is_a_warning_saying_what_is_read() {
    reports(
        &[(PROFIL, "title: Das Profil steht", "title: Treffen #3 mit Lena")],
        &[warning(
            PROFIL,
            2,
            16,
            "In Zeile 2 beginnt mit `#` eine Notiz, die nicht zum Text gehört: gelesen wird nur `Treffen`",
            "Setzen Sie den ganzen Text in Anführungszeichen: `title: \"Treffen #3 mit Lena\"`.",
        )],
        &[warning(
            PROFIL,
            2,
            16,
            "on line 2, `#` starts a note that is not part of the text: only `Treffen` is read",
            "put the whole text in quotes: `title: \"Treffen #3 mit Lena\"`",
        )],
    );
}

#[test]
fn a_text_starting_with_at_asks_for_quotes() {
    reports(
        &[(PROFIL, "title: Das Profil steht", "title: @Lena auf LinkedIn")],
        &[error(
            PROFIL,
            2,
            8,
            "Der Text nach `title:` in Zeile 2 beginnt mit `@`, das hier eine besondere Bedeutung hat",
            "Setzen Sie den ganzen Text in Anführungszeichen: `title: \"@Lena auf LinkedIn\"`.",
        )],
        &[error(
            PROFIL,
            2,
            8,
            "the text after `title:` on line 2 starts with `@`, which has a special meaning here",
            "put the whole text in quotes: `title: \"@Lena auf LinkedIn\"`",
        )],
    );
}

#[test]
fn ja_and_nein_are_yes_and_no_and_privat_is_private() {
    reports(
        &[(
            PROFIL,
            "format: vor Ort",
            "format: vor Ort\ndraft: Nein\nvisibility: Privat",
        )],
        &[],
        &[],
    );
    for (extra, published) in [
        ("draft: Ja", false),
        ("draft: Nein", true),
        ("visibility: Privat", false),
    ] {
        let p = sample(
            "de",
            &[(
                PROFIL,
                "format: vor Ort",
                &format!("format: vor Ort\n{extra}"),
            )],
        );
        let site = p.build_ok(&[]);
        assert_eq!(
            site.has("cohorts/2019/berger-vogt/2019-04-04-das-profil-steht/index.html"),
            published,
            "{extra}"
        );
    }
}

#[test]
fn a_missing_closing_line_of_the_front_matter_names_the_line_after_which_it_belongs() {
    reports(
        &[(PROFIL, "authors: [mentee]\n---\n", "authors: [mentee]\n")],
        &[error(
            PROFIL,
            7,
            1,
            "Nach Zeile 7 fehlt die Zeile `---`, die die Angaben am Anfang der Datei abschließt",
            "Fügen Sie nach `authors: [mentee]` eine Zeile ein, auf der nur `---` steht; darunter beginnt der Text.",
        )],
        &[error(
            PROFIL,
            7,
            1,
            "a line `---` is missing after line 7, to close the fields at the top of the file",
            "add a line with only `---` after `authors: [mentee]`; the text starts below it",
        )],
    );
}

#[test]
fn a_byte_order_mark_is_no_mistake() {
    let p = sample("de", &[]);
    for file in [PROFIL, PROGRAM, TANDEM] {
        let text = p.read(file);
        p.write(file, format!("\u{feff}{text}"));
    }
    assert_eq!(check(&p), (0, Vec::new()));
}

#[test]
fn a_field_written_twice_names_the_first_line() {
    reports(
        &[(
            PROFIL,
            "format: vor Ort",
            "format: vor Ort\ntitle: Noch einmal",
        )],
        &[error(
            PROFIL,
            7,
            1,
            "Das Feld `title` steht zweimal da",
            "Behalten Sie nur eine der beiden Zeilen: `title:` steht schon in Zeile 2.",
        )],
        &[error(
            PROFIL,
            7,
            1,
            "the field `title` appears twice",
            "keep only one of the two lines: `title:` is already on line 2",
        )],
    );
}

#[test]
fn an_equals_sign_or_a_non_breaking_space_instead_of_colon_and_space() {
    reports(
        &[(PROFIL, "format: vor Ort", "format = vor Ort")],
        &[error(
            PROFIL,
            6,
            8,
            "In Zeile 6 steht `=` statt eines Doppelpunkts",
            "Schreiben Sie `format: vor Ort`.",
        )],
        &[error(
            PROFIL,
            6,
            8,
            "line 6 has `=` where a colon belongs",
            "write `format: vor Ort`",
        )],
    );
    reports(
        &[(PROFIL, "format: vor Ort", "format:\u{a0}vor Ort")],
        &[error(
            PROFIL,
            6,
            8,
            "In Zeile 6 steht nach `format:` ein geschütztes Leerzeichen: es sieht aus wie ein Leerzeichen, ist aber keines",
            "Löschen Sie es und tippen Sie ein normales Leerzeichen: `format: vor Ort`.",
        )],
        &[error(
            PROFIL,
            6,
            8,
            "line 6 has a non-breaking space after `format:`: it looks like a space but is not one",
            "delete it and type an ordinary space: `format: vor Ort`",
        )],
    );
}

#[test]
fn the_templates_suggestion_with_its_hash_deleted_shows_the_list_to_write() {
    reports(
        &[(
            PROFIL,
            "topics: [onlinemarketing]",
            "topics: []              Vorschlag aus dem Schwerpunkt: [onlinemarketing, fuehrung]",
        )],
        &[error(
            PROFIL,
            4,
            11,
            "In Zeile 4 steht nach der schließenden Klammer `]` noch Text: `Vorschlag aus dem Schwerpunkt: [onlinemarketing, fuehrung]`",
            "Alles gehört in die Klammern; eine Notiz dahinter beginnt mit `#`: `topics: [onlinemarketing, fuehrung]`.",
        )],
        &[error(
            PROFIL,
            4,
            11,
            "line 4 has text after the closing `]`: `Vorschlag aus dem Schwerpunkt: [onlinemarketing, fuehrung]`",
            "everything belongs inside the brackets; a note after them starts with `#`: `topics: [onlinemarketing, fuehrung]`",
        )],
    );
}

#[test]
fn a_sentence_among_the_fields_is_reported() {
    reports(
        &[(PROFIL, "format: vor Ort", "format: vor Ort\nHeute ging es um LinkedIn")],
        &[error(
            PROFIL,
            7,
            1,
            "Zeile 7 ist keine Angabe der Form `name: Wert`: `Heute ging es um LinkedIn`",
            "Gehört die Zeile zum Text der Zeile davor, rücken Sie sie mit zwei Leerzeichen ein; sonst schreiben Sie sie als `name: Wert`, z. B. `title: Mein Titel`.",
        )],
        &[error(
            PROFIL,
            7,
            1,
            "line 7 is not a field of the form `name: value`: `Heute ging es um LinkedIn`",
            "if the line continues the text of the line above, indent it by two spaces; otherwise write it as `name: value`, e.g. `title: My title`",
        )],
    );
}

#[test]
fn bullets_as_in_markdown_ask_for_dashes() {
    reports(
        &[(PROFIL, "authors: [mentee]", "authors:\n  * mentee")],
        &[error(
            PROFIL,
            8,
            3,
            "In Zeile 8 beginnt ein Listeneintrag mit `*`; hier beginnt er mit einem Strich `-`",
            "Schreiben Sie `- mentee`.",
        )],
        &[error(
            PROFIL,
            8,
            3,
            "line 8 starts a list item with `*`; here it starts with a dash `-`",
            "write `- mentee`",
        )],
    );
}

#[test]
fn a_text_below_goals_that_is_not_indented_is_reported() {
    reports(
        &[(
            TANDEM,
            "goals: |\n  Hans möchte **LinkedIn verstehen** und bis zum Sommer selbst regelmäßig posten.\n  Außerdem",
            "goals: |\nHans möchte **LinkedIn verstehen** und bis zum Sommer selbst regelmäßig posten.\nAußerdem",
        )],
        &[error(
            TANDEM,
            6,
            1,
            "Der Text unter `goals: |` muss eingerückt sein; Zeile 6 ist es nicht",
            "Setzen Sie zwei Leerzeichen vor jede Zeile des Textes.",
        )],
        &[error(
            TANDEM,
            6,
            1,
            "the text below `goals: |` must be indented; line 6 is not",
            "put two spaces before every line of the text",
        )],
    );
}

#[test]
fn a_person_or_a_period_written_as_a_text_gets_its_form_with_the_writers_words() {
    reports(
        &[(
            TANDEM,
            "mentor: { name: Lena Vogt, role: Werkstudentin Digitales Marketing }",
            "mentor: Lena Vogt",
        )],
        &[error(
            TANDEM,
            1,
            9,
            "Was in Zeile 1 steht, passt nicht zu `mentor:`",
            "So wird `mentor:` geschrieben:\nmentor: { name: Lena Vogt, role: … }",
        )],
        &[error(
            TANDEM,
            1,
            9,
            "what line 1 holds does not fit `mentor:`",
            "this is how `mentor:` is written:\nmentor: { name: Lena Vogt, role: … }",
        )],
    );
    let cohort = "cohorts/2019/cohort.yaml";
    reports(
        &[(
            cohort,
            "period: { start: 2019-03-07, end: 2019-10-22 }",
            "period: 7.3.2019 bis 22.10.2019",
        )],
        &[error(
            cohort,
            2,
            9,
            "Was in Zeile 2 steht, passt nicht zu `period:`",
            "So wird `period:` geschrieben:\nperiod: { start: 2019-03-07, end: 2019-10-22 }",
        )],
        &[error(
            cohort,
            2,
            9,
            "what line 2 holds does not fit `period:`",
            "this is how `period:` is written:\nperiod: { start: 2019-03-07, end: 2019-10-22 }",
        )],
    );
}

#[test]
fn a_missing_opening_line_of_the_front_matter_is_reported_at_line_1() {
    reports(
        &[(PROFIL, "---\ntitle: Das Profil steht", "title: Das Profil steht")],
        &[error(
            PROFIL,
            1,
            1,
            "Vor Zeile 1 fehlt die Zeile `---`, mit der die Angaben am Anfang der Datei beginnen",
            "Fügen Sie ganz oben, vor `title: Das Profil steht`, eine Zeile ein, auf der nur `---` steht.",
        )],
        &[error(
            PROFIL,
            1,
            1,
            "a line `---` is missing before line 1, to open the fields at the top of the file",
            "add a line with only `---` at the very top, before `title: Das Profil steht`",
        )],
    );
}

#[test]
fn a_second_part_in_a_yaml_file_is_reported_at_its_line() {
    reports(
        &[(TANDEM, "organization:", "---\norganization:")],
        &[error(
            TANDEM,
            3,
            1,
            "Die Zeile `---` in Zeile 3 teilt die Datei in zwei Teile; gelesen wird nur einer",
            "Löschen Sie die Zeile `---`: alle Angaben gehören in einen Teil.",
        )],
        &[error(
            TANDEM,
            3,
            1,
            "the line `---` on line 3 splits the file in two; only one part is read",
            "delete the line `---`: all fields belong in one part",
        )],
    );
}

#[test]
fn the_human_report_gives_the_place_as_file_line_column() {
    for (lang, label, message) in [
        (
            "de",
            "Fehler",
            "In Zeile 3 fehlt nach `date:` ein Leerzeichen",
        ),
        ("en", "error", "line 3 needs a space after `date:`"),
    ] {
        let p = sample(lang, &[(PROFIL, "date: 2019-04-04", "date:2019-04-04")]);
        let run = p.check(&[]);
        run.assert_code(1);
        assert_reported(&run.stderr, label, message, &format!("{PROFIL}:3:5"));
    }
}

// ---------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------

/// `link` written in the body of the entry "Der erste Beitrag", on line 13.
fn with_link(link: &str) -> [(&'static str, &'static str, String); 1] {
    [(BEITRAG, "## Lena", format!("Siehe {link}.\n\n## Lena"))]
}

fn link_reports(link: &str, de: &[P], en: &[P]) {
    let [(f, from, to)] = with_link(link);
    reports(&[(f, from, to.as_str())], de, en);
}

#[test]
fn a_wrong_file_name_gets_the_closest_file() {
    link_reports(
        "[Bilanz](2019-09-26-bilanz-und-ausblik.md)",
        &[error(
            BEITRAG,
            13,
            7,
            "Der Link `2019-09-26-bilanz-und-ausblik.md` zeigt auf `cohorts/2019/berger-vogt/2019-09-26-bilanz-und-ausblik.md`, aber diese Datei gibt es nicht",
            "Meinten Sie `2019-09-26-bilanz-und-ausblick.md`? Schreiben Sie `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`; Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
        )],
        &[error(
            BEITRAG,
            13,
            7,
            "the link `2019-09-26-bilanz-und-ausblik.md` points to `cohorts/2019/berger-vogt/2019-09-26-bilanz-und-ausblik.md`, which does not exist",
            "did you mean `2019-09-26-bilanz-und-ausblick.md`? Write `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`; links are relative to the folder of this file, `../` goes one folder up",
        )],
    );
    // An entry of another tandem, linked as if it were in this one.
    link_reports(
        "[Trello](2019-06-26-vier-wochen-trello.md)",
        &[error(
            BEITRAG,
            13,
            7,
            "Der Link `2019-06-26-vier-wochen-trello.md` zeigt auf `cohorts/2019/berger-vogt/2019-06-26-vier-wochen-trello.md`, aber diese Datei gibt es nicht",
            "Meinten Sie `../keller-yilmaz/2019-06-26-vier-wochen-trello.md`? Schreiben Sie `[Trello](../keller-yilmaz/2019-06-26-vier-wochen-trello.md)`; Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
        )],
        &[error(
            BEITRAG,
            13,
            7,
            "the link `2019-06-26-vier-wochen-trello.md` points to `cohorts/2019/berger-vogt/2019-06-26-vier-wochen-trello.md`, which does not exist",
            "did you mean `../keller-yilmaz/2019-06-26-vier-wochen-trello.md`? Write `[Trello](../keller-yilmaz/2019-06-26-vier-wochen-trello.md)`; links are relative to the folder of this file, `../` goes one folder up",
        )],
    );
}

#[test]
fn a_page_address_or_a_name_without_md_leads_to_the_entry() {
    for link in [
        "../2019-09-26-bilanz-und-ausblick/",
        "/cohorts/2019/berger-vogt/2019-09-26-bilanz-und-ausblick/",
        "/reverse-mentoring/cohorts/2019/berger-vogt/2019-09-26-bilanz-und-ausblick/",
        "2019-09-26-bilanz-und-ausblick",
    ] {
        let [(f, from, to)] = with_link(&format!("[Bilanz]({link})"));
        let p = sample("de", &[(f, from, to.as_str())]);
        let site = p.build_ok(&[]);
        let page = site.page("cohorts/2019/berger-vogt/2019-05-02-der-erste-beitrag/");
        assert!(
            page.contains("href=\"../2019-09-26-bilanz-und-ausblick/\">Bilanz</a>"),
            "{link}"
        );
    }
}

#[test]
fn a_page_address_with_a_typo_gets_the_file_to_link() {
    link_reports(
        "[Bilanz](/cohorts/2019/berger-vogt/2019-09-26-bilanz/)",
        &[error(
            BEITRAG,
            13,
            7,
            "Der Link `/cohorts/2019/berger-vogt/2019-09-26-bilanz/` zeigt auf keine Seite dieser Website",
            "Meinten Sie `2019-09-26-bilanz-und-ausblick.md`? Verlinken Sie die Datei, vom Ordner dieser Datei aus: `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`.",
        )],
        &[error(
            BEITRAG,
            13,
            7,
            "the link `/cohorts/2019/berger-vogt/2019-09-26-bilanz/` points to no page of this site",
            "did you mean `2019-09-26-bilanz-und-ausblick.md`? Link to the file, from the folder of this file: `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`",
        )],
    );
}

#[test]
fn links_to_the_writers_own_computer_are_warnings() {
    let preview = "http://127.0.0.1:18431/cohorts/2019/berger-vogt/2019-09-26-bilanz-und-ausblick/";
    link_reports(
        &format!("[Bilanz]({preview})"),
        &[warning(
            BEITRAG,
            13,
            7,
            &format!("Der Link `{preview}` zeigt auf Ihren eigenen Computer (127.0.0.1:18431); Leserinnen und Leser können ihn nicht öffnen"),
            "Das ist die Adresse der Vorschau. Verlinken Sie stattdessen die Datei: `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`.",
        )],
        &[warning(
            BEITRAG,
            13,
            7,
            &format!("the link `{preview}` points at your own computer (127.0.0.1:18431); readers cannot open it"),
            "this is the preview's address; link to the file instead: `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`",
        )],
    );
    for (link, host) in [
        ("http://localhost:8080/admin", "localhost:8080"),
        ("https://[::1]/status", "[::1]"),
        ("http://0.0.0.0:3000", "0.0.0.0:3000"),
        ("<http://localhost/>", "localhost"),
    ] {
        let shown = link.trim_matches(['<', '>']);
        link_reports(
            &if link.starts_with('<') { link.to_string() } else { format!("[Dienst]({link})") },
            &[warning(
                BEITRAG,
                13,
                7,
                &format!("Der Link `{shown}` zeigt auf Ihren eigenen Computer ({host}); Leserinnen und Leser können ihn nicht öffnen"),
                "Verlinken Sie eine Adresse, die andere öffnen können (https://…), oder eine Datei im Inhaltsordner.",
            )],
            &[warning(
                BEITRAG,
                13,
                7,
                &format!("the link `{shown}` points at your own computer ({host}); readers cannot open it"),
                "link to an address others can open (https://…) or to a file in the content folder",
            )],
        );
    }
}

#[test]
fn a_link_target_with_spaces_is_shown_as_text_and_gets_the_link_to_write() {
    link_reports(
        "[Bilanz](Bilanz und Ausblick)",
        &[warning(
            BEITRAG,
            13,
            7,
            "`[Bilanz](Bilanz und Ausblick)` erscheint als Text, nicht als Link: das Ziel enthält Leerzeichen",
            "Meinten Sie den Eintrag `2019-09-26-bilanz-und-ausblick.md`? Schreiben Sie `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`.",
        )],
        &[warning(
            BEITRAG,
            13,
            7,
            "`[Bilanz](Bilanz und Ausblick)` is shown as text, not as a link: its target has spaces",
            "did you mean the entry `2019-09-26-bilanz-und-ausblick.md`? Write `[Bilanz](2019-09-26-bilanz-und-ausblick.md)`",
        )],
    );
    link_reports(
        "[Notizen](meine Notizen.md)",
        &[warning(
            BEITRAG,
            13,
            7,
            "`[Notizen](meine Notizen.md)` erscheint als Text, nicht als Link: das Ziel enthält Leerzeichen",
            "Schreiben Sie den Dateinamen ohne Leerzeichen, z. B. `[Notizen](datei-name.md)`, oder setzen Sie ihn in spitze Klammern: `[Notizen](<meine Notizen.md>)`.",
        )],
        &[warning(
            BEITRAG,
            13,
            7,
            "`[Notizen](meine Notizen.md)` is shown as text, not as a link: its target has spaces",
            "write the file name without spaces, e.g. `[Notizen](file-name.md)`, or put it in angle brackets: `[Notizen](<meine Notizen.md>)`",
        )],
    );
}

#[test]
fn a_picture_with_a_wrong_name_gets_a_picture_to_write_not_a_link() {
    link_reports(
        "![Whiteboard](../wagner-krueger/Whiteboard.svg)",
        &[error(
            BEITRAG,
            13,
            7,
            "Der Link `../wagner-krueger/Whiteboard.svg` zeigt auf `cohorts/2019/wagner-krueger/Whiteboard.svg`, aber diese Datei gibt es nicht",
            "Meinten Sie `../wagner-krueger/whiteboard.svg`? Schreiben Sie `![Whiteboard](../wagner-krueger/whiteboard.svg)`; Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
        )],
        &[error(
            BEITRAG,
            13,
            7,
            "the link `../wagner-krueger/Whiteboard.svg` points to `cohorts/2019/wagner-krueger/Whiteboard.svg`, which does not exist",
            "did you mean `../wagner-krueger/whiteboard.svg`? Write `![Whiteboard](../wagner-krueger/whiteboard.svg)`; links are relative to the folder of this file, `../` goes one folder up",
        )],
    );
}

#[test]
fn a_missing_picture_is_not_asked_for_a_date_and_md() {
    link_reports(
        "![Flipchart](foto-vom-flipchart.jpg)",
        &[error(
            BEITRAG,
            13,
            7,
            "Der Link `foto-vom-flipchart.jpg` zeigt auf `cohorts/2019/berger-vogt/foto-vom-flipchart.jpg`, aber diese Datei gibt es nicht",
            "Legen Sie die Datei in den Ordner dieses Eintrags, oder schreiben Sie ihren Namen genau so, wie er im Ordner steht, auch mit Groß- und Kleinbuchstaben; Links gehen vom Ordner dieser Datei aus, `../` führt einen Ordner höher.",
        )],
        &[error(
            BEITRAG,
            13,
            7,
            "the link `foto-vom-flipchart.jpg` points to `cohorts/2019/berger-vogt/foto-vom-flipchart.jpg`, which does not exist",
            "put the file into the folder of this entry, or write its name exactly as it is in the folder, capitals included; links are relative to the folder of this file, `../` goes one folder up",
        )],
    );
}
