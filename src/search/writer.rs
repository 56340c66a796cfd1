//! Writes one search index in Pagefind's bundle format, so that Pagefind's browser
//! code (its script, worker and WebAssembly, taken from the `pagefind` crate) searches
//! it.
//!
//! Pagefind's own indexer takes records one at a time on one thread, copies every
//! page's words twice and compresses at the slowest level; this writer splits and
//! stems the words of all records in parallel, remembers the stem of every word it has
//! seen, and compresses in parallel. What it writes is, decompressed, byte for byte
//! what Pagefind writes for the same records (a test checks this), so the word
//! splitting, stemming, weights and the layout of every file follow Pagefind 1.6's
//! `fossick`, `index` and `output` modules.

use super::Record;
use crate::content::Language;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

type HashMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
type HashSet<K> = std::collections::HashSet<K, ahash::RandomState>;

/// Characters that count as part of a word besides letters and digits (Unicode's
/// connector punctuation), as Pagefind's `WORD_SYMBOLS`.
const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];
/// Entries per word-index file (Pagefind's default `index_chunk_size`).
const CHUNK_SIZE: usize = 20_000;
const MAX_DOTTED_TAIL_CHARS: usize = 64;
const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
const WEIGHT_MULTIPLIER: f32 = 24.0;
const WEIGHT_MAX: f32 = 10.0;
/// What every compressed file starts with, once decompressed.
const FILE_MARK: &[u8] = b"pagefind_dcd";

static EMOJI: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("\\p{Emoji}").expect("a valid pattern"));
static PRIVATE_MARK: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("___PAGEFIND_[\\S]+\\s?").expect("a valid pattern"));

// The files' structures, as Pagefind encodes them: CBOR arrays, fields in this order.

/// CBOR as Pagefind's files hold it (arrays, text, integers).
trait Cbor {
    fn cbor(&self, out: &mut Vec<u8>);
}

fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    if n < 24 {
        out.push(m | n as u8);
    } else if n <= u8::MAX as u64 {
        out.extend_from_slice(&[m | 24, n as u8]);
    } else if n <= u16::MAX as u64 {
        out.push(m | 25);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else if n <= u32::MAX as u64 {
        out.push(m | 26);
        out.extend_from_slice(&(n as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

impl Cbor for usize {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 0, *self as u64);
    }
}

impl Cbor for u32 {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 0, u64::from(*self));
    }
}

impl Cbor for i32 {
    fn cbor(&self, out: &mut Vec<u8>) {
        if *self >= 0 {
            head(out, 0, *self as u64);
        } else {
            head(out, 1, (-1 - i64::from(*self)) as u64);
        }
    }
}

impl Cbor for String {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 3, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
}

impl<T: Cbor> Cbor for Vec<T> {
    fn cbor(&self, out: &mut Vec<u8>) {
        head(out, 4, self.len() as u64);
        for x in self {
            x.cbor(out);
        }
    }
}

/// A struct as an array of its fields.
macro_rules! cbor_struct {
    ($name:ident { $($field:ident),* }) => {
        impl Cbor for $name {
            fn cbor(&self, out: &mut Vec<u8>) {
                head(out, 4, [$(stringify!($field)),*].len() as u64);
                $(self.$field.cbor(out);)*
            }
        }
    };
}

cbor_struct!(MetaIndex {
    version,
    pages,
    index_chunks,
    filters,
    sorts,
    meta_fields
});
cbor_struct!(MetaChunk { from, to, hash });
cbor_struct!(MetaPage {
    hash,
    word_count,
    group_hash
});
cbor_struct!(MetaFilter { filter, hash });
cbor_struct!(MetaSort { sort, pages });
cbor_struct!(FilterIndex { filter, values });
cbor_struct!(PackedValue { value, pages });

fn encode(value: &impl Cbor) -> Vec<u8> {
    let mut out = Vec::new();
    value.cbor(&mut out);
    out
}

struct MetaIndex {
    version: String,
    pages: Vec<MetaPage>,
    index_chunks: Vec<MetaChunk>,
    filters: Vec<MetaFilter>,
    sorts: Vec<MetaSort>,
    meta_fields: Vec<String>,
}

struct MetaChunk {
    from: String,
    to: String,
    hash: String,
}

struct MetaPage {
    hash: String,
    word_count: u32,
    group_hash: String,
}

struct MetaFilter {
    filter: String,
    hash: String,
}

