//! The YAML shapes of `program.yaml`, `cohort.yaml`, `tandem.yaml` and front matter,
//! as written by people: a text field may hold a number (`title: 2019`), a list may be
//! a single value (`topics: fuehrung`). Values carry their source positions so that
//! later checks (unknown topic, impossible date) can point at them.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::fmt;

/// Any scalar, kept as text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One value or a list of values, each with its position when written as a list.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextList(pub Vec<Item>);

#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub text: String,
    /// Line and column (1-based) within the YAML, when known.
    pub pos: Option<(usize, usize)>,
    /// For an item of a list written without brackets (`topics: a, b`): how many
    /// characters after the start of the value it starts.
    pub shift: usize,
}

/// The items of a list written as one text: `Onlinemarketing, Führung` is two items,
/// as a person who writes it means (commas or semicolons between them); each with
/// where it starts in the text, in characters.
fn split_items(v: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (i, part) in v.split([',', ';']).enumerate() {
        let lead = part.chars().take_while(|c| c.is_whitespace()).count();
        let text = part.trim();
        if !text.is_empty() || i == 0 {
            out.push(Item {
                text: text.to_string(),
                pos: None,
                shift: start + lead,
            });
        }
        start += part.chars().count() + 1;
    }
    out
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list like [a, b] or a single value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextList, E> {
                Ok(TextList(split_items(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<TextList, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TextList, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<TextList, E> {
                Ok(TextList(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextList, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<Spanned<Text>>()? {
                    let p = pos(&v);
                    out.push(Item {
                        text: v.value.0,
                        pos: Some(p),
                        shift: 0,
                    });
                }
                Ok(TextList(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// 1-based line and column of a spanned value.
pub(crate) fn pos<T>(s: &Spanned<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

#[derive(Debug, Deserialize)]
pub(crate) struct PeriodYaml {
    pub start: Spanned<Text>,
    pub end: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PersonYaml {
    pub name: Option<Text>,
    pub role: Option<Text>,
    pub email: Option<Text>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TopicYaml {
    pub id: Spanned<Text>,
    pub title: Option<Text>,
    pub description: Option<Text>,
}

pub(crate) const PROGRAM_FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "code",
    "provider",
    "language",
    "base_url",
    "audience",
    "sector",
    "format",
    "period",
    "contact",
    "theme",
    "topics",
    "rhythm",
    "audiences",
];

#[derive(Debug, Deserialize)]
pub(crate) struct ProgramYaml {
    pub title: Option<Text>,
    pub subtitle: Option<Text>,
    pub code: Option<Text>,
    pub provider: Option<Text>,
    pub language: Option<Spanned<Text>>,
    pub base_url: Option<Spanned<Text>>,
    #[serde(default)]
    pub audience: TextList,
    pub sector: Option<Text>,
    pub format: Option<Text>,
    pub period: Option<PeriodYaml>,
    pub contact: Option<PersonYaml>,
    pub theme: Option<Spanned<Text>>,
    #[serde(default)]
    pub topics: Vec<TopicYaml>,
    pub rhythm: Option<Spanned<Text>>,
    #[serde(default)]
    pub audiences: Vec<Spanned<AudienceYaml>>,
}

pub(crate) const AUDIENCE_FIELDS: &[&str] = &[
    "id",
    "title",
    "organizations",
    "cohorts",
    "anonymous",
    "users",
    "groups",
];

/// One of `audiences:` (see `content::audience`).
#[derive(Debug, Deserialize)]
pub(crate) struct AudienceYaml {
    pub id: Option<Spanned<Text>>,
    pub title: Option<Text>,
    pub organizations: Option<TextList>,
    pub cohorts: Option<TextList>,
    pub anonymous: Option<Spanned<Text>>,
    pub users: Option<TextList>,
    pub groups: Option<TextList>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct MilestoneYaml {
    pub date: Spanned<Text>,
    pub title: Text,
}

pub(crate) const COHORT_FIELDS: &[&str] = &["title", "period", "milestones", "rhythm"];

#[derive(Debug, Deserialize)]
pub(crate) struct CohortYaml {
    pub title: Option<Text>,
    pub period: Option<PeriodYaml>,
    #[serde(default)]
    pub milestones: Vec<MilestoneYaml>,
    pub rhythm: Option<Spanned<Text>>,
}

pub(crate) const TANDEM_FIELDS: &[&str] = &[
    "title",
    "mentor",
    "mentee",
    "organization",
    "focus",
    "goals",
    "rhythm",
];

#[derive(Debug, Deserialize)]
pub(crate) struct TandemYaml {
    pub title: Option<Text>,
    pub mentor: Option<PersonYaml>,
    pub mentee: Option<PersonYaml>,
    pub organization: Option<Text>,
    pub focus: Option<Spanned<TextList>>,
    pub goals: Option<Spanned<Text>>,
    pub rhythm: Option<Spanned<Text>>,
}

pub(crate) const ENTRY_FIELDS: &[&str] = &[
    "title",
    "date",
    "topics",
    "duration",
    "format",
    "authors",
    "visibility",
    "draft",
];
pub(crate) const ENTRY_ALIASES: &[(&str, &str)] = &[
    ("tags", "topics"),
    ("themen", "topics"),
    ("titel", "title"),
    ("datum", "date"),
    ("dauer", "duration"),
    ("author", "authors"),
    ("autor", "authors"),
    ("private", "visibility"),
    ("privat", "visibility"),
    ("entwurf", "draft"),
];

#[derive(Debug, Default, Deserialize)]
pub(crate) struct EntryYaml {
    pub title: Option<Text>,
    pub date: Option<Spanned<Text>>,
    pub topics: Option<Spanned<TextList>>,
    pub duration: Option<Spanned<Text>>,
    pub format: Option<Text>,
    pub authors: Option<TextList>,
    pub visibility: Option<Spanned<Text>>,
    pub draft: Option<Spanned<Text>>,
}

pub(crate) const DOC_FIELDS: &[&str] = &["title", "weight", "description", "draft"];

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DocYaml {
    pub title: Option<Text>,
    pub weight: Option<Spanned<Text>>,
    pub description: Option<Text>,
    pub draft: Option<Spanned<Text>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_are_text() {
        let e: EntryYaml =
            serde_saphyr::from_str("title: 2019\ndate: 2019-03-14\nduration: 90\n").unwrap();
        assert_eq!(e.title.unwrap().0, "2019");
        assert_eq!(e.date.as_ref().unwrap().value.0, "2019-03-14");
        assert_eq!(pos(e.date.as_ref().unwrap()), (2, 7));
        assert_eq!(e.duration.unwrap().value.0, "90");
    }

    #[test]
    fn lists_keep_positions_and_single_values_work() {
        let e: EntryYaml =
            serde_saphyr::from_str("topics: [a, fuehrung]\nauthors: mentor\n").unwrap();
        let t = e.topics.unwrap();
        assert_eq!(t.value.0[1].text, "fuehrung");
        assert_eq!(t.value.0[1].pos, Some((1, 13)));
        assert_eq!(e.authors.unwrap().0[0].text, "mentor");
        let e: EntryYaml = serde_saphyr::from_str("topics: fuehrung\n").unwrap();
        let t = e.topics.unwrap();
        assert_eq!(t.value.0[0].text, "fuehrung");
        assert_eq!(pos(&t), (1, 9));
    }

    #[test]
    fn a_list_written_without_brackets_is_a_list() {
        let e: EntryYaml =
            serde_saphyr::from_str("topics: Onlinemarketing, Führung;fuehrung\n").unwrap();
        let t = e.topics.unwrap();
        let items: Vec<(&str, usize)> = t
            .value
            .0
            .iter()
            .map(|i| (i.text.as_str(), i.shift))
            .collect();
        assert_eq!(
            items,
            [("Onlinemarketing", 0), ("Führung", 17), ("fuehrung", 25)]
        );
    }

    #[test]
    fn duplicate_keys_are_errors_with_a_position() {
        let err = serde_saphyr::from_str::<EntryYaml>("title: a\ntitle: b\n").unwrap_err();
        let loc = err.location().unwrap();
        assert_eq!(loc.line(), 2);
    }

    #[test]
    fn empty_yaml_is_empty() {
        let e: EntryYaml = serde_saphyr::from_str("").unwrap_or_default();
        assert!(e.title.is_none());
    }
}
