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
    eprintln!(
        "Watching {} for changes; the site is written to {}. Press Ctrl-C to stop.",
        args.content.content.display(),
        args.out.output.display()
    );
    w.run(watching, |_| {});
    Ok(())
}
