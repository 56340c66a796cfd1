//! Stage 4: writing the site. The new site is written into a temporary folder beside
//! the output and swapped in only when complete, so a failed build leaves the previous
//! output as it was. tandem marks the folders it writes and never replaces a
//! non-empty folder without its mark.

use crate::content::names::OUTPUT_MARKER;
use crate::error::Error;
use crate::render::Page;
use crate::site::CopiedFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

mod spare;

const MARKER_TEXT: &str =
    "This folder is written by `tandem build`; each build replaces its contents.\n";

/// Checks that `out` may be written: absent, empty, or marked as tandem's.
pub(crate) fn check_writable(out: &Path, content: &Path) -> Result<(), Error> {
    let abs_out = absolute(out);
    let abs_content = absolute(content);
    if abs_out == abs_content || abs_content.starts_with(&abs_out) {
        return Err(Error::OutputHoldsContent(out.to_path_buf()));
    }
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::UnreadableOutput(out.to_path_buf(), e)),
        Ok(m) if !m.is_dir() => Err(Error::ForeignOutput(out.to_path_buf())),
        Ok(_) => {
            if out.join(OUTPUT_MARKER).is_file() {
                return Ok(());
            }
            let mut entries = std::fs::read_dir(out)
                .map_err(|e| Error::UnreadableOutput(out.to_path_buf(), e))?;
            if entries.next().is_none() {
                Ok(())
            } else {
                Err(Error::ForeignOutput(out.to_path_buf()))
            }
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Canonicalise what exists; keep the rest as written.
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut base = existing.canonicalize().unwrap_or(existing);
    for r in rest.into_iter().rev() {
        base.push(r);
    }
    base
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    sibling_of(out, tag, std::process::id())
}

fn sibling_of(out: &Path, tag: &str, pid: u32) -> PathBuf {
    let (parent, name) = parent_and_name(out);
    parent.join(format!(".{name}.tandem-{tag}-{pid}"))
}

fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    (parent, name)
}

