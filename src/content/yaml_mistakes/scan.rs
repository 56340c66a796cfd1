//! The pre-scan: the YAML read line by line, as a person reads it, for the mistakes
//! people make. It follows the structure (which line belongs under which) only as far
//! as the mistakes need: indentation, values on one line, lists in brackets or with
//! dashes, quotes and brackets, and what each top-level field of the file holds.
//! It is asked only when the YAML cannot be read, so it may be bold.

use super::brackets::is_block_header;
use super::shapes::{known_anywhere, shape, Kind, Shape};
use super::words::{self, Words};
use super::Mistake;

/// A character that looks like a space but is not one to YAML.
pub(super) fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'
            ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{2060}' | '\u{3000}' | '\u{feff}'
    )
}

/// A block of lines at one indentation: the fields of a mapping, or the items of a
/// list (`seq`).
#[derive(Debug, Clone)]
pub(super) struct Level {
    pub(super) indent: usize,
    pub(super) seq: bool,
    /// The last line placed here (in the file) and what it starts with, for messages.
    pub(super) line: usize,
    pub(super) what: (String, String),
}

/// A top-level field whose lines below it are being read.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) key: String,
    pub(super) shape: Shape,
    /// The indentation of the lines below it, once one is seen.
    pub(super) child: Option<usize>,
    pub(super) item: Option<OpenItem>,
    /// Lines below an item list written without dashes: the first key of an item.
    pub(super) undashed: Option<String>,
}

/// A list item with fields, while its lines are read.
#[derive(Debug)]
pub(super) struct OpenItem {
    pub(super) idx: usize,
    pub(super) dash: usize,
    pub(super) keys: Vec<String>,
    pub(super) title: Option<String>,
    /// Written in braces on one line.
    pub(super) flow: bool,
    /// The indentation of its fields.
    pub(super) fields: usize,
}

/// A list or braces over several lines, not closed yet.
#[derive(Debug)]
pub(super) struct Flow {
    /// Where it opened.
    pub(super) idx: usize,
    pub(super) col: usize,
    /// The last line it reached.
    pub(super) last: usize,
    pub(super) key_indent: usize,
    pub(super) stack: Vec<char>,
}

pub(super) struct Scanner<'a> {
    pub(super) kind: Kind,
    pub(super) offset: usize,
    pub(super) lines: &'a [&'a str],
    pub(super) found: Vec<Mistake>,
    pub(super) levels: Vec<Level>,
    /// The line before was `key:` with nothing after it, at this indentation; and
    /// whether a list below it may start at the same indentation.
    pub(super) expect_child: Option<(usize, bool)>,
    /// Lines indented more than this belong to the value above (`|` texts, a text
    /// continued on the next line).
    pub(super) skip_deeper: Option<usize>,
    /// The line before ended in a text, at this indentation.
    pub(super) after_text: Option<usize>,
    pub(super) flow: Option<Flow>,
    pub(super) block: Option<Block>,
    pub(super) top_keys: Vec<(String, usize)>,
    /// Items written without dashes were reported: what follows in the same block
    /// would only repeat that mistake.
    pub(super) quiet: bool,
    /// The line before was `key: |` (its prefix and indentation): a text follows.
    pub(super) block_text: Option<(String, usize)>,
    /// Lines before this one were reported already.
    pub(super) skip_to: usize,
}

/// `key: value` split: the key, the value (trimmed) and the character column where
/// the value starts in `s`.
pub(super) fn split_key(s: &str) -> Option<(&str, &str, usize)> {
    let first = s.chars().next()?;
    if "\"'[{#&*!|>%@`-?,".contains(first) {
        return None;
    }
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == ':' {
            let next = chars.peek().map(|(_, c)| *c);
            if matches!(next, None | Some(' ') | Some('\t')) {
                let key = s[..i].trim_end();
                if key.is_empty() {
                    return None;
                }
                let rest = &s[i + 1..];
                let value = rest.trim();
                let lead = rest.chars().take_while(|c| c.is_whitespace()).count();
                return Some((key, value, s[..i].chars().count() + 1 + lead));
            }
        }
        if c == '#' && i > 0 && s[..i].ends_with(' ') {
            return None;
        }
    }
    None
}

