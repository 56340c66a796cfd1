use super::*;
use crate::build::{self, Options};
use crate::cli::{CheckArgs, Format};
use crate::language::Language;

/// Reports every problem of the content and writes nothing. Content with errors ends
/// in [`Error::Content`] (exit status 1) after the report, which says all there is to
/// say: `main` prints nothing more.
pub(crate) fn run(args: &CheckArgs) -> Result<(), Error> {
    check_content_dir(&args.content)?;
    let opts = Options {
        content: args.content.content.clone(),
        visible: visible(&args.content),
        strict: args.strict,
        // The search index cannot fail on content: it is not made.
        search: build::SearchWhen::Never,
        ..Options::default()
    };
    // Every page is rendered (a theme's template errors show only then) and dropped at
    // once: nothing is kept, nothing written.
    let outcome = build::run(&opts, &mut build::Cache::for_one_build(), Some(&|_| {}));
    // program.yaml's language; German (the default) when it cannot tell.
    let lang = outcome.language.unwrap_or(Language::De);
    match args.format {
        Format::Json => println!("{}", outcome.diags.render_json(lang)),
        Format::Human => {
            if outcome.diags.is_empty() {
                let words = crate::text!("Keine Probleme gefunden.", "No problems found.");
                eprintln!("{}", words.get(lang));
            } else {
                eprint!("{}", outcome.diags.render_human(color(), lang));
            }
        }
    }
    if outcome.diags.has_errors() {
        Err(Error::Content)
    } else {
        Ok(())
    }
}
