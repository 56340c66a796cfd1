//! URL slugs from folder and file names.
//!
//! Names are NFC-normalised first, so that a file saved on macOS (NFD, `u` + combining
//! diaeresis) gets the same slug as one saved on Linux or Windows (`ü`). German umlauts
//! and `ß` are transliterated the German way (`ü` → `ue`), because `deunicode` alone
//! would turn `Müller` into `muller`.

use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A URL path segment: lower-case ASCII letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Builds the slug of a name; `None` when nothing usable is left (e.g. `"???"`).
    pub fn from_name(name: &str) -> Option<Slug> {
        let s = slugify(name);
        if s.is_empty() {
            None
        } else {
            Some(Slug(s))
        }
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lower-case, German transliteration, every other run of non-alphanumerics → `-`.
pub fn slugify(name: &str) -> String {
    let mut ascii = String::with_capacity(name.len());
    for c in name.nfc() {
        match c {
            'ä' | 'Ä' => ascii.push_str("ae"),
            'ö' | 'Ö' => ascii.push_str("oe"),
            'ü' | 'Ü' => ascii.push_str("ue"),
            'ß' | 'ẞ' => ascii.push_str("ss"),
            c if c.is_ascii() => ascii.push(c),
            c => {
                if let Some(t) = deunicode::deunicode_char(c) {
                    ascii.push_str(t);
                } else {
                    ascii.push('-');
                }
            }
        }
    }
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_transliteration() {
        assert_eq!(slugify("Größe"), "groesse");
        assert_eq!(slugify("Müller & Söhne"), "mueller-soehne");
        assert_eq!(slugify("ÄRGER"), "aerger");
        assert_eq!(slugify("Straße"), "strasse");
    }

    #[test]
    fn nfd_names_give_the_same_slug() {
        let nfd = "Mu\u{0308}ller";
        assert_eq!(slugify(nfd), "mueller");
        assert_eq!(slugify(nfd), slugify("Müller"));
    }

    #[test]
    fn runs_of_other_characters_become_one_hyphen() {
        assert_eq!(
            slugify("2019-03-14 LinkedIn für Vorstände!"),
            "2019-03-14-linkedin-fuer-vorstaende"
        );
        assert_eq!(slugify("  --a__b--  "), "a-b");
        assert_eq!(slugify("Café"), "cafe");
    }

    #[test]
    fn empty_slug_is_none() {
        assert!(Slug::from_name("???").is_none());
        assert!(Slug::from_name("").is_none());
    }
}
