//! Nothing is lost under faults: a build killed at any moment, a disk that fills up, an
//! output folder that may not be written and a file that may not be read leave the
//! previous site whole, and the next build works.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_tandem");
const ENTRY: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin.md";

/// Folders tandem left beside the output (its temporary ones).
fn temp_folders(p: &Project) -> Vec<String> {
    std::fs::read_dir(p.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tandem-"))
        .collect()
}

fn temp_folder_exists(p: &Project) -> bool {
    !temp_folders(p).is_empty()
}

/// Starts `tandem build` on the project and kills it (SIGKILL) when `when` says so.
fn build_and_kill(p: &Project, when: impl Fn(Duration) -> bool) {
    let mut child = Command::new(BIN)
        .args(["build", "--content"])
        .arg(p.content())
        .arg("--output")
        .arg(p.out())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        if when(t0.elapsed()) {
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let p = Project::mini();
    p.build(&[]).assert_ok();
    let mut sites = vec![snapshot(&p.out())];
    let mut kills = 0;
    for round in 0..14 {
        // Each round changes the content, so that old and new sites differ.
        p.edit(ENTRY, "LinkedIn", &format!("LinkedIn{round}"));
        let clean = {
            let q = Project::copy_of(&p.content());
            q.build(&[]).assert_ok();
            snapshot(&q.out())
        };
        if round % 2 == 0 {
            // Killed while the new site is being written.
            build_and_kill(&p, |_| temp_folder_exists(&p));
        } else {
            // Killed at a moment spread over the whole build.
            let at = Duration::from_millis(40 * round as u64);
            build_and_kill(&p, |t| t >= at);
        }
        kills += 1;
        let now = snapshot(&p.out());
        assert!(
            sites.contains(&now) || now == clean,
            "round {round}: after the kill the output is neither the previous site nor the new one"
        );
        sites.push(clean);
    }
    assert!(kills > 0);
    // The next build works and clears what the killed ones left behind.
    p.build(&[]).assert_ok();
    assert_eq!(&snapshot(&p.out()), sites.last().unwrap());
    assert!(
        temp_folders(&p).is_empty(),
        "left behind: {:?}",
        temp_folders(&p)
    );
}

#[test]
fn a_build_killed_between_moving_the_old_site_aside_and_the_new_one_in_is_repaired() {
    // Where folders cannot be exchanged in one step, a kill at the worst moment leaves
    // the previous site beside the output; the next build puts it back first.
    let p = Project::mini();
    p.build(&[]).assert_ok();
    let before = snapshot(&p.out());
    let dead = dead_pid();
    let aside = p.root().join(format!(".public.tandem-old-{dead}"));
    let half = p.root().join(format!(".public.tandem-new-{dead}"));
    std::fs::rename(p.out(), &aside).unwrap();
    std::fs::create_dir_all(half.join("cohorts")).unwrap();
    std::fs::write(half.join("index.html"), "half").unwrap();
    // Even a build that fails on its content puts the previous site back.
    p.write("program.yaml", "title: [kaputt\n");
    p.build(&[]).assert_code(1);
    assert_eq!(snapshot(&p.out()), before, "the previous site is back");
    assert!(
        temp_folders(&p).is_empty(),
        "left behind: {:?}",
        temp_folders(&p)
    );
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Runs tandem with the size of every file it writes limited to `max_bytes`: writing a
/// bigger one fails as it does on a full disk.
fn build_with_file_limit(p: &Project, max_bytes: u64) -> Run {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(BIN);
    cmd.args(["build", "--content"])
        .arg(p.content())
        .arg("--output")
        .arg(p.out());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: max_bytes,
                rlim_max: max_bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap().into()
}

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_the_previous_site() {
    let p = Project::mini();
    p.build(&[]).assert_ok();
    let before = snapshot(&p.out());
    p.edit(ENTRY, "LinkedIn", "LinkedIn-neu");
    // Pages are bigger than 4 kB: the first one fails as on a full disk.
    let run = build_with_file_limit(&p, 4096);
    run.assert_code(1);
    assert!(
        run.stderr.contains("the site could not be written")
            && run.stderr.contains("the previous output")
            && run.stderr.contains("is unchanged"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(snapshot(&p.out()), before);
    assert!(
        temp_folders(&p).is_empty(),
        "left behind: {:?}",
        temp_folders(&p)
    );
    p.build(&[]).assert_ok();
    assert!(std::fs::read_to_string(p.out().join("index.html"))
        .unwrap()
        .contains("<html"));
}

/// Runs tandem as an ordinary user when the tests run as root (root may write and read
/// everything, whatever the permissions say).
fn as_ordinary_user(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::geteuid() == 0
                && (libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(65534) != 0
                    || libc::setuid(65534) != 0)
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn chmod_tree(dir: &Path, dirs: u32, files: u32) {
    chmod(dir, dirs);
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            chmod_tree(&p, dirs, files);
        } else {
            chmod(&p, files);
        }
    }
}

fn run_user(p: &Project, out: &Path) -> Run {
    // A copy of the binary beside the project: the ordinary user may not be allowed
    // into the folder the tests were built in.
    let bin = p.root().join("tandem-bin");
    if !bin.exists() {
        std::fs::copy(BIN, &bin).unwrap();
        chmod(&bin, 0o755);
    }
    let mut cmd = Command::new(&bin);
    cmd.args(["build", "--content"])
        .arg(p.content())
        .arg("--output")
        .arg(out);
    as_ordinary_user(&mut cmd);
    cmd.output().unwrap().into()
}

#[test]
fn an_output_folder_that_may_not_be_written_gives_a_clear_error() {
    let p = Project::mini();
    chmod_tree(p.root(), 0o755, 0o644);
    // The folder that would hold the output is read-only.
    let parent: PathBuf = p.root().join("nur-lesen");
    std::fs::create_dir_all(&parent).unwrap();
    chmod(&parent, 0o555);
    let run = run_user(&p, &parent.join("public"));
    run.assert_code(1);
    assert!(
        run.stderr.contains("the site could not be written")
            && run.stderr.contains("ermission denied"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(std::fs::read_dir(&parent).unwrap().next().is_none());
}

#[test]
fn a_file_that_may_not_be_read_is_named_in_a_clear_error() {
    let p = Project::mini();
    chmod_tree(p.root(), 0o777, 0o644);
    chmod(&p.content().join(ENTRY), 0o000);
    let run = run_user(&p, &p.out());
    run.assert_code(1);
    assert_reported(
        &run.stderr,
        "Fehler",
        "Diese Datei kann nicht gelesen werden: Sie haben keine Berechtigung, sie zu lesen",
        ENTRY,
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !p.out().exists(),
        "nothing is written when a file cannot be read"
    );
    p.edit("program.yaml", "language: de\n", "language: en\n");
    let run = run_user(&p, &p.out());
    assert_reported(
        &run.stderr,
        "error",
        "this file cannot be read: you have no permission to read it",
        ENTRY,
    );
}
