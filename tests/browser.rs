//! The sample programme in a real browser: headless Chromium, driven through
//! chromedriver's WebDriver HTTP API, against the site built from `content/` and served
//! on 127.0.0.1 by a tiny static file server inside this test.
//!
//! - A reader clicks from the home page to a cohort, a tandem, an entry, a topic and the
//!   timeline; no page logs a console error and no request fails or leaves the site.
//! - A reader searches from the header box in another inflection than the text,
//!   narrows by cohort, opens a result and a shared search address; the same over a
//!   search index split into several.
//! - axe-core (vendored in `tests/vendor/`) finds no serious or critical violation on
//!   the home, search (with results), cohort, tandem, entry, topic and timeline pages,
//!   in light and dark mode.
//! - Screenshots at 390 and 1280 px of the home, cohort, tandem and search pages, and a
//!   print preview of a tandem page, are written to `target/screenshots/` to look at.
//! - Live reload against a real `tandem serve` on a copy of `content/`: a saved entry
//!   reloads its open page by itself at the same scroll position, a page the edit does
//!   not change stays as it is, and a content error shows the overlay, a warning
//!   folded beside it, until it is fixed; the overlay folds into a bar and keeps so
//!   (`target/screenshots/overlay-*.png`, at 390 and 1280 px, light and dark).
//! - An entry whose title and text hold HTML and scripts, as text: its search result
//!   shows that text and runs nothing.
//!
//! Without Chromium and chromedriver the tests are skipped with a message, and one test,
//! `the_browser_tests_have_a_browser`, fails and says what to install, so that the
//! summary shows it; `TANDEM_SKIP_BROWSER=1` skips them on purpose (that test passes).
//! With `TANDEM_REQUIRE_BROWSER=1` (set by `.ci/run`) every browser test fails without
//! them. `TANDEM_CHROMIUM` and `TANDEM_CHROMEDRIVER` name the binaries when they are not
//! on the `PATH`.
//!
//! The WebDriver client (in `tests/common/browser.rs`, with the preview and the browser)
//! is a few functions over `std::net`: chromedriver speaks plain HTTP/1.1 with JSON, and
//! a dependency for that would cost more compile time than it saves lines.

mod common;

use common::browser::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

// ---------------------------------------------------------------------------------
// The reader's path

#[test]
fn a_reader_clicks_from_the_home_page_to_the_timeline() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);

    s.goto(&server.url(""));
    assert_eq!(s.text("h1"), "Reverse Mentoring");

    // Keyboard users meet the skip link first, and it shows itself.
    s.press_tab();
    let skip = s.exec(
        "const a = document.activeElement; const r = a.getBoundingClientRect(); \
         return {cls: a.className, top: r.top, visible: r.bottom > 0 && r.height > 0};",
        json!([]),
    );
    assert_eq!(
        skip["cls"], "skip-link",
        "the first Tab stop is the skip link"
    );
    assert_eq!(skip["visible"], true, "the focused skip link is on screen");

    s.click_link("main", "Jahrgang 2019");
    assert!(s.url().ends_with("/cohorts/2019/"), "at {}", s.url());
    assert_eq!(s.text("h1"), "Jahrgang 2019");
    assert!(
        s.count("svg.chart-activity[role=group]") == 1 && s.count("svg.chart-matrix") == 2,
        "the cohort page draws its activity chart and its formats and coverage matrices"
    );

    s.click_link(".tandem-table", "Dr. Hans Berger & Lena Vogt");
    assert!(
        s.url().ends_with("/cohorts/2019/berger-vogt/"),
        "at {}",
        s.url()
    );
    assert_eq!(s.text("h1"), "Dr. Hans Berger & Lena Vogt");

    s.click_link(".diary", "LinkedIn für Vorstände");
    assert!(
        s.url()
            .ends_with("/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/"),
        "at {}",
        s.url()
    );
    assert_eq!(s.text("h1"), "LinkedIn für Vorstände");

    s.click_link(".meta", "Onlinemarketing");
    assert!(
        s.url().ends_with("/topics/onlinemarketing/"),
        "at {}",
        s.url()
    );
    assert_eq!(s.text("h1"), "Onlinemarketing");

    s.click_link(".main-nav", "Zeitleiste");
    assert!(s.url().ends_with("/timeline/"), "at {}", s.url());
    assert_eq!(s.text("h1"), "Zeitleiste");
    assert!(s.text("main").contains("Zwischenbilanz"));

    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Search

const FAZIT: &str = "Zwischen App und Filiale – unser Fazit";
const FAZIT_URL: &str = "/cohorts/2019/wagner-krueger/2019-10-10-zwischen-app-und-filiale/";

#[test]
fn a_reader_searches_in_other_words_than_the_text_and_opens_the_result() {
    let Some(b) = browser() else { return };
    search_as_a_reader(&b, site());
}

#[test]
fn a_search_over_several_indexes_finds_the_same() {
    let Some(b) = browser() else { return };
    // Twelve records per index: the sample's entries spread over several indexes,
    // which the search page merges (as it does for programmes of more than 5,000
    // entries).
    let sharded = build_site(&[("TANDEM_SEARCH_SHARD_RECORDS", "12")]);
    let shards = std::fs::read_dir(sharded.root.join("pagefind"))
        .unwrap()
        .filter(|e| {
            let e = e.as_ref().unwrap();
            e.file_name().to_string_lossy().starts_with("shard-")
                && e.path().join("pagefind-entry.json").exists()
        })
        .count();
    assert!(shards >= 3, "{shards} indexes besides the first");
    search_as_a_reader(&b, &sharded.root);
}

