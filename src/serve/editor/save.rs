//! Opening an entry in the form, and saving it: the form's fields and text made into
//! the file's text (see `front.rs`), checked, then written only when the file on disk
//! is still the one the form was opened with, or, for a new entry, when no file has
//! its name.

use super::check::{check, differences, has_errors, Field, Message};
use super::files::{self, Existing};
use super::front::{self, Fields, Read};
use super::page::{self, Form, Mode, Status};
use super::{ctx, html, read_form, refuse, Ctx, FormData};
use crate::content::front_matter::decode;
use crate::content::scaffold;
use crate::content::slug::Slug;
use crate::diagnostics::Diagnostic;
use crate::language::Language;
use crate::serve::http::App;
use crate::site::TandemPlace;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How a file's bytes were written, to write it again the same way: with a byte order
/// mark, with CR LF line ends.
#[derive(Debug, Clone, Copy, Default)]
struct Eol {
    bom: bool,
    crlf: bool,
}

impl Eol {
    fn of(bytes: &[u8]) -> Eol {
        Eol {
            bom: bytes.starts_with("\u{feff}".as_bytes()),
            crlf: bytes.windows(2).any(|w| w == b"\r\n"),
        }
    }

    /// `text` (LF line ends) as bytes written this way.
    fn bytes(self, text: &str) -> Vec<u8> {
        let mut out = String::with_capacity(text.len() + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out.into_bytes()
    }
}

/// A file's name without `.md`.
fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The entry's page (below the site root) when the preview shows it, else its tandem's.
fn page_of(c: &Ctx, rel: &str, tandem: &TandemPlace, fields: &Fields) -> String {
    let shown = (c.outline.visible.drafts || !fields.draft)
        && (c.outline.visible.private || !fields.private);
    match Slug::from_name(stem(rel)) {
        Some(slug) if shown => format!("{}{slug}/", tandem.page),
        _ => tandem.page.clone(),
    }
}

/// The form for an entry file: `GET …/edit?file=cohorts/…/2019-03-14-x.md`.
pub(super) async fn edit(State(app): State<App>, req: Request) -> Response {
    let c = match ctx(&app) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let q = FormData::of_query(&req);
    let (rel, tandem) = match c.entry(q.get("file")) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let (bytes, text) = match read_entry(&c, &rel).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let version = files::version(&bytes);
    let back = page_of(&c, &rel, tandem, &Fields::default());
    let back = if c.outline.pages.contains_key(&format!("{back}index.html")) {
        back
    } else {
        tandem.page.clone()
    };
    let shown = Shown {
        c: &c,
        tandem,
        version: &version,
        back,
    };
    match front::read(&rel, &text, stem(&rel), &c.outline.topics, tandem) {
        Ok(read) => {
            let body = &text[read.parts.body..];
            let messages = check(&rel, &text, &c.outline, tandem, false, &|p| {
                c.unknown_link(p)
            });
            shown.page(
                StatusCode::OK,
                Mode::Edit(&rel),
                &read.fields,
                body,
                &messages,
                Status::Opened,
            )
        }
        Err(_) => {
            let messages = check(&rel, &text, &c.outline, tandem, true, &|p| {
                c.unknown_link(p)
            });
            let fields = Fields::default();
            shown.page(
                StatusCode::OK,
                Mode::Whole(&rel),
                &fields,
                &text,
                &messages,
                Status::Opened,
            )
        }
    }
}

/// The form for a new entry of a tandem: `GET …/new?tandem=cohorts/2019/x`. Its
/// fields and text are those `tandem new entry` writes, dated today, with the tandem's
/// focus topics chosen.
pub(super) async fn new(State(app): State<App>, req: Request) -> Response {
    let c = match ctx(&app) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let q = FormData::of_query(&req);
    let tandem = match c.tandem(q.get("tandem")) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let today = chrono::Local::now().date_naive();
    let (template, read) = match template(&c, tandem, "", today, &[]) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut fields = read.fields;
    fields.topics = tandem.focus.clone();
    let shown = Shown {
        c: &c,
        tandem,
        version: "new",
        back: tandem.page.clone(),
    };
    let body = &template[read.parts.body..];
    shown.page(
        StatusCode::OK,
        Mode::New,
        &fields,
        body,
        &[],
        Status::Opened,
    )
}

/// The text of a new entry as `tandem new entry` writes it, and its fields.
fn template(
    c: &Ctx,
    tandem: &TandemPlace,
    title: &str,
    date: chrono::NaiveDate,
    topics: &[String],
) -> Result<(String, Read), Response> {
    let de = c.lang == Language::De;
    let line = scaffold::topics_line(topics, &tandem.focus, de);
    let text = scaffold::entry_text(title, date, &line, de);
    let rel = format!("{}/{date}-neu.md", tandem.dir);
    match front::read(&rel, &text, stem(&rel), &c.outline.topics, tandem) {
        Ok(read) => Ok((text, read)),
        Err(d) => Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, c.lang, d.message)),
    }
}

