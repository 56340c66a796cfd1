//! The layers of `docs/architecture.md` hold: a module directly under `src/` uses only
//! modules on the lines above its own in the document's `layers` block. Data flows one
//! way; an upward `use crate::…` (say, `site` reaching into `render`) fails here, and so
//! does a module the document does not list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The `layers` block of the architecture document: one line per layer, lowest first;
/// modules on one line are independent of each other.
fn layers(doc: &str) -> Vec<Vec<String>> {
    let start = doc
        .find("```layers\n")
        .expect("docs/architecture.md has a ```layers block");
    let block = &doc[start + "```layers\n".len()..];
    let end = block.find("```").expect("the layers block is closed");
    block[..end]
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The modules of the crate that `source` names with `crate::…`, in `use` lines
/// (grouped ones included) and in paths; comment lines are left out.
fn crate_paths(source: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `tandem_crate::`, not this crate
        }
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the first segment of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[i..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        found.insert(identifier(&group[i..]));
                        item_start = false;
                    }
                    c if c.is_whitespace() => {}
                    _ => item_start = false,
                }
            }
        } else {
            let name = identifier(rest);
            if rest[name.len()..].starts_with('!') {
                // `crate::text!(…)`: a macro, exported at the crate's root; named with
                // its `!` until the module that defines it is known.
                found.insert(format!("{name}!"));
            } else if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn identifier(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every module directly under `src/` with the modules of the crate it uses.
fn modules(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    // Which module defines each macro (`macro_rules! text`).
    let mut macros: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut uses = BTreeSet::new();
        let mut files = vec![path.clone()];
        while let Some(f) = files.pop() {
            if f.is_dir() {
                for e in std::fs::read_dir(&f).unwrap() {
                    files.push(e.unwrap().path());
                }
            } else if f.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&f).unwrap();
                for (at, _) in text.match_indices("macro_rules! ") {
                    let defined = identifier(&text[at + "macro_rules! ".len()..]);
                    macros.insert(format!("{defined}!"), name.clone());
                }
                uses.extend(crate_paths(&text));
            }
        }
        uses.remove("self"); // `crate::self` does not occur; `use crate::{self}` neither
        out.insert(name, uses);
    }
    for (name, uses) in out.iter_mut() {
        *uses = uses
            .iter()
            .map(|u| macros.get(u).unwrap_or(u).clone())
            .filter(|u| u != name)
            .collect();
    }
    out
}

/// What breaks the layers: a use of a module on the same or a later line, a module the
/// document does not list, a listed module that does not exist.
fn violations(layers: &[Vec<String>], modules: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let layer_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |m| (m.as_str(), i)))
        .collect();
    let mut problems = Vec::new();
    for listed in layer_of.keys() {
        if !modules.contains_key(*listed) {
            problems.push(format!(
                "`{listed}` is in the layers but there is no src/{listed}"
            ));
        }
    }
    for (module, uses) in modules {
        let Some(&own) = layer_of.get(module.as_str()) else {
            problems.push(format!(
                "src/{module} is not in docs/architecture.md's layers: add it on the line of its layer"
            ));
            continue;
        };
        for used in uses.iter().filter(|u| *u != module) {
            match layer_of.get(used.as_str()) {
                Some(&layer) if layer < own => {}
                Some(_) => problems.push(format!(
                    "`{module}` uses `{used}`, which is not on a line above it in docs/architecture.md"
                )),
                None => problems.push(format!("`{module}` uses `{used}`, which is not in the layers")),
            }
        }
    }
    problems
}

#[test]
fn no_module_uses_a_module_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/architecture.md")).unwrap();
    let problems = violations(&layers(&doc), &modules(&root.join("src")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_upward_use_is_found() {
    let layers = layers("```layers\ncontent\nsite   # indexes\nrender\n```\n");
    let source = "//! [`crate::render`] in a comment does not count\n\
                  use crate::{\n    content::Entry,\n    render::{self, Page},\n};\n\
                  fn f() { crate::site::index(); crate::text!(\"a\", \"b\"); }\n";
    let mut uses = crate_paths(source);
    assert_eq!(
        uses.iter().map(String::as_str).collect::<Vec<_>>(),
        ["content", "render", "site", "text!"]
    );
    uses.remove("text!");
    uses.remove("site");
    let modules = BTreeMap::from([
        ("content".to_string(), BTreeSet::new()),
        ("site".to_string(), uses),
        ("render".to_string(), BTreeSet::from(["site".to_string()])),
    ]);
    let problems = violations(&layers, &modules);
    assert_eq!(
        problems,
        ["`site` uses `render`, which is not on a line above it in docs/architecture.md"]
    );
}
