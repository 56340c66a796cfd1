//! `tandem serve` and `tandem watch`, driven as a writer would: start the preview, edit
//! files the ways editors save them, and check what the server answers and what the
//! output folder holds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_tandem");
const ENTRY: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md";
const ENTRY_URL: &str = "/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/";

fn copy_dir(from: &Path, to: &Path) {
    for e in walk(from) {
        let rel = e.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(&e, &dest).unwrap();
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut kids: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            kids.sort();
            out.extend(kids);
        }
        i += 1;
    }
    out
}

/// A copy of the sample programme in a temporary folder.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &dir.path().join("content"),
    );
    dir
}

struct Server {
    child: Child,
    port: u16,
    /// Everything the server printed so far.
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

/// Ends the child process however the test ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `tandem serve` and waits until it listens.
fn serve(content: &Path) -> Server {
    serve_with(content, &[])
}

/// Starts `tandem serve` with extra arguments and waits until it listens.
fn serve_with(content: &Path, extra: &[&str]) -> Server {
    let port = free_port();
    let mut child = Command::new(BIN)
        .args(["serve", "--port", &port.to_string(), "--content"])
        .arg(content)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let log_w = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            log_w.lock().unwrap().push_str(&line);
            log_w.lock().unwrap().push('\n');
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let port_used;
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve did not start");
        // "Vorschau von /tmp/…/content unter http://127.0.0.1:PORT/"
        if let Some(url) = line.split(' ').find(|w| w.starts_with("http://")) {
            port_used = url
                .trim_end_matches('/')
                .rsplit(':')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            break;
        }
    }
    Server {
        child,
        port: port_used,
        log,
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// A plain HTTP/1.1 GET; the raw path is sent as is (for traversal tests).
fn get(port: u16, path: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// Polls until `pred` holds for the reply to `path` (at most 15 s).
fn wait_for(port: u16, path: &str, what: &str, pred: impl Fn(&Reply) -> bool) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = get(port, path);
        if pred(&r) {
            return r;
        }
        if Instant::now() > deadline {
            panic!(
                "{what}: {path} answered {} with:\n{}",
                r.status,
                r.body.chars().take(2000).collect::<String>()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn append(path: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// Saves like vim, VS Code and JetBrains: write a temporary file, rename it over.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn serve_answers_pages_files_and_errors_over_http() {
    let dir = sample();
    let s = serve(&dir.path().join("content"));
    let home = get(s.port, "/");
    assert_eq!(home.status, 200);
    assert!(home
        .headers
        .contains("content-type: text/html; charset=utf-8"));
    assert!(
        home.body.contains("tandem-livereload"),
        "the live-reload script is injected"
    );
    let css = get(s.port, "/assets/style.css");
    assert_eq!(css.status, 200);
    assert!(css.headers.contains("content-type: text/css"));
    let pdf = get(s.port, "/cohorts/2019/keller-yilmaz/agenda-workshop.pdf");
    assert_eq!(pdf.status, 200);
    assert!(pdf.headers.contains("content-type: application/pdf"));
    // The exports open in a spreadsheet and a calendar program.
    let csv = get(s.port, "/cohorts/2019/tandems-2019.csv");
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers.contains("content-type: text/csv"),
        "{}",
        csv.headers
    );
    let ics = get(s.port, "/milestones.ics");
    assert_eq!(ics.status, 200);
    assert!(
        ics.headers.contains("content-type: text/calendar"),
        "{}",
        ics.headers
    );
    let missing = get(s.port, "/gibt-es-nicht/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Seite nicht gefunden"),
        "the site's 404 page is served"
    );
    let redirect = get(s.port, "/cohorts");
    assert_eq!(redirect.status, 308);
    assert!(redirect.headers.contains("location: /cohorts/"));
}

#[test]
fn serve_never_answers_outside_the_site() {
    let dir = sample();
    let s = serve(&dir.path().join("content"));
    for path in [
        "/../program.yaml",
        "/%2e%2e/program.yaml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/cohorts/..%2f..%2fprogram.yaml",
        "/cohorts%2f..%2f..%2fprogram.yaml",
        "/..%5cprogram.yaml",
        "/program.yaml",
        "/cohorts/2019/berger-vogt/tandem.yaml",
        "/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md",
    ] {
        let r = get(s.port, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("base_url"), "{path} leaked program.yaml");
    }
}

#[test]
fn edits_in_every_way_editors_save_reach_the_browser() {
    let dir = sample();
    let content = dir.path().join("content");
    let s = serve(&content);
    let entry = content.join(ENTRY);

    // In place.
    append(&entry, "\nEin ganz neuer Satz über Zebrastreifen.\n");
    wait_for(s.port, ENTRY_URL, "in-place save", |r| {
        r.body.contains("Zebrastreifen")
    });
    // The entry's page is shown ahead of the rebuild; the rebuild brings the rest.
    wait_for(
        s.port,
        "/cohorts/2019/berger-vogt/",
        "the tandem page",
        |r| r.body.contains("Zebrastreifen"),
    );

    // Write a temporary file, then rename it over the entry.
    let text = std::fs::read_to_string(&entry)
        .unwrap()
        .replace("Zebrastreifen", "Giraffenhälse");
    save_by_rename(&entry, &text);
    wait_for(s.port, ENTRY_URL, "rename save", |r| {
        r.body.contains("Giraffenhälse")
    });

    // A burst of saves ends with the last one.
    for i in 0..10 {
        std::fs::write(&entry, text.replace("Giraffenhälse", &format!("Burst{i}"))).unwrap();
    }
    wait_for(s.port, ENTRY_URL, "burst of saves", |r| {
        r.body.contains("Burst9")
    });

    // Editor swap and backup files are ignored (they are not entries).
    std::fs::write(
        entry.with_file_name(".2019-03-14-linkedin-fuer-vorstaende.md.swp"),
        "\u{0}\u{1}binary",
    )
    .unwrap();
    std::fs::write(
        entry.with_file_name("2019-03-14-linkedin-fuer-vorstaende.md~"),
        "backup",
    )
    .unwrap();

    // A new entry appears, a deleted one disappears.
    let new = content.join("cohorts/2019/berger-vogt/2019-10-01-nachtrag.md");
    std::fs::write(
        &new,
        "---\ntitle: Nachtrag\ndate: 2019-10-01\n---\nNoch etwas.\n",
    )
    .unwrap();
    wait_for(
        s.port,
        "/cohorts/2019/berger-vogt/2019-10-01-nachtrag/",
        "new entry",
        |r| r.status == 200,
    );
    std::fs::remove_file(&new).unwrap();
    wait_for(
        s.port,
        "/cohorts/2019/berger-vogt/2019-10-01-nachtrag/",
        "deleted entry",
        |r| r.status == 404,
    );

    // A tandem folder renamed (one that no other entry links to).
    std::fs::rename(
        content.join("cohorts/2019/keller-yilmaz"),
        content.join("cohorts/2019/keller-und-yilmaz"),
    )
    .unwrap();
    wait_for(
        s.port,
        "/cohorts/2019/keller-und-yilmaz/",
        "renamed tandem",
        |r| r.status == 200,
    );
    wait_for(
        s.port,
        "/cohorts/2019/keller-yilmaz/",
        "old tandem address",
        |r| r.status == 404,
    );

    // program.yaml edits reach every page.
    let program = content.join("program.yaml");
    let p = std::fs::read_to_string(&program)
        .unwrap()
        .replace("title: Reverse Mentoring", "title: Umgekehrtes Mentoring");
    save_by_rename(&program, &p);
    wait_for(s.port, "/topics/", "program.yaml edit", |r| {
        r.body.contains("Umgekehrtes Mentoring")
    });
}

#[test]
fn content_errors_show_as_an_overlay_over_the_last_good_site_until_fixed() {
    let dir = sample();
    let content = dir.path().join("content");
    let s = serve(&content);
    let entry = content.join(ENTRY);
    let good = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(
        &entry,
        good.replace("topics: [onlinemarketing]", "topics: [onlinemarketting]"),
    )
    .unwrap();
    // For people: the file, then line and column in words.
    let location = format!("<code>{ENTRY}</code>, Zeile 4, Spalte 10");
    let r = wait_for(
        s.port,
        "/topics/",
        "overlay naming file, line and column",
        |r| r.body.contains(&location),
    );
    assert_eq!(r.status, 200, "the last good page is still served");
    assert!(r.body.contains("id=\"tandem-overlay\""));
    assert!(
        r.body
            .contains("Das Thema <code>onlinemarketting</code> unter <code>topics</code> gibt es in diesem Programm nicht"),
        "in the programme's language, code set as code: {}",
        r.body
    );
    assert!(
        r.body.contains("Meinten Sie <code>onlinemarketing</code>?"),
        "and the fix"
    );
    assert!(r.body.contains(">1 Fehler im Inhalt<"), "{}", r.body);
    std::fs::write(&entry, good).unwrap();
    wait_for(s.port, "/topics/", "overlay gone", |r| {
        !r.body.contains("id=\"tandem-overlay\"")
    });
}

#[test]
fn the_terminal_shows_each_set_of_problems_once_not_after_every_save() {
    let dir = sample();
    let content = dir.path().join("content");
    let s = serve(&content);
    let entry = content.join(ENTRY);
    let good = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(
        &entry,
        good.replace("topics: [onlinemarketing]", "topics: [onlinemarketting]"),
    )
    .unwrap();
    wait_for(s.port, "/topics/", "overlay", |r| {
        r.body.contains("id=\"tandem-overlay\"")
    });
    // More saves of another file while the error stays: each is rebuilt (the site is
    // not updated while there are errors), none prints the problem again; each says in
    // one short line that the error is still there.
    let other = content.join("cohorts/2019/berger-vogt/2019-04-04-das-profil-steht.md");
    let still = "Noch 1 Fehler (siehe oben).";
    for i in 0..3 {
        let before = s.log.lock().unwrap().matches(still).count();
        append(&other, &format!("\nNoch ein Satz {i}.\n"));
        wait_for_log(&s, &format!("the rebuild after save {i}"), |log| {
            log.matches(still).count() > before
        });
    }
    let log = s.log.lock().unwrap().clone();
    assert_eq!(
        log.matches("Das Thema `onlinemarketting`").count(),
        1,
        "{log}"
    );
    std::fs::write(&entry, good).unwrap();
    wait_for(s.port, "/topics/", "overlay gone", |r| {
        !r.body.contains("id=\"tandem-overlay\"")
    });
    wait_for_log(&s, "the fix", |log| {
        log.contains("Alle Probleme sind behoben.")
    });
}

/// Polls until `pred` holds for what the server printed (at most 15 s).
fn wait_for_log(s: &Server, what: &str, pred: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let log = s.log.lock().unwrap().clone();
        if pred(&log) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "waited 15 s for {what}; the server printed:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn polling_notices_saves_where_change_notifications_do_not_arrive() {
    let dir = sample();
    let content = dir.path().join("content");
    let s = serve_with(&content, &["--poll"]);
    append(&content.join(ENTRY), "\nGepollter Satz.\n");
    wait_for(s.port, ENTRY_URL, "poll", |r| {
        r.body.contains("Gepollter Satz.")
    });
}

#[test]
fn a_busy_port_is_reported_and_the_next_free_one_is_used() {
    let dir = sample();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let mut child = Guard(
        Command::new(BIN)
            .args(["serve", "--port", &port.to_string(), "--content"])
            .arg(dir.path().join("content"))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let mut seen = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        seen.push_str(&line);
        seen.push('\n');
        if line.starts_with("Vorschau von ") {
            break;
        }
    }
    assert!(
        seen.contains(&format!(
            "Port {port} ist belegt; tandem nimmt stattdessen Port"
        )),
        "{seen}"
    );
    assert!(!seen.contains(&format!("127.0.0.1:{port}/")), "{seen}");
}

#[test]
fn a_first_build_that_fails_shows_the_errors_and_recovers_without_restart() {
    let dir = sample();
    let content = dir.path().join("content");
    let program = content.join("program.yaml");
    let good = std::fs::read_to_string(&program).unwrap();
    std::fs::write(
        &program,
        good.replace("title: Reverse Mentoring", "title: [kaputt"),
    )
    .unwrap();
    let s = serve(&content);
    let r = get(s.port, "/");
    assert!(r.body.contains("id=\"tandem-overlay\""), "{}", r.body);
    assert!(
        r.body
            .contains("<code>program.yaml</code>, Zeile 1, Spalte"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("Die Seite kann erst gezeigt werden, wenn diese Fehler behoben sind."),
        "{}",
        r.body
    );
    std::fs::write(&program, good).unwrap();
    wait_for(s.port, "/", "recovered", |r| {
        r.status == 200 && r.body.contains("Neueste Einträge")
    });
}

fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    walk(root)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn clean_build(content: &Path, out: &Path) -> Vec<(String, Vec<u8>)> {
    let _ = std::fs::remove_dir_all(out);
    let st = Command::new(BIN)
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    files(out)
}

#[test]
fn watch_output_equals_a_clean_build_after_every_edit() {
    let dir = sample();
    let content = dir.path().join("content");
    let out = dir.path().join("public");
    let reference = dir.path().join("reference");
    let _watch = Guard(
        Command::new(BIN)
            .arg("watch")
            .arg("--content")
            .arg(&content)
            .arg("--output")
            .arg(&out)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let entry = content.join(ENTRY);
    let program = content.join("program.yaml");
    let cohort = content.join("cohorts/2019/cohort.yaml");
    let theme_dir = content.join("mein-theme/templates");
    type Step = Box<dyn Fn()>;
    // Replaces text in a file, saving in place or through a temporary file.
    let edit = |path: &Path, from: &'static str, to: &'static str, by_rename: bool| -> Step {
        let path = path.to_path_buf();
        Box::new(move || {
            let t = std::fs::read_to_string(&path).unwrap();
            assert!(
                t.contains(from),
                "{} does not contain {from}",
                path.display()
            );
            let t = t.replace(from, to);
            if by_rename {
                save_by_rename(&path, &t)
            } else {
                std::fs::write(&path, t).unwrap()
            }
        })
    };
    let tandem = content.join("cohorts/2019/berger-vogt");
    let steps: Vec<(&str, Step)> = vec![
        ("nothing", Box::new(|| {})),
        ("body", {
            let e = entry.clone();
            Box::new(move || append(&e, "\nNeuer Absatz.\n"))
        }),
        (
            "title",
            edit(
                &entry,
                "title: LinkedIn für Vorstände",
                "title: LinkedIn für Vorstände (überarbeitet)",
                true,
            ),
        ),
        (
            "date",
            edit(&entry, "date: 2019-03-14", "date: 2019-03-15", false),
        ),
        (
            "topic",
            edit(
                &entry,
                "topics: [onlinemarketing]",
                "topics: [fuehrung, recruiting]",
                false,
            ),
        ),
        ("add", {
            let t = tandem.clone();
            Box::new(move || {
                std::fs::write(
                    t.join("2019-09-30-neu.md"),
                    "---\ntitle: Neu\ndate: 2019-09-30\ntopics: [fuehrung]\n---\n- [ ] Offen\n",
                )
                .unwrap()
            })
        }),
        ("rename entry", {
            let t = tandem.clone();
            Box::new(move || {
                std::fs::rename(
                    t.join("2019-09-30-neu.md"),
                    t.join("2019-09-30-umbenannt.md"),
                )
                .unwrap()
            })
        }),
        ("delete", {
            let t = tandem.clone();
            Box::new(move || std::fs::remove_file(t.join("2019-09-30-umbenannt.md")).unwrap())
        }),
        ("rename tandem", {
            let c = content.clone();
            Box::new(move || {
                std::fs::rename(
                    c.join("cohorts/2019/keller-yilmaz"),
                    c.join("cohorts/2019/keller-und-yilmaz"),
                )
                .unwrap()
            })
        }),
        (
            "cohort.yaml",
            edit(
                &cohort,
                "title: Jahrgang 2019",
                "title: Erster Jahrgang",
                false,
            ),
        ),
        (
            "program.yaml",
            edit(
                &program,
                "subtitle: Von den Digital Natives lernen",
                "subtitle: Voneinander lernen",
                true,
            ),
        ),
        ("theme override", {
            let p = program.clone();
            let td = theme_dir.clone();
            Box::new(move || {
                std::fs::create_dir_all(&td).unwrap();
                std::fs::write(
                    td.join("404.html"),
                    "{% extends \"base.html\" %}{% block content %}<h1>Hier ist nichts</h1>{% endblock content %}",
                )
                .unwrap();
                append(&p, "theme: mein-theme\n");
            })
        }),
    ];
    for (name, step) in steps {
        step();
        let expected = clean_build(&content, &reference);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let got = if out.exists() {
                files(&out)
            } else {
                Vec::new()
            };
            if got == expected {
                break;
            }
            if Instant::now() > deadline {
                let names =
                    |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
                let differ: Vec<String> = expected
                    .iter()
                    .filter(|(n, b)| !got.iter().any(|(m, c)| m == n && c == b))
                    .map(|(n, _)| n.clone())
                    .chain(
                        names(&got)
                            .into_iter()
                            .filter(|n| !expected.iter().any(|(m, _)| m == n)),
                    )
                    .collect();
                panic!("after step `{name}` the watch output differs from a clean build in: {differ:?}");
            }
        }
    }
}

/// Polls until the output folder holds exactly `expected` (at most 20 s).
fn wait_for_output(out: &Path, what: &str, expected: &[(String, Vec<u8>)]) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if out.exists() && files(out) == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: the watch output differs from a clean build"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_failed_rebuild_under_watch_leaves_the_output_untouched() {
    let dir = sample();
    let content = dir.path().join("content");
    let out = dir.path().join("public");
    let reference = dir.path().join("reference");
    let mut child = Command::new(BIN)
        .arg("watch")
        .arg("--content")
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let _watch = Guard(child);
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let log_w = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut l = log_w.lock().unwrap();
            l.push_str(&line);
            l.push('\n');
        }
    });
    let wait_for_log = |what: &str, pred: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !pred(&log.lock().unwrap()) {
            assert!(
                Instant::now() < deadline,
                "waited 15 s for {what}; watch printed:\n{}",
                log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for_output(&out, "the first build", &clean_build(&content, &reference));
    let before = files(&out);

    // An error: the rebuild fails and writes nothing.
    let entry = content.join(ENTRY);
    let good = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(
        &entry,
        good.replace("topics: [onlinemarketing]", "topics: [onlinemarketting]"),
    )
    .unwrap();
    wait_for_log("the error", &|l| l.contains("onlinemarketting"));
    // A good edit of another entry while the error stays: rebuilt, and not written
    // either (the output never mixes the two).
    let other = content.join("cohorts/2019/berger-vogt/2019-04-04-das-profil-steht.md");
    append(&other, "\nEin Satz, der warten muss.\n");
    wait_for_log("the rebuild after the second save", &|l| {
        l.contains("Noch 1 Fehler (siehe oben).")
    });
    assert!(
        files(&out) == before,
        "a failed rebuild changed the output folder"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tandem-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Fixed: both edits arrive.
    std::fs::write(&entry, good).unwrap();
    let expected = clean_build(&content, &reference);
    assert!(expected
        .iter()
        .any(|(_, b)| String::from_utf8_lossy(b).contains("Ein Satz, der warten muss.")));
    wait_for_output(&out, "after the fix", &expected);
}

#[test]
fn build_output_never_contains_the_live_reload_script() {
    let dir = sample();
    let out = dir.path().join("public");
    for (name, bytes) in clean_build(&dir.path().join("content"), &out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("tandem-livereload"),
            "{name}"
        );
    }
}

#[test]
fn new_entry_scaffolds_a_file_that_builds() {
    let dir = sample();
    let content = dir.path().join("content");
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .arg("--content")
            .arg(&content)
            .output()
            .unwrap()
    };
    let o = run(&[
        "new",
        "entry",
        "2019/berger-vogt",
        "Rückblick: Größe zeigen",
        "--date",
        "2019-10-02",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(
        path.ends_with("2019-10-02-rueckblick-groesse-zeigen.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title: \"Rückblick: Größe zeigen\""),
        "{text}"
    );
    assert!(
        text.contains("[onlinemarketing, fuehrung]"),
        "the tandem's focus is suggested: {text}"
    );
    let again = run(&[
        "new",
        "entry",
        "2019/berger-vogt",
        "Rückblick: Größe zeigen",
        "--date",
        "2019-10-02",
    ]);
    assert_eq!(again.status.code(), Some(1), "never overwrites");
    let wrong = run(&["new", "entry", "2019/berger-vogd", "X"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("Tipp: Meinten Sie `2019/berger-vogt`?")
    );
    assert!(run(&["new", "cohort", "2021"]).status.success());
    assert!(run(&["new", "tandem", "2021/neu-tandem"]).status.success());
    let out = dir.path().join("out");
    let b = Command::new(BIN)
        .arg("build")
        .arg("--content")
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(out
        .join("cohorts/2019/berger-vogt/2019-10-02-rueckblick-groesse-zeigen/index.html")
        .exists());
}

#[test]
fn init_creates_a_programme_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let prog = dir.path().join("mein-programm");
    let o = Command::new(BIN).arg("init").arg(&prog).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b = Command::new(BIN)
        .arg("build")
        .arg("--content")
        .arg(&prog)
        .arg("--output")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(
        !String::from_utf8_lossy(&b.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&b.stderr)
    );
    let again = Command::new(BIN).arg("init").arg(&prog).output().unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "refuses a folder that is not empty"
    );
}

/// Every word of the search index in `out`, decompressed and lowercased.
fn index_text(out: &Path) -> String {
    let mut text = String::new();
    for f in walk(&out.join("pagefind")) {
        if f.is_file() {
            let bytes = std::fs::read(&f).unwrap_or_default();
            let mut plain = Vec::new();
            if bytes.starts_with(&[0x1f, 0x8b])
                && std::io::Read::read_to_end(
                    &mut flate2::read::GzDecoder::new(&bytes[..]),
                    &mut plain,
                )
                .is_ok()
            {
                text.push_str(&String::from_utf8_lossy(&plain).to_lowercase());
            }
        }
    }
    text
}

fn wait_for_index(out: &Path, what: &str, pred: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pred(&index_text(out)) {
        assert!(
            Instant::now() < deadline,
            "{what}: the search index did not follow"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_search_index_follows_edits_while_serving() {
    let dir = sample();
    let content = dir.path().join("content");
    let out = dir.path().join("vorschau");
    let s = serve_with(&content, &["--output", out.to_str().unwrap()]);
    let entry = content.join(ENTRY);
    // The pages come first; the index follows in the background.
    wait_for_index(&out, "the first build", |t| t.contains("linkedin"));

    // A new word: the page shows it, then the index has it.
    append(&entry, "\nHeute lernten wir das Wort Quokkasprung.\n");
    wait_for(s.port, ENTRY_URL, "the edited page", |r| {
        r.body.contains("Quokkasprung")
    });
    wait_for_index(&out, "a new word", |t| t.contains("quokkasprung"));

    // The entry turns private: the page goes, and so do its words in the index.
    let text = std::fs::read_to_string(&entry).unwrap();
    save_by_rename(
        &entry,
        &text.replacen("---\n", "---\nvisibility: private\n", 1),
    );
    wait_for(s.port, ENTRY_URL, "the private entry", |r| r.status == 404);
    wait_for_index(&out, "an entry made private", |t| {
        !t.contains("quokkasprung") && t.contains("beitrag")
    });
    assert!(
        s.log.lock().unwrap().contains("Suchindex in "),
        "{}",
        s.log.lock().unwrap()
    );
}

/// A GET that checks the answer is whole: the body has exactly the announced length.
fn get_whole(port: u16, path: &str) -> Result<(u16, Vec<u8>), String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let body = raw[split + 4..].to_vec();
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or("no content-length")?;
    if body.len() != len {
        return Err(format!("{path}: {} of {len} bytes", body.len()));
    }
    Ok((status, body))
}

#[test]
fn many_readers_get_whole_pages_while_the_site_is_rebuilt() {
    let dir = sample();
    let content = dir.path().join("content");
    let s = serve(&content);
    let entry = content.join(ENTRY);
    let paths = [
        "/",
        ENTRY_URL,
        "/cohorts/2019/",
        "/cohorts/2019/berger-vogt/",
        "/topics/",
        "/timeline/",
        "/search/",
        "/assets/style.css",
        "/pagefind/pagefind.js",
    ];
    // The search index follows the first build; from then on it is always served.
    wait_for(s.port, "/pagefind/pagefind.js", "the search index", |r| {
        r.status == 200
    });
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..48)
        .map(|i| {
            let stop = stop.clone();
            let port = s.port;
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                let mut n = 0usize;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = paths[(i + n) % paths.len()];
                    match get_whole(port, path) {
                        Ok((200, body)) => {
                            let text = String::from_utf8_lossy(&body);
                            // One answer is one version of the page: the edit counter
                            // appears at most once, and HTML pages are complete.
                            if text.matches("Lastsatz").count() > 1 {
                                failures.push(format!("{path}: two versions in one answer"));
                            }
                            if path.ends_with('/') && !text.trim_end().ends_with("</html>") {
                                failures.push(format!("{path}: cut off"));
                            }
                        }
                        Ok((status, _)) => failures.push(format!("{path}: status {status}")),
                        Err(e) => failures.push(e),
                    }
                    n += 1;
                }
                (n, failures)
            })
        })
        .collect();
    // Meanwhile, the entry is saved again and again, each save once the one before
    // is served.
    let original = std::fs::read_to_string(&entry).unwrap();
    for i in 0..15 {
        save_by_rename(&entry, &format!("{original}\nLastsatz {i}.\n"));
        wait_for(s.port, ENTRY_URL, &format!("save {i}"), |r| {
            r.body.contains(&format!("Lastsatz {i}."))
        });
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut total = 0;
    let mut failures = Vec::new();
    for r in readers {
        let (n, f) = r.join().unwrap();
        total += n;
        failures.extend(f);
    }
    // How many requests are answered, and how fast, is measured by bench/load.sh.
    assert!(
        failures.is_empty(),
        "{} of {total} requests failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
}

#[test]
fn malformed_huge_and_slow_requests_do_not_stop_the_server() {
    let dir = sample();
    let s = serve(&dir.path().join("content"));
    let send = |raw: &[u8]| -> String {
        let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = c.write_all(raw);
        let mut out = Vec::new();
        let _ = c.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    // Slow clients: connections that send half a request and wait.
    let mut slow = Vec::new();
    for _ in 0..32 {
        let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        c.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Langsam: ")
            .unwrap();
        slow.push(c);
    }
    // Garbage, a request line without a version, a huge header, a huge path.
    let garbage = send(b"\x00\x01\x02 nonsense\r\n\r\n");
    assert!(
        garbage.is_empty() || garbage.starts_with("HTTP/1.1 400"),
        "{garbage}"
    );
    let no_version = send(b"GET /\r\n\r\n");
    assert!(
        no_version.is_empty() || no_version.starts_with("HTTP/1.1 400"),
        "{no_version}"
    );
    let big_header = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Gross: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let answer = send(big_header.as_bytes());
    assert!(
        answer.is_empty()
            || answer.starts_with("HTTP/1.1 431")
            || answer.starts_with("HTTP/1.1 400"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    let long_path = format!("/{}", "x/".repeat(50_000));
    let answer = get_whole(s.port, &long_path);
    assert!(
        matches!(answer, Ok((404, _)) | Ok((414, _)) | Ok((431, _)) | Err(_)),
        "{answer:?}"
    );
    // Meanwhile everyone else is served (a request held up by the slow clients would
    // run into the read timeout).
    for _ in 0..20 {
        let (status, body) = get_whole(s.port, "/").expect("answered despite the slow clients");
        assert_eq!(status, 200);
        assert!(String::from_utf8_lossy(&body).contains("</html>"));
    }
    drop(slow);
    assert_eq!(get_whole(s.port, "/").unwrap().0, 200);
}
