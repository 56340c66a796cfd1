//! A tandem's folder: tandem.yaml (the two people, organisation, focus, goals) and the
//! files beside the entries, copied as attachments. The entries themselves are parsed
//! all at once later (see [`super::entry`]).

use super::discover::TandemFiles;
use super::fields::{folder_slug, person, rhythm, text};
use super::files::{read_yaml, Src};
use super::topics::TopicIndex;
use crate::content::model::{Attachment, CohortId, Markdown, Person, Tandem};
use crate::content::names::url_file_path;
use crate::content::yaml;
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// The tandem in folder `tname` of the cohort in `cdir`, without its entries; `None`
/// when the folder's name cannot become a web address.
pub(super) fn load_tandem(
    src: &Src,
    cdir: &str,
    tname: &str,
    tf: &TandemFiles,
    cohort: CohortId,
    topic_index: &TopicIndex,
    d: &mut Vec<Diagnostic>,
) -> Option<Tandem> {
    let tdir = format!("{cdir}/{tname}");
    let tslug = folder_slug(&tdir, tname, d)?;
    let mut tandem = Tandem {
        slug: tslug,
        dir: tdir.clone(),
        cohort,
        title: tname.to_string(),
        mentor: Person::default(),
        mentee: Person::default(),
        organization: None,
        focus: Vec::new(),
        goals: None,
        rhythm: None,
        entries: Vec::new(),
        attachments: Vec::new(),
    };
    match &tf.yaml {
        None => d.push(
            Diagnostic::error(
                format!("{tdir}/tandem.yaml"),
                crate::text!(
                    "Im Ordner des Tandems fehlt die Datei tandem.yaml",
                    "this tandem folder has no tandem.yaml"
                ),
            )
            .with_help(crate::text!(
                "Legen Sie im Ordner {tdir} die Datei tandem.yaml mit den beiden Personen an, z. B.\nmentor: {{ name: Lena Vogt, role: Werkstudentin }}\nmentee: {{ name: Dr. Hans Berger, role: Vorstand }}",
                "create tandem.yaml in the folder {tdir} with the two people, e.g.\nmentor: {{ name: Lena Vogt, role: Werkstudentin }}\nmentee: {{ name: Dr. Hans Berger, role: Vorstand }}"
            )),
        ),
        Some(p) => tandem_yaml(src, p, &mut tandem, topic_index, d),
    }
    for (rel, abs) in &tf.attachments {
        let inner = rel.strip_prefix(&format!("{tdir}/")).unwrap_or(rel);
        tandem.attachments.push(Attachment {
            file: rel.clone(),
            url_name: url_file_path(inner),
            abs: abs.clone(),
        });
    }
    Some(tandem)
}

/// Fills in what tandem.yaml says about the tandem; both people need a name.
fn tandem_yaml(
    src: &Src,
    file: &Path,
    tandem: &mut Tandem,
    topic_index: &TopicIndex,
    d: &mut Vec<Diagnostic>,
) {
    let Some((ty, src)) = read_yaml::<yaml::TandemYaml>(src, file, yaml::TANDEM_FIELDS, d) else {
        return;
    };
    placeholders(&src, d);
    let mentor = person(ty.mentor);
    let mentee = person(ty.mentee);
    for (who, role, p) in [
        ("mentor", "Mentorin oder Mentor", &mentor),
        ("mentee", "Mentee", &mentee),
    ] {
        if p.as_ref().is_none_or(|p| p.name.is_empty()) {
            d.push(
                Diagnostic::error(
                    &src.file,
                    crate::text!(
                        "In tandem.yaml fehlt der Name unter `{who}:` ({role})",
                        "tandem.yaml has no name for the {who}"
                    ),
                )
                .at(&src.text, 1, 1, 1)
                .with_help(crate::text!(
                    "Ergänzen Sie eine Zeile wie `{who}: {{ name: Vorname Nachname, role: Rolle }}` mit dem richtigen Namen und der Rolle.",
                    "add a line like `{who}: {{ name: Vorname Nachname, role: Rolle }}` with the real name and role"
                )),
            );
        }
    }
    tandem.mentor = mentor.unwrap_or_default();
    tandem.mentee = mentee.unwrap_or_default();
    tandem.organization = text(ty.organization);
    tandem.rhythm = rhythm(ty.rhythm.as_ref(), &src, d);
    if let Some(f) = &ty.focus {
        tandem.focus = topic_index.resolve(f, &src, 0, "focus", d);
    }
    tandem.title = text(ty.title)
        .unwrap_or_else(|| format!("{} & {}", tandem.mentee.name, tandem.mentor.name));
    if let Some(g) = ty.goals {
        // The goals' Markdown is kept with the file, so errors in it
        // point into tandem.yaml.
        let goals = g.value.0;
        if !goals.trim().is_empty() {
            tandem.goals = Some(Markdown {
                file: src.file.clone(),
                text: goals.into(),
                offset: 0,
            });
        }
    }
}

