use super::*;
use crate::content::yaml::{CohortYaml, EntryYaml, ProgramYaml, TandemYaml};

/// What reading `yaml` (the whole file) as `T` reports: line, column, German message.
fn report<T: DeserializeOwned>(file: &str, yaml: &str) -> Vec<(usize, usize, String)> {
    let mut diags = Vec::new();
    read::<T>(file, yaml, yaml, 0, &mut diags);
    diags
        .into_iter()
        .map(|d| (d.line, d.column, d.message.de))
        .collect()
}

fn entry(yaml: &str) -> Vec<(usize, usize, String)> {
    report::<EntryYaml>("cohorts/2019/t/2019-03-14-x.md", yaml)
}

fn program(yaml: &str) -> Vec<(usize, usize, String)> {
    report::<ProgramYaml>("program.yaml", yaml)
}

fn one(found: Vec<(usize, usize, String)>) -> (usize, usize, String) {
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().unwrap()
}

fn help_of<T: DeserializeOwned>(file: &str, yaml: &str) -> Text {
    let mut diags = Vec::new();
    read::<T>(file, yaml, yaml, 0, &mut diags);
    diags[0].help.clone().unwrap()
}

const PROGRAM: &str = "title: Reverse Mentoring\ntopics:\n  - id: fuehrung\n    title: Führungsverhalten\n    description: Wie sich Führung verändert.\n  - id: recruiting\n    title: Recruitingmethoden\n";

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let yaml = "title: \"Mein erstes Treffen mit Lena\ndate: 2019-04-04\nduration: \"1h30\"\n";
    assert_eq!(
        one(entry(yaml)),
        (
            1,
            8,
            "Das Anführungszeichen `\"` in Zeile 1 wird nicht geschlossen".into()
        )
    );
    assert_eq!(
        help_of::<EntryYaml>("e.md", yaml).en,
        "end the text with a second `\"`: `title: \"Mein erstes Treffen mit Lena\"`"
    );
}

#[test]
fn a_quoted_text_over_several_lines_is_no_mistake() {
    let lines = [
        "title: \"Ein langer",
        "  Titel\"",
        "date: 2019-04-04",
        "topics: [a,",
        "  b]",
        "x",
    ];
    let found = scan::Scanner::new(Kind::Entry, 0, &lines).run();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, 6);
}

#[test]
fn an_unclosed_bracket_is_reported_at_the_bracket() {
    let found = entry("title: A\ntopics: [a, b\nduration: 90\n");
    assert_eq!(
        one(found),
        (
            2,
            9,
            "Die eckige Klammer `[` in Zeile 2 wird nicht geschlossen".into()
        )
    );
}

