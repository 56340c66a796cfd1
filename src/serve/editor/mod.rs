//! The editor of `tandem serve`: a form in the browser that writes diary entries, so
//! that nobody needs a terminal or a text editor to write. It exists only in the
//! preview; `build` and `watch` never show a trace of it.
//!
//! - "Bearbeiten" on every entry page and "Neuer Eintrag" on every tandem page, put
//!   into the served HTML like the live-reload script ([`bar`]);
//! - the form (`page.rs`) with the entry's fields (`front.rs` reads them and changes
//!   only the lines of changed fields) and text, checked by the build's own checks
//!   before anything is written (`check.rs`);
//! - saving (`save.rs`): only inside the content folder, atomically, never over a file
//!   changed on disk since the form was opened, nor over an existing entry;
//! - pictures and PDFs added to the tandem's folder (`upload.rs`);
//! - every write carries the secret made when the server started ([`Editor`]), and
//!   comes from a page of the preview itself (`Origin`).
//!
//! Its addresses start with [`PREFIX`], which no page of a site can take.

mod check;
mod files;
mod front;
mod page;
mod save;
mod upload;
mod words;

use super::guard::Allowed;
use super::http::App;
use crate::diagnostics::Text;
use crate::language::Language;
use crate::markdown::Target;
use crate::site::{Outline, PageOf, TandemPlace};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the editor's pages and files are.
pub(crate) const PREFIX: &str = "/__tandem/editor";

/// The header a script sends the secret in.
const TOKEN_HEADER: &str = "x-tandem-token";

/// The largest form (an entry's text and fields) the editor reads: the loader's limit
/// for a Markdown file, and room for the fields.
const MAX_FORM: usize = crate::content::load::MAX_TEXT_FILE_BYTES as usize + 64 * 1024;

const SCRIPT: &str = include_str!("editor.js");
const STYLE: &str = include_str!("editor.css");

/// The editor of one server: its secret, the content folder, and one write at a time.
pub(crate) struct Editor {
    token: String,
    root: PathBuf,
    writing: tokio::sync::Mutex<()>,
}

impl Editor {
    /// An editor for the content folder `content`, with a new random secret.
    pub(crate) fn new(content: &Path) -> std::io::Result<Editor> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| std::io::Error::other(e.to_string()))?;
        let token = secret.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Editor {
            token,
            root: content.canonicalize()?,
            writing: tokio::sync::Mutex::new(()),
        })
    }

    /// Whether `given` is the secret (compared in constant time).
    fn is_token(&self, given: &str) -> bool {
        let (a, b) = (self.token.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// Refuses a write that does not come from a page of this preview (see
    /// `guard::is_own_origin`) or does not carry the secret (in the form
    /// or the [`TOKEN_HEADER`]).
    fn allow_write(
        &self,
        headers: &HeaderMap,
        allowed: &Allowed,
        form_token: Option<&str>,
        lang: Language,
    ) -> Result<(), Response> {
        // The guard in front of every route refuses these first; this one stays
        // should a route ever be served without it.
        if !super::guard::is_own_origin(headers, allowed) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                lang,
                crate::text!(
                    "Gespeichert wird nur, was aus einer Seite dieser Vorschau kommt. Öffnen Sie den Eintrag in der Vorschau und speichern Sie dort.",
                    "Only a page of this preview may save. Open the entry in the preview and save there."
                ),
            ));
        }
        let header = headers.get(TOKEN_HEADER).and_then(|h| h.to_str().ok());
        if !header.or(form_token).is_some_and(|t| self.is_token(t)) {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                lang,
                crate::text!(
                    "Diese Seite ist älter als die laufende Vorschau, deshalb wurde nichts gespeichert. Laden Sie die Seite neu (Ihre Änderungen vorher kopieren) und speichern Sie erneut.",
                    "This page is older than the running preview, so nothing was saved. Reload the page (copy your changes first) and save again."
                ),
            ));
        }
        Ok(())
    }
}

/// What every request of the editor needs: the editor, the last site's outline and
/// the programme's language; or the answer when editing is off or no site is built yet.
struct Ctx {
    editor: Arc<Editor>,
    outline: Arc<Outline>,
    lang: Language,
    allowed: Arc<Allowed>,
}

