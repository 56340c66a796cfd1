//! One site per audience (`audiences:` in program.yaml): the sample programme with the
//! four audiences of the README builds into four folders; each holds only what its
//! audience may see, the anonymous one names nobody; `--audience` builds one and keeps
//! the others; mistakes in `audiences:` are errors that name the line and a fix.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::io::Read;

/// The audiences of the README, for the sample programme.
const AUDIENCES: &str = "audiences:
  - id: leitung
    title: Programmleitung
  - id: musterstadt
    title: Raiffeisenbank Musterstadt
    organizations: [Raiffeisenbank Musterstadt eG]
  - id: jahrgang-2020
    title: Jahrgang 2020
    cohorts: [2020]
  - id: vorstand
    title: Bericht für den Vorstand
    anonymous: true
";

const PEOPLE: &[&str] = &[
    "Lena Vogt",
    "Hans Berger",
    "Jana Schulz",
    "Thomas Hoffmann",
    "Deniz Yilmaz",
    "Sabine Keller",
    "Mia Krüger",
    "Ulrich Wagner",
    "Finn Becker",
    "Claudia Lorenz",
    "Paul Hartmann",
    "Petra Neumann",
    "Aylin Arslan",
    "Martin Schmitt",
];

const ORGANISATIONS: &[&str] = &[
    "Musterstadt",
    "Hügelland",
    "Rheinaue",
    "Lindenau",
    "Elbaue",
    "Auental",
    "Weiherhof",
];

const TANDEMS_2019: &[&str] = &[
    "berger-vogt",
    "hoffmann-schulz",
    "keller-yilmaz",
    "wagner-krueger",
];
const TANDEMS_2020: &[&str] = &["lorenz-becker", "neumann-hartmann", "schmitt-arslan"];

fn sample_with_audiences() -> Project {
    let p = Project::sample();
    let yaml = p.read("program.yaml");
    p.write("program.yaml", format!("{yaml}{AUDIENCES}"));
    p
}

/// Every file of a folder with its bytes as a reader gets them (gzip decompressed),
/// lowercased, with its path.
fn readable(dir: &std::path::Path) -> BTreeMap<String, String> {
    snapshot(dir)
        .into_iter()
        .map(|(f, bytes)| {
            let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut out)
                    .unwrap_or_else(|e| panic!("{f}: {e}"));
                out
            } else {
                bytes
            };
            (f, String::from_utf8_lossy(&bytes).to_lowercase())
        })
        .collect()
}

/// The files (path or bytes) of `files` that hold `needle`, in any case.
fn holding(files: &BTreeMap<String, String>, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    files
        .iter()
        .filter(|(f, text)| f.to_lowercase().contains(&needle) || text.contains(&needle))
        .map(|(f, _)| f.clone())
        .collect()
}

/// The titles of a tandem's entries, from their front matter, but those that the
/// programme's documentation quotes (which every audience reads) or the entries in
/// the folders `seen` (an audience's own tandems may name what they link to).
fn entry_titles(p: &Project, tandem_dir: &str, seen: &[&str]) -> Vec<String> {
    let docs: String = std::iter::once("docs")
        .chain(seen.iter().copied())
        .flat_map(|dir| snapshot(&p.path(dir)).into_values())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let dir = p.path(tandem_dir);
    let mut titles = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Some(t) = text.lines().find_map(|l| l.strip_prefix("title: ")) {
                let t = t.trim_matches('"');
                if !docs.contains(t) {
                    titles.push(t.to_string());
                }
            }
        }
    }
    assert!(!titles.is_empty(), "{tandem_dir} has no titled entries");
    titles
}

