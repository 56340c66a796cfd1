use super::*;
use crate::build::{self, Options};
use crate::cli::BuildArgs;
use crate::output::{self, OutputError};
use std::time::Instant;

pub fn run(args: &BuildArgs) -> i32 {
    if let Err(code) = check_content_dir(&args.content) {
        return code;
    }
    // Refuse a foreign output folder before doing any work.
    if let Err(e) = output::check_writable(&args.out.output, &args.content.content) {
        eprintln!("error: {e}");
        return USAGE_ERROR;
    }
    // A build that was killed while writing may have left folders beside the output.
    output::recover(&args.out.output);
    let start = Instant::now();
    let opts = Options {
        content: args.content.content.clone(),
        base_url: args.out.base_url.clone(),
        visible: visible(&args.content),
        strict: args.strict,
        skip: vec![args.out.output.clone()],
        ..Options::default()
    };
    let outcome = build::run(&opts);
    if !outcome.diags.is_empty() {
        eprint!("{}", outcome.diags.render_human(color()));
    }
    let Some(built) = outcome.built else {
        eprintln!(
            "The site was not built; the previous output in `{}` is unchanged.",
            args.out.output.display()
        );
        return CONTENT_ERROR;
    };
    match output::write_site(
        &args.out.output,
        &args.content.content,
        &built.pages,
        &built.copied,
    ) {
        Ok(()) => {
            let html = built
                .pages
                .iter()
                .filter(|p| p.path.ends_with(".html"))
                .count();
            eprintln!(
                "Built {} pages ({} files) into {} in {} ms.",
                html,
                built.pages.len() + built.copied.len(),
                args.out.output.display(),
                start.elapsed().as_millis()
            );
            build::drop_aside(built);
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