/// A field name as people write them: letters, digits, `_` and `-`.
fn word_key(s: &str) -> Option<usize> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(s.len(), |(i, _)| i);
    (end > 0 && s.chars().next().is_some_and(char::is_alphabetic)).then_some(end)
}

/// The value without a note after it (` # …`).
pub(super) fn without_note(v: &str) -> &str {
    match v.find(" #") {
        Some(i) => v[..i].trim_end(),
        None if v.starts_with('#') => "",
        None => v,
    }
}

pub(super) fn chars(s: &str) -> usize {
    s.chars().count()
}

impl<'a> Scanner<'a> {
    pub(super) fn new(kind: Kind, offset: usize, lines: &'a [&'a str]) -> Self {
        Scanner {
            kind,
            offset,
            lines,
            found: Vec::new(),
            levels: Vec::new(),
            expect_child: None,
            skip_deeper: None,
            after_text: None,
            flow: None,
            block: None,
            top_keys: Vec::new(),
            quiet: false,
            block_text: None,
            skip_to: 0,
        }
    }

    /// The line in the file of the YAML's line `idx` (0-based).
    pub(super) fn n(&self, idx: usize) -> usize {
        idx + 1 + self.offset
    }

    pub(super) fn report(
        &mut self,
        idx: usize,
        col: usize,
        len: usize,
        words: Words,
        fix: Vec<(usize, String)>,
    ) {
        if self.quiet {
            return;
        }
        self.found.push(Mistake {
            line: idx + 1,
            column: col + 1,
            len: len.max(1),
            message: words.0,
            help: words.1,
            fix,
        });
    }

    pub(super) fn run(mut self) -> Vec<Mistake> {
        for idx in 0..self.lines.len() {
            if self.found.len() > crate::diagnostics::MAX_SIMILAR {
                break;
            }
            self.line(idx);
        }
        if let Some(f) = self.flow.take() {
            self.unclosed_flow(f);
        }
        self.end_block();
        self.found
    }

    fn line(&mut self, idx: usize) {
        let raw = self.lines[idx];
        let Some(start) = raw
            .char_indices()
            .find(|(_, c)| !(*c == ' ' || *c == '\t' || is_odd_space(*c)))
            .map(|(i, _)| i)
        else {
            return;
        };
        let (lead, content) = (&raw[..start], raw[start..].trim_end());
        let width = lead_width(lead);
        if idx < self.skip_to {
            return;
        }
        if let Some((prefix, k)) = self.block_text.take() {
            if width <= k && split_key(content).is_none() && !content.starts_with('#') {
                return self.block_not_indented(idx, &prefix, k);
            }
        }
        if let Some(limit) = self.skip_deeper {
            if width > limit {
                return;
            }
            self.skip_deeper = None;
        }
        if self.flow.is_some() && self.flow_line(idx, width, chars(lead), content) {
            return;
        }
        if content.starts_with('#') || content == "---" || content == "..." {
            return;
        }
        let after_text = self.after_text.take();
        let dashed = content.starts_with("- ") || content == "-";
        if let Some(k) = after_text {
            if width > k && !dashed && split_key(content).is_none() {
                // A text continued on the next line.
                self.skip_deeper = Some(k);
                return;
            }
        }
        if width == 0 && !dashed {
            self.end_block();
        }
        self.structural(idx, lead, content, after_text.is_some());
    }

    /// The text below `key: |` that starts at line `idx` without being indented: up
    /// to the next field at the same indentation.
    fn block_not_indented(&mut self, idx: usize, prefix: &str, k: usize) {
        self.skip_deeper = None;
        let end = (idx + 1..self.lines.len())
            .find(|&j| {
                let l = self.lines[j];
                let c = l.trim_start();
                lead_width(&l[..l.len() - c.len()]) <= k
                    && split_key(c).is_some_and(|(key, _, _)| word_key(key) == Some(key.len()))
            })
            .unwrap_or(self.lines.len());
        let pad = " ".repeat(k + 2);
        let fix = (idx..end)
            .filter(|&j| !self.lines[j].trim().is_empty())
            .map(|j| (j, format!("{pad}{}", self.lines[j].trim_start())))
            .collect();
        let words = words::block_not_indented(self.n(idx), prefix);
        let len = chars(self.lines[idx].trim_end());
        self.report(idx, 0, len, words, fix);
        self.skip_to = end;
    }

    /// A line that is a field, a list item or a stray text.
    fn structural(&mut self, idx: usize, lead: &str, content: &str, after_text: bool) {
        let pos = chars(lead);
        let (dash, rest, shift) = self.dash_split(idx, lead, content);
        let indent = self.indentation(idx, lead, content, dash, rest);
        let (rest_indent, rest_col) = (indent + shift, pos + shift);
        if dash {
            self.item_line(idx, indent, rest, rest_indent);
        } else {
            self.under_block(idx, indent, content);
        }
        match split_key(rest) {
            Some((key, value, vcol)) => {
                if dash {
                    // The fields of the item line up with its first one.
                    self.levels.push(Level {
                        indent: rest_indent,
                        seq: false,
                        line: self.n(idx),
                        what: (format!("`{key}:`"), format!("`{key}:`")),
                    });
                }
                let key_indent = if dash { rest_indent } else { indent };
                self.key_line(
                    idx,
                    key_indent,
                    !dash && indent == 0,
                    key,
                    value,
                    rest_col + vcol,
                );
            }
            None if dash && rest.is_empty() => self.expect_child = Some((indent, false)),
            None if dash => self.value(idx, "-", rest, rest_col, indent),
            None => self.no_key(idx, indent, pos, content, after_text),
        }
    }

    /// Whether the line is a list item, what follows its dash and how many characters
    /// after the line's start that is. `-mentor` in a list is an item too, reported.
    fn dash_split<'c>(
        &mut self,
        idx: usize,
        lead: &str,
        content: &'c str,
    ) -> (bool, &'c str, usize) {
        if content == "-" {
            return (true, "", 1);
        }
        if let Some(r) = content
            .strip_prefix("- ")
            .or_else(|| content.strip_prefix("-\t"))
        {
            let r = r.trim_start();
            return (true, r, chars(content) - chars(r));
        }
        let width = lead_width(lead);
        let in_list = self.expect_child.is_some()
            || self
                .levels
                .last()
                .is_some_and(|l| l.seq && l.indent == width);
        // A Markdown habit: `* item` or `• item`.
        let bullet = ["* ", "• ", "– "].iter().find(|b| content.starts_with(**b));
        if let Some(b) = bullet.filter(|_| in_list) {
            let r = content[b.len()..].trim_start();
            let fixed = format!("{}- {r}", " ".repeat(width));
            let words = words::bullet(self.n(idx), b.trim(), r);
            self.report(idx, chars(lead), 1, words, vec![(idx, fixed)]);
            return (true, r, chars(content) - chars(r));
        }
        if let Some(r) = content.strip_prefix('-') {
            if in_list && r.chars().next().is_some_and(char::is_alphabetic) {
                let fixed = format!("{}- {r}", " ".repeat(width));
                self.report(
                    idx,
                    chars(lead),
                    1,
                    words::dash_without_space(self.n(idx), r),
                    vec![(idx, fixed)],
                );
                return (true, r, 1);
            }
        }
        (false, content, 0)
    }

    /// Places the line among the blocks above by its indentation; reports a tab or a
    /// strange space before it, or an indentation that lines up with nothing. Gives
    /// the indentation the line is read with.
    fn indentation(
        &mut self,
        idx: usize,
        lead: &str,
        content: &str,
        dash: bool,
        rest: &str,
    ) -> usize {
        let width = lead_width(lead);
        let (what, short) = match (dash, split_key(rest)) {
            (true, _) => (
                ("der Strich `-`".to_string(), "the dash `-`".to_string()),
                "-".to_string(),
            ),
            (false, Some((k, _, _))) => ((format!("`{k}:`"), format!("`{k}:`")), format!("{k}:")),
            (false, None) => {
                let w: String = content.chars().take(20).collect();
                ((format!("`{w}`"), format!("`{w}`")), w)
            }
        };
        let placed = self.place(width, dash, idx, &what);
        let odd = lead.chars().find(|c| *c == '\t' || is_odd_space(*c));
        let n = self.n(idx);
        let indent = match &placed {
            Ok(()) => width,
            Err((expected, _)) => *expected,
        };
        let fix = vec![(idx, format!("{}{content}", " ".repeat(indent)))];
        match (placed, odd) {
            (Ok(()), None) => {}
            (_, Some(c)) => {
                let words = words::odd_indent(n, c, &short, indent);
                self.report(idx, 0, chars(lead), words, fix);
            }
            (Err((_, Some(other))), None) => {
                let words = words::indentation(
                    n,
                    (&what.0, &what.1),
                    (&other.what.0, &other.what.1),
                    other.line,
                    indent,
                    width,
                );
                self.report(idx, chars(lead), chars(content), words, fix);
            }
            (Err((_, None)), None) if dash => {
                let fix = vec![(idx, format!("{}{rest}", " ".repeat(width)))];
                self.report(idx, chars(lead), 1, words::stray_dash(n), fix);
            }
            (Err((_, None)), None) => {
                let words = words::first_indented(n, (&what.0, &what.1));
                self.report(idx, 0, chars(lead), words, fix);
            }
        }
        indent
    }

    /// Finds the block the line belongs to; `Err` with the indentation it should have
    /// and the line it should line up with when it lines up with none.
    fn place(
        &mut self,
        indent: usize,
        dash: bool,
        idx: usize,
        what: &(String, String),
    ) -> Result<(), (usize, Option<Level>)> {
        let here = Level {
            indent,
            seq: dash,
            line: self.n(idx),
            what: what.clone(),
        };
        if let Some((parent, dash_may_align)) = self.expect_child.take() {
            if indent > parent || (dash && dash_may_align && indent == parent) {
                self.levels.push(here);
                return Ok(());
            }
        }
        if self.levels.is_empty() {
            self.levels.push(Level { indent: 0, ..here });
            return if indent == 0 { Ok(()) } else { Err((0, None)) };
        }
        let before = self.levels.clone();
        while self.levels.last().is_some_and(|l| l.indent > indent) {
            self.levels.pop();
        }
        while let Some(top) = self.levels.last_mut() {
            if top.indent != indent {
                break;
            }
            if top.seq == dash {
                top.line = here.line;
                top.what = here.what.clone();
                return Ok(());
            }
            if !top.seq {
                break;
            }
            // A field after a list written at the field's own indentation.
            self.levels.pop();
        }
        // It lines up with no block: the nearest one of its kind, deeper on a tie.
        self.levels = before;
        let best = self
            .levels
            .iter()
            .filter(|l| l.seq == dash)
            .min_by_key(|l| (l.indent.abs_diff(indent), usize::MAX - l.indent))
            .cloned();
        let Some(best) = best else {
            return Err((indent, None));
        };
        while self
            .levels
            .last()
            .is_some_and(|l| l.indent > best.indent || (l.indent == best.indent && l.seq != dash))
        {
            self.levels.pop();
        }
        if let Some(top) = self.levels.last_mut() {
            top.line = here.line;
            top.what = here.what;
        }
        Err((best.indent, Some(best)))
    }

    /// A `key: value` line (`top`: at the top of the file).
    fn key_line(
        &mut self,
        idx: usize,
        key_indent: usize,
        top: bool,
        key: &str,
        value: &str,
        vcol: usize,
    ) {
        if top {
            let n = self.n(idx);
            if let Some((_, first)) = self.top_keys.iter().find(|(k, _)| k == key) {
                let words = words::duplicate(key, Some(*first));
                let raw = self.lines[idx];
                let fix = format!("{key}-{n}{}", &raw[raw.find(':').unwrap_or(0)..]);
                self.report(idx, 0, chars(key), words, vec![(idx, fix)]);
            } else {
                self.top_keys.push((key.to_string(), n));
            }
            self.block = shape(self.kind, key).map(|shape| Block {
                key: key.to_string(),
                shape,
                child: None,
                item: None,
                undashed: None,
            });
        }
        if value.is_empty() || value.starts_with('#') {
            self.expect_child = Some((key_indent, true));
            return;
        }
        self.value(idx, &format!("{key}:"), value, vcol, key_indent);
    }

    /// The value after `prefix` (`title:` or the dash of an item), at character
    /// column `col`, of a field at indentation `key_indent`.
    fn value(&mut self, idx: usize, prefix: &str, value: &str, col: usize, key_indent: usize) {
        let n = self.n(idx);
        let first = value.chars().next().unwrap_or(' ');
        let after = value[first.len_utf8()..].chars().next();
        match first {
            '"' | '\'' => self.quoted(idx, prefix, value, col, key_indent),
            '[' | '{' => {
                let mut f = Flow {
                    idx,
                    col,
                    last: idx,
                    key_indent,
                    stack: Vec::new(),
                };
                self.flow_chars(idx, value, col, &mut f);
                if !f.stack.is_empty() {
                    self.flow = Some(f);
                }
            }
            '|' | '>' if is_block_header(value) => {
                self.skip_deeper = Some(key_indent);
                self.block_text = Some((prefix.to_string(), key_indent));
            }
            '@' | '`' | '%' | '*' | ']' | '}' | ',' => self.special(idx, prefix, value, col),
            '&' | '!' | '|' | '>' | '-' | '?' | ':' if matches!(after, None | Some(' ')) => {
                self.special(idx, prefix, value, col)
            }
            _ => {
                let v = without_note(value);
                let colon = v
                    .find(": ")
                    .or_else(|| v.ends_with(':').then(|| v.len() - 1));
                match colon {
                    Some(at) => {
                        let smart = "„“”‚‘»«".contains(first);
                        let words = words::colon_in_value(n, prefix, v, smart);
                        let fix = self.with_value(idx, prefix, &words::quoted(v));
                        self.report(idx, col + chars(&v[..at]), 1, words, fix);
                    }
                    None => self.after_text = Some(key_indent),
                }
            }
        }
    }

    /// The line `idx` with `prefix` followed by `value`, as a fix.
    pub(super) fn with_value(&self, idx: usize, prefix: &str, value: &str) -> Vec<(usize, String)> {
        let raw = self.lines[idx];
        let lead: String = raw.chars().take_while(|c| c.is_whitespace()).collect();
        let dash = if prefix != "-" && raw.trim_start().starts_with("- ") {
            "- "
        } else {
            ""
        };
        vec![(idx, format!("{lead}{dash}{prefix} {value}"))]
    }

    fn special(&mut self, idx: usize, prefix: &str, value: &str, col: usize) {
        let v = without_note(value);
        let c = v.chars().next().unwrap_or(' ');
        let words = words::special_start(self.n(idx), prefix, c, v);
        let fix = self.with_value(idx, prefix, &words::quoted(v));
        self.report(idx, col, 1, words, fix);
    }

    /// A line that is neither a field nor a list item: `date:2019-10-10`,
    /// `format = vor Ort`, a non-breaking space after the colon, or a stray text.
    fn no_key(&mut self, idx: usize, indent: usize, pos: usize, content: &str, after_text: bool) {
        let n = self.n(idx);
        let pad = " ".repeat(indent);
        if let Some(end) = word_key(content) {
            let key = &content[..end];
            let after = &content[end..];
            if let Some(v) = after.strip_prefix(':') {
                if let Some(c) = v.chars().next().filter(|c| is_odd_space(*c)) {
                    let value = v.trim_start_matches(|c: char| is_odd_space(c) || c == ' ');
                    let words = words::odd_space_after_colon(n, key, c, value);
                    let fix = vec![(idx, format!("{pad}{key}: {value}"))];
                    self.report(idx, pos + end + 1, 1, words, fix);
                    self.after_text = Some(indent);
                    return;
                }
                if v.chars().next().is_some_and(|c| c != '/' && c != ':') {
                    let words = words::no_space_after_colon(n, key, v);
                    let fix = vec![(idx, format!("{pad}{key}: {v}"))];
                    self.report(idx, pos + end, 1, words, fix);
                    self.after_text = Some(indent);
                    return;
                }
            }
            let t = after.trim_start();
            if let Some(v) = t
                .strip_prefix('=')
                .filter(|_| known_anywhere(self.kind, key))
            {
                let v = v.trim();
                let words = words::equals_sign(n, key, v);
                let fix = vec![(idx, format!("{pad}{key}: {v}"))];
                self.report(idx, pos + end + chars(after) - chars(t), 1, words, fix);
                self.after_text = Some(indent);
                return;
            }
        }
        let words = words::not_a_field(n, content, self.kind.is_front_matter(), after_text);
        self.report(
            idx,
            pos,
            chars(content),
            words,
            vec![(idx, format!("# {content}"))],
        );
    }
}

/// How wide leading whitespace is taken to be (a tab as two spaces).
pub(super) fn lead_width(lead: &str) -> usize {
    lead.chars().map(|c| if c == '\t' { 2 } else { 1 }).sum()
}

/// The column of the first character that is not whitespace.
pub(super) fn indent_col(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}
