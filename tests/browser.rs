//! The sample programme in a real browser: headless Chromium, driven through
//! chromedriver's WebDriver HTTP API, against the site built from `content/` and served
//! on 127.0.0.1 by a tiny static file server inside this test.
//!
//! - A reader clicks from the home page to a cohort, a tandem, an entry, a topic and the
//!   timeline; no page logs a console error and no request fails or leaves the site.
//! - axe-core (vendored in `tests/vendor/`) finds no serious or critical violation on
//!   the home, cohort, tandem, entry, topic and timeline pages, in light and dark mode.
//! - Screenshots at 390 and 1280 px of the home, cohort and tandem pages, and a print
//!   preview of a tandem page, are written to `target/screenshots/` to look at.
//!
//! Without Chromium and chromedriver the tests are skipped with a message, unless
//! `TANDEM_REQUIRE_BROWSER=1` (set by `.ci/run`): then they fail. `TANDEM_CHROMIUM` and
//! `TANDEM_CHROMEDRIVER` name the binaries when they are not on the `PATH`.
//!
//! The WebDriver client is a few functions over `std::net`: chromedriver speaks plain
//! HTTP/1.1 with JSON, and a dependency for that would cost more compile time than it
//! saves lines.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------
// The reader's path

#[test]
fn a_reader_clicks_from_the_home_page_to_the_timeline() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);

    s.goto(&server.url(""));
    assert_eq!(s.text("h1"), "Reverse Mentoring");

    // Keyboard users meet the skip link first, and it shows itself.
    s.press_tab();
    let skip = s.exec(
        "const a = document.activeElement; const r = a.getBoundingClientRect(); \
         return {cls: a.className, top: r.top, visible: r.bottom > 0 && r.height > 0};",
        json!([]),
    );
    assert_eq!(
        skip["cls"], "skip-link",
        "the first Tab stop is the skip link"
    );
    assert_eq!(skip["visible"], true, "the focused skip link is on screen");

    s.click_link("main", "Jahrgang 2019");
    assert!(s.url().ends_with("/cohorts/2019/"), "at {}", s.url());
    assert_eq!(s.text("h1"), "Jahrgang 2019");
    assert!(
        s.count("svg.chart-activity[role=img]") == 1 && s.count("svg.chart-matrix") == 1,
        "the cohort page draws its activity chart and coverage matrix"
    );

    s.click_link(".tandem-table", "Dr. Hans Berger & Lena Vogt");
    assert!(
        s.url().ends_with("/cohorts/2019/berger-vogt/"),
        "at {}",
        s.url()
    );
    assert_eq!(s.text("h1"), "Dr. Hans Berger & Lena Vogt");

    s.click_link(".diary", "LinkedIn für Vorstände");
    assert!(
        s.url()
            .ends_with("/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/"),
        "at {}",
        s.url()
    );
    assert_eq!(s.text("h1"), "LinkedIn für Vorstände");

    s.click_link(".meta", "Onlinemarketing");
    assert!(
        s.url().ends_with("/topics/onlinemarketing/"),
        "at {}",
        s.url()
    );
    assert_eq!(s.text("h1"), "Onlinemarketing");

    s.click_link(".main-nav", "Zeitleiste");
    assert!(s.url().ends_with("/timeline/"), "at {}", s.url());
    assert_eq!(s.text("h1"), "Zeitleiste");
    assert!(s.text("main").contains("Zwischenbilanz"));

    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Accessibility

const AXE_PAGES: [(&str, &str); 6] = [
    ("home", ""),
    ("cohort", "cohorts/2019/"),
    ("tandem", "cohorts/2019/berger-vogt/"),
    (
        "entry",
        "cohorts/2019/berger-vogt/2019-04-04-das-profil-steht/",
    ),
    ("topic", "topics/onlinemarketing/"),
    ("timeline", "timeline/"),
];

