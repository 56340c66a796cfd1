use super::collect::EXCERPT_CHARS;
use super::links::refused_scheme;
use super::*;

fn md(file: &str, body: &str) -> Markdown {
    Markdown {
        file: file.into(),
        text: body.into(),
        offset: 0,
    }
}

fn opts() -> Options<'static> {
    Options {
        german_quotes: true,
        title_from_heading: true,
        id_prefix: "e1-",
    }
}

fn none(_: &str) -> Target {
    Target::Missing(None)
}

#[test]
fn title_from_first_heading_is_not_repeated() {
    let r = render(&md("a.md", "# Hallo Welt\n\nText\n"), &opts(), &none);
    assert_eq!(r.title.as_deref(), Some("Hallo Welt"));
    assert!(!r.html.contains("Hallo Welt"), "{}", r.html);
}

#[test]
fn german_quotes_and_apostrophes() {
    let r = render(
        &md("a.md", "Er sagte \"Hallo\" und 'so' und geht's.\n"),
        &opts(),
        &none,
    );
    assert!(r.html.contains("„Hallo“"), "{}", r.html);
    assert!(r.html.contains("‚so‘"), "{}", r.html);
    assert!(r.html.contains("geht’s"), "{}", r.html);
}

#[test]
fn relative_links_are_rewritten_and_checked() {
    let resolve = |p: &str| match p {
        "cohorts/c/t/b.md" => Target::Url("/cohorts/c/t/b/".into()),
        "cohorts/c/t/private.md" => Target::Hidden,
        _ => Target::Missing(None),
    };
    let m = md(
        "cohorts/c/t/a.md",
        "[B](b.md#x) [P](private.md) [X](missing.md) [W](https://x.org)\n",
    );
    let r = render(&m, &opts(), &resolve);
    assert!(r.html.contains("href=\"/cohorts/c/t/b/#x\""), "{}", r.html);
    assert!(!r.html.contains("private"), "{}", r.html);
    assert!(
        r.html.contains(">P<") || r.html.contains(" P "),
        "{}",
        r.html
    );
    assert!(r.html.contains("https://x.org"));
    assert_eq!(r.diags.len(), 1);
    assert_eq!((r.diags[0].line, r.diags[0].column), (1, 29));
    assert!(r.diags[0].message.en.contains("missing.md"));
}

#[test]
fn links_out_of_the_content_folder_are_errors() {
    let r = render(&md("index.md", "[x](../../etc/passwd)\n"), &opts(), &none);
    assert!(r.diags[0].message.en.contains("out of the content folder"));
}

#[test]
fn open_tasks_are_collected() {
    let r = render(
        &md(
            "a.md",
            "- [x] erledigt\n- [ ] LinkedIn-Profil *anlegen*\n  - [ ] nested\n",
        ),
        &opts(),
        &none,
    );
    assert_eq!(r.tasks.len(), 3);
    assert_eq!(
        r.tasks[1],
        Task {
            text: "LinkedIn-Profil anlegen".into(),
            done: false
        }
    );
    assert!(r.tasks[0].done);
}

#[test]
fn footnotes_are_prefixed_and_headings_get_ids() {
    let r = render(
        &md(
            "a.md",
            "Text[^1]\n\n## Zweiter Teil\n\n## Zweiter Teil\n\n[^1]: Note\n",
        ),
        &opts(),
        &none,
    );
    assert!(r.html.contains("e1-1"), "{}", r.html);
    assert!(r.html.contains("id=\"zweiter-teil\""), "{}", r.html);
    assert!(r.html.contains("id=\"zweiter-teil-2\""), "{}", r.html);
}

#[test]
fn excerpt_is_plain_and_short() {
    let long = "Wort ".repeat(200);
    let r = render(
        &md("a.md", &format!("## Kopf\n\n**Fett** und {long}")),
        &opts(),
        &none,
    );
    assert!(r.excerpt.starts_with("Fett und Wort"));
    assert!(r.excerpt.ends_with('…'));
    assert!(r.excerpt.chars().count() <= EXCERPT_CHARS + 1);
}

#[test]
fn script_addresses_are_refused_in_any_spelling() {
    for d in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\u{1}javascript:x",
        "vbscript:x",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "C:\\Users\\x.docx",
    ] {
        assert!(refused_scheme(d, false).is_some(), "{d:?}");
    }
    assert!(refused_scheme("data:image/svg+xml,<svg>", true).is_some());
    assert_eq!(refused_scheme("data:image/png;base64,AAAA", true), None);
    for d in [
        "https://x.org",
        "mailto:a@b",
        "b.md",
        "../x.md#y",
        "/abs",
        "#top",
    ] {
        assert_eq!(refused_scheme(d, false), None, "{d:?}");
    }
}

