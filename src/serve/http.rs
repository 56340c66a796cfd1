//! The HTTP side of `tandem serve`.

use super::csp;
use super::editor::{self, Editor};
use super::guard::{self, Allowed};
use super::livereload::{self, EVENTS_PATH};
use crate::content::Language;
use crate::error::ServerError;
use crate::watch::{Body, Change, Shared};
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::broadcast;

#[derive(Clone)]
pub(crate) struct App {
    pub state: Shared,
    pub changes: broadcast::Sender<Change>,
    /// The names the preview answers to.
    pub allowed: Arc<Allowed>,
    /// The nonce of the preview's own script and styles under the pages' policy.
    pub nonce: Arc<str>,
    /// The editor, when the preview may write (see `editor`).
    pub editor: Option<Arc<Editor>>,
}

/// The preview's web server: its routes, each behind the guard.
pub(crate) fn router(app: App) -> Router {
    guard::covering(routes(app.clone()), app)
}

/// Every route of the preview (the guard of [`router`] covers all of them): the
/// editor's below [`editor::PREFIX`], the site's and the live-reload stream's.
fn routes(app: App) -> Router {
    Router::new()
        .nest(editor::PREFIX, editor::router())
        .fallback(handle)
        .with_state(app)
}

/// A listening socket, and whether it took another port than the one asked for.
pub(crate) struct Bound {
    pub listener: tokio::net::TcpListener,
    /// When the port asked for was taken: that port and the one used instead.
    pub moved: Option<(u16, u16)>,
}

