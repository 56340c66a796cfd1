//! `audiences:` in program.yaml: read with program.yaml ([`read`]), and checked against
//! the cohorts and organisations once the tandems are loaded ([`resolve`]).
//!
//! A mistake here could open a site to more readers than intended (a misspelt
//! `organizations:` would filter nothing), so every problem is an error, and a site
//! with errors is not built.

use super::fields::text;
use crate::content::audience::Audience;
use crate::content::front_matter::SourceText;
use crate::content::model::{Cohort, CohortId, Tandem};
use crate::content::slug::slugify;
use crate::content::yaml::{pos, AudienceYaml, TextList, AUDIENCE_FIELDS};
use crate::diagnostics::{did_you_mean, Diagnostic};
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// An audience as written, before its cohorts and organisations are looked up.
pub(super) struct Written {
    audience: Audience,
    /// Where it starts in program.yaml.
    line: usize,
    cohorts: Option<TextList>,
    organizations: Option<TextList>,
}

/// The audiences of program.yaml with the file they were read from.
#[derive(Default)]
pub(super) struct Audiences {
    list: Vec<Written>,
    src: Option<SourceText>,
}

/// Reads the audiences: each needs an id that can be a folder name, used once; keys
/// that tandem does not know are errors.
pub(super) fn read(
    written: Vec<Spanned<AudienceYaml>>,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) -> Audiences {
    let keys = written_keys(src);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut list = Vec::new();
    for (i, a) in written.into_iter().enumerate() {
        let (line, col) = pos(&a);
        let a = a.value;
        let Some(id) = id(a.id.as_ref(), line, col, src, d) else {
            continue;
        };
        unknown_keys(keys.get(i), &id, line, src, d);
        if let Some(l0) = seen.get(&id) {
            let (l, c) = a.id.as_ref().map_or((line, col), pos);
            d.push(twice(&id, *l0, l, c, src));
            continue;
        }
        seen.insert(id.clone(), line);
        list.push(written_one(a, id, line, src, d));
    }
    Audiences {
        list,
        src: Some(src.clone()),
    }
}

/// An audience whose id is known, read on.
fn written_one(
    a: AudienceYaml,
    id: String,
    line: usize,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) -> Written {
    let anonymous = anonymous(a.anonymous.as_ref(), &id, src, d);
    for (key, l) in [("cohorts", &a.cohorts), ("organizations", &a.organizations)] {
        if l.as_ref().is_some_and(|l| l.0.is_empty()) {
            empty_list(key, &id, line, src, d);
        }
    }
    for (key, list) in [("users", &a.users), ("groups", &a.groups)] {
        for item in list.iter().flat_map(|l| &l.0) {
            login_name(key, item, &id, line, src, d);
        }
    }
    let names = |l: Option<TextList>| l.map(|l| l.0.into_iter().map(|i| i.text).collect());
    let users: Vec<String> = names(a.users).unwrap_or_default();
    // Without users or groups, the group named like the audience.
    let groups = names(a.groups).unwrap_or_else(|| match users.is_empty() {
        true => vec![id.clone()],
        false => Vec::new(),
    });
    Written {
        audience: Audience {
            title: text(a.title).unwrap_or_else(|| id.clone()),
            cohorts: None,
            organizations: None,
            anonymous,
            users,
            groups,
            id,
        },
        line,
        cohorts: a.cohorts,
        organizations: a.organizations,
    }
}

/// An id used a second time (first on line `first`).
fn twice(id: &str, first: usize, line: usize, col: usize, src: &SourceText) -> Diagnostic {
    Diagnostic::error(
        &src.file,
        crate::text!(
            "Die Zielgruppe `{id}` steht zweimal unter `audiences` (zuerst in Zeile {first})",
            "the audience `{id}` is listed twice under `audiences` (first on line {first})"
        ),
    )
    .at(&src.text, line, col, id.chars().count())
    .with_help(crate::text!(
        "Geben Sie jeder Zielgruppe eine eigene Kennung, z. B. `id: {id}-2`.",
        "give each audience an id of its own, e.g. `id: {id}-2`"
    ))
}

