//! `tandem build`: the site a reader gets from a programme's content.
//!
//! Most tests build `tests/fixtures/mini` (a small German programme whose
//! `base_url` is https://example.org/rm/) in their own temporary folder; a few build
//! the sample programme in `content/`.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BASE_PATH: &str = "/rm/";
const TANDEM: &str = "cohorts/2019/berger-vogt/";
const OTHER_TANDEM: &str = "cohorts/2019/keller-yilmaz/";
const LINKEDIN: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin/";
const PROFIL: &str = "cohorts/2019/berger-vogt/2019-04-04-profil/";
const ERSTER_BEITRAG: &str = "cohorts/2019/berger-vogt/2019-05-02-erster-beitrag/";
const PRIVATE_ENTRY: &str = "cohorts/2019/berger-vogt/2019-05-20-privatnotiz-zweifel/";
const DRAFT_ENTRY: &str = "cohorts/2019/berger-vogt/2019-06-01-rohfassung-entwurf/";
const WERKZEUGE: &str = "cohorts/2019/keller-yilmaz/2019-03-20-werkzeuge/";
const TRELLO: &str = "cohorts/2019/keller-yilmaz/2019-04-17-trello/";

// ---------------------------------------------------------------------------------
// What the content folder promises, read independently of tandem
// ---------------------------------------------------------------------------------

/// The URL slug rule of the spec: lower case, German transliteration, every other
/// run of non-alphanumerics → `-`.
fn slug(name: &str) -> String {
    let mut ascii = String::new();
    for c in name.chars() {
        match c {
            'ä' | 'Ä' => ascii.push_str("ae"),
            'ö' | 'Ö' => ascii.push_str("oe"),
            'ü' | 'Ü' => ascii.push_str("ue"),
            'ß' => ascii.push_str("ss"),
            c => ascii.push(c),
        }
    }
    let mut out = String::new();
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

fn sorted_dir(dir: &Path) -> Vec<std::fs::DirEntry> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap()).collect())
        .unwrap_or_default();
    v.sort_by_key(|e| e.file_name());
    v
}

fn front_matter_says(text: &str, line: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if !text.starts_with("---") {
        return false;
    }
    let Some(end) = text[3..].find("\n---") else {
        return false;
    };
    text[3..3 + end].lines().any(|l| l.trim() == line)
}

/// A diary entry file, read the way the spec describes it.
struct EntryFile {
    page: String,
    hidden: bool,
}

fn entry_files(content: &Path) -> Vec<EntryFile> {
    let mut out = Vec::new();
    for cohort in sorted_dir(&content.join("cohorts")) {
        if !cohort.file_type().unwrap().is_dir() {
            continue;
        }
        let c = slug(&cohort.file_name().to_string_lossy());
        for tandem in sorted_dir(&cohort.path()) {
            if !tandem.file_type().unwrap().is_dir() {
                continue;
            }
            let t = slug(&tandem.file_name().to_string_lossy());
            for f in sorted_dir(&tandem.path()) {
                let name = f.file_name().to_string_lossy().into_owned();
                let Some(stem) = name.strip_suffix(".md") else {
                    continue;
                };
                let text = std::fs::read_to_string(f.path()).unwrap();
                out.push(EntryFile {
                    page: format!("cohorts/{c}/{t}/{}/", slug(stem)),
                    hidden: front_matter_says(&text, "visibility: private")
                        || front_matter_says(&text, "draft: true"),
                });
            }
        }
    }
    out
}

/// Topic ids of program.yaml (`- id: x` or `{ id: x, … }`).
fn topic_ids(content: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(content.join("program.yaml")).unwrap();
    let mut ids = Vec::new();
    for line in text.lines() {
        if let Some(i) = line.find("id: ") {
            let rest = &line[i + 4..];
            let id = rest.split([',', '}']).next().unwrap().trim();
            ids.push(id.to_string());
        }
    }
    ids
}

