//! Quotes and brackets: one never closed, quotes inside quotes, text after the
//! bracket that closes a list, a closing bracket too many.

use super::scan::{chars, lead_width, without_note, Flow, Scanner};
use super::words;

impl Scanner<'_> {
    /// A value in quotes: one that is never closed, or that goes on after its closing
    /// quote (quotes inside quotes).
    pub(super) fn quoted(
        &mut self,
        idx: usize,
        prefix: &str,
        value: &str,
        col: usize,
        key_indent: usize,
    ) {
        let q = value.chars().next().unwrap_or('"');
        let n = self.n(idx);
        match closing_quote(value, q) {
            None => {
                if self.next_is_deeper(idx, key_indent) {
                    // A quoted text over several lines.
                    self.skip_deeper = Some(key_indent);
                    return;
                }
                let fixed = format!("{}{q}", self.lines[idx].trim_end());
                let words = words::unclosed_quote(n, q, fixed.trim_start());
                self.report(idx, col, 1, words, vec![(idx, fixed)]);
            }
            Some(end) => {
                let trail = value[end + 1..].trim();
                if trail.is_empty() || trail.starts_with('#') {
                    return;
                }
                let inner = value[1..].strip_suffix(q).unwrap_or(&value[1..]);
                let words = words::quotes_inside(n, prefix, inner);
                let fix = self.with_value(idx, prefix, &words::quoted(inner));
                self.report(idx, col + chars(&value[..end]), 1, words, fix);
            }
        }
    }

    /// Whether the next line with text is indented deeper than `indent`.
    fn next_is_deeper(&self, idx: usize, indent: usize) -> bool {
        self.lines[idx + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| lead_width(&l[..l.len() - l.trim_start().len()]) > indent)
    }

    /// The brackets of `s` (from character column `col` of line `idx`), counted into
    /// `f`: a closing one too many, and text after the last one, are reported.
    pub(super) fn flow_chars(&mut self, idx: usize, s: &str, col: usize, f: &mut Flow) {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (ci, (bi, c)) in s.char_indices().enumerate() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                prev = c;
                continue;
            }
            match c {
                '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
                '[' | '{' => f.stack.push(c),
                ']' | '}' => {
                    if f.stack.pop().is_none() {
                        self.stray_closer(idx, col + ci, c);
                        return;
                    }
                    if f.stack.is_empty() {
                        self.after_flow(idx, col + ci, c, &s[bi + 1..]);
                        return;
                    }
                }
                '#' if prev == ' ' => return,
                _ => {}
            }
            prev = c;
        }
    }

    fn stray_closer(&mut self, idx: usize, col: usize, c: char) {
        let raw = self.lines[idx];
        let fixed: String = raw
            .chars()
            .enumerate()
            .filter(|(i, _)| *i != col)
            .map(|(_, c)| c)
            .collect();
        let words = words::stray_closer(self.n(idx), c, fixed.trim());
        self.report(idx, col, 1, words, vec![(idx, fixed)]);
    }

    /// What follows the bracket that closes a list (at character column `col`).
    fn after_flow(&mut self, idx: usize, col: usize, close: char, after: &str) {
        let trail = after.trim();
        if trail.is_empty() || trail.starts_with('#') {
            return;
        }
        if let Some(c) = trail.chars().next().filter(|c| *c == ']' || *c == '}') {
            let at = col + 1 + chars(after) - chars(after.trim_start());
            return self.stray_closer(idx, at, c);
        }
        let raw = self.lines[idx];
        let upto: String = raw.chars().take(col + 1).collect();
        // A list written after the brackets (a suggestion whose `#` was deleted).
        let fixed = match (trail.find('['), trail.rfind(']')) {
            (Some(a), Some(b)) if a < b => {
                let open = upto.rfind('[').unwrap_or(0);
                format!("{}{}", &upto[..open], &trail[a..=b])
            }
            _ => format!("{upto}  # {trail}"),
        };
        let words = words::text_after_bracket(self.n(idx), close, trail, fixed.trim());
        self.report(idx, col + 1, chars(trail), words, vec![(idx, fixed)]);
    }

    /// A line while a list in brackets is open; `false` when the line ends it
    /// unclosed (the line is then read on its own).
    pub(super) fn flow_line(
        &mut self,
        idx: usize,
        width: usize,
        col: usize,
        content: &str,
    ) -> bool {
        let Some(mut f) = self.flow.take() else {
            return false;
        };
        if width <= f.key_indent {
            self.unclosed_flow(f);
            return false;
        }
        f.last = idx;
        self.flow_chars(idx, content, col, &mut f);
        if !f.stack.is_empty() {
            self.flow = Some(f);
        }
        true
    }

    pub(super) fn unclosed_flow(&mut self, f: Flow) {
        let closers: String = f
            .stack
            .iter()
            .rev()
            .map(|c| if *c == '[' { ']' } else { '}' })
            .collect();
        let fixed = format!("{}{closers}", self.lines[f.last].trim_end());
        let open = f.stack[0];
        let words = words::unclosed_bracket(self.n(f.idx), open, &closers, fixed.trim_start());
        self.report(f.idx, f.col, 1, words, vec![(f.last, fixed)]);
    }
}
/// The character after the closing quote `q` of `value` (which starts with it).
fn closing_quote(value: &str, q: char) -> Option<usize> {
    let mut it = value.char_indices().skip(1).peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '\\' if q == '"' => {
                it.next();
            }
            c if c == q => {
                if q == '\'' && it.peek().is_some_and(|(_, n)| *n == '\'') {
                    it.next();
                    continue;
                }
                return Some(i);
            }
            _ => {}
        }
    }
    None
}
/// `|`, `|-`, `>+2` …: the start of a text written on the lines below.
pub(super) fn is_block_header(value: &str) -> bool {
    let v = without_note(value);
    let mut cs = v.chars();
    matches!(cs.next(), Some('|' | '>')) && cs.all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}