/// Binds `addr`, or the next free port after it (up to 20 tries) when it is taken.
pub(crate) async fn bind(addr: SocketAddr) -> Result<Bound, ServerError> {
    let mut last = None;
    for offset in 0..20u16 {
        let mut a = addr;
        a.set_port(addr.port().saturating_add(offset));
        match tokio::net::TcpListener::bind(a).await {
            Ok(listener) => {
                let moved = (offset > 0).then_some((addr.port(), a.port()));
                return Ok(Bound { listener, moved });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(source) => return Err(ServerError::Listen { addr, source }),
        }
    }
    Err(ServerError::PortsInUse {
        first: addr.port(),
        last: addr.port().saturating_add(19),
        source: last,
    })
}

/// The URL path a browser uses for an output file: `cohorts/2019/index.html` → `/cohorts/2019/`.
pub(crate) fn url_of(file: &str) -> String {
    if file == "index.html" {
        "/".to_string()
    } else if let Some(dir) = file.strip_suffix("/index.html") {
        format!("/{dir}/")
    } else {
        format!("/{file}")
    }
}

fn state_event(app: &App, change: Option<&Change>) -> Event {
    let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
    let lang = snap.language.unwrap_or(Language::De);
    // A new search index concerns only the search page; another asset (a style
    // sheet, a script) may concern every page.
    let in_bundle = |p: &str| {
        p.strip_prefix(crate::site::urls::BUNDLE_DIR)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    let mut changed: Vec<String> = change
        .map(|c| {
            c.paths
                .iter()
                .filter(|p| !in_bundle(p))
                .map(|p| url_of(p))
                .collect()
        })
        .unwrap_or_default();
    if change.is_some_and(|c| c.paths.iter().any(|p| in_bundle(p))) {
        changed.push(url_of(&crate::site::urls::search().output_file()));
    }
    let reload_all = change.is_some_and(|c| {
        c.paths
            .iter()
            .any(|p| !p.ends_with(".html") && !p.ends_with(".xml") && !in_bundle(p))
    }) || (change.is_some() && !snap.has_site);
    let data = serde_json::json!({
        "version": snap.version,
        "changed": changed,
        "reload_all": reload_all,
        "overlay": livereload::overlay(&snap.diags, lang).map(|o| csp::nonced(&o, &app.nonce)),
    });
    Event::default().event("state").data(data.to_string())
}

async fn events(app: App) -> Response {
    let rx = app.changes.subscribe();
    let first = state_event(&app, None);
    let stream =
        futures_util::stream::unfold((Some(first), rx, app), |(first, mut rx, app)| async move {
            if let Some(ev) = first {
                return Some((Ok::<_, Infallible>(ev), (None, rx, app)));
            }
            loop {
                match rx.recv().await {
                    Ok(change) => {
                        let ev = state_event(&app, Some(&change));
                        return Some((Ok(ev), (None, rx, app)));
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// Decodes `%xx`; `None` for paths that try to leave the site (`..`), contain NUL or
/// backslashes, or are not UTF-8.
pub(crate) fn clean_path(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    if s.contains('\0') || s.contains('\\') {
        return None;
    }
    let trimmed = s.trim_start_matches('/');
    if trimmed.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(trimmed.to_string())
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn html_response(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut r = (status, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    no_store(r)
}

async fn handle(State(app): State<App>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD").into_response();
    }
    let path = req.uri().path().to_string();
    if path == EVENTS_PATH {
        return events(app).await;
    }
    let key = match clean_path(&path) {
        Some(k) if k.is_empty() || k.ends_with('/') => format!("{k}index.html"),
        Some(k) => k,
        None => return not_found(&app),
    };
    let found = {
        let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
        if !snap.has_site {
            let lang = snap.language.unwrap_or(Language::De);
            let page = livereload::error_page(&snap.diags, lang);
            return html_response(StatusCode::INTERNAL_SERVER_ERROR, page.into_bytes());
        }
        match snap.files.get(&key) {
            Some(b) => Some(b.clone()),
            None if snap.files.contains_key(&format!("{key}/index.html")) => {
                let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
                if let Ok(v) = HeaderValue::from_str(&format!("{path}/")) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                return r;
            }
            None => None,
        }
    };
    match found {
        None => not_found(&app),
        Some(body) => respond(&app, &key, body, StatusCode::OK).await,
    }
}

async fn respond(app: &App, key: &str, body: Body, status: StatusCode) -> Response {
    let bytes: Vec<u8> = match body {
        Body::Bytes(b) => b.to_vec(),
        Body::File(src, ..) => match tokio::fs::read(&src).await {
            Ok(b) => b,
            Err(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    if mime.essence_str() == "text/html" {
        let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
        let lang = snap.language.unwrap_or(Language::De);
        let mut html = bytes;
        if let (Some(_), Some(outline)) = (&app.editor, &snap.outline) {
            html = editor::bar(html, key, outline, lang, &app.nonce);
        }
        if let Some(ov) = livereload::overlay(&snap.diags, lang) {
            let pos = html
                .windows(7)
                .rposition(|w| w == b"</body>")
                .unwrap_or(html.len());
            html.splice(pos..pos, csp::nonced(&ov, &app.nonce).into_bytes());
        }
        let html = csp::allow_nonce(&livereload::inject(&html, &app.nonce), &app.nonce);
        return html_response(status, html);
    }
    let ct = if mime.type_() == "text"
        || mime.essence_str() == "image/svg+xml"
        || mime.essence_str().ends_with("xml")
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let mut r = Response::new(HttpBody::from(bytes));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&ct) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    no_store(r)
}

fn not_found(app: &App) -> Response {
    let body = {
        let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
        snap.files.get("404.html").cloned()
    };
    match body {
        Some(Body::Bytes(b)) => {
            let html = livereload::inject(&b, &app.nonce);
            html_response(StatusCode::NOT_FOUND, csp::allow_nonce(&html, &app.nonce))
        }
        _ => html_response(
            StatusCode::NOT_FOUND,
            b"<!DOCTYPE html><title>404</title><h1>404</h1>".to_vec(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(clean_path("/cohorts/2019/"), Some("cohorts/2019/".into()));
        assert_eq!(clean_path("/a%20b.pdf"), Some("a b.pdf".into()));
        assert_eq!(clean_path("/../etc/passwd"), None);
        assert_eq!(clean_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(clean_path("/a/%2e%2e%2f%2e%2e/x"), None);
        assert_eq!(clean_path("/a%5c..%5cb"), None);
        assert_eq!(clean_path("/a%00b"), None);
    }

    #[test]
    fn urls_of_output_files() {
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("cohorts/2019/index.html"), "/cohorts/2019/");
        assert_eq!(url_of("atom.xml"), "/atom.xml");
    }
}
