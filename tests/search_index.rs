//! The search index tandem writes for the sample programme is, decompressed, byte for
//! byte what Pagefind's own indexer writes for the same records (the crate
//! `tandem-pagefind` compares awkward words and random records the same way).

use tandem::content::{load, Visible};
use tandem::diagnostics::Diagnostics;
use tandem::search::{self, Record};
use tandem::{render, site};

#[test]
fn same_bytes_as_pagefind_for_the_sample_programme() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files = load::FileCache::for_one_build();
    let (prog, _) = load::load(&content, Visible::default(), &[], &mut files);
    let prog = prog.expect("the sample loads");
    let lang = prog.meta.language;
    let theme = render::templates::load(prog.theme_dir.as_deref(), &content, lang)
        .unwrap_or_else(|_| panic!("the theme loads"));
    let markdown = site::MarkdownCache::for_one_build();
    let site = site::index(prog, None, &mut Diagnostics::default(), &markdown);
    let records = search::records(&site, &theme.strings, &mut Default::default());
    assert!(records.len() > 20);
    let pages: Vec<_> = records.iter().map(Record::page).collect();
    tandem_pagefind::reference::assert_same(&pages, lang.into());
}
