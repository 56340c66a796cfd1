//! Measures how long an edit takes to reach the browser with `tandem serve`: the time
//! from writing a diary entry to the moment the server answers its page with the
//! change. Two kinds of edit: a sentence appended to the body, and a changed topic
//! (which touches topic pages and the cohort overview too). Each is timed three times:
//! until the entry's own page has the change and until its tandem's page has it (the
//! preview makes both ahead of the rebuild), and until the server reports the whole
//! site rebuilt (`Neu gebaut in … ms`, or `Rebuilt in … ms` for an English programme,
//! on its terminal).
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example serve_latency -- --content content --edits 30
//! ```
//! The content folder is edited in place and restored at the end: use a copy.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    Some(String::from_utf8_lossy(&raw).into_owned())
}

/// The first diary entry (in file-name order) with `topics: [..]` in its front matter.
fn pick_entry(content: &Path) -> (PathBuf, String) {
    let mut cohorts: Vec<PathBuf> = std::fs::read_dir(content.join("cohorts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cohorts.sort();
    for c in cohorts.iter().filter(|p| p.is_dir()) {
        let mut tandems: Vec<PathBuf> = std::fs::read_dir(c)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        tandems.sort();
        for t in tandems {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&t)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect();
            entries.sort();
            for e in entries {
                let text = std::fs::read_to_string(&e).unwrap();
                if text.lines().any(|l| l.starts_with("topics: ["))
                    && !text.contains("visibility: private")
                    && !text.contains("draft: true")
                {
                    let rel = e
                        .strip_prefix(content)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    let url = format!("/{}/", rel.trim_end_matches(".md"));
                    return (e, url);
                }
            }
        }
    }
    panic!("no entry with topics found in {}", content.display());
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let content = PathBuf::from(arg("--content").unwrap_or_else(|| "content".into()));
    let edits: usize = arg("--edits").and_then(|n| n.parse().ok()).unwrap_or(20);
    let bin = arg("--bin").unwrap_or_else(|| "target/release/tandem".into());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();

    let mut child = Command::new(&bin)
        .args(["serve", "--port", &port.to_string(), "--content"])
        .arg(&content)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start tandem serve (build it with `cargo build --release` first)");
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        eprintln!("serve: {line}");
        // "Vorschau von … unter http://…" (German) or "Serving … at http://…".
        if line.starts_with("Vorschau von ") || line.starts_with("Serving ") {
            break;
        }
    }
    // When the server reports a whole rebuild done.
    let (rebuilt_tx, rebuilt) = std::sync::mpsc::channel::<Instant>();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if line.starts_with("Neu gebaut in ") || line.starts_with("Rebuilt in ") {
                let _ = rebuilt_tx.send(Instant::now());
            }
        }
    });

    let (entry, url) = pick_entry(&content);
    let original = std::fs::read_to_string(&entry).unwrap();
    let topics_line = original
        .lines()
        .find(|l| l.starts_with("topics: ["))
        .unwrap()
        .to_string();
    eprintln!("editing {} ({url}) {edits} times per kind", entry.display());

    let tandem_url = format!(
        "{}/",
        url.trim_end_matches('/')
            .rsplit_once('/')
            .map_or("", |x| x.0)
    );
    let mut report = Vec::new();
    for kind in ["append a sentence", "change the topics"] {
        let mut times = Vec::new();
        let mut tandem = Vec::new();
        let mut whole = Vec::new();
        for i in 0..edits {
            let marker = format!("Messpunkt{}x{}", kind.len(), i);
            let text = match kind {
                "append a sentence" => format!("{original}\n{marker} ist ein neuer Satz.\n"),
                _ => {
                    let topics = if i % 2 == 0 {
                        "topics: [fuehrung]"
                    } else {
                        "topics: [arbeitsorganisation]"
                    };
                    format!("{}\n{marker}\n", original.replace(&topics_line, topics))
                }
            };
            // Let the previous rebuild settle.
            std::thread::sleep(Duration::from_millis(300));
            while rebuilt.try_recv().is_ok() {}
            let start = Instant::now();
            std::fs::write(&entry, text).unwrap();
            for (page, into) in [(&url, &mut times), (&tandem_url, &mut tandem)] {
                loop {
                    if get(port, page).is_some_and(|b| b.contains(&marker)) {
                        break;
                    }
                    if start.elapsed() > Duration::from_secs(30) {
                        panic!("the edit did not arrive at {page} within 30 s");
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                into.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            let done = rebuilt
                .recv_timeout(Duration::from_secs(30))
                .expect("the server reports the rebuild");
            whole.push((done - start).as_secs_f64() * 1000.0);
        }
        for (what, mut t) in [
            ("entry page", times),
            ("tandem page", tandem),
            ("whole site", whole),
        ] {
            t.sort_by(f64::total_cmp);
            report.push((
                kind,
                what,
                percentile(&t, 0.5),
                percentile(&t, 0.95),
                t[t.len() - 1],
            ));
        }
    }
    std::fs::write(&entry, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    println!("| edit | until the change is on | p50 | p95 | max |");
    println!("|---|---|---|---|---|");
    for (kind, what, p50, p95, max) in report {
        println!("| {kind} | {what} | {p50:.0} ms | {p95:.0} ms | {max:.0} ms |");
    }
}
