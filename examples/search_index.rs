//! Times the search index of a programme on its own and describes the bundle.
//!
//! ```sh
//! cargo run --release --example search_index -- --content /tmp/bench-10k/tandem
//! ```
//!
//! Loads the programme and renders its Markdown (not timed), then times the two steps
//! of the search index: collecting the records (text, title, filters of every published
//! entry and docs page) and writing the chunked bundle (in Pagefind's format). Prints the
//! number of files and bytes of the bundle by kind. `bench/search.sh` runs this on
//! generated programmes and adds what one query transfers in a browser.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use tandem::content::{load, Visible};
use tandem::diagnostics::Diagnostics;
use tandem::render::templates;
use tandem::{search, site};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut content = PathBuf::from("content");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--content" => content = PathBuf::from(args.next().expect("--content DIR")),
            other => {
                eprintln!("unknown argument `{other}`; usage: search_index --content DIR");
                std::process::exit(2);
            }
        }
    }
    let t0 = Instant::now();
    let (prog, mut diags) = load::load(
        &content,
        Visible::default(),
        &[],
        &mut load::FileCache::for_one_build(),
    );
    let Some(prog) = prog else {
        eprint!(
            "{}",
            diags.render_human(false, tandem::language::Language::De)
        );
        std::process::exit(1);
    };
    let lang = prog.meta.language;
    let theme = templates::load(prog.theme_dir.as_deref(), &content, lang)
        .unwrap_or_else(|_| panic!("the theme has errors"));
    let site = site::index(
        prog,
        None,
        &mut Diagnostics::default(),
        &site::MarkdownCache::for_one_build(),
    );
    diags.sort();
    let load_ms = t0.elapsed().as_millis();

    let t1 = Instant::now();
    let records = search::records(&site, &theme.strings, &mut search::TextCache::default());
    let records_ms = t1.elapsed().as_millis();
    let n = records.len();
    let text_bytes: usize = records.iter().map(|r| r.content.len()).sum();

    let t2 = Instant::now();
    let shards = search::plan(records, lang);
    let layout: search::Layout = shards.iter().map(|s| (s.dir.clone(), s.key)).collect();
    let mut cache = search::SearchCache::default();
    for (dir, key, files) in search::make_indexes(shards, lang, search::Pace::Fast, None)
        .unwrap_or_else(|d| panic!("{}", d.message.en))
    {
        cache.store(dir, key, files);
    }
    let files = cache.assemble(&layout).expect("every index was made");
    let index_ms = t2.elapsed().as_millis();

    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (path, bytes) in files.iter() {
        let rel = path.trim_start_matches("pagefind/");
        let rel = rel
            .split_once("shard-")
            .map_or(rel, |(_, r)| r.split_once('/').map_or(r, |x| x.1));
        let kind = match rel.split_once('/') {
            Some((dir, _)) => dir,
            None if rel.ends_with(".pf_meta") => "meta",
            None if rel.starts_with("wasm.") => "wasm",
            None => "scripts and entry",
        };
        let k = kinds.entry(kind).or_default();
        k.0 += 1;
        k.1 += bytes.len();
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("records:          {n} ({:.1} MB of text)", mb(text_bytes));
    println!("load and Markdown: {load_ms} ms (not part of the index)");
    println!("collect records:  {records_ms} ms");
    println!(
        "search index:     {index_ms} ms ({} index{})",
        layout.len(),
        if layout.len() == 1 { "" } else { "es" }
    );
    println!(
        "bundle:           {} files, {:.1} MB (compressed)",
        files.len(),
        mb(total)
    );
    for (kind, (count, bytes)) in kinds {
        println!("  {kind:<18}{count:>7} files {:>9.2} MB", mb(bytes));
    }
}

fn mb(b: usize) -> f64 {
    b as f64 / 1_000_000.0
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
