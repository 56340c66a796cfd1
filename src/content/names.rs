//! The rules about names: which files in the content folder are content at all, which
//! names every computer can hold, and how a file's name becomes its path on the site.
//!
//! The loader follows them, and so do the stages that look at the same folders on their
//! own: the output (its marker file), the file watcher (which changes to ignore), the
//! theme loader, `tandem new` and the templates' `date` filter.

use super::slug::slugify;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// What `tandem new tandem` writes where the command line named nobody, German and
/// English; the build warns while a tandem.yaml still says it.
pub(crate) const PLACEHOLDER_NAME: [&str; 2] = ["Vorname Nachname", "First Last"];
pub(crate) const PLACEHOLDER_ROLE: [&str; 2] = ["Rolle", "Role"];
pub(crate) const PLACEHOLDER_ORGANIZATION: [&str; 2] = ["Name der Bank eG", "Organisation name"];
pub(crate) const PLACEHOLDER_GOALS: [&str; 2] = [
    "Was möchte das Tandem in diesem Jahrgang lernen?",
    "What does the tandem want to learn?",
];

/// The marker file that tandem writes into every output folder it creates.
pub(crate) const OUTPUT_MARKER: &str = ".tandem-output";

/// Editor temp, backup and swap files, never content.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

pub(crate) use super::front_matter::parse_date as parse_iso_date;

/// The name messages give a file: its path inside the content folder, with `/` between
/// folders. `None` when the path is not inside `root` or a name in it is not UTF-8.
pub(crate) fn rel_string(root: &Path, p: &Path) -> Option<String> {
    let rel = p.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        parts.push(c.as_os_str().to_str()?.to_string());
    }
    Some(parts.join("/"))
}

/// Why Windows cannot hold a file or folder of this name, if it cannot.
pub(crate) fn windows_problem(name: &str) -> Option<crate::diagnostics::Text> {
    const RESERVED: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(crate::text!(
            "Windows erlaubt keine Namen, die mit einem Punkt oder Leerzeichen enden",
            "Windows does not allow names that end with a dot or a space"
        ));
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if let Some(r) = RESERVED.iter().find(|r| r.eq_ignore_ascii_case(stem)) {
        return Some(crate::text!(
            "`{r}` ist ein Name, den Windows für ein Gerät reserviert",
            "`{r}` is a name Windows reserves for a device"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '\\' | '|' | '?' | '*') || c.is_control())
    {
        let c = c.escape_default();
        return Some(crate::text!(
            "Windows erlaubt das Zeichen `{c}` in Namen nicht",
            "Windows does not allow the character `{c}` in names"
        ));
    }
    None
}

/// The output path of a copied file: each folder and the file stem slugified, the
/// extension kept in lower case (`Agenda Workshop.PDF` → `agenda-workshop.pdf`).
pub(crate) fn url_file_path(rel: &str) -> String {
    let nfc: String = rel.nfc().collect();
    let mut parts: Vec<String> = nfc.split('/').map(|s| s.to_string()).collect();
    let last = parts.pop().unwrap_or_default();
    let mut out: Vec<String> = parts.iter().map(|p| slug_or_keep(p)).collect();
    let file = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            format!("{}.{}", slug_or_keep(stem), ext.to_lowercase())
        }
        _ => slug_or_keep(&last),
    };
    out.push(file);
    out.join("/")
}

fn slug_or_keep(s: &str) -> String {
    let slug = slugify(s);
    if slug.is_empty() {
        "file".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_file_names_are_web_safe() {
        assert_eq!(url_file_path("Agenda Workshop.PDF"), "agenda-workshop.pdf");
        assert_eq!(url_file_path("bilder/Größe 1.png"), "bilder/groesse-1.png");
        assert_eq!(url_file_path("docs/x/logo.svg"), "docs/x/logo.svg");
    }

    #[test]
    fn editor_files_are_ignored() {
        for n in [
            ".x.md.swp",
            "x.md~",
            "4913",
            "#x.md#",
            ".#x.md",
            "x.md___jb_tmp___",
            "x.tmp",
        ] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("2019-03-14-x.md"));
    }
}
