use super::*;
use crate::build::{self, Built, Options};
use crate::cli::BuildArgs;
use crate::language::Language;
use crate::output;
use std::time::Instant;

pub(crate) fn run(args: &BuildArgs) -> Result<(), Error> {
    check_content_dir(&args.content)?;
    let start = Instant::now();
    // A foreign output folder is refused before any work. The new site is written
    // beside the output while its pages are rendered (a build that was killed while
    // writing may have left folders there: they go first).
    let staging = output::Staging::begin(&args.out.output, &args.content.content)?;
    let outcome = build::run(
        &options(args),
        &mut build::Cache::for_one_build(),
        Some(&|page| staging.put(&page.path, &page.bytes)),
    );
    let lang = outcome.language.unwrap_or(Language::De);
    if !outcome.diags.is_empty() {
        eprint!("{}", outcome.diags.render_human(color(), lang));
    }
    let Some(built) = outcome.built else {
        // Dropping the staging deletes what was written of the new site.
        drop(staging);
        let out = args.out.output.display();
        let words = crate::text!(
            "Die Seite wurde nicht gebaut; die bisherige Ausgabe in `{out}` bleibt, wie sie war.",
            "The site was not built; the previous output in `{out}` is unchanged."
        );
        eprintln!("{}", words.get(lang));
        return Err(Error::Content);
    };
    staging.finish(&built.pages, &built.copied)?;
    report_built(args, &built, start, lang);
    crate::memory::drop_aside(built);
    Ok(())
}

fn options(args: &BuildArgs) -> Options {
    Options {
        content: args.content.content.clone(),
        base_url: args.out.base_url.clone(),
        visible: visible(&args.content),
        strict: args.strict,
        skip: vec![args.out.output.clone()],
        ..Options::default()
    }
}

/// "Built N pages (M files) into public in T ms."
fn report_built(args: &BuildArgs, built: &Built, start: Instant, lang: Language) {
    let html = built
        .pages
        .iter()
        .filter(|p| p.path.ends_with(".html"))
        .count()
        + built.sunk_html;
    let files = built.pages.len() + built.sunk + built.copied.len();
    let out = args.out.output.display();
    let ms = start.elapsed().as_millis();
    let words = crate::text!(
        "{html} Seiten ({files} Dateien) in {ms} ms nach {out} gebaut.",
        "Built {html} pages ({files} files) into {out} in {ms} ms."
    );
    eprintln!("{}", words.get(lang));
}
