//! The pages merged into one index: each word's entry, the filters' values, the
//! pages' hashes and fragments, made while the next pages are split into words.

use crate::cbor::head;
use crate::format::MetaPage;
use crate::page::{page_out, PageOut, WordPart};
use crate::words::Words;
use crate::{HashMap, HashSet, Language, Page};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// Pages split into words at a time: their working memory is reused for the next
/// ones, and they are merged while the next ones are split.
pub(crate) const PAGES_AT_ONCE: usize = 256;

/// A word's entry in the index, encoded page by page as the pages are merged.
#[derive(Default)]
pub(crate) struct WordOut {
    pages: Pages,
    variants: Vec<(Arc<str>, Pages)>,
    pub(crate) size: usize,
}

/// Some pages of a word (or of one of its forms): Pagefind's `[page, locs, meta_locs]`
/// each, the page as the distance from the one before.
#[derive(Default)]
struct Pages {
    count: u32,
    last: u32,
    bytes: Vec<u8>,
}

impl Pages {
    fn push(&mut self, page: u32, rest: &[u8]) {
        self.bytes.push(0x83);
        head(&mut self.bytes, 0, u64::from(page - self.last));
        self.bytes.extend_from_slice(rest);
        self.last = page;
        self.count += 1;
    }

    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 4, u64::from(self.count));
        out.extend_from_slice(&self.bytes);
    }
}

impl WordOut {
    /// Bytes the word's entry takes, about.
    pub(crate) fn len(&self) -> usize {
        self.pages.bytes.len()
            + self
                .variants
                .iter()
                .map(|(f, p)| f.len() + p.bytes.len() + 8)
                .sum::<usize>()
            + 16
    }

    /// `[word, pages, additional_variants]`, each variant `[form, pages]`.
    pub(crate) fn cbor(&self, word: &str, out: &mut Vec<u8>) {
        head(out, 4, 3);
        head(out, 3, word.len() as u64);
        out.extend_from_slice(word.as_bytes());
        self.pages.cbor(out);
        head(out, 4, self.variants.len() as u64);
        for (form, pages) in &self.variants {
            head(out, 4, 2);
            head(out, 3, form.len() as u64);
            out.extend_from_slice(form.as_bytes());
            pages.cbor(out);
        }
    }
}

/// The pages merged so far, in page order.
#[derive(Default)]
pub(crate) struct Merged {
    /// The record of each page (pages without words are left out).
    pub(crate) kept: Vec<usize>,
    /// The meta fields of those records.
    pub(crate) meta_fields: BTreeSet<String>,
    pub(crate) words: HashMap<Arc<str>, WordOut>,
    pub(crate) filters: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    fragment_hashes: HashSet<String>,
    pub(crate) meta_pages: Vec<MetaPage>,
    pub(crate) fragments: Vec<(String, String)>,
}

impl Merged {
    /// Adds pages just split (each with the number of its record), in order.
    fn add(&mut self, pages: Vec<(usize, PageOut)>, records: &[Page], lang: &str) {
        for (i, page) in pages {
            let page_number = self.kept.len();
            self.kept.push(i);
            for key in records[i].meta.keys() {
                if !self.meta_fields.contains(key) {
                    self.meta_fields.insert(key.clone());
                }
            }
            self.add_words(page_number as u32, page.words, &page.bytes);
            for (filter, value) in page.filters {
                self.filters
                    .entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(page_number);
            }
            let hash = self.fragment_hash(&page.full_hash, lang);
            self.meta_pages.push(MetaPage {
                hash: hash.clone(),
                word_count: page.word_count as u32,
                group_hash: String::new(),
            });
            self.fragments.push((hash, page.fragment));
        }
    }

    /// Adds the page `number`'s parts of its words' entries (encoded in `bytes`).
    fn add_words(&mut self, number: u32, parts: Vec<WordPart>, bytes: &[u8]) {
        let range = |(a, b): (u32, u32)| &bytes[a as usize..b as usize];
        for part in parts {
            let word = self.words.entry(part.word).or_default();
            word.size += part.size as usize;
            if let Some(r) = part.plain {
                word.pages.push(number, range(r));
            }
            for (form, r) in part.variants {
                match word.variants.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, pages)) => pages.push(number, range(r)),
                    None => {
                        // A new form adds to its chunk's size.
                        word.size += 1;
                        let mut pages = Pages::default();
                        pages.push(number, range(r));
                        word.variants.push((form, pages));
                    }
                }
            }
        }
    }

    /// The page's hash: the shortest prefix of `full_hash` (at least the language and
    /// seven characters) that no page before has.
    fn fragment_hash(&mut self, full_hash: &str, lang: &str) -> String {
        let mut len = lang.len() + 8;
        let mut hash = &full_hash[..len];
        while self.fragment_hashes.contains(hash) && len < full_hash.len() {
            len += 1;
            hash = &full_hash[..len];
        }
        self.fragment_hashes.insert(hash.to_string());
        hash.to_string()
    }
}

/// Splits the records into words, [`PAGES_AT_ONCE`] at a time on every core, and
/// merges each lot while the next is split. `meta_fields` numbers the meta fields;
/// with `grouped` the fragments are made to be written several to a file.
pub(crate) fn merge(
    records: &[Page],
    language: Language,
    meta_fields: &[String],
    grouped: bool,
) -> Merged {
    let lang = language.code();
    let pool = WordsPool {
        language,
        free: Mutex::new(Vec::new()),
    };
    let split = |range: std::ops::Range<usize>| -> Vec<(usize, PageOut)> {
        range
            .into_par_iter()
            .map_init(
                || pool.take(),
                |words, i| page_out(&records[i], words, meta_fields, grouped, lang).map(|p| (i, p)),
            )
            .flatten()
            .collect()
    };
    let mut merged = Merged::default();
    let mut next = 0;
    let mut pending = Vec::new();
    while next < records.len() || !pending.is_empty() {
        let range = next..(next + PAGES_AT_ONCE).min(records.len());
        next = range.end;
        let done = std::mem::take(&mut pending);
        let ((), made) = rayon::join(|| merged.add(done, records, lang), || split(range));
        pending = made;
    }
    merged
}

/// The word splitters of one index, each with its memory of the words seen, handed
/// to whichever thread splits pages next.
struct WordsPool {
    language: Language,
    free: Mutex<Vec<Words>>,
}

impl WordsPool {
    fn take(&self) -> Pooled<'_> {
        let words = self
            .free
            .lock()
            .ok()
            .and_then(|mut free| free.pop())
            .unwrap_or_else(|| Words::new(self.language));
        Pooled {
            words: Some(words),
            pool: self,
        }
    }
}

/// A word splitter taken from its pool, given back when dropped.
struct Pooled<'a> {
    words: Option<Words>,
    pool: &'a WordsPool,
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let (Some(words), Ok(mut free)) = (self.words.take(), self.pool.free.lock()) {
            free.push(words);
        }
    }
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Words;
    fn deref(&self) -> &Words {
        self.words.as_ref().expect("taken until dropped")
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Words {
        self.words.as_mut().expect("taken until dropped")
    }
}
