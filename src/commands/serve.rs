use super::*;
use crate::build::Options;
use crate::cli::ServeArgs;
use crate::error::ServerError;
use crate::output;
use crate::serve::editor::Editor;
use crate::serve::http::{self, App};
use crate::watch::Watcher;
use std::net::SocketAddr;
use std::sync::Arc;
use terminal::Terminal;
use tokio::net::TcpListener;

pub(crate) fn run(args: &ServeArgs) -> Result<(), Error> {
    check_content_dir(&args.content)?;
    if let Some(out) = &args.output {
        output::check_writable(out, &args.content.content)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServerError::Runtime)?;
    runtime.block_on(serve(args))
}

async fn serve(args: &ServeArgs) -> Result<(), Error> {
    let (listener, url) = listen(args).await?;
    let app = rebuild_on_changes(args, &url)?;
    eprintln!(
        "Serving {} at {url}\nEvery save rebuilds the site and reloads the page. Press Ctrl-C to stop.",
        args.content.content.display()
    );
    if args.open {
        if let Err(e) = opener::open(&url) {
            eprintln!("Could not open a browser ({e}); open {url} yourself.");
        }
    }
    let server = axum::serve(listener, http::router(app));
    tokio::select! {
        r = server => r.map_err(|e| ServerError::Stopped(e).into()),
        _ = tokio::signal::ctrl_c() => {
            eprintln!("\nStopped.");
            Ok(())
        }
    }
}

/// Listens on the address and port asked for (or the next free port); returns the
/// listener and the site's address.
async fn listen(args: &ServeArgs) -> Result<(TcpListener, String), Error> {
    let bound = http::bind(SocketAddr::new(args.bind, args.port)).await?;
    if let Some((asked, used)) = bound.moved {
        eprintln!("Port {asked} is in use; using port {used} instead.");
    }
    let addr = bound.listener.local_addr().map_err(ServerError::Address)?;
    Ok((bound.listener, format!("http://{addr}/")))
}

/// The editor in the browser: on when the preview listens on this computer only, or
/// when `--edit` asks for it. On another address anyone who reaches it could write
/// into the diaries, so it stays off there unless asked for.
fn editor(args: &ServeArgs) -> Result<Option<Arc<Editor>>, Error> {
    if !args.bind.is_loopback() && !args.edit {
        return Ok(None);
    }
    let editor = Editor::new(&args.content.content).map_err(ServerError::Runtime)?;
    Ok(Some(Arc::new(editor)))
}

/// Builds the site, then rebuilds it on a thread of its own after every change and
/// tells the browsers; returns what the web server serves.
fn rebuild_on_changes(args: &ServeArgs, url: &str) -> Result<App, Error> {
    let opts = Options {
        content: args.content.content.clone(),
        base_url: Some(url.to_string()),
        visible: visible(&args.content),
        skip: args.output.iter().cloned().collect(),
        ..Options::default()
    };
    let mut watcher = Watcher::new(opts, args.output.clone(), args.poll, Terminal::reporter());
    let editor = editor(args)?;
    watcher.outline = editor.is_some();
    let watching = watcher.start()?;
    watcher.rebuild();
    let (tx, _) = tokio::sync::broadcast::channel(64);
    let app = App {
        state: watcher.state.clone(),
        changes: tx.clone(),
        editor,
    };
    std::thread::spawn(move || {
        watcher.run(watching, move |change| {
            if !change.paths.is_empty() || change.errors_changed {
                let _ = tx.send(change.clone());
            }
        });
    });
    Ok(app)
}
