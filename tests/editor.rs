//! The editor of `tandem serve`, as a writer and as an attacker use it.
//!
//! - Over HTTP: saving changes only the lines of the fields that changed; a new entry
//!   gets the name and the layout `tandem new entry` gives it; pictures get safe names
//!   and never replace a file. Every refusal (no secret, a foreign `Origin`, `..` and
//!   absolute names, an oversized or foreign upload, a file changed on disk, a new
//!   entry whose name is taken, a text with errors) is checked to leave every file
//!   where the preview runs as it was. On a network address editing is off unless
//!   `--edit` asks for it, and `tandem build` output holds no trace of the editor.
//! - In Chromium (see `tests/common/browser.rs`): an entry is written through the form
//!   with a picture dropped on the text, and its page shows it; an entry is edited (the
//!   toolbar adds an agreement and a link to another entry) and the change is on disk
//!   and in the page; a change made on disk meanwhile is refused
//!   with both versions shown and nothing lost; axe finds no serious problem on the
//!   form in light and dark mode, and the form fits a phone (screenshots in
//!   `target/screenshots/editor-*.png`).

mod common;

use common::browser::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

const TANDEM: &str = "cohorts/2019/berger-vogt";
const ENTRY: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md";
const ENTRY_URL: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/";

// ---------------------------------------------------------------------------------
// HTTP

/// An answer: status, head (lower case) and body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// One request to the preview, with `Host` and `Origin` of the preview itself unless
/// `headers` name others (an empty value leaves the header out).
fn request(p: &Preview, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let own = format!("127.0.0.1:{}", p.port());
    let origin = format!("http://{own}");
    let mut all: Vec<(String, String)> = vec![("Host".into(), own), ("Origin".into(), origin)];
    for (k, v) in headers {
        all.retain(|(n, _)| !n.eq_ignore_ascii_case(k));
        all.push((k.to_string(), v.to_string()));
    }
    let mut s = TcpStream::connect(("127.0.0.1", p.port())).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in all.iter().filter(|(_, v)| !v.is_empty()) {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // A refusal may close the connection before a large body is sent.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Answer {
        status: head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        head: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// An upload of `len` bytes announced, its body not sent: the answer must come from
/// the announced size alone.
fn announce(p: &Preview, path: &str, token: &str, len: usize) -> Answer {
    let mut s = TcpStream::connect(("127.0.0.1", p.port())).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let own = format!("127.0.0.1:{}", p.port());
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {own}\r\nOrigin: http://{own}\r\nX-Tandem-Token: {token}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Answer {
        status: head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        head: head.to_lowercase(),
        body: body.to_string(),
    }
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn post_form(p: &Preview, path: &str, headers: &[(&str, &str)], pairs: &[(&str, &str)]) -> Answer {
    let mut h = vec![("Content-Type", "application/x-www-form-urlencoded")];
    h.extend_from_slice(headers);
    request(p, "POST", path, &h, &form(pairs))
}

/// The value of an attribute after `before` in `html`.
fn attr(html: &str, before: &str) -> String {
    let at = html
        .find(before)
        .unwrap_or_else(|| panic!("no `{before}` in the page"));
    let rest = &html[at + before.len()..];
    let start = rest.find('"').unwrap() + 1;
    let end = start + rest[start..].find('"').unwrap();
    rest[start..end].replace("&amp;", "&")
}

/// The form of an entry as the browser gets it: the secret and the file's version.
fn open_entry(p: &Preview, file: &str) -> (String, String) {
    let a = request(
        p,
        "GET",
        &format!("/__tandem/editor/edit?file={}", urlencode(file)),
        &[],
        b"",
    );
    assert_eq!(a.status, 200, "{}", a.body);
    (
        attr(&a.body, "name=\"tandem-token\" content="),
        attr(&a.body, "name=\"version\" value="),
    )
}

/// Every file where the preview runs (the content folder and what is beside it).
fn files_of(p: &Preview) -> BTreeMap<String, Vec<u8>> {
    common::snapshot(p.content().parent().unwrap())
}

/// Checks that a refused request left every file as it was.
#[track_caller]
fn unchanged(p: &Preview, before: &BTreeMap<String, Vec<u8>>, what: &str) {
    let after = files_of(p);
    let changed: Vec<&String> = after
        .keys()
        .chain(before.keys())
        .filter(|k| after.get(*k) != before.get(*k))
        .collect();
    assert!(changed.is_empty(), "{what} changed files: {changed:?}");
}

/// The fields of the sample entry as its form sends them, with the text `body`.
fn entry_fields<'a>(token: &'a str, version: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("token", token),
        ("mode", "edit"),
        ("file", ENTRY),
        ("version", version),
        ("title", "LinkedIn für Vorstände"),
        ("date", "2019-03-14"),
        ("topics", "onlinemarketing"),
        ("duration", "90"),
        ("format", "vor Ort"),
        ("authors", "mentor"),
        ("visibility", "shared"),
        ("body", body),
    ]
}