/// The id, if it is there and can be a folder's name.
fn id(
    id: Option<&Spanned<crate::content::yaml::Text>>,
    line: usize,
    col: usize,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) -> Option<String> {
    let Some(written) = id else {
        d.push(
            Diagnostic::error(
                &src.file,
                crate::text!(
                    "Der Zielgruppe in Zeile {line} fehlt die Kennung (`id`)",
                    "the audience on line {line} has no `id`"
                ),
            )
            .at(&src.text, line, col, 1)
            .with_help(crate::text!(
                "Ergänzen Sie eine Zeile wie `id: leitung`. Die Kennung ist der Name des Ordners, in den tandem die Seite dieser Zielgruppe schreibt.",
                "add a line like `id: leitung`; the id names the folder the audience's site is written into"
            )),
        );
        return None;
    };
    let id = written.value.0.trim().to_string();
    let slug = slugify(&id);
    if slug == id {
        return Some(id);
    }
    let (l, c) = pos(written);
    let example = if slug.is_empty() { "leitung" } else { &slug };
    d.push(
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Die Kennung `{id}` der Zielgruppe kann kein Ordnername sein",
                "the audience id `{id}` cannot be a folder name"
            ),
        )
        .at(&src.text, l, c, id.chars().count().max(1))
        .with_help(crate::text!(
            "Schreiben Sie nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. `id: {example}`.",
            "use only lower-case letters, digits and hyphens, e.g. `id: {example}`"
        )),
    );
    None
}

/// `anonymous:`: yes or no.
fn anonymous(
    v: Option<&Spanned<crate::content::yaml::Text>>,
    id: &str,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) -> bool {
    let Some(v) = v else { return false };
    match v.value.0.trim().to_lowercase().as_str() {
        "true" | "yes" | "ja" => true,
        "false" | "no" | "nein" => false,
        other => {
            let (l, c) = pos(v);
            d.push(
                Diagnostic::error(
                    &src.file,
                    crate::text!(
                        "`anonymous` der Zielgruppe `{id}` muss `true` oder `false` sein, nicht `{other}`",
                        "`anonymous` of the audience `{id}` must be `true` or `false`, not `{other}`"
                    ),
                )
                .at(&src.text, l, c, other.chars().count().max(1))
                .with_help(crate::text!(
                    "Schreiben Sie `anonymous: true`, wenn die Zielgruppe nur Zahlen und Diagramme ohne Namen sehen soll, sonst löschen Sie die Zeile.",
                    "write `anonymous: true` if the audience is to see only figures and charts without names; otherwise remove the line"
                )),
            );
            // When in doubt, show less.
            true
        }
    }
}

/// A user's or group's name goes into the web server's configuration as it is: it may
/// hold letters, digits and `._@-`, or, for a group of a directory service, be its
/// name there (`cn=rm-leitung,ou=gruppen,dc=bank,dc=de`), without quotes or `$`.
fn login_name(
    key: &str,
    item: &crate::content::yaml::Item,
    id: &str,
    line: usize,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) {
    let name = item.text.as_str();
    let plain = |c: char| c.is_alphanumeric() || "._@-".contains(c);
    let directory = |c: char| !c.is_control() && !"\"'$;{}#\\".contains(c);
    let ok = !name.is_empty()
        && if name.contains('=') {
            name.chars().all(directory)
        } else {
            name.chars().all(plain)
        };
    if ok {
        return;
    }
    let (l, c) = item
        .pos
        .unwrap_or((key_line(src, key, line).unwrap_or(line), 1));
    d.push(
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Der Name `{name}` unter `{key}` der Zielgruppe `{id}` kann nicht in die Zugriffsregeln des Webservers",
                "the name `{name}` in `{key}` of the audience `{id}` cannot go into the web server's access rules"
            ),
        )
        .at(&src.text, l, c, name.chars().count().max(1))
        .with_help(crate::text!(
            "Schreiben Sie den Anmeldenamen mit Buchstaben, Ziffern und `._@-`, z. B. `m.beispiel`, oder eine Gruppe des Verzeichnisdienstes wie `cn=rm-leitung,ou=gruppen,dc=bank,dc=de` (ohne Anführungszeichen und `$`).",
            "write the login name with letters, digits and `._@-`, e.g. `m.beispiel`, or a directory group such as `cn=rm-leitung,ou=groups,dc=bank,dc=de` (without quotes and `$`)"
        )),
    );
}

