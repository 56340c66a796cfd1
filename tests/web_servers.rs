//! The access rules of `tandem access` in real web servers: the sample programme with
//! four audiences is built, and Debian's nginx and Apache serve it on the loopback
//! interface with the rules tandem wrote, test users in a password file and a group
//! file. A user of one audience reads its pages and is refused everyone else's; a
//! reader without a name is asked for one; a wrong password is refused.
//!
//! Needs `nginx`, `apache2` and `htpasswd` (`apt-get install nginx apache2
//! apache2-utils`). Without them the tests say so and pass, unless
//! `TANDEM_REQUIRE_WEB_SERVERS=1` (which `.ci/run` sets): then a missing server fails.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const AUDIENCES: &str = "audiences:
  - id: leitung
    title: Programmleitung
  - id: musterstadt
    title: Raiffeisenbank Musterstadt
    organizations: [Raiffeisenbank Musterstadt eG]
    users: [dora]
  - id: jahrgang-2020
    title: Jahrgang 2020
    cohorts: [2020]
    groups: [jahrgang-2020, leitung]
  - id: vorstand
    title: Bericht für den Vorstand
    anonymous: true
    groups: [rm-vorstand]
";

/// Who may read what: user → password, and the group file.
const USERS: &[(&str, &str)] = &[
    ("anna", "Leitung!1"),
    ("bert", "Jahrgang#2"),
    ("carla", "Vorstand 3"),
    ("dora", "Muster:4"),
];
const GROUPS: &str = "leitung: anna\njahrgang-2020: bert\nrm-vorstand: carla\n";

/// The audiences each user may read (the others are refused).
fn allowed(user: &str) -> &'static [&'static str] {
    match user {
        "anna" => &["leitung", "jahrgang-2020"],
        "bert" => &["jahrgang-2020"],
        "carla" => &["vorstand"],
        "dora" => &["musterstadt"],
        _ => &[],
    }
}

const SITES: &[&str] = &["leitung", "musterstadt", "jahrgang-2020", "vorstand"];

/// A page of each audience's site that exists.
fn page_of(site: &str) -> &'static str {
    match site {
        "musterstadt" => "cohorts/2019/berger-vogt/",
        "jahrgang-2020" => "cohorts/2020/",
        _ => "",
    }
}

/// The programme built, its password and group files, and the rules tandem wrote for
/// them, all below one folder the servers may read.
struct Setup {
    project: Project,
}

impl Setup {
    fn new() -> Option<Setup> {
        let missing: Vec<&str> = ["nginx", "apache2", "htpasswd"]
            .into_iter()
            .filter(|b| which(b).is_none())
            .collect();
        if !missing.is_empty() {
            let required = std::env::var_os("TANDEM_REQUIRE_WEB_SERVERS").is_some_and(|v| v == "1");
            assert!(!required, "TANDEM_REQUIRE_WEB_SERVERS=1, but {missing:?} are not installed (apt-get install nginx apache2 apache2-utils)");
            eprintln!(
                "skipped: {missing:?} not installed (apt-get install nginx apache2 apache2-utils)"
            );
            return None;
        }
        let project = Project::sample();
        let yaml = project.read("program.yaml");
        project.write("program.yaml", format!("{yaml}{AUDIENCES}"));
        project.build(&[]).assert_ok();
        let root = project.root();
        // The servers' workers may run as another user: everything here readable.
        chmod(root, 0o755);
        let pw = root.join("htpasswd");
        for (i, (user, password)) in USERS.iter().enumerate() {
            let mut cmd = Command::new("htpasswd");
            cmd.arg("-b").arg("-B");
            if i == 0 {
                cmd.arg("-c");
            }
            let status = cmd
                .arg(&pw)
                .arg(user)
                .arg(password)
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "htpasswd failed");
        }
        chmod(&pw, 0o644);
        std::fs::write(root.join("htgroup"), GROUPS).unwrap();
        let run = tandem(
            root,
            &[
                "access",
                "--content",
                "content",
                "--output",
                "access",
                "--site-dir",
                &project.out().display().to_string(),
                "--password-file",
                &pw.display().to_string(),
                "--group-file",
                &root.join("htgroup").display().to_string(),
            ],
        );
        run.assert_ok();
        Some(Setup { project })
    }

    fn root(&self) -> &Path {
        self.project.root()
    }
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn which(binary: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|d| d.join(binary))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server started for a test, stopped when the test ends.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Waits until the server accepts connections (or has stopped: its log says why).
    fn ready(self) -> Server {
        let start = Instant::now();
        let mut server = self;
        loop {
            if TcpStream::connect(("127.0.0.1", server.port)).is_ok() {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "the server stopped ({status}):\n{}",
                    std::fs::read_to_string(&server.log).unwrap_or_default()
                );
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The status of `GET path` as `user` (with `password`), or without a name.
    fn status(&self, path: &str, login: Option<(&str, &str)>) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let auth = login
            .map(|(u, p)| format!("Authorization: Basic {}\r\n", base64(&format!("{u}:{p}"))))
            .unwrap_or_default();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let code = answer
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (code, answer)
    }
}