/// What every page of one form shows besides its fields.
struct Shown<'a> {
    c: &'a Ctx,
    tandem: &'a TandemPlace,
    version: &'a str,
    back: String,
}

impl Shown<'_> {
    fn page(
        &self,
        status_code: StatusCode,
        mode: Mode,
        fields: &Fields,
        body: &str,
        messages: &[Message],
        status: Status,
    ) -> Response {
        let form = Form {
            lang: self.c.lang,
            token: &self.c.editor.token,
            mode,
            tandem: self.tandem,
            topics: &self.c.outline.topics,
            fields,
            body,
            version: self.version,
            messages,
            status,
            back: self.back.clone(),
        };
        html(status_code, page::render(&form))
    }

    /// The form again, with what was sent.
    fn again(
        &self,
        code: StatusCode,
        mode: Mode,
        sent: &Sent,
        messages: &[Message],
        status: Status,
    ) -> Response {
        self.page(code, mode, &sent.fields, &sent.body, messages, status)
    }

    /// After saving: the entry's page (`back`), or, when the checks warned, the form
    /// again with the warnings and a link to the page.
    fn saved(&self, mode: Mode, sent: &Sent, messages: &[Message]) -> Response {
        if messages.is_empty() {
            let mut r = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("/{}", self.back)) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            return r;
        }
        let status = Status::Saved(self.back.clone());
        self.again(StatusCode::OK, mode, sent, messages, status)
    }
}

/// Reads an entry file: its bytes and its text (LF line ends).
async fn read_entry(c: &Ctx, rel: &str) -> Result<(Vec<u8>, String), Response> {
    let path = c.path(rel)?;
    let bytes = tokio::fs::read(&path).await.map_err(|_| {
        refuse(
            StatusCode::NOT_FOUND,
            c.lang,
            crate::text!(
                "Die Datei {rel} kann nicht gelesen werden. Wurde sie gelöscht oder verschoben?",
                "The file {rel} cannot be read. Was it deleted or moved?"
            ),
        )
    })?;
    let text = decode(rel, bytes.clone())
        .map_err(|d| refuse(StatusCode::UNPROCESSABLE_ENTITY, c.lang, d.message))?;
    Ok((bytes, text.text.to_string()))
}

/// The form as sent: its fields and its text (LF line ends).
struct Sent {
    fields: Fields,
    body: String,
}

impl Sent {
    fn of(form: &FormData) -> Sent {
        let one = |name: &str| form.get(name).unwrap_or("").replace("\r\n", "\n");
        let authors = form.all("authors");
        let fields = Fields {
            title: one("title"),
            date: one("date"),
            topics: form.all("topics"),
            duration: one("duration"),
            format: one("format"),
            mentor: authors.iter().any(|a| a == "mentor"),
            mentee: authors.iter().any(|a| a == "mentee"),
            others: form.all("other_author"),
            private: form.get("visibility") == Some("private"),
            draft: form.get("draft") == Some("true"),
        };
        Sent {
            fields,
            body: one("body"),
        }
    }
}

