//! A tandem's folder: tandem.yaml (the two people, organisation, focus, goals) and the
//! files beside the entries, copied as attachments. The entries themselves are parsed
//! all at once later (see [`super::entry`]).

use super::discover::TandemFiles;
use super::fields::{folder_slug, person, text};
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
