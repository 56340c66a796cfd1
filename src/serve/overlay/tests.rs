use super::*;
use crate::diagnostics::Diagnostic;

const ENTRY: &str = "cohorts/2019/a/2019-03-14-x.md";

fn problems(line: usize) -> Diagnostics {
    let src = format!("{}topics: [onlinemarketting]\n", "\n".repeat(line - 1));
    let mut all = Diagnostics::default();
    all.push(
        Diagnostic::error(
            ENTRY,
            crate::text!(
                "Das Thema `onlinemarketting` gibt es nicht",
                "unknown topic `onlinemarketting`"
            ),
        )
        .at(&src, line, 10, 16)
        .with_help(crate::text!(
            "Meinten Sie `onlinemarketing`?",
            "did you mean `onlinemarketing`?"
        )),
    );
    all.push(Diagnostic::warning(
        "cohorts/2019/a/plan.pdf",
        crate::text!("Nicht verlinkt <b>", "not linked <b>"),
    ));
    all
}

#[test]
fn code_in_backticks_becomes_code_and_everything_is_escaped() {
    assert_eq!(
        with_code("Das Feld `<tags>` & `x`"),
        "Das Feld <code>&lt;tags&gt;</code> &amp; <code>x</code>"
    );
    assert_eq!(with_code("a `b` c `d"), "a <code>b</code> c `d");
    assert_eq!(with_code("kein Code"), "kein Code");
}

#[test]
fn errors_open_with_the_place_in_words_and_warnings_folded() {
    let de = html(&problems(4), Language::De, Site::Kept).unwrap();
    for part in [
        r#"role="alertdialog""#,
        r#"class="tandem-ov tandem-ov-errors""#,
        r#"<details class="tandem-ov-fold" open>"#,
        r#"<span id="tandem-overlay-title">1 Fehler im Inhalt</span>"#,
        r#"<span class="tandem-ov-also">· 1 Warnung</span>"#,
        r#"<code>cohorts/2019/a/2019-03-14-x.md</code>, Zeile 4, Spalte 10"#,
        r#"Das Thema <code>onlinemarketting</code> gibt es nicht"#,
        r#"<span class="tandem-ov-no">   4 | </span>topics: [<mark>onlinemarketting</mark>]"#,
        r#"<span class="tandem-ov-label">Tipp:</span> Meinten Sie <code>onlinemarketing</code>?"#,
        r#"<details class="tandem-ov-more"><summary>1 Warnung</summary>"#,
        "Nicht verlinkt &lt;b&gt;",
        "Die Vorschau zeigt den letzten fehlerfreien Stand.",
    ] {
        assert!(de.contains(part), "`{part}` in\n{de}");
    }
    for never in ["`", "style=", " onclick", ":4:10", "<b>"] {
        assert!(!de.contains(never), "`{never}` in\n{de}");
    }
    let en = html(&problems(4), Language::En, Site::None).unwrap();
    for part in [
        "1 content error",
        "· 1 warning",
        "<code>cohorts/2019/a/2019-03-14-x.md</code>, line 4, column 10",
        "unknown topic <code>onlinemarketting</code>",
        r#"<span class="tandem-ov-label">Hint:</span> did you mean <code>onlinemarketing</code>?"#,
        "The site can be shown once these errors are fixed.",
    ] {
        assert!(en.contains(part), "`{part}` in\n{en}");
    }
}

#[test]
fn warnings_alone_are_a_folded_bar() {
    let mut only = Diagnostics::default();
    only.push(Diagnostic::warning(
        ENTRY,
        crate::text!("Das Feld `tags` ist unbekannt", "unknown field `tags`"),
    ));
    let de = html(&only, Language::De, Site::Kept).unwrap();
    assert!(
        de.contains(r#"class="tandem-ov tandem-ov-warnings" role="region""#),
        "{de}"
    );
    assert!(
        de.contains(r#"<details class="tandem-ov-fold">"#),
        "folded: {de}"
    );
    assert!(de.contains(">1 Warnung zum Inhalt<"), "{de}");
    assert!(!de.contains("tandem-ov-more"), "{de}");
    assert_eq!(
        html(&Diagnostics::default(), Language::De, Site::Kept),
        None
    );
}

#[test]
fn the_folding_is_kept_while_the_same_problems_stay() {
    let attr = |html: &str, name: &str| {
        let at = html.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    let a = html(&problems(4), Language::De, Site::Kept).unwrap();
    let b = html(&problems(5), Language::De, Site::Kept).unwrap();
    assert_eq!(attr(&a, "data-key"), attr(&b, "data-key"), "lines moved");
    assert_ne!(
        attr(&a, "data-hash"),
        attr(&b, "data-hash"),
        "but it shows them"
    );
    let mut other = problems(4);
    other.push(Diagnostic::error(
        "program.yaml",
        crate::text!("neu", "new"),
    ));
    let c = html(&other, Language::De, Site::Kept).unwrap();
    assert_ne!(attr(&a, "data-key"), attr(&c, "data-key"), "a new problem");
}

#[test]
fn an_example_in_the_hint_keeps_its_indentation() {
    let mut all = Diagnostics::default();
    all.push(
        Diagnostic::error(
            "program.yaml",
            crate::text!("Nur `Cybersicherheit`", "only `Cybersicherheit`"),
        )
        .with_help(crate::text!(
            "Schreiben Sie es so, die zweite Zeile genau unter `id:`:\n  - id: cybersicherheit\n    title: Cybersicherheit",
            "write it like this:\n  - id: cybersicherheit\n    title: Cybersicherheit"
        )),
    );
    let de = html(&all, Language::De, Site::Kept).unwrap();
    assert!(
        de.contains(concat!(
            r#"<span class="tandem-ov-label">Tipp:</span> Schreiben Sie es so, die zweite Zeile genau unter <code>id:</code>:</p>"#,
            r#"<pre class="tandem-ov-example">  - id: cybersicherheit"#,
            "\n",
            r#"    title: Cybersicherheit</pre>"#
        )),
        "{de}"
    );
}
