//! What Pagefind itself writes for the same pages, to compare with what this crate
//! writes (for tests; the feature `reference`).

use crate::{build, scripts, Language, Page, FILE_MARK};
use std::collections::BTreeMap;
use std::io::Read;

/// What Pagefind itself writes for these records: its files below the index
/// folder, decompressed, without its ready-made interfaces.
pub fn pagefind_files(
    records: &[Page],
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
                    r.url.to_string(),
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

/// What this crate writes for these records, named and decompressed as
/// [`pagefind_files`] has them.
pub fn ours(
    records: &[Page],
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
pub fn assert_same(records: &[Page], language: Language) {
    for max_fragments in [None, Some(3)] {
        assert_same_with(records, language, max_fragments);
    }
}

/// Panics unless this crate writes the same files as Pagefind for these records.
pub fn assert_same_with(records: &[Page], language: Language, max_fragments: Option<usize>) {
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
