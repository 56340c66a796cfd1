use super::*;
use crate::build::{self, Options};
use crate::cli::BuildArgs;
use crate::output::{self, OutputError};
use std::time::Instant;

pub fn run(args: &BuildArgs) -> i32 {
    if let Err(code) = check_content_dir(&args.content) {
        return code;
    }
    let start = Instant::now();
    // A foreign output folder is refused before any work. The new site is written
    // beside the output while its pages are rendered (a build that was killed while
    // writing may have left folders there: they go first).
    let staging = match output::Staging::begin(&args.out.output, &args.content.content) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_ERROR;
        }
    };
    let opts = Options {
        content: args.content.content.clone(),
        base_url: args.out.base_url.clone(),
        visible: visible(&args.content),
        strict: args.strict,
        skip: vec![args.out.output.clone()],
        ..Options::default()
    };
    let outcome = build::run_into(&opts, &|page| staging.put(&page.path, &page.bytes));
    if !outcome.diags.is_empty() {
        eprint!("{}", outcome.diags.render_human(color()));
    }
    let Some(built) = outcome.built else {
        // Dropping the staging deletes what was written of the new site.
        drop(staging);
        eprintln!(
            "The site was not built; the previous output in `{}` is unchanged.",
            args.out.output.display()
        );
        return CONTENT_ERROR;
    };
    match staging.finish(&built.pages, &built.copied) {
        Ok(()) => {
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
            crate::memory::drop_aside(built);
            OK
        }
        Err(e @ (OutputError::Foreign(_) | OutputError::Overlap(_))) => {
            eprintln!("error: {e}");
            USAGE_ERROR
        }
        Err(e) => {
            eprintln!("error: {e}");
            CONTENT_ERROR
        }
    }
}