fn base_url_of(content: &Path) -> String {
    let text = std::fs::read_to_string(content.join("program.yaml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("base_url:"))
        .expect("program.yaml has a base_url");
    line["base_url:".len()..].trim().to_string()
}

fn base_path_of(base_url: &str) -> String {
    let after = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after.find('/') {
        Some(i) => after[i..].to_string(),
        None => "/".to_string(),
    }
}

/// Every page of the spec's site table for this content folder.
fn expected_pages(content: &Path) -> Vec<String> {
    let mut pages: Vec<String> = [
        "",
        "cohorts/",
        "topics/",
        "timeline/",
        "atom.xml",
        "sitemap.xml",
        "404.html",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let docs = content.join("docs");
    let mut stack = vec![docs.clone()];
    while let Some(dir) = stack.pop() {
        for e in sorted_dir(&dir) {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(&docs)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let Some(rel) = rel.strip_suffix(".md") else {
                continue;
            };
            if front_matter_says(&std::fs::read_to_string(e.path()).unwrap(), "draft: true") {
                continue;
            }
            let rel = rel
                .strip_suffix("index")
                .unwrap_or(rel)
                .trim_end_matches('/');
            let mut url = String::from("docs/");
            for seg in rel.split('/').filter(|s| !s.is_empty()) {
                url.push_str(&slug(seg));
                url.push('/');
            }
            pages.push(url);
        }
    }
    for cohort in sorted_dir(&content.join("cohorts")) {
        if !cohort.file_type().unwrap().is_dir() {
            continue;
        }
        let c = slug(&cohort.file_name().to_string_lossy());
        pages.push(format!("cohorts/{c}/"));
        pages.push(format!("cohorts/{c}/timeline/"));
        pages.push(format!("cohorts/{c}/atom.xml"));
        for tandem in sorted_dir(&cohort.path()) {
            if tandem.file_type().unwrap().is_dir() {
                pages.push(format!(
                    "cohorts/{c}/{}/",
                    slug(&tandem.file_name().to_string_lossy())
                ));
            }
        }
    }
    for e in entry_files(content) {
        if !e.hidden {
            pages.push(e.page);
        }
    }
    for id in topic_ids(content) {
        pages.push(format!("topics/{}/", slug(&id)));
        pages.push(format!("topics/{}/atom.xml", slug(&id)));
    }
    pages
}

fn assert_every_page_written(site: &Site, content: &Path) {
    let missing: Vec<String> = expected_pages(content)
        .into_iter()
        .filter(|p| !site.has(&page_file(p)))
        .collect();
    assert!(
        missing.is_empty(),
        "pages of the site table that were not written: {missing:#?}\nthe site has:\n{}",
        site.files().join("\n")
    );
}

fn assert_links_resolve(site: &Site, base_path: &str) {
    let broken = broken_links(site, base_path);
    assert!(
        broken.is_empty(),
        "links that lead nowhere:\n{}",
        broken.join("\n")
    );
}

fn assert_unique_ids(site: &Site) {
    let mut problems = Vec::new();
    for page in site.html_files() {
        let dups = duplicate_ids(&site.text(&page));
        if !dups.is_empty() {
            problems.push(format!("{page}: {dups:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "ids used twice on one page:\n{}",
        problems.join("\n")
    );
}

fn h1_texts(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "h1")
        .map(|t| {
            let close = html[t.end..]
                .find("</h1>")
                .map_or(html.len(), |j| t.end + j);
            text_of(&html[t.end..close])
        })
        .collect()
}

/// Links on `page` (a URL path) that lead to entry pages, as URL paths.
fn entry_pages_linked_from(site: &Site, page: &str, base_path: &str) -> BTreeSet<String> {
    let file = page_file(page);
    links(&site.page(page))
        .into_iter()
        .filter_map(|l| match resolve_link(site, &file, &l.href, base_path) {
            Ok(Some((f, _))) => Some(f),
            _ => None,
        })
        .filter(|f| f.starts_with("cohorts/") && f.matches('/').count() == 4)
        .map(|f| f.trim_end_matches("index.html").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------
// The sample programme
// ---------------------------------------------------------------------------------

#[test]
fn the_sample_programme_builds_without_warnings() {
    let p = Project::empty();
    let content = sample_content();
    let run = tandem(
        p.root(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            "public",
        ],
    );
    run.assert_ok();
    assert!(!run.stderr.contains("Warnung"), "warnings:\n{}", run.stderr);
    assert!(!run.stderr.contains("Fehler"), "errors:\n{}", run.stderr);
    assert_every_page_written(&p.site(), &content);
}

/// Builds the sample programme into a temporary folder.
fn build_sample() -> (Project, Site) {
    let p = Project::empty();
    let content = sample_content();
    tandem(
        p.root(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            "public",
        ],
    )
    .assert_ok();
    let site = p.site();
    assert!(
        site.html_files().len() > 20,
        "the sample site is unexpectedly small"
    );
    (p, site)
}

#[test]
fn every_link_of_the_sample_site_leads_to_an_existing_file() {
    let (_p, site) = build_sample();
    assert_links_resolve(&site, &base_path_of(&base_url_of(&sample_content())));
}

#[test]
fn no_page_of_the_sample_site_uses_an_id_twice() {
    let (_p, site) = build_sample();
    assert_unique_ids(&site);
}

// ---------------------------------------------------------------------------------
// Pages and links
// ---------------------------------------------------------------------------------

#[test]
fn the_link_checker_used_here_notices_links_that_lead_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site {
        root: dir.path().to_path_buf(),
    };
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::write(dir.path().join("index.html"), "<h1 id=\"top\">x</h1>").unwrap();
    std::fs::write(
        dir.path().join("a/b/index.html"),
        "<a href=\"../../\">ok</a><a href=\"../../#top\">ok</a><a href=\"https://x.org/\">ok</a>\
         <a href=\"../c/\">missing page</a><img src=\"../../../up.png\"><a href=\"#nowhere\">x</a>\
         <a href=\"../../#gone\">x</a><a href=\"/rm/a/b/\">ok</a><a href=\"x.md\">x</a>",
    )
    .unwrap();
    let broken = broken_links(&site, "/rm/");
    assert_eq!(broken.len(), 5, "{broken:#?}");
    for bad in [
        "../c/",
        "../../../up.png",
        "#nowhere",
        "../../#gone",
        "x.md",
    ] {
        assert!(
            broken.iter().any(|b| b.contains(&format!("\"{bad}\""))),
            "{bad} not reported: {broken:#?}"
        );
    }
}

#[test]
fn every_page_of_the_site_table_is_written() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    assert_every_page_written(&site, &p.content());
    // The fixture really has these pages (guards against the helper finding nothing).
    for page in [
        LINKEDIN,
        PROFIL,
        ERSTER_BEITRAG,
        WERKZEUGE,
        TRELLO,
        "docs/",
        "docs/faq/",
        "docs/sub/",
    ] {
        assert!(site.has(&page_file(page)), "{page} missing");
    }
    assert!(
        site.has("logo.svg"),
        "static/logo.svg is copied to the site root"
    );
    assert_eq!(
        site.bytes("logo.svg"),
        std::fs::read(p.path("static/logo.svg")).unwrap()
    );
}

#[test]
fn the_search_page_is_written() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let html = site.page("search/");
    assert!(visible_text(&html).contains("Suche"));
}

#[test]
fn every_link_of_the_site_leads_to_an_existing_file() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    assert_links_resolve(&site, BASE_PATH);
}

#[test]
fn every_link_of_a_preview_with_drafts_and_private_entries_leads_to_an_existing_file() {
    let p = Project::mini();
    let site = p.build_ok(&["--drafts", "--private"]);
    assert!(site.has(&page_file(PRIVATE_ENTRY)));
    assert_links_resolve(&site, BASE_PATH);
}

#[test]
fn no_page_uses_an_id_twice() {
    let p = Project::mini();
    let site = p.build_ok(&["--drafts", "--private"]);
    assert_unique_ids(&site);
}

#[test]
fn relative_links_to_markdown_files_lead_to_their_pages() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let page = page_file(LINKEDIN);
    let html = site.page(LINKEDIN);
    let target = |text: &str| {
        let hrefs = hrefs_with_text(&html, text);
        assert_eq!(
            hrefs.len(),
            1,
            "one link `{text}` expected on {LINKEDIN}: {hrefs:?}"
        );
        assert!(
            !hrefs[0].contains(".md"),
            "link `{text}` still points to Markdown: {}",
            hrefs[0]
        );
        (
            target_of(&site, &page, &hrefs[0], BASE_PATH),
            hrefs[0].clone(),
        )
    };
    // Same tandem, with an anchor that survives the rewrite.
    let (file, href) = target("Profil-Eintrag");
    assert_eq!(file, page_file(PROFIL));
    assert!(href.ends_with("#naechste-schritte"), "{href}");
    // Another tandem.
    assert_eq!(target("das andere Tandem").0, page_file(WERKZEUGE));
    // A documentation page, three folders up.
    assert_eq!(target("häufigen Fragen").0, "docs/faq/index.html");

    // From docs to docs, a folder's index.md, and back up.
    let docs = site.page("docs/");
    // (A doc's title may also be a link in the sidebar: every link reading `text`
    // must lead to the same page.)
    let to = |html: &str, from: &str, text: &str| {
        let targets: BTreeSet<String> = hrefs_with_text(html, text)
            .iter()
            .map(|h| target_of(&site, &page_file(from), h, BASE_PATH))
            .collect();
        assert_eq!(
            targets.len(),
            1,
            "links `{text}` on {from} lead to {targets:?}"
        );
        targets.into_iter().next().unwrap()
    };
    assert_eq!(to(&docs, "docs/", "häufigen Fragen"), "docs/faq/index.html");
    assert_eq!(to(&docs, "docs/", "Unterbereich"), "docs/sub/index.html");
    let sub = site.page("docs/sub/");
    assert_eq!(
        to(&sub, "docs/sub/", "zurück zur Übersicht"),
        "docs/index.html"
    );
    // From the home page's intro.
    let home = site.page("");
    assert_eq!(to(&home, "", "häufigen Fragen"), "docs/faq/index.html");
}

#[test]
fn attachments_are_copied_beside_the_tandem_page_and_linked() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let page = page_file(LINKEDIN);
    let html = site.page(LINKEDIN);

    let pdf = hrefs_with_text(&html, "Agenda (PDF)");
    assert_eq!(pdf.len(), 1, "{pdf:?}");
    let file = target_of(&site, &page, &pdf[0], BASE_PATH);
    assert_eq!(file, format!("{TANDEM}agenda.pdf"));
    assert_eq!(
        site.bytes(&file),
        std::fs::read(p.path("cohorts/2019/berger-vogt/agenda.pdf")).unwrap(),
        "the attachment is copied verbatim"
    );

    let img = tags(&html)
        .into_iter()
        .find(|t| t.name == "img" && t.attr("alt") == Some("Whiteboard nach dem Treffen"))
        .expect("the picture is shown on the entry page");
    let file = target_of(&site, &page, img.attr("src").unwrap(), BASE_PATH);
    assert_eq!(file, format!("{TANDEM}whiteboard.png"));
    assert_eq!(
        site.bytes(&file),
        std::fs::read(p.path("cohorts/2019/berger-vogt/whiteboard.png")).unwrap()
    );
}

// ---------------------------------------------------------------------------------
// What a reader sees on the pages
// ---------------------------------------------------------------------------------

#[test]
fn dates_read_the_german_way_in_a_german_programme() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let entry = site.page(LINKEDIN);
    assert_eq!(value_of(&entry, "Datum").as_deref(), Some("14. März 2019"));
    let cohort = visible_text(&site.page("cohorts/2019/"));
    assert!(
        cohort.contains("7. März 2019 Auftaktveranstaltung"),
        "{cohort}"
    );
    assert!(
        cohort.contains("22. Oktober 2019 Abschlussveranstaltung"),
        "{cohort}"
    );
}

