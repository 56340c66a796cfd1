//! A page ready to merge: its part of each word's entry, encoded (the places of the
//! word in its text and meta fields), its filter values and its fragment.

use crate::cbor::{head, Cbor};
use crate::digest::{digest, Digest, MetaPlace, Place, Places};
use crate::format::{Fragment, GroupedAnchor, GroupedFragment};
use crate::index::full_hash;
use crate::words::{stem_key, Words};
use crate::{HashMap, Page};
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

static PRIVATE_MARK: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("___PAGEFIND_[\\S]+\\s?").expect("a valid pattern"));

/// A page's part of one word's entry, encoded: its places (`plain`) and those of
/// forms with diacritics (`variants`), as ranges of the page's bytes.
pub(crate) struct WordPart {
    pub(crate) word: Arc<str>,
    pub(crate) plain: Option<(u32, u32)>,
    pub(crate) variants: Vec<(Arc<str>, (u32, u32))>,
    /// What the part adds to its chunk's size.
    pub(crate) size: u32,
}

/// A page ready to merge: its words, filter values and fragment.
pub(crate) struct PageOut {
    pub(crate) words: Vec<WordPart>,
    /// The words' places, encoded.
    pub(crate) bytes: Vec<u8>,
    pub(crate) filters: Vec<(String, String)>,
    pub(crate) fragment: String,
    pub(crate) full_hash: String,
    pub(crate) word_count: usize,
}

/// A word's places in one page: its places in the text and in the meta fields.
struct PackedPage {
    locs: Locs,
    meta_locs: Locs,
}

impl PackedPage {
    /// Pagefind's `[page, locs, meta_locs]` without the page number, which is known
    /// only when the page is merged (it is the distance from the word's last page).
    fn rest(&self, out: &mut Vec<u8>) {
        // At most five bytes per number: one reservation instead of growing.
        out.reserve(5 * (self.locs.len() + self.meta_locs.len()) + 16);
        for locs in [&self.locs, &self.meta_locs] {
            head(out, 4, locs.len() as u64);
            for n in locs.iter() {
                n.cbor(out);
            }
        }
    }

    /// What the page adds to its chunk's size.
    fn size(&self) -> usize {
        self.locs.len() + self.meta_locs.len() + 1
    }
}

/// A word's places in one page: nearly always a few numbers, kept inline. The index
/// is written word by word while the places were made page by page, so numbers kept
/// on the heap would be read back from all over memory.
type Locs = smallvec::SmallVec<[i32; 4]>;

fn positions_to_packed_page(places: &mut [Place]) -> PackedPage {
    // Places are made in the order of the text, so with one weight (nearly always)
    // they are already in order. Places that tie on both keys write the same numbers,
    // so an unstable sort gives the same output.
    let first = places.first().map(|p| p.weight);
    if places.iter().any(|p| Some(p.weight) != first) {
        places.sort_unstable_by_key(|p| (if p.weight == 25 { 0 } else { p.weight }, p.position));
    }
    let mut current_weight = 25;
    let mut locs = Locs::with_capacity(places.len());
    let mut last = 0;
    for &mut Place {
        position, weight, ..
    } in places
    {
        if weight != current_weight {
            locs.push(-(weight as i32) - 1);
            locs.push(position as i32);
            last = position;
            current_weight = weight;
        } else {
            locs.push((position - last) as i32);
            last = position;
        }
    }
    PackedPage {
        locs,
        meta_locs: Locs::new(),
    }
}