/// The sample entry's text below its front matter.
fn body_of(text: &str) -> String {
    let end = text[4..].find("\n---\n").unwrap() + 4 + 5;
    text[end..].to_string()
}

#[test]
fn saving_changes_only_the_lines_of_changed_fields() {
    let p = Preview::start();
    let path = p.file(ENTRY);
    let original = std::fs::read_to_string(&path).unwrap();
    // A file as people write them: a comment, a field tandem does not know, CR LF.
    let written = original
        .replacen("---\n", "---\n# Notiz: nach dem Treffen ergänzen\n", 1)
        .replace(
            "duration: 90\n",
            "duration: 90        # anderthalb Stunden\nort: Raum 4\n",
        )
        .replace('\n', "\r\n");
    std::fs::write(&path, &written).unwrap();
    let (token, version) = open_entry(&p, ENTRY);
    let body = body_of(&written.replace("\r\n", "\n")) + "\nNachtrag aus dem Editor.\n";
    let mut fields = entry_fields(&token, &version, &body);
    fields.retain(|(k, _)| *k != "duration" && *k != "authors");
    fields.extend([
        ("duration", "1h45"),
        ("authors", "mentor"),
        ("authors", "mentee"),
    ]);
    fields.push(("draft", "true"));
    let a = post_form(&p, "/__tandem/editor/save", &[], &fields);
    // Saved; the field tandem does not know is a warning, shown with a link to the page
    // (the tandem's: a draft has none).
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(
        a.body
            .contains("Gespeichert. Bitte beachten Sie die Hinweise unten."),
        "{}",
        a.body
    );
    assert!(
        a.body
            .contains(&format!("<a href=\"/{TANDEM}/\">Seite ansehen</a>")),
        "{}",
        a.body
    );
    let other = &a.body[a.body.find("id=\"f-other-msg\"").expect("the warning")..];
    assert!(
        other.starts_with("id=\"f-other-msg\"><p class=\"ed-warning\">"),
        "{other}"
    );
    assert!(other.contains("<code>ort</code>"), "{other}");
    let expected = written
        .replace(
            "duration: 90        # anderthalb",
            "duration: 1h45      # anderthalb",
        )
        .replace(
            "authors: [mentor]\r\n",
            "authors: [mentor, mentee]\r\ndraft: true\r\n",
        )
        + "\r\nNachtrag aus dem Editor.\r\n";
    let now = std::fs::read_to_string(&path).unwrap();
    assert_eq!(now, expected, "only the changed lines differ, CR LF kept");
}

#[test]
fn a_saved_entry_is_on_its_page_when_the_browser_gets_there() {
    let p = Preview::start();
    let (token, version) = open_entry(&p, ENTRY);
    let original = std::fs::read_to_string(p.file(ENTRY)).unwrap();
    let body = body_of(&original) + "\nEin Satz, den es nur hier gibt: Zauberwort4711.\n";
    let a = post_form(
        &p,
        "/__tandem/editor/save",
        &[],
        &entry_fields(&token, &version, &body),
    );
    assert_eq!(a.status, 303, "{}", a.body);
    assert!(
        a.head.contains(&format!("location: /{ENTRY_URL}\r\n")),
        "{}",
        a.head
    );
    let page = String::from_utf8(p.get(ENTRY_URL)).unwrap();
    assert!(
        page.contains("Zauberwort4711"),
        "the page shows the change at once"
    );
}