fn ctx(app: &App) -> Result<Ctx, Response> {
    let (outline, lang) = {
        let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
        (snap.outline.clone(), snap.language.unwrap_or(Language::De))
    };
    let Some(editor) = app.editor.clone() else {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            lang,
            crate::text!(
                "In dieser Vorschau ist das Bearbeiten ausgeschaltet, weil sie im Netzwerk erreichbar ist. Wer sie dort bearbeiten lassen will, startet sie mit --edit.",
                "Editing is off in this preview because it can be reached over the network. To allow editing there, start it with --edit."
            ),
        ));
    };
    let Some(outline) = outline else {
        return Err(refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            lang,
            crate::text!(
                "Die Vorschau hat die Seite noch nicht gebaut. Beheben Sie die angezeigten Fehler; danach können Sie hier schreiben.",
                "The preview has not built the site yet. Fix the errors shown; then you can write here."
            ),
        ));
    };
    Ok(Ctx {
        editor,
        outline,
        lang,
        allowed: app.allowed.clone(),
    })
}

impl Ctx {
    /// See [`Editor::allow_write`].
    fn allow_write(&self, headers: &HeaderMap, form_token: Option<&str>) -> Result<(), Response> {
        self.editor
            .allow_write(headers, &self.allowed, form_token, self.lang)
    }

    /// The entry file named by `file`, with its tandem; `Err` with the answer when it
    /// is not a plain path or not an entry the last build read.
    fn entry(&self, file: Option<&str>) -> Result<(String, &TandemPlace), Response> {
        let rel = file
            .and_then(files::safe_rel)
            .ok_or_else(|| self.bad_name())?;
        match self.outline.entries.get(rel) {
            Some(place) => Ok((rel.to_string(), &self.outline.tandems[place.tandem])),
            None => Err(refuse(
                StatusCode::NOT_FOUND,
                self.lang,
                crate::text!(
                    "Den Eintrag {rel} gibt es in der Vorschau nicht (mehr). Gehen Sie zurück zur Seite des Tandems.",
                    "There is no entry {rel} in the preview (any more). Go back to the tandem's page."
                ),
            )),
        }
    }

    /// The tandem whose folder is `dir`.
    fn tandem(&self, dir: Option<&str>) -> Result<&TandemPlace, Response> {
        let dir = dir
            .and_then(files::safe_rel)
            .ok_or_else(|| self.bad_name())?;
        match self.outline.tandem_at(dir) {
            Some(t) => Ok(&self.outline.tandems[t]),
            None => Err(refuse(
                StatusCode::NOT_FOUND,
                self.lang,
                crate::text!(
                    "Das Tandem {dir} gibt es in der Vorschau nicht.",
                    "There is no tandem {dir} in the preview."
                ),
            )),
        }
    }

    /// The path of `rel` on disk, when it is inside the content folder.
    fn path(&self, rel: &str) -> Result<PathBuf, Response> {
        files::inside(&self.editor.root, rel).ok_or_else(|| self.bad_name())
    }

    fn bad_name(&self) -> Response {
        refuse(
            StatusCode::BAD_REQUEST,
            self.lang,
            crate::text!(
                "Dieser Dateiname ist nicht erlaubt: Er muss ein Eintrag im Inhaltsordner sein, ohne .., ohne Laufwerk und ohne Zeichen, die Windows nicht erlaubt.",
                "This file name is not allowed: it must be an entry inside the content folder, without .., a drive or characters Windows does not allow."
            ),
        )
    }

    /// Where the editor shows a file a link leads to, when it is a picture or PDF in
    /// one of the tandems' folders (the site publishes it only once a saved entry links
    /// to it).
    fn unknown_link(&self, rel: &str) -> Option<String> {
        let (dir, name) = rel.rsplit_once('/')?;
        files::attachment_type(name)?;
        self.outline.tandem_at(dir)?;
        let path = files::inside(&self.editor.root, rel)?;
        path.is_file()
            .then(|| format!("{PREFIX}/file?path={}", encode(rel)))
    }
}

/// The editor's addresses, below [`PREFIX`].
pub(crate) fn router() -> Router<App> {
    Router::new()
        .route("/edit", get(save::edit))
        .route("/new", get(save::new))
        .route("/save", post(save::save))
        .route("/preview", post(preview))
        .route("/upload", post(upload::upload))
        .route("/file", get(upload::file))
        .route(
            "/editor.js",
            get(|| async { asset(SCRIPT, "text/javascript") }),
        )
        .route("/editor.css", get(|| async { asset(STYLE, "text/css") }))
}

