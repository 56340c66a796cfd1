//! What stops a command: a wrong command line, a folder tandem may not write, a file
//! it cannot create, a port it cannot listen on, content with errors. Problems *in*
//! the content, with their file, line and column, are [`crate::diagnostics`]'s; a
//! command reports those itself and then fails with [`Error::Content`].
//!
//! Commands return `Result<(), Error>`. Only `main` prints an error, once, with
//! [`Error::report`], and ends the process with [`Error::exit_code`]. Code below the
//! commands reports through values and never prints.

use crate::diagnostics::Text;
use crate::language::Language;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Exit status: success (warnings allowed unless `--strict`).
pub const OK: i32 = 0;
/// Exit status: the content has errors (or a file could not be written).
pub(crate) const CONTENT_ERROR: i32 = 1;
/// Exit status: the command line or the environment is wrong (bad flag, foreign output folder).
pub const USAGE_ERROR: i32 = 2;

#[derive(Debug)]
pub enum Error {
    /// The content folder does not exist.
    NoContent(PathBuf),
    /// The folder has no program.yaml.
    NotAProgramme(PathBuf),
    /// An argument that cannot be used, with what to do instead.
    BadArgument { problem: Text, help: Option<Text> },
    /// The output folder exists, is not empty and was not written by tandem.
    ForeignOutput(PathBuf),
    /// The output folder is the content folder or holds it: writing there would
    /// destroy the content.
    OutputHoldsContent(PathBuf),
    /// The output folder cannot be read to tell whose it is.
    UnreadableOutput(PathBuf, io::Error),
    /// `tandem init` was given a folder that is not empty.
    NotEmpty(PathBuf),
    /// `tandem new` or `tandem init` would overwrite this file.
    Exists(PathBuf),
    /// A file or folder could not be created.
    Create(PathBuf, io::Error),
    /// A file could not be written.
    Write(PathBuf, io::Error),
    /// The content has errors, already reported as diagnostics by the command, in the
    /// programme's language, with what became of the output folder.
    Content,
    /// The new site could not be written beside the output; the output is unchanged.
    Unwritten { out: PathBuf, source: io::Error },
    /// The new site was written but could not take the output's place.
    NotSwapped { out: PathBuf, source: io::Error },
    /// `watch` or `serve --output` could not bring the output folder up to date.
    Update { out: PathBuf, source: io::Error },
    /// The content folder cannot be watched for changes; `poll_helps` when watching by
    /// polling might work instead.
    Watch {
        content: PathBuf,
        source: notify::Error,
        poll_helps: bool,
    },
    /// The web server of `tandem serve` could not start, or stopped.
    Server(ServerError),
}

#[derive(Debug)]
pub enum ServerError {
    /// The runtime of the web server could not be started.
    Runtime(io::Error),
    /// The address given with `--bind` cannot be listened on.
    Listen { addr: SocketAddr, source: io::Error },
    /// The port and the 19 after it are taken; the error of the last try.
    PortsInUse {
        first: u16,
        last: u16,
        source: Option<io::Error>,
    },
    /// The address the server listens on cannot be told.
    Address(io::Error),
    /// The web server stopped with an error.
    Stopped(io::Error),
}

impl From<ServerError> for Error {
    fn from(e: ServerError) -> Self {
        Error::Server(e)
    }
}

impl Error {
    /// The process's exit status for this error.
    pub fn exit_code(&self) -> i32 {
        use Error::*;
        match self {
            Content
            | Exists(_)
            | Create(..)
            | Write(..)
            | Unwritten { .. }
            | NotSwapped { .. }
            | Update { .. } => CONTENT_ERROR,
            NoContent(_)
            | NotAProgramme(_)
            | BadArgument { .. }
            | ForeignOutput(_)
            | OutputHoldsContent(_)
            | UnreadableOutput(..)
            | NotEmpty(_)
            | Watch { .. }
            | Server(_) => USAGE_ERROR,
        }
    }

    /// What `main` prints on stderr, in `lang` (the programme's language): `Fehler: …`
    /// / `error: …` with the message, and what helps on a line of its own, as a content
    /// problem's help is shown; nothing for content errors, which the command reported
    /// already.
    pub fn report(&self, lang: Language) -> Option<String> {
        if let Error::Content = self {
            return None;
        }
        let (error, help) = match lang {
            Language::De => ("Fehler", "Tipp"),
            Language::En => ("error", "help"),
        };
        let mut out = format!("{error}: {}", self.problem().get(lang));
        if let Some(h) = self.help() {
            out.push_str(&format!("\n  {help}: {}", h.get(lang)));
        }
        Some(out)
    }

