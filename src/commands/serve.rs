use super::*;
use crate::build::Options;
use crate::cli::ServeArgs;
use crate::output;
use crate::serve::http::{self, App};
use crate::watch::Watcher;
use std::net::SocketAddr;

pub fn run(args: &ServeArgs) -> i32 {
    if let Err(code) = check_content_dir(&args.content) {
        return code;
    }
    if let Some(out) = &args.output {
        if let Err(e) = output::check_writable(out, &args.content.content) {
            eprintln!("error: {e}");
            return USAGE_ERROR;
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the web server: {e}");
            return USAGE_ERROR;
        }
    };
    runtime.block_on(serve(args))
}

async fn serve(args: &ServeArgs) -> i32 {
    let listener = match http::bind(SocketAddr::new(args.bind, args.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_ERROR;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_ERROR;
        }
    };
    let url = format!("http://{addr}/");
    let opts = Options {
        content: args.content.content.clone(),
        base_url: Some(url.clone()),
        visible: visible(&args.content),
        skip: args.output.iter().cloned().collect(),
        ..Options::default()
    };
    let mut watcher = Watcher::new(opts, args.output.clone(), args.poll);
    let watching = match watcher.start() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_ERROR;
        }
    };
    watcher.rebuild();
    let (tx, _) = tokio::sync::broadcast::channel(64);
    let app = App {
        state: watcher.state.clone(),
        changes: tx.clone(),
    };
    let content = args.content.content.clone();
    std::thread::spawn(move || {
        watcher.run(watching, move |change| {
            if !change.paths.is_empty() || change.errors_changed {
                let _ = tx.send(change.clone());
            }
        });
    });
    eprintln!(
        "Serving {} at {url}\nEvery save rebuilds the site and reloads the page. Press Ctrl-C to stop.",
        content.display()
    );
    if args.open {
        if let Err(e) = opener::open(&url) {
            eprintln!("Could not open a browser ({e}); open {url} yourself.");
        }
    }
    let server = axum::serve(listener, http::router(app));
    tokio::select! {
        r = server => {
            if let Err(e) = r {
                eprintln!("error: the web server stopped: {e}");
                return USAGE_ERROR;
            }
            OK
        }
        _ = tokio::signal::ctrl_c() => {
            eprintln!("\nStopped.");
            OK
        }
    }
}