#[test]
fn dates_and_labels_read_the_english_way_in_an_english_programme() {
    let p = Project::mini();
    p.edit("program.yaml", "language: de", "language: en");
    let site = p.build_ok(&[]);
    let entry = site.page(LINKEDIN);
    assert_eq!(value_of(&entry, "Date").as_deref(), Some("March 14, 2019"));
    assert_eq!(
        value_of(&entry, "Datum"),
        None,
        "German labels in an English programme"
    );
    let cohort = visible_text(&site.page("cohorts/2019/"));
    assert!(
        cohort.contains("March 7, 2019 Auftaktveranstaltung"),
        "{cohort}"
    );
    let body = visible_text(&entry);
    assert!(
        !body.contains('„'),
        "German quotes in an English programme: {body}"
    );
    assert!(body.contains("“genau einmal”"), "{body}");
}

#[test]
fn quotes_are_german_typographic_quotes_in_a_german_programme() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let text = visible_text(&site.page(LINKEDIN));
    assert!(text.contains("„genau einmal“"), "{text}");
    assert!(!text.contains("\"genau einmal\""), "{text}");
}

#[test]
fn an_entry_without_front_matter_takes_its_title_from_the_first_heading_and_its_date_from_the_file_name(
) {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let html = site.page(ERSTER_BEITRAG);
    assert_eq!(
        h1_texts(&html),
        vec!["Der erste Beitrag auf LinkedIn".to_string()],
        "the title is the page's one and only first-level heading"
    );
    let h1 = tags(&html).into_iter().find(|t| t.name == "h1").unwrap();
    let after_heading = visible_text(&html[h1.end..]);
    let after_heading = after_heading
        .strip_prefix("Der erste Beitrag auf LinkedIn")
        .unwrap_or(&after_heading);
    assert!(
        !after_heading.contains("Der erste Beitrag auf LinkedIn"),
        "the title is not repeated below the heading: {after_heading}"
    );
    assert!(after_heading.contains("Heute hat Hans seinen ersten Beitrag veröffentlicht."));
    assert_eq!(value_of(&html, "Datum").as_deref(), Some("2. Mai 2019"));
    let diary = section(&site.page(TANDEM), "Einträge").expect("the tandem page lists its entries");
    assert_eq!(
        hrefs_with_text(&diary, "Der erste Beitrag auf LinkedIn").len(),
        1
    );
}

