//! `scripts/publish.sh`, the pipelines' steps to run locally: check, build every
//! audience, rsync into the server's folder; the compiled tandem kept and compiled
//! again only when its sources change. Needs `rsync` and `sha256sum` (skipped with a
//! message without them, unless `TANDEM_REQUIRE_WEB_SERVERS=1`, as in `.ci/run`).

mod common;

use common::*;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;

const AUDIENCES: &str = "audiences:
  - id: leitung
  - id: musterstadt
    organizations: [Raiffeisenbank Musterstadt eG]
  - id: vorstand
    anonymous: true
";

fn tools_missing() -> bool {
    let missing: Vec<&str> = ["rsync", "sha256sum"]
        .into_iter()
        .filter(|t| {
            !Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {t}"))
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if missing.is_empty() {
        return false;
    }
    let required = std::env::var_os("TANDEM_REQUIRE_WEB_SERVERS").is_some_and(|v| v == "1");
    assert!(
        !required,
        "{missing:?} not installed (apt-get install rsync coreutils)"
    );
    eprintln!("skipped: {missing:?} not installed");
    true
}

/// Runs the script in the project's folder: `publish.sh content server`.
fn publish(p: &Project, env: &[(&str, String)]) -> Run {
    let mut cmd = Command::new("sh");
    cmd.arg(repo().join("scripts/publish.sh"))
        .arg("content")
        .arg("server")
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .env_remove("TANDEM")
        .env_remove("CHECK_FORMAT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap().into()
}

fn binary() -> (&'static str, String) {
    ("TANDEM", env!("CARGO_BIN_EXE_tandem").to_string())
}

fn project() -> Project {
    let p = Project::sample();
    let yaml = p.read("program.yaml");
    p.write("program.yaml", format!("{yaml}{AUDIENCES}"));
    p
}

fn inode(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().ino()
}

#[test]
fn the_script_checks_builds_every_audience_and_copies_only_what_changed() {
    if tools_missing() {
        return;
    }
    let p = project();
    let run = publish(&p, &[binary()]);
    run.assert_ok();
    assert!(run.stdout.contains("== published"), "{}", run.stdout);
    let server = p.root().join("server");
    assert_eq!(
        snapshot(&server),
        snapshot(&p.out()),
        "the server's folder is the output"
    );
    for id in ["leitung", "musterstadt", "vorstand"] {
        assert!(server.join(id).join("index.html").is_file(), "{id}");
    }
    // An edit: the next run copies the changed pages and leaves the others alone.
    let faq = server.join("leitung/docs/faq/index.html");
    let before = inode(&faq);
    p.edit(
        "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md",
        "title: LinkedIn für Vorstände",
        "title: LinkedIn für Aufsichtsräte",
    );
    publish(&p, &[binary()]).assert_ok();
    assert_eq!(inode(&faq), before, "an unchanged page is not copied again");
    let page =
        std::fs::read_to_string(server.join("musterstadt/cohorts/2019/berger-vogt/index.html"))
            .unwrap();
    assert!(page.contains("Aufsichtsräte"), "the changed page is there");
    // Content with an error stops the script before anything is copied.
    let published = snapshot(&server);
    p.edit(
        "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md",
        "date: 2019-03-14",
        "date: 2019-02-30",
    );
    let run = publish(&p, &[binary()]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("2019-02-30"), "{}", run.stderr);
    assert_eq!(
        snapshot(&server),
        published,
        "the server's folder is unchanged"
    );
}

#[test]
fn tandem_is_compiled_once_and_again_only_when_its_sources_change() {
    if tools_missing() {
        return;
    }
    let p = project();
    // A `cargo` that "compiles" by copying the test's tandem, and counts its calls.
    let bin = p.root().join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = p.root().join("cargo.log");
    let target = p.root().join("target");
    std::fs::write(
        bin.join("cargo"),
        format!(
            "#!/bin/sh\necho \"$@\" >> {log}\nmkdir -p \"$CARGO_TARGET_DIR/release\"\ncp {tandem} \"$CARGO_TARGET_DIR/release/tandem\"\n",
            log = log.display(),
            tandem = env!("CARGO_BIN_EXE_tandem"),
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(bin.join("cargo"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cache = p.root().join("cache");
    let env = [
        ("PATH", path),
        ("CARGO_TARGET_DIR", target.display().to_string()),
        ("TANDEM_CACHE", cache.display().to_string()),
    ];
    let run = publish(&p, &env);
    run.assert_ok();
    assert!(run.stderr.contains("== compiling tandem"), "{}", run.stderr);
    publish(&p, &env).assert_ok();
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls.lines().count(), 1, "compiled once: {calls}");
    assert!(
        calls.contains("build --release --locked --bin tandem"),
        "{calls}"
    );
    // Another version of the sources in the cache: compiled again.
    std::fs::write(cache.join("sources"), "andere Quellen\n").unwrap();
    publish(&p, &env).assert_ok();
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 2);
}

#[test]
fn without_a_destination_it_checks_and_builds_and_the_report_goes_to_a_file() {
    if tools_missing() {
        return;
    }
    let p = project();
    let mut cmd = Command::new("sh");
    let out = cmd
        .arg(repo().join("scripts/publish.sh"))
        .arg("content")
        .current_dir(p.root())
        .env("TANDEM", env!("CARGO_BIN_EXE_tandem"))
        .env("CHECK_FORMAT", "gitlab")
        .env("CHECK_REPORT", "gl-code-quality-report.json")
        .output()
        .unwrap();
    let run: Run = out.into();
    run.assert_ok();
    assert!(run.stdout.contains("nothing copied"), "{}", run.stdout);
    assert!(p.out().join("musterstadt/index.html").is_file());
    assert!(!p.root().join("server").exists());
    let report = std::fs::read_to_string(p.root().join("gl-code-quality-report.json")).unwrap();
    assert_eq!(report.trim(), "[]", "no problems");
    // A warning fails the check (`--strict`), and the report says where.
    p.edit(
        "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md",
        "title: LinkedIn für Vorstände",
        "title: LinkedIn für Vorstände\ntags: [x]",
    );
    let run: Run = Command::new("sh")
        .arg(repo().join("scripts/publish.sh"))
        .arg("content")
        .current_dir(p.root())
        .env("TANDEM", env!("CARGO_BIN_EXE_tandem"))
        .env("CHECK_FORMAT", "gitlab")
        .env("CHECK_REPORT", "gl-code-quality-report.json")
        .output()
        .unwrap()
        .into();
    assert_ne!(run.code, 0);
    let report = std::fs::read_to_string(p.root().join("gl-code-quality-report.json")).unwrap();
    assert!(
        report.contains(
            "\"path\": \"content/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md\""
        ),
        "{report}"
    );
}

/// The ```yaml block after `marker` in docs/hosting.md, read as YAML.
fn pipeline(marker: &str) -> serde_json::Value {
    let docs = std::fs::read_to_string(repo().join("docs/hosting.md")).unwrap();
    let after = &docs[docs.find(marker).unwrap_or_else(|| panic!("no {marker}"))..];
    let start = after.find("```yaml\n").unwrap() + "```yaml\n".len();
    let block = &after[start..start + after[start..].find("```").unwrap()];
    serde_saphyr::from_str(block).unwrap_or_else(|e| panic!("{marker}: not YAML: {e}\n{block}"))
}

#[test]
fn the_pipelines_in_the_docs_run_the_script_and_cache_tandem() {
    let gitlab = pipeline("**GitLab CI**");
    assert_eq!(gitlab["default"]["cache"]["paths"][0], ".tandem-cache/");
    for job in ["check", "publish"] {
        let script = gitlab[job]["script"].to_string();
        assert!(
            script.contains("scripts/publish.sh content"),
            "{job}: {script}"
        );
        assert_eq!(
            gitlab[job]["artifacts"]["reports"]["codequality"],
            "gl-code-quality-report.json"
        );
    }
    assert!(gitlab["publish"]["script"]
        .to_string()
        .contains("deploy@intranet.example.org:/srv/www/"));
    let github = pipeline("**GitHub Actions**");
    let steps = github["jobs"]["site"]["steps"].as_array().unwrap();
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache"))
        })
        .unwrap();
    assert_eq!(cache["with"]["path"], ".tandem-cache");
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect();
    assert!(
        runs.iter()
            .all(|r| r.contains("scripts/publish.sh content")),
        "{runs:?}"
    );
    assert!(steps
        .iter()
        .all(|s| s["env"].is_null() || s["env"]["CHECK_FORMAT"] == "github"));
}
