//! Nothing is lost under faults: a build killed at any moment, a disk that fills up, an
//! output folder that may not be written and a file that may not be read leave the
//! previous site whole, and the next build works.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_tandem");
const ENTRY: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin.md";

/// Folders tandem left beside the output (its temporary ones).
fn temp_folders(p: &Project) -> Vec<String> {
    std::fs::read_dir(p.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tandem-") && n != SPARE)
        .collect()
}

/// The fixture with 120 more entries: a build writes its pages over a good while, so
/// that kills chosen by its progress land in the middle of writing.
fn big_project() -> Project {
    let p = Project::mini();
    for i in 0..120 {
        let (month, day) = (3 + (i / 28) % 8, 1 + i % 28);
        p.write(
            &format!("cohorts/2019/keller-yilmaz/2019-{month:02}-{day:02}-notiz-{i}.md"),
            format!(
                "---\ntitle: Notiz {i}\ntopics: [arbeitsorganisation]\n---\n\
                 Heute ging es um Werkzeuge, Termine und Listen (Notiz {i}).\n\n- [ ] Aufgabe {i}\n"
            ),
        );
    }
    p
}

/// Files below `dir` (0 when it does not exist), and whether tandem's marker is among
/// them (a new site gets it last, when all its other files are written).
fn files_in(dir: &Path) -> (usize, bool) {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            } else {
                n += 1;
            }
        }
    }
    (n, dir.join(".tandem-output").exists())
}