#[test]
fn a_tab_before_a_field_is_reported() {
    let found = entry("title: A\n\tdate: 2019-03-14\n");
    assert_eq!(
        one(found),
        (
            2,
            1,
            "Am Anfang von Zeile 2 steht ein Tabulatorzeichen".into()
        )
    );
    let found = program("title: A\ntopics:\n\t- id: a\n\t  title: A\n  - id: b\n");
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn a_missing_space_after_the_colon_is_reported() {
    assert_eq!(
        one(entry("title: A\ndate:2019-10-10\ntopics: [a]\n")),
        (2, 5, "In Zeile 2 fehlt nach `date:` ein Leerzeichen".into())
    );
}

#[test]
fn a_field_indented_unlike_its_neighbours_is_reported() {
    assert_eq!(
        one(entry("title: Bilanz\n  date: 2019-09-26\n")),
        (
            2,
            3,
            "`date:` in Zeile 2 steht weiter rechts als `title:` in Zeile 1".into()
        )
    );
    let yaml = PROGRAM.replace("    description", "   description");
    assert_eq!(
        one(program(&yaml)),
        (
            5,
            4,
            "`description:` in Zeile 5 steht weiter links als `title:` in Zeile 4".into()
        )
    );
    assert_eq!(
        help_of::<ProgramYaml>("program.yaml", &yaml).de,
        "Was zusammengehört, beginnt genau untereinander: setzen Sie 4 Leerzeichen vor `description:` (jetzt sind es 3)."
    );
}

#[test]
fn a_word_where_a_topic_needs_fields_shows_the_topic_with_that_word() {
    let yaml = format!("{PROGRAM}  - Cybersicherheit\n");
    assert_eq!(
        one(program(&yaml)),
        (
            8,
            5,
            "In Zeile 8 steht nur `Cybersicherheit`; ein Thema braucht eine `id:` und einen `title:`".into()
        )
    );
    assert_eq!(
        help_of::<ProgramYaml>("program.yaml", &yaml).de,
        "Schreiben Sie es so, die zweite Zeile genau unter `id:`:\n  - id: cybersicherheit\n    title: Cybersicherheit"
    );
}

#[test]
fn a_topic_without_id_is_reported_at_its_first_line_with_id_in_the_example() {
    let yaml = format!(
        "{PROGRAM}  - title: Neue Geschäftsmodelle\n    description: Was Fintechs bedeuten.\n"
    );
    assert_eq!(
        one(program(&yaml)),
        (8, 3, "Dem Thema in Zeile 8 fehlt die Angabe `id:`".into())
    );
    let help = help_of::<ProgramYaml>("program.yaml", &yaml);
    assert!(
        help.de
            .ends_with(":\n  - id: neue-geschaeftsmodelle\n    title: Neue Geschäftsmodelle"),
        "{}",
        help.de
    );
}

#[test]
fn names_written_like_topics_and_topics_without_dashes_are_reported() {
    assert_eq!(
        one(entry("title: A\ntopics:\n  - id: fuehrung\n")),
        (
            3,
            5,
            "Unter `topics:` stehen nur Namen, keine Angaben wie `id:` (Zeile 3)".into()
        )
    );
    let found = program("title: A\ntopics:\n  id: fuehrung\n  title: Führung\n");
    assert_eq!(
        one(found),
        (
            3,
            3,
            "Unter `topics:` beginnt jedes Thema mit einem Strich `-`; Zeile 3 hat keinen".into()
        )
    );
    let found = report::<TandemYaml>("cohorts/2019/t/tandem.yaml", "mentor:\n  - name: Lena\n");
    assert_eq!(
        one(found),
        (
            2,
            3,
            "Unter `mentor:` stehen Angaben, keine Liste: Zeile 2 beginnt mit einem Strich".into()
        )
    );
}

#[test]
fn a_milestone_without_its_date_is_reported() {
    let found = report::<CohortYaml>(
        "cohorts/2019/cohort.yaml",
        "title: J\nmilestones:\n  - { date: 2019-03-07, title: Auftakt }\n  - { title: Zwischenbilanz }\n",
    );
    assert_eq!(
        one(found),
        (
            4,
            3,
            "Dem Meilenstein in Zeile 4 fehlt die Angabe `date:`".into()
        )
    );
}

#[test]
fn texts_with_colons_quotes_and_special_characters_are_reported() {
    assert_eq!(
        one(entry("title: Rückblick: Teil 2\n")),
        (
            1,
            17,
            "In Zeile 1 steht nach `title:` noch ein Doppelpunkt: `Rückblick: Teil 2`".into()
        )
    );
    assert_eq!(
        help_of::<EntryYaml>("e.md", "title: „Rückblick: Teil 2“\n").de,
        "Setzen Sie den ganzen Text in Anführungszeichen (die Anführungszeichen „ “ zählen dafür nicht, außen müssen gerade stehen): `title: \"„Rückblick: Teil 2“\"`."
    );
    assert_eq!(
        one(entry("title: \"Workshop \"Digital\" mit dem Team\"\n")),
        (
            1,
            18,
            "In Zeile 1 stehen Anführungszeichen innerhalb von Anführungszeichen: der Text endet schon beim zweiten `\"`".into()
        )
    );
    assert_eq!(
        one(entry("title: @Lena auf LinkedIn\n")).2,
        "Der Text nach `title:` in Zeile 1 beginnt mit `@`, das hier eine besondere Bedeutung hat"
    );
}

#[test]
fn a_hash_in_a_text_is_a_warning_saying_what_is_read() {
    let mut diags = Vec::new();
    let e: Option<EntryYaml> = read("e.md", "", "title: Treffen #3 mit Lena\n", 1, &mut diags);
    assert_eq!(e.unwrap().title.unwrap().0, "Treffen");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, crate::diagnostics::Severity::Warning);
    assert_eq!((diags[0].line, diags[0].column), (2, 16));
    assert_eq!(
        diags[0].message.de,
        "In Zeile 2 beginnt mit `#` eine Notiz, die nicht zum Text gehört: gelesen wird nur `Treffen`"
    );
    // A note written on purpose is no mistake.
    let mut diags = Vec::new();
    let _: Option<EntryYaml> = read(
        "e.md",
        "",
        "title: A # eine Notiz\ntopics: [] # x\n",
        0,
        &mut diags,
    );
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn equals_signs_non_breaking_spaces_and_dashes_without_space() {
    assert_eq!(
        one(entry("format = vor Ort\ntitle: A\n")),
        (1, 8, "In Zeile 1 steht `=` statt eines Doppelpunkts".into())
    );
    assert_eq!(
        one(entry("format:\u{a0}vor Ort\ntitle: A\n")),
        (
            1,
            8,
            "In Zeile 1 steht nach `format:` ein geschütztes Leerzeichen: es sieht aus wie ein Leerzeichen, ist aber keines".into()
        )
    );
    assert_eq!(
        one(entry("authors:\n- mentee\n-mentor\n")),
        (
            3,
            1,
            "In Zeile 3 fehlt nach dem Strich `-` ein Leerzeichen".into()
        )
    );
}

#[test]
fn the_template_s_suggestion_after_the_brackets_is_reported_with_the_list_to_write() {
    let yaml = "title: A\ntopics: []              Vorschlag aus dem Schwerpunkt: [onlinemarketing, fuehrung]\n";
    let (line, col, _) = one(entry(yaml));
    assert_eq!((line, col), (2, 11));
    assert_eq!(
        help_of::<EntryYaml>("e.md", yaml).en,
        "everything belongs inside the brackets; a note after them starts with `#`: `topics: [onlinemarketing, fuehrung]`"
    );
}

#[test]
fn every_mistake_of_a_file_is_reported() {
    let found = entry("title: \"Das Profil steht\ndate:2019-04-04\ntopics: [a, b\nformat: Video\nformat: Telefon\n");
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [1, 2, 3, 5], "{found:#?}");
}