/// Cleans up after a build that was killed while writing: its half-written new site
/// is removed, and if it was killed between moving the previous output aside and
/// moving the new one in (possible only where folders cannot be exchanged in one
/// step), the previous output is put back. Folders of builds still running are left
/// alone.
pub(crate) fn recover(out: &Path) {
    let (parent, name) = parent_and_name(out);
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return;
    };
    let prefix = format!(".{name}.tandem-");
    let mut leftovers: Vec<(String, u32, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&prefix)?;
            let (tag, pid) = rest.rsplit_once('-')?;
            let pid: u32 = pid.parse().ok()?;
            (matches!(tag, "new" | "old") && !running(pid))
                .then(|| (tag.to_string(), pid, e.path()))
        })
        .collect();
    // The previous output first, so that it is put back before anything is removed.
    leftovers.sort_by_key(|(tag, ..)| tag != "old");
    for (tag, _, path) in leftovers {
        if tag == "old" && !out.exists() && path.join(OUTPUT_MARKER).is_file() {
            let _ = std::fs::rename(&path, out);
        } else {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether a process with this id is running (on systems where that cannot be told,
/// every process counts as running, and nothing is cleaned up).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Writes all pages and copied files into `out`, replacing its previous contents.
pub(crate) fn write_site(
    out: &Path,
    content: &Path,
    pages: &[Page],
    copied: &[CopiedFile],
) -> Result<(), Error> {
    Staging::begin(out, content)?.finish(pages, copied)
}

/// A new site being written beside the output, page by page as the pages are made, so
/// that they need not all be held in memory. [`Staging::finish`] writes the rest and
/// swaps it in; a staging dropped before that is deleted, and the output stays as it
/// was.
pub(crate) struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// The output being replaced, when it is tandem's: files that stay the same are
    /// linked to it, not written again.
    previous: Option<PathBuf>,
    /// Set when the new site is written into the spare (see [`spare`]).
    recycled: Option<spare::Recycled>,
    /// The first file that could not be written.
    failed: std::sync::Mutex<Option<io::Error>>,
    done: bool,
}

impl Staging {
    pub(crate) fn begin(out: &Path, content: &Path) -> Result<Staging, Error> {
        check_writable(out, content)?;
        recover(out);
        let tmp = sibling(out, "new");
        if tmp.exists() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        // The folder is the spare, or it is made with the first file written into it.
        let recycled = spare::claim(out, &tmp).then(spare::Recycled::default);
        Ok(Staging {
            out: out.to_path_buf(),
            previous: out.join(OUTPUT_MARKER).is_file().then(|| out.to_path_buf()),
            recycled,
            failed: std::sync::Mutex::new(None),
            done: false,
            tmp,
        })
    }

    /// Writes one file of the new site (any thread may). A failure is reported by
    /// [`Staging::finish`].
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) {
        // Pages are written in whatever order they are rendered: the first may be at
        // the top of the site, before any folder was made.
        let dir = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        // `create_dir_all` takes a folder that exists (or that another thread just
        // made) as made.
        let written = match &self.recycled {
            None => std::fs::create_dir_all(self.tmp.join(dir))
                .and_then(|()| write_file(&self.tmp, self.previous.as_deref(), rel, bytes)),
            Some(r) => spare::make_dir(&self.tmp, dir)
                .and_then(|()| rewrite_file(&self.tmp, self.previous.as_deref(), r, rel, bytes)),
        };
        if let Err(e) = written {
            if let Ok(mut failed) = self.failed.lock() {
                failed.get_or_insert(e);
            }
        }
    }

    /// Keeps the folder `rel` of the previous output in the new one, as it is (a
    /// build of one audience keeps the other audiences' sites): each file gets a
    /// second link, or a copy where links cannot be made. Nothing when the previous
    /// output has no such folder.
    pub(crate) fn keep_previous(&self, rel: &str) -> Result<(), Error> {
        let Some(prev) = &self.previous else {
            return Ok(());
        };
        let from = prev.join(rel);
        if !std::fs::symlink_metadata(&from).is_ok_and(|m| m.is_dir()) {
            return Ok(());
        }
        let to = self.tmp.join(rel);
        let unwritten = |source| Error::Unwritten {
            out: self.out.clone(),
            source,
        };
        if let Some(r) = &self.recycled {
            // The spare's copy is older than the output's.
            spare::remove_any(&to).map_err(unwritten)?;
            r.kept(rel);
        }
        link_tree(&from, &to).map_err(unwritten)
    }

    /// Writes the remaining pages and the copied files, and puts the new site in the
    /// output's place.
    pub(crate) fn finish(mut self, pages: &[Page], copied: &[CopiedFile]) -> Result<(), Error> {
        let mut timings = crate::timings::Timings::start();
        let failed = self.failed.lock().ok().and_then(|mut f| f.take());
        let result = match failed {
            Some(e) => Err(e),
            None => match &self.recycled {
                None => write_tree(&self.tmp, pages, copied, self.previous.as_deref()),
                Some(r) => rewrite_tree(&self.tmp, pages, copied, self.previous.as_deref(), r),
            },
        };
        timings.lap("write");
        if let Err(source) = result {
            return Err(Error::Unwritten {
                out: self.out.clone(),
                source,
            });
        }
        self.done = true;
        let swapped = swap(&self.tmp, &self.out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&self.tmp);
            Error::NotSwapped {
                out: self.out.clone(),
                source: e,
            }
        });
        timings.lap("swap");
        swapped
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        // A spare written into half way is still a spare: the next build compares
        // every file it keeps.
        if self.recycled.is_some() && self.tmp.join(OUTPUT_MARKER).is_file() {
            spare::park(&self.tmp, &self.out);
        } else {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

fn write_tree(
    root: &Path,
    pages: &[Page],
    copied: &[CopiedFile],
    previous: Option<&Path>,
) -> io::Result<()> {
    std::fs::create_dir_all(root)?;
    let mut dirs = BTreeSet::new();
    for p in pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(copied.iter().map(|c| c.out.as_str()))
    {
        if let Some((d, _)) = p.rsplit_once('/') {
            dirs.insert(d);
        }
    }
    for d in dirs {
        std::fs::create_dir_all(root.join(d))?;
    }
    pages
        .par_iter()
        .try_for_each(|p| write_file(root, previous, &p.path, &p.bytes))?;
    copied
        .par_iter()
        .try_for_each(|c| std::fs::copy(&c.src, root.join(&c.out)).map(|_| ()))?;
    std::fs::write(root.join(OUTPUT_MARKER), MARKER_TEXT)?;
    Ok(())
}

/// [`write_tree`] into a claimed spare: its folders are there already, files that hold
/// the new bytes are kept, and what the new site does not have is deleted.
fn rewrite_tree(
    root: &Path,
    pages: &[Page],
    copied: &[CopiedFile],
    previous: Option<&Path>,
    r: &spare::Recycled,
) -> io::Result<()> {
    let dirs: BTreeSet<&str> = pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(copied.iter().map(|c| c.out.as_str()))
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for d in dirs {
        spare::make_dir(root, d)?;
    }
    pages
        .par_iter()
        .try_for_each(|p| rewrite_file(root, previous, r, &p.path, &p.bytes))?;
    copied.par_iter().try_for_each(|c| {
        let bytes = std::fs::read(&c.src)?;
        rewrite_file(root, previous, r, &c.out, &bytes)
    })?;
    rewrite_file(root, None, r, OUTPUT_MARKER, MARKER_TEXT.as_bytes())?;
    r.prune(root)
}

fn rewrite_file(
    root: &Path,
    previous: Option<&Path>,
    r: &spare::Recycled,
    rel: &str,
    bytes: &[u8],
) -> io::Result<()> {
    r.wrote(rel);
    let old = previous.map(|p| p.join(rel));
    spare::put_file(&root.join(rel), old.as_deref(), bytes)
}

/// Writes `bytes` to `root/rel`. When the previous output has a file there with the
/// same bytes, the new site gets a second link to it instead: the file keeps its date
/// (copying only changed files, with rsync for example, works as it should), and the
/// file system makes no new file (on ext4, making files is most of a rebuild's time
/// spent writing). The previous output is never written into, so it stays whole until
/// the swap.
fn write_file(root: &Path, previous: Option<&Path>, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let dest = root.join(rel);
    if let Some(prev) = previous {
        let old = prev.join(rel);
        if same_bytes(&old, bytes) && std::fs::hard_link(&old, &dest).is_ok() {
            return Ok(());
        }
    }
    std::fs::write(dest, bytes)
}

/// Makes `to` a copy of the folder `from` whose files are second links to those of
/// `from` (copies where links cannot be made). Symbolic links are not followed.
fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let (src, dest) = (e.path(), to.join(e.file_name()));
        let kind = e.file_type()?;
        if kind.is_dir() {
            link_tree(&src, &dest)?;
        } else if kind.is_file() && std::fs::hard_link(&src, &dest).is_err() {
            std::fs::copy(&src, &dest)?;
        }
    }
    Ok(())
}