fn meta_positions_to_packed(mut places: Vec<MetaPlace>) -> Locs {
    if places.is_empty() {
        return Locs::new();
    }
    places.sort_by_key(|p| (p.field, p.position));
    let mut current = None;
    let mut last = 0;
    let mut out = Locs::with_capacity(places.len() + 8);
    for MetaPlace {
        field, position, ..
    } in places
    {
        if Some(field) != current {
            out.push(-(field as i32) - 1);
            current = Some(field);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
    out
}

/// A page's part of one word's entry, before it is encoded.
struct Part {
    page: Option<PackedPage>,
    variants: Vec<(Arc<str>, PackedPage)>,
}

impl Part {
    /// The part of a word of the text.
    fn of_text(places: &mut Places) -> Part {
        // Nearly always every place has the word's plain form.
        if places.iter().all(|p| p.original.is_none()) {
            return Part {
                page: Some(positions_to_packed_page(places)),
                variants: Vec::new(),
            };
        }
        let mut plain = Vec::new();
        let mut variants: BTreeMap<Arc<str>, Vec<Place>> = BTreeMap::new();
        for p in places.drain(..) {
            match &p.original {
                None => plain.push(p),
                Some(o) => variants.entry(o.clone()).or_default().push(p),
            }
        }
        Part {
            page: (!plain.is_empty()).then(|| positions_to_packed_page(&mut plain)),
            variants: variants
                .into_iter()
                .map(|(form, mut ps)| (form, positions_to_packed_page(&mut ps)))
                .collect(),
        }
    }

    /// Adds the word's places in the meta fields.
    fn add_meta(&mut self, places: Vec<MetaPlace>) {
        let mut plain = Vec::new();
        let mut variants: BTreeMap<Arc<str>, Vec<MetaPlace>> = BTreeMap::new();
        for p in places {
            match &p.original {
                None => plain.push(p),
                Some(o) => variants.entry(o.clone()).or_default().push(p),
            }
        }
        if !plain.is_empty() {
            let meta_locs = meta_positions_to_packed(plain);
            match &mut self.page {
                Some(p) => p.meta_locs = meta_locs,
                None => {
                    self.page = Some(PackedPage {
                        locs: Locs::new(),
                        meta_locs,
                    })
                }
            }
        }
        for (form, ps) in variants {
            let meta_locs = meta_positions_to_packed(ps);
            match self.variants.iter_mut().find(|(f, _)| *f == form) {
                Some((_, p)) => p.meta_locs = meta_locs,
                None => self.variants.push((
                    form,
                    PackedPage {
                        locs: Locs::new(),
                        meta_locs,
                    },
                )),
            }
        }
    }

    /// Encodes the part into the page's bytes.
    fn encode(self, word: Arc<str>, bytes: &mut Vec<u8>) -> WordPart {
        let mut size = 0;
        let mut put = |p: &PackedPage| {
            let start = bytes.len() as u32;
            p.rest(bytes);
            size += p.size() as u32;
            (start, bytes.len() as u32)
        };
        let plain = self.page.as_ref().map(&mut put);
        let variants = self
            .variants
            .iter()
            .map(|(form, p)| (form.clone(), put(p)))
            .collect();
        WordPart {
            word,
            plain,
            variants,
            size,
        }
    }
}

/// Splits a page into words and encodes its part of each word's entry; `None` when
/// it has no words (Pagefind leaves such pages out).
pub(crate) fn page_out(
    page: &Page,
    words: &mut Words,
    meta_fields: &[String],
    grouped: bool,
    lang: &str,
) -> Option<PageOut> {
    let Digest {
        content,
        words: text_words,
        anchors,
        word_count,
    } = digest(page.content, words);
    if text_words.is_empty() {
        return None;
    }
    let meta: BTreeMap<String, String> = page
        .meta
        .iter()
        .map(|(k, v)| (k.clone(), tidy(v)))
        .collect();
    let filters: BTreeMap<String, Vec<String>> = page
        .filters
        .iter()
        .map(|(k, vs)| (k.clone(), vs.iter().map(|v| tidy(v)).collect()))
        .collect();
    let meta_words = meta_words(&meta, meta_fields, words);
    let (parts, bytes) = encode_parts(text_words, meta_words, word_count);
    let (fragment, full_hash) = fragment_json(
        &Fragment {
            url: page.url,
            content: &content,
            word_count,
            filters: &filters,
            meta: &meta,
            anchors: &anchors,
        },
        grouped,
        lang,
    );
    Some(PageOut {
        words: parts,
        bytes,
        filters: filters
            .into_iter()
            .flat_map(|(f, vs)| vs.into_iter().map(move |v| (f.clone(), v)))
            .collect(),
        fragment,
        full_hash,
        word_count,
    })
}

/// The places of the words of the meta fields, by [`stem_key`]; `meta_fields`
/// numbers the fields.
fn meta_words(
    meta: &BTreeMap<String, String>,
    meta_fields: &[String],
    words: &mut Words,
) -> HashMap<usize, (Arc<str>, Vec<MetaPlace>)> {
    let mut meta_words: HashMap<usize, (Arc<str>, Vec<MetaPlace>)> = HashMap::default();
    for (name, value) in meta {
        let field = meta_fields.iter().position(|f| f == name).unwrap_or(0) as u16;
        for (position, word) in value.split_whitespace().enumerate() {
            for form in words.meta(word).iter() {
                meta_words
                    .entry(stem_key(&form.stemmed))
                    .or_insert_with(|| (form.stemmed.clone(), Vec::new()))
                    .1
                    .push(MetaPlace {
                        field,
                        position: position as u32,
                        original: form.original.clone(),
                    });
            }
        }
    }
    meta_words
}

/// The page's part of each word's entry, and the bytes they are encoded into: the
/// words of the text (with their places in the meta fields), then the words of the
/// meta fields only.
fn encode_parts(
    text_words: HashMap<usize, (Arc<str>, Places)>,
    mut meta_words: HashMap<usize, (Arc<str>, Vec<MetaPlace>)>,
    word_count: usize,
) -> (Vec<WordPart>, Vec<u8>) {
    // About two bytes per word of the text and three per distinct word.
    let mut bytes = Vec::with_capacity(2 * word_count + 3 * text_words.len() + 64);
    let mut parts = Vec::with_capacity(text_words.len() + meta_words.len());
    for (key, (word, mut places)) in text_words {
        let mut part = Part::of_text(&mut places);
        if let Some((_, m)) = meta_words.remove(&key) {
            part.add_meta(m);
        }
        parts.push(part.encode(word, &mut bytes));
    }
    for (_, (word, m)) in meta_words {
        let mut part = Part {
            page: None,
            variants: Vec::new(),
        };
        part.add_meta(m);
        parts.push(part.encode(word, &mut bytes));
    }
    (parts, bytes)
}

/// The fragment's JSON, as a file of its own or (`grouped`) as one of several, and
/// the hash of the former, which names the page.
fn fragment_json(fragment: &Fragment, grouped: bool, lang: &str) -> (String, String) {
    let json = serde_json::to_string(fragment).unwrap_or_default();
    let full_hash = format!("{lang}_{}", full_hash(json.as_bytes()));
    if !grouped {
        return (json, full_hash);
    }
    let json = serde_json::to_string(&GroupedFragment {
        anchors: fragment
            .anchors
            .iter()
            .map(|a| GroupedAnchor {
                element: &a.element,
                id: &a.id,
                location: a.location,
                text: &a.text,
            })
            .collect(),
        content: fragment.content,
        filters: fragment.filters,
        meta: fragment.meta,
        url: fragment.url,
        word_count: fragment.word_count,
    })
    .unwrap_or_default();
    (json, full_hash)
}
/// Pagefind's own markers are taken out of meta and filter values.
fn tidy(value: &str) -> String {
    PRIVATE_MARK.replace_all(value, "").into_owned()
}