struct MetaSort {
    sort: String,
    pages: Vec<usize>,
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

struct FilterIndex {
    filter: String,
    values: Vec<PackedValue>,
}

struct PackedValue {
    value: String,
    pages: Vec<usize>,
}

#[derive(serde::Serialize)]
struct Anchor {
    element: String,
    id: String,
    text: String,
    location: u32,
}

/// A page's fragment: what a result shows.
#[derive(serde::Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: &'a [Anchor],
}

/// A fragment as it is written into a file of several: its fields, and its anchors'
/// fields, in alphabetical order (Pagefind reads each fragment into a map and writes
/// the maps).
#[derive(serde::Serialize)]
struct GroupedFragment<'a> {
    anchors: Vec<GroupedAnchor<'a>>,
    content: &'a str,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    url: &'a str,
    word_count: usize,
}

#[derive(serde::Serialize)]
struct GroupedAnchor<'a> {
    element: &'a str,
    id: &'a str,
    location: u32,
    text: &'a str,
}

#[derive(serde::Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: BTreeMap<&'a str, EntryLanguage<'a>>,
    include_characters: &'a [char],
}

#[derive(serde::Serialize)]
struct EntryLanguage<'a> {
    hash: &'a str,
    wasm: Option<&'a str>,
    page_count: usize,
}

/// Pagefind's browser code for a language: its script, worker and the WebAssembly
/// with the language's stemmer, and the Pagefind version they belong to. Made once per
/// process by Pagefind itself (it minifies the scripts, about 0.1 s).
pub struct Scripts {
    version: String,
    files: Vec<(String, Arc<[u8]>)>,
}

static SCRIPTS: OnceLock<Mutex<HashMap<&'static str, Arc<Scripts>>>> = OnceLock::new();

/// The browser code for `language`, made on first use.
pub fn scripts(language: Language) -> anyhow::Result<Arc<Scripts>> {
    let all = SCRIPTS.get_or_init(Default::default);
    let mut all = all.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = all.get(language.code()) {
        return Ok(s.clone());
    }
    let s = Arc::new(make_scripts(language)?);
    all.insert(language.code(), s.clone());
    Ok(s)
}

/// Starts making the browser code for `language` on a thread of its own, so that a
/// build does not wait for it later.
pub fn prepare(language: Language) {
    let ready = SCRIPTS
        .get()
        .is_some_and(|m| m.lock().is_ok_and(|m| m.contains_key(language.code())));
    if !ready {
        std::thread::spawn(move || {
            let _ = scripts(language);
        });
    }
}

fn make_scripts(language: Language) -> anyhow::Result<Scripts> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    let rt = tokio::runtime::Builder::new_current_thread().build()?;
    let files = rt.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.code().to_string())
            .write_playground(false)
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        index
            .add_custom_record(
                "x/".to_string(),
                "tandem".to_string(),
                language.code().to_string(),
                None,
                None,
                None,
            )
            .await?;
        index.get_files().await
    })?;
    let wasm = format!("wasm.{}.pagefind", language.code());
    let mut version = None;
    let mut kept = Vec::new();
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            let entry: serde_json::Value = serde_json::from_slice(&f.contents)?;
            version = entry["version"].as_str().map(str::to_string);
        } else if name == "pagefind.js" || name == "pagefind-worker.js" || name == wasm {
            kept.push((name, Arc::from(f.contents)));
        }
    }
    let version = version.ok_or_else(|| anyhow::anyhow!("Pagefind wrote no version"))?;
    Ok(Scripts {
        version,
        files: kept,
    })
}

