//! A page's text split into words: the places of each word's forms, with the weights
//! and anchors that Pagefind's markers in the text set.

use crate::format::Anchor;
use crate::words::{stem_key, Indexable, Words};
use crate::HashMap;
use std::sync::Arc;

const WEIGHT_MULTIPLIER: f32 = 24.0;
const WEIGHT_MAX: f32 = 10.0;

/// A word's places in a page's text: mostly one or two, kept inline.
pub(crate) type Places = smallvec::SmallVec<[Place; 2]>;

/// One place of a word in a page's text.
pub(crate) struct Place {
    pub(crate) position: u32,
    pub(crate) weight: u8,
    pub(crate) original: Option<Arc<str>>,
}

/// One place of a word in a meta field.
pub(crate) struct MetaPlace {
    pub(crate) field: u16,
    pub(crate) position: u32,
    pub(crate) original: Option<Arc<str>>,
}

/// A page's text split into words.
pub(crate) struct Digest {
    pub(crate) content: String,
    /// By [`stem_key`].
    pub(crate) words: HashMap<usize, (Arc<str>, Places)>,
    pub(crate) anchors: Vec<Anchor>,
    pub(crate) word_count: usize,
}

/// Splits a page's text into words and their places; `words` remembers the forms
/// of each word.
pub(crate) fn digest(text: &str, words: &mut Words) -> Digest {
    let mut content = String::with_capacity(text.len());
    // About one distinct word per 12 bytes of text: the map is rarely grown.
    let mut map: HashMap<usize, (Arc<str>, Places)> =
        HashMap::with_capacity_and_hasher(text.len() / 12, Default::default());
    let mut anchors = Vec::new();
    let mut total: usize = 0;
    let mut max_index = 0;
    let mut weights: Vec<u8> = vec![WEIGHT_MULTIPLIER as u8];
    for word in text.split_whitespace() {
        if word.starts_with('_') && marker(word, total, &mut anchors, &mut weights) {
            continue;
        }
        let base: std::borrow::Cow<str> = if word.contains('\u{200B}') {
            word.replace('\u{200B}', "").into()
        } else {
            word.into()
        };
        if base.is_empty() {
            continue;
        }
        content.push_str(&base);
        content.push(' ');
        let weight = *weights.last().unwrap_or(&1);
        add_places(&mut map, &words.text(&base), total as u32, weight);
        max_index = total;
        total += 1;
    }
    if content.ends_with(' ') {
        content.pop();
    }
    Digest {
        content,
        words: map,
        anchors,
        word_count: max_index + 1,
    }
}

/// Takes in one of Pagefind's markers: an anchor (at the word `position`), or the
/// start or end of a weight. False when `word` is none of them.
fn marker(word: &str, position: usize, anchors: &mut Vec<Anchor>, weights: &mut Vec<u8>) -> bool {
    if word.starts_with("___PAGEFIND_ANCHOR___") {
        anchors.extend(anchor(word, position));
    } else if word.starts_with("___PAGEFIND_WEIGHT___") {
        let w = word
            .replace("___PAGEFIND_WEIGHT___", "")
            .parse::<f32>()
            .ok()
            .unwrap_or(1.0);
        if w <= 0.0 {
            weights.push(0);
        } else {
            weights.push(((w.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8).max(1));
        }
    } else if word.starts_with("___PAGEFIND_AUTO_WEIGHT___") {
        if weights.len() == 1 {
            let w = word
                .replace("___PAGEFIND_AUTO_WEIGHT___", "")
                .parse::<f32>()
                .ok()
                .unwrap_or(1.0);
            weights.push((w.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8);
        } else {
            weights.push(weights.last().copied().unwrap_or_default());
        }
    } else if word.starts_with("___END_PAGEFIND_WEIGHT___") {
        weights.pop();
    } else {
        return false;
    }
    true
}

/// The anchor an `___PAGEFIND_ANCHOR___element:…:id` marker sets.
fn anchor(word: &str, location: usize) -> Option<Anchor> {
    let marker = word.replace("___PAGEFIND_ANCHOR___", "");
    let (element, anchor) = marker.split_once(':')?;
    let (_, id) = anchor.split_once(':')?;
    Some(Anchor {
        element: element.to_string(),
        id: id.to_string(),
        text: String::new(),
        location: location as u32,
    })
}

/// Adds the places of a word's forms at `position`; the forms that are parts of a
/// compound share the word's weight.
fn add_places(
    map: &mut HashMap<usize, (Arc<str>, Places)>,
    forms: &[Indexable],
    position: u32,
    weight: u8,
) {
    let compound_count = forms.iter().filter(|w| w.compound).count();
    let partial = if compound_count > 0 && weight > 0 {
        (weight / u8::try_from(compound_count).unwrap_or(u8::MAX)).max(1)
    } else {
        0
    };
    for form in forms.iter() {
        let place = Place {
            position,
            weight: if form.compound { partial } else { weight },
            original: form.original.clone(),
        };
        match map.get_mut(&stem_key(&form.stemmed)) {
            Some((_, places)) => places.push(place),
            None => {
                map.insert(
                    stem_key(&form.stemmed),
                    (form.stemmed.clone(), smallvec::smallvec![place]),
                );
            }
        }
    }
}