/// Whether `path` is a plain file (not a link) holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    same_bytes_meta(path, bytes).is_some()
}

/// The metadata of `path` when it is a plain file (not a link) holding exactly `bytes`.
fn same_bytes_meta(path: &Path, bytes: &[u8]) -> Option<std::fs::Metadata> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => std::fs::read(path)
            .is_ok_and(|old| old == bytes)
            .then_some(m),
        _ => None,
    }
}

/// Deletes a folder with everything in it, the folders two levels down side by side
/// (deleting the previous output is a good part of a rebuild's time). Links are
/// deleted, never followed (`remove_dir_all`).
fn remove_tree(dir: &Path) -> io::Result<()> {
    let mut parts = Vec::new();
    for e in std::fs::read_dir(dir)?.flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            if let Ok(inner) = std::fs::read_dir(e.path()) {
                parts.extend(
                    inner
                        .flatten()
                        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                        .map(|e| e.path()),
                );
            }
        }
    }
    parts.par_iter().for_each(|p| {
        let _ = std::fs::remove_dir_all(p);
    });
    std::fs::remove_dir_all(dir)
}

fn swap(tmp: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        // One step where the system can: the output is never missing, not even if
        // tandem is killed in the middle.
        if exchange(tmp, out).is_ok() {
            // The new site is in place; the old one is the next build's spare.
            spare::park(tmp, out);
            return Ok(());
        }
        let old = sibling(out, "old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(tmp, out) {
            // Put the previous output back.
            let _ = std::fs::rename(&old, out);
            return Err(e);
        }
        spare::park(&old, out);
        Ok(())
    } else {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(tmp, out)
    }
}

/// Exchanges two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that live through the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.to_string(),
            bytes: text.as_bytes().into(),
            deps: Vec::new(),
        }
    }

    /// The first page written may be at the top of the site or deep in it.
    #[test]
    fn staged_pages_are_written_whichever_comes_first() {
        for first in ["index.html", "cohorts/2019/a/index.html"] {
            let root = tempfile::tempdir().unwrap();
            let out = root.path().join("public");
            let content = root.path().join("content");
            let staging = Staging::begin(&out, &content).unwrap();
            staging.put(first, b"first");
            staging.put("atom.xml", b"feed");
            staging.put("cohorts/2019/index.html", b"cohort");
            staging
                .finish(&[page("pagefind/x.pf_meta", "index")], &[])
                .unwrap();
            assert_eq!(std::fs::read(out.join(first)).unwrap(), b"first");
            assert_eq!(std::fs::read(out.join("atom.xml")).unwrap(), b"feed");
            assert_eq!(
                std::fs::read(out.join("pagefind/x.pf_meta")).unwrap(),
                b"index"
            );
            assert!(out.join(OUTPUT_MARKER).is_file());
            let left: Vec<_> = std::fs::read_dir(root.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(
                left,
                vec![std::ffi::OsString::from("public")],
                "nothing beside it"
            );
        }
    }
}
