//! The mistakes people make in YAML, and the messages that help them fix them.
//!
//! The people who write the files are not programmers. When a file cannot be read,
//! the YAML library names what it was parsing when it gave up, often lines after the
//! mistake. So the text is first read line by line, as a person reads it
//! (`scan.rs`): a quote or bracket never closed, a tab, `date:2019-10-10`, a line
//! indented unlike its neighbours, `- Cybersicherheit` where a topic needs `id:` and
//! `title:`, a topic without `id:` … each reported at its own line, with the line as
//! it should be. Every mistake found is repaired in a copy, and the copy is read
//! again, so that a file with several mistakes reports them all; what the scan does
//! not know is the library's error, in plain words (`explain.rs`). The words of
//! every message are in `words.rs`; what each field holds, for the examples, in
//! `shapes.rs`.

mod blocks;
mod brackets;
mod explain;
mod notes;
mod scan;
mod shapes;
#[cfg(test)]
mod tests;
mod words;

use crate::diagnostics::{Diagnostic, Text};
use serde::de::DeserializeOwned;
pub(crate) use shapes::Kind;

/// One mistake, found in the YAML text.
#[derive(Debug, Clone)]
pub(crate) struct Mistake {
    /// 1-based, within the YAML (not the file).
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub len: usize,
    pub message: Text,
    pub help: Text,
    /// Lines of the YAML (0-based) written as they should be, to read on past it.
    pub fix: Vec<(usize, String)>,
}

/// How often a repaired copy is read again, looking for more mistakes.
const ROUNDS: usize = 10;

/// Parses `yaml` into `T` with the options tandem reads every file with.
pub(crate) fn parse<T: DeserializeOwned>(yaml: &str) -> Result<T, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<T>(yaml, options)
}

/// Reads the YAML of `file` (`yaml`, which starts after `line_offset` lines of
/// `whole_text`) into `T`. When it cannot be read: every mistake found, as errors,
/// and `None`. When it can: a warning for a text that a `#` cuts short.
pub(crate) fn read<T: DeserializeOwned>(
    file: &str,
    whole_text: &str,
    yaml: &str,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let kind = Kind::of(file);
    let place = |m: Mistake, d: Diagnostic| {
        d.at(whole_text, m.line + line_offset, m.column, m.len)
            .with_help(m.help)
    };
    match parse::<T>(yaml) {
        Ok(v) => {
            for m in notes::notes(yaml, kind, line_offset) {
                let d = Diagnostic::warning(file, m.message.clone());
                diags.push(place(m, d));
            }
            Some(v)
        }
        Err(e) => {
            let found = mistakes::<T>(&e, yaml, kind, line_offset);
            let mut more = 0;
            for (i, m) in found.into_iter().enumerate() {
                if i >= crate::diagnostics::MAX_SIMILAR {
                    more += 1;
                    continue;
                }
                let d = Diagnostic::error(file, m.message.clone());
                diags.push(place(m, d));
            }
            if more > 0 {
                if let Some(last) = diags.last() {
                    let summary = last.and_more(
                        more,
                        crate::text!("Fehler in den Angaben", "mistakes in the YAML"),
                    );
                    diags.push(summary);
                }
            }
            None
        }
    }
}

/// Every mistake that makes `yaml` unreadable as `T`, in the order of the lines.
fn mistakes<T: DeserializeOwned>(
    e: &serde_saphyr::Error,
    yaml: &str,
    kind: Kind,
    offset: usize,
) -> Vec<Mistake> {
    let lines: Vec<&str> = yaml.split('\n').collect();
    if let Some(m) = explain::too_large(e, &lines) {
        return vec![m];
    }
    let mut found = scan::Scanner::new(kind, offset, &lines).run();
    if found.is_empty() {
        found.push(explain::explain(e, &lines, kind, offset));
    }
    // Read a repaired copy again, for the mistakes the scan does not know.
    let mut text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for _ in 0..ROUNDS {
        let before = text.clone();
        for (i, l) in found.iter().flat_map(|m| &m.fix) {
            if let Some(line) = text.get_mut(*i) {
                line.clone_from(l);
            }
        }
        if text == before {
            break;
        }
        let Err(e) = parse::<T>(&text.join("\n")) else {
            break;
        };
        let repaired: Vec<&str> = text.iter().map(String::as_str).collect();
        if explain::too_large(&e, &repaired).is_some() {
            break;
        }
        let m = explain::explain(&e, &repaired, kind, offset);
        if found.iter().any(|f| f.line == m.line) {
            break;
        }
        found.push(m);
    }
    found.sort_by_key(|m| (m.line, m.column));
    found
}
