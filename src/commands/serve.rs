use super::*;
use crate::build::Options;
use crate::cli::ServeArgs;
use crate::diagnostics::Text;
use crate::error::ServerError;
use crate::output;
use crate::serve::editor::Editor;
use crate::serve::guard::Allowed;
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
    let port = listener.local_addr().map_err(ServerError::Address)?.port();
    let allowed = Allowed::new(args.bind, port, &args.allowed_hosts);
    let app = rebuild_on_changes(args, &url, allowed)?;
    let lang = terminal::language(
        app.state.read().ok().and_then(|s| s.language),
        &args.content.content,
    );
    for note in [exposed(args), editing(args)].into_iter().flatten() {
        eprintln!("{}", note.get(lang));
    }
    let content = args.content.content.display();
    let words = crate::text!(
        "Vorschau von {content} unter {url}\nJedes Speichern baut die Seite neu und lädt sie im Browser neu. Beenden mit Strg+C.",
        "Serving {content} at {url}\nEvery save rebuilds the site and reloads the page. Press Ctrl-C to stop."
    );
    eprintln!("{}", words.get(lang));
    if args.open {
        if let Err(e) = opener::open(&url) {
            let words = crate::text!(
                "Der Browser konnte nicht geöffnet werden ({e}); öffnen Sie {url} selbst.",
                "Could not open a browser ({e}); open {url} yourself."
            );
            eprintln!("{}", words.get(lang));
        }
    }
    let server = axum::serve(listener, http::router(app));
    tokio::select! {
        r = server => r.map_err(|e| ServerError::Stopped(e).into()),
        _ = tokio::signal::ctrl_c() => {
            eprintln!("\n{}", crate::text!("Beendet.", "Stopped.").get(lang));
            Ok(())
        }
    }
}

/// What a preview with private entries or drafts on an address other computers
/// reach shows them.
fn exposed(args: &ServeArgs) -> Option<Text> {
    if args.bind.is_loopback() {
        return None;
    }
    let bind = args.bind;
    let what = match (args.content.private, args.content.drafts) {
        (true, true) => crate::text!(
            "private Einträge und Entwürfe",
            "private entries and drafts"
        ),
        (true, false) => crate::text!("private Einträge", "private entries"),
        (false, true) => crate::text!("Entwürfe", "drafts"),
        (false, false) => return None,
    };
    let (de, en) = (what.de, what.en);
    Some(crate::text!(
        "Achtung: Diese Vorschau zeigt {de}, und andere Computer im Netz erreichen sie (--bind {bind}). Wer ihre Adresse kennt, kann sie lesen. Soll nur dieser Computer sie zeigen, starten Sie sie ohne --bind.",
        "Warning: this preview shows {en}, and other computers on the network reach it (--bind {bind}). Whoever knows its address can read them. For a preview only this computer shows, start it without --bind."
    ))
}

/// What a preview on another address than this computer's own says about editing:
/// that it is off, or, with `--edit`, that anyone who reaches it may write.
fn editing(args: &ServeArgs) -> Option<Text> {
    if args.bind.is_loopback() {
        return None;
    }
    let bind = args.bind;
    Some(if args.edit {
        crate::text!(
            "Achtung: Jeder, der diese Vorschau im Netz erreicht (--bind {bind}), kann mit --edit Einträge schreiben und Dateien in den Tandem-Ordnern ablegen.",
            "Warning: anyone who reaches this preview on the network (--bind {bind}) can write entries and add files to the tandems' folders (--edit)."
        )
    } else {
        crate::text!(
            "Bearbeiten im Browser ist aus, weil andere Computer im Netz diese Vorschau erreichen (--bind {bind}). Mit --edit schalten Sie es ein; dann kann jeder, der sie erreicht, in die Tagebücher schreiben.",
            "Editing in the browser is off because other computers on the network reach this preview (--bind {bind}). --edit turns it on; then anyone who reaches it can write into the diaries."
        )
    })
}

/// Listens on the address and port asked for (or the next free port); returns the
/// listener and the site's address.
async fn listen(args: &ServeArgs) -> Result<(TcpListener, String), Error> {
    let bound = http::bind(SocketAddr::new(args.bind, args.port)).await?;
    if let Some((asked, used)) = bound.moved {
        let words = crate::text!(
            "Port {asked} ist belegt; tandem nimmt stattdessen Port {used}.",
            "Port {asked} is in use; using port {used} instead."
        );
        eprintln!(
            "{}",
            words.get(terminal::language(None, &args.content.content))
        );
    }
    let addr = bound.listener.local_addr().map_err(ServerError::Address)?;
    Ok((bound.listener, format!("http://{addr}/")))
}

/// The editor in the browser: on when the preview listens on this computer only, or
/// when `--edit` asks for it. On another address anyone who reaches it could write
/// into the diaries, so it stays off there unless asked for. A preview of one
/// audience (`--audience`) shows what its readers see, under other names and numbers
/// for an anonymous one: it has no editor.
fn editor(args: &ServeArgs) -> Result<Option<Arc<Editor>>, Error> {
    if (!args.bind.is_loopback() && !args.edit) || args.audience.is_some() {
        return Ok(None);
    }
    let editor = Editor::new(&args.content.content).map_err(ServerError::Runtime)?;
    Ok(Some(Arc::new(editor)))
}

/// Builds the site, then rebuilds it on a thread of its own after every change and
/// tells the browsers; returns what the web server serves.
fn rebuild_on_changes(args: &ServeArgs, url: &str, allowed: Allowed) -> Result<App, Error> {
    let opts = Options {
        content: args.content.content.clone(),
        base_url: Some(url.to_string()),
        visible: visible(&args.content),
        skip: args.output.iter().cloned().collect(),
        sites: match &args.audience {
            Some(id) => crate::build::Sites::Top(id.clone()),
            None => crate::build::Sites::Whole,
        },
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
        allowed: std::sync::Arc::new(allowed),
        nonce: crate::serve::csp::new_nonce().into(),
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
