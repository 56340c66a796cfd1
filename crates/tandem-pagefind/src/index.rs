//! The files of one index, before compression: the fragments (one file per page, or
//! bundled), the filter indexes, the word index in chunks (`chunks`), the meta index
//! that lists them all, and the entry file that names the meta index.

use crate::cbor::encode;
use crate::chunks::word_files;
use crate::format::{
    Entry, EntryLanguage, FilterIndex, MetaFilter, MetaIndex, MetaPage, MetaSort, PackedValue,
};
use crate::merge::{merge, Merged};
use crate::words::WORD_SYMBOLS;
use crate::{HashSet, Language, Page};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// An index before compression: the files to compress (name below the index folder,
/// bytes without the leading mark) and the entry file.
pub struct Uncompressed {
    pub compressed: Vec<(String, Vec<u8>)>,
    pub entry: String,
}

/// Makes the (uncompressed) files of the index of `records`, bundling the fragments
/// into at most `max_fragments` files (as Pagefind's option of that name does).
pub fn build(
    records: &[Page],
    language: Language,
    version: &str,
    max_fragments: Option<usize>,
) -> Uncompressed {
    let lang = language.code();
    let Merged {
        kept,
        meta_fields,
        words,
        filters,
        mut meta_pages,
        fragments,
        ..
    } = merge_kept(records, language, max_fragments);
    let meta_fields: Vec<String> = meta_fields.into_iter().collect();
    let sorts = sorts(records, &kept);
    let page_count = meta_pages.len();
    let mut compressed: Vec<(String, Vec<u8>)> = Vec::new();
    fragment_files(
        fragments,
        max_fragments,
        lang,
        &mut meta_pages,
        &mut compressed,
    );
    let meta_filters = filter_files(filters, lang, &mut compressed);
    let index_chunks = word_files(words, lang, &mut compressed);

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

/// Merges the pages with the meta fields of the pages with words, their fragments
/// made to be bundled when there are more of these pages than fragment files.
fn merge_kept(records: &[Page], language: Language, max_fragments: Option<usize>) -> Merged {
    // Nearly always every record has the same fields; when the pages left out
    // (without words) had fields the others lack, the pages are merged again with the
    // fields of those kept.
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
    merged
}

/// The sort orders: for each sort key, the pages (numbered as `kept`) that have it,
/// by its value (as numbers when every value is one).
fn sorts(records: &[Page], kept: &[usize]) -> Vec<MetaSort> {
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
    sorts
}

/// Adds the fragment files to `compressed`: one per page, or with more pages than
/// `max_fragments` bundled, each bundle's name written into its pages' `group_hash`.
fn fragment_files(
    fragments: Vec<(String, String)>,
    max_fragments: Option<usize>,
    lang: &str,
    meta_pages: &mut [MetaPage],
    compressed: &mut Vec<(String, Vec<u8>)>,
) {
    let Some(max) = max_fragments.filter(|&m| m > 0 && m < fragments.len()) else {
        compressed.extend(
            fragments
                .into_iter()
                .map(|(hash, json)| (format!("fragment/{hash}.pf_fragment"), json.into_bytes())),
        );
        return;
    };
    let page_count = meta_pages.len();
    // Pagefind's arithmetic, to the float.
    let size = (fragments.len() as f32 / max as f32).ceil() as usize;
    let prefix = format!("{lang}_group_");
    let mut group_hashes: HashSet<String> = HashSet::default();
    // Each bundle's fragments are freed as soon as it is made: the fragments (every
    // page's text) are not held twice.
    let mut rest = fragments.into_iter();
    let chunks: Vec<Vec<(String, String)>> = std::iter::from_fn(|| {
        let chunk: Vec<_> = rest.by_ref().take(size).collect();
        (!chunk.is_empty()).then_some(chunk)
    })
    .collect();
    let groups: Vec<String> = chunks
        .into_par_iter()
        .map(|chunk| fragment_group(&chunk))
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

/// A bundle of fragments: a map from page hash to fragment, in the order of the
/// hashes (which need no escaping).
fn fragment_group(chunk: &[(String, String)]) -> String {
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
}

/// Adds a file per filter to `compressed`, and returns the filters of the meta index.
fn filter_files(
    filter_map: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    lang: &str,
    compressed: &mut Vec<(String, Vec<u8>)>,
) -> Vec<MetaFilter> {
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
    meta_filters
}

/// The shortest prefix of `hash` (at least the language and seven characters) that no
/// other file of its kind has.
pub(crate) fn unique_hash(hash: &str, lang: &str, taken: &mut HashSet<String>) -> String {
    let mut len = lang.len() + 8;
    while taken.contains(&hash[..len]) && len < hash.len() {
        // Pagefind grows these by two characters at a time.
        len = (len + 2).min(hash.len());
    }
    let h = hash[..len].to_string();
    taken.insert(h.clone());
    h
}

/// The SHA-1 of `bytes` in hex, as Pagefind writes it.
pub(crate) fn full_hash(bytes: &[u8]) -> String {
    use sha1::{Digest as _, Sha1};
    use std::fmt::Write as _;
    let mut out = String::with_capacity(40);
    for b in Sha1::digest(bytes) {
        // Pagefind writes each byte without a leading zero.
        let _ = write!(out, "{b:x}");
    }
    out
}