#[test]
fn durations_written_in_different_ways_read_the_same() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    for (page, written) in [(LINKEDIN, "90"), (PROFIL, "1h30"), (WERKZEUGE, "1,5 h")] {
        assert_eq!(
            value_of(&site.page(page), "Dauer").as_deref(),
            Some("1 Std. 30 Min."),
            "duration `{written}` on {page}"
        );
    }
    assert_eq!(
        value_of(&site.page(TRELLO), "Dauer").as_deref(),
        Some("45 Min.")
    );
}

#[test]
fn tables_footnotes_task_lists_strikethrough_and_heading_ids_are_rendered() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let html = site.page(LINKEDIN);
    let ts = tags(&html);
    let count = |name: &str| ts.iter().filter(|t| t.name == name).count();

    // Table.
    assert_eq!(count("table"), 1, "one table");
    assert_eq!(count("th"), 2);
    let text = visible_text(&html);
    assert!(text.contains("Profil Kontakte Hans 43 Lena 512"), "{text}");

    // Strikethrough.
    let del = html.find("<del>").expect("struck-through text");
    assert!(html[del..].starts_with("<del>Jobbörse</del>"));

    // Task list: one open, one done, not editable.
    let boxes: Vec<_> = ts
        .iter()
        .filter(|t| t.name == "input" && t.attr("type") == Some("checkbox"))
        .collect();
    assert_eq!(boxes.len(), 2);
    assert_eq!(
        boxes.iter().filter(|b| b.attr("checked").is_some()).count(),
        1
    );
    assert!(boxes.iter().all(|b| b.attr("disabled").is_some()));

    // Heading ids from the heading text.
    assert!(ts
        .iter()
        .any(|t| t.name == "h2" && t.attr("id") == Some("was-wir-gemacht-haben")));

    // Footnote: the reference leads to the note on the same page, under an id that
    // carries the entry (so two entries' notes `[^quelle]` never clash).
    let footnote_id = |html: &str| -> String {
        let refs: Vec<Link> = links(html)
            .into_iter()
            .filter(|l| l.text == "1" && l.href.starts_with('#'))
            .collect();
        assert_eq!(refs.len(), 1, "one footnote reference: {refs:?}");
        refs[0].href[1..].to_string()
    };
    let id = footnote_id(&html);
    assert_ne!(id, "quelle", "footnote ids are prefixed");
    let note = tags(&html)
        .into_iter()
        .find(|t| t.attr("id") == Some(id.as_str()))
        .expect("the footnote reference leads to an element on the page");
    assert!(text_of(&html[note.end..]).starts_with("1 So hat Hans es selbst gesagt."));
    let other = footnote_id(&site.page(PROFIL));
    assert_ne!(
        id, other,
        "the same footnote name in two entries gets two ids"
    );
}

#[test]
fn open_agreements_appear_on_the_tandem_page_with_a_link_to_their_entry() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let html = site.page(TANDEM);
    let agreements = section(&html, "Offene Vereinbarungen").expect("an open agreements section");
    let text = text_of(&agreements);
    assert!(text.contains("Neues Profilfoto machen lassen"), "{text}");
    let hrefs = hrefs_with_text(&agreements, "LinkedIn für Vorstände");
    assert_eq!(
        hrefs.len(),
        1,
        "the agreement links to the entry it was made in: {agreements}"
    );
    assert_eq!(
        target_of(&site, &page_file(TANDEM), &hrefs[0], BASE_PATH),
        page_file(LINKEDIN)
    );
    assert!(
        !text.contains("Kontakte importieren"),
        "a ticked task is not open: {text}"
    );
    assert!(
        !text.contains("Ersten Beitrag schreiben"),
        "a task ticked off in a later entry is not open: {text}"
    );

    let other = section(&site.page(OTHER_TANDEM), "Offene Vereinbarungen").unwrap();
    assert!(text_of(&other).contains("Trello-Board für das Team anlegen"));
    assert!(
        !text_of(&other).contains("Profilfoto"),
        "agreements belong to their tandem"
    );
}