/// A warning for each word a scaffold left in tandem.yaml ("Vorname Nachname", "Rolle",
/// the goals' question): published as it is, it would name nobody.
fn placeholders(src: &crate::content::front_matter::SourceText, d: &mut Vec<Diagnostic>) {
    use crate::content::names::{
        PLACEHOLDER_GOALS, PLACEHOLDER_NAME, PLACEHOLDER_ORGANIZATION, PLACEHOLDER_ROLE,
    };
    let roles = PLACEHOLDER_ROLE.map(|r| format!("role: {r}"));
    let words = PLACEHOLDER_NAME
        .iter()
        .chain(&PLACEHOLDER_ORGANIZATION)
        .chain(&PLACEHOLDER_GOALS)
        .map(|w| (*w, *w))
        .chain(
            roles
                .iter()
                .zip(PLACEHOLDER_ROLE)
                .map(|(l, r)| (l.as_str(), r)),
        );
    let words: Vec<(&str, &str)> = words.collect();
    for (n, line) in src.text.lines().enumerate() {
        let code = line.split(" #").next().unwrap_or(line);
        if code.trim_start().starts_with('#') {
            continue;
        }
        // The first placeholder of a line stands for the others on it.
        let first = words
            .iter()
            .filter_map(|&(find, word)| Some((code.find(find)? + find.len() - word.len(), word)))
            .min();
        if let Some((at, word)) = first {
            let column = code[..at].chars().count() + 1;
            let (message, help) = placeholder_texts(word);
            d.push(
                Diagnostic::warning(&src.file, message)
                    .at(&src.text, n + 1, column, word.chars().count())
                    .with_help(help),
            );
        }
    }
}

fn placeholder_texts(word: &str) -> (crate::diagnostics::Text, crate::diagnostics::Text) {
    use crate::content::names::PLACEHOLDER_GOALS;
    if PLACEHOLDER_GOALS.contains(&word) {
        return (
            crate::text!(
                "Bei den Zielen steht noch die Frage aus der Vorlage: „{word}“.",
                "The goals are still the template's question: \"{word}\"."
            ),
            crate::text!(
                "Schreiben Sie in ein, zwei Sätzen, was das Tandem lernen möchte, oder löschen Sie die Zeilen ab `goals:`.",
                "Write in a sentence or two what the tandem wants to learn, or delete the lines from `goals:` on."
            ),
        );
    }
    (
        crate::text!(
            "Hier steht noch der Platzhalter „{word}“ aus der Vorlage; so würde er veröffentlicht.",
            "This is still the template's placeholder \"{word}\"; it would be published as it is."
        ),
        crate::text!(
            "Tragen Sie das Richtige ein, zum Beispiel `mentor: {{ name: Lena Vogt, role: Werkstudentin }}` oder `organization: Raiffeisenbank Musterstadt eG`.",
            "Fill in the real words, for example `mentor: {{ name: Lena Vogt, role: Student }}` or `organization: Example Bank`."
        ),
    )
}