#[test]
fn the_sample_builds_into_four_sites_and_the_unfiltered_one_is_the_whole_site() {
    let p = sample_with_audiences();
    let run = p.build(&[]);
    run.assert_ok();
    assert!(!run.stderr.contains("Warnung"), "{}", run.stderr);
    let top: Vec<String> = std::fs::read_dir(p.out())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        top,
        [
            ".tandem-output",
            "jahrgang-2020",
            "leitung",
            "musterstadt",
            "vorstand"
        ]
    );
    // The whole programme, built without audiences, is the `leitung` site: the same
    // files, the same bytes, but for the absolute addresses (feeds, sitemap, the 404
    // page, the tables' and calendars' links to pages), which lead into the audience's
    // folder. (A calendar's longer lines are folded elsewhere: it is compared unfolded.)
    let whole = Project::sample();
    whole.build_ok(&[]);
    let (a, b) = (snapshot(&p.out().join("leitung")), snapshot(&whole.out()));
    let names = |m: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        m.keys()
            .filter(|f| *f != ".tandem-output")
            .cloned()
            .collect()
    };
    assert_eq!(names(&a), names(&b));
    for (f, bytes) in &a {
        if f == ".tandem-output" {
            continue;
        }
        let unfolded = |b: &[u8]| String::from_utf8_lossy(b).replace("\r\n ", "").into_bytes();
        let absolute = [".xml", ".csv", ".ics"].iter().any(|x| f.ends_with(x));
        let (whole, bytes) = if absolute || f == "404.html" {
            let whole = String::from_utf8_lossy(&unfolded(&b[f]))
                .replace("/reverse-mentoring/", "/reverse-mentoring/leitung/")
                .into_bytes();
            (whole, unfolded(bytes))
        } else {
            (b[f].clone(), bytes.clone())
        };
        assert!(whole == bytes, "leitung/{f} differs from the whole site's");
    }
    let not_found = String::from_utf8_lossy(&a["404.html"]).into_owned();
    assert!(
        not_found.contains("href=\"/reverse-mentoring/leitung/cohorts/\""),
        "{not_found}"
    );
    // Every site's links stay inside its own folder.
    for id in ["leitung", "musterstadt", "jahrgang-2020", "vorstand"] {
        let site = Site {
            root: p.out().join(id),
        };
        let broken = broken_links(&site, &format!("/reverse-mentoring/{id}/"));
        assert!(broken.is_empty(), "{id}: {broken:#?}");
    }
}

#[test]
fn an_organisations_site_holds_only_its_tandems_in_every_file() {
    let p = sample_with_audiences();
    p.build(&[]).assert_ok();
    let files = readable(&p.out().join("musterstadt"));
    assert!(
        !holding(&files, "Hans Berger").is_empty(),
        "its own tandem is there"
    );
    assert!(
        files.keys().any(|f| f.starts_with("pagefind/")),
        "with a search index"
    );
    // No other tandem's people, organisation, folder or entry titles, in any file
    // (pages, feeds, sitemap, the decompressed search index).
    for name in PEOPLE.iter().skip(2).chain(ORGANISATIONS.iter().skip(1)) {
        assert_eq!(holding(&files, name), Vec::<String>::new(), "{name}");
    }
    for t in TANDEMS_2019.iter().skip(1).chain(TANDEMS_2020) {
        assert_eq!(holding(&files, t), Vec::<String>::new(), "{t}");
        let cohort = if TANDEMS_2019.contains(t) {
            "2019"
        } else {
            "2020"
        };
        for title in entry_titles(
            &p,
            &format!("cohorts/{cohort}/{t}"),
            &["cohorts/2019/berger-vogt"],
        ) {
            assert_eq!(
                holding(&files, &title),
                Vec::<String>::new(),
                "{t}: {title}"
            );
        }
    }
    assert_eq!(holding(&files, "cohorts/2020"), Vec::<String>::new());
    // Feeds and the sitemap give the audience's own addresses.
    let sitemap = &files["sitemap.xml"];
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).collect();
    assert!(locs.len() > 5);
    for l in locs {
        assert!(
            l.starts_with("https://intranet.example.org/reverse-mentoring/musterstadt/"),
            "{l}"
        );
    }
}

#[test]
fn a_cohorts_site_leaves_out_the_other_cohorts_and_links_into_them() {
    let p = sample_with_audiences();
    p.build(&[]).assert_ok();
    let files = readable(&p.out().join("jahrgang-2020"));
    for t in TANDEMS_2019 {
        assert_eq!(holding(&files, t), Vec::<String>::new(), "{t}");
        for title in entry_titles(&p, &format!("cohorts/2019/{t}"), &["cohorts/2020"]) {
            assert_eq!(
                holding(&files, &title),
                Vec::<String>::new(),
                "{t}: {title}"
            );
        }
    }
    // A 2020 entry links to a 2019 tandem's entry: the link is gone, its words stay.
    let site = Site {
        root: p.out().join("jahrgang-2020"),
    };
    let page = site.page("cohorts/2020/schmitt-arslan/2020-02-27-wo-ist-die-generation-z/");
    assert!(page.contains("ihr Eintrag dazu"), "the link's text stays");
    assert!(!page.contains("hoffmann-schulz"), "the link is gone");
    assert!(!site.has("cohorts/2019/index.html"));
}

