//! `tandem new …` and `tandem init`: scaffolding that builds at once. Never overwrites.

use super::*;
use crate::cli::{InitArgs, NewCommand};
use crate::content::load::read_yaml_quietly;
use crate::content::scaffold::{entry_file_name, entry_text, quoted, topics_line};
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
        NewCommand::Tandem { path, content } => new_tandem(content, path),
        NewCommand::Cohort { name, content } => new_cohort(content, name),
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
        Some(d) => crate::content::names::parse_iso_date(d).map_err(|m| Error::BadArgument {
            problem: m.into(),
            help: Some("write the date as YYYY-MM-DD, e.g. 2019-03-14".into()),
        })?,
    };
    let Some(name) = entry_file_name(date, title) else {
        return Err(Error::BadArgument {
            problem: "the title has no letters or digits for a file name".into(),
            help: Some("give a title like \"LinkedIn für Vorstände\"".into()),
        });
    };
    let de = german(content);
    let topics_line = topics_line(topics, &focus(&dir), de);
    create(&dir.join(name), &entry_text(title, date, &topics_line, de))
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
    let hint = crate::diagnostics::did_you_mean(tandem, known.iter().map(String::as_str))
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| {
            format!(
                "the tandems are: {}",
                if known.is_empty() {
                    "(none yet)".into()
                } else {
                    known.join(", ")
                }
            )
        });
    Err(Error::BadArgument {
        problem: format!(
            "there is no tandem `{tandem}` in {}",
            content.join("cohorts").display()
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

fn tandem_yaml(de: bool) -> String {
    if de {
        "mentor: { name: Vorname Nachname, role: Rolle }     # die jüngere, digital erfahrene Person\nmentee: { name: Vorname Nachname, role: Rolle }     # die Führungskraft\norganization: Name der Bank eG\nfocus: []                                           # Themen-IDs aus program.yaml\ngoals: |\n  Was möchte das Tandem in diesem Jahrgang lernen?\n".to_string()
    } else {
        "mentor: { name: First Last, role: Role }     # the younger, digitally fluent person\nmentee: { name: First Last, role: Role }     # the executive\norganization: Organisation name\nfocus: []                                    # topic ids from program.yaml\ngoals: |\n  What does the tandem want to learn?\n".to_string()
    }
}

fn new_tandem(content: &Path, path: &str) -> Result<(), Error> {
    let path = path.trim_matches('/');
    let path = path.strip_prefix("cohorts/").unwrap_or(path);
    let Some((cohort, name)) = path.split_once('/') else {
        return Err(Error::BadArgument {
            problem:
                "give the tandem as <cohort>/<name>, e.g. `tandem new tandem 2019/berger-vogt`"
                    .into(),
            help: None,
        });
    };
    let cdir = content.join("cohorts").join(cohort);
    if !cdir.join("cohort.yaml").is_file() {
        return Err(Error::BadArgument {
            problem: format!(
                "there is no cohort `{cohort}` in {}",
                content.join("cohorts").display()
            ),
            help: Some(format!("create it first with `tandem new cohort {cohort}`")),
        });
    }
    create(
        &cdir.join(name).join("tandem.yaml"),
        &tandem_yaml(german(content)),
    )
}

fn cohort_yaml(name: &str, de: bool) -> String {
    let start = today();
    let end = start + chrono::Duration::days(240);
    let title = if de {
        format!("Jahrgang {name}")
    } else {
        format!("Cohort {name}")
    };
    let (kick, fin) = if de {
        ("Auftaktveranstaltung", "Abschlussveranstaltung")
    } else {
        ("Kick-off", "Closing event")
    };
    format!(
        "title: {}\nperiod: {{ start: {start}, end: {end} }}\nmilestones:\n  - {{ date: {start}, title: {kick} }}\n  - {{ date: {end}, title: {fin} }}\n",
        quoted(&title)
    )
}

fn new_cohort(content: &Path, name: &str) -> Result<(), Error> {
    if !content.join("program.yaml").is_file() {
        return Err(Error::NotAProgramme(content.to_path_buf()));
    }
    let name = name.trim_matches('/');
    create(
        &content.join("cohorts").join(name).join("cohort.yaml"),
        &cohort_yaml(name, german(content)),
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
    let files: Vec<(PathBuf, String)> = vec![
        (
            dir.join("program.yaml"),
            "title: Reverse Mentoring\nsubtitle: Von den Digital Natives lernen\nlanguage: de                  # de oder en\nbase_url: https://intranet.example.org/reverse-mentoring/\ntopics:\n  - { id: arbeitsorganisation, title: Arbeitsorganisation }\n  - { id: fuehrung, title: Führungsverhalten }\n  - { id: onlinemarketing, title: Onlinemarketing }\n".to_string(),
        ),
        (dir.join("index.md"), "Willkommen im Reverse-Mentoring-Programm.\n".to_string()),
        (
            dir.join("docs/index.md"),
            "---\ntitle: Über das Programm\n---\nHier steht, wie das Programm abläuft.\n".to_string(),
        ),
        (dir.join(format!("cohorts/{year}/cohort.yaml")), cohort_yaml(&year.to_string(), true)),
        (
            dir.join(format!("cohorts/{year}/erstes-tandem/tandem.yaml")),
            "mentor: { name: Lena Vogt, role: Werkstudentin }\nmentee: { name: Hans Berger, role: Vorstand }\norganization: Musterbank eG\nfocus: [onlinemarketing]\ngoals: |\n  Hans möchte LinkedIn verstehen.\n".to_string(),
        ),
        (
            dir.join(format!("cohorts/{year}/erstes-tandem/{}-erstes-treffen.md", today())),
            format!("---\ntitle: Erstes Treffen\ndate: {}\ntopics: [onlinemarketing]\nduration: 60\nformat: vor Ort\nauthors: [mentor, mentee]\n---\nWir haben uns kennengelernt und unsere Ziele besprochen.\n\n## Vereinbarungen\n\n- [ ] LinkedIn-Profil anlegen\n", today()),
        ),
    ];
    for (path, text) in files {
        create(&path, &text)?;
    }
    eprintln!(
        "Created a new programme in {}. Build it with `tandem build --content {}`.",
        dir.display(),
        dir.display()
    );
    Ok(())
}
