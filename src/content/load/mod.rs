//! Reading the content folder into a [`Programme`], collecting every problem on the way.
//!
//! Files are found with walkdir (sorted, symlinks not followed), read and parsed in
//! parallel, then assembled in a fixed order so that the result does not depend on
//! which thread finished first.
//!
//! One module per kind of file, in the order [`load`] takes them:
//! - `discover`: walking the folder and sorting its files into their roles;
//! - `programme`: program.yaml (title, language, address, topics, theme), then the
//!   programme's index.md;
//! - `docs`: the pages under docs/, and the files copied as they are;
//! - `cohort`: each cohort's cohort.yaml and index.md, and its tandems;
//! - `tandem`: each tandem's tandem.yaml and attachments;
//! - `entry`: the diary entries, the bulk of the work, in parallel.
//!
//! Beside them, `files` reads the files (and keeps them for the next load, see
//! [`FileCache`]), `fields` reads the values several kinds share (dates, people…), and
//! `topics` looks up the topics that entries and tandems name.

mod audiences;
mod cohort;
mod discover;
mod docs;
mod entry;
mod fields;
mod files;
mod programme;
mod tandem;
mod topics;

pub(crate) use entry::{check_entry_text, reparse_entry, EntryInputs};
pub use files::FileCache;
pub(crate) use files::{read_yaml_quietly, MAX_TEXT_FILE_BYTES};
pub(crate) use programme::language_written;

use super::model::*;
use crate::diagnostics::Diagnostics;
use files::{read_markdown_only, Src};
use std::path::{Path, PathBuf};
use topics::TopicIndex;

/// Loads the whole content folder. Returns the programme (if `program.yaml` could be
/// read) and every problem found. Only the files that changed since the load that
/// filled `cache` are read again; a single build passes [`FileCache::for_one_build`].
pub fn load(
    root: &Path,
    visible: Visible,
    skip: &[PathBuf],
    cache: &mut FileCache,
) -> (Option<Programme>, Diagnostics) {
    cache.begin_load();
    let (prog, diags) = assemble(&Src { root, cache }, visible, skip);
    cache.end_load();
    (prog, diags)
}

/// Each kind of file in turn, its problems in the same order every time.
fn assemble(src: &Src, visible: Visible, skip: &[PathBuf]) -> (Option<Programme>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let found = discover::found(src, skip, &mut diags);
    let found = &found.0;
    let mut d = Vec::new();

    // program.yaml comes first: the topics are needed to check everything else.
    let program = programme::load_program(src, found.program.as_ref(), &mut d);
    let topic_index = TopicIndex::new(&program.topics, program.meta.is_some());
    let intro = found
        .intro
        .as_ref()
        .and_then(|p| read_markdown_only(src, p, &mut d));
    let docs = docs::load_docs(src, &found.docs, visible, &mut d);
    let static_files = docs::static_files(found);
    let cohort::Cohorts {
        cohorts,
        mut tandems,
        entry_jobs,
    } = cohort::load_cohorts(src, &found.cohorts, &topic_index, &mut d);
    let entry::Entries {
        entries,
        hidden,
        unreadable,
    } = entry::load_entries(src, &entry_jobs, topic_index, visible, &mut tandems, &mut d);
    let audiences = audiences::resolve(program.audiences, &cohorts, &tandems, &mut d);

    diags.extend(d);
    let programme = program.meta.map(|meta| Programme {
        root: src.root.to_path_buf(),
        meta,
        topics: program.topics,
        intro,
        docs,
        cohorts,
        tandems,
        entries,
        hidden,
        unreadable,
        static_files,
        theme_dir: program.theme_dir,
        visible,
        audiences,
        view: None,
    });
    (programme, diags)
}