#[test]
fn the_anonymous_site_names_nobody_and_shows_figures_only() {
    let p = sample_with_audiences();
    p.build(&[]).assert_ok();
    let site = Site {
        root: p.out().join("vorstand"),
    };
    let files = readable(&site.root);
    for name in PEOPLE.iter().chain(ORGANISATIONS) {
        assert_eq!(holding(&files, name), Vec::<String>::new(), "{name}");
    }
    for t in TANDEMS_2019.iter().chain(TANDEMS_2020) {
        let cohort = if TANDEMS_2019.contains(t) {
            "2019"
        } else {
            "2020"
        };
        assert_eq!(holding(&files, t), Vec::<String>::new(), "{t}");
        for title in entry_titles(&p, &format!("cohorts/{cohort}/{t}"), &[]) {
            assert_eq!(holding(&files, &title), Vec::<String>::new(), "{title}");
        }
    }
    // The contact person of program.yaml is a name too.
    assert_eq!(holding(&files, "Maria Beispiel"), Vec::<String>::new());
    let html: Vec<&String> = files.keys().filter(|f| f.ends_with(".html")).collect();
    assert_eq!(html, ["404.html", "index.html"], "one page of figures");
    assert!(!files
        .keys()
        .any(|f| f.starts_with("pagefind/") || f.ends_with(".xml")));
    let page = visible_text(&site.page(""));
    assert!(page.contains("Bericht für den Vorstand"), "{page}");
    assert_eq!(value_of(&site.page(""), "Tandems").as_deref(), Some("7"));
    assert_eq!(value_of(&site.page(""), "Einträge").as_deref(), Some("48"));
}

#[test]
fn groups_of_fewer_than_five_tandems_get_no_figures_of_their_own_in_the_anonymous_site() {
    let p = Project::empty();
    p.write(
        "program.yaml",
        "title: Schwelle\nlanguage: de\ntopics:\n  - { id: gross, title: Großes Thema }\n  - { id: klein, title: Kleines Thema }\naudiences:\n  - id: bericht\n    anonymous: true\n",
    );
    for (cohort, n) in [("gross", 5), ("klein", 4)] {
        p.write(
            &format!("cohorts/{cohort}/cohort.yaml"),
            format!("title: Jahrgang {cohort}\n"),
        );
        for i in 0..n {
            let role = if i < 1 { "Seltene Rolle" } else { "Vorstand" };
            let t = format!("cohorts/{cohort}/t{i}");
            p.write(
                &format!("{t}/tandem.yaml"),
                format!("mentor: {{ name: M{cohort}{i} }}\nmentee: {{ name: E{cohort}{i}, role: {role} }}\n"),
            );
            let topic = if cohort == "gross" || i == 0 {
                "gross"
            } else {
                "klein"
            };
            p.write(
                &format!("{t}/2020-01-0{}-x.md", i + 1),
                format!(
                    "---\ntitle: Treffen\ndate: 2020-01-0{}\ntopics: [{topic}]\n---\nText.\n",
                    i + 1
                ),
            );
        }
    }
    p.build_ok(&[]);
    let html = Site {
        root: p.out().join("bericht"),
    }
    .page("");
    let text = visible_text(&html);
    assert!(text.contains("Jahrgang gross"), "5 tandems: shown");
    assert!(
        !text.contains("Jahrgang klein"),
        "4 tandems: not shown on its own"
    );
    assert!(text.contains("Großes Thema"), "6 tandems wrote about it");
    assert!(!text.contains("Kleines Thema"), "3 tandems wrote about it");
    assert!(text.contains("Vorstand"), "4 + 3 tandems have the role");
    assert!(
        !text.contains("Seltene Rolle"),
        "1 + 1 tandems have the role"
    );
    assert_eq!(
        value_of(&html, "Tandems").as_deref(),
        Some("9"),
        "all count in the total"
    );
}

