//! What the preview lets other websites and other computers see, tried as an attacker
//! would: a name pointed at 127.0.0.1 by someone else (DNS rebinding), a write from
//! another site's page; and the Content Security Policy the published pages carry.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv6Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_tandem");
/// The sample programme's private entry, and words only it says.
const PRIVATE_MD: &str = "cohorts/2020/lorenz-becker/2020-05-08-persoenliche-notiz.md";
const PRIVATE_URL: &str = "/cohorts/2020/lorenz-becker/2020-05-08-persoenliche-notiz/";
const PRIVATE_TEXT: &str = "Diese Notiz schreibe ich nur";
const FOREIGN: &str = "rebound.example";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A copy of the sample programme in a temporary folder.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&common::sample_content(), &content);
    (tmp, content)
}

/// A running `tandem serve`; dropping it stops the server.
struct Preview {
    child: Child,
    addr: SocketAddr,
    said: Arc<Mutex<String>>,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    /// Starts `tandem serve` on `bind` with `extra` arguments and waits until it listens.
    fn start(content: &Path, bind: IpAddr, extra: &[&str]) -> Preview {
        let port = std::net::TcpListener::bind((bind, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(BIN)
            .args(["serve", "--port", &port.to_string(), "--bind"])
            .arg(bind.to_string())
            .arg("--content")
            .arg(content)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let said = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let said_w = said.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                said_w.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        let mut p = Preview {
            child,
            addr: SocketAddr::new(bind, 0),
            said,
            lines: rx,
        };
        let line = p.wait_for("Vorschau von ");
        let url = line.rsplit(' ').next().unwrap().trim_end_matches('/');
        p.addr
            .set_port(url.rsplit(':').next().unwrap().parse().unwrap());
        p
    }

    /// Waits until the server prints a line that starts with `start`; returns it.
    fn wait_for(&self, start: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self
                .lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(line) if line.starts_with(start) => return line,
                Ok(_) => {}
                Err(_) => panic!("tandem serve never said `{start}`:\n{}", self.said()),
            }
        }
    }

    fn said(&self) -> String {
        self.said.lock().unwrap().clone()
    }

    fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The address to connect to: a bind on every address is reached over loopback.
    fn connect(&self) -> TcpStream {
        let mut to = self.addr;
        if to.ip().is_unspecified() {
            to.set_ip([127, 0, 0, 1].into());
        }
        let s = TcpStream::connect(to).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s
    }

    /// Sends one request with these headers and reads the whole answer.
    fn ask(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut s = self.connect();
        let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if method == "POST" {
            req.push_str("Content-Length: 2\r\n\r\n{}");
        } else {
            req.push_str("\r\n");
        }
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    fn get(&self, path: &str, host: &str) -> Reply {
        self.ask("GET", path, &[("Host", host)])
    }
}

struct Reply {
    status: u16,
    /// Lower case.
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let at = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..at]).to_lowercase();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Reply {
            status,
            head,
            body: raw.get(at + 4..).unwrap_or_default().to_vec(),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body, ungzipped when it is gzip (the search bundle's files are).
    fn unzipped(&self) -> String {
        let mut out = Vec::new();
        match flate2::read::GzDecoder::new(&self.body[..]).read_to_end(&mut out) {
            Ok(_) => String::from_utf8_lossy(&out).into_owned(),
            Err(_) => self.text(),
        }
    }
}

/// The search file that holds the private entry: the entry file names the index's
/// metadata, which names every page's fragment.
fn private_fragment(p: &Preview, host: &str) -> String {
    let entry = p.get("/pagefind/pagefind-entry.json", host);
    assert_eq!(entry.status, 200, "{}", entry.text());
    let entry: serde_json::Value = serde_json::from_slice(&entry.body).unwrap();
    let hash = entry["languages"]["de"]["hash"]
        .as_str()
        .unwrap()
        .to_string();
    let meta = p.get(&format!("/pagefind/pagefind.{hash}.pf_meta"), host);
    let meta = meta.unzipped();
    let mut fragments = Vec::new();
    for (i, _) in meta.match_indices("de_") {
        let name: String = meta[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        fragments.push(format!("/pagefind/fragment/{name}.pf_fragment"));
    }
    fragments
        .into_iter()
        .find(|f| {
            let r = p.get(f, host);
            r.status == 200 && r.unzipped().contains(PRIVATE_TEXT)
        })
        .unwrap_or_else(|| panic!("no search fragment holds the private entry for {host}"))
}

/// Opens the live-reload stream as `host` sends it; returns the answer's head and the
/// open connection.
fn open_events(p: &Preview, headers: &[(&str, &str)]) -> (Reply, TcpStream) {
    let mut s = p.connect();
    let mut req = "GET /__tandem/events HTTP/1.1\r\n".to_string();
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut byte = [0u8];
    while !raw.ends_with(b"\r\n\r\n") && s.read(&mut byte).unwrap() == 1 {
        raw.push(byte[0]);
    }
    (Reply::parse(&raw), s)
}

/// Reads the stream until it says `needle`.
fn read_until(s: &mut TcpStream, needle: &str) -> bool {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            return false;
        }
        seen.extend_from_slice(&buf[..n]);
        if String::from_utf8_lossy(&seen).contains(needle) {
            return true;
        }
    }
    false
}

