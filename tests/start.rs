//! `tandem` without arguments: help in a terminal; started without one (a double-click
//! in a file manager), the preview of the programme beside it.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(url: &str) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn started_without_a_terminal_it_previews_the_programme_beside_it_with_drafts_and_private_entries()
{
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&mini_fixture(), &tmp.path().join("content"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        // No browser to open here: opening fails, and says so, and the preview goes on.
        .env("PATH", "/nonexistent")
        .env_remove("BROWSER")
        .env_remove("DISPLAY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut said = Vec::new();
    let url = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("no preview address printed: {said:#?}")
            });
        if let Some(at) = line.find("http://") {
            break line[at..].trim_end_matches(['.', ' ']).to_string();
        }
        said.push(line);
    };
    let home = get(&url);
    let timeline = get(&format!("{url}timeline/"));
    let _ = child.kill();
    let _ = child.wait();
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    // The fixture's private entry and its draft are both in this preview.
    for word in ["GEHEIMWORT-PRIVAT", "GEHEIMWORT-ENTWURF"] {
        assert!(timeline.contains(word), "{word} missing: {timeline}");
    }
}

#[test]
fn started_without_a_terminal_and_without_a_programme_it_stops_with_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .current_dir(tmp.path())
        .env("PATH", "/nonexistent")
        .env("TMPDIR", tmp.path())
        .env_remove("BROWSER")
        .env_remove("DISPLAY")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The explanation is a page for the browser, in German first.
    let page = std::fs::read_to_string(tmp.path().join("tandem-kein-programm.html")).unwrap();
    assert!(page.contains("Kein Programm gefunden"), "{page}");
    assert!(page.contains("No programme found"), "{page}");
}

#[test]
fn in_a_terminal_without_arguments_it_prints_help_and_recommends_the_preview() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&mini_fixture(), &tmp.path().join("content"));
    // `script` gives the program a terminal.
    let out = Command::new("script")
        .args(["-qec", env!("CARGO_BIN_EXE_tandem"), "/dev/null"])
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Usage: tandem"), "{text}");
    assert!(text.contains("tandem serve --open"), "{text}");
    assert_eq!(out.status.code(), Some(2), "{text}");
}
