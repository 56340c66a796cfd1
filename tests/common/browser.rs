//! The browser tests' helpers: `tandem serve` on a copy of the sample programme
//! ([`Preview`]), Chromium and chromedriver or a clear skip ([`browser`]), and a minimal
//! WebDriver client over `std::net` ([`Session`]).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `tandem serve` on a copy of the sample programme; stopped when dropped.
pub struct Preview {
    child: Child,
    port: u16,
    content: PathBuf,
    /// What `tandem serve` said on stderr, for failure messages.
    said: Arc<Mutex<Vec<String>>>,
    _tmp: tempfile::TempDir,
}

impl Preview {
    pub fn start() -> Preview {
        Preview::start_with(&[])
    }

    /// `tandem serve` with more arguments (`--private`, `--bind …`).
    pub fn start_with(extra: &[&str]) -> Preview {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &content,
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
            .args(["serve", "--port", &port.to_string(), "--content"])
            .arg(&content)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run tandem serve");
        let stderr = child.stderr.take().unwrap();
        let said = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let said2 = said.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                said2.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        // From here on, dropping the preview (also by a panic) stops the server.
        let mut p = Preview {
            child,
            port: 0,
            content,
            said,
            _tmp: tmp,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while p.port == 0 {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("tandem serve did not start:\n{}", p.said()));
            // "Vorschau von /tmp/…/content unter http://127.0.0.1:PORT/"
            if let Some(url) = line.split(' ').find(|w| w.starts_with("http://")) {
                p.port = url
                    .trim_end_matches('/')
                    .rsplit(':')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("no port in `{line}`"));
            }
        }
        p
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.content.join(rel)
    }

    /// The copy of the content folder the preview serves.
    pub fn content(&self) -> &Path {
        &self.content
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn said(&self) -> String {
        self.said.lock().unwrap().join("\n")
    }

    /// The body of a plain GET, as bytes.
    pub fn get(&self, path: &str) -> Vec<u8> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let at = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP answer");
        assert!(
            raw.starts_with(b"HTTP/1.1 200"),
            "GET /{path}: {}",
            String::from_utf8_lossy(&raw[..at])
        );
        raw[at + 4..].to_vec()
    }

    /// Asks `f` every 100 ms until it answers, for at most 15 s; then fails with what
    /// the page heard over its event stream and what the server said.
    pub fn poll<T>(&self, s: &Session, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let t0 = Instant::now();
        loop {
            if let Some(v) = f() {
                return v;
            }
            if t0.elapsed() > Duration::from_secs(15) {
                let heard = s
                    .try_exec("return window.__tandemStates || null;", json!([]))
                    .unwrap_or_else(|e| json!(e));
                panic!(
                    "waited 15 s for {what}.\nThe page at {} heard: {heard}\ntandem serve said:\n{}",
                    s.url(),
                    self.said()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
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

// ---------------------------------------------------------------------------------
// The browser, or a clear skip

pub struct Browser {
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
pub fn browser() -> Option<Browser> {
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

pub fn screenshot_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf();
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------
// A minimal WebDriver client

/// One HTTP/1.1 request with a JSON body; the JSON answer.
pub fn http(method: &str, url: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
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

pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Session {
    base: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Session {
    pub fn start(b: &Browser, width: u32, height: u32) -> Session {
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

    pub fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }

    /// A command that may fail (say, while the page reloads itself).
    pub fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.or(if method == "POST" {
            Some(json!({}))
        } else {
            None
        });
        let (status, v) = http(method, &format!("{}{path}", self.base), body.as_ref())?;
        if status != 200 {
            return Err(format!("{status} {v}"));
        }
        Ok(v["value"].clone())
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }

    pub fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn exec(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    pub fn try_exec(&self, script: &str, args: Value) -> Result<Value, String> {
        self.try_cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    pub fn window_handle(&self) -> String {
        self.cmd("GET", "/window", None)
            .as_str()
            .expect("a window handle")
            .to_string()
    }

    /// Opens a new browser window (not a background tab, which Chromium may throttle);
    /// the commands still go to the current one.
    pub fn new_window(&self) -> String {
        self.cmd("POST", "/window/new", Some(json!({"type": "window"})))["handle"]
            .as_str()
            .expect("a window handle")
            .to_string()
    }

    pub fn switch_to(&self, handle: &str) {
        self.cmd("POST", "/window", Some(json!({"handle": handle})));
    }

    /// From the next page loaded in this window on, records every `state` event the
    /// live-reload script handles in `window.__tandemStates` (after the script's own
    /// handler ran). The script itself is left as it is.
    pub fn watch_live_reload(&self) {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "(() => {\
                const add = EventTarget.prototype.addEventListener;\
                EventSource.prototype.addEventListener = function (type, fn, opts) {\
                  if (type !== 'state') return add.call(this, type, fn, opts);\
                  return add.call(this, type, function (e) {\
                    const r = fn.call(this, e);\
                    const d = JSON.parse(e.data);\
                    (window.__tandemStates = window.__tandemStates || []).push(\
                      {version: d.version, changed: d.changed, reload_all: d.reload_all, overlay: !!d.overlay});\
                    return r;\
                  }, opts);\
                };\
              })();"}),
        );
    }

    /// Waits until the page's live-reload script has its first `state` event: from
    /// then on it hears of every rebuild.
    pub fn wait_for_live_reload(&self, preview: &Preview) {
        preview.poll(self, "the live-reload script to connect", || {
            self.try_exec(
                "return (window.__tandemStates || []).length > 0;",
                json!([]),
            )
            .ok()
            .filter(|v| v == &json!(true))
        });
    }

    pub fn text(&self, css: &str) -> String {
        self.exec(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;",
            json!([css]),
        )
        .as_str()
        .unwrap_or_else(|| panic!("no `{css}` on {}", self.url()))
        .to_string()
    }

    pub fn count(&self, css: &str) -> usize {
        self.exec(
            "return document.querySelectorAll(arguments[0]).length;",
            json!([css]),
        )
        .as_u64()
        .unwrap_or(0) as usize
    }

    /// Clicks, like a reader, the first link inside `scope` whose text is `text`.
    pub fn click_link(&self, scope: &str, text: &str) {
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

    /// Types into the element like a reader (`\u{E007}` is Enter).
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        );
    }

    pub fn clear(&self, css: &str) {
        let id = self.element(css);
        self.cmd("POST", &format!("/element/{id}/clear"), None);
    }

    /// Picks the option with this text in a `<select>`, like a reader.
    pub fn choose(&self, select: &str, option: &str) {
        let el = self.exec(
            "return [...document.querySelectorAll(arguments[0] + ' option')].find(o => o.text.trim() === arguments[1]) || null;",
            json!([select, option]),
        );
        let id = el[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no option `{option}` in `{select}`"))
            .to_string();
        self.cmd("POST", &format!("/element/{id}/click"), None);
    }

    pub fn element(&self, css: &str) -> String {
        let el = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        el[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no `{css}` on {}", self.url()))
            .to_string()
    }

    pub fn wait_until(&self, what: &str, script: &str) {
        let t0 = Instant::now();
        while self.try_exec(script, json!([])).ok() != Some(json!(true)) {
            assert!(
                t0.elapsed() < Duration::from_secs(15),
                "waited 15 s for {what} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The results the search page shows, once the search has settled: title, the
    /// line under it and the excerpt's HTML.
    pub fn search_results(&self) -> Vec<Value> {
        let read = "const list = document.querySelector('[data-search-results]'); \
             return list.getAttribute('aria-busy') !== 'false' ? null : [...document.querySelectorAll('.search-result')].map(li => ({ \
               title: li.querySelector('h2').innerText.trim(), \
               meta: li.querySelector('.search-meta').innerText.trim(), \
               excerpt: li.querySelector('.search-excerpt').innerHTML }));";
        let t0 = Instant::now();
        let mut last = Value::Null;
        let mut same_since = Instant::now();
        loop {
            let now = self.try_exec(read, json!([])).unwrap_or(Value::Null);
            if now != last {
                last = now;
                same_since = Instant::now();
            } else if last.as_array().is_some_and(|a| !a.is_empty())
                && same_since.elapsed() > Duration::from_millis(400)
            {
                return last.as_array().unwrap().clone();
            }
            assert!(
                t0.elapsed() < Duration::from_secs(15),
                "no search results on {} after 15 s",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn press_tab(&self) {
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "kbd", "actions": [
                {"type": "keyDown", "value": "\u{E004}"}, {"type": "keyUp", "value": "\u{E004}"}
            ]}]})),
        );
    }

    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    pub fn set_viewport(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    pub fn full_page_png(&self, width: u32) -> Vec<u8> {
        let h = self
            .exec(
                "return Math.ceil(document.documentElement.scrollHeight);",
                json!([]),
            )
            .as_u64()
            .unwrap_or(900);
        self.clip_png(width, h as u32)
    }

    pub fn clip_png(&self, width: u32, height: u32) -> Vec<u8> {
        let v = self.cdp(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}),
        );
        base64(v["data"].as_str().expect("screenshot data"))
    }

    /// What the window shows, as PNG.
    pub fn viewport_png(&self) -> Vec<u8> {
        base64(
            self.cmd("GET", "/screenshot", None)
                .as_str()
                .expect("screenshot data"),
        )
    }

    /// Runs axe-core on the page; its violations as `{id, impact, help, nodes}`.
    pub fn axe(&self, source: &str) -> Vec<Value> {
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

    /// The errors the browser's console logged since they were last read.
    pub fn console_errors(&self) -> Vec<String> {
        let logs = self.cmd("POST", "/se/log", Some(json!({"type": "browser"})));
        logs.as_array()
            .into_iter()
            .flatten()
            .filter(|l| l["level"] == "SEVERE")
            .map(|l| l["message"].as_str().unwrap_or("").to_string())
            .collect()
    }

    pub fn assert_no_console_errors(&self) {
        let errors = self.console_errors();
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
pub fn base64(s: &str) -> Vec<u8> {
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