fn asset(text: &'static str, mime: &'static str) -> Response {
    let mut r = text.into_response();
    let v = format!("{mime}; charset=utf-8");
    if let Ok(v) = HeaderValue::from_str(&v) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A refusal: the status and a sentence saying why and what to do.
fn refuse(status: StatusCode, lang: Language, why: Text) -> Response {
    let mut r = (status, why.get(lang).to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// The editor's own pages load their script, style and pictures from the preview
/// only, run no inline script, and may not be put in another site's frame.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn html(status: StatusCode, page: String) -> Response {
    let mut r = (status, page).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    r.headers_mut()
        .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The fields of a form or query (`application/x-www-form-urlencoded`).
#[derive(Debug, Default)]
struct FormData(Vec<(String, String)>);

impl FormData {
    /// Decodes `a=1&b=x+y`; `None` when a value is not UTF-8.
    fn parse(raw: &[u8]) -> Option<FormData> {
        let mut out = Vec::new();
        for pair in raw.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
            let mut it = pair.splitn(2, |&b| b == b'=');
            let k = decode(it.next().unwrap_or_default())?;
            let v = decode(it.next().unwrap_or_default())?;
            out.push((k, v));
        }
        Some(FormData(out))
    }

    fn of_query(req: &Request) -> FormData {
        FormData::parse(req.uri().query().unwrap_or("").as_bytes()).unwrap_or_default()
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// `%xx` and `+` decoded.
fn decode(raw: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < raw.len() => {
                let hex = std::str::from_utf8(&raw[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// A path for a query: everything but letters, digits and `/-._~` as `%xx`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads a form sent with POST, up to [`MAX_FORM`] bytes.
async fn read_form(body: Body, lang: Language) -> Result<FormData, Response> {
    let bytes = axum::body::to_bytes(body, MAX_FORM).await.map_err(|_| {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            lang,
            crate::text!(
                "Der Text ist zu lang: Ein Eintrag darf höchstens 10 MB haben. Teilen Sie ihn auf mehrere Einträge auf.",
                "The text is too long: an entry may have at most 10 MB. Split it into several entries."
            ),
        )
    })?;
    FormData::parse(&bytes).ok_or_else(|| {
        refuse(
            StatusCode::BAD_REQUEST,
            lang,
            crate::text!(
                "Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu.",
                "The form could not be read. Reload the page."
            ),
        )
    })
}

/// The text of an entry rendered as the site renders it, for the editor's preview.
async fn preview(State(app): State<App>, req: Request) -> Response {
    let c = match ctx(&app) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let (parts, body) = req.into_parts();
    let form = match read_form(body, c.lang).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Err(r) = c.allow_write(&parts.headers, form.get("token")) {
        return r;
    }
    let rel = match form.get("mode") {
        Some("new") => match c.tandem(form.get("tandem")) {
            Ok(t) => format!("{}/neu.md", t.dir),
            Err(r) => return r,
        },
        _ => match c.entry(form.get("file")) {
            Ok((rel, _)) => rel,
            Err(r) => return r,
        },
    };
    let text = form.get("body").unwrap_or("").replace("\r\n", "\n");
    let offset = match form.get("mode") {
        Some("whole") => {
            let src = crate::content::front_matter::SourceText {
                file: rel.clone(),
                text: text.as_str().into(),
            };
            crate::content::front_matter::split(&src).map_or(0, |sp| sp.body_offset)
        }
        _ => 0,
    };
    // Pictures and PDFs of the tandems' folders are shown from there: the site
    // publishes them only once a saved entry links to them.
    let then = |p: &str, t: Target| c.unknown_link(p).map_or(t, Target::Url);
    let mut rendered = c
        .outline
        .render(&rel, &text, offset, &then)
        .html
        .into_bytes();
    let w = words::words(c.lang);
    crate::render::label_task_boxes(&mut rendered, w.task_done, w.task_open);
    html(
        StatusCode::OK,
        String::from_utf8_lossy(&rendered).into_owned(),
    )
}

/// Puts the editor's buttons into a served page: "Bearbeiten" on an entry's page,
/// "Neuer Eintrag" on an entry's and a tandem's; at the top of `<main>` (or of
/// `<body>`), first in the reading and focus order of the content. Their style element
/// carries the preview's `nonce`, as the page's policy asks.
pub(crate) fn bar(
    html: Vec<u8>,
    key: &str,
    outline: &Outline,
    lang: Language,
    nonce: &str,
) -> Vec<u8> {
    let w = words::words(lang);
    let (edit, tandem) = match outline.pages.get(key) {
        Some(PageOf::Entry(file)) => match outline.entries.get(file) {
            Some(place) => (Some(file), place.tandem),
            None => return html,
        },
        Some(PageOf::Tandem(t)) => (None, *t),
        None => return html,
    };
    let mut bar = format!(
        "<style>#tandem-editbar{{display:flex;flex-wrap:wrap;gap:.5em;margin:0 0 1em}}\
         #tandem-editbar a{{display:inline-block;padding:.3em .9em;border:1px solid currentColor;\
         border-radius:.4em;color:inherit;text-decoration:none;font:inherit;line-height:1.5}}</style>\
         <div id=\"tandem-editbar\" role=\"group\" aria-label=\"{}\">",
        w.bar
    );
    if let Some(file) = edit {
        bar.push_str(&format!(
            "<a href=\"{PREFIX}/edit?file={}\">{}</a>",
            encode(file),
            w.edit
        ));
    }
    bar.push_str(&format!(
        "<a href=\"{PREFIX}/new?tandem={}\">{}</a></div>",
        encode(&outline.tandems[tandem].dir),
        w.new_entry
    ));
    let bar = super::csp::nonced(&bar, nonce);
    let at = after_tag(&html, b"<main").or_else(|| after_tag(&html, b"<body"));
    let Some(at) = at else { return html };
    let mut out = Vec::with_capacity(html.len() + bar.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(bar.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The place right after the first tag that starts with `open` (`<main …>`).
fn after_tag(html: &[u8], open: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].windows(open.len()).position(|w| w == open) {
        let start = from + i;
        if matches!(
            html.get(start + open.len()),
            Some(b'>' | b' ' | b'\n' | b'\t')
        ) {
            let end = html[start..].iter().position(|&b| b == b'>')?;
            return Some(start + end + 1);
        }
        from = start + open.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_decoded() {
        let f = FormData::parse(b"a=1&b=x+y%26z&t=%C3%BC&t=2&empty=&flag").unwrap();
        assert_eq!(f.get("a"), Some("1"));
        assert_eq!(f.get("b"), Some("x y&z"));
        assert_eq!(f.all("t"), ["ü", "2"]);
        assert_eq!(f.get("empty"), Some(""));
        assert_eq!(f.get("flag"), Some(""));
        assert!(FormData::parse(b"a=%FF").is_none());
        assert_eq!(
            encode("cohorts/2019/a b/ü.md"),
            "cohorts/2019/a%20b/%C3%BC.md"
        );
    }

    #[test]
    fn a_write_needs_the_secret_and_a_page_of_the_preview() {
        let dir = tempfile::tempdir().unwrap();
        let ed = Editor::new(dir.path()).unwrap();
        let allowed = Allowed::new([127, 0, 0, 1].into(), 1111, &[]);
        let headers = |origin: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:1111"));
            if let Ok(v) = HeaderValue::from_str(origin) {
                h.insert(header::ORIGIN, v);
            }
            h
        };
        let own = headers("http://127.0.0.1:1111");
        let token = ed.token.clone();
        assert!(ed
            .allow_write(&own, &allowed, Some(&token), Language::De)
            .is_ok());
        let mut by_header = own.clone();
        by_header.insert(TOKEN_HEADER, HeaderValue::from_str(&token).unwrap());
        assert!(ed
            .allow_write(&by_header, &allowed, None, Language::De)
            .is_ok());
        assert!(ed.allow_write(&own, &allowed, None, Language::De).is_err());
        assert!(ed
            .allow_write(&own, &allowed, Some("00"), Language::De)
            .is_err());
        let shorter = &token[..token.len() - 1];
        assert!(ed
            .allow_write(&own, &allowed, Some(shorter), Language::De)
            .is_err());
        for foreign in ["http://evil.example", "http://127.0.0.1:9999", "null", ""] {
            let h = headers(foreign);
            let r = ed.allow_write(&h, &allowed, Some(&token), Language::De);
            assert!(r.is_err(), "{foreign:?}");
        }
        assert_eq!(token.len(), 64, "32 random bytes");
        assert_ne!(Editor::new(dir.path()).unwrap().token, token);
    }

    #[test]
    fn the_bar_goes_at_the_top_of_main() {
        assert_eq!(after_tag(b"<body><main id=\"m\">x", b"<main"), Some(19));
        assert_eq!(after_tag(b"<body class=a>x", b"<body"), Some(14));
        assert_eq!(after_tag(b"<mainx>", b"<main"), None);
    }
}
