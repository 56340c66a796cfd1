//! Times rebuilds after an edit the way `tandem serve` does them, in one process and
//! without the HTTP server: one build, then `--edits` times a sentence appended to one
//! entry, each followed by a rebuild that is told which file changed (as the file
//! watcher tells it). Prints each rebuild's time; `TANDEM_TIMINGS=1` adds the stages.
//!
//! ```sh
//! cargo run --release --example rebuild -- --content /tmp/copy --entry /tmp/copy/cohorts/…/x.md --edits 10
//! ```
//! The entry is edited in place: use a copy of the content folder.

use std::path::PathBuf;
use std::time::Instant;
use tandem::build::{run, Cache, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut content, mut entry, mut edits) = (None, None, 10usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--content" => content = args.next().map(PathBuf::from),
            "--entry" => entry = args.next().map(PathBuf::from),
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            other => {
                eprintln!("unknown argument `{other}`; usage: rebuild --content DIR --entry FILE [--edits N]");
                std::process::exit(2);
            }
        }
    }
    let (Some(content), Some(entry)) = (content, entry) else {
        eprintln!("usage: rebuild --content DIR --entry FILE [--edits N]");
        std::process::exit(2);
    };
    let opts = Options {
        content,
        search: tandem::build::SearchWhen::Later,
        ..Options::default()
    };
    let mut cache = Cache::default();
    let t = Instant::now();
    let first = run(&opts, &mut cache, None);
    if first.built.is_none() {
        eprint!(
            "{}",
            first
                .diags
                .render_human(false, tandem::language::Language::De)
        );
        std::process::exit(1);
    }
    println!("first build: {} ms", t.elapsed().as_millis());
    let mut times = Vec::new();
    for i in 0..edits {
        let mut text = std::fs::read_to_string(&entry).expect("the entry can be read");
        text.push_str(&format!("\nNoch ein Satz ({i}).\n"));
        std::fs::write(&entry, text).expect("the entry can be written");
        cache.files.only_changed([entry.clone()]);
        let t = Instant::now();
        let _ = run(&opts, &mut cache, None);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "rebuild {}: {ms:.0} ms ({} pages rendered)",
            i + 1,
            cache.pages.rendered
        );
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        println!(
            "p50 {:.0} ms, max {:.0} ms",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
