//! A whole programme folder with fuzzed files: the bytes are cut into a tandem.yaml, a
//! cohort.yaml and two entries, written into a real folder and loaded and checked the
//! way `tandem check` does. Every problem must come back as a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use tandem::build::{run, Cache, Options, SearchWhen};

const PROGRAM: &str = "title: Fuzz\nlanguage: de\nbase_url: https://example.org/f/\n\
topics:\n  - { id: a, title: Alpha }\n  - { id: b, title: Beta }\n";

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<&[u8]> = data.splitn(4, |&b| b == 0xff).collect();
    let part = |i: usize| parts.get(i).copied().unwrap_or(b"");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "program.yaml", PROGRAM.as_bytes());
    write(root, "cohorts/2019/cohort.yaml", part(0));
    write(root, "cohorts/2019/t/tandem.yaml", part(1));
    write(root, "cohorts/2019/t/2019-03-14-erster.md", part(2));
    write(root, "cohorts/2019/t/2019-04-01-zweiter.md", part(3));
    let options = Options {
        content: root.to_path_buf(),
        search: SearchWhen::Never,
        ..Options::default()
    };
    let outcome = run(&options, &mut Cache::for_one_build(), None);
    let _ = outcome.diags.render_human(false, tandem::language::Language::De);
    let _ = outcome.diags.render_json(tandem::language::Language::En);
});
