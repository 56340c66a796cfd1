//! Stage 4: writing the site. The new site is written into a temporary folder beside
//! the output and swapped in only when complete, so a failed build leaves the previous
//! output as it was. tandem marks the folders it writes and never replaces a
//! non-empty folder without its mark.

use crate::content::load::OUTPUT_MARKER;
use crate::render::Page;
use crate::site::CopiedFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum OutputError {
    /// The folder exists, is not empty and was not written by tandem.
    Foreign(PathBuf),
    /// Output and content folders overlap in a way that would destroy content.
    Overlap(String),
    Io(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Foreign(p) => write!(
                f,
                "the output folder `{}` already holds files that tandem did not write, so it is left alone.\n  help: choose another folder with `--output DIR`, or empty or delete this one first",
                p.display()
            ),
            OutputError::Overlap(m) => f.write_str(m),
            OutputError::Io(m) => f.write_str(m),
        }
    }
}

const MARKER_TEXT: &str =
    "This folder is written by `tandem build`; each build replaces its contents.\n";

/// Checks that `out` may be written: absent, empty, or marked as tandem's.
pub fn check_writable(out: &Path, content: &Path) -> Result<(), OutputError> {
    let abs_out = absolute(out);
    let abs_content = absolute(content);
    if abs_out == abs_content || abs_content.starts_with(&abs_out) {
        return Err(OutputError::Overlap(format!(
            "the output folder `{}` contains the content folder; writing there would replace your content.\n  help: choose another folder with `--output DIR`",
            out.display()
        )));
    }
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io(format!(
            "cannot read the output folder `{}`: {e}",
            out.display()
        ))),
        Ok(m) if !m.is_dir() => Err(OutputError::Foreign(out.to_path_buf())),
        Ok(_) => {
            if out.join(OUTPUT_MARKER).is_file() {
                return Ok(());
            }
            let mut entries = std::fs::read_dir(out).map_err(|e| {
                OutputError::Io(format!(
                    "cannot read the output folder `{}`: {e}",
                    out.display()
                ))
            })?;
            if entries.next().is_none() {
                Ok(())
            } else {
                Err(OutputError::Foreign(out.to_path_buf()))
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
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.tandem-{tag}-{}", std::process::id()))
}

/// Writes all pages and copied files into `out`, replacing its previous contents.
pub fn write_site(
    out: &Path,
    content: &Path,
    pages: &[Page],
    copied: &[CopiedFile],
) -> Result<(), OutputError> {
    check_writable(out, content)?;
    let tmp = sibling(out, "new");
    if tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    let result = write_tree(&tmp, pages, copied);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(OutputError::Io(format!(
            "the site could not be written ({e}); the previous output in `{}` is unchanged",
            out.display()
        )));
    }
    swap(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        OutputError::Io(format!(
            "the new site could not replace `{}`: {e}",
            out.display()
        ))
    })
}

fn write_tree(root: &Path, pages: &[Page], copied: &[CopiedFile]) -> io::Result<()> {
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
        .try_for_each(|p| std::fs::write(root.join(&p.path), &p.bytes))?;
    copied
        .par_iter()
        .try_for_each(|c| std::fs::copy(&c.src, root.join(&c.out)).map(|_| ()))?;
    std::fs::write(root.join(OUTPUT_MARKER), MARKER_TEXT)?;
    Ok(())
}

fn swap(tmp: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
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
        std::fs::remove_dir_all(&old)
    } else {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(tmp, out)
    }
}
