//! Dates, durations and web addresses from any text: no panic, and slugs keep their
//! promises (only `a-z`, `0-9` and single inner `-`; the same slug again when slugged
//! twice).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem::content::duration::parse_minutes;
use tandem::content::front_matter::parse_date;
use tandem::content::slug::slugify;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = parse_date(s) {
        assert_eq!(parse_date(&d.to_string()), Ok(d));
    }
    let _ = parse_minutes(s);
    let slug = slugify(s);
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "{slug:?}"
    );
    assert_eq!(slugify(&slug), slug);
});