fn has_ipv6_loopback() -> bool {
    std::net::TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).is_ok()
}

#[test]
fn a_foreign_name_reads_nothing_of_a_private_preview() {
    let (_tmp, content) = sample();
    let p = Preview::start(
        &content,
        [127, 0, 0, 1].into(),
        &["--private", "--allowed-host", "tandem.test"],
    );
    let port = p.port();
    let own = [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("tandem.test:{port}"),
        "tandem.test".to_string(),
    ];
    for host in &own {
        let page = p.get(PRIVATE_URL, host);
        assert_eq!(page.status, 200, "{host}: {}", page.text());
        assert!(page.text().contains(PRIVATE_TEXT), "{host}");
    }
    p.wait_for("Suchindex in ");
    let fragment = private_fragment(&p, &own[0]);

    let foreign = format!("{FOREIGN}:{port}");
    for path in [PRIVATE_URL, "/", &fragment, "/pagefind/pagefind-entry.json"] {
        let r = p.get(path, &foreign);
        assert_eq!(r.status, 403, "{path}: {}", r.text());
        assert!(!r.unzipped().contains(PRIVATE_TEXT), "{path}");
    }
    let refusal = p.get(PRIVATE_URL, &foreign).text();
    assert!(
        refusal.contains("tandem serve --allowed-host rebound.example"),
        "the refusal says which option admits the name: {refusal}"
    );
    assert!(refusal.contains("<html lang=\"de\">"), "{refusal}");
    // A name that only starts like an allowed one, and no name at all.
    assert_eq!(p.get("/", &format!("localhost.{FOREIGN}")).status, 403);
    assert_eq!(p.ask("GET", "/", &[]).status, 403);

    // The live-reload stream: the own name hears that the private entry changed, the
    // foreign one gets no stream at all.
    let (head, mut stream) = open_events(&p, &[("Host", &own[1])]);
    assert_eq!(head.status, 200, "{}", head.head);
    let (refused, _other) = open_events(&p, &[("Host", &foreign)]);
    assert_eq!(refused.status, 403, "{}", refused.head);
    assert!(
        !refused.head.contains("text/event-stream"),
        "{}",
        refused.head
    );
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(content.join(PRIVATE_MD))
        .unwrap();
    f.write_all(b"\nNoch ein Satz.\n").unwrap();
    assert!(
        read_until(&mut stream, PRIVATE_URL),
        "the own stream names the changed private entry:\n{}",
        p.said()
    );
}

#[test]
fn the_preview_answers_over_ipv6_loopback() {
    if !has_ipv6_loopback() {
        eprintln!("skipped: this machine has no IPv6 loopback (::1)");
        return;
    }
    let (_tmp, content) = sample();
    let p = Preview::start(&content, Ipv6Addr::LOCALHOST.into(), &["--private"]);
    let own = format!("[::1]:{}", p.port());
    let page = p.get(PRIVATE_URL, &own);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.text().contains(PRIVATE_TEXT));
    let other = p.get(PRIVATE_URL, &format!("{FOREIGN}:{}", p.port()));
    assert_eq!(other.status, 403);
    assert!(!other.text().contains(PRIVATE_TEXT));
}