#[test]
fn one_audience_is_built_alone_and_the_others_stay_as_they_were() {
    let p = sample_with_audiences();
    p.build(&[]).assert_ok();
    let before = snapshot(&p.out());
    p.edit(
        "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md",
        "title: LinkedIn für Vorstände",
        "title: LinkedIn für Vorstände und Aufsichtsräte",
    );
    let run = p.build(&["--audience", "musterstadt"]);
    run.assert_ok();
    assert!(run.stderr.contains("musterstadt"), "{}", run.stderr);
    let after = snapshot(&p.out());
    let others = |m: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        m.iter()
            .filter(|(f, _)| !f.starts_with("musterstadt/"))
            .map(|(f, b)| (f.clone(), b.clone()))
            .collect()
    };
    assert!(
        others(&before) == others(&after),
        "the other audiences' sites changed, though only musterstadt was built"
    );
    let page = String::from_utf8_lossy(&after["musterstadt/cohorts/2019/berger-vogt/index.html"]);
    assert!(
        page.contains("Aufsichtsräte"),
        "the built audience has the edit"
    );
    assert!(p.leftovers().is_empty(), "{:?}", p.leftovers());
}

#[test]
fn an_unknown_audience_is_an_error_and_the_output_stays() {
    let p = sample_with_audiences();
    p.build(&[]).assert_ok();
    let before = snapshot(&p.out());
    let run = p.build(&["--audience", "musterstad"]);
    run.assert_code(1);
    assert_reported(
        &run.stderr,
        "Fehler",
        "Die Zielgruppe `musterstad` gibt es in program.yaml nicht",
        "program.yaml",
    );
    assert!(
        run.stderr.contains("Meinten Sie `--audience musterstadt`?"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&p.out()), before);
    // Without `audiences:`, `--audience` says so.
    let plain = Project::sample();
    let run = plain.build(&["--audience", "leitung"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("program.yaml nennt keine Zielgruppen (`audiences`)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_of_sites_is_replaced_only_when_it_is_tandems_and_only_whole() {
    let p = sample_with_audiences();
    // A foreign folder is never written into.
    std::fs::create_dir_all(p.out()).unwrap();
    std::fs::write(p.out().join("meins.txt"), "mein Dokument").unwrap();
    p.build(&[]).assert_code(2);
    assert_eq!(
        std::fs::read_to_string(p.out().join("meins.txt")).unwrap(),
        "mein Dokument"
    );
    std::fs::remove_file(p.out().join("meins.txt")).unwrap();
    p.build(&[]).assert_ok();
    let before = snapshot(&p.out());
    // A build that fails in one audience's site writes none of them.
    p.edit(
        "cohorts/2020/lorenz-becker/2020-04-09-fuehren-auf-distanz.md",
        "](../../../docs/methoden/gespraechsleitfaden.md)",
        "](../../../docs/methoden/gibt-es-nicht.md)",
    );
    p.build(&[]).assert_code(1);
    assert_eq!(snapshot(&p.out()), before);
    assert!(p.leftovers().is_empty(), "{:?}", p.leftovers());
}

/// The sample's program.yaml with `audiences` as given, in `language`.
fn with(language: &str, audiences: &str) -> Project {
    let p = Project::sample();
    let yaml = p
        .read("program.yaml")
        .replace("language: de", &format!("language: {language}"));
    p.write("program.yaml", format!("{yaml}{audiences}"));
    p
}

#[test]
fn mistakes_in_the_audiences_are_errors_naming_the_line_and_a_fix() {
    let audiences = "audiences:
  - id: musterstadt
    organisations: [Raiffeisenbank Musterstadt eG]
  - id: jahrgang
    cohorts: [2021]
  - id: Vorstand
  - id: musterstadt
  - title: Ohne Kennung
  - id: bank
    organizations: [Raiffeisenbank Musterstad eG]
  - id: leer
    cohorts: []
  - id: bericht
    anonymous: vielleicht
";
    let p = with("de", audiences);
    let line = |needle: &str| {
        1 + p
            .read("program.yaml")
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
    };
    let run = p.build(&[]);
    run.assert_code(1);
    assert!(!p.out().exists(), "nothing is built");
    let cases = [
        (
            "Das Feld `organisations` der Zielgruppe `musterstadt` ist unbekannt; damit die Seite nicht mehr zeigt als gewollt, wird nichts gebaut",
            format!("program.yaml:{}:1", line("organisations:")),
            "Meinten Sie `organizations`? Schreiben Sie `organizations:` statt `organisations:`.",
        ),
        (
            "Den Jahrgang `2021` der Zielgruppe `jahrgang` gibt es nicht",
            format!("program.yaml:{}:15", line("[2021]")),
            "Nennen Sie den Ordner des Jahrgangs unter cohorts/. Jahrgänge: 2019, 2020.",
        ),
        (
            "Die Kennung `Vorstand` der Zielgruppe kann kein Ordnername sein",
            format!("program.yaml:{}:9", line("id: Vorstand")),
            "Schreiben Sie nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. `id: vorstand`.",
        ),
        (
            &*format!(
                "Die Zielgruppe `musterstadt` steht zweimal unter `audiences` (zuerst in Zeile {})",
                line("- id: musterstadt")
            ),
            format!("program.yaml:{}:9", line("- id: musterstadt") + 5),
            "Geben Sie jeder Zielgruppe eine eigene Kennung",
        ),
        (
            &*format!("Der Zielgruppe in Zeile {} fehlt die Kennung (`id`)", line("Ohne Kennung")),
            format!("program.yaml:{}:5", line("Ohne Kennung")),
            "Ergänzen Sie eine Zeile wie `id: leitung`.",
        ),
        (
            "Die Organisation `Raiffeisenbank Musterstad eG` der Zielgruppe `bank` hat kein Tandem",
            format!("program.yaml:{}:21", line("Musterstad eG]")),
            "Meinten Sie `Raiffeisenbank Musterstadt eG`? Schreiben Sie den Namen so, wie er unter `organization:` in tandem.yaml steht.",
        ),
        (
            "Die Liste `cohorts` der Zielgruppe `leer` ist leer",
            format!("program.yaml:{}:1", line("cohorts: []")),
            "oder löschen Sie die Zeile, damit die Zielgruppe alle Tandems sieht.",
        ),
        (
            "`anonymous` der Zielgruppe `bericht` muss `true` oder `false` sein, nicht `vielleicht`",
            format!("program.yaml:{}:16", line("vielleicht")),
            "Schreiben Sie `anonymous: true`",
        ),
    ];
    for (message, at, help) in &cases {
        assert_reported(&run.stderr, "Fehler", message, at);
        assert!(
            run.stderr.contains(help),
            "no help `{help}`:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("8 Fehler, 0 Warnungen"),
        "{}",
        run.stderr
    );

    let en = with("en", audiences);
    let run = en.check(&[]);
    run.assert_code(1);
    for message in [
        "unknown field `organisations` in the audience `musterstadt`; lest the site show more than intended, nothing is built",
        "the audience `jahrgang` names the cohort `2021`, which does not exist",
        "the audience id `Vorstand` cannot be a folder name",
        "the audience `bank` names the organisation `Raiffeisenbank Musterstad eG`, which no tandem has",
        "the list `cohorts` of the audience `leer` is empty",
        "`anonymous` of the audience `bericht` must be `true` or `false`, not `vielleicht`",
    ] {
        assert!(run.stderr.contains(&format!("error: {message}")), "{message}:\n{}", run.stderr);
    }
}

#[test]
fn check_renders_every_audiences_site() {
    let p = sample_with_audiences();
    p.check(&[]).assert_ok();
    // A theme whose anonymous page fails is found by `check`, not first by `build`.
    let yaml = p.read("program.yaml");
    p.write(
        "program.yaml",
        yaml.replace("language: de\n", "language: de\ntheme: kaputt\n"),
    );
    p.write(
        "kaputt/templates/anonymous.html",
        "{{ gibt_es_nicht.auch_nicht }}\n",
    );
    let run = p.check(&[]);
    run.assert_code(1);
    assert!(run.stderr.contains("anonymous.html"), "{}", run.stderr);
}

#[test]
fn a_programme_with_one_audience_serves_only_it_in_the_preview() {
    use tandem::build::{self, Options, Sites};
    let p = sample_with_audiences();
    let options = Options {
        content: p.content(),
        sites: Sites::Top("musterstadt".into()),
        search: build::SearchWhen::Never,
        ..Options::default()
    };
    let outcome = build::run(&options, &mut build::Cache::default(), None);
    let built = outcome.built.expect("the audience's site builds");
    let paths: Vec<&str> = built.pages.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"index.html"), "at the top: {paths:?}");
    assert!(paths.contains(&"cohorts/2019/berger-vogt/index.html"));
    assert!(!paths
        .iter()
        .any(|p| p.contains("hoffmann-schulz") || p.contains("2020")));
}

#[test]
fn access_rules_say_what_is_missing() {
    // A name that cannot go into a server's configuration.
    let p = with(
        "de",
        "audiences:\n  - id: leitung\n    users: [\"anna bert\"]\n",
    );
    let run = p.check(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("Fehler: Der Name `anna bert` unter `users` der Zielgruppe `leitung` kann nicht in die Zugriffsregeln des Webservers"),
        "{}",
        run.stderr
    );
    // A group nginx cannot list the members of.
    let p = with(
        "de",
        "audiences:\n  - id: leitung\n    groups: [rm-leitung]\n",
    );
    std::fs::write(p.root().join("htgroup"), "andere: anna\n").unwrap();
    let run = tandem(
        p.root(),
        &[
            "access",
            "--content",
            "content",
            "--output",
            "regeln",
            "--group-file",
            "htgroup",
        ],
    );
    run.assert_code(1);
    assert_reported(
        &run.stderr,
        "Fehler",
        "Die Gruppe `rm-leitung` der Zielgruppe `leitung` steht nicht in der Gruppendatei htgroup",
        "program.yaml",
    );
    assert!(!p.root().join("regeln").exists(), "nothing written");
    // With the group there, both files are written, without a password.
    std::fs::write(p.root().join("htgroup"), "rm-leitung: anna bert\n").unwrap();
    let run = tandem(
        p.root(),
        &[
            "access",
            "--content",
            "content",
            "--output",
            "regeln",
            "--group-file",
            "htgroup",
        ],
    );
    run.assert_ok();
    let nginx = std::fs::read_to_string(p.root().join("regeln/nginx.conf")).unwrap();
    assert!(
        nginx.contains("if ($remote_user !~ \"^(|anna|bert)$\")"),
        "{nginx}"
    );
    assert!(
        nginx.contains("location /reverse-mentoring/leitung/ {"),
        "{nginx}"
    );
    let apache = std::fs::read_to_string(p.root().join("regeln/apache.conf")).unwrap();
    assert!(apache.contains("Require group \"rm-leitung\""), "{apache}");
    // The theme's policy, as docs/hosting.md gives it, with `frame-ancestors`.
    let csp =
        std::fs::read_to_string(repo().join("themes/default/templates/partials/csp.html")).unwrap();
    let policy = csp
        .split("content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let header = format!("{policy}; frame-ancestors 'none'");
    assert!(nginx.contains(&format!(
        "add_header Content-Security-Policy \"{header}\" always;"
    )));
    assert!(apache.contains(&format!(
        "Header always set Content-Security-Policy \"{header}\""
    )));
    // Without audiences there is nothing to guard.
    let plain = Project::sample();
    let run = tandem(plain.root(), &["access", "--content", "content"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("program.yaml nennt keine Zielgruppen"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_written_as_the_address_of_a_withheld_page_is_removed_too() {
    let p = sample_with_audiences();
    let file = "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md";
    let text = p.read(file);
    p.write(
        file,
        format!("{text}\nWie [das andere Tandem](/reverse-mentoring/cohorts/2019/hoffmann-schulz/) und [sein Treffen](/cohorts/2019/hoffmann-schulz/2019-03-19-wie-findet-man-uns/).\n"),
    );
    let run = p.build(&[]);
    run.assert_ok();
    let site = Site {
        root: p.out().join("musterstadt"),
    };
    let page = site.page("cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/");
    assert!(
        page.contains("das andere Tandem") && page.contains("sein Treffen"),
        "the words stay"
    );
    assert!(!page.contains("hoffmann-schulz"), "the links are gone");
    // The whole programme's site keeps them.
    let whole = Site {
        root: p.out().join("leitung"),
    };
    let page = whole.page("cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/");
    assert!(page.contains("hoffmann-schulz/"), "{page}");
}
