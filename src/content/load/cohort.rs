//! A cohort's folder: cohort.yaml (title, period, milestones), its index.md, and one
//! folder per tandem (see [`super::tandem`]).

use super::discover::CohortFiles;
use super::entry::EntryJob;
use super::fields::{date_at, folder_slug, period, rhythm, text};
use super::files::{read_markdown_only, read_yaml, Src};
use super::tandem::load_tandem;
use super::topics::TopicIndex;
use crate::content::front_matter::{parse_date, SourceText};
use crate::content::model::{Cohort, CohortId, Milestone, Period, Rhythm, Tandem, TandemId};
use crate::content::yaml;
use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The cohorts and their tandems, with the entry files still to parse.
pub(super) struct Cohorts<'f> {
    pub cohorts: Vec<Cohort>,
    pub tandems: Vec<Tandem>,
    /// Every entry file of every tandem, with its tandem and its cohort's period.
    pub entry_jobs: Vec<EntryJob<'f>>,
}

/// Reads the cohorts (by folder name, as found) and their tandems; a cohort or tandem
/// whose folder name cannot become a web address is left out.
pub(super) fn load_cohorts<'f>(
    src: &Src,
    found: &'f BTreeMap<String, CohortFiles>,
    topic_index: &TopicIndex,
    d: &mut Vec<Diagnostic>,
) -> Cohorts<'f> {
    let mut cohorts = Vec::new();
    let mut tandems: Vec<Tandem> = Vec::new();
    let mut entry_jobs: Vec<EntryJob<'f>> = Vec::new();
    for (cname, cf) in found {
        let cdir = format!("cohorts/{cname}");
        let Some(cslug) = folder_slug(&cdir, cname, d) else {
            continue;
        };
        let cid = CohortId(cohorts.len());
        let cy = cohort_yaml(src, &cdir, cname, cf.yaml.as_ref(), d);
        let (title, cperiod, milestones) = (cy.title, cy.period, cy.milestones);
        let intro = cf
            .intro
            .as_ref()
            .and_then(|p| read_markdown_only(src, p, d));
        let mut tids = Vec::new();
        for (tname, tf) in &cf.tandems {
            let tid = TandemId(tandems.len());
            let Some(tandem) = load_tandem(src, &cdir, tname, tf, cid, topic_index, d) else {
                continue;
            };
            for job in &tf.entries {
                entry_jobs.push((tid, cperiod, job));
            }
            tids.push(tid);
            tandems.push(tandem);
        }
        cohorts.push(Cohort {
            slug: cslug,
            dir: cdir,
            title,
            period: cperiod,
            milestones,
            intro,
            tandems: tids,
            rhythm: cy.rhythm,
        });
    }
    Cohorts {
        cohorts,
        tandems,
        entry_jobs,
    }
}

/// What a cohort.yaml says.
struct CohortFile {
    title: String,
    period: Option<Period>,
    milestones: Vec<Milestone>,
    rhythm: Option<Rhythm>,
}

impl CohortFile {
    fn named(name: &str) -> Self {
        CohortFile {
            title: name.to_string(),
            period: None,
            milestones: Vec::new(),
            rhythm: None,
        }
    }
}

/// The cohort's title, period, milestones and rhythm from its cohort.yaml; the
/// folder's name as title when there is no such file or it cannot be read.
fn cohort_yaml(
    src: &Src,
    cdir: &str,
    cname: &str,
    file: Option<&PathBuf>,
    d: &mut Vec<Diagnostic>,
) -> CohortFile {
    match file {
        None => {
            d.push(
                Diagnostic::error(
                    format!("{cdir}/cohort.yaml"),
                    crate::text!(
                        "Im Ordner des Jahrgangs fehlt die Datei cohort.yaml",
                        "this cohort folder has no cohort.yaml"
                    ),
                )
                .with_help(crate::text!(
                    "Legen Sie im Ordner {cdir} die Datei cohort.yaml an, mit mindestens einer Zeile wie `title: Jahrgang 2019`.",
                    "create cohort.yaml in the folder {cdir} with at least a line like `title: Jahrgang 2019`"
                )),
            );
            CohortFile::named(cname)
        }
        Some(p) => match read_yaml::<yaml::CohortYaml>(src, p, yaml::COHORT_FIELDS, d) {
            None => CohortFile::named(cname),
            Some((cy, src)) => {
                let title = text(cy.title).unwrap_or_else(|| {
                    d.push(
                        Diagnostic::error(
                            &src.file,
                            crate::text!(
                                "In cohort.yaml fehlt der Titel (`title`)",
                                "cohort.yaml has no `title`"
                            ),
                        )
                        .at(&src.text, 1, 1, 1)
                        .with_help(crate::text!(
                            "Ergänzen Sie eine Zeile wie `title: Jahrgang 2019`.",
                            "add a line like `title: Jahrgang 2019`"
                        )),
                    );
                    cname.to_string()
                });
                let rhythm = rhythm(cy.rhythm.as_ref(), &src, d);
                CohortFile {
                    title,
                    period: period(cy.period, &src, d),
                    milestones: milestones(cy.milestones, &src, d),
                    rhythm,
                }
            }
        },
    }
}

/// The milestones in order of date; one with a wrong date is left out with an error.
fn milestones(
    list: Vec<yaml::MilestoneYaml>,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) -> Vec<Milestone> {
    let mut ms = Vec::new();
    let mut bad = 0usize;
    for m in list {
        if bad >= crate::diagnostics::MAX_SIMILAR {
            match parse_date(&m.date.value.0) {
                Ok(date) => ms.push(Milestone {
                    date,
                    title: m.title.0,
                }),
                Err(_) => bad += 1,
            }
            continue;
        }
        match date_at(&m.date, src, 0, d) {
            Some(date) => ms.push(Milestone {
                date,
                title: m.title.0,
            }),
            None => bad += 1,
        }
    }
    if bad > crate::diagnostics::MAX_SIMILAR {
        if let Some(last) = d.last() {
            let summary = last.and_more(
                bad - crate::diagnostics::MAX_SIMILAR,
                crate::text!(
                    "Meilensteine mit falschem Datum",
                    "milestones with a wrong date"
                ),
            );
            d.push(summary);
        }
    }
    ms.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
    ms
}
