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
//!
//! The way through: `words` splits and stems words, `digest` splits a page's text
//! into them, `page` encodes a page's part of every word's entry and its fragment,
//! `merge` merges the pages, and `index` writes the files (the word index in
//! `chunks`; encoded by `cbor` in the structures of `format`); [`write()`] compresses
//! them and adds the browser code of `scripts`.

mod cbor;
mod chunks;
mod digest;
mod error;
mod format;
mod index;
mod merge;
mod page;
#[cfg(any(test, feature = "reference"))]
pub mod reference;
mod scripts;
mod words;

pub use error::Error;
pub use index::{build, Uncompressed};
pub use scripts::{prepare, scripts, Scripts};

use flate2::write::DeflateEncoder;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

type HashMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
type HashSet<K> = std::collections::HashSet<K, ahash::RandomState>;

/// What every compressed file starts with, once decompressed.
const FILE_MARK: &[u8] = b"pagefind_dcd";

/// At most this many fragment files per index (Pagefind's `max_fragments`): beyond,
/// fragments are bundled into shared files, which the browser code reads the same way.
/// An index of 5,000 pages then writes 1,000 files instead of 5,000 (creating files is
/// much of the time an index takes to write), and a result loads five pages' fragments
/// (a few kB) instead of one.
pub const MAX_FRAGMENT_FILES: usize = 1000;

/// The files of an index: path below the site root, bytes.
pub type Files = Vec<(String, Arc<[u8]>)>;

/// One searchable page, as Pagefind's custom records have it.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// Page address below the site root, without a leading slash (`cohorts/2019/x/`).
    pub url: &'a str,
    /// The page's text, HTML-escaped (it is shown in excerpts as HTML).
    pub content: &'a str,
    pub meta: &'a BTreeMap<String, String>,
    pub filters: &'a BTreeMap<String, Vec<String>>,
    pub sort: &'a BTreeMap<String, String>,
}

/// The language of an index: its words are stemmed for it, and the browser code
/// brings its stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    De,
    En,
}

impl Language {
    /// The language's code, as Pagefind names it.
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}

/// Writes the index of `pages` into the folder `dir` (below the site root), with
/// Pagefind's browser code when `with_scripts`, bundling the fragments into at most
/// `max_fragments` files (see [`MAX_FRAGMENT_FILES`]).
pub fn write(
    pages: &[Page],
    language: Language,
    dir: &str,
    with_scripts: bool,
    max_fragments: Option<usize>,
) -> Result<Files, Error> {
    let scripts = scripts(language)?;
    let index = build(pages, language, &scripts.version, max_fragments);
    // Level 2: at 10,000 entries the files are 8 % larger than at zlib's default
    // level (18.9 instead of 17.4 MB) and compressed in half the time; level 1 makes
    // them 44 % larger. Pagefind itself uses the best level, four times slower again.
    let level = flate2::Compression::new(2);
    let mut files: Files = index
        .compressed
        .into_par_iter()
        .map_init(
            || Gzip::new(level),
            |gz, (name, bytes)| (format!("{dir}/{name}"), gz.file(&bytes).into()),
        )
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

/// A gzip writer for many files in a row: its compressor (a few hundred kB of tables,
/// zeroed when made) is reset for each file instead of made anew. Each file is what
/// `flate2`'s `GzEncoder` writes: its header, the deflated bytes (written through
/// the same buffer, so cut the same way), the CRC and length.
struct Gzip {
    deflate: DeflateEncoder<Vec<u8>>,
    header: [u8; 10],
}

impl Gzip {
    fn new(level: flate2::Compression) -> Self {
        // `GzEncoder`'s header: no name nor time, the level's flag, an unknown system.
        let xfl = match level.level() {
            9.. => 2,
            0 | 1 => 4,
            _ => 0,
        };
        Gzip {
            deflate: DeflateEncoder::new(Vec::new(), level),
            header: [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255],
        }
    }

    /// The gzip file of [`FILE_MARK`] and `bytes`.
    fn file(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut crc = flate2::Crc::new();
        let out = self.deflate.get_mut();
        out.reserve(bytes.len() / 3 + 64);
        out.extend_from_slice(&self.header);
        // Writing into memory cannot fail.
        for part in [FILE_MARK, bytes] {
            let _ = self.deflate.write_all(part);
            crc.update(part);
        }
        // Ends the stream into the file and readies the compressor for the next one.
        let mut out = self.deflate.reset(Vec::new()).unwrap_or_default();
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests;