    /// What went wrong.
    fn problem(&self) -> Text {
        use Error::*;
        match self {
            NoContent(dir) => {
                let d = dir.display();
                crate::text!(
                    "Den Inhaltsordner `{d}` gibt es nicht",
                    "the content folder `{d}` does not exist"
                )
            }
            NotAProgramme(dir) => {
                let d = dir.display();
                crate::text!(
                    "`{d}` ist kein Programmordner: die Datei program.yaml fehlt",
                    "`{d}` is not a programme folder (it has no program.yaml)"
                )
            }
            BadArgument { problem, .. } => problem.clone(),
            ForeignOutput(out) => {
                let o = out.display();
                crate::text!(
                    "Im Ausgabeordner `{o}` liegen Dateien, die nicht von tandem stammen; er bleibt deshalb unberührt.",
                    "the output folder `{o}` already holds files that tandem did not write, so it is left alone."
                )
            }
            OutputHoldsContent(out) => {
                let o = out.display();
                crate::text!(
                    "Der Ausgabeordner `{o}` enthält den Inhaltsordner; dorthin zu schreiben würde Ihre Inhalte ersetzen.",
                    "the output folder `{o}` contains the content folder; writing there would replace your content."
                )
            }
            UnreadableOutput(out, e) => {
                let (o, r) = (out.display(), german_reason(e));
                crate::text!(
                    "Der Ausgabeordner `{o}` kann nicht gelesen werden: {r}",
                    "cannot read the output folder `{o}`: {e}"
                )
            }
            NotEmpty(dir) => {
                let d = dir.display();
                crate::text!(
                    "`{d}` gibt es schon, und der Ordner ist nicht leer; tandem überschreibt nie Dateien",
                    "`{d}` already exists and is not empty; tandem never overwrites files"
                )
            }
            Exists(path) => {
                let p = path.display();
                crate::text!(
                    "`{p}` gibt es schon; tandem überschreibt nie eine Datei",
                    "`{p}` already exists; tandem never overwrites a file"
                )
            }
            Create(path, e) => {
                let (p, r) = (path.display(), german_reason(e));
                crate::text!(
                    "`{p}` kann nicht angelegt werden: {r}",
                    "cannot create `{p}`: {e}"
                )
            }
            Write(path, e) => {
                let (p, r) = (path.display(), german_reason(e));
                crate::text!(
                    "`{p}` kann nicht geschrieben werden: {r}",
                    "cannot write `{p}`: {e}"
                )
            }
            Content => crate::text!("Der Inhalt hat Fehler", "the content has errors"),
            Unwritten { out, source: e } => {
                let (o, r) = (out.display(), german_reason(e));
                crate::text!(
                    "Die Seite konnte nicht geschrieben werden ({r}); die bisherige Ausgabe in `{o}` bleibt, wie sie war",
                    "the site could not be written ({e}); the previous output in `{o}` is unchanged"
                )
            }
            NotSwapped { out, source: e } => {
                let (o, r) = (out.display(), german_reason(e));
                crate::text!(
                    "Die neue Seite konnte `{o}` nicht ersetzen: {r}",
                    "the new site could not replace `{o}`: {e}"
                )
            }
            Update { out, source: e } => {
                let (o, r) = (out.display(), german_reason(e));
                crate::text!(
                    "Der Ausgabeordner {o} kann nicht auf den neuen Stand gebracht werden: {r}",
                    "cannot update the output folder {o}: {e}"
                )
            }
            Watch {
                content, source, ..
            } => {
                let c = content.display();
                crate::text!(
                    "Der Ordner {c} kann nicht auf Änderungen beobachtet werden: {source}",
                    "cannot watch {c}: {source}"
                )
            }
            Server(e) => e.problem(),
        }
    }

    /// What to do about it, when there is something to say.
    fn help(&self) -> Option<Text> {
        use Error::*;
        Some(match self {
            NoContent(_) => crate::text!(
                "Starten Sie tandem in dem Ordner, in dem `content/` liegt, geben Sie den Inhaltsordner mit `--content ORDNER` an, oder legen Sie mit `tandem init ORDNER` ein neues Programm an.",
                "run tandem in the folder that contains `content/`, pass `--content DIR`, or create a new programme with `tandem init DIR`"
            ),
            NotAProgramme(_) => crate::text!(
                "Geben Sie den Programmordner mit `--content ORDNER` an, oder beginnen Sie mit `tandem init ORDNER` ein neues Programm.",
                "pass `--content DIR`, or start a new programme with `tandem init DIR`"
            ),
            BadArgument { help, .. } => return help.clone(),
            ForeignOutput(_) => crate::text!(
                "Wählen Sie mit `--output ORDNER` einen anderen Ordner, oder leeren oder löschen Sie diesen zuerst.",
                "choose another folder with `--output DIR`, or empty or delete this one first"
            ),
            OutputHoldsContent(_) => crate::text!(
                "Wählen Sie mit `--output ORDNER` einen anderen Ordner.",
                "choose another folder with `--output DIR`"
            ),
            NotEmpty(_) => crate::text!(
                "Wählen Sie einen neuen Ordnernamen.",
                "choose a new folder name"
            ),
            Exists(_) => crate::text!(
                "Wählen Sie einen anderen Titel oder ein anderes Datum, oder bearbeiten Sie die vorhandene Datei.",
                "choose another title or date, or edit the existing file"
            ),
            Watch {
                poll_helps: true, ..
            } => crate::text!(
                "Versuchen Sie `--poll` (für Netzlaufwerke und WSL).",
                "try `--poll` (for network drives and WSL)"
            ),
            Server(e) => return e.help(),
            _ => return None,
        })
    }
}

