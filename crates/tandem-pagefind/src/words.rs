//! Words as Pagefind indexes them: each word of a text splits into its indexable
//! forms (the word, its parts, its dotted tails), normalised and stemmed.

use crate::{HashMap, HashSet, Language};
use std::sync::{Arc, LazyLock};

/// Characters that count as part of a word besides letters and digits (Unicode's
/// connector punctuation), as Pagefind's `WORD_SYMBOLS`.
pub(crate) const WORD_SYMBOLS: [char; 10] =
    ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];
const MAX_DOTTED_TAIL_CHARS: usize = 64;
const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;

static EMOJI: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("\\p{Emoji}").expect("a valid pattern"));

/// One indexable form of a word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Indexable {
    pub(crate) stemmed: Arc<str>,
    pub(crate) compound: bool,
    /// The form before diacritics were taken off, when it differs.
    pub(crate) original: Option<Arc<str>>,
}

/// Word splitting with a memory: the forms of every word seen before.
pub(crate) struct Words {
    stemmer: pagefind_stem::Stemmer,
    text: HashMap<String, Arc<[Indexable]>>,
    meta: HashMap<String, Arc<[Indexable]>>,
    /// Every stem handed out, once: the same stem is always at the same place.
    stems: HashSet<Arc<str>>,
}

/// Where a stem of one [`Words`] is: as good as the stem itself, since each stem is
/// there once, and a page's words are counted without hashing their letters again.
pub(crate) fn stem_key(stem: &Arc<str>) -> usize {
    Arc::as_ptr(stem).cast::<u8>() as usize
}

impl Words {
    pub(crate) fn new(language: Language) -> Self {
        use pagefind_stem::{Algorithm, Stemmer};
        let algorithm = match language {
            Language::De => Algorithm::German,
            Language::En => Algorithm::English,
        };
        Words {
            stemmer: Stemmer::create(algorithm),
            text: HashMap::default(),
            meta: HashMap::default(),
            stems: HashSet::default(),
        }
    }

    /// The forms with their stems made the ones of this splitter.
    fn interned(&mut self, mut forms: Vec<Indexable>) -> Arc<[Indexable]> {
        for form in &mut forms {
            match self.stems.get(&form.stemmed) {
                Some(s) => form.stemmed = s.clone(),
                None => {
                    self.stems.insert(form.stemmed.clone());
                }
            }
        }
        forms.into()
    }

    /// The forms of a word of the text: the word, its parts and its dotted tails.
    pub(crate) fn text(&mut self, word: &str) -> Arc<[Indexable]> {
        if let Some(w) = self.text.get(word) {
            return w.clone();
        }
        let mut forms = indexable_words(word, &self.stemmer);
        let tails = dotted_tails(word, &self.stemmer, &forms);
        forms.extend(tails);
        let forms = self.interned(forms);
        self.text.insert(word.to_string(), forms.clone());
        forms
    }

    /// The forms of a word of a meta field (no dotted tails there).
    pub(crate) fn meta(&mut self, word: &str) -> Arc<[Indexable]> {
        if let Some(w) = self.meta.get(word) {
            return w.clone();
        }
        let forms = indexable_words(word, &self.stemmer);
        let forms = self.interned(forms);
        self.meta.insert(word.to_string(), forms.clone());
        forms
    }
}

fn indexable_words(raw: &str, stemmer: &pagefind_stem::Stemmer) -> Vec<Indexable> {
    let mut results = Vec::new();
    let normalized = normalize_word(raw);
    if !normalized.is_empty() {
        results.push(stem_word(&normalized, stemmer, false));
    }
    for suffix in katakana_suffixes(raw) {
        let plain = normalize_diacritics(suffix);
        results.push(Indexable {
            stemmed: plain.as_deref().unwrap_or(suffix).into(),
            original: plain.map(|_| suffix.into()),
            compound: true,
        });
    }
    let possibly_compound =
        raw.chars().any(|c| !c.is_alphanumeric()) || raw.chars().skip(1).any(|c| c.is_uppercase());
    if !possibly_compound {
        return results;
    }
    let (parts, extras) = discrete_words(raw);
    if !normalized.is_empty()
        && (parts.contains(|c: char| c.is_whitespace()) || !normalized.starts_with(&parts))
    {
        for part in parts.split_whitespace().filter(|w| w.len() > 1) {
            let plain = normalize_diacritics(part);
            let stemmed: Arc<str> = stemmer
                .stem(plain.as_deref().unwrap_or(part))
                .as_ref()
                .into();
            results.push(Indexable {
                stemmed,
                original: plain.map(|_| part.into()),
                compound: true,
            });
        }
    }
    for extra in extras.into_iter().flatten() {
        results.push(Indexable {
            stemmed: extra.into(),
            original: None,
            compound: false,
        });
    }
    results
}

/// The tail after each dot of a dotted word that is itself compound
/// (`is_python_build` in `sysconfig.is_python_build`).
fn dotted_tails(
    raw: &str,
    stemmer: &pagefind_stem::Stemmer,
    existing: &[Indexable],
) -> Vec<Indexable> {
    let mut tails = Vec::new();
    if !raw.contains('.') {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|w| &*w.stemmed).collect();
    let mut seen_tails: HashSet<Arc<str>> = HashSet::default();
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(|c| c.is_uppercase());
        if !compound {
            continue;
        }
        let normalized = normalize_word(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem_word(&normalized, stemmer, true);
        if !seen.contains(&*word.stemmed) && seen_tails.insert(word.stemmed.clone()) {
            tails.push(word);
        }
    }
    tails
}

fn normalize_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for mut c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

fn stem_word(normalized: &str, stemmer: &pagefind_stem::Stemmer, compound: bool) -> Indexable {
    let plain = normalize_diacritics(normalized);
    let base = plain.as_deref().unwrap_or(normalized);
    let stemmed: Arc<str> = stemmer.stem(base).as_ref().into();
    Indexable {
        stemmed,
        original: plain.map(|_| normalized.into()),
        compound,
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::default();
    let mut suffixes = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

/// The word without diacritics (`cafe` for `café`), when that differs.
fn normalize_diacritics(word: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    (normalized != word).then_some(normalized)
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

fn discrete_words(s: &str) -> (String, Option<Vec<String>>) {
    use convert_case::{Case, Casing};
    let words = s
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let extras = EMOJI.is_match(s).then(|| {
        unicode_segmentation::UnicodeSegmentation::graphemes(s, true)
            .filter(|x| emojis::get(x).is_some())
            .map(str::to_string)
            .collect()
    });
    (words, extras)
}
