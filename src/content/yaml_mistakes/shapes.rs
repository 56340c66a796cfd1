//! What each field of each kind of file holds, for the examples of the messages: a
//! text, a list of names (`topics: [a, b]`), fields of its own (`period:` with
//! `start:` and `end:`), or a list of items with fields (program.yaml's topics).

use crate::content::dates;
use crate::diagnostics::Text;

/// The kind of file the YAML comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Program,
    Cohort,
    Tandem,
    Entry,
    Doc,
}

impl Kind {
    /// The kind of a file of the content folder, by its name.
    pub(crate) fn of(file: &str) -> Kind {
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        match name {
            "program.yaml" => Kind::Program,
            "cohort.yaml" => Kind::Cohort,
            "tandem.yaml" => Kind::Tandem,
            _ if file.starts_with("cohorts/") && file.matches('/').count() >= 3 => Kind::Entry,
            _ => Kind::Doc,
        }
    }

    /// The YAML is the front matter of a Markdown file (between the `---` lines).
    pub(crate) fn is_front_matter(self) -> bool {
        matches!(self, Kind::Entry | Kind::Doc)
    }
}

/// What a top-level field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Text,
    /// A list of names: `topics: [a, b]`, or one per line with `- `.
    Names,
    /// Fields of its own, indented below it or in braces.
    Fields,
    /// A list of items, each with fields, of which some are needed.
    Items(Item),
}

/// A list item with fields: what it is called and which fields it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Topic,
    Milestone,
}

impl Item {
    pub(crate) fn required(self) -> &'static [&'static str] {
        match self {
            Item::Topic => &["id"],
            Item::Milestone => &["date", "title"],
        }
    }

    /// How an item is written, with the person's `word` as its title, indented by
    /// `indent` spaces.
    pub(crate) fn example(self, word: &str, indent: usize) -> Text {
        let pad = " ".repeat(indent);
        match self {
            Item::Topic => {
                let id = crate::content::slug::slugify(word);
                let id = if id.is_empty() {
                    "mein-thema".into()
                } else {
                    id
                };
                crate::text!(
                    "{pad}- id: {id}\n{pad}  title: {word}",
                    "{pad}- id: {id}\n{pad}  title: {word}"
                )
            }
            Item::Milestone => crate::text!(
                "{pad}- date: JJJJ-MM-TT\n{pad}  title: {word}",
                "{pad}- date: YYYY-MM-DD\n{pad}  title: {word}"
            ),
        }
    }
}

/// What `key` holds at the top of a file of `kind`; `None` for a field tandem does
/// not know.
pub(crate) fn shape(kind: Kind, key: &str) -> Option<Shape> {
    use Shape::*;
    Some(match (kind, key) {
        (Kind::Program, "topics") => Items(Item::Topic),
        (Kind::Program, "audience") => Names,
        (Kind::Program | Kind::Cohort, "period") | (Kind::Program, "contact") => Fields,
        (Kind::Cohort, "milestones") => Items(Item::Milestone),
        (Kind::Tandem, "mentor" | "mentee") => Fields,
        (Kind::Tandem, "focus") => Names,
        (Kind::Entry, "topics" | "authors") => Names,
        (Kind::Program, _) if crate::content::yaml::PROGRAM_FIELDS.contains(&key) => Text,
        (Kind::Cohort, _) if crate::content::yaml::COHORT_FIELDS.contains(&key) => Text,
        (Kind::Tandem, _) if crate::content::yaml::TANDEM_FIELDS.contains(&key) => Text,
        (Kind::Entry, _) if crate::content::yaml::ENTRY_FIELDS.contains(&key) => Text,
        (Kind::Doc, _) if crate::content::yaml::DOC_FIELDS.contains(&key) => Text,
        _ => return None,
    })
}

/// Whether `key` is a field name anywhere in a file of `kind` (at the top or inside
/// a topic, a period, a person, a milestone).
pub(crate) fn known_anywhere(kind: Kind, key: &str) -> bool {
    shape(kind, key).is_some()
        || match kind {
            Kind::Program => [
                "id",
                "title",
                "description",
                "start",
                "end",
                "name",
                "role",
                "email",
            ]
            .contains(&key),
            Kind::Cohort => ["start", "end", "date", "title"].contains(&key),
            Kind::Tandem => ["name", "role", "email"].contains(&key),
            Kind::Entry | Kind::Doc => false,
        }
}

/// How `key` is written, as an example for a message; `None` for a text field.
pub(crate) fn example(kind: Kind, key: &str) -> Option<Text> {
    Some(match shape(kind, key)? {
        Shape::Text => return None,
        Shape::Names => match (kind, key) {
            (Kind::Program, _) => crate::text!(
                "audience: [Führungskräfte, Vorstände]",
                "audience: [executives, board members]"
            ),
            (Kind::Entry, "authors") => {
                crate::text!("authors: [mentor, mentee]", "authors: [mentor, mentee]")
            }
            _ => crate::text!(
                "{key}: [fuehrung, recruiting]",
                "{key}: [fuehrung, recruiting]"
            ),
        },
        Shape::Fields => match key {
            "period" => crate::text!(
                "period: {{ start: 2019-03-07, end: 2019-10-22 }}",
                "period: {{ start: 2019-03-07, end: 2019-10-22 }}"
            ),
            _ => crate::text!(
                "{key}: {{ name: Lena Vogt, role: Werkstudentin }}",
                "{key}: {{ name: Lena Vogt, role: student assistant }}"
            ),
        },
        Shape::Items(item) => {
            let ex = item.example(
                match item {
                    Item::Topic => "Führung",
                    Item::Milestone => "Zwischenbilanz",
                },
                2,
            );
            let (de, en) = (ex.de, ex.en);
            crate::text!("{key}:\n{de}", "{key}:\n{en}")
        }
    })
}

/// How `key` is written, with what the person wrote after it where it fits: a person
/// written as a name (`mentor: Lena Vogt`), a period as two dates
/// (`period: 2019-03-07 bis 2019-10-22`).
pub(crate) fn example_with(kind: Kind, key: &str, written: &str) -> Option<Text> {
    let plain = !written.is_empty() && !written.starts_with(['[', '{', '"', '\'']);
    match (shape(kind, key)?, key) {
        (Shape::Fields, "period") if plain => {
            let two = [" bis ", " – ", " — ", " - ", " to ", ","]
                .iter()
                .find_map(|sep| written.split_once(sep))
                .and_then(|(a, b)| Some((dates::iso(a)?, dates::iso(b)?)));
            match two {
                Some((start, end)) => Some(crate::text!(
                    "period: {{ start: {start}, end: {end} }}",
                    "period: {{ start: {start}, end: {end} }}"
                )),
                None => example(kind, key),
            }
        }
        (Shape::Fields, _) if plain => Some(crate::text!(
            "{key}: {{ name: {written}, role: … }}",
            "{key}: {{ name: {written}, role: … }}"
        )),
        _ => example(kind, key),
    }
}
