use super::*;
use crate::build::Options;
use crate::cli::WatchArgs;
use crate::output;
use crate::watch::Watcher;

pub fn run(args: &WatchArgs) -> i32 {
    if let Err(code) = check_content_dir(&args.content) {
        return code;
    }
    if let Err(e) = output::check_writable(&args.out.output, &args.content.content) {
        eprintln!("error: {e}");
        return USAGE_ERROR;
    }
    let opts = Options {
        content: args.content.content.clone(),
        base_url: args.out.base_url.clone(),
        visible: visible(&args.content),
        skip: vec![args.out.output.clone()],
        ..Options::default()
    };
    let mut w = Watcher::new(opts, Some(args.out.output.clone()), args.poll);
    let watching = match w.start() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_ERROR;
        }
    };
    w.rebuild();
    eprintln!(
        "Watching {} for changes; the site is written to {}. Press Ctrl-C to stop.",
        args.content.content.display(),
        args.out.output.display()
    );
    w.run(watching, |_| {});
    OK
}