#[test]
fn a_tandem_page_shows_the_people_goals_focus_and_figures() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let html = site.page(TANDEM);
    let text = visible_text(&html);
    for s in [
        "Dr. Hans Berger",
        "Vorstand",
        "Lena Vogt",
        "Werkstudentin Digitales Marketing",
        "Raiffeisenbank Musterstadt eG",
        "Hans möchte LinkedIn verstehen und selbst posten.",
        "Onlinemarketing",
        "Führungsverhalten",
    ] {
        assert!(text.contains(s), "`{s}` missing on the tandem page: {text}");
    }
    // 90 min (`90`) + 90 min (`1h30`); the entry without front matter is no meeting.
    assert_eq!(value_of(&html, "Treffen").as_deref(), Some("2"));
    assert_eq!(
        value_of(&html, "Zeit in Treffen").as_deref(),
        Some("3 Std.")
    );
    let diary = section(&html, "Einträge").expect("the tandem page lists its entries");
    let listed: BTreeSet<String> = links(&diary)
        .iter()
        .filter_map(|l| {
            resolve_link(&site, &page_file(TANDEM), &l.href, BASE_PATH)
                .ok()
                .flatten()
        })
        .map(|(f, _)| f.trim_end_matches("index.html").to_string())
        .filter(|f| f.matches('/').count() == 4)
        .collect();
    assert_eq!(
        listed,
        BTreeSet::from([
            LINKEDIN.to_string(),
            PROFIL.to_string(),
            ERSTER_BEITRAG.to_string()
        ])
    );
}

#[test]
fn files_with_a_byte_order_mark_and_windows_line_ends_are_read() {
    let p = Project::mini();
    p.write(
        "cohorts/2019/keller-yilmaz/2019-05-06-windows.md",
        "\u{feff}---\r\ntitle: Aus dem Windows-Editor\r\ndate: 2019-05-06\r\nduration: 60\r\n---\r\nText mit \"Zitat\".\r\n",
    );
    let site = p.build_ok(&[]);
    let html = site.page("cohorts/2019/keller-yilmaz/2019-05-06-windows/");
    assert_eq!(h1_texts(&html), vec!["Aus dem Windows-Editor".to_string()]);
    assert_eq!(value_of(&html, "Datum").as_deref(), Some("6. Mai 2019"));
    assert_eq!(value_of(&html, "Dauer").as_deref(), Some("1 Std."));
    assert!(visible_text(&html).contains("Text mit „Zitat“."));
}

// ---------------------------------------------------------------------------------
// Feeds and sitemap
// ---------------------------------------------------------------------------------

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
}

/// The page file an absolute URL of the site stands for.
fn page_of_url(site: &Site, url: &str, base_url: &str) -> String {
    let rest = url
        .strip_prefix(base_url)
        .unwrap_or_else(|| panic!("`{url}` does not start with the base URL {base_url}"));
    let file = page_file(rest);
    assert!(
        site.has(&file),
        "`{url}` leads to no page of the site ({file})"
    );
    file
}

/// Checks one feed; returns the page files of its entries.
fn check_feed(site: &Site, file: &str, base_url: &str) -> Vec<String> {
    let xml = site.text(file);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file} is not XML: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed", "{file}");
    assert_eq!(
        feed.tag_name().namespace(),
        Some(ATOM),
        "{file} is not in the Atom namespace"
    );
    for required in ["id", "title", "updated"] {
        let n = child(feed, required).unwrap_or_else(|| panic!("{file}: feed has no <{required}>"));
        assert!(
            !n.text().unwrap_or("").trim().is_empty(),
            "{file}: empty <{required}>"
        );
    }
    assert!(
        is_rfc3339(child(feed, "updated").unwrap().text().unwrap()),
        "{file}: <updated>"
    );
    assert!(
        child(feed, "id")
            .unwrap()
            .text()
            .unwrap()
            .starts_with(base_url),
        "{file}: feed id"
    );
    let self_link = feed
        .children()
        .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"))
        .unwrap_or_else(|| panic!("{file}: no self link"));
    assert_eq!(
        self_link.attribute("href"),
        Some(format!("{base_url}{file}").as_str())
    );
    let mut pages = Vec::new();
    for entry in feed.children().filter(|c| c.tag_name().name() == "entry") {
        for required in ["id", "title", "updated"] {
            let n = child(entry, required)
                .unwrap_or_else(|| panic!("{file}: entry without <{required}>"));
            assert!(
                !n.text().unwrap_or("").trim().is_empty(),
                "{file}: empty <{required}>"
            );
        }
        assert!(is_rfc3339(child(entry, "updated").unwrap().text().unwrap()));
        let author = child(entry, "author").and_then(|a| child(a, "name"));
        assert!(
            author.is_some_and(|n| !n.text().unwrap_or("").trim().is_empty()),
            "{file}: every entry names an author (the feed has none)"
        );
        let id = child(entry, "id").unwrap().text().unwrap();
        assert!(
            id.starts_with(base_url),
            "{file}: entry id `{id}` is not an absolute URL of the site"
        );
        let link = entry
            .children()
            .find(|c| {
                c.tag_name().name() == "link"
                    && c.attribute("rel").unwrap_or("alternate") == "alternate"
            })
            .unwrap_or_else(|| panic!("{file}: entry without a link"));
        pages.push(page_of_url(site, link.attribute("href").unwrap(), base_url));
    }
    pages
}