/// The file's text with the form's fields and text: the front matter changed where the
/// fields changed (see `front.rs`), the body as given.
fn compose(text: &str, read: &Read, fields: &Fields, body: &str) -> String {
    let changes = front::changes(read, fields);
    if !read.parts.front_matter {
        if changes.is_empty() {
            return body.to_string();
        }
        return format!("---\n{}---\n{body}", front::apply("", &changes));
    }
    let (a, b) = read.parts.yaml;
    let yaml = front::apply(&text[a..b], &changes);
    format!("{}{yaml}{}{body}", &text[..a], &text[b..read.parts.body])
}

/// Saves the form: `POST …/save`.
pub(super) async fn save(State(app): State<App>, req: Request) -> Response {
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
    let _one_at_a_time = c.editor.writing.lock().await;
    match form.get("mode") {
        Some("new") => save_new(&app, &c, &form).await,
        Some(mode @ ("edit" | "whole")) => save_existing(&app, &c, &form, mode == "whole").await,
        _ => refuse(
            StatusCode::BAD_REQUEST,
            c.lang,
            crate::text!(
                "Das Formular ist unvollständig. Laden Sie die Seite neu.",
                "The form is incomplete. Reload the page."
            ),
        ),
    }
}

/// Saves an existing entry, unless it changed on disk since the form was opened.
async fn save_existing(app: &App, c: &Ctx, form: &FormData, whole: bool) -> Response {
    let (rel, tandem) = match c.entry(form.get("file")) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let (disk, disk_text) = match read_entry(c, &rel).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let sent = Sent::of(form);
    let mode = if whole {
        Mode::Whole(&rel)
    } else {
        Mode::Edit(&rel)
    };
    let now = files::version(&disk);
    let back = page_of(c, &rel, tandem, &sent.fields);
    let shown = Shown {
        c,
        tandem,
        version: &now,
        back,
    };
    if form.get("version") != Some(now.as_str()) {
        let notes = match front::read(&rel, &disk_text, stem(&rel), &c.outline.topics, tandem) {
            Ok(read) if !whole => {
                differences(&rel, &read.fields, &sent.fields, tandem, &c.outline.topics)
            }
            _ => Vec::new(),
        };
        let status = Status::Conflict(disk_text);
        return shown.again(StatusCode::CONFLICT, mode, &sent, &notes, status);
    }
    let text = match front::read(&rel, &disk_text, stem(&rel), &c.outline.topics, tandem) {
        Ok(read) if !whole => compose(&disk_text, &read, &sent.fields, &sent.body),
        _ => sent.body.clone(),
    };
    let messages = check(&rel, &text, &c.outline, tandem, whole, &|p| {
        c.unknown_link(p)
    });
    if has_errors(&messages) {
        let code = StatusCode::UNPROCESSABLE_ENTITY;
        return shown.again(code, mode, &sent, &messages, Status::Refused);
    }
    let bytes = Eol::of(&disk).bytes(&text);
    if bytes != disk {
        let path = match c.path(&rel) {
            Ok(p) => p,
            Err(r) => return r,
        };
        match written(app, c, &shown.back, &path, bytes.clone(), Existing::Replace).await {
            Ok(()) => {}
            Err(Unwritten::Failed(r)) => return r,
            Err(Unwritten::Exists) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    let version = files::version(&bytes);
    Shown {
        version: &version,
        ..shown
    }
    .saved(mode, &sent, &messages)
}

/// A new entry's date and file name, or the message that says why there is none.
fn new_name(dir: &str, fields: &Fields) -> Result<(chrono::NaiveDate, String), Message> {
    let refused = |field, diag| Message {
        field,
        line: None,
        diag,
    };
    let date = crate::content::front_matter::parse_date(&fields.date).map_err(|e| {
        let written = fields.date.trim();
        let d = Diagnostic::error(
            dir,
            crate::text!(
                "„{written}“ ist kein Datum. Wählen Sie das Datum des Treffens, z. B. 2019-03-14.",
                "`{written}` is not a date ({e}). Choose the date of the meeting, e.g. 2019-03-14."
            ),
        );
        refused(Field::Date, d)
    })?;
    let name = scaffold::entry_file_name(date, &fields.title).ok_or_else(|| {
        let d = Diagnostic::error(dir, crate::text!(
            "Der Titel braucht Buchstaben oder Ziffern, aus ihm wird der Dateiname. Zum Beispiel: LinkedIn für Vorstände.",
            "The title needs letters or digits: the file name is made from it. For example: LinkedIn for executives."
        ));
        refused(Field::Title, d)
    })?;
    Ok((date, name))
}

/// Saves a new entry under the name `tandem new entry` gives it, never over a file.
async fn save_new(app: &App, c: &Ctx, form: &FormData) -> Response {
    let tandem = match c.tandem(form.get("tandem")) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let sent = Sent::of(form);
    let shown = Shown {
        c,
        tandem,
        version: "new",
        back: tandem.page.clone(),
    };
    let refused = StatusCode::UNPROCESSABLE_ENTITY;
    let (date, name) = match new_name(&tandem.dir, &sent.fields) {
        Ok(n) => n,
        Err(m) => return shown.again(refused, Mode::New, &sent, &[m], Status::Refused),
    };
    let rel = format!("{}/{name}", tandem.dir);
    let path = match c.path(&rel) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let title = sent.fields.title.trim();
    let (template, read) = match template(c, tandem, title, date, &sent.fields.topics) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let text = compose(&template, &read, &sent.fields, &sent.body);
    let messages = check(&rel, &text, &c.outline, tandem, false, &|p| {
        c.unknown_link(p)
    });
    if has_errors(&messages) {
        return shown.again(refused, Mode::New, &sent, &messages, Status::Refused);
    }
    let back = page_of(c, &rel, tandem, &sent.fields);
    let bytes = text.into_bytes();
    match written(app, c, &back, &path, bytes.clone(), Existing::Keep).await {
        Ok(()) => {
            let version = files::version(&bytes);
            let shown = Shown {
                version: &version,
                back,
                ..shown
            };
            shown.saved(Mode::Edit(&rel), &sent, &messages)
        }
        Err(Unwritten::Exists) => {
            let theirs = std::fs::read(&path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let status = Status::Exists(theirs);
            shown.again(StatusCode::CONFLICT, Mode::New, &sent, &[], status)
        }
        Err(Unwritten::Failed(r)) => r,
    }
}

/// Why a file was not written.
enum Unwritten {
    /// A new entry's name is taken.
    Exists,
    /// The answer saying what went wrong.
    Failed(Response),
}

/// Writes the file and waits until the preview shows the page `back` anew (or the
/// rebuild reported new problems, or a few seconds passed): the page the browser goes
/// to next then shows the change.
async fn written(
    app: &App,
    c: &Ctx,
    back: &str,
    path: &std::path::Path,
    bytes: Vec<u8>,
    existing: Existing,
) -> Result<(), Unwritten> {
    let key = format!("{back}index.html");
    let before = {
        let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
        snap.files.get(&key).cloned()
    };
    let mut changes = app.changes.subscribe();
    let path2 = path.to_path_buf();
    let result = tokio::task::spawn_blocking(move || files::write(&path2, &bytes, existing)).await;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Unwritten::Exists);
        }
        Ok(Err(e)) => {
            let shown = path.display().to_string();
            return Err(Unwritten::Failed(refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                c.lang,
                crate::text!(
                    "Die Datei {shown} konnte nicht geschrieben werden ({e}). Nichts wurde verändert. Prüfen Sie, ob der Ordner beschreibbar und die Festplatte nicht voll ist.",
                    "The file {shown} could not be written ({e}). Nothing was changed. Check that the folder may be written and the disk is not full."
                ),
            )));
        }
        Err(_) => {
            return Err(Unwritten::Failed(
                StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            ))
        }
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
    loop {
        let now = {
            let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
            snap.files.get(&key).cloned()
        };
        if now != before {
            return Ok(());
        }
        match tokio::time::timeout_at(deadline, changes.recv()).await {
            Ok(Ok(change)) if change.errors_changed => return Ok(()),
            Ok(Ok(_)) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {}
            _ => return Ok(()),
        }
    }
}