#[test]
fn a_write_or_the_stream_from_another_site_is_refused() {
    let (_tmp, content) = sample();
    let p = Preview::start(&content, [127, 0, 0, 1].into(), &[]);
    let host = format!("localhost:{}", p.port());
    let own_origin = format!("http://{host}");
    let foreign_origin = format!("http://{FOREIGN}:{}", p.port());
    let other_port = "http://localhost:3000".to_string();
    for origin in [&foreign_origin, &other_port, &"null".to_string()] {
        let r = p.ask("POST", "/", &[("Host", &host), ("Origin", origin)]);
        assert_eq!(r.status, 403, "POST from {origin}: {}", r.text());
        let (r, _s) = open_events(&p, &[("Host", &host), ("Origin", origin)]);
        assert_eq!(r.status, 403, "the stream for {origin}");
    }
    let r = p.ask("POST", "/", &[("Host", &host)]);
    assert_eq!(r.status, 403, "a write without Origin: {}", r.text());
    assert!(r.text().contains("woher sie kommt"), "{}", r.text());
    // From its own page the request passes the guard (and meets the route, which
    // takes no POST).
    let r = p.ask("POST", "/", &[("Host", &host), ("Origin", &own_origin)]);
    assert_eq!(r.status, 405, "{}", r.text());
    let (r, _s) = open_events(&p, &[("Host", &host), ("Origin", &own_origin)]);
    assert_eq!(r.status, 200, "{}", r.head);
}

#[test]
fn every_answer_carries_the_security_headers() {
    let (_tmp, content) = sample();
    let p = Preview::start(&content, [127, 0, 0, 1].into(), &[]);
    let host = format!("127.0.0.1:{}", p.port());
    let mut answers = vec![
        ("page", p.get("/", &host)),
        ("style sheet", p.get("/assets/style.css", &host)),
        ("missing page", p.get("/nicht-da/", &host)),
        ("refusal", p.get("/", FOREIGN)),
    ];
    answers.push(("stream", open_events(&p, &[("Host", &host)]).0));
    for (what, r) in answers {
        for h in [
            "x-content-type-options: nosniff",
            "referrer-policy: no-referrer",
            "cross-origin-resource-policy: same-origin",
        ] {
            assert!(r.head.contains(h), "{what} lacks `{h}`:\n{}", r.head);
        }
    }
}

#[test]
fn a_private_preview_on_the_network_says_what_it_exposes() {
    let (_tmp, content) = sample();
    let p = Preview::start(&content, [0, 0, 0, 0].into(), &["--private", "--drafts"]);
    let said = p.said();
    assert!(
        said.contains("private Einträge und Entwürfe"),
        "the warning names what is exposed:\n{said}"
    );
    drop(p);
    let quiet = Preview::start(&content, [127, 0, 0, 1].into(), &["--private"]);
    assert!(!quiet.said().contains("Achtung"), "{}", quiet.said());
}

/// The policy of the default theme, from the one file that spells it.
fn theme_policy() -> String {
    let partial =
        std::fs::read_to_string(common::repo().join("themes/default/templates/partials/csp.html"))
            .unwrap();
    policy_in(&partial).expect("the partial holds the policy")
}

