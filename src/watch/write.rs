//! Writing the site held in memory into the output folder of `watch` (and
//! `serve --output`): all of it the first time, then only what changed.

use super::Body;
use crate::error::Error;
use crate::output;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Writes the whole site into the output folder, as `tandem build` does.
pub(super) fn write_all(
    out: &Path,
    content: &Path,
    files: &BTreeMap<String, Body>,
) -> Result<(), Error> {
    let (pages, copied) = split_files(files);
    output::write_site(out, content, &pages, &copied)
}

fn split_files(
    files: &BTreeMap<String, Body>,
) -> (Vec<crate::render::Page>, Vec<crate::site::CopiedFile>) {
    let mut pages = Vec::new();
    let mut copied = Vec::new();
    for (k, v) in files {
        match v {
            Body::Bytes(b) => pages.push(crate::render::Page {
                path: k.clone(),
                bytes: b.clone(),
                deps: Vec::new(),
            }),
            Body::File(src, ..) => copied.push(crate::site::CopiedFile {
                out: k.clone(),
                src: src.clone(),
                file: String::new(),
            }),
        }
    }
    (pages, copied)
}

/// Writes only what changed into tandem's own output folder; removes what is gone.
pub(super) fn write_changes(
    out: &Path,
    files: &BTreeMap<String, Body>,
    changed: &[String],
    removed: &[String],
) -> Result<(), Error> {
    let io = |source| Error::Update {
        out: out.to_path_buf(),
        source,
    };
    for k in changed {
        let dest = out.join(k);
        match files.get(k) {
            Some(Body::Bytes(b)) => {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                // Write beside, then rename: a reader never sees half a file.
                let tmp = dest.with_extension("tandem-tmp");
                std::fs::write(&tmp, b).map_err(io)?;
                std::fs::rename(&tmp, &dest).map_err(io)?;
            }
            Some(Body::File(src, ..)) => {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                std::fs::copy(src, &dest).map_err(io)?;
            }
            None => {}
        }
    }
    let mut dirs = BTreeSet::new();
    for k in removed {
        let dest = out.join(k);
        let _ = std::fs::remove_file(&dest);
        let mut d = dest.parent();
        while let Some(p) = d {
            if p == out {
                break;
            }
            dirs.insert(p.to_path_buf());
            d = p.parent();
        }
    }
    // Remove folders left empty, deepest first.
    for d in dirs.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
    Ok(())
}
