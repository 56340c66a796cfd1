//! Any bytes as an entry file: decoding, splitting off the front matter, parsing its
//! YAML, and rendering whatever error comes out (positions must stay inside the text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use tandem::content::front_matter::{decode, parse_yaml, split};
use tandem::diagnostics::Diagnostics;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::default();
    match decode("cohorts/2019/t/2019-03-14-x.md", data.to_vec()) {
        Err(d) => diags.push(d),
        Ok(src) => match split(&src) {
            Err(d) => diags.push(d),
            Ok(parts) => {
                let mut found = Vec::new();
                let _ = parse_yaml::<BTreeMap<String, serde_json::Value>>(
                    &src.file,
                    &src.text,
                    parts.yaml,
                    parts.yaml_line_offset,
                    &mut found,
                );
                diags.extend(found);
                assert!(parts.body_offset <= src.text.len());
            }
        },
    }
    let _ = diags.render_human(false, tandem::language::Language::De);
    let _ = diags.render_json(tandem::language::Language::En);
});
