//! Filters available to templates (the built-in theme and overrides).

use crate::content::Language;
use crate::i18n;
use tera::{Kwargs, State, Tera};

pub(crate) fn register(tera: &mut Tera, lang: Language) {
    // `{{ "2019-03-14" | date }}` → "14. März 2019"; `format="short"` → "14.03.2019";
    // `format="month"` → "März 2019".
    tera.register_filter(
        "date",
        move |s: &str, kwargs: Kwargs, _: &State| -> String {
            let Ok(d) = crate::content::names::parse_iso_date(s) else {
                return s.to_string();
            };
            let format: Option<&str> = kwargs.get("format").ok().flatten();
            match format {
                Some("short") => i18n::date_short(lang, d),
                Some("month") => {
                    use chrono::Datelike;
                    i18n::month_year(lang, d.year(), d.month())
                }
                _ => i18n::date_long(lang, d),
            }
        },
    );
}