#[test]
fn a_search_with_bundled_fragments_finds_the_same() {
    let Some(b) = browser() else { return };
    // At most four fragment files: what a result shows comes in bundles (as it does
    // for indexes of more than 1,000 pages).
    let bundled = build_site(&[("TANDEM_SEARCH_FRAGMENT_FILES", "4")]);
    let fragments: Vec<String> = std::fs::read_dir(bundled.root.join("pagefind/fragment"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(fragments.len(), 4, "{fragments:?}");
    assert!(
        fragments.iter().all(|f| f.contains("_group_")),
        "{fragments:?}"
    );
    search_as_a_reader(&b, &bundled.root);
}

fn search_as_a_reader(b: &Browser, root: &Path) {
    let server = Server::start(root);
    let s = Session::start(b, 1280, 900);

    // From any page: the search box in the header leads to the search page. The text
    // says "Straße"; the reader types the plural.
    s.goto(&server.url("cohorts/"));
    s.type_into("#site-search-q", "Straßen\u{E007}");
    s.wait_until(
        "a search page address",
        "return location.pathname.endsWith('/search/');",
    );
    let first = s.search_results();
    assert_eq!(first[0]["title"], FAZIT, "results: {first:#?}");
    assert_eq!(
        s.exec(
            "return document.querySelector('#search-q').value;",
            json!([])
        ),
        "Straßen"
    );
    assert!(
        first[0]["excerpt"]
            .as_str()
            .unwrap()
            .contains("<mark>Straße</mark>"),
        "the match is highlighted in the excerpt: {first:#?}"
    );
    assert_eq!(
        first[0]["meta"],
        "Ulrich Wagner & Mia Krüger · Jahrgang 2019 · 10. Oktober 2019"
    );

    // Another inflection, typed on the search page itself: the singular finds the plural.
    s.clear("#search-q");
    s.type_into("#search-q", "Beitrag");
    let all = s.search_results();
    assert!(all.len() > 5, "`Beitrag` finds many entries: {all:#?}");
    let titles = |rs: &[Value]| {
        rs.iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        all.iter()
            .any(|r| r["excerpt"].as_str().unwrap().contains("<mark>Beiträge")),
        "`Beitrag` finds `Beiträge`: {:?}",
        titles(&all)
    );
    let cohorts = |rs: &[Value]| {
        rs.iter()
            .map(|r| {
                r["meta"]
                    .as_str()
                    .unwrap()
                    .split(" · ")
                    .nth(1)
                    .unwrap_or("")
                    .to_string()
            })
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert!(
        cohorts(&all).len() > 1,
        "both cohorts write about posts: {:?}",
        cohorts(&all)
    );

    // A cohort filter keeps only that cohort's entries, and the address says so.
    s.choose("select[name=cohort]", "Jahrgang 2020");
    let in_2020 = s.search_results();
    assert!(
        !in_2020.is_empty() && in_2020.len() < all.len(),
        "{:?}",
        titles(&in_2020)
    );
    assert_eq!(cohorts(&in_2020), ["Jahrgang 2020".to_string()].into());
    let address = s.url();
    assert!(
        address.contains("q=Beitrag") && address.contains("cohort=Jahrgang+2020"),
        "{address}"
    );

    // The reader opens a result by clicking it.
    let title = in_2020[0]["title"].as_str().unwrap().to_string();
    s.click_link(".search-results", &title);
    assert_eq!(s.text("h1"), title);

    // A shared link opens with its query and filter applied; `strasse` finds `Straße`.
    s.goto(&server.url("search/?q=strasse&cohort=Jahrgang%202019"));
    let shared = s.search_results();
    assert_eq!(shared[0]["title"], FAZIT, "results: {shared:#?}");
    assert_eq!(
        s.exec(
            "return document.querySelector('select[name=cohort]').value;",
            json!([])
        ),
        "Jahrgang 2019"
    );
    s.click_link(".search-results", FAZIT);
    assert!(s.url().ends_with(FAZIT_URL), "at {}", s.url());

    // A filter that excludes the entry: no result, and the page says so.
    s.goto(&server.url("search/?q=strasse&cohort=Jahrgang%202020"));
    s.wait_until("the empty result", "return document.querySelector('[data-search-status]').innerText.startsWith('Keine Treffer');");
    assert_eq!(s.count(".search-result"), 0);

    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Accessibility

const AXE_PAGES: [(&str, &str); 9] = [
    ("home", ""),
    ("search", "search/?q=Beitrag&cohort=Jahrgang%202019"),
    ("cohort", "cohorts/2019/"),
    ("tandem", "cohorts/2019/berger-vogt/"),
    (
        "entry",
        "cohorts/2019/berger-vogt/2019-04-04-das-profil-steht/",
    ),
    ("topic", "topics/onlinemarketing/"),
    ("timeline", "timeline/"),
    ("insights", "insights/"),
    ("docs", "docs/tagebuch-schreiben/"),
];

#[test]
fn axe_finds_no_serious_or_critical_violations_in_light_and_dark_mode() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vendor/axe.min.js"),
    )
    .expect("tests/vendor/axe.min.js (see tests/vendor/README.md)");
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for scheme in ["light", "dark"] {
        s.cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        for (name, path) in AXE_PAGES {
            s.goto(&server.url(path));
            if name == "search" {
                s.search_results();
            }
            let found = s.axe(&axe);
            let mut by_impact: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for v in &found {
                let impact = v["impact"].as_str().unwrap_or("none").to_string();
                by_impact
                    .entry(impact.clone())
                    .or_default()
                    .push(v["id"].as_str().unwrap_or("?").to_string());
                if impact == "serious" || impact == "critical" {
                    failures.push(format!(
                        "{name} ({scheme}): {} [{impact}] {}\n    {}",
                        v["id"].as_str().unwrap_or("?"),
                        v["help"].as_str().unwrap_or(""),
                        v["nodes"]
                            .as_array()
                            .map(|n| n
                                .iter()
                                .filter_map(Value::as_str)
                                .collect::<Vec<_>>()
                                .join("\n    "))
                            .unwrap_or_default()
                    ));
                }
            }
            report.push(format!(
                "{name:>8} ({scheme}): {} violations {by_impact:?}",
                found.len()
            ));
        }
    }
    eprintln!("axe-core results:\n{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "serious or critical accessibility violations:\n{}",
        failures.join("\n")
    );
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Screenshots

#[test]
fn screenshots_at_phone_and_desktop_width() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    let dir = screenshot_dir();
    for (name, path) in [
        ("home", ""),
        ("cohort", "cohorts/2019/"),
        ("tandem", "cohorts/2019/berger-vogt/"),
        ("search", "search/?q=Beitrag"),
    ] {
        for width in [390, 1280] {
            s.set_viewport(width, 900);
            s.goto(&server.url(path));
            if name == "search" {
                s.search_results();
            }
            // Nothing may stick out sideways: wide content scrolls in its own box.
            let overflow = s.exec(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                json!([]),
            );
            assert_eq!(
                overflow.as_i64(),
                Some(0),
                "{name} at {width} px is wider than the screen"
            );
            let file = dir.join(format!("{name}-{width}.png"));
            std::fs::write(&file, s.full_page_png(width)).unwrap();
            // The top of the page, as shown in the README.
            if width == 1280 {
                std::fs::write(
                    dir.join(format!("{name}-{width}-top.png")),
                    s.clip_png(width, 1400),
                )
                .unwrap();
            }
        }
    }
    // And the cohort page in dark mode.
    s.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    for width in [390, 1280] {
        s.set_viewport(width, 900);
        s.goto(&server.url("cohorts/2019/"));
        std::fs::write(
            dir.join(format!("cohort-{width}-dark.png")),
            s.full_page_png(width),
        )
        .unwrap();
    }
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
    eprintln!("screenshots in {}", dir.display());
}

#[test]
fn a_tandem_page_prints_as_its_diary() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    s.goto(&server.url("cohorts/2019/berger-vogt/"));
    let shown = "return [...document.querySelectorAll(arguments[0])].filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;";
    assert_eq!(
        s.exec(shown, json!([".print-entry"])).as_i64(),
        Some(0),
        "on screen, the full diary stays hidden"
    );
    s.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    s.set_viewport(794, 1123);
    assert_eq!(
        s.exec(shown, json!([".print-entry"])).as_i64(),
        Some(7),
        "in print, every entry of the tandem is there in full"
    );
    assert_eq!(
        s.exec(
            shown,
            json!([".site-header, .breadcrumbs, .main-nav, .site-footer"])
        )
        .as_i64(),
        Some(0),
        "navigation is not printed"
    );
    let text = s.text("main");
    for words in ["Offen geblieben", "Hans hat seit 2014 ein LinkedIn-Profil"] {
        assert!(text.contains(words), "the print shows `{words}`");
    }
    let dir = screenshot_dir();
    std::fs::write(dir.join("tandem-print.png"), s.full_page_png(794)).unwrap();
    let pdf = s.cdp(
        "Page.printToPDF",
        json!({"printBackground": true, "preferCSSPageSize": true}),
    );
    let pdf = base64(pdf["data"].as_str().expect("PDF data"));
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::write(dir.join("tandem-print.pdf"), pdf).unwrap();
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

/// Opens `path` for print at the width of an A4 page less its margins (14 mm each
/// side, at 96 dpi), and asserts that no part of it is wider than that.
fn open_printed(s: &Session, server: &Server, path: &str) {
    s.goto(&server.url(path));
    s.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    s.set_viewport(688, 1000);
    let wider = "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('main *')].filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.getAttribute('class')).slice(0, 10);";
    assert_eq!(
        s.exec(wider, json!([])),
        json!([]),
        "no part of the printed {path} is wider than the page"
    );
}

/// How many elements matching `selector` are shown.
fn shown(s: &Session, selector: &str) -> Option<i64> {
    let script = "return [...document.querySelectorAll(arguments[0])].filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;";
    s.exec(script, json!([selector])).as_i64()
}

/// Prints the page to PDF, asserts that it takes two to four pages and keeps it as
/// `name` among the screenshots.
fn print_on_two_to_four_pages(s: &Session, name: &str) {
    let pdf = s.cdp(
        "Page.printToPDF",
        json!({"printBackground": true, "preferCSSPageSize": true}),
    );
    let pdf = base64(pdf["data"].as_str().expect("PDF data"));
    let pages = pdf
        .windows(11)
        .filter(|w| w == b"/Type /Page" || w == b"/Type/Page\n")
        .count()
        - pdf.windows(12).filter(|w| w == b"/Type /Pages").count();
    assert!(
        (2..=4).contains(&pages),
        "{name} takes two to four A4 pages, not {pages}"
    );
    std::fs::write(screenshot_dir().join(name), pdf).unwrap();
}

#[test]
fn a_cohort_page_prints_as_its_report_within_the_page() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    open_printed(&s, &server, "cohorts/2019/");
    assert_eq!(
        shown(&s, ".legend"),
        Some(3),
        "the legends of the activity, formats and coverage charts are printed"
    );
    assert_eq!(shown(&s, ".entry-rows"), Some(0));
    print_on_two_to_four_pages(&s, "cohort-print.pdf");
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

#[test]
fn the_programme_report_prints_on_two_to_four_pages_within_the_page() {
    let Some(b) = browser() else { return };
    let server = Server::start(site());
    let s = Session::start(&b, 1280, 900);
    open_printed(&s, &server, "report/");
    assert_eq!(
        shown(&s, ".compare-chart svg.chart"),
        Some(6),
        "the six figures of the cohorts side by side are printed"
    );
    assert_eq!(
        shown(&s, ".legend"),
        Some(2),
        "the legends of the formats and coverage charts are printed"
    );
    assert_eq!(shown(&s, ".report-files"), Some(0));
    print_on_two_to_four_pages(&s, "report-print.pdf");
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Live reload: `tandem serve` with a real browser watching

const ENTRY_MD: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md";
const ENTRY_URL: &str = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/";

/// Saving the entry reloads its open page by itself, and the reader stays where they
/// were on the page.
#[test]
fn a_saved_entry_reloads_its_open_page_at_the_same_scroll_position() {
    let Some(b) = browser() else { return };
    let preview = Preview::start();
    let s = Session::start(&b, 1024, 500);
    s.watch_live_reload();
    s.goto(&preview.url(ENTRY_URL));
    s.wait_for_live_reload(&preview);

    // Down the page, well away from the top and the bottom. The browser's own scroll
    // restoration is switched off: the position must come back by tandem's script.
    let room = s
        .exec(
            "return document.documentElement.scrollHeight - window.innerHeight;",
            json!([]),
        )
        .as_f64()
        .unwrap_or(0.0);
    assert!(
        room > 500.0,
        "the entry page is too short to scroll ({room} px)"
    );
    let y = s
        .exec(
            "history.scrollRestoration = 'manual'; window.scrollTo(0, 400); \
             window.__marker = 1; return window.scrollY;",
            json!([]),
        )
        .as_f64()
        .unwrap_or(0.0);
    assert!((y - 400.0).abs() < 1.0, "scrolled to {y}, not 400");

    let word = unique_word("Nachtrag");
    append(
        &preview.file(ENTRY_MD),
        &format!("\nNachtrag: Hans hat sein Profil {word} aktualisiert.\n"),
    );

    // No navigation by the test from here on: only looking.
    preview.poll(&s, "the entry page to show the new paragraph", || {
        s.try_exec(
            "return document.body.innerText.includes(arguments[0]);",
            json!([word]),
        )
        .ok()
        .filter(|v| v == &json!(true))
    });
    let after = s.exec(
        "return {marker: window.__marker === 1, \
                 nav: performance.getEntriesByType('navigation')[0].type, \
                 url: location.href, y: window.scrollY};",
        json!([]),
    );
    assert_eq!(after["marker"], false, "a new document: {after}");
    assert_eq!(after["nav"], "reload", "the page reloaded itself: {after}");
    assert_eq!(after["url"], preview.url(ENTRY_URL), "{after}");
    // tandem scrolls once when its script runs and once on `load`: wait for the latter.
    preview.poll(&s, "the reloaded page to finish loading", || {
        (s.exec("return document.readyState;", json!([])) == "complete").then_some(())
    });
    let y2 = s
        .exec("return window.scrollY;", json!([]))
        .as_f64()
        .unwrap_or(-1.0);
    assert!(
        (y2 - y).abs() <= 10.0,
        "the scroll position was {y} before the reload and {y2} after"
    );
    s.assert_no_console_errors();
}

/// A page that the edit does not change stays as it is: no reload, no flicker.
#[test]
fn a_page_the_edit_does_not_change_does_not_reload() {
    let Some(b) = browser() else { return };
    let preview = Preview::start();
    let s = Session::start(&b, 1024, 700);
    let topics_before = preview.get("topics/");

    s.watch_live_reload();
    s.goto(&preview.url(ENTRY_URL));
    s.wait_for_live_reload(&preview);
    s.exec("window.__marker = 1;", json!([]));
    let entry_window = s.window_handle();

    let topics_window = s.new_window();
    s.switch_to(&topics_window);
    s.watch_live_reload();
    s.goto(&preview.url("topics/"));
    s.wait_for_live_reload(&preview);
    s.exec("window.__marker = 1;", json!([]));
    let heard_before = s.exec(
        "return Math.max(...window.__tandemStates.map(x => x.version));",
        json!([]),
    );
    s.switch_to(&entry_window);

    let word = unique_word("Ergänzung");
    append(
        &preview.file(ENTRY_MD),
        &format!("\nErgänzung: {word} war unser Stichwort.\n"),
    );
    preview.poll(&s, "the entry page to reload with the new paragraph", || {
        s.try_exec(
            "return document.body.innerText.includes(arguments[0]) && window.__marker === undefined;",
            json!([word]),
        )
        .ok()
        .filter(|v| v == &json!(true))
    });

    // The assumption behind this test: the topics index really is unchanged.
    let topics_after = preview.get("topics/");
    assert!(
        topics_before == topics_after,
        "/topics/ changed with the entry's text, so this test checks nothing"
    );

    s.switch_to(&topics_window);
    // The topics page hears of the edit (its quick pages and the rebuild) and then of
    // the search index made after it, which comes last: until then a wrong reload
    // could still come.
    preview.poll(&s, "the topics page to hear of the new search index", || {
        s.try_exec(
            "const states = window.__tandemStates || []; \
             const edit = states.findIndex(x => x.version > arguments[0] && x.changed.includes(arguments[1])); \
             return window.__marker !== 1 \
               || (edit >= 0 && states.slice(edit + 1).some(x => x.changed.includes('/search/')));",
            json!([heard_before, format!("/{ENTRY_URL}")]),
        )
        .ok()
        .filter(|v| v == &json!(true))
    });
    let topics = s.exec(
        "return {marker: window.__marker === 1, states: (window.__tandemStates || []).length};",
        json!([]),
    );
    assert_eq!(
        topics["marker"], true,
        "the topics page reloaded, though the edit did not change it: {topics}"
    );
    assert!(
        topics["states"].as_u64() >= Some(2),
        "the topics page heard of the rebuild and stayed: {topics}"
    );
    s.assert_no_console_errors();
}

/// A content error shows the overlay on the open page, a warning folded beside it;
/// the reader folds the overlay into a small bar with the keyboard, and it stays so
/// across a reload; on a phone new problems start folded. Fixing the error leaves the
/// warning as a folded bar, fixing that takes the overlay away, all without the test
/// reloading the page. Screenshots at 390 and 1280 px, light and dark, and axe-core on
/// the overlay in both.
#[test]
fn a_content_error_shows_the_overlay_until_it_is_fixed() {
    let Some(b) = browser() else { return };
    let axe = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vendor/axe.min.js"),
    )
    .expect("tests/vendor/axe.min.js (see tests/vendor/README.md)");
    let preview = Preview::start();
    let s = Session::start(&b, 1024, 700);
    s.watch_live_reload();
    s.goto(&preview.url(ENTRY_URL));
    s.wait_for_live_reload(&preview);
    s.exec("window.__marker = 1;", json!([]));
    assert_eq!(
        s.count("#tandem-overlay"),
        0,
        "no overlay while all is well"
    );

    let file = preview.file(ENTRY_MD);
    let good = std::fs::read_to_string(&file).unwrap();
    assert!(good.contains("topics: [onlinemarketing]\n"));
    let warned = good.replace(
        "topics: [onlinemarketing]\n",
        "topics: [onlinemarketing]\ntags: [linkedin]\n",
    );
    save_by_rename(
        &file,
        &warned.replace("topics: [onlinemarketing]", "topics: [onlinemarketting]"),
    );
    the_overlay_says_what_is_wrong(&preview, &s);

    // The warning, unfolded by the reader.
    s.type_into("#tandem-overlay .tandem-ov-more > summary", "\u{E007}");
    let shown = overlay_text(&s).unwrap_or_default();
    assert!(
        shown.contains("Das Feld tags ist unbekannt und wird nicht beachtet"),
        "{shown}"
    );
    overlay_pictures_and_axe(&s, &axe, "errors");

    folds_with_the_keyboard_and_stays_folded(&preview, &s);
    starts_folded_on_a_phone(&preview, &s);
    s.set_viewport(1024, 700);
    s.exec("window.__marker = 1;", json!([]));

    // The error fixed, the warning left: a folded bar over the new page.
    save_by_rename(&file, &warned);
    preview.poll(&s, "the overlay with the warning alone", || {
        (s.try_exec(
            "const o = document.getElementById('tandem-overlay'); return !!o && o.classList.contains('tandem-ov-warnings');",
            json!([]),
        )
        .ok()?
            == json!(true))
        .then_some(())
    });
    assert_overlay_folded(&s, true, "a warning alone starts folded");
    let bar = overlay_text(&s).unwrap_or_default();
    assert!(bar.contains("1 Warnung zum Inhalt"), "{bar}");
    s.type_into("#tandem-overlay summary", "\u{E007}");
    overlay_pictures_and_axe(&s, &axe, "warnings");

    save_by_rename(&file, &good);
    preview.poll(&s, "the overlay to disappear", || {
        (s.try_exec(
            "return document.getElementById('tandem-overlay') === null;",
            json!([]),
        )
        .ok()?
            == json!(true))
        .then_some(())
    });
    assert_eq!(
        s.exec("return window.__marker === 1;", json!([])),
        true,
        "fixing the problems brings back the same page: no reload"
    );
    s.assert_no_console_errors();
}

/// The overlay names the file, the place in words and the mistake, marks it in its
/// line, gives the fix, folds the warning, and stands over the last good page.
fn the_overlay_says_what_is_wrong(preview: &Preview, s: &Session) {
    let shown = preview.poll(s, "the error overlay", || {
        overlay_text(s).filter(|t| t.contains("Zeile 4, Spalte 10"))
    });
    for words in [
        "1 Fehler im Inhalt",
        "· 1 Warnung",
        "2019-03-14-linkedin-fuer-vorstaende.md, Zeile 4, Spalte 10",
        "Das Thema onlinemarketting unter topics gibt es in diesem Programm nicht",
        "4 | topics: [onlinemarketting]",
        "Tipp: Meinten Sie onlinemarketing?",
    ] {
        assert!(
            shown.contains(words),
            "the overlay says `{words}`:\n{shown}"
        );
    }
    assert!(!shown.contains('`'), "code is set as code: {shown}");
    assert!(!shown.contains("tags"), "the warning is folded: {shown}");
    let overlay = s.exec(
        "const o = document.getElementById('tandem-overlay'); const r = o.getBoundingClientRect(); \
         return {role: o.getAttribute('role'), top: r.top, bottom: r.bottom, height: window.innerHeight, \
                 marker: window.__marker === 1, styled: document.querySelectorAll('#tandem-overlay [style]').length};",
        json!([]),
    );
    assert_eq!(overlay["role"], "alertdialog", "{overlay}");
    assert!(
        overlay["top"].as_f64() < overlay["height"].as_f64()
            && overlay["bottom"].as_f64() > Some(0.0),
        "the overlay is on screen: {overlay}"
    );
    assert_eq!(overlay["styled"], 0, "no style attributes: {overlay}");
    assert_eq!(
        overlay["marker"], true,
        "an error keeps the last good page: no reload"
    );
}

/// Folded with the keyboard into a small bar, which a reload keeps; Enter and Escape.
fn folds_with_the_keyboard_and_stays_folded(preview: &Preview, s: &Session) {
    s.set_viewport(1024, 700);
    s.type_into("#tandem-overlay summary", "\u{E007}");
    assert_overlay_folded(s, true, "folded with Enter");
    reload_with_overlay(preview, s);
    assert_overlay_folded(s, true, "still folded after a reload");
    s.type_into("#tandem-overlay summary", "\u{E007}");
    assert_overlay_folded(s, false, "unfolded with Enter");
    s.type_into("#tandem-overlay summary", "\u{E00C}");
    assert_overlay_folded(s, true, "folded with Escape");
    std::fs::write(
        screenshot_dir().join("overlay-1024-folded.png"),
        s.viewport_png(),
    )
    .unwrap();
}

/// On a phone, problems the reader has not seen start folded, and open they leave most
/// of the screen free.
fn starts_folded_on_a_phone(preview: &Preview, s: &Session) {
    s.exec("sessionStorage.clear();", json!([]));
    s.set_viewport(390, 844);
    reload_with_overlay(preview, s);
    assert_overlay_folded(s, true, "folded at first on a phone");
    std::fs::write(
        screenshot_dir().join("overlay-390-folded.png"),
        s.viewport_png(),
    )
    .unwrap();
    s.type_into("#tandem-overlay summary", "\u{E007}");
    let height = s
        .exec(
            "return document.getElementById('tandem-overlay').getBoundingClientRect().height / window.innerHeight;",
            json!([]),
        )
        .as_f64()
        .unwrap_or(1.0);
    assert!(
        height <= 0.36,
        "open on a phone it takes {height} of the screen"
    );
}

/// Reloads the page as the reader would, and waits for it and its overlay.
fn reload_with_overlay(preview: &Preview, s: &Session) {
    s.exec("window.__before = 1; location.reload();", json!([]));
    preview.poll(s, "the page to come back with its overlay", || {
        s.try_exec(
            "return window.__before === undefined && document.readyState === 'complete' \
                    && !!document.getElementById('tandem-overlay');",
            json!([]),
        )
        .ok()
        .filter(|v| v == &json!(true))
    });
}

/// The overlay's visible text, if there is an overlay.
fn overlay_text(s: &Session) -> Option<String> {
    s.try_exec(
        "const o = document.getElementById('tandem-overlay'); return o ? o.innerText : null;",
        json!([]),
    )
    .ok()
    .and_then(|v| v.as_str().map(str::to_string))
}

/// Asserts that the overlay is folded into a small bar (or open).
fn assert_overlay_folded(s: &Session, folded: bool, what: &str) {
    let o = s.exec(
        "const o = document.getElementById('tandem-overlay'); \
         return {open: o.querySelector('details').open, height: o.getBoundingClientRect().height};",
        json!([]),
    );
    assert_eq!(o["open"], !folded, "{what}: {o}");
    if folded {
        assert!(
            o["height"].as_f64() < Some(60.0),
            "{what}: a small bar: {o}"
        );
    }
}

/// Screenshots of the open overlay at 390 and 1280 px in light and dark mode, and no
/// serious or critical axe-core violation in it.
fn overlay_pictures_and_axe(s: &Session, axe: &str, name: &str) {
    for scheme in ["light", "dark"] {
        s.cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        for (width, height) in [(390, 844), (1280, 800)] {
            s.set_viewport(width, height);
            std::fs::write(
                screenshot_dir().join(format!("overlay-{name}-{width}-{scheme}.png")),
                s.viewport_png(),
            )
            .unwrap();
        }
        let serious: Vec<Value> = s
            .axe(axe)
            .into_iter()
            .filter(|v| {
                (v["impact"] == "serious" || v["impact"] == "critical")
                    && v["nodes"].to_string().contains("tandem-ov")
            })
            .collect();
        assert!(serious.is_empty(), "{name} ({scheme}): {serious:#?}");
    }
    s.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "light"}]}),
    );
}

