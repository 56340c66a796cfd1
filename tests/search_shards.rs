//! A single build (`tandem build`) makes each search index's records only when it
//! makes that index, so that the texts of the other indexes are not held meanwhile.
//! Its indexes are byte for byte those of a build that makes every record first and
//! keeps them for the next one (the preview).
//!
//! A test binary of its own: the number of records per index is set for the whole
//! process, before its first build.

mod common;

use common::built_pages as pages;
use std::path::Path;
use tandem::build::{Cache, Options};

#[test]
fn a_single_build_makes_the_indexes_a_kept_build_makes() {
    // Twelve records per index: the sample gets several indexes.
    std::env::set_var("TANDEM_SEARCH_SHARD_RECORDS", "12");
    let opts = Options {
        content: Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        ..Options::default()
    };
    let single = pages(&opts, &mut Cache::for_one_build());
    let kept = pages(&opts, &mut Cache::default());

    let shard_metas = |site: &[(String, Vec<u8>)]| {
        site.iter()
            .filter(|(p, _)| p.starts_with("pagefind/") && p.ends_with(".pf_meta"))
            .count()
    };
    assert!(
        shard_metas(&single) >= 3,
        "the sample should get at least three indexes, got {}",
        shard_metas(&single)
    );
    let paths =
        |site: &[(String, Vec<u8>)]| site.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&single), paths(&kept), "the same files");
    for ((path, a), (_, b)) in single.iter().zip(&kept) {
        assert!(
            a == b,
            "{path} differs between a single build and a kept one"
        );
    }
}