/// The value of the first Content Security Policy `<meta>` in `html`.
fn policy_in(html: &str) -> Option<String> {
    let at = html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"")?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = start + rest[start..].find('"')?;
    Some(rest[start..end].to_string())
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(html_files(&p));
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn every_built_page_carries_the_policy_and_needs_nothing_it_forbids() {
    let policy = theme_policy();
    for must in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(policy.contains(must), "the policy says {must}: {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = Command::new(BIN)
        .args(["build", "--drafts", "--private", "--content"])
        .arg(common::sample_content())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let pages = html_files(&out);
    assert!(pages.len() > 50, "{} pages", pages.len());
    for page in pages {
        let name = page.strip_prefix(&out).unwrap().display().to_string();
        let html = std::fs::read_to_string(&page).unwrap();
        let head = &html[..html.find("</head>").expect("a head")];
        assert_eq!(
            head.matches("http-equiv=\"Content-Security-Policy\"")
                .count(),
            1,
            "{name}: one policy, in the head"
        );
        assert_eq!(policy_in(head).as_deref(), Some(policy.as_str()), "{name}");
        let meta = head.find("Content-Security-Policy").unwrap();
        for later in ["<script", "<link", "<style"] {
            assert!(
                head.find(later).is_none_or(|at| at > meta),
                "{name}: the policy comes before any {later}"
            );
        }
        // What the policy forbids, the pages do not need.
        for forbidden in [
            " style=",
            "<style",
            "<script>",
            " onclick=",
            " onload=",
            "nonce",
        ] {
            assert!(!html.contains(forbidden), "{name} holds `{forbidden}`");
        }
        for (at, _) in html.match_indices("<script") {
            let tag = &html[at..at + html[at..].find('>').unwrap()];
            assert!(tag.contains(" src="), "{name}: an inline script: {tag}");
        }
    }
}

#[test]
fn the_preview_allows_its_own_script_and_styles_by_a_nonce() {
    let (_tmp, content) = sample();
    let p = Preview::start(&content, [127, 0, 0, 1].into(), &[]);
    let host = format!("127.0.0.1:{}", p.port());
    let page = p.get("/", &host).text();
    let policy = policy_in(&page).expect("the served page keeps its policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {policy}"))
        .to_string();
    assert!(nonce.len() >= 32, "{nonce}");
    let want = theme_policy()
        .replace(
            "script-src 'self' 'wasm-unsafe-eval'",
            &format!("script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'"),
        )
        .replace(
            "style-src 'self'",
            &format!("style-src 'self' 'nonce-{nonce}'"),
        );
    assert_eq!(policy, want);
    assert!(
        page.contains(&format!(
            "<script nonce=\"{nonce}\" id=\"tandem-livereload\">"
        )),
        "the live-reload script carries the nonce"
    );
    assert!(
        page.contains(&format!(
            "<style nonce=\"{nonce}\" id=\"tandem-overlay-style\">"
        )),
        "the overlay's style carries the nonce"
    );
    assert_eq!(
        page.matches(&nonce).count(),
        4,
        "policy twice, script and style once"
    );
    // The same nonce for every page of this preview; the search page's own script gets
    // none.
    let search = p.get("/search/", &host).text();
    assert!(search.contains(&format!("'nonce-{nonce}'")));
    let own = search
        .find("<script type=\"module\"")
        .expect("the search script");
    assert!(
        !search[own..own + 120].contains("nonce"),
        "{}",
        &search[own..own + 120]
    );
    let missing = p.get("/nicht-da/", &host);
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains(&format!("'nonce-{nonce}'")));

    // Another preview, another nonce.
    let q = Preview::start(&content, [127, 0, 0, 1].into(), &[]);
    let other = q.get("/", &format!("127.0.0.1:{}", q.port())).text();
    assert!(!other.contains(&nonce));
}

#[test]
fn the_hosting_docs_give_the_themes_policy_as_a_header() {
    let docs = std::fs::read_to_string(common::repo().join("docs/hosting.md")).unwrap();
    let header = format!("{}; frame-ancestors 'none'", theme_policy());
    let mut snippets = 0;
    for line in docs
        .lines()
        .filter(|l| l.contains("Content-Security-Policy"))
    {
        let Some(quoted) = line.split('"').find(|q| q.contains("default-src")) else {
            continue;
        };
        assert_eq!(quoted, header, "docs/hosting.md: {line}");
        snippets += 1;
    }
    assert_eq!(snippets, 3, "nginx, Apache and IIS");
    let shown = format!("```\n{}\n```", theme_policy());
    assert!(
        docs.contains(&shown),
        "docs/hosting.md shows the policy itself"
    );
}
