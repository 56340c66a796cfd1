//! Saves in a row, as a writer with autosave makes them: each is shown at once, also
//! while the whole site is still being rebuilt after the one before; no page ever goes
//! back to an older text; the site ends as a clean build of the last save.
//!
//! The tests hold each rebuild's result with `TANDEM_TEST_REBUILD_GATE` (see
//! `src/watch/rebuild.rs`): the n-th rebuild in the background waits until the gate
//! file holds a number of at least n, and writes n into `GATE.held` while it waits. So
//! "while a rebuild runs" is a state the test waits for, not a matter of timing.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_tandem");
const ENTRY: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md";
const ENTRY_URL: &str = "/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/";
const TANDEM_URL: &str = "/cohorts/2019/berger-vogt/";
const TOPIC_URL: &str = "/topics/onlinemarketing/";

/// A copy of the sample programme, and a closed gate beside it.
fn sample() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&common::sample_content(), &content);
    let gate = dir.path().join("gate");
    std::fs::write(&gate, "0").unwrap();
    (dir, content, gate)
}

/// Ends the child process however the test ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `tandem serve` on a free port with the gate; returns it and its port once it
/// listens.
fn serve(content: &Path, gate: &Path) -> (Guard, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(BIN)
        .args(["serve", "--port", &port.to_string(), "--content"])
        .arg(content)
        .env("TANDEM_TEST_REBUILD_GATE", gate)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let guard = Guard(child);
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("serve did not start");
        // "Vorschau von /tmp/…/content unter http://127.0.0.1:PORT/"
        if let Some(url) = line.split(' ').find(|w| w.starts_with("http://")) {
            let port = url.trim_end_matches('/').rsplit(':').next().unwrap();
            return (guard, port.parse().unwrap());
        }
    }
}

/// The body of a plain HTTP/1.1 GET.
fn get(port: u16, path: &str) -> String {
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
    text.split_once("\r\n\r\n")
        .map_or(text.clone(), |(_, b)| b.to_string())
}

