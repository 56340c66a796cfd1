//! Any text as a Markdown body: rendering with link rewriting (every relative link
//! resolves, to a page, to a hidden entry or to nothing, by the first byte of its
//! path), open tasks, the title heading; then the search index's text of the result.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::content::Markdown;
use tandem::markdown::{render, Options, Target};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let md = Markdown {
        file: "cohorts/2019/t/2019-03-14-x.md".into(),
        text: format!("---\ntitle: x\n---\n{text}").into(),
        offset: "---\ntitle: x\n---\n".len(),
    };
    let resolve = |path: &str| match path.len() % 3 {
        0 => Target::Url("../anderer-eintrag/".into()),
        1 => Target::Hidden,
        _ => Target::Missing(None),
    };
    for (german_quotes, title_from_heading) in [(true, true), (false, false)] {
        let out = render(
            &md,
            &Options {
                german_quotes,
                title_from_heading,
                id_prefix: "e1-",
            },
            &resolve,
        );
        let _ = tandem::search::text_of(&out.html);
        for d in &out.diags {
            let mut ds = tandem::diagnostics::Diagnostics::default();
            ds.push(d.clone());
            let _ = ds.render_human(false, tandem::language::Language::De);
        }
    }
});