fn feed_files(site: &Site) -> Vec<String> {
    site.files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .collect()
}

#[test]
fn feeds_are_atom_with_absolute_urls_of_the_site() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let feeds = feed_files(&site);
    assert_eq!(
        feeds,
        vec![
            "atom.xml",
            "cohorts/2019/atom.xml",
            "insights/atom.xml",
            "topics/arbeitsorganisation/atom.xml",
            "topics/fuehrung/atom.xml",
            "topics/onlinemarketing/atom.xml"
        ]
    );
    let mut per_feed = BTreeMap::new();
    for f in &feeds {
        per_feed.insert(f.clone(), check_feed(&site, f, MINI_BASE_URL));
    }
    let shared: BTreeSet<String> = entry_files(&p.content())
        .into_iter()
        .filter(|e| !e.hidden)
        .map(|e| page_file(&e.page))
        .collect();
    let in_site_feed: BTreeSet<String> = per_feed["atom.xml"].iter().cloned().collect();
    assert_eq!(
        in_site_feed, shared,
        "the site feed holds every shared entry"
    );
    assert_eq!(per_feed["cohorts/2019/atom.xml"].len(), shared.len());
    let fuehrung: BTreeSet<String> = per_feed["topics/fuehrung/atom.xml"]
        .iter()
        .cloned()
        .collect();
    assert_eq!(
        fuehrung,
        BTreeSet::from([page_file(PROFIL), page_file(TRELLO)])
    );
}

#[test]
fn links_inside_feed_entries_are_absolute_urls_of_the_site() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let xml = site.text("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut bad = Vec::new();
    for content in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "content")
    {
        let html = content.text().unwrap_or("");
        for t in tags(html) {
            for attr in ["href", "src"] {
                let Some(v) = t.attr(attr) else { continue };
                if v.starts_with('#') || v.starts_with("mailto:") {
                    continue;
                }
                if let Some(rest) = v.strip_prefix(MINI_BASE_URL) {
                    let path = rest.split('#').next().unwrap();
                    if !site.has(&page_file(path)) {
                        bad.push(format!("{v} (no such page)"));
                    }
                } else if !v.starts_with("http") {
                    bad.push(v.to_string());
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "feed readers show entries away from the site, so their links must be absolute URLs starting with {MINI_BASE_URL}; found: {bad:#?}"
    );
}

#[test]
fn the_sitemap_lists_every_page_with_its_absolute_url() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let xml = site.text("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let listed: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| page_of_url(&site, n.text().unwrap().trim(), MINI_BASE_URL))
        .collect();
    let pages: BTreeSet<String> = site
        .html_files()
        .into_iter()
        .filter(|f| f != "404.html" && f != "search/index.html")
        .collect();
    assert_eq!(
        listed, pages,
        "the sitemap lists exactly the pages of the site (the search page has no content of its own)"
    );
}

#[test]
fn the_base_url_option_overrides_the_one_in_program_yaml() {
    let p = Project::mini();
    let other = "https://andere.example.net/mentoring/";
    let site = p.build_ok(&["--base-url", other]);
    for f in feed_files(&site) {
        check_feed(&site, &f, other);
    }
    let sitemap = site.text("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    for loc in doc.descendants().filter(|n| n.tag_name().name() == "loc") {
        page_of_url(&site, loc.text().unwrap(), other);
    }
    for f in site.files() {
        let text = String::from_utf8_lossy(&site.bytes(&f)).into_owned();
        assert!(
            !text.contains(MINI_BASE_URL),
            "{f} still uses the base_url of program.yaml"
        );
    }
    assert_links_resolve(&site, "/mentoring/");
}

// ---------------------------------------------------------------------------------
// Themes and determinism
// ---------------------------------------------------------------------------------

#[test]
fn a_theme_folder_overrides_only_the_templates_and_assets_it_contains() {
    let plain = Project::mini();
    let before = plain.build_ok(&[]).snapshot();

    let themed = Project::mini();
    themed.edit(
        "program.yaml",
        "language: de\n",
        "language: de\ntheme: mein-theme\n",
    );
    themed.write(
        "mein-theme/templates/entry.html",
        "{% extends \"base.html\" %}\n{% block content %}<article><h1>{{ entry.title }}</h1>\
         <p>EIGENES-ENTRY-TEMPLATE</p><div>{{ body | safe }}</div></article>{% endblock content %}\n",
    );
    let css = "/* EIGENES-STYLESHEET */\nbody { color: #111; }\n";
    themed.write("mein-theme/static/style.css", css);
    let after = themed.build_ok(&[]).snapshot();

    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the theme changes no file names (and its folder is not content)"
    );
    let entry_pages: BTreeSet<String> = entry_files(&plain.content())
        .into_iter()
        .filter(|e| !e.hidden)
        .map(|e| page_file(&e.page))
        .collect();
    let changed: BTreeSet<String> = before
        .iter()
        .filter(|(f, bytes)| after[*f] != **bytes)
        .map(|(f, _)| f.clone())
        .collect();
    let mut expected = entry_pages.clone();
    expected.insert("assets/style.css".to_string());
    assert_eq!(
        changed, expected,
        "exactly the entry pages and the stylesheet change"
    );
    for page in &entry_pages {
        let text = String::from_utf8_lossy(&after[page]).into_owned();
        assert!(
            text.contains("EIGENES-ENTRY-TEMPLATE"),
            "{page} does not use the theme's template"
        );
    }
    assert_eq!(after["assets/style.css"], css.as_bytes());
}

#[test]
fn the_same_content_gives_byte_identical_output() {
    let a = Project::mini();
    let b = Project::mini();
    let first = a.build_ok(&["--drafts", "--private"]).snapshot();
    let second = b.build_ok(&["--drafts", "--private"]).snapshot();
    assert!(first.len() > 20);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>(),
        "both builds write the same files"
    );
    for (f, bytes) in &first {
        assert!(
            second[f] == *bytes,
            "{f} differs between two builds of the same content"
        );
    }
    // Building again into the same folder gives the same bytes too.
    let again = a.build_ok(&["--drafts", "--private"]).snapshot();
    assert!(first == again, "a rebuild into the same folder differs");
}