/// A word found nowhere else on the site.
fn unique_word(stem: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{stem}{}x{nanos}", std::process::id())
}

fn append(path: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// Saves like vim, VS Code and JetBrains: write a temporary file, rename it over.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

// ---------------------------------------------------------------------------------
// The site, built once for all tests

struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

fn site() -> &'static Path {
    static SITE: OnceLock<Site> = OnceLock::new();
    &SITE.get_or_init(|| build_site(&[])).root
}

/// The sample programme built into a temporary folder.
fn build_site(env: &[(&str, &str)]) -> Site {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("public");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("build")
        .arg("--content")
        .arg(manifest.join("content"))
        .arg("--output")
        .arg(&root)
        .envs(env.iter().copied())
        .output()
        .expect("run tandem build");
    assert!(
        out.status.success(),
        "tandem build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Site { _tmp: tmp, root }
}

// ---------------------------------------------------------------------------------
// A static file server on 127.0.0.1 that remembers every answer it gave

struct Server {
    port: u16,
    log: Arc<Mutex<Vec<(String, u16)>>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (root, log2) = (root.to_path_buf(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, log) = (root.clone(), log2.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &root, &log);
                });
            }
        });
        Server { port, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    fn assert_no_failed_requests(&self) {
        let log = self.log.lock().unwrap();
        let failed: Vec<String> = log
            .iter()
            .filter(|(_, status)| *status >= 400)
            .map(|(p, s)| format!("{s} {p}"))
            .collect();
        assert!(failed.is_empty(), "failed requests: {failed:?}");
        assert!(!log.is_empty(), "the browser asked the server for nothing");
    }
}