#[test]
fn a_mistake_the_scan_does_not_know_is_the_parser_s_in_plain_words() {
    // An alias to nothing: the scan passes it, the parser does not.
    let found = entry("title: A\nformat: *video\n");
    let (line, _, message) = one(found);
    assert_eq!(line, 2);
    for jargon in ["scalar", "mapping", "indicator", "block", "anchor", "alias"] {
        assert!(!message.to_lowercase().contains(jargon), "{message}");
    }
    // A type the scan cannot know: a text where fields belong.
    let found = report::<TandemYaml>("cohorts/2019/t/tandem.yaml", "mentor: [a, b]\n");
    assert_eq!(
        one(found).2,
        "Was in Zeile 1 steht, passt nicht zu `mentor:`"
    );
}

#[test]
fn correct_files_have_no_mistakes_for_the_scan() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for dir in ["content", "tests/fixtures/mini"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = path.to_string_lossy().to_string();
            let text = match path.extension().and_then(|e| e.to_str()) {
                Some("yaml") => std::fs::read_to_string(path).unwrap(),
                Some("md") => {
                    let t = std::fs::read_to_string(path).unwrap();
                    match t.strip_prefix("---\n").and_then(|r| r.split_once("\n---")) {
                        Some((yaml, _)) => yaml.to_string(),
                        None => continue,
                    }
                }
                _ => continue,
            };
            let rel = name
                .split_once(&format!("{dir}/"))
                .map_or(name.as_str(), |(_, r)| r);
            let lines: Vec<&str> = text.split('\n').collect();
            let found = scan::Scanner::new(Kind::of(rel), 0, &lines).run();
            assert!(found.is_empty(), "{name}: {found:#?}");
            seen += 1;
        }
    }
    assert!(seen > 40, "{seen}");
}