fn empty_list(key: &str, id: &str, line: usize, src: &SourceText, d: &mut Vec<Diagnostic>) {
    let at = key_line(src, key, line).unwrap_or(line);
    d.push(
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Die Liste `{key}` der Zielgruppe `{id}` ist leer",
                "the list `{key}` of the audience `{id}` is empty"
            ),
        )
        .at(&src.text, at, 1, 1)
        .with_help(crate::text!(
            "Nennen Sie mindestens einen Namen, z. B. `{key}: [2020]`, oder löschen Sie die Zeile, damit die Zielgruppe alle Tandems sieht.",
            "name at least one, e.g. `{key}: [2020]`, or remove the line to let the audience see every tandem"
        )),
    );
}

/// The keys written in each audience of the list, in order (read a second time from
/// program.yaml, as a plain mapping).
fn written_keys(src: &SourceText) -> Vec<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Keys {
        #[serde(default)]
        audiences: Vec<BTreeMap<String, serde::de::IgnoredAny>>,
    }
    serde_saphyr::from_str::<Keys>(&src.text)
        .map(|k| {
            k.audiences
                .into_iter()
                .map(|m| m.into_keys().collect())
                .collect()
        })
        .unwrap_or_default()
}

/// The first line at or after `from` that starts the key `key` (after a `- ` or
/// spaces), for pointing at it.
fn key_line(src: &SourceText, key: &str, from: usize) -> Option<usize> {
    src.text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i + 1)
}

fn unknown_keys(
    keys: Option<&Vec<String>>,
    id: &str,
    line: usize,
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) {
    let known = AUDIENCE_FIELDS.join(", ");
    for key in keys.into_iter().flatten() {
        if AUDIENCE_FIELDS.contains(&key.as_str()) {
            continue;
        }
        let at = key_line(src, key, line).unwrap_or(line);
        let suggestion = match key.as_str() {
            "organisations" | "organisationen" | "organization" | "orgs" => Some("organizations"),
            "jahrgaenge" | "jahrgänge" | "cohort" => Some("cohorts"),
            "anonym" => Some("anonymous"),
            _ => did_you_mean(key, AUDIENCE_FIELDS.iter().copied()),
        };
        let help = match suggestion {
            Some(s) => crate::text!(
                "Meinten Sie `{s}`? Schreiben Sie `{s}:` statt `{key}:`. Bekannte Felder: {known}.",
                "did you mean `{s}`? Write `{s}:` instead of `{key}:`. Known fields: {known}"
            ),
            None => crate::text!(
                "Bekannte Felder sind: {known}. Löschen Sie die Zeile oder benennen Sie das Feld um.",
                "known fields are: {known}; remove the line or rename the field"
            ),
        };
        d.push(
            Diagnostic::error(
                &src.file,
                crate::text!(
                    "Das Feld `{key}` der Zielgruppe `{id}` ist unbekannt; damit die Seite nicht mehr zeigt als gewollt, wird nichts gebaut",
                    "unknown field `{key}` in the audience `{id}`; lest the site show more than intended, nothing is built"
                ),
            )
            .at(&src.text, at, 1, key.chars().count())
            .with_help(help),
        );
    }
}

/// The audiences with their cohorts and organisations looked up: a name that matches
/// no cohort, or no tandem's organisation, is an error.
pub(super) fn resolve(
    audiences: Audiences,
    cohorts: &[Cohort],
    tandems: &[Tandem],
    d: &mut Vec<Diagnostic>,
) -> Vec<Arc<Audience>> {
    let Some(src) = audiences.src else {
        return Vec::new();
    };
    let mut orgs: Vec<&str> = tandems
        .iter()
        .filter_map(|t| t.organization.as_deref())
        .collect();
    orgs.sort();
    orgs.dedup();
    let mut out = Vec::new();
    for w in audiences.list {
        let mut a = w.audience;
        let errors = d.len();
        if let Some(list) = w.cohorts.filter(|l| !l.0.is_empty()) {
            let found = list.0.iter().filter_map(|item| {
                let found = find_cohort(cohorts, &item.text);
                if found.is_none() {
                    unknown_cohort(&a.id, item, w.line, cohorts, &src, d);
                }
                found
            });
            a.cohorts = Some(found.collect());
        }
        if let Some(list) = w.organizations.filter(|l| !l.0.is_empty()) {
            let found = list.0.iter().filter_map(|item| {
                let found = orgs.iter().find(|o| same_name(o, &item.text));
                if found.is_none() {
                    unknown_organisation(&a.id, item, w.line, &orgs, &src, d);
                }
                found.map(|o| o.to_string())
            });
            a.organizations = Some(found.collect());
        }
        let named_wrong = d.len() > errors;
        if !a.anonymous && !named_wrong && !tandems.is_empty() && tandems.iter().all(|t| !a.sees(t))
        {
            let id = &a.id;
            d.push(
                Diagnostic::warning(
                    &src.file,
                    crate::text!(
                        "Die Zielgruppe `{id}` sieht kein einziges Tandem",
                        "the audience `{id}` sees no tandem at all"
                    ),
                )
                .at(&src.text, w.line, 1, 1)
                .with_help(crate::text!(
                    "Prüfen Sie `cohorts` und `organizations`: Eine Zielgruppe sieht nur die Tandems, die zu beiden passen.",
                    "check `cohorts` and `organizations`: an audience sees only the tandems that match both"
                )),
            );
        }
        out.push(Arc::new(a));
    }
    out
}

