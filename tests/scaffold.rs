//! `tandem init` and `tandem new …` make files that publish nothing invented: no
//! made-up people, no period starting today, no empty page without a word said.

mod common;

use common::*;
use std::path::Path;

fn json_check(content: &Path) -> Vec<Diag> {
    let run = tandem(
        content,
        &[
            "check",
            "--format",
            "json",
            "--content",
            &content.to_string_lossy(),
        ],
    );
    run.assert_no_panic();
    parse_json_report(&run.stdout)
}

fn new_programme() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let prog = tmp.path().join("programm");
    tandem(tmp.path(), &["init", &prog.to_string_lossy()]).assert_ok();
    (tmp, prog)
}

fn run_in(prog: &Path, args: &[&str]) -> Run {
    let mut all = args.to_vec();
    let c = prog.to_string_lossy().to_string();
    all.extend(["--content", &c]);
    tandem(prog, &all)
}

fn this_year() -> String {
    // The cohort `init` makes is named after the year it runs in.
    let prog_year = std::process::Command::new("date")
        .arg("+%Y")
        .output()
        .unwrap();
    String::from_utf8_lossy(&prog_year.stdout)
        .trim()
        .to_string()
}

#[test]
fn init_publishes_no_invented_people_and_no_empty_boxes() {
    let (tmp, prog) = new_programme();
    let out = tmp.path().join("out");
    let b = run_in(&prog, &["build", "--output", &out.to_string_lossy()]);
    b.assert_ok();
    assert!(!b.stderr.contains("warning"), "{}", b.stderr);
    let site = snapshot(&out);
    for (file, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        for invented in ["Hans Berger", "Lena Vogt", "Musterbank"] {
            assert!(!text.contains(invented), "{file} names {invented}");
        }
    }
    let home = String::from_utf8_lossy(&site["index.html"]).to_string();
    let facts = section(&home, "Das Programm").expect("the facts box has content");
    assert!(
        facts.contains("<dd>"),
        "the facts box is shown only with facts: {facts}"
    );
    assert!(visible_text(&home).contains("neu angelegt"), "{home}");
}

