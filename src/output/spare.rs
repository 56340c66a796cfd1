//! The spare: the site a build replaced, kept beside the output as `.NAME.tandem-spare`
//! so that the next build writes into its folders instead of making a new tree.
//!
//! Making and deleting tens of thousands of folders and files is most of what a rebuild
//! costs the file system (and on ext4 without a journal, files made shortly after as
//! many were deleted cost several times more, for every program). A build that finds a
//! spare claims it (one `rename`), keeps every file that already holds the new bytes,
//! links or rewrites the others, and deletes only what the new site no longer has.
//! The folder is then exchanged with the output as always, and the replaced site
//! becomes the next spare. It never holds more than the site it was, and it is never
//! published: it lies beside the output folder, not in it.

use crate::content::names::OUTPUT_MARKER;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The spare of the output `out`.
pub(super) fn path(out: &Path) -> PathBuf {
    let (parent, name) = super::parent_and_name(out);
    parent.join(format!(".{name}.tandem-spare"))
}

/// Moves the spare to `tmp` (which must not exist) when there is one of tandem's: the
/// new site is then written into it. False when there is none (or it is not tandem's).
pub(super) fn claim(out: &Path, tmp: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let spare = path(out);
    let ours = std::fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir())
        && spare.join(OUTPUT_MARKER).is_file();
    ours && std::fs::rename(&spare, tmp).is_ok()
}

/// Keeps the folder `old` (the site just replaced) as the spare, or deletes it when a
/// spare is there already (another build's).
pub(super) fn park(old: &Path, out: &Path) {
    if !cfg!(unix) || std::fs::rename(old, path(out)).is_err() {
        let _ = super::remove_tree(old);
    }
}

/// What a build writing into a claimed spare keeps track of: every file of the new
/// site, and the folders kept whole from the previous output.
#[derive(Default)]
pub(super) struct Recycled {
    written: Mutex<HashSet<String>>,
    kept: Mutex<Vec<String>>,
}

impl Recycled {
    pub(super) fn wrote(&self, rel: &str) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(rel.to_string());
        }
    }

    pub(super) fn kept(&self, rel: &str) {
        if let Ok(mut k) = self.kept.lock() {
            k.push(rel.trim_end_matches('/').to_string());
        }
    }

    /// Deletes from `root` every file and folder the new site does not have.
    pub(super) fn prune(&self, root: &Path) -> io::Result<()> {
        let written = self.written.lock().map_err(|_| io::ErrorKind::Other)?;
        let kept = self.kept.lock().map_err(|_| io::ErrorKind::Other)?;
        let mut dirs: HashSet<&str> = HashSet::new();
        for rel in written.iter() {
            let mut rest = rel.as_str();
            while let Some((dir, _)) = rest.rsplit_once('/') {
                if !dirs.insert(dir) {
                    break;
                }
                rest = dir;
            }
        }
        let keep = Keep {
            files: &written,
            dirs: &dirs,
            kept: &kept,
        };
        prune_dir(root, "", &keep)
    }
}

struct Keep<'a> {
    files: &'a HashSet<String>,
    dirs: &'a HashSet<&'a str>,
    kept: &'a [String],
}

fn prune_dir(root: &Path, rel: &str, keep: &Keep) -> io::Result<()> {
    let here = if rel.is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    };
    let mut subdirs = Vec::new();
    for e in std::fs::read_dir(&here)? {
        let e = e?;
        let name = e.file_name();
        let Some(name) = name.to_str() else {
            remove_any(&e.path())?;
            continue;
        };
        let child = match rel {
            "" => name.to_string(),
            _ => format!("{rel}/{name}"),
        };
        let is_dir = e.file_type()?.is_dir();
        if keep.kept.contains(&child) {
            continue;
        } else if is_dir && keep.dirs.contains(child.as_str()) {
            subdirs.push(child);
        } else if is_dir || !keep.files.contains(&child) {
            remove_any(&e.path())?;
        }
    }
    use rayon::prelude::*;
    subdirs
        .par_iter()
        .try_for_each(|child| prune_dir(root, child, keep))
}

/// Deletes a file, a link or a folder with everything in it (links are not followed).
pub(super) fn remove_any(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes the folder `root/rel` in a claimed spare, where a file of the earlier site may
/// stand in the way of one of its folders.
pub(super) fn make_dir(root: &Path, rel: &str) -> io::Result<()> {
    let dir = root.join(rel);
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
        || std::fs::create_dir_all(&dir).is_ok()
    {
        return Ok(());
    }
    let mut at = root.to_path_buf();
    for part in rel.split('/') {
        at.push(part);
        if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
            remove_any(&at)?;
        }
    }
    std::fs::create_dir_all(&dir)
}

/// Puts `bytes` at `dest` in a claimed spare. `old` is the same file in the output being
/// replaced: when it holds these bytes, `dest` becomes (or already is) a second link to
/// it. Otherwise a file of the spare that holds them is kept; one that is not linked
/// elsewhere is overwritten; one that is (its other name is in the live output) is
/// replaced, never written into.
pub(super) fn put_file(dest: &Path, old: Option<&Path>, bytes: &[u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let here = std::fs::symlink_metadata(dest).ok();
        if let Some(old) = old {
            if let Some(o) = super::same_bytes_meta(old, bytes) {
                if here
                    .as_ref()
                    .is_some_and(|h| h.ino() == o.ino() && h.dev() == o.dev())
                {
                    return Ok(());
                }
                if here.is_some() {
                    remove_any(dest)?;
                }
                if std::fs::hard_link(old, dest).is_ok() {
                    return Ok(());
                }
                return std::fs::write(dest, bytes);
            }
        }
        match here {
            Some(h) if h.is_file() && h.nlink() == 1 => {
                if h.len() == bytes.len() as u64 && std::fs::read(dest).is_ok_and(|b| b == bytes) {
                    return Ok(());
                }
                std::fs::write(dest, bytes)
            }
            Some(_) => {
                remove_any(dest)?;
                std::fs::write(dest, bytes)
            }
            None => std::fs::write(dest, bytes),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = old;
        remove_any(dest)?;
        std::fs::write(dest, bytes)
    }
}