/// Writes the index of `records` into the folder `dir` (below the site root), with
/// Pagefind's browser code when `with_scripts`.
pub fn write(
    records: &[Record],
    language: Language,
    dir: &str,
    with_scripts: bool,
) -> anyhow::Result<Vec<(String, Arc<[u8]>)>> {
    let scripts = scripts(language)?;
    let index = build(
        records,
        language,
        &scripts.version,
        Some(max_fragment_files()),
    );
    // Level 2: at 10,000 entries the files are 8 % larger than at zlib's default
    // level (18.9 instead of 17.4 MB) and compressed in half the time; level 1 makes
    // them 44 % larger. Pagefind itself uses the best level, four times slower again.
    let level = flate2::Compression::new(2);
    let mut files: Vec<(String, Arc<[u8]>)> = index
        .compressed
        .into_par_iter()
        .map(|(name, bytes)| (format!("{dir}/{name}"), gzip(&bytes, level).into()))
        .collect();
    files.push((
        format!("{dir}/pagefind-entry.json"),
        index.entry.into_bytes().into(),
    ));
    if with_scripts {
        files.extend(
            scripts
                .files
                .iter()
                .map(|(name, bytes)| (format!("{dir}/{name}"), bytes.clone())),
        );
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn gzip(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::with_capacity(bytes.len() / 3 + 64), level);
    // Writing into memory cannot fail.
    let _ = gz.write_all(FILE_MARK);
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// An index before compression: the files to compress (name below the index folder,
/// bytes without the leading mark) and the entry file.
pub struct Uncompressed {
    pub compressed: Vec<(String, Vec<u8>)>,
    pub entry: String,
}

/// One indexable form of a word.
#[derive(Debug, Clone, PartialEq)]
struct Indexable {
    stemmed: Arc<str>,
    compound: bool,
    /// The form before diacritics were taken off, when it differs.
    original: Option<Arc<str>>,
}

/// Word splitting with a memory: the forms of every word seen before.
struct Words {
    stemmer: pagefind_stem::Stemmer,
    text: HashMap<String, Arc<[Indexable]>>,
    meta: HashMap<String, Arc<[Indexable]>>,
    /// Every stem handed out, once: the same stem is always at the same place.
    stems: HashSet<Arc<str>>,
}

/// Where a stem of one [`Words`] is: as good as the stem itself, since each stem is
/// there once, and a page's words are counted without hashing their letters again.
fn stem_key(stem: &Arc<str>) -> usize {
    Arc::as_ptr(stem).cast::<u8>() as usize
}

impl Words {
    fn new(language: Language) -> Self {
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
    fn text(&mut self, word: &str) -> Arc<[Indexable]> {
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
    fn meta(&mut self, word: &str) -> Arc<[Indexable]> {
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

/// A word's places in a page's text: mostly one or two, kept inline.
type Places = smallvec::SmallVec<[Place; 2]>;

/// One place of a word in a page's text.
struct Place {
    position: u32,
    weight: u8,
    original: Option<Arc<str>>,
}

/// One place of a word in a meta field.
struct MetaPlace {
    field: u16,
    position: u32,
    original: Option<Arc<str>>,
}

/// A page's text split into words.
struct Digest {
    content: String,
    /// By [`stem_key`].
    words: HashMap<usize, (Arc<str>, Places)>,
    anchors: Vec<Anchor>,
    word_count: usize,
}

fn digest(text: &str, words: &mut Words) -> Digest {
    let mut content = String::with_capacity(text.len());
    // About one distinct word per 12 bytes of text: the map is rarely grown.
    let mut map: HashMap<usize, (Arc<str>, Places)> =
        HashMap::with_capacity_and_hasher(text.len() / 12, Default::default());
    let mut anchors = Vec::new();
    let mut total: usize = 0;
    let mut max_index = 0;
    let mut weights: Vec<u8> = vec![WEIGHT_MULTIPLIER as u8];
    for word in text.split_whitespace() {
        if word.starts_with('_') {
            if word.starts_with("___PAGEFIND_ANCHOR___") {
                if let Some((element, anchor)) =
                    word.replace("___PAGEFIND_ANCHOR___", "").split_once(':')
                {
                    if let Some((_, id)) = anchor.split_once(':') {
                        anchors.push(Anchor {
                            element: element.to_string(),
                            id: id.to_string(),
                            text: String::new(),
                            location: total as u32,
                        });
                    }
                }
                continue;
            }
            if word.starts_with("___PAGEFIND_WEIGHT___") {
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
                continue;
            }
            if word.starts_with("___PAGEFIND_AUTO_WEIGHT___") {
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
                continue;
            }
            if word.starts_with("___END_PAGEFIND_WEIGHT___") {
                weights.pop();
                continue;
            }
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
        let forms = words.text(&base);
        let compound_count = forms.iter().filter(|w| w.compound).count();
        let partial = if compound_count > 0 && weight > 0 {
            (weight / u8::try_from(compound_count).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for form in forms.iter() {
            let place = Place {
                position: total as u32,
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

/// Pagefind's own markers are taken out of meta and filter values.
fn tidy(value: &str) -> String {
    PRIVATE_MARK.replace_all(value, "").into_owned()
}

/// A page's part of one word's entry, encoded: its places (`plain`) and those of
/// forms with diacritics (`variants`), as ranges of the page's bytes.
struct WordPart {
    word: Arc<str>,
    plain: Option<(u32, u32)>,
    variants: Vec<(Arc<str>, (u32, u32))>,
    /// What the part adds to its chunk's size.
    size: u32,
}

/// A page ready to merge: its words, filter values and fragment.
struct PageOut {
    words: Vec<WordPart>,
    /// The words' places, encoded.
    bytes: Vec<u8>,
    filters: Vec<(String, String)>,
    fragment: String,
    full_hash: String,
    word_count: usize,
}

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

pub fn full_hash(bytes: &[u8]) -> String {
    use sha1::{Digest as _, Sha1};
    use std::fmt::Write as _;
    let mut out = String::with_capacity(40);
    for b in Sha1::digest(bytes) {
        // Pagefind writes each byte without a leading zero.
        let _ = write!(out, "{b:x}");
    }
    out
}

/// At most this many fragment files per index (Pagefind's `max_fragments`): beyond,
/// fragments are bundled into shared files, which the browser code reads the same way.
/// An index of 5,000 pages then writes 1,000 files instead of 5,000 (creating files is
/// much of the time an index takes to write), and a result loads five pages' fragments
/// (a few kB) instead of one.
/// `TANDEM_SEARCH_FRAGMENT_FILES` sets another number (for tests and tuning).
pub const MAX_FRAGMENT_FILES: usize = 1000;

fn max_fragment_files() -> usize {
    super::count_from_env("TANDEM_SEARCH_FRAGMENT_FILES", MAX_FRAGMENT_FILES)
}

/// Pages split into words at a time: their working memory is reused for the next
/// ones, and they are merged while the next ones are split.
const PAGES_AT_ONCE: usize = 256;

/// Makes the (uncompressed) files of the index of `records`, bundling the fragments
/// into at most `max_fragments` files (as Pagefind's option of that name does).
pub fn build(
    records: &[Record],
    language: Language,
    version: &str,
    max_fragments: Option<usize>,
) -> Uncompressed {
    let lang = language.code();
    // The meta fields of the pages with words. Nearly always every record has the same
    // fields; when the pages left out (without words) had fields the others lack, the
    // pages are merged again with the fields of those kept.
    let fields: Vec<String> = records
        .iter()
        .flat_map(|r| r.meta.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .cloned()
        .collect();
    // Likewise the fragments are made to be bundled when there are more records than
    // fragment files, and made again when too few of them have words.
    let bundled = |pages: usize| max_fragments.filter(|&m| m > 0 && m < pages);
    let grouped = bundled(records.len()).is_some();
    let mut merged = merge(records, language, &fields, grouped);
    let kept_grouped = bundled(merged.kept.len()).is_some();
    if merged.meta_fields.len() != fields.len() || kept_grouped != grouped {
        let kept: Vec<String> = std::mem::take(&mut merged.meta_fields)
            .into_iter()
            .collect();
        merged = merge(records, language, &kept, kept_grouped);
    }
    let Merged {
        kept,
        meta_fields,
        words: word_map,
        filters: filter_map,
        mut meta_pages,
        fragments,
        ..
    } = merged;
    let meta_fields: Vec<String> = meta_fields.into_iter().collect();

    // Sort orders.
    let mut sorts = Vec::new();
    let keys: BTreeSet<&String> = kept.iter().flat_map(|i| records[*i].sort.keys()).collect();
    for key in keys {
        let mut values: Vec<(&str, usize)> = kept
            .iter()
            .enumerate()
            .filter_map(|(n, i)| records[*i].sort.get(key).map(|v| (v.as_str(), n)))
            .collect();
        let int = |v: &str| lexical_core::parse::<i32>(v.as_bytes()).ok();
        let float = |v: &str| lexical_core::parse::<f32>(v.as_bytes()).ok();
        let numeric = values
            .iter()
            .all(|(v, _)| int(v).is_some() || float(v).is_some());
        if numeric {
            let num = |v: &str| int(v).map_or_else(|| float(v).unwrap_or_default(), |i| i as f32);
            values.sort_by(|a, b| num(a.0).total_cmp(&num(b.0)));
        } else {
            values.sort_by_key(|v| v.0);
        }
        sorts.push(MetaSort {
            sort: key.clone(),
            pages: values.into_iter().map(|v| v.1).collect(),
        });
    }

    let page_count = meta_pages.len();

    let mut compressed: Vec<(String, Vec<u8>)> = Vec::new();
    match max_fragments.filter(|&m| m > 0 && m < fragments.len()) {
        Some(max) => {
            // Pagefind's arithmetic, to the float.
            let size = (fragments.len() as f32 / max as f32).ceil() as usize;
            let prefix = format!("{lang}_group_");
            let mut group_hashes: HashSet<String> = HashSet::default();
            let groups: Vec<String> = fragments
                .par_chunks(size)
                .map(|chunk| {
                    // A map from page hash to fragment, in the order of the hashes
                    // (which need no escaping).
                    let mut sorted: Vec<&(String, String)> = chunk.iter().collect();
                    sorted.sort_by(|a, b| a.0.cmp(&b.0));
                    let len: usize = sorted.iter().map(|(h, j)| h.len() + j.len() + 4).sum();
                    let mut json = String::with_capacity(len + 2);
                    json.push('{');
                    for (i, (hash, fragment)) in sorted.into_iter().enumerate() {
                        if i > 0 {
                            json.push(',');
                        }
                        json.push('"');
                        json.push_str(hash);
                        json.push_str("\":");
                        json.push_str(fragment);
                    }
                    json.push('}');
                    json
                })
                .collect();
            for (i, json) in groups.into_iter().enumerate() {
                let full = format!("{prefix}{}", full_hash(json.as_bytes()));
                let mut len = prefix.len() + 7;
                while group_hashes.contains(&full[..len]) && len < prefix.len() + 40 {
                    len += 1;
                }
                let short = full[..len].to_string();
                group_hashes.insert(short.clone());
                for page in &mut meta_pages[i * size..((i + 1) * size).min(page_count)] {
                    page.group_hash = short.clone();
                }
                compressed.push((format!("fragment/{short}.pf_fragment"), json.into_bytes()));
            }
        }
        None => compressed.extend(
            fragments
                .into_iter()
                .map(|(hash, json)| (format!("fragment/{hash}.pf_fragment"), json.into_bytes())),
        ),
    }

    // Filters.
    let mut meta_filters = Vec::new();
    let mut filter_hashes: HashSet<String> = HashSet::default();
    for (filter, values) in filter_map {
        let bytes = encode(&FilterIndex {
            filter: filter.clone(),
            values: values
                .into_iter()
                .map(|(value, pages)| PackedValue { value, pages })
                .collect(),
        });
        let hash = unique_hash(
            &format!("{lang}_{}", full_hash(&bytes)),
            lang,
            &mut filter_hashes,
        );
        meta_filters.push(MetaFilter {
            filter,
            hash: hash.clone(),
        });
        compressed.push((format!("filter/{hash}.pf_filter"), bytes));
    }

    // Words, in chunks.
    let mut words: Vec<(Arc<str>, WordOut)> = word_map.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let chunks = chunk_index(words);
    let mut index_chunks = chunk_meta(&chunks);
    let encoded: Vec<Vec<u8>> = chunks
        .into_par_iter()
        .map(|chunk| {
            let mut out = Vec::with_capacity(
                chunk.iter().map(|(w, o)| w.len() + o.len()).sum::<usize>() + 16,
            );
            // `WordIndex { words }`: an array of one array.
            head(&mut out, 4, 1);
            head(&mut out, 4, chunk.len() as u64);
            for (word, w) in &chunk {
                w.cbor(word, &mut out);
            }
            out
        })
        .collect();
    let mut word_hashes: HashSet<String> = HashSet::default();
    for (i, bytes) in encoded.into_iter().enumerate() {
        let hash = unique_hash(
            &format!("{lang}_{}", full_hash(&bytes)),
            lang,
            &mut word_hashes,
        );
        index_chunks[i].hash = hash.clone();
        compressed.push((format!("index/{hash}.pf_index"), bytes));
    }

    let mut languages = BTreeMap::new();
    let meta_hash;
    if page_count > 0 {
        let meta = encode(&MetaIndex {
            version: version.to_string(),
            pages: meta_pages,
            index_chunks,
            filters: meta_filters,
            sorts,
            meta_fields,
        });
        meta_hash = format!("{lang}_{}", &full_hash(&meta)[..lang.len() + 8]);
        compressed.push((format!("pagefind.{meta_hash}.pf_meta"), meta));
        languages.insert(
            lang,
            EntryLanguage {
                hash: &meta_hash,
                wasm: Some(lang),
                page_count,
            },
        );
    }
    let entry = serde_json::to_string(&Entry {
        version,
        languages,
        include_characters: &WORD_SYMBOLS,
    })
    .unwrap_or_default();
    Uncompressed { compressed, entry }
}

/// The shortest prefix of `hash` (at least the language and seven characters) that no
/// other file of its kind has.
fn unique_hash(hash: &str, lang: &str, taken: &mut HashSet<String>) -> String {
    let mut len = lang.len() + 8;
    while taken.contains(&hash[..len]) && len < hash.len() {
        // Pagefind grows these by two characters at a time.
        len = (len + 2).min(hash.len());
    }
    let h = hash[..len].to_string();
    taken.insert(h.clone());
    h
}

/// A word's entry in the index, encoded page by page as the pages are merged.
#[derive(Default)]
struct WordOut {
    pages: Pages,
    variants: Vec<(Arc<str>, Pages)>,
    size: usize,
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
    fn len(&self) -> usize {
        self.pages.bytes.len()
            + self
                .variants
                .iter()
                .map(|(f, p)| f.len() + p.bytes.len() + 8)
                .sum::<usize>()
            + 16
    }

    /// `[word, pages, additional_variants]`, each variant `[form, pages]`.
    fn cbor(&self, word: &str, out: &mut Vec<u8>) {
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
struct Merged {
    /// The record of each page (pages without words are left out).
    kept: Vec<usize>,
    /// The meta fields of those records.
    meta_fields: BTreeSet<String>,
    words: HashMap<Arc<str>, WordOut>,
    filters: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    fragment_hashes: HashSet<String>,
    meta_pages: Vec<MetaPage>,
    fragments: Vec<(String, String)>,
}

impl Merged {
    fn add(&mut self, pages: Vec<(usize, PageOut)>, records: &[Record], lang: &str) {
        for (i, page) in pages {
            let page_number = self.kept.len();
            let number = page_number as u32;
            self.kept.push(i);
            for key in records[i].meta.keys() {
                if !self.meta_fields.contains(key) {
                    self.meta_fields.insert(key.clone());
                }
            }
            let bytes = &page.bytes;
            let range = |(a, b): (u32, u32)| &bytes[a as usize..b as usize];
            for part in page.words {
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
            for (filter, value) in page.filters {
                self.filters
                    .entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(page_number);
            }
            let mut len = lang.len() + 8;
            let mut hash = &page.full_hash[..len];
            while self.fragment_hashes.contains(hash) && len < page.full_hash.len() {
                len += 1;
                hash = &page.full_hash[..len];
            }
            self.fragment_hashes.insert(hash.to_string());
            self.meta_pages.push(MetaPage {
                hash: hash.to_string(),
                word_count: page.word_count as u32,
                group_hash: String::new(),
            });
            self.fragments.push((hash.to_string(), page.fragment));
        }
    }
}

/// Splits the records into words, [`PAGES_AT_ONCE`] at a time on every core, and
/// merges each lot while the next is split. `meta_fields` numbers the meta fields;
/// with `grouped` the fragments are made to be written several to a file.
fn merge(records: &[Record], language: Language, meta_fields: &[String], grouped: bool) -> Merged {
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

/// Splits a record into words and encodes its part of each word's entry; `None` when
/// it has no words (Pagefind leaves such pages out).
fn page_out(
    record: &Record,
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
    } = digest(&record.content, words);
    if text_words.is_empty() {
        return None;
    }
    let meta: BTreeMap<String, String> = record
        .meta
        .iter()
        .map(|(k, v)| (k.clone(), tidy(v)))
        .collect();
    let filters: BTreeMap<String, Vec<String>> = record
        .filters
        .iter()
        .map(|(k, vs)| (k.clone(), vs.iter().map(|v| tidy(v)).collect()))
        .collect();

    // Words of the meta fields.
    let mut meta_words: HashMap<usize, (Arc<str>, Vec<MetaPlace>)> = HashMap::default();
    for (name, value) in &meta {
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

    let fragment = serde_json::to_string(&Fragment {
        url: &record.url,
        content: &content,
        word_count,
        filters: &filters,
        meta: &meta,
        anchors: &anchors,
    })
    .unwrap_or_default();
    let full_hash = format!("{lang}_{}", full_hash(fragment.as_bytes()));
    let fragment = if grouped {
        serde_json::to_string(&GroupedFragment {
            anchors: anchors
                .iter()
                .map(|a| GroupedAnchor {
                    element: &a.element,
                    id: &a.id,
                    location: a.location,
                    text: &a.text,
                })
                .collect(),
            content: &content,
            filters: &filters,
            meta: &meta,
            url: &record.url,
            word_count,
        })
        .unwrap_or_default()
    } else {
        fragment
    };
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

/// The words in chunks of about [`CHUNK_SIZE`] numbers, as Pagefind makes them.
fn chunk_index(words: Vec<(Arc<str>, WordOut)>) -> Vec<Vec<(Arc<str>, WordOut)>> {
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for word in words {
        size += word.1.size;
        chunk.push(word);
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

fn chunk_meta(chunks: &[Vec<(Arc<str>, WordOut)>]) -> Vec<MetaChunk> {
    let mut named: Vec<MetaChunk> = chunks
        .iter()
        .map(|c| MetaChunk {
            from: c.first().map_or(String::new(), |w| w.0.to_string()),
            to: c.last().map_or(String::new(), |w| w.0.to_string()),
            hash: String::new(),
        })
        .collect();
    for i in 1..named.len() {
        let (a, b) = prefixes(&named[i - 1].to, &named[i].from);
        if a >= named[i - 1].from {
            named[i - 1].to = a;
        }
        named[i].from = b;
    }
    named
}

fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    /// What Pagefind itself writes for these records: its files below the index
    /// folder, decompressed, without its ready-made interfaces.
    fn pagefind_files(
        records: &[Record],
        language: Language,
        max_fragments: Option<usize>,
    ) -> BTreeMap<String, Vec<u8>> {
        use pagefind::api::PagefindIndex;
        use pagefind::options::PagefindServiceConfig;
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let files = rt.block_on(async {
            let config = match max_fragments {
                Some(m) => PagefindServiceConfig::builder()
                    .force_language(language.code().to_string())
                    .write_playground(false)
                    .max_fragments(m as u32)
                    .build(),
                None => PagefindServiceConfig::builder()
                    .force_language(language.code().to_string())
                    .write_playground(false)
                    .build(),
            };
            let mut index = PagefindIndex::new(Some(config)).unwrap();
            for r in records {
                index
                    .add_custom_record(
                        r.url.clone(),
                        r.content.to_string(),
                        language.code().to_string(),
                        Some(r.meta.clone()),
                        Some(r.filters.clone()),
                        Some(r.sort.clone()),
                    )
                    .await
                    .unwrap();
            }
            index.get_files().await.unwrap()
        });
        files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let kept = name.contains(".pf_") || name == "pagefind-entry.json";
                kept.then(|| (name, inflate(&f.contents)))
            })
            .collect()
    }

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        if !bytes.starts_with(&[0x1f, 0x8b]) {
            return bytes.to_vec();
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn ours(
        records: &[Record],
        language: Language,
        max_fragments: Option<usize>,
    ) -> BTreeMap<String, Vec<u8>> {
        let version = scripts(language).unwrap().version.clone();
        let index = build(records, language, &version, max_fragments);
        let mut files: BTreeMap<String, Vec<u8>> = index
            .compressed
            .into_iter()
            .map(|(name, bytes)| (name, [FILE_MARK, &bytes].concat()))
            .collect();
        files.insert("pagefind-entry.json".into(), index.entry.into_bytes());
        files
    }

    /// Both ways: one fragment file per page, and fragments bundled into files.
    fn assert_same(records: &[Record], language: Language) {
        for max_fragments in [None, Some(3)] {
            assert_same_with(records, language, max_fragments);
        }
    }

    fn assert_same_with(records: &[Record], language: Language, max_fragments: Option<usize>) {
        let theirs = pagefind_files(records, language, max_fragments);
        let ours = ours(records, language, max_fragments);
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&ours), names(&theirs), "the same files");
        for (name, bytes) in &theirs {
            assert!(
                ours[name] == *bytes,
                "{name} differs:\nours:     {}\npagefind: {}",
                String::from_utf8_lossy(&ours[name]),
                String::from_utf8_lossy(bytes)
            );
        }
    }

    fn record(url: &str, group: &str, text: &str, title: &str, topics: &[&str]) -> Record {
        let mut meta = BTreeMap::new();
        meta.insert("title".to_string(), title.to_string());
        meta.insert("kind".to_string(), "Eintrag".to_string());
        let mut filters = BTreeMap::new();
        filters.insert(
            "topic".to_string(),
            topics.iter().map(|t| t.to_string()).collect(),
        );
        filters.insert("kind".to_string(), vec!["Eintrag".to_string()]);
        let mut sort = BTreeMap::new();
        if !group.is_empty() {
            sort.insert(
                "date".to_string(),
                format!("2019-03-{:02}", url.len() % 28 + 1),
            );
        }
        Record {
            url: url.to_string(),
            group: group.to_string(),
            content: text.into(),
            meta,
            filters,
            sort,
        }
    }

    #[test]
    fn same_bytes_as_pagefind_for_the_sample_programme() {
        use crate::content::{load, Visible};
        use crate::diagnostics::Diagnostics;
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (prog, _) = load::load(
            &content,
            Visible::default(),
            &[],
            &mut load::FileCache::for_one_build(),
        );
        let prog = prog.expect("the sample loads");
        let lang = prog.meta.language;
        let theme = crate::render::templates::load(prog.theme_dir.as_deref(), &content, lang)
            .unwrap_or_else(|_| panic!("the theme loads"));
        let site = crate::site::index(
            prog,
            None,
            &mut Diagnostics::default(),
            &crate::site::MarkdownCache::for_one_build(),
        );
        let records = super::super::records(&site, &theme.strings, &mut Default::default());
        assert!(records.len() > 20);
        assert_same(&records, lang);
    }

    #[test]
    fn same_bytes_as_pagefind_for_awkward_words() {
        let text = "___PAGEFIND_WEIGHT___5 Straße café naïve Know-how: ___END_PAGEFIND_WEIGHT___ \
            iPhone sysconfig.is_python_build x.Y-z 🎉 Party🎉 カタカナテスト foo_bar — &amp; C++ e.g. \
            2019-03-14 ÄÖÜ İstanbul ﬁne e\u{301}te zero\u{200B}width \u{200B} ___PAGEFIND_ANCHOR___h2:a:b \
            ___PAGEFIND_WEIGHT___0 null ___END_PAGEFIND_WEIGHT___ ___PAGEFIND_WEIGHT___99 viel \
            ___END_PAGEFIND_WEIGHT___ ___END_PAGEFIND_WEIGHT___ ___END_PAGEFIND_WEIGHT___ danach \
            ___PAGEFIND_AUTO_WEIGHT___2 auto _einzeln Häuser Haus häuser";
        let records = vec![
            record(
                "a/",
                "t1/",
                text,
                "Café ___PAGEFIND_x Titel",
                &["Über uns", "Café"],
            ),
            record(
                "b/",
                "t1/",
                "Häuser bauen, Straßen planen",
                "Häuser",
                &["Café"],
            ),
            record("c/", "", "", "Leer", &[]),
            record("d/", "t2/", "— … ·", "Nur Zeichen", &["x", "x"]),
            record("e/", "t2/", "naïve Cafe café CAFÉ", "naive", &[]),
        ];
        assert_same(&records, Language::De);
        assert_same(&records, Language::En);
        assert_same(&[], Language::De);
    }

    /// More pages than are split at once, and a meta field that only pages without
    /// words have (Pagefind numbers the fields of the pages it keeps).
    #[test]
    fn same_bytes_as_pagefind_for_many_pages_and_a_field_of_left_out_pages() {
        let mut records: Vec<Record> = (0..2 * PAGES_AT_ONCE + 37)
            .map(|i| {
                let text: Vec<&str> = (0..40)
                    .map(|j| WORDS[(i * 7 + j * j) % WORDS.len()])
                    .collect();
                let topic = WORDS[i % WORDS.len()];
                record(
                    &format!("p{i}/"),
                    &format!("t{}/", i % 9),
                    &text.join(" "),
                    &format!("Seite {i} {}", WORDS[(i * 3) % WORDS.len()]),
                    &[topic],
                )
            })
            .collect();
        for at in [0, PAGES_AT_ONCE, 2 * PAGES_AT_ONCE + 1] {
            let mut empty = record(&format!("leer{at}/"), "t1/", "— ·", "Leer", &["x"]);
            empty
                .meta
                .insert("anmerkung".to_string(), "Nur hier".to_string());
            records.insert(at, empty);
        }
        assert_same(&records, Language::De);
    }

    const WORDS: &[&str] = &[
        "Straße",
        "strasse",
        "café",
        "Cafe",
        "Know-how",
        "iPhone",
        "a.b.cD",
        "🎉",
        "x",
        "Über",
        "über",
        "Häuser",
        "Haus",
        "naïve",
        "___PAGEFIND_WEIGHT___3",
        "___END_PAGEFIND_WEIGHT___",
        "Beiträge",
        "Beitrag",
        "und",
        "der",
        "die",
        "E-Mail-Adresse",
        "2024",
        "v1.2",
        "—",
        "&amp;",
        "İ",
        "ǅ",
        "snake_case",
        "CamelCaseWord",
        "ﬁ",
        "ア",
        "アイウ",
        "e\u{301}",
    ];

    fn text_of_words() -> impl Strategy<Value = String> {
        prop::collection::vec(0..WORDS.len(), 0..40)
            .prop_map(|ix| ix.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn same_bytes_as_pagefind_for_random_records(
            pages in prop::collection::vec((text_of_words(), text_of_words(), 0..3usize), 0..12)
        ) {
            let topics = ["Führung", "KI", "Café"];
            let records: Vec<Record> = pages
                .iter()
                .enumerate()
                .map(|(i, (text, title, t))| {
                    record(&format!("p{i}/"), &format!("t{}/", i % 3), text, title, &topics[..*t])
                })
                .collect();
            assert_same(&records, Language::De);
        }
    }
}
