//! What a burst of file events means for the next build: whether anything in the
//! content folder changed, and whether only the contents of known files did (then the
//! next load need not walk the folder).

use crate::content::names::is_ignored_name;
use notify::event::{MetadataKind, ModifyKind};
use notify::EventKind;
use notify_debouncer_full::DebounceEventResult;
use std::path::{Path, PathBuf};

/// What a burst of file events means for the next build.
#[derive(Debug, Default)]
pub(super) struct Burst {
    /// Something in the content folder changed.
    pub(super) relevant: bool,
    /// When every change was to the contents of files (not a new, removed or renamed
    /// file or folder): those files, relative to the content folder.
    pub(super) contents_only: Option<Vec<PathBuf>>,
}

impl Burst {
    pub(super) fn new() -> Self {
        Burst {
            relevant: false,
            contents_only: Some(Vec::new()),
        }
    }

    pub(super) fn add(&mut self, res: &DebounceEventResult, content: &Path, skip: &[PathBuf]) {
        let events = match res {
            Err(_) => {
                self.relevant = true;
                self.contents_only = None;
                return;
            }
            Ok(events) => events,
        };
        for e in events {
            // Reading files (our own rebuild does) is no change.
            if matches!(
                e.kind,
                EventKind::Access(_)
                    | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
            ) {
                continue;
            }
            let contents = matches!(
                e.kind,
                EventKind::Modify(ModifyKind::Data(_))
                    | EventKind::Modify(ModifyKind::Any)
                    | EventKind::Modify(ModifyKind::Metadata(_))
            );
            for p in &e.paths {
                // Only names inside the content folder count: the folder itself may
                // live in a hidden folder.
                let inner = p.strip_prefix(content).unwrap_or(p);
                let ignored_name = inner
                    .components()
                    .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()));
                if ignored_name || skip.iter().any(|s| p.starts_with(s)) {
                    continue;
                }
                self.relevant = true;
                match (&mut self.contents_only, contents, p.strip_prefix(content)) {
                    (Some(files), true, Ok(rel)) => files.push(rel.to_path_buf()),
                    _ => self.contents_only = None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, RenameMode};
    use notify_debouncer_full::DebouncedEvent;
    use std::time::Instant;

    fn burst(events: &[(EventKind, &str)]) -> Burst {
        let content = Path::new("/c");
        let events = events
            .iter()
            .map(|(kind, p)| {
                DebouncedEvent::new(
                    notify::Event::new(*kind).add_path(content.join(p)),
                    Instant::now(),
                )
            })
            .collect();
        let mut b = Burst::new();
        b.add(&Ok(events), content, &[PathBuf::from("/c/public")]);
        b
    }

    #[test]
    fn saved_contents_need_no_walk_of_the_folder() {
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let b = burst(&[
            (data, "cohorts/a/t/2019-03-14-x.md"),
            (close, "cohorts/a/t/2019-03-14-x.md"),
            // An editor's swap file and the output folder do not count.
            (EventKind::Create(CreateKind::File), "cohorts/a/t/.x.md.swp"),
            (EventKind::Create(CreateKind::File), "public/index.html"),
        ]);
        assert!(b.relevant);
        assert_eq!(
            b.contents_only,
            Some(vec![PathBuf::from("cohorts/a/t/2019-03-14-x.md")])
        );
    }

    #[test]
    fn new_removed_or_renamed_files_need_a_walk() {
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Remove(notify::event::RemoveKind::File),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Any,
        ] {
            let b = burst(&[(data, "program.yaml"), (kind, "cohorts/a/t/neu.md")]);
            assert!(b.relevant);
            assert_eq!(b.contents_only, None, "{kind:?}");
        }
        let mut b = Burst::new();
        b.add(
            &Err(vec![notify::Error::generic("overflow")]),
            Path::new("/c"),
            &[],
        );
        assert!(b.relevant && b.contents_only.is_none());
    }

    #[test]
    fn reading_is_no_change() {
        let b = burst(&[(
            EventKind::Access(AccessKind::Read),
            "cohorts/a/t/2019-03-14-x.md",
        )]);
        assert!(!b.relevant);
    }
}
