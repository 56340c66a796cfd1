//! The word index: the words in alphabetical order, in chunks of about
//! [`CHUNK_SIZE`] numbers, each chunk a file named in the meta index by its first and
//! last word.

use crate::cbor::head;
use crate::format::MetaChunk;
use crate::index::{full_hash, unique_hash};
use crate::merge::WordOut;
use crate::HashSet;
use rayon::prelude::*;
use std::sync::Arc;

/// Entries per word-index file (Pagefind's default `index_chunk_size`).
const CHUNK_SIZE: usize = 20_000;

/// Adds the word index's files to `compressed`, and returns the chunks of the meta
/// index.
pub(crate) fn word_files(
    word_map: crate::HashMap<Arc<str>, WordOut>,
    lang: &str,
    compressed: &mut Vec<(String, Vec<u8>)>,
) -> Vec<MetaChunk> {
    let mut words: Vec<(Arc<str>, WordOut)> = word_map.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let chunks = chunk_index(words);
    let mut index_chunks = chunk_meta(&chunks);
    let encoded: Vec<Vec<u8>> = chunks.into_par_iter().map(encode_chunk).collect();
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
    index_chunks
}

/// A chunk's file: `WordIndex { words }`, an array of one array.
fn encode_chunk(chunk: Vec<(Arc<str>, WordOut)>) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(chunk.iter().map(|(w, o)| w.len() + o.len()).sum::<usize>() + 16);
    head(&mut out, 4, 1);
    head(&mut out, 4, chunk.len() as u64);
    for (word, w) in &chunk {
        w.cbor(word, &mut out);
    }
    out
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

/// The chunks as the meta index lists them: each by its first and last word, cut to
/// the prefixes that tell it from its neighbours.
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

/// `a` and `b` cut one character after the prefix they share.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}