#[test]
fn axe_finds_no_serious_or_critical_violations_in_light_and_dark_mode() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vendor/axe.min.js"),
    )
    .expect("tests/vendor/axe.min.js (see tests/vendor/README.md)");
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for scheme in ["light", "dark"] {
        s.cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        for (name, path) in AXE_PAGES {
            s.goto(&server.url(path));
            let found = s.axe(&axe);
            let mut by_impact: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for v in &found {
                let impact = v["impact"].as_str().unwrap_or("none").to_string();
                by_impact
                    .entry(impact.clone())
                    .or_default()
                    .push(v["id"].as_str().unwrap_or("?").to_string());
                if impact == "serious" || impact == "critical" {
                    failures.push(format!(
                        "{name} ({scheme}): {} [{impact}] {}\n    {}",
                        v["id"].as_str().unwrap_or("?"),
                        v["help"].as_str().unwrap_or(""),
                        v["nodes"]
                            .as_array()
                            .map(|n| n
                                .iter()
                                .filter_map(Value::as_str)
                                .collect::<Vec<_>>()
                                .join("\n    "))
                            .unwrap_or_default()
                    ));
                }
            }
            report.push(format!(
                "{name:>8} ({scheme}): {} violations {by_impact:?}",
                found.len()
            ));
        }
    }
    eprintln!("axe-core results:\n{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Screenshots

#[test]
fn screenshots_at_phone_and_desktop_width() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    let dir = screenshot_dir();
    for (name, path) in [
        ("home", ""),
        ("cohort", "cohorts/2019/"),
        ("tandem", "cohorts/2019/berger-vogt/"),
    ] {
        for width in [390, 1280] {
            s.set_viewport(width, 900);
            s.goto(&server.url(path));
            // Nothing may stick out sideways: wide content scrolls in its own box.
            let overflow = s.exec(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                json!([]),
            );
            assert_eq!(
                overflow.as_i64(),
                Some(0),
                "{name} at {width} px is wider than the screen"
            );
            let file = dir.join(format!("{name}-{width}.png"));
            std::fs::write(&file, s.full_page_png(width)).unwrap();
            // The top of the page, as shown in the README.
            if width == 1280 {
                std::fs::write(
                    dir.join(format!("{name}-{width}-top.png")),
                    s.clip_png(width, 1400),
                )
                .unwrap();
            }
        }
    }
    // And the cohort page in dark mode.
    s.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    for width in [390, 1280] {
        s.set_viewport(width, 900);
        s.goto(&server.url("cohorts/2019/"));
        std::fs::write(
            dir.join(format!("cohort-{width}-dark.png")),
            s.full_page_png(width),
        )
        .unwrap();
    }
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
    eprintln!("screenshots in {}", dir.display());
}

#[test]
fn a_tandem_page_prints_as_its_diary() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    s.goto(&server.url("cohorts/2019/berger-vogt/"));
    let shown = "return [...document.querySelectorAll(arguments[0])].filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;";
    assert_eq!(
        s.exec(shown, json!([".print-entry"])).as_i64(),
        Some(0),
        "on screen, the full diary stays hidden"
    );
    s.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    s.set_viewport(794, 1123);
    assert_eq!(
        s.exec(shown, json!([".print-entry"])).as_i64(),
        Some(7),
        "in print, every entry of the tandem is there in full"
    );
    assert_eq!(
        s.exec(
            shown,
            json!([".site-header, .breadcrumbs, .main-nav, .site-footer"])
        )
        .as_i64(),
        Some(0),
        "navigation is not printed"
    );
    let text = s.text("main");
    for words in [
        "Offene Vereinbarungen",
        "Hans hat seit 2014 ein LinkedIn-Profil",
    ] {
        assert!(text.contains(words), "the print shows `{words}`");
    }
    let dir = screenshot_dir();
    std::fs::write(dir.join("tandem-print.png"), s.full_page_png(794)).unwrap();
    let pdf = s.cdp(
        "Page.printToPDF",
        json!({"printBackground": true, "preferCSSPageSize": true}),
    );
    let pdf = base64(pdf["data"].as_str().expect("PDF data"));
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::write(dir.join("tandem-print.pdf"), pdf).unwrap();
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// The browser, or a clear skip

struct Browser {
    chromium: PathBuf,
    driver: PathBuf,
}

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or `None` after saying why the test is skipped.
fn browser() -> Option<Browser> {
    let chromium = std::env::var_os("TANDEM_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which(&["chromium", "chromium-browser", "google-chrome", "chrome"]));
    let driver = std::env::var_os("TANDEM_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| which(&["chromedriver"]));
    match (chromium, driver) {
        (Some(chromium), Some(driver)) => Some(Browser { chromium, driver }),
        (c, d) => {
            let missing = [("Chromium", c.is_none()), ("chromedriver", d.is_none())]
                .iter()
                .filter(|x| x.1)
                .map(|x| x.0)
                .collect::<Vec<_>>()
                .join(" and ");
            let msg = format!(
                "{missing} not found: install them (Debian: apt-get install chromium chromium-driver) \
                 or name them with TANDEM_CHROMIUM / TANDEM_CHROMEDRIVER"
            );
            if std::env::var("TANDEM_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("{msg} (TANDEM_REQUIRE_BROWSER=1, so this is a failure)");
            }
            // Straight to stderr: libtest would swallow `eprintln!` of a passing test.
            let _ = writeln!(std::io::stderr(), "browser test skipped: {msg}");
            None
        }
    }
}

fn screenshot_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf();
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------
// The site, built once for all tests

struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

fn site() -> &'static Path {
    static SITE: OnceLock<Site> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().join("public");
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
                .arg("build")
                .arg("--content")
                .arg(manifest.join("content"))
                .arg("--output")
                .arg(&root)
                .output()
                .expect("run tandem build");
            assert!(
                out.status.success(),
                "tandem build failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Site { _tmp: tmp, root }
        })
        .root
}