/// Starts `tandem build` on the project and kills it (SIGKILL) as soon as the new site
/// this very build writes beside the output holds `at` files and is not complete.
/// Returns how the process ended and, when it was killed, the files it had written.
fn build_and_kill_at(p: &Project, at: usize) -> (std::process::ExitStatus, Option<usize>) {
    let mut child = spawn_build(p);
    let staging = p.root().join(format!(".public.tandem-new-{}", child.id()));
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status, None);
        }
        let (written, complete) = files_in(&staging);
        if written >= at && !complete {
            let _ = child.kill();
            return (child.wait().unwrap(), Some(written));
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// Killed while it writes the new site, a build leaves the previous site exactly as it
/// was (or, killed after the swap, the new one whole); the next build clears up.
#[test]
fn a_build_killed_while_writing_leaves_the_previous_site_whole() {
    use std::os::unix::process::ExitStatusExt;
    let p = big_project();
    p.build(&[]).assert_ok();
    let total = snapshot(&p.out()).len();
    let rounds = 6;
    let mut killed_mid_write = Vec::new();
    for round in 0..rounds {
        assert!(
            temp_folders(&p).is_empty(),
            "round {round} does not start clean: {:?}",
            temp_folders(&p)
        );
        // Without the site the previous build replaced, this build writes a new folder
        // (the kills into a kept site are the next test's).
        let _ = std::fs::remove_dir_all(p.root().join(SPARE));
        let previous = snapshot(&p.out());
        // Every page changes, so that nothing of the new site is linked to the old.
        p.edit(
            "program.yaml",
            "subtitle: Ein kleines Testprogramm",
            &format!("subtitle: Ein kleines Testprogramm {round},"),
        );
        // From the first file of the new site to five sixths of it.
        let at = (round * total / rounds).max(1);
        let (status, written) = build_and_kill_at(&p, at);
        // (No output folder at all reads as an empty site.)
        let after_kill = if p.out().exists() {
            snapshot(&p.out())
        } else {
            Default::default()
        };
        p.build(&[]).assert_ok();
        assert!(
            temp_folders(&p).is_empty(),
            "round {round}: left behind: {:?}",
            temp_folders(&p)
        );
        let new = snapshot(&p.out());
        assert!(previous != new, "round {round}: the edit changed nothing");
        let by_signal = status.signal() == Some(libc::SIGKILL);
        if after_kill == previous && by_signal && written.is_some() {
            killed_mid_write.push((round, written));
        } else {
            assert!(
                after_kill == new,
                "round {round}: killed ({status}) with {written:?} of {total} files written, \
                 the output is neither the previous site nor the new one"
            );
        }
    }
    eprintln!("killed while writing (round, files written of {total}): {killed_mid_write:?}");
    assert!(
        killed_mid_write.len() >= rounds - 2,
        "only {killed_mid_write:?} (round, files written) of {rounds} builds were killed while writing"
    );
}

/// Starts `tandem build` on the project, quietly, and returns at once.
fn spawn_build(p: &Project) -> std::process::Child {
    Command::new(BIN)
        .args(["build", "--content"])
        .arg(p.content())
        .arg("--output")
        .arg(p.out())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Killed while it writes into the site the build before replaced (kept beside the
/// output), a build leaves the previous site or the new one whole, and the next build
/// is a clean build again.
#[test]
fn a_build_killed_while_writing_into_the_kept_site_leaves_a_whole_site() {
    let p = big_project();
    p.build(&[]).assert_ok();
    let mut killed = 0;
    for round in 0..6 {
        // The build before keeps the site it replaced: this one writes into it.
        p.build(&[]).assert_ok();
        assert!(p.root().join(SPARE).is_dir(), "round {round}: no kept site");
        let previous = snapshot(&p.out());
        p.edit(
            "program.yaml",
            "subtitle: Ein kleines Testprogramm",
            &format!("subtitle: Ein kleines Testprogramm {round},"),
        );
        let mut child = spawn_build(&p);
        // From the moment the build takes the kept site, later each round.
        let staging = p.root().join(format!(".public.tandem-new-{}", child.id()));
        while !staging.exists() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(100));
        }
        std::thread::sleep(Duration::from_millis(5 * round));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let after_kill = snapshot(&p.out());
        p.build(&[]).assert_ok();
        let new = snapshot(&p.out());
        assert!(
            after_kill == previous || after_kill == new,
            "round {round}: the output is neither the previous site nor the new one"
        );
        assert!(
            temp_folders(&p).is_empty(),
            "round {round}: left behind: {:?}",
            temp_folders(&p)
        );
        let clean = Project::copy_of(&p.content());
        assert!(
            clean.build_ok(&[]).snapshot() == new,
            "round {round}: the build after the kill differs from a clean build"
        );
    }
    assert!(
        killed >= 3,
        "only {killed} of 6 builds were killed while running"
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
        run.stderr
            .contains("Die Seite konnte nicht geschrieben werden")
            && run.stderr.contains("die bisherige Ausgabe")
            && run.stderr.contains("bleibt, wie sie war"),
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
        run.stderr
            .contains("Die Seite konnte nicht geschrieben werden")
            && run.stderr.contains("keine Berechtigung"),
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

#[test]
fn a_file_that_may_not_be_read_keeps_the_previous_site_and_is_named() {
    let p = Project::mini();
    chmod_tree(p.root(), 0o777, 0o644);
    let out = p.out();
    run_user(&p, &out).assert_ok();
    let before = snapshot(&out);
    p.edit(ENTRY, "LinkedIn", "LinkedIn-neu");
    chmod(&p.content().join(ENTRY), 0o000);
    let run = run_user(&p, &out);
    run.assert_code(1);
    assert!(
        run.stderr.contains(ENTRY) && run.stderr.contains("keine Berechtigung"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(snapshot(&out), before, "the previous site changed");
    assert!(
        temp_folders(&p).is_empty(),
        "left behind: {:?}",
        temp_folders(&p)
    );
}

#[test]
fn an_output_folder_that_may_not_be_written_keeps_the_previous_site_and_is_named() {
    let p = Project::mini();
    chmod_tree(p.root(), 0o777, 0o644);
    // The output lives in a folder of its own, which becomes read-only after the first
    // build: the new site cannot be written beside the output.
    let parent = p.root().join("nur-lesen");
    std::fs::create_dir_all(&parent).unwrap();
    chmod(&parent, 0o777);
    let out = parent.join("public");
    run_user(&p, &out).assert_ok();
    let before = snapshot(&out);
    p.edit(ENTRY, "LinkedIn", "LinkedIn-neu");
    chmod(&parent, 0o555);
    let run = run_user(&p, &out);
    chmod(&parent, 0o777);
    run.assert_code(1);
    assert!(
        run.stderr.contains(&format!("`{}`", out.display()))
            && run.stderr.contains("keine Berechtigung")
            && run.stderr.contains("bleibt, wie sie war"),
        "the error names the output folder: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(snapshot(&out), before, "the previous site changed");
    let beside: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["public"], "left behind beside the output");
}

/// A text file over 10 MB is refused by its size alone: tandem does not open it (here
/// it could not: it may not be read), and the previous site stays.
#[test]
fn a_file_over_10_mb_is_refused_without_being_read() {
    let p = Project::mini();
    chmod_tree(p.root(), 0o777, 0o644);
    run_user(&p, &p.out()).assert_ok();
    let before = snapshot(&p.out());
    let name = "cohorts/2019/keller-yilmaz/2019-05-01-riesig.md";
    let big = p.content().join(name);
    std::fs::File::create(&big)
        .unwrap()
        .set_len(10 * 1024 * 1024 + 1)
        .unwrap();
    chmod(&big, 0o000);
    let run = run_user(&p, &p.out());
    run.assert_code(1);
    assert!(
        run.stderr.contains(name) && run.stderr.contains("bis 10 MB"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("ermission denied") && !run.stderr.contains("Berechtigung"),
        "tandem tried to read the file: {}",
        run.stderr
    );
    assert_eq!(snapshot(&p.out()), before, "the previous site changed");
}