// ---------------------------------------------------------------------------------
// Drafts and private entries
// ---------------------------------------------------------------------------------

#[test]
fn drafts_option_includes_draft_entries_with_a_visible_badge() {
    let p = Project::mini();
    let site = p.build_ok(&["--drafts"]);
    let html = site.page(DRAFT_ENTRY);
    assert_eq!(
        h1_texts(&html),
        vec!["GEHEIMWORT-ENTWURF Rohfassung Entwurf".to_string()]
    );
    let tandem = visible_text(&site.page(TANDEM));
    assert!(
        tandem.contains("GEHEIMWORT-ENTWURF Rohfassung Entwurf"),
        "{tandem}"
    );
    assert!(
        !site.has(&page_file(PRIVATE_ENTRY)),
        "--drafts does not publish private entries"
    );
    assert_eq!(
        h1_texts(&site.page(LINKEDIN)),
        vec!["LinkedIn für Vorstände".to_string()],
        "shared entries carry no badge"
    );
}

#[test]
fn private_option_includes_private_entries_with_a_visible_badge() {
    let p = Project::mini();
    let site = p.build_ok(&["--private"]);
    let html = site.page(PRIVATE_ENTRY);
    assert_eq!(
        h1_texts(&html),
        vec!["GEHEIMWORT-PRIVAT Zweifel am Führungsstil Privat".to_string()]
    );
    let hrefs = hrefs_with_text(&html, "vertrauliche Unterlage");
    assert_eq!(hrefs.len(), 1);
    assert_eq!(
        target_of(&site, &page_file(PRIVATE_ENTRY), &hrefs[0], BASE_PATH),
        format!("{TANDEM}nur-privat.pdf")
    );
    assert!(
        !site.has(&page_file(DRAFT_ENTRY)),
        "--private does not publish drafts"
    );
}

/// Words that only private and draft entries and the draft documentation page contain.
const SECRETS: &[&str] = &[
    "GEHEIMWORT",
    "Zweifel am Führungsstil",
    "Rohfassung",
    "privatnotiz-zweifel",
    "rohfassung-entwurf",
    "nur-privat",
    "Konzeptskizze",
    "konzept-entwurf",
];

const DRAFT_DOC: &str = "docs/konzept-entwurf/";

/// The titles the documentation's sidebar lists on a page.
fn sidebar_titles(html: &str) -> Vec<String> {
    let start = html
        .find("class=\"docs-nav")
        .unwrap_or_else(|| panic!("no docs sidebar in:\n{html}"));
    let end = start + html[start..].find("</nav>").unwrap();
    links(&html[start..end])
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[test]
fn a_draft_documentation_page_is_published_only_with_drafts() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    assert!(!site.has(&page_file(DRAFT_DOC)));
    let sidebar = sidebar_titles(&site.page("docs/"));
    assert!(
        sidebar.contains(&"Häufige Fragen".to_string()),
        "{sidebar:?}"
    );
    assert!(
        !sidebar.iter().any(|t| t.contains("Konzeptskizze")),
        "{sidebar:?}"
    );

    let q = Project::mini();
    let preview = q.build_ok(&["--drafts"]);
    assert_eq!(
        h1_texts(&preview.page(DRAFT_DOC)),
        vec!["GEHEIMWORT-DOKU Konzeptskizze".to_string()]
    );
    let sidebar = sidebar_titles(&preview.page("docs/"));
    assert!(
        sidebar.contains(&"GEHEIMWORT-DOKU Konzeptskizze".to_string()),
        "{sidebar:?}"
    );
}

/// Every place in the site where one of the secrets shows (in a file name or in any
/// byte of any file).
fn leaks(site: &Site) -> Vec<String> {
    let mut found = Vec::new();
    for f in site.files() {
        let bytes = readable_bytes(site, &f);
        for secret in SECRETS {
            if f.contains(secret) {
                found.push(format!("file name {f}"));
            }
            if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                found.push(format!("{f} contains `{secret}`"));
            }
        }
    }
    found
}

/// A file's bytes as a browser reads them: the search index files are gzip.
fn readable_bytes(site: &Site, f: &str) -> Vec<u8> {
    let bytes = site.bytes(f);
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
            .unwrap_or_else(|e| panic!("{f} is not valid gzip: {e}"));
        out
    } else {
        bytes
    }
}