// ---------------------------------------------------------------------------------
// A static file server on 127.0.0.1 that remembers every answer it gave

struct Server {
    port: u16,
    log: Arc<Mutex<Vec<(String, u16)>>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (root, log2) = (root.to_path_buf(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, log) = (root.clone(), log2.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &root, &log);
                });
            }
        });
        Server { port, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    fn assert_no_failed_requests(&self) {
        let log = self.log.lock().unwrap();
        let failed: Vec<String> = log
            .iter()
            .filter(|(_, status)| *status >= 400)
            .map(|(p, s)| format!("{s} {p}"))
            .collect();
        assert!(failed.is_empty(), "failed requests: {failed:?}");
        assert!(!log.is_empty(), "the browser asked the server for nothing");
    }
}

fn serve(
    mut stream: TcpStream,
    root: &Path,
    log: &Mutex<Vec<(String, u16)>>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let mut file = root.to_path_buf();
    let safe = path
        .split('/')
        .filter(|s| !s.is_empty())
        .all(|s| s != ".." && s != "." && !s.contains('\\'));
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        file.push(seg);
    }
    let (status, body, ctype, location) = if !safe {
        (400, Vec::new(), "text/plain", None)
    } else if file.is_dir() && !path.ends_with('/') {
        (301, Vec::new(), "text/plain", Some(format!("{path}/")))
    } else {
        if file.is_dir() {
            file.push("index.html");
        }
        match std::fs::read(&file) {
            Ok(b) => (200, b, mime(&file), None),
            Err(_) => (
                404,
                std::fs::read(root.join("404.html")).unwrap_or_default(),
                "text/html; charset=utf-8",
                None,
            ),
        }
    };
    log.lock().unwrap().push((path.clone(), status));
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        _ => "Not Found",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(l) = location {
        head.push_str(&format!("Location: {l}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

fn mime(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "json" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------
// A minimal WebDriver client

/// One HTTP/1.1 request with a JSON body; the JSON answer.
fn http(method: &str, url: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
    let rest = url.strip_prefix("http://").ok_or("not http")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(host).map_err(|e| format!("connect {host}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(180)))
        .map_err(|e| e.to_string())?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(req.as_bytes())
        .map_err(|e| e.to_string())?;
    // chromedriver keeps connections open whatever the request says: read the head,
    // then exactly the announced body.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let lower = head.to_ascii_lowercase();
    let length = lower
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut content = Vec::new();
    if let Some(n) = length {
        content.resize(n, 0);
        reader.read_exact(&mut content).map_err(|e| e.to_string())?;
    } else if lower.contains("transfer-encoding: chunked") {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(|e| e.to_string())?;
            let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(|e| e.to_string())?;
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            content.extend_from_slice(&chunk[..n]);
        }
    } else {
        reader
            .read_to_end(&mut content)
            .map_err(|e| e.to_string())?;
    }
    let v: Value = serde_json::from_slice(&content)
        .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&content)))?;
    Ok((status, v))
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Session {
    base: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Session {
    fn start(b: &Browser, width: u32, height: u32) -> Session {
        let port = {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let driver = Command::new(&b.driver)
            .arg(format!("--port={port}"))
            .arg("--log-level=OFF")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", b.driver.display()));
        let root = format!("http://127.0.0.1:{port}");
        // From here on, dropping the session (also by a panic) stops chromedriver.
        let mut s = Session {
            base: String::new(),
            driver,
            _profile: tempfile::tempdir().unwrap(),
        };
        let t0 = Instant::now();
        loop {
            if let Ok((200, v)) = http("GET", &format!("{root}/status"), None) {
                if v["value"]["ready"] == true {
                    break;
                }
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": b.chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    "--force-device-scale-factor=1",
                    format!("--user-data-dir={}", s._profile.path().display()),
                    format!("--window-size={width},{height}"),
                ],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
            "timeouts": {"script": 120000, "pageLoad": 60000, "implicit": 0},
        }}});
        let (status, v) = http("POST", &format!("{root}/session"), Some(&caps)).unwrap();
        assert_eq!(status, 200, "no browser session: {v}");
        s.base = format!(
            "{root}/session/{}",
            v["value"]["sessionId"].as_str().unwrap()
        );
        s
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.or(if method == "POST" {
            Some(json!({}))
        } else {
            None
        });
        let (status, v) = http(method, &format!("{}{path}", self.base), body.as_ref())
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        assert!(status == 200, "WebDriver {method} {path}: {status} {v}");
        v["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }

    fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn exec(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    fn text(&self, css: &str) -> String {
        self.exec(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;",
            json!([css]),
        )
        .as_str()
        .unwrap_or_else(|| panic!("no `{css}` on {}", self.url()))
        .to_string()
    }

    fn count(&self, css: &str) -> usize {
        self.exec(
            "return document.querySelectorAll(arguments[0]).length;",
            json!([css]),
        )
        .as_u64()
        .unwrap_or(0) as usize
    }

    /// Clicks, like a reader, the first link inside `scope` whose text is `text`.
    fn click_link(&self, scope: &str, text: &str) {
        let el = self.exec(
            "return [...document.querySelectorAll(arguments[0] + ' a')].find(a => a.innerText.trim() === arguments[1]) || null;",
            json!([scope, text]),
        );
        let id = el[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no link `{text}` in `{scope}` on {}", self.url()))
            .to_string();
        let before = self.url();
        self.cmd("POST", &format!("/element/{id}/click"), None);
        let t0 = Instant::now();
        while self.url() == before && t0.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        self.exec("return document.readyState;", json!([]));
    }

    fn press_tab(&self) {
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "kbd", "actions": [
                {"type": "keyDown", "value": "\u{E004}"}, {"type": "keyUp", "value": "\u{E004}"}
            ]}]})),
        );
    }

    fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    fn set_viewport(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    fn full_page_png(&self, width: u32) -> Vec<u8> {
        let h = self
            .exec(
                "return Math.ceil(document.documentElement.scrollHeight);",
                json!([]),
            )
            .as_u64()
            .unwrap_or(900);
        self.clip_png(width, h as u32)
    }

    fn clip_png(&self, width: u32, height: u32) -> Vec<u8> {
        let v = self.cdp(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}),
        );
        base64(v["data"].as_str().expect("screenshot data"))
    }

    /// Runs axe-core on the page; its violations as `{id, impact, help, nodes}`.
    fn axe(&self, source: &str) -> Vec<Value> {
        self.exec(&format!("{source}\n;return true;"), json!([]));
        // Tables behind "show as a table" are checked too.
        self.exec(
            "document.querySelectorAll('details').forEach(d => d.open = true);",
            json!([]),
        );
        let v = self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": "const done = arguments[arguments.length - 1];\
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({\
                  id: v.id, impact: v.impact, help: v.help,\
                  nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' '))\
                })))).catch(e => done({error: String(e)}));", "args": []})),
        );
        assert!(v.get("error").is_none(), "axe failed: {v}");
        v.as_array().cloned().unwrap_or_default()
    }

    fn assert_no_console_errors(&self) {
        let logs = self.cmd("POST", "/se/log", Some(json!({"type": "browser"})));
        let errors: Vec<String> = logs
            .as_array()
            .into_iter()
            .flatten()
            .filter(|l| l["level"] == "SEVERE")
            .map(|l| l["message"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        // Everything the pages loaded came from the site itself.
        let foreign = self.exec(
            "return performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith(location.origin));",
            json!([]),
        );
        assert_eq!(foreign, json!([]), "requests that leave the site");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.base.is_empty() {
            let _ = http("DELETE", &self.base, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64 (screenshots and PDFs come base64-encoded).
fn base64(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn the_helpers_decode_base64_and_percent_escapes() {
    assert_eq!(base64("SGFsbG8gV2VsdA=="), b"Hallo Welt");
    assert_eq!(base64("YQ=="), b"a");
    assert_eq!(percent_decode("/topics/f%C3%BChrung/"), "/topics/führung/");
    assert_eq!(percent_decode("/a%2"), "/a%2");
}
