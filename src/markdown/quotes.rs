//! Typographic quotes for German.

use pulldown_cmark::CowStr;

/// Smart punctuation gives English quotes; German uses „…“ and ‚…‘. A right single
/// quote that closes no opened one is an apostrophe (`geht’s`) and stays.
pub(super) fn german_quotes<'a>(t: CowStr<'a>, single_open: &mut bool) -> CowStr<'a> {
    if !t.contains(['“', '”', '‘', '’']) {
        return t;
    }
    let mut s = String::with_capacity(t.len() + 2);
    for c in t.chars() {
        match c {
            '“' => s.push('„'),
            '”' => s.push('“'),
            '‘' => {
                *single_open = true;
                s.push('‚')
            }
            '’' if *single_open => {
                *single_open = false;
                s.push('‘')
            }
            c => s.push(c),
        }
    }
    s.into()
}