/// All of the search bundle's text, decompressed and lowercased (the index keeps
/// words lowercased).
fn search_bundle_text(site: &Site) -> String {
    let files: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("pagefind/"))
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with(".pf_fragment"))
            && files.iter().any(|f| f.ends_with(".pf_index")),
        "no search index in the output: {files:?}"
    );
    files
        .iter()
        .map(|f| String::from_utf8_lossy(&readable_bytes(site, f)).to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_search_index_holds_no_private_or_draft_word() {
    let p = Project::mini();
    let text = search_bundle_text(&p.build_ok(&[]));
    // The index is readable here: a shared entry's words are in it.
    assert!(text.contains("linkedin") && text.contains("2019-04-04-profil"));
    // `nur-privat` names an attachment: a file, not a page, so never indexed at all.
    let secrets = || SECRETS.iter().filter(|s| **s != "nur-privat");
    for secret in secrets() {
        assert!(
            !text.contains(&secret.to_lowercase()),
            "the search index contains `{secret}`"
        );
    }
    // The same check finds every secret in a preview's index that includes them.
    let preview = search_bundle_text(&Project::mini().build_ok(&["--drafts", "--private"]));
    for secret in secrets() {
        assert!(
            preview.contains(&secret.to_lowercase()),
            "`{secret}` is not in the preview's index, so its absence above proves nothing"
        );
    }
}

#[test]
fn private_and_draft_entries_appear_nowhere_in_the_output() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    // Every file is searched, the cohort's table and calendars and the report too.
    let files = site.files();
    for export in [
        "cohorts/2019/tandems-2019.csv",
        "cohorts/2019/milestones-2019.ics",
        "milestones.ics",
        "report/index.html",
    ] {
        assert!(files.iter().any(|f| f == export), "{export} in {files:?}");
    }
    let found = leaks(&site);
    assert!(
        found.is_empty(),
        "private or draft content was published:\n{}",
        found.join("\n")
    );
    assert!(!site.has(&format!("{TANDEM}nur-privat.pdf")));
    // A shared entry's link to a private one keeps its words but leads nowhere.
    let profil = site.page(PROFIL);
    assert!(visible_text(&profil).contains("Meine Gedanken dazu stehen in meiner Notiz."));
    assert!(hrefs_with_text(&profil, "meiner Notiz").is_empty());

    // The same search finds every secret in a preview that includes them.
    let preview = Project::mini();
    let found = leaks(&preview.build_ok(&["--drafts", "--private"]));
    for secret in SECRETS {
        assert!(
            found.iter().any(|l| l.contains(secret)),
            "`{secret}` is not in the preview, so its absence above proves nothing"
        );
    }
}

#[test]
fn figures_and_lists_count_only_shared_entries() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    let entries = entry_files(&p.content());
    let shared_in = |prefix: &str| {
        entries
            .iter()
            .filter(|e| !e.hidden && e.page.starts_with(prefix))
            .count()
    };
    assert!(
        entries.iter().any(|e| e.hidden),
        "the fixture has hidden entries"
    );

    let tandem = site.page(TANDEM);
    assert_eq!(
        value_of(&tandem, "Einträge"),
        Some(shared_in(TANDEM).to_string())
    );
    let cohort = site.page("cohorts/2019/");
    assert_eq!(
        value_of(&cohort, "Einträge"),
        Some(shared_in("cohorts/2019/").to_string())
    );
    let home = site.page("");
    assert_eq!(
        value_of(&home, "Einträge"),
        Some(shared_in("cohorts/").to_string())
    );
    // The private entry is about `fuehrung`, the draft about `onlinemarketing`.
    assert_eq!(
        entry_pages_linked_from(&site, "topics/fuehrung/", BASE_PATH),
        BTreeSet::from([PROFIL.to_string(), TRELLO.to_string()])
    );
    assert_eq!(
        entry_pages_linked_from(&site, "topics/onlinemarketing/", BASE_PATH),
        BTreeSet::from([LINKEDIN.to_string(), PROFIL.to_string()])
    );
    for page in ["timeline/", "cohorts/2019/timeline/"] {
        let linked = entry_pages_linked_from(&site, page, BASE_PATH);
        assert_eq!(linked.len(), shared_in("cohorts/"), "{page}: {linked:?}");
    }
}

#[test]
fn the_diary_beside_an_entry_marks_that_entry_and_no_other() {
    let (_p, site) = build_sample();
    let entry_pages: Vec<String> = site
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("cohorts/") && f.matches('/').count() == 4)
        .collect();
    assert!(entry_pages.len() > 10, "{entry_pages:?}");
    for file in entry_pages {
        let html = site.text(&file);
        let start = html.find(r#"<ol class="diary-nav">"#).expect(&file);
        let nav = &html[start..start + html[start..].find("</ol>").expect(&file)];
        assert_eq!(
            nav.matches(r#"aria-current="page""#).count(),
            1,
            "{file}: {nav}"
        );
        let current = &nav[..nav.find(r#"aria-current="page""#).unwrap()];
        let href = &current[current.rfind(r#"href=""#).unwrap() + 6..];
        let href = &href[..href.find('"').unwrap()];
        let target = common::resolve_link(&site, &file, href, BASE_PATH);
        assert_eq!(
            target,
            Ok(Some((file.clone(), String::new()))),
            "{file}: marked {href}"
        );
    }
}
