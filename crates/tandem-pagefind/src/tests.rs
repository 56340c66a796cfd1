use crate::merge::PAGES_AT_ONCE;
use crate::{reference, Language, Page};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A page to index, with what its [`Page`] borrows.
struct Record {
    url: String,
    content: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
    sort: BTreeMap<String, String>,
}

impl Record {
    fn page(&self) -> Page<'_> {
        Page {
            url: &self.url,
            content: &self.content,
            meta: &self.meta,
            filters: &self.filters,
            sort: &self.sort,
        }
    }
}

/// Pagefind's files and ours for these records are the same, both with one fragment
/// file per page and with fragments bundled into files.
fn assert_same(records: &[Record], language: Language) {
    let pages: Vec<Page> = records.iter().map(Record::page).collect();
    reference::assert_same(&pages, language);
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
        content: text.into(),
        meta,
        filters,
        sort,
    }
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

/// A compressor reset from file to file writes each file byte for byte as a new
/// `GzEncoder` does, whatever came before it (lengths around its 32 kB buffer, text
/// that compresses well and bytes that do not).
#[test]
fn reused_gzip_writes_what_a_new_encoder_writes() {
    use std::io::Write;
    let mut noise = 7u64;
    let mut files: Vec<Vec<u8>> = vec![Vec::new(), b"x".to_vec()];
    for len in [100, 32 * 1024 - 12, 32 * 1024, 70_000, 300_000] {
        files.push(b"Wort ".iter().copied().cycle().take(len).collect());
        files.push(
            (0..len)
                .map(|_| {
                    noise = noise.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (noise >> 33) as u8
                })
                .collect(),
        );
    }
    for level in [1, 2, 6, 9] {
        let level = flate2::Compression::new(level);
        let mut gz = crate::Gzip::new(level);
        for bytes in files.iter().chain(files.iter().rev()) {
            let mut new = flate2::write::GzEncoder::new(Vec::new(), level);
            new.write_all(crate::FILE_MARK).unwrap();
            new.write_all(bytes).unwrap();
            assert!(
                gz.file(bytes) == new.finish().unwrap(),
                "{} bytes",
                bytes.len()
            );
        }
    }
}