fn serve(
    mut stream: TcpStream,
    root: &Path,
    log: &Mutex<Vec<(String, u16)>>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let mut file = root.to_path_buf();
    let safe = path
        .split('/')
        .filter(|s| !s.is_empty())
        .all(|s| s != ".." && s != "." && !s.contains('\\'));
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        file.push(seg);
    }
    let (status, body, ctype, location) = if !safe {
        (400, Vec::new(), "text/plain", None)
    } else if file.is_dir() && !path.ends_with('/') {
        (301, Vec::new(), "text/plain", Some(format!("{path}/")))
    } else {
        if file.is_dir() {
            file.push("index.html");
        }
        match std::fs::read(&file) {
            Ok(b) => (200, b, mime(&file), None),
            Err(_) => (
                404,
                std::fs::read(root.join("404.html")).unwrap_or_default(),
                "text/html; charset=utf-8",
                None,
            ),
        }
    };
    log.lock().unwrap().push((path.clone(), status));
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        _ => "Not Found",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(l) = location {
        head.push_str(&format!("Location: {l}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

fn mime(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "json" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn the_helpers_decode_base64_and_percent_escapes() {
    assert_eq!(base64("SGFsbG8gV2VsdA=="), b"Hallo Welt");
    assert_eq!(base64("YQ=="), b"a");
    assert_eq!(percent_decode("/topics/f%C3%BChrung/"), "/topics/führung/");
    assert_eq!(percent_decode("/a%2"), "/a%2");
}

// ---------------------------------------------------------------------------------
// The pages' Content Security Policy

/// From the next page on, the page records every Content Security Policy violation
/// in `window.__violations` (the recorder is the browser's, not the page's: the
/// policy does not apply to it).
fn record_policy_violations(s: &Session) {
    s.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "window.__violations = [];\
            document.addEventListener('securitypolicyviolation', (e) =>\
              window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));"}),
    );
}

fn policy_violations(s: &Session) -> Value {
    s.exec("return window.__violations;", json!([]))
}

/// Every HTML file under `dir`, as paths relative to `root`.
fn html_pages(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            html_pages(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel.strip_suffix("index.html").unwrap_or(&rel).to_string());
        }
    }
}