/// Names compared as people write them: case and spaces aside.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// A cohort by its folder name, its slug or its title.
fn find_cohort(cohorts: &[Cohort], name: &str) -> Option<CohortId> {
    cohorts
        .iter()
        .position(|c| {
            let folder = c.dir.rsplit('/').next().unwrap_or(&c.dir);
            same_name(folder, name) || c.slug.as_str() == slugify(name) || same_name(&c.title, name)
        })
        .map(CohortId)
}

fn unknown_cohort(
    id: &str,
    item: &crate::content::yaml::Item,
    line: usize,
    cohorts: &[Cohort],
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) {
    let name = &item.text;
    let folders: Vec<&str> = cohorts
        .iter()
        .map(|c| c.dir.rsplit('/').next().unwrap_or(&c.dir))
        .collect();
    let all = folders.join(", ");
    let help = match did_you_mean(name, folders.iter().copied()) {
        Some(s) => crate::text!(
            "Meinten Sie `{s}`? Nennen Sie den Ordner des Jahrgangs unter cohorts/. Jahrgänge: {all}.",
            "did you mean `{s}`? Name the cohort's folder under cohorts/. Cohorts: {all}"
        ),
        None => crate::text!(
            "Nennen Sie den Ordner des Jahrgangs unter cohorts/, z. B. `cohorts: [2020]`. Jahrgänge: {all}.",
            "name the cohort's folder under cohorts/, e.g. `cohorts: [2020]`. Cohorts: {all}"
        ),
    };
    let (l, c) = item
        .pos
        .unwrap_or((key_line(src, "cohorts", line).unwrap_or(line), 1));
    d.push(
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Den Jahrgang `{name}` der Zielgruppe `{id}` gibt es nicht",
                "the audience `{id}` names the cohort `{name}`, which does not exist"
            ),
        )
        .at(&src.text, l, c, name.chars().count().max(1))
        .with_help(help),
    );
}

fn unknown_organisation(
    id: &str,
    item: &crate::content::yaml::Item,
    line: usize,
    orgs: &[&str],
    src: &SourceText,
    d: &mut Vec<Diagnostic>,
) {
    let name = &item.text;
    let all = if orgs.is_empty() {
        "–".to_string()
    } else {
        orgs.join(", ")
    };
    let help = match did_you_mean(name, orgs.iter().copied()) {
        Some(s) => crate::text!(
            "Meinten Sie `{s}`? Schreiben Sie den Namen so, wie er unter `organization:` in tandem.yaml steht. Organisationen: {all}.",
            "did you mean `{s}`? Write the name as `organization:` in tandem.yaml has it. Organisations: {all}"
        ),
        None => crate::text!(
            "Schreiben Sie den Namen so, wie er unter `organization:` in tandem.yaml steht. Organisationen: {all}.",
            "write the name as `organization:` in tandem.yaml has it. Organisations: {all}"
        ),
    };
    let (l, c) = item
        .pos
        .unwrap_or((key_line(src, "organizations", line).unwrap_or(line), 1));
    d.push(
        Diagnostic::error(
            &src.file,
            crate::text!(
                "Die Organisation `{name}` der Zielgruppe `{id}` hat kein Tandem",
                "the audience `{id}` names the organisation `{name}`, which no tandem has"
            ),
        )
        .at(&src.text, l, c, name.chars().count().max(1))
        .with_help(help),
    );
}
