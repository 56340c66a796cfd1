//! The editor's files on disk: which names it accepts, where they are (inside the
//! content folder, through no symbolic link), the version of a file as it was read, and
//! writing without ever leaving half a file or overwriting one by surprise.

use crate::content::slug::slugify;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A path inside the content folder as a form or an address gives it
/// (`cohorts/2019/berger-vogt/2019-03-14-x.md`); `None` for anything that could lead
/// elsewhere or that not every computer can hold: an absolute path, `..`, `.`, an
/// empty folder name, a backslash, a drive letter or other `:`, a control character.
pub(super) fn safe_rel(raw: &str) -> Option<&str> {
    if raw.is_empty() || raw.len() > 1024 || raw.starts_with('/') {
        return None;
    }
    let bad_char = |c: char| c == '\\' || c == ':' || c.is_control();
    if raw.chars().any(bad_char) {
        return None;
    }
    let ok = raw
        .split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && windows_safe(seg));
    ok.then_some(raw)
}

/// Whether Windows can hold this name (see [`crate::content::names::windows_problem`]).
fn windows_safe(name: &str) -> bool {
    crate::content::names::windows_problem(name).is_none()
}

/// The kinds of file a writer may add to a tandem's folder, by extension.
pub(super) const ATTACHMENT_TYPES: &[(&str, &str)] = &[
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("pdf", "application/pdf"),
];

/// Why a file name given for an upload is refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum BadName {
    /// It names a folder, `..`, a path or holds a control character: never what a
    /// browser sends for a chosen file.
    Path,
    /// Not a picture or a PDF.
    Kind,
}

/// The name an uploaded file is saved under: its name without folders, made a web
/// address's part (`Whiteboard Foto.JPG` → `whiteboard-foto.jpg`), never a name
/// Windows reserves; refused when it is a path or not a picture or PDF.
pub(super) fn upload_name(raw: &str) -> Result<String, BadName> {
    let traversal = raw.split(['/', '\\']).any(|s| s == "..");
    if raw.is_empty()
        || raw.contains(['/', '\\', ':'])
        || raw.chars().any(char::is_control)
        || traversal
    {
        return Err(BadName::Path);
    }
    let (stem, ext) = raw.rsplit_once('.').ok_or(BadName::Kind)?;
    let ext = ext.to_ascii_lowercase();
    if !ATTACHMENT_TYPES.iter().any(|(e, _)| *e == ext) {
        return Err(BadName::Kind);
    }
    let mut stem = slugify(stem);
    if stem.is_empty() {
        stem = "datei".to_string();
    }
    if !windows_safe(&stem) {
        stem.push_str("-datei");
    }
    Ok(format!("{stem}.{ext}"))
}

/// The MIME type of an attachment's name, when it is one the editor accepts.
pub(super) fn attachment_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    ATTACHMENT_TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, t)| *t)
}

/// `rel` inside `root` (the content folder, canonical), when no part of the way is a
/// symbolic link and the folder holding it is inside `root`; the file itself need not
/// exist. `None` otherwise.
pub(super) fn inside(root: &Path, rel: &str) -> Option<PathBuf> {
    let rel = safe_rel(rel)?;
    let mut at = root.to_path_buf();
    for seg in rel.split('/') {
        at.push(seg);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return None,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return None,
        }
    }
    let parent = at.parent()?.canonicalize().ok()?;
    parent.starts_with(root).then_some(at)
}

/// The version of a file's bytes, as the form carries it: a file changed on disk since
/// the form was opened has another one.
pub(super) fn version(bytes: &[u8]) -> String {
    use std::hash::{BuildHasher, Hasher};
    let hash = |seeds: [u64; 4]| {
        let mut h =
            ahash::RandomState::with_seeds(seeds[0], seeds[1], seeds[2], seeds[3]).build_hasher();
        h.write(bytes);
        h.finish()
    };
    format!(
        "{:x}-{:016x}{:016x}",
        bytes.len(),
        hash([31, 32, 33, 34]),
        hash([41, 42, 43, 44])
    )
}

/// How [`write`] treats a file that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Existing {
    /// Replace it (keeping its permissions).
    Replace,
    /// Refuse with [`std::io::ErrorKind::AlreadyExists`].
    Keep,
}