#[test]
fn a_backslash_in_quotes_and_a_second_document_are_explained() {
    assert_eq!(
        one(entry("title: \"C:\\Users\\hans\"\n")),
        (1, 8, "In Zeile 1 steht zwischen den Anführungszeichen ein `\\`, das dort eine besondere Bedeutung hat".into())
    );
    assert_eq!(
        help_of::<EntryYaml>("e.md", "title: \"C:\\Users\\hans\"\n").de,
        "Setzen Sie den Text in einfache Anführungszeichen: `title: 'C:\\Users\\hans'`."
    );
    assert_eq!(
        one(program("title: A\n---\nlanguage: de\n")),
        (
            2,
            1,
            "Die Zeile `---` in Zeile 2 teilt die Datei in zwei Teile; gelesen wird nur einer"
                .into()
        )
    );
}

#[test]
fn bullets_and_a_text_below_a_bar_that_is_not_indented() {
    assert_eq!(
        one(entry("title: A\nauthors:\n  * mentee\n")),
        (
            3,
            3,
            "In Zeile 3 beginnt ein Listeneintrag mit `*`; hier beginnt er mit einem Strich `-`"
                .into()
        )
    );
    let found = report::<TandemYaml>(
        "cohorts/2019/t/tandem.yaml",
        "organization: Bank\ngoals: |\nHans möchte LinkedIn verstehen.\nUnd posten.\nfocus: [fuehrung]\n",
    );
    assert_eq!(
        one(found),
        (
            3,
            1,
            "Der Text unter `goals: |` muss eingerückt sein; Zeile 3 ist es nicht".into()
        )
    );
}

#[test]
fn a_mistake_only_the_parser_finds_is_reported_beside_those_of_the_scan() {
    // The scan finds line 2; reading on past it, the parser finds line 1.
    let found = entry("title: \"S:\\Vorstand\"\ndate:2019-04-04\n");
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    assert_eq!(lines, [1, 2], "{found:#?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]

    /// Whatever lines people write, reading them reports and never panics, and every
    /// mistake is on a line of the text.
    #[test]
    fn any_lines_are_read_without_panic(lines in proptest::collection::vec(
        proptest::sample::select(vec![
            "title: A", "title: \"Mein Treffen", "title: 'x", "  - id: a", "    title: Ä", "\t- x",
            "topics:", "topics: [a, b", "topics: [a]] x", "- Cyber", "-mentor", "* x", "• y",
            "date:2019-01-01", "format = Video", "format:\u{a0}x", "  id: a", "goals: |", "Text",
            "", "   ", "# note", "---", "period: 1.2.2019 bis 3.4.2019", "mentor: Lena", "x: {a: [",
            "ü: „a: b“", "  - { title: X }", "milestones:", "  - Zwischenbilanz  ", "description: a #b",
            "title: \"C:\\x\"", "]", "{", "'", "\"", ": x", "- : ", "-", "😀: 😀 ",
        ]),
        0..12,
    )) {
        let text = lines.join("\n");
        for file in ["program.yaml", "cohorts/c/cohort.yaml", "cohorts/c/t/tandem.yaml", "cohorts/c/t/x.md"] {
            let mut diags = Vec::new();
            let _: Option<ProgramYaml> = read(file, &text, &text, 0, &mut diags);
            let _: Option<EntryYaml> = read(file, &text, &text, 0, &mut diags);
            let _: Option<TandemYaml> = read(file, &text, &text, 0, &mut diags);
            let _: Option<CohortYaml> = read(file, &text, &text, 0, &mut diags);
            let count = text.split('\n').count();
            for d in diags.iter().filter(|d| !d.summary) {
                proptest::prop_assert!(d.line >= 1 && d.line <= count, "{d:#?} in {text:?}");
                proptest::prop_assert!(d.column >= 1);
            }
        }
    }
}
