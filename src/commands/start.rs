//! `tandem` started without a terminal (a double-click in a file manager): the preview
//! of the programme beside the program, in the browser, drafts and private entries
//! included, since that preview is the writer's own.

use crate::cli::Cli;
use clap::Parser;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Whether this is a start without arguments and without a terminal to print help on:
/// neither stdin nor stderr is a terminal, or (on Windows, where a double-click gives a
/// console program a console window of its own) nothing else uses the console.
pub fn double_clicked() -> bool {
    std::env::args_os().len() == 1
        && ((!std::io::stdin().is_terminal() && !std::io::stderr().is_terminal())
            || alone_in_its_console())
}

/// On Windows: whether this program is the only one in its console, as when Explorer
/// started it; a console a person typed the command into also holds their shell.
#[cfg(windows)]
fn alone_in_its_console() -> bool {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut ids = [0u32; 4];
    // SAFETY: the list holds `ids.len()` entries, as the count passed says.
    unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) == 1 }
}

#[cfg(not(windows))]
fn alone_in_its_console() -> bool {
    false
}

/// The programme "beside" the program: the first folder holding a `program.yaml` of
/// `content/` next to the program, the program's own folder, and `content/` in the
/// current folder.
pub fn programme_beside(program: &Path, current: &Path) -> Option<PathBuf> {
    let dir = program.parent()?;
    [
        dir.join("content"),
        dir.to_path_buf(),
        current.join("content"),
    ]
    .into_iter()
    .find(|d| d.join("program.yaml").is_file())
}

/// The command line of a double-click start: `tandem serve --open --drafts --private
/// --content <the programme beside it>`; `None` when there is no programme beside it.
pub fn preview_beside_the_program() -> Option<Cli> {
    let program = std::env::current_exe().ok()?;
    let program = program.canonicalize().unwrap_or(program);
    let current = std::env::current_dir().unwrap_or_default();
    let content = programme_beside(&program, &current)?;
    let args: Vec<OsString> = ["tandem", "serve", "--open", "--drafts", "--private"]
        .into_iter()
        .map(OsString::from)
        .chain([OsString::from("--content"), content.into_os_string()])
        .collect();
    Cli::try_parse_from(args).ok()
}

/// With nobody to read a terminal, the browser says that no programme was found, and
/// where tandem looked.
pub fn explain_in_browser() {
    let program = std::env::current_exe().unwrap_or_default();
    let dir = program
        .parent()
        .unwrap_or(Path::new("."))
        .display()
        .to_string();
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>tandem</title></head>\
         <body style=\"font:17px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em\">\
         <h1>Kein Programm gefunden</h1>\
         <p>tandem zeigt die Vorschau des Programms, das neben ihm liegt. Im Ordner <code>{d}</code> \
         gibt es aber weder einen Ordner <code>content</code> mit einer Datei <code>program.yaml</code> \
         noch eine <code>program.yaml</code> selbst.</p>\
         <p>Legen Sie tandem in den Ordner, der den Ordner <code>content</code> Ihres Programms enthält, \
         und starten Sie es dort noch einmal. Ihre Programmleitung hilft Ihnen dabei.</p>\
         <hr><h2 lang=\"en\">No programme found</h2>\
         <p lang=\"en\">tandem previews the programme beside it, but the folder <code>{d}</code> has \
         neither a <code>content</code> folder with a <code>program.yaml</code> nor a \
         <code>program.yaml</code> itself. Put tandem in the folder that holds your programme's \
         <code>content</code> folder and start it again.</p></body></html>",
        d = esc(&dir)
    );
    let path = std::env::temp_dir().join("tandem-kein-programm.html");
    if std::fs::write(&path, page).is_ok() {
        let _ = opener::open(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_programme_beside_the_program_is_found_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let program = root.join("tandem");
        let elsewhere = root.join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        assert_eq!(programme_beside(&program, &elsewhere), None);

        std::fs::create_dir_all(elsewhere.join("content")).unwrap();
        std::fs::write(elsewhere.join("content/program.yaml"), "title: x\n").unwrap();
        assert_eq!(
            programme_beside(&program, &elsewhere),
            Some(elsewhere.join("content"))
        );

        std::fs::write(root.join("program.yaml"), "title: x\n").unwrap();
        assert_eq!(
            programme_beside(&program, &elsewhere),
            Some(root.to_path_buf())
        );

        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/program.yaml"), "title: x\n").unwrap();
        assert_eq!(
            programme_beside(&program, &elsewhere),
            Some(root.join("content"))
        );
    }
}