/// Writes `bytes` to `path` as a careful program does: into a new hidden file in the
/// same folder (ignored by the watcher and the loader), flushed to the disk, then put
/// in the file's place in one step. A reader sees the old file or the new one, never
/// half of one; with [`Existing::Keep`] an existing file is never replaced.
pub(super) fn write(path: &Path, bytes: &[u8], existing: Existing) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    let name = path
        .file_name()
        .ok_or(std::io::ErrorKind::InvalidInput)?
        .to_string_lossy();
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| std::io::Error::other(e.to_string()))?;
    let tmp = dir.join(format!(".{name}.{:016x}.tmp", u64::from_le_bytes(nonce)));
    let result = write_then_place(&tmp, path, bytes, existing);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_then_place(
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
    existing: Existing,
) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    f.write_all(bytes)?;
    if existing == Existing::Replace {
        if let Ok(meta) = std::fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
    }
    f.sync_all()?;
    drop(f);
    match existing {
        Existing::Replace => std::fs::rename(tmp, path)?,
        Existing::Keep => place_new(tmp, path, bytes)?,
    }
    sync_folder(path);
    Ok(())
}

/// Puts the written `tmp` at `path` unless a file is there: a hard link fails when
/// the name is taken, whoever took it. Where the file system has no hard links, the
/// file is created anew (still never over another).
fn place_new(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => std::fs::remove_file(tmp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            std::fs::remove_file(tmp)?;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(bytes)?;
            f.sync_all()
        }
    }
}

/// Makes the folder's new entry durable (where the system allows opening a folder).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_folder_are_accepted() {
        assert!(safe_rel("cohorts/2019/a/2019-03-14-x.md").is_some());
        for bad in [
            "",
            "/etc/passwd",
            "../x.md",
            "cohorts/../../x.md",
            "cohorts/./x.md",
            "cohorts//x.md",
            "cohorts\\x.md",
            "C:/x.md",
            "cohorts/CON/x.md",
            "cohorts/aux.txt",
            "a\u{0}b.md",
            "a\nb.md",
        ] {
            assert_eq!(safe_rel(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn upload_names_are_made_safe_or_refused() {
        assert_eq!(
            upload_name("Whiteboard Foto.JPG").unwrap(),
            "whiteboard-foto.jpg"
        );
        assert_eq!(upload_name("Größe.png").unwrap(), "groesse.png");
        assert_eq!(upload_name("CON.png").unwrap(), "con-datei.png");
        assert_eq!(upload_name("aux.pdf").unwrap(), "aux-datei.pdf");
        assert_eq!(upload_name("???.pdf").unwrap(), "datei.pdf");
        for bad in [
            "../x.png",
            "/etc/x.png",
            "a/b.png",
            "a\\b.png",
            "C:x.png",
            "a\u{7}.png",
            "..",
        ] {
            assert_eq!(upload_name(bad), Err(BadName::Path), "{bad:?}");
        }
        for other in ["x.svg", "x.html", "x", "x.md", "x.exe"] {
            assert_eq!(upload_name(other), Err(BadName::Kind), "{other:?}");
        }
    }

    #[test]
    fn versions_differ_when_the_bytes_do() {
        assert_eq!(version(b"abc"), version(b"abc"));
        assert_ne!(version(b"abc"), version(b"abd"));
        assert_ne!(version(b""), version(b"\n"));
    }

    #[test]
    fn a_new_file_never_replaces_one_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        write(&p, b"one", Existing::Keep).unwrap();
        let e = write(&p, b"two", Existing::Keep).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write(&p, b"three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }

    #[test]
    fn a_symbolic_link_on_the_way_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("cohorts/t")).unwrap();
        assert!(inside(&root, "cohorts/t/x.md").is_some());
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(outside.path(), root.join("cohorts/away")).unwrap();
            assert!(inside(&root, "cohorts/away/x.md").is_none());
            std::os::unix::fs::symlink(outside.path().join("f.md"), root.join("cohorts/t/l.md"))
                .unwrap();
            assert!(inside(&root, "cohorts/t/l.md").is_none());
        }
    }
}