/// What the system said, in German words where tandem has them (the system's own
/// words otherwise, as in English).
fn german_reason(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "nicht gefunden".to_string(),
        PermissionDenied => "keine Berechtigung".to_string(),
        AlreadyExists => "gibt es schon".to_string(),
        StorageFull => "der Datenträger ist voll".to_string(),
        FileTooLarge => "die Datei ist zu groß".to_string(),
        ReadOnlyFilesystem => "der Datenträger ist schreibgeschützt".to_string(),
        AddrInUse => "die Adresse ist schon belegt".to_string(),
        AddrNotAvailable => "diese Adresse gibt es auf diesem Rechner nicht".to_string(),
        _ => format!("das System meldet: {e}"),
    }
}

impl fmt::Display for Error {
    /// The English message, and on a line of its own what helps (for logs; people get
    /// [`Error::report`] in their programme's language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.problem().get(Language::En))?;
        match self.help() {
            Some(help) => write!(f, "\n  help: {}", help.get(Language::En)),
            None => Ok(()),
        }
    }
}

impl ServerError {
    fn problem(&self) -> Text {
        use ServerError::*;
        match self {
            Runtime(e) => {
                let r = german_reason(e);
                crate::text!(
                    "Der Webserver kann nicht starten: {r}",
                    "cannot start the web server: {e}"
                )
            }
            Listen { addr, source: e } => {
                let r = german_reason(e);
                crate::text!(
                    "Die Adresse {addr} kann nicht geöffnet werden: {r}",
                    "cannot listen on {addr}: {e}"
                )
            }
            PortsInUse {
                first,
                last,
                source,
            } => {
                let e = source.as_ref().map(|e| e.to_string()).unwrap_or_default();
                let r = source.as_ref().map(german_reason).unwrap_or_default();
                crate::text!(
                    "Die Ports {first} bis {last} sind alle belegt ({r})",
                    "ports {first} to {last} are all in use ({e})"
                )
            }
            Address(e) => {
                let r = german_reason(e);
                crate::text!("{r}", "{e}")
            }
            Stopped(e) => {
                let r = german_reason(e);
                crate::text!(
                    "Der Webserver wurde mit einem Fehler beendet: {r}",
                    "the web server stopped: {e}"
                )
            }
        }
    }

    fn help(&self) -> Option<Text> {
        match self {
            ServerError::Listen { .. } => Some(crate::text!(
                "Prüfen Sie die Adresse bei `--bind` (zum Beispiel 127.0.0.1 oder ::1).",
                "check the address given with --bind (e.g. 127.0.0.1 or ::1)"
            )),
            ServerError::PortsInUse { .. } => Some(crate::text!(
                "Wählen Sie mit `--port` einen anderen Port.",
                "choose another port with --port"
            )),
            _ => None,
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_errors_are_reported_by_the_command_not_again() {
        assert_eq!(Error::Content.report(Language::De), None);
        assert_eq!(Error::Content.report(Language::En), None);
        assert_eq!(Error::Content.exit_code(), CONTENT_ERROR);
    }

    #[test]
    fn usage_errors_say_error_and_what_helps_in_the_programmes_language() {
        let e = Error::BadArgument {
            problem: crate::text!("Der Titel hat keine Buchstaben", "the title has no letters"),
            help: Some(crate::text!("Geben Sie einen anderen.", "give another")),
        };
        assert_eq!(
            e.report(Language::En).as_deref(),
            Some("error: the title has no letters\n  help: give another")
        );
        assert_eq!(
            e.report(Language::De).as_deref(),
            Some("Fehler: Der Titel hat keine Buchstaben\n  Tipp: Geben Sie einen anderen.")
        );
        assert_eq!(e.exit_code(), USAGE_ERROR);
        assert_eq!(Error::Exists("x.md".into()).exit_code(), CONTENT_ERROR);
    }

    #[test]
    fn the_systems_words_are_german_where_tandem_has_them() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let e = Error::Create("public/index.html".into(), denied);
        let de = e.report(Language::De).unwrap();
        assert_eq!(
            de,
            "Fehler: `public/index.html` kann nicht angelegt werden: keine Berechtigung"
        );
        assert!(e
            .report(Language::En)
            .unwrap()
            .starts_with("error: cannot create `public/index.html`: "));
    }
}