#[test]
fn a_programme_without_facts_shows_no_facts_box() {
    let (tmp, prog) = new_programme();
    let yaml = std::fs::read_to_string(prog.join("program.yaml")).unwrap();
    let bare: String = yaml
        .lines()
        .filter(|l| !l.starts_with("format:") && !l.starts_with("audience:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(prog.join("program.yaml"), bare).unwrap();
    let out = tmp.path().join("out");
    run_in(&prog, &["build", "--output", &out.to_string_lossy()]).assert_ok();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(section(&home, "Das Programm").is_none(), "{home}");
}

#[test]
fn new_cohort_keeps_its_title_and_invents_no_period() {
    let (_tmp, prog) = new_programme();
    let o = run_in(&prog, &["new", "cohort", "Jahrgang 2028"]);
    o.assert_ok();
    let file = prog.join("cohorts/jahrgang-2028/cohort.yaml");
    assert!(o.stdout.contains("jahrgang-2028"), "{}", o.stdout);
    let yaml = std::fs::read_to_string(&file).unwrap();
    assert!(yaml.starts_with("title: \"Jahrgang 2028\"\n"), "{yaml}");
    assert!(
        !yaml.lines().any(|l| l.starts_with("period:")),
        "no period is invented: {yaml}"
    );
    // The commented period becomes valid YAML when its `#` is removed.
    let uncommented: String = yaml
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if !rest.contains(':')
                    || rest.starts_with("period")
                    || rest.starts_with("milestones")
                    || rest.starts_with("  -") =>
            {
                format!("{rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    assert!(
        uncommented.contains("\nperiod: { start: 2028-03-01"),
        "{uncommented}"
    );
    std::fs::write(&file, uncommented).unwrap();
    let problems = json_check(&prog);
    assert!(problems.is_empty(), "{problems:#?}");

    run_in(
        &prog,
        &[
            "new",
            "cohort",
            "2029",
            "--start",
            "2029-02-01",
            "--end",
            "2029-11-30",
        ],
    )
    .assert_ok();
    let yaml = std::fs::read_to_string(prog.join("cohorts/2029/cohort.yaml")).unwrap();
    assert!(
        yaml.starts_with(
            "title: \"Jahrgang 2029\"\nperiod: { start: 2029-02-01, end: 2029-11-30 }\n"
        ),
        "{yaml}"
    );
    let half = run_in(&prog, &["new", "cohort", "2030", "--start", "2030-02-01"]);
    half.assert_code(2);
    assert!(!prog.join("cohorts/2030").exists());
}

#[test]
fn a_tandem_in_a_cohort_named_by_its_year_only_is_told_the_folders_there_are() {
    let (_tmp, prog) = new_programme();
    run_in(&prog, &["new", "cohort", "Jahrgang 2028"]).assert_ok();
    let o = run_in(&prog, &["new", "tandem", "2028/berger-vogt"]);
    o.assert_code(2);
    let year = this_year();
    // The programme is German: so is the message.
    assert!(
        o.stderr.contains("Fehler: In ") && o.stderr.contains("gibt es keinen Jahrgang `2028`"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains(&format!(
            "Tipp: Die Jahrgänge sind {year}, jahrgang-2028: Schreiben Sie einen davon vor den `/`, zum Beispiel `jahrgang-2028/berger-vogt`, oder legen Sie den Jahrgang mit `tandem new cohort 2028` an."
        )),
        "{}",
        o.stderr
    );
    assert!(!prog.join("cohorts/2028").exists());

    // An English programme is told in English.
    let yaml = std::fs::read_to_string(prog.join("program.yaml")).unwrap();
    std::fs::write(
        prog.join("program.yaml"),
        yaml.replace("language: de", "language: en"),
    )
    .unwrap();
    let o = run_in(&prog, &["new", "tandem", "2028/berger-vogt"]);
    o.assert_code(2);
    assert!(
        o.stderr.contains(&format!(
            "help: the cohorts are {year}, jahrgang-2028: write one of them before the `/`, e.g. `jahrgang-2028/berger-vogt`, or create the cohort with `tandem new cohort 2028`"
        )),
        "{}",
        o.stderr
    );
}

#[test]
fn new_tandem_takes_the_names_and_warns_about_placeholders() {
    let (_tmp, prog) = new_programme();
    let year = this_year();
    run_in(
        &prog,
        &[
            "new",
            "tandem",
            &format!("{year}/mueller-schmidt"),
            "--mentor",
            "Anna Schmidt",
            "--mentee",
            "Dr. Peter Müller",
            "--organization",
            "Volksbank Musterstadt eG",
        ],
    )
    .assert_ok();
    let yaml =
        std::fs::read_to_string(prog.join(format!("cohorts/{year}/mueller-schmidt/tandem.yaml")))
            .unwrap();
    assert!(
        yaml.contains("mentor: { name: \"Anna Schmidt\" }"),
        "{yaml}"
    );
    assert!(
        yaml.contains("mentee: { name: \"Dr. Peter Müller\" }"),
        "{yaml}"
    );
    assert!(
        yaml.contains("organization: \"Volksbank Musterstadt eG\""),
        "{yaml}"
    );

    run_in(&prog, &["new", "tandem", &format!("{year}/berger-vogt")]).assert_ok();
    let problems = json_check(&prog);
    let file = format!("cohorts/{year}/berger-vogt/tandem.yaml");
    let at = |line: u64| {
        problems
            .iter()
            .find(|d| d.file == file && d.line == line)
            .unwrap_or_else(|| panic!("no problem at line {line}: {problems:#?}"))
    };
    let name = at(1);
    assert_eq!(name.severity, "warning");
    assert_eq!(
        name.message,
        "Hier steht noch der Platzhalter „Vorname Nachname“ aus der Vorlage; so würde er veröffentlicht."
    );
    assert_eq!(name.column, 17);
    assert_eq!(
        at(3).message,
        "Hier steht noch der Platzhalter „Name der Bank eG“ aus der Vorlage; so würde er veröffentlicht."
    );
    assert_eq!(
        at(6).message,
        "Bei den Zielen steht noch die Frage aus der Vorlage: „Was möchte das Tandem in diesem Jahrgang lernen?“."
    );
    // The named tandem still has the organisation filled in, and no name placeholder.
    let named = format!("cohorts/{year}/mueller-schmidt/tandem.yaml");
    assert!(
        !problems
            .iter()
            .any(|d| d.file == named && d.message.contains("Vorname")),
        "{problems:#?}"
    );
}

#[test]
fn a_new_entry_left_empty_or_with_a_date_unlike_its_name_gets_a_warning() {
    let (_tmp, prog) = new_programme();
    let year = this_year();
    run_in(
        &prog,
        &[
            "new",
            "tandem",
            &format!("{year}/a-b"),
            "--mentor",
            "A B",
            "--mentee",
            "C D",
        ],
    )
    .assert_ok();
    let made = run_in(
        &prog,
        &[
            "new",
            "entry",
            &format!("{year}/a-b"),
            "Erstes Treffen",
            "--date",
            &format!("{year}-03-02"),
        ],
    );
    made.assert_ok();
    let path = Path::new(made.stdout.trim()).to_path_buf();
    let rel = path
        .strip_prefix(&prog)
        .unwrap()
        .to_string_lossy()
        .to_string();
    let problems = json_check(&prog);
    let empty = problems
        .iter()
        .find(|d| d.file == rel)
        .unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(empty.severity, "warning");
    assert_eq!(
        empty.message,
        "Dieser Eintrag hat noch keinen Text, nur Überschriften; so würde er als leere Seite veröffentlicht."
    );

    // With text and another date: the warning about the date in the file's name.
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        &format!("date: {year}-03-02"),
        &format!("date: {year}-03-05"),
    ) + "\nWir haben über LinkedIn gesprochen.\n";
    std::fs::write(&path, text).unwrap();
    let problems = json_check(&prog);
    let mine: Vec<&Diag> = problems.iter().filter(|d| d.file == rel).collect();
    assert_eq!(mine.len(), 1, "{mine:#?}");
    assert_eq!(
        mine[0].message,
        format!("Das Datum in `date:` ({year}-03-05) ist ein anderes als im Dateinamen ({year}-03-02); die Adresse der Seite enthält weiter das Datum des Dateinamens.")
    );
    assert_eq!((mine[0].line, mine[0].column), (3, 7));
    assert_eq!(
        mine[0].help.as_deref(),
        Some(format!("Benennen Sie die Datei in `{year}-03-05-erstes-treffen.md` um, oder korrigieren Sie `date:`, damit beide übereinstimmen.").as_str())
    );

    // A draft may be empty.
    let draft = run_in(
        &prog,
        &[
            "new",
            "entry",
            &format!("{year}/a-b"),
            "Zweites Treffen",
            "--date",
            &format!("{year}-04-02"),
        ],
    );
    let dpath = Path::new(draft.stdout.trim()).to_path_buf();
    let t = std::fs::read_to_string(&dpath)
        .unwrap()
        .replacen("---\n\n", "draft: true\n---\n\n", 1);
    std::fs::write(&dpath, t).unwrap();
    let drel = dpath
        .strip_prefix(&prog)
        .unwrap()
        .to_string_lossy()
        .to_string();
    let problems = json_check(&prog);
    assert!(!problems.iter().any(|d| d.file == drel), "{problems:#?}");
}

#[test]
fn a_new_entry_suggests_the_focus_as_valid_yaml() {
    let (_tmp, prog) = new_programme();
    let year = this_year();
    run_in(
        &prog,
        &[
            "new",
            "tandem",
            &format!("{year}/a-b"),
            "--mentor",
            "A B",
            "--mentee",
            "C D",
        ],
    )
    .assert_ok();
    let ty = prog.join(format!("cohorts/{year}/a-b/tandem.yaml"));
    let t = std::fs::read_to_string(&ty)
        .unwrap()
        .replace("focus: []", "focus: [onlinemarketing, fuehrung]");
    std::fs::write(&ty, t).unwrap();
    let made = run_in(
        &prog,
        &[
            "new",
            "entry",
            &format!("{year}/a-b"),
            "Treffen",
            "--date",
            &format!("{year}-03-02"),
        ],
    );
    let text = std::fs::read_to_string(made.stdout.trim()).unwrap();
    let line = text.lines().find(|l| l.starts_with("topics:")).unwrap();
    assert!(
        line.starts_with("topics: [onlinemarketing, fuehrung]"),
        "{line}"
    );
}