#[test]
fn a_new_entry_gets_the_name_and_layout_of_tandem_new_entry() {
    let p = Preview::start();
    // What `tandem new entry` writes, in another copy.
    let other = tempfile::tempdir().unwrap();
    common::copy_dir(p.content(), other.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args([
            "new",
            "entry",
            "2019/berger-vogt",
            "Rückblick: Teil 2",
            "--date",
            "2019-06-13",
            "--topics",
            "fuehrung",
            "--content",
        ])
        .arg(other.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = "2019-06-13-rueckblick-teil-2.md";
    let scaffold = std::fs::read_to_string(other.path().join(TANDEM).join(name)).unwrap();

    let page = request(
        &p,
        "GET",
        &format!("/__tandem/editor/new?tandem={TANDEM}"),
        &[],
        b"",
    );
    assert_eq!(page.status, 200);
    let token = attr(&page.body, "name=\"tandem-token\" content=");
    let fields = [
        ("token", token.as_str()),
        ("mode", "new"),
        ("tandem", TANDEM),
        ("version", "new"),
        ("title", "Rückblick: Teil 2"),
        ("date", "2019-06-13"),
        ("topics", "fuehrung"),
        ("duration", "60"),
        ("format", "vor Ort"),
        ("authors", "mentor"),
        ("authors", "mentee"),
        ("visibility", "shared"),
        ("body", &body_of(&scaffold)),
    ];
    let a = post_form(&p, "/__tandem/editor/save", &[], &fields);
    // Saved, with the build's warning that the entry has only headings so far.
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a
        .body
        .contains("Gespeichert. Bitte beachten Sie die Hinweise unten."));
    let at = a.body.find("id=\"f-body-msg\"").unwrap();
    assert!(
        a.body[at..].contains("<p class=\"ed-warning\"><strong>Hinweis"),
        "{}",
        &a.body[at..]
    );
    let made = std::fs::read_to_string(p.file(&format!("{TANDEM}/{name}"))).unwrap();
    assert_eq!(made, scaffold, "the same file as `tandem new entry`");

    // The same title and date again: refused, the file kept.
    let before = files_of(&p);
    let mut again = fields.to_vec();
    again.retain(|(k, _)| *k != "body");
    again.push(("body", "Ein anderer Text.\n"));
    let a = post_form(&p, "/__tandem/editor/save", &[], &again);
    assert_eq!(a.status, 409, "{}", a.body);
    assert!(
        a.body.contains("Diesen Eintrag gibt es schon"),
        "{}",
        a.body
    );
    assert!(
        a.body.contains("Ein anderer Text."),
        "the writer's text is kept in the form"
    );
    unchanged(&p, &before, "a new entry whose name is taken");
}

#[test]
fn pictures_get_safe_names_and_never_replace_a_file() {
    let p = Preview::start();
    let (token, _) = open_entry(&p, ENTRY);
    let upload = |name: &str| {
        let path = format!(
            "/__tandem/editor/upload?tandem={TANDEM}&name={}",
            urlencode(name)
        );
        request(&p, "POST", &path, &[("X-Tandem-Token", &token)], PNG)
    };
    let a = upload("Whiteboard Foto.PNG");
    assert_eq!(a.status, 201, "{}", a.body);
    let v: Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(
        v,
        json!({"name": "whiteboard-foto.png", "markdown": "![Whiteboard Foto](whiteboard-foto.png)"})
    );
    let a = upload("Whiteboard Foto.PNG");
    let v: Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(v["name"], "whiteboard-foto-2.png", "the first one is kept");
    let a = upload("CON.pdf");
    let v: Value = serde_json::from_str(&a.body).unwrap();
    assert_eq!(
        v,
        json!({"name": "con-datei.pdf", "markdown": "[CON](con-datei.pdf)"})
    );
    for name in [
        "whiteboard-foto.png",
        "whiteboard-foto-2.png",
        "con-datei.pdf",
    ] {
        assert_eq!(
            std::fs::read(p.file(&format!("{TANDEM}/{name}"))).unwrap(),
            PNG
        );
    }
}

/// A picture of one pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8,
    0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3, 0x4b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn writes_without_the_secret_or_from_another_site_are_refused_and_write_nothing() {
    let p = Preview::start();
    let (token, version) = open_entry(&p, ENTRY);
    let body = "Überschrieben!\n";
    let before = files_of(&p);
    let fields = entry_fields(&token, &version, body);
    let without: Vec<_> = fields
        .iter()
        .filter(|(k, _)| *k != "token")
        .cloned()
        .collect();
    let wrong: Vec<_> = fields
        .iter()
        .map(|&(k, v)| if k == "token" { (k, "0123") } else { (k, v) })
        .collect();
    let upload = format!("/__tandem/editor/upload?tandem={TANDEM}&name=x.png");
    let cases: Vec<(&str, Answer, &str)> = vec![
        (
            "no secret",
            post_form(&p, "/__tandem/editor/save", &[], &without),
            "älter als die laufende Vorschau",
        ),
        (
            "a wrong secret",
            post_form(&p, "/__tandem/editor/save", &[], &wrong),
            "älter als die laufende Vorschau",
        ),
        (
            "a foreign Origin",
            post_form(
                &p,
                "/__tandem/editor/save",
                &[("Origin", "http://evil.example")],
                &fields,
            ),
            "Diese Anfrage kommt von einer anderen Website",
        ),
        (
            "no Origin",
            post_form(&p, "/__tandem/editor/save", &[("Origin", "")], &fields),
            "Diese Anfrage sagt nicht, woher sie kommt",
        ),
        (
            "an upload without the secret",
            request(&p, "POST", &upload, &[], PNG),
            "älter als die laufende Vorschau",
        ),
        (
            "an upload from another site",
            request(
                &p,
                "POST",
                &upload,
                &[
                    ("X-Tandem-Token", &token),
                    ("Origin", "http://evil.example"),
                ],
                PNG,
            ),
            "Diese Anfrage kommt von einer anderen Website",
        ),
        (
            "a preview without the secret",
            post_form(&p, "/__tandem/editor/preview", &[], &without),
            "älter als die laufende Vorschau",
        ),
        (
            "a foreign Host (DNS rebinding)",
            post_form(
                &p,
                "/__tandem/editor/save",
                &[
                    ("Host", &format!("evil.example:{}", p.port())),
                    ("Origin", &format!("http://evil.example:{}", p.port())),
                ],
                &fields,
            ),
            "Diese Vorschau antwortet nicht unter „evil.example“",
        ),
        (
            "an upload to a foreign Host",
            request(
                &p,
                "POST",
                &upload,
                &[
                    ("X-Tandem-Token", &token),
                    ("Host", "evil.example"),
                    ("Origin", "http://evil.example"),
                ],
                PNG,
            ),
            "Diese Vorschau antwortet nicht",
        ),
    ];
    for (what, a, says) in cases {
        assert_eq!(a.status, 403, "{what}: {}", a.body);
        assert!(a.body.contains(says), "{what}: {}", a.body);
        unchanged(&p, &before, what);
    }
    // Nor does a foreign Host get the form, with its secret.
    let a = request(
        &p,
        "GET",
        &format!("/__tandem/editor/edit?file={ENTRY}"),
        &[("Host", "evil.example")],
        b"",
    );
    assert_eq!(a.status, 403);
    assert!(!a.body.contains(&token) && !a.body.contains("tandem-token"));
}

#[test]
fn names_that_lead_out_of_the_content_folder_are_refused_and_write_nothing() {
    let p = Preview::start();
    let (token, version) = open_entry(&p, ENTRY);
    let before = files_of(&p);
    let outside = p.content().parent().unwrap().join("x.md");
    let outside = outside.to_str().unwrap();
    for file in [
        "../x.md",
        "cohorts/../../x.md",
        outside,
        "/etc/passwd",
        "cohorts\\2019\\x.md",
        "C:/x.md",
    ] {
        let mut fields = entry_fields(&token, &version, "Text\n");
        fields.retain(|(k, _)| *k != "file");
        fields.push(("file", file));
        let a = post_form(&p, "/__tandem/editor/save", &[], &fields);
        assert_eq!(a.status, 400, "file={file}: {}", a.body);
        assert!(a.body.contains("Dateiname ist nicht erlaubt"), "{}", a.body);
        unchanged(&p, &before, file);
        let mut new = fields.clone();
        new.retain(|(k, _)| *k != "mode");
        new.extend([("mode", "new"), ("tandem", file)]);
        let a = post_form(&p, "/__tandem/editor/save", &[], &new);
        assert_eq!(a.status, 400, "tandem={file}: {}", a.body);
        unchanged(&p, &before, file);
        let a = request(
            &p,
            "GET",
            &format!("/__tandem/editor/edit?file={}", urlencode(file)),
            &[],
            b"",
        );
        assert_eq!(a.status, 400, "edit?file={file}: {}", a.body);
    }
    for name in [
        "../x.png",
        "../../x.png",
        "/tmp/x.png",
        "a/b.png",
        "..\\x.png",
        "C:x.png",
    ] {
        let path = format!(
            "/__tandem/editor/upload?tandem={TANDEM}&name={}",
            urlencode(name)
        );
        let a = request(&p, "POST", &path, &[("X-Tandem-Token", &token)], PNG);
        assert_eq!(a.status, 400, "name={name}: {}", a.body);
        unchanged(&p, &before, name);
    }
    let path = format!(
        "/__tandem/editor/upload?tandem={}&name=x.png",
        urlencode("cohorts/2019/../..")
    );
    let a = request(&p, "POST", &path, &[("X-Tandem-Token", &token)], PNG);
    assert_eq!(a.status, 400, "{}", a.body);
    unchanged(&p, &before, "an upload into ..");
}

#[test]
fn uploads_too_large_or_of_another_kind_are_refused_and_write_nothing() {
    let p = Preview::start();
    let (token, _) = open_entry(&p, ENTRY);
    let before = files_of(&p);
    let path = format!("/__tandem/editor/upload?tandem={TANDEM}&name=gross.png");
    let a = announce(&p, &path, &token, 10 * 1024 * 1024 + 1);
    assert_eq!(a.status, 413, "{}", a.body);
    assert!(
        a.body
            .contains("Die Datei ist zu groß: Hinzufügen können Sie Dateien bis 10 MB."),
        "{}",
        a.body
    );
    unchanged(&p, &before, "an oversized upload");
    for name in ["seite.html", "bild.svg", "x.md", "programm.exe"] {
        let path = format!("/__tandem/editor/upload?tandem={TANDEM}&name={name}");
        let a = request(&p, "POST", &path, &[("X-Tandem-Token", &token)], PNG);
        assert_eq!(a.status, 415, "{name}: {}", a.body);
        assert!(a.body.contains("ist kein Bild und kein PDF"), "{}", a.body);
        unchanged(&p, &before, name);
    }
}

#[test]
fn a_text_with_errors_or_an_outdated_version_is_refused_and_writes_nothing() {
    let p = Preview::start();
    let (token, version) = open_entry(&p, ENTRY);
    let before = files_of(&p);
    let mut bad = entry_fields(&token, &version, "Text mit [Link](gibt-es-nicht.md).\n");
    bad.retain(|(k, _)| *k != "duration" && *k != "date");
    bad.extend([("duration", "anderthalb"), ("date", "2019-02-30")]);
    let a = post_form(&p, "/__tandem/editor/save", &[], &bad);
    assert_eq!(a.status, 422, "{}", a.body);
    for (field, says) in [
        ("f-duration-msg", "<code>anderthalb</code>"),
        ("f-date-msg", "den 30. Februar gibt es nicht"),
        ("f-body-msg", "<code>gibt-es-nicht.md</code>"),
    ] {
        let at = a
            .body
            .find(&format!("id=\"{field}\""))
            .unwrap_or_else(|| panic!("no {field}"));
        let beside = &a.body[at..at + a.body[at..].find("</div>").unwrap()];
        assert!(beside.contains(says), "{field} says {says}: {beside}");
    }
    assert!(a.body.contains("aria-invalid=\"true\""));
    assert!(
        a.body.contains("Text mit [Link](gibt-es-nicht.md)."),
        "the text is kept"
    );
    unchanged(&p, &before, "a text with errors");

    // Meanwhile another program changes the duration: the form opened before is
    // refused, and says beside the field what the disk holds now.
    let path = p.file(ENTRY);
    let other = std::fs::read_to_string(&path)
        .unwrap()
        .replace("duration: 90\n", "duration: 120\n");
    std::fs::write(&path, &other).unwrap();
    let before = files_of(&p);
    let a = post_form(
        &p,
        "/__tandem/editor/save",
        &[],
        &entry_fields(&token, &version, "Meins.\n"),
    );
    assert_eq!(a.status, 409, "{}", a.body);
    let at = a.body.find("id=\"f-duration-msg\"").unwrap();
    assert!(
        a.body[at..].starts_with("id=\"f-duration-msg\"><p class=\"ed-warning\"><strong>Hinweis:</strong> In der Fassung auf der Festplatte steht hier: 120</p>"),
        "{}",
        &a.body[at..]
    );
    assert!(a.body.contains("Meins."), "the text is kept");
    unchanged(&p, &before, "an outdated version");
}

#[test]
fn an_entry_with_only_headings_is_told_so_beside_its_text() {
    let p = Preview::start();
    let (token, version) = open_entry(&p, ENTRY);
    let a = post_form(
        &p,
        "/__tandem/editor/save",
        &[],
        &entry_fields(
            &token,
            &version,
            "## Worum es ging\n\n## Vereinbarungen\n\n- [ ] \n",
        ),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let at = a.body.find("id=\"f-body-msg\"").unwrap();
    let beside = &a.body[at..at + a.body[at..].find("</div>").unwrap()];
    assert!(
        beside.contains("class=\"ed-warning\"") && beside.contains("<code>draft: true</code>"),
        "{beside}"
    );
    let other = a.body.find("id=\"f-other-msg\"");
    assert!(
        other.is_none_or(|at| !a.body[at..]
            .split("</div>")
            .next()
            .unwrap()
            .contains("ed-warning")),
        "the warning stands once, beside the text"
    );
}

#[test]
fn editing_is_off_on_a_network_address_unless_asked_for() {
    let p = Preview::start_with(&["--bind", "0.0.0.0"]);
    let page = String::from_utf8(p.get(ENTRY_URL)).unwrap();
    assert!(!page.contains("tandem-editbar"), "no buttons");
    let a = request(
        &p,
        "GET",
        &format!("/__tandem/editor/edit?file={ENTRY}"),
        &[],
        b"",
    );
    assert_eq!(a.status, 403);
    assert!(a.body.contains("mit --edit"), "{}", a.body);
    drop(p);
    let p = Preview::start_with(&["--bind", "0.0.0.0", "--edit"]);
    let page = String::from_utf8(p.get(ENTRY_URL)).unwrap();
    assert!(page.contains("tandem-editbar"), "the buttons are there");
}

#[test]
fn the_built_site_holds_no_trace_of_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["build", "--private", "--drafts", "--content"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let files = common::snapshot(&out);
    assert!(files.len() > 50);
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        for trace in [
            "__tandem",
            "tandem-editbar",
            "tandem-token",
            "editor.js",
            "ed-form",
        ] {
            assert!(!text.contains(trace), "{name} holds `{trace}`");
        }
    }
}

// ---------------------------------------------------------------------------------
// In Chromium

fn click(s: &Session, css: &str) {
    let id = s.element(css);
    s.cmd("POST", &format!("/element/{id}/click"), None);
}

/// Waits until the browser shows `url` and has loaded it.
fn wait_for_page(p: &Preview, s: &Session, url: &str) {
    p.poll(s, &format!("the browser to show {url}"), || {
        let v = s
            .try_exec("return [location.href, document.readyState];", json!([]))
            .ok()?;
        (v[0] == url && v[1] == "complete").then_some(())
    });
}

/// The value of a form field.
fn value(s: &Session, css: &str) -> String {
    s.exec(
        "return document.querySelector(arguments[0]).value;",
        json!([css]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Sets a field the way a date picker does, with the events a person's input fires.
fn set_value(s: &Session, css: &str, v: &str) {
    s.exec(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('input', {bubbles: true})); \
         e.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([css, v]),
    );
}

/// Whether leaving the page would ask first (a `beforeunload` the page cancels).
fn asks_before_leaving(s: &Session) -> bool {
    s.exec(
        "return !window.dispatchEvent(new Event('beforeunload', {cancelable: true}));",
        json!([]),
    ) == json!(true)
}

/// Fails on the browser's console errors, except the answers `expected` names (a
/// refused save is answered 409, which the browser logs).
fn assert_no_other_console_errors(s: &Session, expected: &[&str]) {
    let logs = s.cmd("POST", "/se/log", Some(json!({"type": "browser"})));
    let errors: Vec<String> = logs
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["level"] == "SEVERE")
        .map(|l| l["message"].as_str().unwrap_or("").to_string())
        .filter(|m| !expected.iter().any(|e| m.contains(e)))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// A word found nowhere else.
fn unique(stem: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{stem}{}x{nanos}", std::process::id())
}

#[test]
fn a_new_entry_with_a_picture_is_written_through_the_form() {
    let Some(b) = browser() else { return };
    let p = Preview::start();
    let s = Session::start(&b, 1024, 900);
    s.goto(&p.url(&format!("{TANDEM}/")));
    s.click_link("#tandem-editbar", "Neuer Eintrag");
    wait_for_page(
        &p,
        &s,
        &p.url(&format!("__tandem/editor/new?tandem={TANDEM}")),
    );
    let chosen = s.exec(
        "return [...document.querySelectorAll('input[name=topics]:checked')].map(i => i.value);",
        json!([]),
    );
    assert_eq!(
        chosen,
        json!(["fuehrung", "onlinemarketing"]),
        "the focus topics"
    );
    assert!(
        value(&s, "#f-body").contains("## Worum es ging"),
        "the layout of tandem new entry"
    );

    s.clear("#f-title");
    s.type_into("#f-title", "Ein Bild vom Whiteboard");
    set_value(&s, "#f-date", "2019-06-13");
    set_value(&s, "#f-body", "Hans hat das Whiteboard fotografiert.\n\n");
    // A picture dropped on the text, as from the file manager.
    s.exec(
        "const t = document.getElementById('f-body'); t.focus(); \
         t.setSelectionRange(t.value.length, t.value.length); \
         const dt = new DataTransfer(); \
         dt.items.add(new File([new Uint8Array(arguments[0])], 'Bild vom Whiteboard.png', {type: 'image/png'})); \
         t.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
        json!([PNG]),
    );
    let link = "![Bild vom Whiteboard](bild-vom-whiteboard.png)";
    p.poll(&s, "the picture's link in the text", || {
        value(&s, "#f-body").contains(link).then_some(())
    });
    assert!(p
        .file(&format!("{TANDEM}/bild-vom-whiteboard.png"))
        .is_file());
    click(&s, "[data-do=preview]");
    s.wait_until(
        "the picture in the preview",
        "const i = document.querySelector('#ed-preview img'); return !!i && i.complete && i.naturalWidth === 1;",
    );

    click(&s, ".ed-save");
    let page = format!("{TANDEM}/2019-06-13-ein-bild-vom-whiteboard/");
    wait_for_page(&p, &s, &p.url(&page));
    // A new entry waits for the whole rebuild: on a busy machine the browser may get
    // there first, and the "not found" page reloads itself when the rebuild is done.
    p.poll(&s, "the new entry's page", || {
        let h1 = s
            .try_exec(
                "const h = document.querySelector('h1'); return h ? h.innerText : '';",
                json!([]),
            )
            .ok()?;
        (h1 == "Ein Bild vom Whiteboard").then_some(())
    });
    // That "not found" is the only error the console may have logged so far.
    let url = p.url(&page);
    let early: Vec<String> = s
        .console_errors()
        .into_iter()
        .filter(|e| !(e.starts_with(&format!("{url} ")) && e.contains("404")))
        .collect();
    assert!(early.is_empty(), "console errors: {early:#?}");
    s.wait_until(
        "the picture on the entry's page",
        "const i = document.querySelector('main img[src$=\"bild-vom-whiteboard.png\"]'); return !!i && i.complete && i.naturalWidth === 1;",
    );
    let file =
        std::fs::read_to_string(p.file(&format!("{TANDEM}/2019-06-13-ein-bild-vom-whiteboard.md")))
            .unwrap();
    assert!(file.starts_with("---\ntitle: \"Ein Bild vom Whiteboard\"\ndate: 2019-06-13\ntopics: [fuehrung, onlinemarketing]\n"), "{file}");
    assert!(
        file.contains(&format!(
            "\n---\nHans hat das Whiteboard fotografiert.\n\n{link}\n"
        )),
        "{file}"
    );
    s.assert_no_console_errors();
}

#[test]
fn an_edited_entry_shows_the_change_on_disk_and_in_the_page() {
    let Some(b) = browser() else { return };
    let p = Preview::start();
    let s = Session::start(&b, 1024, 900);
    let original = std::fs::read_to_string(p.file(ENTRY)).unwrap();
    s.goto(&p.url(ENTRY_URL));
    s.click_link("#tandem-editbar", "Bearbeiten");
    assert!(!asks_before_leaving(&s), "nothing to lose yet");
    let word = unique("Nachtrag");
    s.clear("#f-duration");
    s.type_into("#f-duration", "1h30");
    s.exec(
        "const t = document.getElementById('f-body'); t.focus(); t.setSelectionRange(t.value.length, t.value.length);",
        json!([]),
    );
    s.type_into("#f-body", &format!("\nNachtrag: {word}.\n"));
    assert!(
        asks_before_leaving(&s),
        "a changed form asks before it is left"
    );
    // The toolbar: an agreement, and a link to another entry of the tandem.
    click(&s, "[data-do=agreement]");
    s.type_into("#f-body", "Beitrag lesen: ");
    s.choose("#ed-link-to", "2019-04-04 – Das Profil steht");
    click(&s, "[data-do=link]");
    // Typing goes on after the link; the entry's title stays its text.
    s.type_into("#f-body", " bis Freitag");
    // An insight: the heading that marks it, on a line of its own.
    click(&s, "[data-do=insight]");
    s.type_into("#f-body", "Zuhören hilft.");
    let added = format!(
        "\nNachtrag: {word}.\n- [ ] Beitrag lesen: [Das Profil steht](2019-04-04-das-profil-steht.md) bis Freitag\n\n## Was ich gelernt habe\n\nZuhören hilft."
    );
    assert!(
        value(&s, "#f-body").ends_with(&added),
        "{}",
        value(&s, "#f-body")
    );
    click(&s, ".ed-save");
    wait_for_page(&p, &s, &p.url(ENTRY_URL));
    assert!(s.text("main").contains(&word), "the page shows the change");
    let link = s.exec(
        "const a = [...document.querySelectorAll('main li a')].find(a => a.innerText === 'Das Profil steht'); \
         return a ? a.href : null;",
        json!([]),
    );
    assert_eq!(
        link,
        p.url(&format!("{TANDEM}/2019-04-04-das-profil-steht/")),
        "the link leads to the entry's page"
    );
    let now = std::fs::read_to_string(p.file(ENTRY)).unwrap();
    let expected = original.replace("duration: 90\n", "duration: 1h30\n") + &added;
    assert_eq!(now, expected);
    s.assert_no_console_errors();
}

#[test]
fn a_change_on_disk_meanwhile_is_refused_and_nothing_is_lost() {
    let Some(b) = browser() else { return };
    let p = Preview::start();
    let s = Session::start(&b, 1024, 900);
    s.goto(&p.url(&format!("__tandem/editor/edit?file={ENTRY}")));
    let mine = unique("Meins");
    let theirs = unique("Anderswo");
    s.exec(
        "const t = document.getElementById('f-body'); t.focus(); t.setSelectionRange(t.value.length, t.value.length);",
        json!([]),
    );
    s.type_into("#f-body", &format!("\nMeine Ergänzung: {mine}.\n"));
    // Meanwhile another program saves the file.
    let path = p.file(ENTRY);
    let other =
        std::fs::read_to_string(&path).unwrap() + &format!("\nÄnderung von anderswo: {theirs}.\n");
    let tmp = path.with_file_name(".anderswo.tmp");
    std::fs::write(&tmp, &other).unwrap();
    std::fs::rename(&tmp, &path).unwrap();

    click(&s, ".ed-save");
    s.wait_until(
        "the conflict",
        "return !!document.getElementById('ed-status');",
    );
    assert!(s
        .text("#ed-status")
        .contains("Die Datei wurde inzwischen geändert"));
    assert!(
        value(&s, "#ed-theirs").contains(&theirs),
        "their version is shown"
    );
    assert!(
        value(&s, "#f-body").contains(&mine),
        "mine is kept in the form"
    );
    assert!(!value(&s, "#f-body").contains(&theirs));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        other,
        "theirs is unchanged on disk"
    );
    assert!(
        asks_before_leaving(&s),
        "the unsaved text asks before it is left"
    );

    // The writer takes their sentence into hers and saves again.
    s.type_into("#f-body", &format!("Änderung von anderswo: {theirs}.\n"));
    click(&s, ".ed-save");
    wait_for_page(&p, &s, &p.url(ENTRY_URL));
    let merged = std::fs::read_to_string(&path).unwrap();
    assert!(
        merged.contains(&mine) && merged.contains(&theirs),
        "{merged}"
    );
    assert_no_other_console_errors(
        &s,
        &["/__tandem/editor/save - Failed to load resource: the server responded with a status of 409"],
    );
}

#[test]
fn the_form_is_accessible_in_light_and_dark_mode_and_fits_a_phone() {
    let Some(b) = browser() else { return };
    let p = Preview::start();
    let s = Session::start(&b, 1280, 900);
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vendor/axe.min.js"),
    )
    .expect("tests/vendor/axe.min.js");
    let edit = p.url(&format!("__tandem/editor/edit?file={ENTRY}"));
    let new = p.url(&format!("__tandem/editor/new?tandem={TANDEM}"));
    let mut failures = Vec::new();
    for scheme in ["light", "dark"] {
        s.cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        let pages = [
            ("edit", &edit),
            ("new", &new),
            ("conflict", &edit),
            ("messages", &edit),
        ];
        for (name, url) in pages {
            s.goto(url);
            if name == "edit" {
                click(&s, "[data-do=preview]");
                s.wait_until(
                    "the preview",
                    "return document.querySelectorAll('#ed-preview h2').length > 1;",
                );
                let png = s.full_page_png(1280);
                std::fs::write(
                    screenshot_dir().join(format!("editor-1280-{scheme}.png")),
                    png,
                )
                .unwrap();
            }
            if name == "conflict" {
                let path = p.file(ENTRY);
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text + "\nVon anderswo.\n").unwrap();
                click(&s, ".ed-save");
                s.wait_until(
                    "the conflict",
                    "return !!document.getElementById('ed-theirs');",
                );
                let png = s.full_page_png(1280);
                std::fs::write(
                    screenshot_dir().join(format!("editor-conflict-{scheme}.png")),
                    png,
                )
                .unwrap();
            }
            if name == "messages" {
                s.clear("#f-duration");
                s.type_into("#f-duration", "anderthalb");
                click(&s, "[data-do=preview]");
                click(&s, ".ed-save");
                s.wait_until(
                    "the messages",
                    "return !!document.getElementById('ed-summary');",
                );
            }
            for v in s.axe(&axe) {
                let impact = v["impact"].as_str().unwrap_or("");
                if impact == "serious" || impact == "critical" {
                    failures.push(format!("{name} ({scheme}): {v}"));
                }
            }
            if name == "messages" || name == "conflict" {
                // Leave the refused form without the question (the page counts a
                // submit as saving).
                s.exec(
                    "document.getElementById('ed-form').dispatchEvent(new Event('submit'));",
                    json!([]),
                );
                s.set_viewport(390, 844);
                let png = s.full_page_png(390);
                std::fs::write(
                    screenshot_dir().join(format!("editor-{name}-390-{scheme}.png")),
                    png,
                )
                .unwrap();
                let wide = s.exec("return document.documentElement.scrollWidth;", json!([]));
                assert!(
                    wide.as_u64() <= Some(390),
                    "nothing wider than a phone: {wide}"
                );
                s.set_viewport(1280, 900);
                s.goto(&p.url(ENTRY_URL));
            }
        }
    }
    assert!(failures.is_empty(), "axe found:\n{}", failures.join("\n"));

    // The keyboard: every field in the order of the form, each with a visible focus.
    s.goto(&edit);
    let mut order = Vec::new();
    // Until the link after "Speichern"; a date field takes a tab per part.
    while order.last().map(String::as_str) != Some("cancel") && order.len() < 60 {
        s.press_tab();
        let v = s.exec(
            "const e = document.activeElement; const st = getComputedStyle(e); \
             const name = e.id || e.name || e.dataset.do || (e.className === 'ed-save' ? 'save' : '') \
               || (e.closest('.ed-actions') ? 'cancel' : e.tagName); \
             return [name, st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2];",
            json!([]),
        );
        assert_eq!(v[1], true, "a visible focus on {}", v[0]);
        let name = v[0].as_str().unwrap_or("").to_string();
        if order.last() != Some(&name) {
            order.push(name);
        }
    }
    let expected = [
        "A",
        "f-title",
        "f-date",
        "f-topic-0",
        "f-topic-1",
        "f-topic-2",
        "f-topic-3",
        "f-topic-4",
        "f-duration",
        "f-format",
        "authors",
        "visibility",
        "f-draft",
        "heading",
        "bold",
        "list",
        "agreement",
        "insight",
        "ed-link-to",
        "link",
        "picture",
        "preview",
        "f-body",
        "save",
        "cancel",
    ];
    assert_eq!(
        order, expected,
        "the keyboard goes through the form in its order"
    );
    s.set_viewport(390, 844);
    std::fs::write(
        screenshot_dir().join("editor-390.png"),
        s.full_page_png(390),
    )
    .unwrap();
    assert_no_other_console_errors(
        &s,
        &[
            "/__tandem/editor/save - Failed to load resource: the server responded with a status of 422",
            "/__tandem/editor/save - Failed to load resource: the server responded with a status of 409",
        ],
    );
}
