//! What each top-level field holds, checked for the lines below it: a word where a
//! topic needs fields, fields where names belong, a topic without `id:`, a list
//! where fields belong, items written without dashes.

use super::scan::{chars, indent_col, split_key, OpenItem, Scanner};
use super::shapes::{Item, Shape};
use super::words;

impl Scanner<'_> {
    /// A list item (its dash at `indent`, what follows at `rest_indent`), checked
    /// against what the top-level field above it holds.
    pub(super) fn item_line(&mut self, idx: usize, indent: usize, rest: &str, rest_indent: usize) {
        let n = self.n(idx);
        let Some(b) = &mut self.block else {
            return;
        };
        if *b.child.get_or_insert(indent) != indent {
            return;
        }
        let pad = " ".repeat(indent);
        let key = b.key.clone();
        match b.shape {
            Shape::Items(item) => {
                if let Some(open) = b.item.take() {
                    self.close_item(open, item);
                }
                let Some(b) = &mut self.block else {
                    return;
                };
                let keys = match split_key(rest) {
                    Some((k, v, _)) => vec![(k.to_string(), v.to_string())],
                    None if rest.starts_with('{') => flow_keys(rest),
                    None if rest.is_empty() => Vec::new(),
                    None => {
                        let word = rest.trim_matches(['"', '\'']);
                        let words = words::word_item(n, word, item, indent);
                        let fix = format!("{pad}- {}", placeholder(item, word));
                        let col = indent_col(self.lines[idx]) + rest_indent - indent;
                        return self.report(idx, col, chars(rest), words, vec![(idx, fix)]);
                    }
                };
                b.item = Some(OpenItem {
                    idx,
                    dash: indent,
                    title: keys
                        .iter()
                        .find(|(k, _)| k == "title")
                        .map(|(_, v)| v.clone()),
                    keys: keys.into_iter().map(|(k, _)| k).collect(),
                    flow: rest.starts_with('{'),
                    fields: rest_indent,
                });
            }
            Shape::Fields => {
                let fixed = format!("{pad}  {rest}");
                let words = words::fields_not_list(n, &key, fixed.trim());
                self.report(
                    idx,
                    indent_col(self.lines[idx]),
                    1,
                    words,
                    vec![(idx, fixed)],
                );
            }
            Shape::Names => {
                if let Some((field, value, _)) = split_key(rest) {
                    let words = words::names_not_fields(n, &key, field, value);
                    let fix = vec![(idx, format!("{pad}- {value}"))];
                    let col = indent_col(self.lines[idx]) + rest_indent - indent;
                    self.report(idx, col, chars(field), words, fix);
                }
            }
            Shape::Text => self.text_with_block(idx, &key),
        }
    }
    /// A line below a top-level field that is not a list item.
    pub(super) fn under_block(&mut self, idx: usize, indent: usize, content: &str) {
        if indent == 0 {
            return;
        }
        let n = self.n(idx);
        let Some(b) = &mut self.block else {
            return;
        };
        let child = *b.child.get_or_insert(indent);
        let Some((k, v, _)) = split_key(content) else {
            return;
        };
        let key = b.key.clone();
        let col = indent_col(self.lines[idx]);
        match b.shape {
            Shape::Items(item) => {
                if let Some(open) = &mut b.item {
                    if indent == open.fields {
                        if k == "title" {
                            open.title = Some(v.to_string());
                        }
                        open.keys.push(k.to_string());
                    }
                    return;
                }
                if indent != child {
                    return;
                }
                // Items written without their dashes.
                let pad = " ".repeat(indent);
                match &b.undashed {
                    None => {
                        b.undashed = Some(k.to_string());
                        let example = crate::text!(
                            "{pad}- {content}\n{pad}  …",
                            "{pad}- {content}\n{pad}  …"
                        );
                        let words = words::no_dash(n, &key, item, &example);
                        self.report(
                            idx,
                            col,
                            chars(k),
                            words,
                            vec![(idx, format!("{pad}- {content}"))],
                        );
                        self.quiet = true;
                    }
                    Some(first) => {
                        // A next item starts with the first item's first field.
                        let mark = if first == k { "- " } else { "  " };
                        if let Some(m) = self.found.last_mut() {
                            m.fix.push((idx, format!("{pad}{mark}{content}")));
                        }
                    }
                }
            }
            Shape::Names if indent == child => {
                let words = words::names_not_fields(n, &key, k, v);
                let fix = vec![(idx, format!("{}- {v}", " ".repeat(indent)))];
                self.report(idx, col, chars(k), words, fix);
            }
            Shape::Text if indent == child => self.text_with_block(idx, &key),
            _ => {}
        }
    }
    /// Lines of fields or a list below a field that takes a text: reported once.
    fn text_with_block(&mut self, idx: usize, key: &str) {
        let first = self
            .block
            .as_ref()
            .and_then(|b| b.undashed.clone())
            .is_none();
        if let Some(b) = &mut self.block {
            b.undashed = Some(String::new());
        }
        let fix = (idx, format!("# {}", self.lines[idx].trim()));
        if first {
            let words = words::text_not_block(self.n(idx), key);
            self.report(idx, indent_col(self.lines[idx]), 1, words, vec![fix]);
        } else if let Some(m) = self.found.last_mut() {
            m.fix.push(fix);
        }
    }
    /// The end of a top-level field's lines.
    pub(super) fn end_block(&mut self) {
        self.quiet = false;
        if let Some(b) = self.block.take() {
            if let (Some(open), Shape::Items(item)) = (b.item, b.shape) {
                self.close_item(open, item);
            }
        }
    }
    /// The end of a list item: the fields it needs are there.
    fn close_item(&mut self, open: OpenItem, item: Item) {
        let missing: Vec<&str> = item
            .required()
            .iter()
            .copied()
            .filter(|r| !open.keys.iter().any(|k| k == r))
            .collect();
        if missing.is_empty() || open.keys.is_empty() {
            return;
        }
        let title = open.title.clone().unwrap_or_else(|| "…".into());
        let example = item.example(&title, open.dash);
        let words = words::missing_fields(self.n(open.idx), item, &missing, &example);
        let pad = " ".repeat(open.dash);
        let fix = if open.flow {
            format!("{pad}- {}", placeholder(item, &title))
        } else {
            format!(
                "{pad}- {}: {}",
                missing[0],
                placeholder_value(missing[0], &title)
            )
        };
        let col = indent_col(self.lines[open.idx]);
        self.report(open.idx, col, 1, words, vec![(open.idx, fix)]);
    }
}
/// The `key: value` pairs of `{ key: value, … }`.
fn flow_keys(s: &str) -> Vec<(String, String)> {
    s.trim_matches(['{', '}', ' '])
        .split(',')
        .filter_map(|p| {
            let (k, v) = p.split_once(':')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}
/// An item with the fields it needs, to read on past a mistake.
fn placeholder(item: Item, word: &str) -> String {
    let fields: Vec<String> = item
        .required()
        .iter()
        .map(|f| format!("{f}: {}", placeholder_value(f, word)))
        .collect();
    format!("{{ {} }}", fields.join(", "))
}

fn placeholder_value(field: &str, word: &str) -> String {
    match field {
        "date" => "2000-01-01".into(),
        "id" => {
            let s = crate::content::slug::slugify(word);
            if s.is_empty() {
                "x".into()
            } else {
                s
            }
        }
        _ => words::quoted(word),
    }
}
