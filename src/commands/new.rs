//! `tandem new …` and `tandem init`: scaffolding that builds at once. Never overwrites.

use super::*;
use crate::cli::{InitArgs, NewCommand};
use crate::content::load::read_yaml_quietly;
use crate::content::scaffold::{entry_file_name, entry_text, quoted, topics_line};
use crate::content::slug::slugify;
use crate::content::yaml;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Whether the programme is German (the default) rather than English.
fn german(content: &Path) -> bool {
    read_yaml_quietly::<yaml::ProgramYaml>(&content.join("program.yaml"))
        .and_then(|p| p.language)
        .is_none_or(|l| !l.value.0.trim().to_lowercase().starts_with("en"))
}

/// Creates the file with its folders and prints its path; never overwrites a file.
fn create(path: &Path, text: &str) -> Result<(), Error> {
    use std::io::Write;
    if path.exists() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Create(parent.to_path_buf(), e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::Create(path.to_path_buf(), e))?;
    f.write_all(text.as_bytes())
        .map_err(|e| Error::Write(path.to_path_buf(), e))?;
    println!("{}", path.display());
    Ok(())
}

fn folders(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

pub(crate) fn run_new(cmd: &NewCommand) -> Result<(), Error> {
    match cmd {
        NewCommand::Entry {
            tandem,
            title,
            date,
            topics,
            content,
        } => new_entry(content, tandem, title, date.as_deref(), topics),
        NewCommand::Tandem {
            path,
            mentor,
            mentee,
            organization,
            content,
        } => new_tandem(
            content,
            path,
            &People {
                mentor: mentor.as_deref(),
                mentee: mentee.as_deref(),
                organization: organization.as_deref(),
            },
        ),
        NewCommand::Cohort {
            name,
            start,
            end,
            content,
        } => new_cohort(content, name, start.as_deref(), end.as_deref()),
    }
}

fn new_entry(
    content: &Path,
    tandem: &str,
    title: &str,
    date: Option<&str>,
    topics: &[String],
) -> Result<(), Error> {
    let dir = tandem_dir(content, tandem)?;
    let date = match date {
        None => today(),
        Some(d) => date_argument(d, "2019-03-14")?,
    };
    let Some(name) = entry_file_name(date, title) else {
        return Err(Error::BadArgument {
            problem: crate::text!(
                "Der Titel hat keine Buchstaben oder Ziffern für einen Dateinamen",
                "the title has no letters or digits for a file name"
            ),
            help: Some(crate::text!(
                "Geben Sie einen Titel wie \"LinkedIn für Vorstände\" an.",
                "give a title like \"LinkedIn für Vorstände\""
            )),
        });
    };
    let de = german(content);
    let topics_line = topics_line(topics, &focus(&dir), de);
    create(&dir.join(name), &entry_text(title, date, &topics_line, de))
}

/// A date given on the command line; when it is none, the error shows `example`.
fn date_argument(d: &str, example: &str) -> Result<chrono::NaiveDate, Error> {
    crate::content::names::parse_iso_date(d).map_err(|m| Error::BadArgument {
        problem: m.into(),
        help: Some(crate::text!(
            "Schreiben Sie das Datum als JJJJ-MM-TT, zum Beispiel {example}.",
            "write the date as YYYY-MM-DD, e.g. {example}"
        )),
    })
}

/// The folder of a tandem given as `<cohort>/<tandem>` (or `cohorts/<cohort>/<tandem>`);
/// when there is none, the error names the closest tandem, or all of them.
fn tandem_dir(content: &Path, tandem: &str) -> Result<PathBuf, Error> {
    let tandem = tandem.trim_matches('/');
    let tandem = tandem.strip_prefix("cohorts/").unwrap_or(tandem);
    let dir = content.join("cohorts").join(tandem);
    if dir.join("tandem.yaml").is_file() {
        return Ok(dir);
    }
    let mut known = Vec::new();
    for c in folders(&content.join("cohorts")) {
        for t in folders(&content.join("cohorts").join(&c)) {
            known.push(format!("{c}/{t}"));
        }
    }
    let hint = match crate::diagnostics::did_you_mean(tandem, known.iter().map(String::as_str)) {
        Some(s) => crate::text!("Meinten Sie `{s}`?", "did you mean `{s}`?"),
        None if known.is_empty() => crate::text!(
            "Es gibt noch kein Tandem; legen Sie eines mit `tandem new tandem JAHRGANG/NAME` an.",
            "the tandems are: (none yet)"
        ),
        None => {
            let all = known.join(", ");
            crate::text!("Die Tandems sind: {all}", "the tandems are: {all}")
        }
    };
    let cohorts = content.join("cohorts");
    let c = cohorts.display();
    Err(Error::BadArgument {
        problem: crate::text!(
            "In {c} gibt es kein Tandem `{tandem}`",
            "there is no tandem `{tandem}` in {c}"
        ),
        help: Some(hint),
    })
}

/// The topics of the tandem's focus, to suggest for a new entry.
fn focus(dir: &Path) -> Vec<String> {
    read_yaml_quietly::<yaml::TandemYaml>(&dir.join("tandem.yaml"))
        .and_then(|t| t.focus)
        .map(|f| {
            f.value
                .0
                .into_iter()
                .map(|i| i.text.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The people of a new tandem, as far as the command line names them.
struct People<'a> {
    mentor: Option<&'a str>,
    mentee: Option<&'a str>,
    organization: Option<&'a str>,
}

/// A new tandem.yaml; what the command line does not name stays a placeholder, which
/// the build reports until it is replaced.
fn tandem_yaml(p: &People<'_>, de: bool) -> String {
    use crate::content::names::{
        PLACEHOLDER_GOALS, PLACEHOLDER_NAME, PLACEHOLDER_ORGANIZATION, PLACEHOLDER_ROLE,
    };
    let i = usize::from(!de);
    let (name, role, org, goals) = (
        PLACEHOLDER_NAME[i],
        PLACEHOLDER_ROLE[i],
        PLACEHOLDER_ORGANIZATION[i],
        PLACEHOLDER_GOALS[i],
    );
    // A person named on the command line gets no role placeholder (the role is
    // optional); one not named gets both placeholders.
    let person = |given: Option<&str>| match given {
        Some(n) => format!("{{ name: {} }}", quoted(n.trim())),
        None => format!("{{ name: {name}, role: {role} }}"),
    };
    let (mentor, mentee) = (person(p.mentor), person(p.mentee));
    let org = quoted(p.organization.unwrap_or(org).trim());
    if de {
        format!("mentor: {mentor}     # die jüngere, digital erfahrene Person\nmentee: {mentee}     # die Führungskraft\norganization: {org}\nfocus: []                                           # Themen-IDs aus program.yaml, durch Kommas getrennt\ngoals: |\n  {goals}\n")
    } else {
        format!("mentor: {mentor}     # the younger, digitally fluent person\nmentee: {mentee}     # the executive\norganization: {org}\nfocus: []                                    # topic ids from program.yaml, separated by commas\ngoals: |\n  {goals}\n")
    }
}

fn new_tandem(content: &Path, path: &str, people: &People<'_>) -> Result<(), Error> {
    let path = path.trim_matches('/');
    let path = path.strip_prefix("cohorts/").unwrap_or(path);
    let Some((cohort, name)) = path.split_once('/') else {
        return Err(Error::BadArgument {
            problem: crate::text!(
                "Geben Sie das Tandem als <Jahrgang>/<Name> an, zum Beispiel `tandem new tandem 2019/berger-vogt`",
                "give the tandem as <cohort>/<name>, e.g. `tandem new tandem 2019/berger-vogt`"
            ),
            help: None,
        });
    };
    let cdir = content.join("cohorts").join(cohort);
    if !cdir.join("cohort.yaml").is_file() {
        // A cohort made from a title ("Jahrgang 2028") has the folder
        // `jahrgang-2028`: name the folders there are before offering a second one.
        let cohorts = cohort_folders(&content.join("cohorts"));
        let help = if cohorts.is_empty() {
            crate::text!(
                "Legen Sie ihn zuerst mit `tandem new cohort {cohort}` an.",
                "create it first with `tandem new cohort {cohort}`"
            )
        } else {
            let (all, last) = (cohorts.join(", "), &cohorts[cohorts.len() - 1]);
            crate::text!(
                "Die Jahrgänge sind {all}: Schreiben Sie einen davon vor den `/`, zum Beispiel `{last}/{name}`, oder legen Sie den Jahrgang mit `tandem new cohort {cohort}` an.",
                "the cohorts are {all}: write one of them before the `/`, e.g. `{last}/{name}`, or create the cohort with `tandem new cohort {cohort}`"
            )
        };
        let folder = content.join("cohorts");
        let f = folder.display();
        return Err(Error::BadArgument {
            problem: crate::text!(
                "In {f} gibt es keinen Jahrgang `{cohort}`",
                "there is no cohort `{cohort}` in {f}"
            ),
            help: Some(help),
        });
    }
    create(
        &cdir.join(name).join("tandem.yaml"),
        &tandem_yaml(people, german(content)),
    )
}

/// The folders of the cohorts in `dir` (those with a `cohort.yaml`), sorted.
fn cohort_folders(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("cohort.yaml").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    out.sort();
    out
}

/// The folder and the title of a new cohort named `name`: a year becomes the folder
/// `2021` titled "Jahrgang 2021"; a title such as "Jahrgang 2021" or "Frühjahr 2021"
/// stays the title, and its slug is the folder.
fn cohort_names(name: &str, de: bool) -> (String, String) {
    let name = name.trim().trim_matches('/').trim();
    let title = if name.chars().any(char::is_alphabetic) {
        name.to_string()
    } else if de {
        format!("Jahrgang {name}")
    } else {
        format!("Cohort {name}")
    };
    let folder = if slugify(name) == name {
        name.to_string()
    } else {
        slugify(name)
    };
    (folder, title)
}

/// A new cohort.yaml. Without dates, the period and the milestones are left as
/// comments to fill in (a period starting today would be invented).
fn cohort_yaml(title: &str, period: Option<(NaiveDate, NaiveDate)>, de: bool) -> String {
    let (kick, fin) = if de {
        ("Auftaktveranstaltung", "Abschlussveranstaltung")
    } else {
        ("Kick-off", "Closing event")
    };
    let title = quoted(title);
    match period {
        Some((start, end)) => format!(
            "title: {title}\nperiod: {{ start: {start}, end: {end} }}\nmilestones:\n  - {{ date: {start}, title: {kick} }}\n  - {{ date: {end}, title: {fin} }}\n"
        ),
        None => {
            let year = title
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 4)
                .and_then(|w| w.parse::<i32>().ok())
                .unwrap_or_else(|| today().year());
            let (a, b) = if de {
                ("Beginn und Ende des Jahrgangs: die Raute (#) am Anfang der Zeile entfernen und die Daten eintragen", "Meilensteine wie Auftakt und Abschluss, ebenso")
            } else {
                ("The cohort's first and last day: remove the # at the start of the line and fill in the dates", "Milestones such as the kick-off and the closing event, likewise")
            };
            format!(
                "title: {title}\n# {a}:\n# period: {{ start: {year}-03-01, end: {year}-12-10 }}\n# {b}:\n# milestones:\n#   - {{ date: {year}-03-01, title: {kick} }}\n#   - {{ date: {year}-12-10, title: {fin} }}\n"
            )
        }
    }
}

fn new_cohort(
    content: &Path,
    name: &str,
    start: Option<&str>,
    end: Option<&str>,
) -> Result<(), Error> {
    if !content.join("program.yaml").is_file() {
        return Err(Error::NotAProgramme(content.to_path_buf()));
    }
    let date = |d: &str| date_argument(d, "2021-03-01");
    let period = match (start, end) {
        (Some(s), Some(e)) => Some((date(s)?, date(e)?)),
        (None, None) => None,
        _ => {
            return Err(Error::BadArgument {
                problem: crate::text!(
                "Geben Sie den ersten und den letzten Tag des Jahrgangs an, oder keinen von beiden",
                "give both the first and the last day of the cohort, or neither"
            ),
                help: Some(crate::text!(
                    "Zum Beispiel `--start 2021-03-01 --end 2021-12-10`.",
                    "e.g. `--start 2021-03-01 --end 2021-12-10`"
                )),
            })
        }
    };
    if let Some((s, e)) = period {
        if e < s {
            return Err(Error::BadArgument {
                problem: crate::text!(
                    "Der Jahrgang würde enden ({e}), bevor er beginnt ({s})",
                    "the cohort would end ({e}) before it starts ({s})"
                ),
                help: Some(crate::text!(
                    "Tauschen Sie `--start` und `--end`.",
                    "swap `--start` and `--end`"
                )),
            });
        }
    }
    let de = german(content);
    let (folder, title) = cohort_names(name, de);
    if folder.is_empty() {
        return Err(Error::BadArgument {
            problem: crate::text!(
                "Der Name des Jahrgangs hat keine Buchstaben oder Ziffern für einen Ordnernamen",
                "the cohort's name has no letters or digits for a folder name"
            ),
            help: Some(crate::text!(
                "Geben Sie einen Namen wie 2021 oder \"Jahrgang 2021\" an.",
                "give a name like 2021 or \"Jahrgang 2021\""
            )),
        });
    }
    create(
        &content.join("cohorts").join(folder).join("cohort.yaml"),
        &cohort_yaml(&title, period, de),
    )
}

pub(crate) fn run_init(args: &InitArgs) -> Result<(), Error> {
    let dir: PathBuf = args.dir.clone();
    if dir.exists()
        && std::fs::read_dir(&dir)
            .map(|mut r| r.next().is_some())
            .unwrap_or(true)
    {
        return Err(Error::NotEmpty(dir));
    }
    let year = today().year();
    for (path, text) in init_files(year) {
        create(&dir.join(path), &text)?;
    }
    eprintln!(
        "Created a new programme in {d}. See it in the browser with `tandem serve --open --content {d}`; \
         add the first tandem with `tandem new tandem {year}/nachname-nachname --mentor \"…\" --mentee \"…\" --content {d}`.",
        d = dir.display(),
    );
    Ok(())
}

/// The files of `tandem init`: a German programme that says it is new, with a cohort
/// for this year and no invented people.
fn init_files(year: i32) -> Vec<(String, String)> {
    vec![
        ("program.yaml".into(), INIT_PROGRAM_YAML.to_string()),
        (
            "index.md".into(),
            INIT_INDEX_MD.replace("{year}", &year.to_string()),
        ),
        ("docs/index.md".into(), INIT_DOCS_MD.to_string()),
        (
            format!("cohorts/{year}/cohort.yaml"),
            cohort_yaml(&format!("Jahrgang {year}"), None, true),
        ),
    ]
}

const INIT_PROGRAM_YAML: &str = "\
title: Reverse Mentoring                    # der Name des Programms
subtitle: Von den Digital Natives lernen
language: de                               # de oder en
base_url: https://intranet.example.org/reverse-mentoring/   # die Adresse der veröffentlichten Seite
format: Qualifizierungsprogramm
audience: [Führungskräfte]
# contact: { name: Vorname Nachname, role: Programmleitung, email: name@example.org }
topics:
  - id: arbeitsorganisation
    title: Arbeitsorganisation
    description: Wie Teams mit digitalen Werkzeugen zusammenarbeiten.
  - id: fuehrung
    title: Führungsverhalten
    description: Wie sich Führung verändert, wenn Teams hybrid arbeiten.
  - id: onlinemarketing
    title: Onlinemarketing
    description: Wie eine Bank in sozialen Netzwerken sichtbar und glaubwürdig auftritt.
";

const INIT_INDEX_MD: &str = "\
Willkommen im Reverse-Mentoring-Programm. Diese Seite ist neu angelegt: Hier schreibt
die Programmleitung, worum es im Programm geht und wer mitmacht.

Die Tandems des Jahrgangs {year} kommen dazu, sobald sie angelegt sind; jedes Tandem
führt sein eigenes Tagebuch.
";

const INIT_DOCS_MD: &str = "\
---
title: Über das Programm
---
Hier steht, wie das Programm abläuft: wie Tandems gebildet werden, wie oft sie sich
treffen und was sie in ihrem Tagebuch festhalten.
";