fn base64(s: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | u32::from(c) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn nginx(setup: &Setup) -> Server {
    let root = setup.root();
    let port = free_port();
    let log = root.join("nginx-error.log");
    let conf = root.join("nginx-test.conf");
    let tmp = |n: &str| root.join(n).display().to_string();
    std::fs::write(
        &conf,
        format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {pid};\nerror_log {log};\nevents {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {t}/b;\n  proxy_temp_path {t}/p;\n  fastcgi_temp_path {t}/f;\n  uwsgi_temp_path {t}/u;\n  scgi_temp_path {t}/s;\n  server {{\n    listen 127.0.0.1:{port};\n    include {rules};\n  }}\n}}\n",
            pid = tmp("nginx.pid"),
            log = log.display(),
            t = tmp("nginx-tmp"),
            rules = tmp("access/nginx.conf"),
        ),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("nginx-tmp")).unwrap();
    let child = Command::new(which("nginx").unwrap())
        .arg("-p")
        .arg(root)
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server { child, port, log }.ready()
}

fn apache(setup: &Setup) -> Server {
    let root = setup.root();
    let port = free_port();
    let log = root.join("apache-error.log");
    let conf = root.join("apache-test.conf");
    std::fs::create_dir_all(root.join("empty")).unwrap();
    let modules = [
        ("mpm_prefork", "mpm_prefork"),
        ("unixd", ""),
        ("authn_core", "authn_core"),
        ("authn_file", "authn_file"),
        ("auth_basic", "auth_basic"),
        ("authz_core", "authz_core"),
        ("authz_user", "authz_user"),
        ("authz_groupfile", "authz_groupfile"),
        ("alias", "alias"),
        ("dir", "dir"),
        ("mime", "mime"),
        ("headers", "headers"),
    ];
    let mut text = String::new();
    for (name, file) in modules {
        if !file.is_empty() {
            text.push_str(&format!(
                "LoadModule {name}_module /usr/lib/apache2/modules/mod_{file}.so\n"
            ));
        }
    }
    // Apache refuses to serve as root: its process becomes `nobody` then.
    let user = if unsafe_is_root() {
        "User nobody\nGroup nogroup\n"
    } else {
        ""
    };
    text.push_str(&format!(
        "ServerRoot {root}\nDefaultRuntimeDir {root}\nServerName localhost\nListen 127.0.0.1:{port}\nPidFile {root}/apache.pid\nErrorLog {log}\n{user}TypesConfig /etc/mime.types\nDirectoryIndex index.html\nDocumentRoot {root}/empty\nInclude {root}/access/apache.conf\n",
        root = root.display(),
        log = log.display(),
    ));
    std::fs::write(&conf, text).unwrap();
    let child = Command::new(which("apache2").unwrap())
        .arg("-X")
        .arg("-f")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server { child, port, log }.ready()
}

/// Whether the tests run as root (the user id from /proc, without a crate for it).
fn unsafe_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Every user against every audience's site, with the right and a wrong password,
/// and without a name; and what lies outside the audiences' folders.
fn check_access(server: &Server, name: &str) {
    for &(user, password) in USERS {
        for &site in SITES {
            let path = format!("/reverse-mentoring/{site}/{}", page_of(site));
            let (code, answer) = server.status(&path, Some((user, password)));
            if allowed(user).contains(&site) {
                assert_eq!(code, 200, "{name}: {user} reads {path}:\n{answer}");
                assert!(
                    answer.contains("Content-Security-Policy: default-src 'self'"),
                    "{name}: headers:\n{answer}"
                );
                let (code, _) = server.status(&path, Some((user, "falsch")));
                assert_eq!(code, 401, "{name}: {user} with a wrong password at {path}");
            } else {
                assert!(
                    code == 401 || code == 403,
                    "{name}: {user} must not read {path}, got {code}:\n{answer}"
                );
                assert!(
                    !answer.contains("<main"),
                    "{name}: a page came with the refusal"
                );
            }
        }
    }
    for &site in SITES {
        let (code, answer) = server.status(&format!("/reverse-mentoring/{site}/"), None);
        assert_eq!(code, 401, "{name}: without a name at {site}:\n{answer}");
        assert!(
            answer.contains("WWW-Authenticate: Basic"),
            "{name}: asks for a name:\n{answer}"
        );
    }
    for path in [
        "/reverse-mentoring/",
        "/reverse-mentoring/.tandem-output",
        "/reverse-mentoring/andere/",
    ] {
        let (code, _) = server.status(path, Some(USERS[0]));
        assert!(
            code == 403 || code == 404,
            "{name}: {path} is outside every audience, got {code}"
        );
    }
    let (code, answer) = server.status(
        "/reverse-mentoring/musterstadt/gibt-es-nicht/",
        Some(("dora", "Muster:4")),
    );
    assert_eq!(code, 404, "{name}");
    assert!(
        answer.contains("/reverse-mentoring/musterstadt/assets/style.css"),
        "{name}: the audience's own 404 page:\n{answer}"
    );
}

#[test]
fn nginx_lets_each_audience_read_only_its_own_site() {
    let Some(setup) = Setup::new() else { return };
    let server = nginx(&setup);
    check_access(&server, "nginx");
}

#[test]
fn apache_lets_each_audience_read_only_its_own_site() {
    let Some(setup) = Setup::new() else { return };
    let server = apache(&setup);
    check_access(&server, "apache");
}

#[test]
fn the_rules_hold_no_password() {
    let Some(setup) = Setup::new() else { return };
    for file in ["access/nginx.conf", "access/apache.conf"] {
        let text = std::fs::read_to_string(setup.root().join(file)).unwrap();
        for (_, password) in USERS {
            assert!(!text.contains(password), "{file} holds a password");
        }
        let hashes = std::fs::read_to_string(setup.root().join("htpasswd")).unwrap();
        for line in hashes.lines() {
            let hash = line.split_once(':').unwrap().1;
            assert!(!text.contains(hash), "{file} holds a password's hash");
        }
    }
}