/// Every page of the sample site, the search page with a search included, loads under
/// the policy its `<meta>` sets, and nothing on it breaks the policy.
#[test]
fn every_page_keeps_to_its_content_security_policy() {
    let Some(b) = browser() else { return };
    let root = site();
    let server = Server::start(root);
    let s = Session::start(&b, 1280, 900);
    record_policy_violations(&s);
    let mut pages = Vec::new();
    html_pages(root, root, &mut pages);
    // The 404 page links to the site's address from the root of the web server
    // (`/reverse-mentoring/…`), which this server does not have; tests/security.rs
    // checks its policy.
    pages.retain(|p| p != "404.html");
    pages.sort();
    assert!(pages.len() > 50, "{pages:?}");
    for page in &pages {
        s.goto(&server.url(page));
        let policy = s.exec(
            "const m = document.head.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); \
             return m ? m.content : null;",
            json!([]),
        );
        assert!(
            policy
                .as_str()
                .is_some_and(|p| p.starts_with("default-src 'self'")),
            "{page}: {policy}"
        );
        assert_eq!(policy_violations(&s), json!([]), "on {page}");
    }

    // The topic bars of a tandem page are drawn by classes: the most written-about
    // topic's bar spans the line, the others are shorter but there.
    s.goto(&server.url("cohorts/2019/berger-vogt/"));
    let bars = s.exec(
        "return [...document.querySelectorAll('.topic-bars li')].map(li => \
           parseFloat(getComputedStyle(li, '::after').width) / li.clientWidth);",
        json!([]),
    );
    let bars: Vec<f64> = bars
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(bars.len() > 1, "{bars:?}");
    assert!((bars[0] - 1.0).abs() < 0.01, "{bars:?}");
    assert!(bars.iter().all(|&w| w > 0.0 && w <= 1.0), "{bars:?}");

    // Search runs Pagefind's module script and WebAssembly under the policy.
    s.goto(&server.url("search/"));
    s.type_into("#search-q", "Beitrag");
    assert!(s.search_results().len() > 5);
    assert_eq!(policy_violations(&s), json!([]), "on the search page");
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

/// Someone who can change a page after the build (on the web server, or on its way)
/// puts a script and a picture from another site into it: neither runs nor loads.
#[test]
fn a_script_put_into_a_built_page_does_not_run() {
    let Some(b) = browser() else { return };
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(site(), tmp.path());
    let elsewhere = Server::start(site());
    let page = tmp.path().join(ENTRY_URL).join("index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let injected = format!(
        "<script>document.title = 'eingeschleust';</script>\
         <img id=\"foreign\" src=\"{}\" alt=\"\">\
         <a id=\"handler\" href=\"#\" onclick=\"document.title = 'eingeschleust'\">x</a></body>",
        elsewhere.url("logo.svg")
    );
    std::fs::write(&page, html.replace("</body>", &injected)).unwrap();
    let server = Server::start(tmp.path());
    let s = Session::start(&b, 1024, 700);
    record_policy_violations(&s);
    s.goto(&server.url(ENTRY_URL));
    s.exec("document.getElementById('handler').click();", json!([]));
    let title = s.exec("return document.title;", json!([]));
    assert!(
        title
            .as_str()
            .is_some_and(|t| t.starts_with("LinkedIn für Vorstände")),
        "the injected script did not run: the title is {title}"
    );
    let violations = policy_violations(&s).to_string();
    for directive in [
        "script-src-elem inline",
        "script-src-attr inline",
        "img-src",
    ] {
        assert!(violations.contains(directive), "{directive}: {violations}");
    }
    assert!(
        elsewhere.log.lock().unwrap().is_empty(),
        "the picture from another site was not asked for"
    );
}

/// The preview's own script (live reload) and the error overlay with its style element
/// work under the page's policy: the preview allows them by a nonce, and nothing on
/// the page breaks the policy.
#[test]
fn the_previews_script_and_overlay_work_under_the_pages_policy() {
    let Some(b) = browser() else { return };
    let preview = Preview::start();
    let s = Session::start(&b, 1024, 700);
    record_policy_violations(&s);
    s.watch_live_reload();
    s.goto(&preview.url(ENTRY_URL));
    let policy = s.exec(
        "return document.head.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;",
        json!([]),
    );
    assert!(
        policy.as_str().is_some_and(|p| p.contains("'nonce-")),
        "the preview allows its own elements by a nonce: {policy}"
    );
    s.wait_for_live_reload(&preview);

    let file = preview.file(ENTRY_MD);
    let good = std::fs::read_to_string(&file).unwrap();
    save_by_rename(
        &file,
        &good.replace("topics: [onlinemarketing]", "topics: [onlinemarketting]"),
    );
    let position = preview.poll(&s, "the error overlay", || {
        s.try_exec(
            "const o = document.getElementById('tandem-overlay'); \
             return o ? getComputedStyle(o).position : null;",
            json!([]),
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
    });
    assert_eq!(position, "fixed", "the overlay's style element applies");
    save_by_rename(&file, &good);
    preview.poll(&s, "the overlay to disappear", || {
        (s.try_exec(
            "return document.getElementById('tandem-overlay') === null;",
            json!([]),
        )
        .ok()?
            == json!(true))
        .then_some(())
    });
    // A page reloaded by a change starts with the overlay in its HTML.
    assert_eq!(policy_violations(&s), json!([]));
    s.assert_no_console_errors();
}

// ---------------------------------------------------------------------------------
// Hostile text in a search result

/// An entry whose title and text hold HTML, as text: searched for, its result shows
/// that text, and the page makes no element of it and runs none of it.
#[test]
fn hostile_text_in_an_entry_shows_as_text_in_its_search_result() {
    let Some(b) = browser() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    std::fs::write(
        content.join("cohorts/2019/berger-vogt/2019-09-20-giftkoeder.md"),
        "---\ntitle: \"Giftköder <img src=x onerror=window.__xss=1>\"\ndate: 2019-09-20\n---\n\
         Heute fanden wir den Giftköder <img src=x onerror=\"window.__xss=2\"> \
         und <script>window.__xss=3</script> mitten im Text, \
         dazu `</mark><img src=y onerror=window.__xss=4>` als Code.\n",
    )
    .unwrap();
    let root = tmp.path().join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("build")
        .arg("--content")
        .arg(&content)
        .arg("--output")
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = Server::start(&root);
    let s = Session::start(&b, 1280, 900);
    s.goto(&server.url("search/?q=Giftk%C3%B6der"));
    let results = s.search_results();
    assert_eq!(results.len(), 1, "{results:#?}");
    let shown = s.exec(
        "const r = document.querySelector('.search-result'); \
         return {title: r.querySelector('h2').innerText, \
                 excerpt: r.querySelector('.search-excerpt').innerText, \
                 marks: r.querySelectorAll('mark').length, \
                 made: document.querySelectorAll('.search-results *:not(li):not(h2):not(a):not(p):not(mark):not(span):not(div)').length, \
                 ran: window.__xss === undefined ? null : window.__xss};",
        json!([]),
    );
    assert_eq!(
        shown["title"], "Giftköder <img src=x onerror=window.__xss=1>",
        "{shown}"
    );
    let excerpt = shown["excerpt"].as_str().unwrap_or_default();
    for text in [
        "<img src=x onerror=\"window.__xss=2\">",
        "<script>window.__xss=3</script>",
        "</mark><img src=y onerror=window.__xss=4>",
    ] {
        assert!(
            excerpt.contains(text),
            "the excerpt does not show `{text}`: {shown}"
        );
    }
    assert!(
        shown["marks"].as_u64() >= Some(1),
        "the match is marked: {shown}"
    );
    assert_eq!(
        shown["made"], 0,
        "elements made of the entry's text: {shown}"
    );
    assert_eq!(shown["ran"], Value::Null, "the entry's text ran: {shown}");
    s.assert_no_console_errors();
    server.assert_no_failed_requests();
}

// ---------------------------------------------------------------------------------
// Whether the browser tests ran

/// Without Chromium and chromedriver the browser tests above pass without doing
/// anything; this test makes that visible in the summary: it fails with what to
/// install, unless `TANDEM_SKIP_BROWSER=1` asks to skip the browser tests.
#[test]
fn the_browser_tests_have_a_browser() {
    if browser().is_some() {
        return;
    }
    if std::env::var("TANDEM_SKIP_BROWSER").as_deref() == Ok("1") {
        let _ = writeln!(
            std::io::stderr(),
            "browser tests skipped, as TANDEM_SKIP_BROWSER=1 asks"
        );
        return;
    }
    panic!(
        "the browser tests did not run: Chromium and chromedriver were not found. Install \
         them (Debian: apt-get install chromium chromium-driver) or name them with \
         TANDEM_CHROMIUM and TANDEM_CHROMEDRIVER; to skip the browser tests on purpose, \
         set TANDEM_SKIP_BROWSER=1"
    );
}