/// Polls until `pred` holds (at most 20 s).
fn wait_until(what: &str, pred: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pred() {
        assert!(Instant::now() < deadline, "waited 20 s for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Polls until the page at `path` holds `text`; returns it.
fn wait_for_page(port: u16, path: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let body = get(port, path);
        if body.contains(text) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never showed {text:?}; it shows:\n{}",
            body.chars().take(3000).collect::<String>()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until the `n`-th rebuild holds its result at the gate.
fn wait_for_held(gate: &Path, n: u32) {
    let held = gate.with_file_name("gate.held");
    wait_until(&format!("rebuild {n} at the gate"), || {
        std::fs::read_to_string(&held).is_ok_and(|s| s.trim() == n.to_string())
    });
}

/// The entry's text with another title and a last sentence.
fn version(text: &str, title: &str, sentence: &str) -> String {
    let text = text.replacen(
        "title: LinkedIn für Vorstände",
        &format!("title: {title}"),
        1,
    );
    format!("{text}\n{sentence}\n")
}

#[test]
fn saves_in_a_row_are_shown_while_a_rebuild_runs_and_no_page_goes_back() {
    let (_dir, content, gate) = sample();
    let (_server, port) = serve(&content, &gate);
    assert!(get(port, TOPIC_URL).contains("LinkedIn für Vorstände"));
    let entry = content.join(ENTRY);
    let text = std::fs::read_to_string(&entry).unwrap();

    // The first save: its pages at once, then its rebuild holds with what it read.
    std::fs::write(&entry, version(&text, "Erste Fassung", "Satz eins.")).unwrap();
    wait_for_page(port, ENTRY_URL, "Satz eins.");
    wait_for_held(&gate, 1);
    // Two more saves while that rebuild runs: each shown at once, the tandem's page too.
    std::fs::write(&entry, version(&text, "Zweite Fassung", "Satz zwei.")).unwrap();
    wait_for_page(port, ENTRY_URL, "Satz zwei.");
    std::fs::write(&entry, version(&text, "Dritte Fassung", "Satz drei.")).unwrap();
    wait_for_page(port, ENTRY_URL, "Satz drei.");
    wait_for_page(port, TANDEM_URL, "Dritte Fassung");
    let topic = get(port, TOPIC_URL);
    assert!(
        topic.contains("LinkedIn für Vorstände"),
        "only the rebuild changes the topic's page, and it is held"
    );

    // The first rebuild's result comes in (the second rebuild, of the saves after it,
    // then holds): the rest of the site moves on, the saved pages do not go back.
    std::fs::write(&gate, "1").unwrap();
    wait_for_held(&gate, 2);
    assert!(get(port, TOPIC_URL).contains("Erste Fassung"));
    let page = get(port, ENTRY_URL);
    assert!(
        page.contains("Satz drei.") && !page.contains("Satz eins."),
        "the entry's page went back to the text the rebuild read:\n{page}"
    );
    let tandem = get(port, TANDEM_URL);
    assert!(tandem.contains("Dritte Fassung") && !tandem.contains("Erste Fassung"));

    // Let every rebuild through: the site ends as the last save.
    std::fs::write(&gate, "1000").unwrap();
    wait_for_page(port, TOPIC_URL, "Dritte Fassung");
    assert!(get(port, ENTRY_URL).contains("Satz drei."));
}

#[test]
fn an_error_in_the_last_save_of_a_row_shows_and_its_fix_clears_it() {
    let (_dir, content, gate) = sample();
    let (_server, port) = serve(&content, &gate);
    let entry = content.join(ENTRY);
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, version(&text, "Erste Fassung", "Satz eins.")).unwrap();
    wait_for_page(port, ENTRY_URL, "Satz eins.");
    wait_for_held(&gate, 1);
    std::fs::write(&entry, version(&text, "Zweite Fassung", "Satz zwei.")).unwrap();
    wait_for_page(port, ENTRY_URL, "Satz zwei.");
    // The last save of the row has an unknown topic.
    let broken = version(&text, "Zweite Fassung", "Satz drei.")
        .replace("topics: [onlinemarketing]", "topics: [onlinemarketting]");
    std::fs::write(&entry, broken).unwrap();
    std::fs::write(&gate, "1000").unwrap();
    let page = wait_for_page(port, ENTRY_URL, "id=\"tandem-overlay\"");
    assert!(
        page.contains("Das Thema <code>onlinemarketting</code>"),
        "the overlay names the newest save's error:\n{page}"
    );
    assert!(page.contains("Satz zwei."), "over the last good page");
    // The fix: shown, and the overlay goes.
    std::fs::write(&entry, version(&text, "Vierte Fassung", "Satz vier.")).unwrap();
    wait_for_page(port, ENTRY_URL, "Satz vier.");
    wait_until("the overlay to go", || {
        !get(port, ENTRY_URL).contains("id=\"tandem-overlay\"")
    });
    wait_for_page(port, TOPIC_URL, "Vierte Fassung");
}

/// Every file below `root` with its bytes; `None` while one is being replaced.
fn files(root: &Path) -> Option<std::collections::BTreeMap<String, Vec<u8>>> {
    let mut out = std::collections::BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).ok()? {
            let p = e.ok()?.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).ok()?);
            }
        }
    }
    Some(out)
}

#[test]
fn after_a_burst_of_rapid_saves_the_output_is_a_clean_build() {
    let (dir, content, gate) = sample();
    let out = dir.path().join("public");
    let _watch = Guard(
        Command::new(BIN)
            .arg("watch")
            .arg("--content")
            .arg(&content)
            .arg("--output")
            .arg(&out)
            .env("TANDEM_TEST_REBUILD_GATE", &gate)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let entry_page = out.join(ENTRY.replace(".md", "/index.html"));
    wait_until("the first build", || entry_page.exists());
    let entries = [
        ENTRY,
        "cohorts/2019/berger-vogt/2019-04-04-das-profil-steht.md",
        "cohorts/2019/hoffmann-schulz/2019-03-19-wie-findet-man-uns.md",
    ];
    let texts: Vec<String> = entries
        .iter()
        .map(|e| std::fs::read_to_string(content.join(e)).unwrap())
        .collect();
    let save = |i: usize| {
        let k = i % entries.len();
        let text = format!("{}\nAutosave {i}.\n", texts[k]);
        std::fs::write(content.join(entries[k]), text).unwrap();
    };
    save(0);
    wait_for_held(&gate, 1);
    // Thirty saves as fast as they come, while the first rebuild runs and after.
    for i in 1..=30 {
        save(i);
        if i == 15 {
            std::fs::write(&gate, "1000").unwrap();
        }
    }
    let reference = dir.path().join("reference");
    let built = common::tandem(
        dir.path(),
        &[
            "build",
            "--content",
            &content.to_string_lossy(),
            "--output",
            &reference.to_string_lossy(),
        ],
    );
    built.assert_ok();
    let expected = files(&reference).unwrap();
    assert!(
        String::from_utf8_lossy(&expected[&ENTRY.replace(".md", "/index.html")])
            .contains("Autosave 30.")
    );
    wait_until("the output to equal a clean build", || {
        files(&out).is_some_and(|f| f == expected)
    });
}
