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
    if !outcome.diags.is_empty() {
        eprint!(
            "{}",
            outcome
                .diags
                .render_human(color(), outcome.language.unwrap_or(Language::De))
        );
    }
    let Some(built) = outcome.built else {
        // Dropping the staging deletes what was written of the new site.
        drop(staging);
        return Err(Error::Content {
            kept: Some(args.out.output.clone()),
        });
    };
    staging.finish(&built.pages, &built.copied)?;
    report_built(args, &built, start);
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
fn report_built(args: &BuildArgs, built: &Built, start: Instant) {
    let html = built
        .pages
        .iter()
        .filter(|p| p.path.ends_with(".html"))
        .count()
        + built.sunk_html;
    eprintln!(
        "Built {} pages ({} files) into {} in {} ms.",
        html,
        built.pages.len() + built.sunk + built.copied.len(),
        args.out.output.display(),
        start.elapsed().as_millis()
    );
}