#[test]
fn raw_html_is_text_except_harmless_formatting() {
    let r = render(
        &md(
            "a.md",
            "<script>alert(1)</script>\n\nA<br>B <b onclick=x>c</b> H<sub>2</sub>O <!-- weg -->\n",
        ),
        &opts(),
        &none,
    );
    assert!(
        r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        r.html
    );
    assert!(r.html.contains("A<br>B"), "{}", r.html);
    assert!(r.html.contains("&lt;b onclick=x&gt;"), "{}", r.html);
    assert!(r.html.contains("H<sub>2</sub>O"), "{}", r.html);
    assert!(!r.html.contains("weg"), "{}", r.html);
    assert_eq!(r.diags.len(), 1);
    assert_eq!((r.diags[0].line, r.diags[0].column), (1, 1));
}

#[test]
fn content_paths() {
    assert_eq!(
        content_path("a/b/c.md", "../d.md"),
        Some(Ok(("a/d.md".into(), "".into())))
    );
    assert_eq!(
        content_path("a/c.md", "x%20y.md#top"),
        Some(Ok(("a/x y.md".into(), "#top".into())))
    );
    assert_eq!(content_path("a.md", "mailto:x@y"), None);
    assert_eq!(content_path("a.md", "#top"), None);
    assert_eq!(content_path("a.md", "../x.md"), Some(Err(())));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Whatever links are written, rendering reports and never panics, and every
    /// problem is on a line of the text.
    #[test]
    fn any_links_render_without_panic(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "[a](b c)", "](", "[", "]", "(", ")", "[ä](ü ö)", "http://localhost:1/x", "<http://127.0.0.1>",
            "[x](http://[::1]:8/cohorts/c/t/b/)", "[x](/cohorts/c/t/b/)", "[x](../b/)", "[x](b)", "ä", "\n",
            "`[k](x y)`", "```\n[k](x y)\n```\n", "[x](missing.md)", "[x](<a b.md>)", "![p](a b.png)", " ",
        ]),
        0..16,
    )) {
        let body: String = parts.concat();
        let resolve = |p: &str| match p {
            "cohorts/c/t/b.md" => Target::Url("/cohorts/c/t/b/".into()),
            "/cohorts/c/t/b/" => Target::Page { url: "/cohorts/c/t/b/".into(), file: "cohorts/c/t/b.md".into() },
            "cohorts/c/t/a.md" => Target::Url("/cohorts/c/t/a/".into()),
            _ => Target::Missing(Some("cohorts/c/t/b.md".into())),
        };
        let r = render(&md("cohorts/c/t/a.md", &body), &opts(), &resolve);
        let count = body.split('\n').count();
        for d in r.diags.iter().filter(|d| !d.summary) {
            proptest::prop_assert!(d.line >= 1 && d.line <= count, "{d:#?} in {body:?}");
        }
    }
}

#[test]
fn links_by_address_without_md_and_to_ones_own_computer() {
    let resolve = |p: &str| match p {
        "cohorts/c/t/b.md" => Target::Url("/rm/cohorts/c/t/b/".into()),
        "cohorts/c/t/a.md" => Target::Url("/rm/cohorts/c/t/a/".into()),
        "/rm/cohorts/c/t/b/" | "/cohorts/c/t/b/" => Target::Page {
            url: "/rm/cohorts/c/t/b/".into(),
            file: "cohorts/c/t/b.md".into(),
        },
        _ => Target::Missing(None),
    };
    let m = md(
        "cohorts/c/t/a.md",
        "[1](b) [2](../b/) [3](/cohorts/c/t/b/) [4](http://127.0.0.1:1111/cohorts/c/t/b/) [5](x y)\n",
    );
    let r = render(&m, &opts(), &resolve);
    assert_eq!(
        r.html.matches("href=\"/rm/cohorts/c/t/b/\"").count(),
        4,
        "{}",
        r.html
    );
    let messages: Vec<&str> = r.diags.iter().map(|d| d.message.en.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the link `http://127.0.0.1:1111/cohorts/c/t/b/` points at your own computer (127.0.0.1:1111); readers cannot open it",
            "`[5](x y)` is shown as text, not as a link: its target has spaces",
        ]
    );
    assert_eq!(r.links, ["cohorts/c/t/b.md"; 4]);
}

#[test]
fn an_insight_is_the_section_under_its_heading() {
    let body = "# Titel\n\nVorher.\n\n## Was ich gelernt habe\n\nDass **Zuhören** hilft.\n\n### Im Detail\n\nMehr dazu.\n\n## Vereinbarungen\n\n- [ ] Weiter so\n";
    let r = render(&md("a.md", body), &opts(), &none);
    assert_eq!(r.insights.len(), 1);
    let i = &r.insights[0];
    assert_eq!(i.heading, "Was ich gelernt habe");
    assert_eq!(i.id, "was-ich-gelernt-habe");
    assert_eq!(&body[i.offset..i.offset + 23], "## Was ich gelernt habe");
    assert!(
        i.html.contains("Dass <strong>Zuhören</strong> hilft."),
        "{}",
        i.html
    );
    assert!(i.html.contains("Mehr dazu."), "{}", i.html);
    assert!(i.html.contains("<h3>Im Detail</h3>"), "no id: {}", i.html);
    assert!(!i.html.contains("Weiter so"), "{}", i.html);
    assert_eq!(i.excerpt, "Dass Zuhören hilft. Mehr dazu.");
}
