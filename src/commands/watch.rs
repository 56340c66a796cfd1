use super::*;
use crate::build::Options;
use crate::cli::WatchArgs;
use crate::output;
use crate::watch::Watcher;
use terminal::Terminal;

pub(crate) fn run(args: &WatchArgs) -> Result<(), Error> {
    check_content_dir(&args.content)?;
    output::check_writable(&args.out.output, &args.content.content)?;
    let opts = Options {
        content: args.content.content.clone(),
        base_url: args.out.base_url.clone(),
        visible: visible(&args.content),
        skip: vec![args.out.output.clone()],
        ..Options::default()
    };
    let mut w = Watcher::new(
        opts,
        Some(args.out.output.clone()),
        args.poll,
        Terminal::reporter(),
    );
    let watching = w.start()?;
    w.rebuild();
    let lang = terminal::language(
        w.state.read().ok().and_then(|s| s.language),
        &args.content.content,
    );
    let (content, out) = (args.content.content.display(), args.out.output.display());
    let words = crate::text!(
        "tandem beobachtet {content} und schreibt die Seite nach jedem Speichern neu nach {out}. Beenden mit Strg+C.",
        "Watching {content} for changes; the site is written to {out}. Press Ctrl-C to stop."
    );
    eprintln!("{}", words.get(lang));
    w.run(watching, |_| {});
    Ok(())
}
