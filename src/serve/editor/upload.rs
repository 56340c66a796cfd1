//! Pictures and PDFs added to a tandem's folder from the editor, under a safe name that
//! takes no other file's place, and shown back to the editor's preview.

use super::files::{self, BadName, Existing};
use super::{ctx, refuse, FormData};
use crate::serve::http::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The largest file the editor takes: as large as a Markdown file may be.
pub(super) const MAX_UPLOAD: usize = crate::content::load::MAX_TEXT_FILE_BYTES as usize;

/// Adds a file to a tandem's folder: `POST …/upload?tandem=<folder>&name=<file name>`
/// with the file as the body and the secret in a header. Answers with the name it was
/// saved under and the Markdown that links it.
pub(super) async fn upload(State(app): State<App>, req: Request) -> Response {
    let c = match ctx(&app) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let q = FormData::of_query(&req);
    let (parts, body) = req.into_parts();
    if let Err(r) = c.allow_write(&parts.headers, None) {
        return r;
    }
    let tandem = match c.tandem(q.get("tandem")) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let raw = q.get("name").unwrap_or("");
    let name = match files::upload_name(raw) {
        Ok(n) => n,
        Err(BadName::Path) => return c.bad_name(),
        Err(BadName::Kind) => {
            return refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                c.lang,
                crate::text!(
                    "„{raw}“ ist kein Bild und kein PDF. Hinzufügen können Sie Bilder (PNG, JPEG, GIF, WebP) und PDF-Dateien.",
                    "`{raw}` is neither a picture nor a PDF. You can add pictures (PNG, JPEG, GIF, WebP) and PDF files."
                ),
            )
        }
    };
    let bytes = match read_file(&parts.headers, body, c.lang).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let _one_at_a_time = c.editor.writing.lock().await;
    save_under_a_free_name(&c, &tandem.dir, &name, raw, bytes).await
}

/// Saves the file in the tandem's folder `dir` as `name`, or, when that is taken, as
/// `name-2`, `name-3` …: never over another file.
async fn save_under_a_free_name(
    c: &super::Ctx,
    dir: &str,
    name: &str,
    original: &str,
    bytes: Vec<u8>,
) -> Response {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    for n in 1..1000 {
        let candidate = if n == 1 {
            name.to_string()
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = match c.path(&format!("{dir}/{candidate}")) {
            Ok(p) => p,
            Err(r) => return r,
        };
        let data = bytes.clone();
        let made =
            tokio::task::spawn_blocking(move || files::write(&path, &data, Existing::Keep)).await;
        match made {
            Ok(Ok(())) => return added(&candidate, original),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Ok(Err(e)) => {
                return refuse(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    c.lang,
                    crate::text!(
                        "Die Datei konnte nicht gespeichert werden ({e}). Prüfen Sie, ob der Ordner beschreibbar und die Festplatte nicht voll ist.",
                        "The file could not be saved ({e}). Check that the folder may be written and the disk is not full."
                    ),
                )
            }
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    StatusCode::CONFLICT.into_response()
}

/// The body, when it is no larger than [`MAX_UPLOAD`].
async fn read_file(
    headers: &axum::http::HeaderMap,
    body: Body,
    lang: crate::language::Language,
) -> Result<Vec<u8>, Response> {
    let too_large = || {
        let mb = MAX_UPLOAD / (1024 * 1024);
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            lang,
            crate::text!(
                "Die Datei ist zu groß: Hinzufügen können Sie Dateien bis {mb} MB. Verkleinern Sie das Bild (zum Beispiel mit einem Bildschirmfoto) oder teilen Sie das PDF auf.",
                "The file is too large: you can add files of up to {mb} MB. Make the picture smaller (a screenshot, for example) or split the PDF."
            ),
        )
    };
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_UPLOAD as u64) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD)
        .await
        .map_err(|_| too_large())?;
    Ok(bytes.to_vec())
}

/// The answer to an upload: the name the file got, and the Markdown that shows a
/// picture (with its original name as the text a screen reader reads) or links a PDF.
fn added(name: &str, original: &str) -> Response {
    let alt: String = original
        .rsplit_once('.')
        .map_or(original, |(s, _)| s)
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '\\'))
        .collect();
    let link = if name.ends_with(".pdf") {
        format!("[{alt}]({name})")
    } else {
        format!("![{alt}]({name})")
    };
    let body = serde_json::json!({ "name": name, "markdown": link }).to_string();
    let mut r = (StatusCode::CREATED, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// A picture or PDF in a tandem's folder, for the editor's preview before the site
/// publishes it: `GET …/file?path=<file>`.
pub(super) async fn file(State(app): State<App>, req: Request) -> Response {
    let c = match ctx(&app) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let q = FormData::of_query(&req);
    let Some(rel) = q.get("path").and_then(files::safe_rel) else {
        return c.bad_name();
    };
    let Some((dir, name)) = rel.rsplit_once('/') else {
        return c.bad_name();
    };
    let (Some(mime), Some(_)) = (files::attachment_type(name), c.outline.tandem_at(dir)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(path) = c.path(rel) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let mut r = bytes.into_response();
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            r.headers_mut().insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            r
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
