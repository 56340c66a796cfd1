//! The structures of Pagefind's files: the meta index, the filter indexes (CBOR,
//! fields in this order), the fragments and the entry file (JSON).

use crate::cbor::cbor_struct;
use std::collections::BTreeMap;

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

pub(crate) struct MetaIndex {
    pub(crate) version: String,
    pub(crate) pages: Vec<MetaPage>,
    pub(crate) index_chunks: Vec<MetaChunk>,
    pub(crate) filters: Vec<MetaFilter>,
    pub(crate) sorts: Vec<MetaSort>,
    pub(crate) meta_fields: Vec<String>,
}

pub(crate) struct MetaChunk {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) hash: String,
}

pub(crate) struct MetaPage {
    pub(crate) hash: String,
    pub(crate) word_count: u32,
    pub(crate) group_hash: String,
}

pub(crate) struct MetaFilter {
    pub(crate) filter: String,
    pub(crate) hash: String,
}

pub(crate) struct MetaSort {
    pub(crate) sort: String,
    pub(crate) pages: Vec<usize>,
}

pub(crate) struct FilterIndex {
    pub(crate) filter: String,
    pub(crate) values: Vec<PackedValue>,
}

pub(crate) struct PackedValue {
    pub(crate) value: String,
    pub(crate) pages: Vec<usize>,
}

#[derive(serde::Serialize)]
pub(crate) struct Anchor {
    pub(crate) element: String,
    pub(crate) id: String,
    pub(crate) text: String,
    pub(crate) location: u32,
}

/// A page's fragment: what a result shows.
#[derive(serde::Serialize)]
pub(crate) struct Fragment<'a> {
    pub(crate) url: &'a str,
    pub(crate) content: &'a str,
    pub(crate) word_count: usize,
    pub(crate) filters: &'a BTreeMap<String, Vec<String>>,
    pub(crate) meta: &'a BTreeMap<String, String>,
    pub(crate) anchors: &'a [Anchor],
}

/// A fragment as it is written into a file of several: its fields, and its anchors'
/// fields, in alphabetical order (Pagefind reads each fragment into a map and writes
/// the maps).
#[derive(serde::Serialize)]
pub(crate) struct GroupedFragment<'a> {
    pub(crate) anchors: Vec<GroupedAnchor<'a>>,
    pub(crate) content: &'a str,
    pub(crate) filters: &'a BTreeMap<String, Vec<String>>,
    pub(crate) meta: &'a BTreeMap<String, String>,
    pub(crate) url: &'a str,
    pub(crate) word_count: usize,
}

#[derive(serde::Serialize)]
pub(crate) struct GroupedAnchor<'a> {
    pub(crate) element: &'a str,
    pub(crate) id: &'a str,
    pub(crate) location: u32,
    pub(crate) text: &'a str,
}

#[derive(serde::Serialize)]
pub(crate) struct Entry<'a> {
    pub(crate) version: &'a str,
    pub(crate) languages: BTreeMap<&'a str, EntryLanguage<'a>>,
    pub(crate) include_characters: &'a [char],
}

#[derive(serde::Serialize)]
pub(crate) struct EntryLanguage<'a> {
    pub(crate) hash: &'a str,
    pub(crate) wasm: Option<&'a str>,
    pub(crate) page_count: usize,
}
