//! Insights: what someone learned, and who. An insight is a section under a heading
//! such as "## Was ich gelernt habe" (see `markdown::insights`); who learned it is
//! read from the heading and the entry's `authors`:
//!
//! 1. the heading names a role: "Mentee", or "Mentor", "Mentorin", "Mentor·in";
//! 2. it names one of the two by a word of their name: "Was Thomas gelernt hat";
//! 3. it says "ich"/"I" (or "mir", "my" …): whoever wrote the entry, when `authors`
//!    names one of the two;
//! 4. it says "wir"/"we" (or "uns", "our" …): both, from each other;
//! 5. it names nobody ("## Erkenntnisse"): the entry's authors, one or both.
//!
//! When none of these tells, the insight is left out with a warning that says how to
//! name the person.

use crate::content::*;
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use std::collections::HashMap;
use std::sync::Arc;

/// Who learned: the mentee (from the mentor), the mentor (from the mentee), or both
/// from each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Learner {
    Mentee,
    Mentor,
    Both,
}

/// An insight of a published entry: the entry, which of its insights
/// ([`Rendered::insights`]), and who learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insight {
    pub entry: EntryId,
    pub index: usize,
    pub learner: Learner,
}

/// Every insight of the published entries, in date order, and a warning for each
/// insight whose learner cannot be told.
pub(super) fn all_insights(
    prog: &Programme,
    html: &HashMap<EntryId, Arc<Rendered>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Insight> {
    let mut out = Vec::new();
    for t in &prog.tandems {
        for &id in &t.entries {
            out.extend(of_entry(prog, id, html, Some(diags)));
        }
    }
    out.sort_by(|a, b| {
        let (ea, eb) = (&prog.entries[a.entry.0], &prog.entries[b.entry.0]);
        (ea.date, &ea.source.file, a.index).cmp(&(eb.date, &eb.source.file, b.index))
    });
    out
}

/// The insights of entry `id`; with `diags`, a warning for each whose learner cannot
/// be told.
pub(super) fn of_entry(
    prog: &Programme,
    id: EntryId,
    html: &HashMap<EntryId, Arc<Rendered>>,
    mut diags: Option<&mut Vec<Diagnostic>>,
) -> Vec<Insight> {
    let Some(r) = html.get(&id) else {
        return Vec::new();
    };
    let e = &prog.entries[id.0];
    let t = &prog.tandems[e.tandem.0];
    let mut out = Vec::new();
    for (index, ins) in r.insights.iter().enumerate() {
        match learner(&ins.heading, e, t) {
            Some(learner) => out.push(Insight {
                entry: id,
                index,
                learner,
            }),
            None => {
                if let Some(d) = diags.as_deref_mut() {
                    d.push(unknown_learner(e, t, &ins.heading, ins.offset));
                }
            }
        }
    }
    out
}

/// The words of a text, lower case, without apostrophes.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Who learned, from the heading of an insight and the entry's authors.
pub(crate) fn learner(heading: &str, e: &Entry, t: &Tandem) -> Option<Learner> {
    let words = words(heading);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let named = |p: &Person| {
        name_words(&p.name)
            .iter()
            .any(|n| words.iter().any(|w| w == n || *w == format!("{n}s")))
    };
    let mentee = has(&["mentee", "mentees"]) || named(&t.mentee);
    let mentor = has(&["mentor", "mentorin", "mentors", "mentorinnen"]) || named(&t.mentor);
    match (mentee, mentor) {
        (true, true) => return Some(Learner::Both),
        (true, false) => return Some(Learner::Mentee),
        (false, true) => return Some(Learner::Mentor),
        (false, false) => {}
    }
    if has(&["wir", "uns", "unser", "unsere", "we", "us", "our"]) {
        return Some(Learner::Both);
    }
    let authors = author_roles(e, t);
    let singular = has(&["ich", "mir", "mich", "mein", "meine", "i", "me", "my"]);
    match (authors.as_slice(), singular) {
        ([one], _) => Some(*one),
        ([_, _], false) => Some(Learner::Both),
        _ => None,
    }
}

/// The words of a name that can stand for the person: not titles ("Dr.") or initials.
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .filter(|w| !w.ends_with('.') && w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// The roles of an entry's authors (`mentor`, `mentee`, or a name), each once.
fn author_roles(e: &Entry, t: &Tandem) -> Vec<Learner> {
    let mut roles = Vec::new();
    for a in &e.authors {
        let a = a.trim().to_lowercase();
        let role = match a.as_str() {
            "mentee" => Some(Learner::Mentee),
            "mentor" | "mentorin" | "mentor·in" => Some(Learner::Mentor),
            _ if is_person(&a, &t.mentee) => Some(Learner::Mentee),
            _ if is_person(&a, &t.mentor) => Some(Learner::Mentor),
            _ => None,
        };
        if let Some(r) = role.filter(|r| !roles.contains(r)) {
            roles.push(r);
        }
    }
    roles.sort();
    roles
}

/// Whether an author as written (lower case) is this person: words of the name, such
/// as "Thomas" or "Thomas Hoffmann" for "Dr. Thomas Hoffmann".
fn is_person(author: &str, p: &Person) -> bool {
    let names = name_words(&p.name);
    let words = name_words(author);
    !words.is_empty() && words.iter().all(|w| names.contains(w))
}

fn first_name(p: &Person) -> String {
    p.name
        .split_whitespace()
        .find(|w| !w.ends_with('.'))
        .unwrap_or("Hans")
        .to_string()
}

/// The warning for an insight whose learner cannot be told, at its heading.
fn unknown_learner(e: &Entry, t: &Tandem, heading: &str, offset: usize) -> Diagnostic {
    let (mentee, mentor) = (first_name(&t.mentee), first_name(&t.mentor));
    let src = &e.source;
    let line_len = src.body()[offset.min(src.body().len())..]
        .lines()
        .next()
        .map_or(1, str::len);
    Diagnostic::warning(
        &src.file,
        crate::text!(
            "Bei der Erkenntnis „{heading}“ ist nicht zu erkennen, wer etwas gelernt hat.",
            "The insight \"{heading}\" does not say who learned."
        ),
    )
    .at_offset(&src.text, src.offset + offset, line_len)
    .with_help(crate::text!(
        "Nennen Sie die Person in der Überschrift, zum Beispiel „## Was {mentee} gelernt hat“ oder „## Was {mentor} gelernt hat“, oder tragen Sie bei `authors:` ein, wer den Eintrag schreibt (`authors: [mentee]` oder `authors: [mentor]`); dann passt „## Was ich gelernt habe“.",
        "Name the person in the heading, for example \"## What {mentee} learned\" or \"## What {mentor} learned\", or say in `authors:` who writes the entry (`authors: [mentee]` or `authors: [mentor]`); then \"## What I learned\" fits."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tandem() -> Tandem {
        Tandem {
            slug: crate::content::slug::Slug::from_name("t").unwrap(),
            dir: String::new(),
            cohort: CohortId(0),
            title: String::new(),
            mentor: Person {
                name: "Jana Schulz".into(),
                ..Person::default()
            },
            mentee: Person {
                name: "Dr. Thomas Hoffmann".into(),
                ..Person::default()
            },
            organization: None,
            focus: Vec::new(),
            goals: None,
            rhythm: None,
            entries: Vec::new(),
            attachments: Vec::new(),
        }
    }

    fn entry(authors: &[&str]) -> Entry {
        Entry {
            slug: crate::content::slug::Slug::from_name("e").unwrap(),
            tandem: TandemId(0),
            title: None,
            date: "2019-03-14".parse().unwrap(),
            topics: Vec::new(),
            duration_minutes: None,
            format: None,
            authors: authors.iter().map(|a| a.to_string()).collect(),
            visibility: Visibility::Shared,
            draft: false,
            source: Markdown {
                file: "e.md".into(),
                text: "".into(),
                offset: 0,
            },
        }
    }

    fn who(heading: &str, authors: &[&str]) -> Option<Learner> {
        learner(heading, &entry(authors), &tandem())
    }

    #[test]
    fn the_writer_learned_what_i_learned() {
        assert_eq!(
            who("Was ich gelernt habe", &["mentor"]),
            Some(Learner::Mentor)
        );
        assert_eq!(
            who("Was ich gelernt habe", &["mentee"]),
            Some(Learner::Mentee)
        );
        assert_eq!(who("What I learned", &["Jana"]), Some(Learner::Mentor));
        assert_eq!(
            who("Was ich gelernt habe", &["Thomas Hoffmann"]),
            Some(Learner::Mentee)
        );
        assert_eq!(who("Was ich gelernt habe", &["Thomas Müller"]), None);
        assert_eq!(
            who("Was ich gelernt habe", &["Hoffmann"]),
            Some(Learner::Mentee)
        );
        assert_eq!(who("Was ich gelernt habe", &["mentor", "mentee"]), None);
        assert_eq!(who("Was ich gelernt habe", &[]), None);
    }

    #[test]
    fn a_heading_that_names_someone_says_who_learned() {
        assert_eq!(
            who("Was Thomas gelernt hat", &["mentor"]),
            Some(Learner::Mentee)
        );
        assert_eq!(
            who("Thomas' Erkenntnis", &["mentor"]),
            Some(Learner::Mentee)
        );
        assert_eq!(who("Janas Erkenntnisse", &[]), Some(Learner::Mentor));
        assert_eq!(
            who("Was die Mentee gelernt hat", &["mentor"]),
            Some(Learner::Mentee)
        );
        assert_eq!(
            who("Was die Mentorin gelernt hat", &["mentee"]),
            Some(Learner::Mentor)
        );
        assert_eq!(
            who("Was Jana und Thomas gelernt haben", &[]),
            Some(Learner::Both)
        );
        assert_eq!(
            who("Was wir gelernt haben", &["mentor"]),
            Some(Learner::Both)
        );
        assert_eq!(
            who("Erkenntnisse", &["mentor", "mentee"]),
            Some(Learner::Both)
        );
        assert_eq!(who("Erkenntnisse", &["mentee"]), Some(Learner::Mentee));
        assert_eq!(who("Dr. Erkenntnis", &[]), None, "a title names nobody");
    }
}
