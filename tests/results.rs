//! What the programme achieved, as a reader sees it on the built pages: each tandem's
//! rhythm against how often it met, the quiet phases that rhythm defines, agreements
//! kept and left open, meeting formats, insights, and the order and scale of the
//! figures.

mod common;

use common::*;

/// The visible text of a page's section under `heading`.
fn section_text(html: &str, heading: &str) -> String {
    let s = section(html, heading).unwrap_or_else(|| panic!("no section `{heading}`"));
    text_of(&s)
}

/// How many elements of `class` an SVG or page holds.
fn count_class(html: &str, class: &str) -> usize {
    html.matches(&format!("class=\"{class}\"")).count()
}

/// The activity chart of a page.
fn activity_svg(html: &str) -> &str {
    let start = html
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-activity\"")
        .expect("an activity chart");
    let end = html[start..].find("</svg>").unwrap() + start;
    &html[start..end]
}

/// Where the heading with the id `id` starts on the page.
fn heading_at(html: &str, id: &str) -> usize {
    html.find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no heading #{id}"))
}

// ---------------------------------------------------------------------------------
// Rhythm and quiet phases

#[test]
fn the_sample_names_only_the_pauses_its_rhythms_call_quiet() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let c2019 = site.page("cohorts/2019/");
    let quiet = section_text(&c2019, "Stille Phasen");
    assert!(
        quiet.contains("Thomas Hoffmann & Jana Schulz 70 Tage ohne Eintrag"),
        "{quiet}"
    );
    assert!(
        quiet.contains("Dr. Hans Berger & Lena Vogt 49 Tage ohne Eintrag"),
        "{quiet}"
    );
    assert!(!quiet.contains("Sabine Keller"), "{quiet}");
    assert!(!quiet.contains("Ulrich Wagner"), "{quiet}");
    // The rule is on the page, and each quiet tandem's rhythm beside it.
    assert!(quiet.contains("mehr als doppelt so lang ist wie der geplante Rhythmus"));
    assert!(quiet.contains("geplant monatlich (Vorgabe des Programms)"));
    assert!(quiet.contains("geplant alle 3 Wochen"));
    // The chart draws as many quiet phases as the list names, each whole and hatched.
    assert_eq!(count_class(activity_svg(&c2019), "ch-gap"), 2);
    assert_eq!(count_class(activity_svg(&c2019), "ch-quiet"), 2);
    assert!(c2019.contains(">70 Tage ohne Eintrag</text>"));

    let c2020 = site.page("cohorts/2020/");
    let quiet = section_text(&c2020, "Stille Phasen");
    assert!(quiet.contains("Martin Schmitt & Aylin Arslan 63 Tage ohne Eintrag"));
    assert!(quiet.contains("geplant alle 4 Wochen (Vorgabe des Jahrgangs)"));
    assert_eq!(count_class(activity_svg(&c2020), "ch-quiet"), 1);
}

#[test]
fn the_tandems_come_before_the_quiet_phases_on_a_cohort_page() {
    let p = Project::sample();
    let html = p.build_ok(&[]).page("cohorts/2019/");
    assert!(heading_at(&html, "h-activity") < heading_at(&html, "h-tandems"));
    assert!(heading_at(&html, "h-tandems") < heading_at(&html, "h-quiet"));
}

#[test]
fn a_tandem_page_compares_its_planned_and_actual_rhythm() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let text = visible_text(&site.page("cohorts/2019/berger-vogt/"));
    assert!(
        text.contains("Rhythmus: geplant alle 3 Wochen, tatsächlich im Mittel alle 33 Tage"),
        "{text}"
    );
    assert!(text.contains("Stille Phasen, also mehr als 42 Tage ohne Eintrag"));
    let text = visible_text(&site.page("cohorts/2019/keller-yilmaz/"));
    assert!(text.contains(
        "Rhythmus: geplant monatlich (Vorgabe des Programms), tatsächlich im Mittel alle 34 Tage"
    ));
    assert!(text.contains("Keine stille Phase: nie mehr als 60 Tage ohne Eintrag"));
}

#[test]
fn without_any_rhythm_tandem_takes_monthly_and_says_so() {
    let p = Project::mini();
    let text = visible_text(&p.build_ok(&[]).page("cohorts/2019/keller-yilmaz/"));
    assert!(
        text.contains("Rhythmus: ohne Angabe, gerechnet mit monatlich"),
        "{text}"
    );
}

#[test]
fn a_tandem_without_entries_is_shown_as_such_not_as_all_clear() {
    let p = Project::mini();
    p.write(
        "cohorts/2019/neu-tandem/tandem.yaml",
        "mentor: { name: Alex Neu, role: Azubi }\nmentee: { name: Bea Alt, role: Vorständin }\n",
    );
    let site = p.build_ok(&[]);
    let html = site.page("cohorts/2019/");
    let quiet = section_text(&html, "Stille Phasen");
    assert!(
        quiet.contains("Bea Alt & Alex Neu Noch kein Eintrag"),
        "{quiet}"
    );
    assert!(
        !quiet.contains("Kein Tandem hatte eine stille Phase"),
        "{quiet}"
    );
    assert!(
        html.contains(">Noch kein Eintrag</text>"),
        "the chart says it too"
    );
    let text = visible_text(&site.page("cohorts/2019/neu-tandem/"));
    assert!(text.contains("Noch kein Eintrag."), "{text}");
    assert!(!text.contains("Keine stille Phase"), "{text}");
}

#[test]
fn an_english_programme_reads_its_rhythms_in_english() {
    let p = Project::mini();
    p.edit("program.yaml", "language: de", "language: en");
    p.edit(
        "cohorts/2019/keller-yilmaz/tandem.yaml",
        "focus:",
        "rhythm: every 2 weeks\nfocus:",
    );
    let text = visible_text(&p.build_ok(&[]).page("cohorts/2019/keller-yilmaz/"));
    assert!(
        text.contains("Rhythm: planned every 2 weeks, in fact every 28 days on average"),
        "{text}"
    );
}

#[test]
fn a_rhythm_tandem_cannot_read_is_an_error_at_its_line() {
    let p = Project::mini();
    p.edit(
        "cohorts/2019/keller-yilmaz/tandem.yaml",
        "focus:",
        "rhythm: alle paar Wochen\nfocus:",
    );
    p.edit(
        "cohorts/2019/cohort.yaml",
        "milestones:",
        "rhythm: 0\nmilestones:",
    );
    let run = p.check(&[]);
    run.assert_code(1);
    assert_reported(
        &run.stderr,
        "Fehler",
        "„alle paar Wochen“ ist kein Rhythmus, den tandem versteht.",
        "cohorts/2019/keller-yilmaz/tandem.yaml:4:9",
    );
    assert_reported(
        &run.stderr,
        "Fehler",
        "Ein Rhythmus von „0“ geht nicht: es muss mindestens ein Tag und höchstens ein Jahr sein.",
        "cohorts/2019/cohort.yaml:3:9",
    );
    assert!(run
        .stderr
        .contains("zum Beispiel `rhythm: alle 2 Wochen`, `rhythm: monatlich`"));

    p.edit("program.yaml", "language: de", "language: en");
    let run = p.check(&[]);
    assert_reported(
        &run.stderr,
        "error",
        "\"alle paar Wochen\" is not a rhythm tandem understands.",
        "cohorts/2019/keller-yilmaz/tandem.yaml:4:9",
    );
    assert!(run.stderr.contains("`rhythm: every 2 weeks`"));
}

// ---------------------------------------------------------------------------------
// Outcomes: agreements and meeting formats

/// A tandem in the mini programme whose entries agree on four things and keep two;
/// a private entry ticks off another, which must not count.
fn with_agreements(p: &Project) {
    p.write(
        "cohorts/2019/neu-tandem/tandem.yaml",
        "mentor: { name: Alex Neu, role: Azubi }\nmentee: { name: Bea Alt, role: Vorständin }\n",
    );
    p.write(
        "cohorts/2019/neu-tandem/2019-03-05-start.md",
        "---\ntitle: Start\nformat: vor Ort\n---\nText.\n\n- [ ] Profilfoto erneuern\n- [ ] Überschrift umformulieren\n- [x] Termine eintragen\n",
    );
    p.write(
        "cohorts/2019/neu-tandem/2019-04-02-weiter.md",
        "---\ntitle: Weiter\nformat: Video\n---\nText.\n\n- [x] Profilfoto erneuern\n- [ ] Überschrift umformulieren\n- [ ] Ersten Beitrag schreiben\n",
    );
    p.write(
        "cohorts/2019/neu-tandem/2019-04-20-notiz.md",
        "---\ntitle: Notiz\nformat: Video\nvisibility: private\n---\nText.\n\n- [x] Überschrift umformulieren\n- [x] Geheime Sache erledigen\n",
    );
}

#[test]
fn agreements_kept_and_open_are_counted_per_tandem_and_cohort() {
    let p = Project::mini();
    with_agreements(&p);
    let site = p.build_ok(&[]);
    let tandem = site.page("cohorts/2019/neu-tandem/");
    let text = section_text(&tandem, "Vereinbarungen");
    assert!(text.contains("2 von 4 erledigt · 2 offen"), "{text}");
    let open = section_text(&tandem, "Offene Vereinbarungen");
    assert!(open.contains("Überschrift umformulieren"), "{open}");
    assert!(open.contains("Ersten Beitrag schreiben"), "{open}");
    assert!(!open.contains("Profilfoto"), "{open}");

    let cohort = site.page("cohorts/2019/");
    let table = section_text(&cohort, "Vereinbarungen");
    assert!(table.contains("Bea Alt & Alex Neu 4 2 2"), "{table}");
    // Berger & Vogt: one kept at once, one kept in a later entry, one open (their
    // private and draft entries count for nothing); Keller & Yilmaz: one open.
    assert!(
        table.contains("Dr. Hans Berger & Lena Vogt 3 2 1"),
        "{table}"
    );
    assert!(
        table.contains("Sabine Keller & Deniz Yilmaz 1 0 1"),
        "{table}"
    );
    assert!(table.contains("Zusammen 8 4 4"), "{table}");
    assert_eq!(
        value_of(&cohort, "Vereinbarungen erledigt").as_deref(),
        Some("4 von 8")
    );
    assert_eq!(
        value_of(&site.page(""), "Vereinbarungen erledigt").as_deref(),
        Some("4 von 8")
    );
}

#[test]
fn once_a_cohort_is_over_its_open_agreements_are_left_open() {
    let p = Project::mini();
    with_agreements(&p);
    // A later cohort's entry shows that the 2019 cohort (up to 31 October) is over.
    p.write(
        "cohorts/2020/cohort.yaml",
        "title: Jahrgang 2020\nperiod: { start: 2020-02-01, end: 2020-10-31 }\n",
    );
    p.write(
        "cohorts/2020/weiter-tandem/tandem.yaml",
        "mentor: { name: Chris Jung, role: Azubi }\nmentee: { name: Dora Alt, role: Vorständin }\n",
    );
    p.write(
        "cohorts/2020/weiter-tandem/2020-03-01-los.md",
        "---\ntitle: Los\n---\nText.\n\n- [ ] Etwas Neues\n",
    );
    let site = p.build_ok(&[]);
    let tandem = site.page("cohorts/2019/neu-tandem/");
    assert!(
        section_text(&tandem, "Vereinbarungen").contains("2 von 4 erledigt · 2 offen geblieben")
    );
    assert!(section(&tandem, "Offene Vereinbarungen").is_none());
    assert!(section_text(&tandem, "Offen geblieben").contains("Ersten Beitrag schreiben"));
    let cohort = site.page("cohorts/2019/");
    let text = section_text(&cohort, "Vereinbarungen");
    assert!(text.contains("Der Jahrgang ist vorbei"), "{text}");
    assert!(
        text.contains("4 von 8 erledigt · 4 offen geblieben"),
        "{text}"
    );
    // The running cohort's agreement is still open; the programme says both.
    let text = section_text(&site.page("cohorts/2020/weiter-tandem/"), "Vereinbarungen");
    assert!(text.contains("0 von 1 erledigt · 1 offen"), "{text}");
    assert_eq!(
        value_of(&site.page(""), "Vereinbarungen erledigt").as_deref(),
        Some("4 von 9")
    );
}

#[test]
fn the_sample_shows_how_the_2020_cohort_moved_from_meeting_rooms_to_video() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let html = site.page("cohorts/2020/");
    let formats = section(&html, "Formate der Treffen").expect("a formats section");
    let table = text_of(&formats);
    // Months February to October 2020; private meetings are not counted.
    assert!(table.contains("Video 0 2 2 2 2 0 0 0 0 8"), "{table}");
    assert!(table.contains("vor Ort 2 1 0 0 0 1 0 1 2 7"), "{table}");
    assert!(table.contains("Telefon 0 0 1 0 0 0 0 0 0 1"), "{table}");
    assert!(formats.contains("vor Ort · Mär: 1 Treffen<"), "{formats}");
    // The finished 2019 cohort's agreements were left open; the 2020 cohort, whose end
    // no later entry has passed, still has open ones.
    let c2019 = site.page("cohorts/2019/");
    assert!(section_text(&c2019, "Vereinbarungen").contains("offen geblieben"));
    assert!(!section_text(&html, "Vereinbarungen").contains("offen geblieben"));
}

// ---------------------------------------------------------------------------------
// Insights

/// A tandem whose entries hold three insights: one its mentor learned ("ich", written
/// by the mentor), one its mentee learned (named in the heading), one both learned.
fn with_insights(p: &Project) {
    p.write(
        "cohorts/2019/neu-tandem/tandem.yaml",
        "mentor: { name: Alex Neu, role: Azubi }\nmentee: { name: Bea Alt, role: Vorständin }\n",
    );
    p.write(
        "cohorts/2019/neu-tandem/2019-03-05-start.md",
        "---\ntitle: Start\nauthors: [mentor]\ntopics: [onlinemarketing]\n---\nText.\n\n## Was ich gelernt habe\n\nWie eine Bank **entscheidet**.\n\n## Vereinbarungen\n\n- [ ] Weiter\n",
    );
    p.write(
        "cohorts/2019/neu-tandem/2019-04-02-tiktok.md",
        "---\ntitle: TikTok\nauthors: [mentor]\ntopics: [onlinemarketing]\n---\nText.\n\n## Was Bea gelernt hat\n\nWie TikTok funktioniert.\n",
    );
    p.write(
        "cohorts/2019/neu-tandem/2019-05-07-geduld.md",
        "---\ntitle: Geduld\nauthors: [mentor, mentee]\ntopics: [fuehrung]\n---\nText.\n\n## Was wir gelernt haben\n\nGeduld miteinander.\n",
    );
}

#[test]
fn insights_are_collected_on_tandem_cohort_topic_and_programme_pages() {
    let p = Project::mini();
    with_insights(&p);
    let site = p.build_ok(&[]);
    let tandem = section_text(&site.page("cohorts/2019/neu-tandem/"), "Erkenntnisse");
    for said in [
        "Alex Neu lernte von Bea Alt Wie eine Bank entscheidet.",
        "Bea Alt lernte von Alex Neu Wie TikTok funktioniert.",
        "Bea Alt und Alex Neu lernten voneinander Geduld miteinander.",
    ] {
        assert!(tandem.contains(said), "{said}: {tandem}");
    }

    let cohort = site.page("cohorts/2019/");
    let text = section_text(&cohort, "Erkenntnisse");
    assert!(
        text.contains("Was Mentees von ihren Mentor·innen lernten 1 Erkenntnis Bea Alt lernte von Alex Neu Wie TikTok funktioniert."),
        "{text}"
    );
    assert!(text.contains(
        "Was Mentor·innen von ihren Mentees lernten 1 Erkenntnis Alex Neu lernte von Bea Alt"
    ));
    assert!(text.contains("Was beide voneinander lernten 1 Erkenntnis"));

    // Each direction's page holds its own and those learned from each other.
    let mentees = visible_text(&site.page("insights/mentees/"));
    assert!(mentees.contains("Wie TikTok funktioniert."));
    assert!(mentees.contains("Geduld miteinander."));
    assert!(!mentees.contains("Wie eine Bank entscheidet."));
    let mentors = visible_text(&site.page("insights/mentors/"));
    assert!(mentors.contains("Wie eine Bank entscheidet."));
    assert!(mentors.contains("Geduld miteinander."));
    assert!(!mentors.contains("Wie TikTok funktioniert."));
    let all = site.page("insights/");
    let text = visible_text(&all);
    assert!(text.contains("3 Erkenntnisse Wer lernte"), "{text}");
    assert!(text.contains("Jahrgang 2019 (3 Erkenntnisse)"), "{text}");
    assert!(text.contains("Onlinemarketing (2)"), "{text}");

    // A topic page lists the insights of its entries.
    let topic = section_text(&site.page("topics/fuehrung/"), "Erkenntnisse");
    assert!(topic.contains("Geduld miteinander."), "{topic}");
    assert!(!topic.contains("TikTok"), "{topic}");

    // Each insight links to its heading on the entry's page.
    let href = hrefs_with_text(&all, "TikTok");
    assert_eq!(href.len(), 1);
    assert!(
        href[0].ends_with("2019-04-02-tiktok/#was-bea-gelernt-hat"),
        "{href:?}"
    );
    assert_eq!(broken_links(&site, "/rm/"), Vec::<String>::new());
}

#[test]
fn insights_have_a_feed_and_are_found_by_search() {
    let p = Project::mini();
    with_insights(&p);
    let site = p.build_ok(&[]);
    let xml = site.text("insights/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the feed is XML");
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 3);
    let first = entries[0];
    let title = first
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(
        title, "Bea Alt und Alex Neu lernten voneinander: Geduld",
        "newest first"
    );
    let link = first
        .children()
        .find(|n| n.has_tag_name("link"))
        .and_then(|n| n.attribute("href"))
        .unwrap();
    assert_eq!(
        link,
        "https://example.org/rm/cohorts/2019/neu-tandem/2019-05-07-geduld/#was-wir-gelernt-haben"
    );

    let bundle: String = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".pf_fragment"))
        .map(|f| {
            let mut out = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(&site.bytes(&f)[..]),
                &mut out,
            )
            .unwrap();
            out
        })
        .collect();
    assert!(
        bundle.contains("2019-04-02-tiktok/#was-bea-gelernt-hat"),
        "an insight is a search record"
    );
    assert!(
        bundle.contains("Erkenntnis von Mentees"),
        "filtered by who learned"
    );
}

#[test]
fn private_and_draft_insights_appear_only_when_asked_for() {
    let p = Project::mini();
    let site = p.build_ok(&[]);
    assert!(visible_text(&site.page("insights/")).contains("Noch keine Erkenntnisse."));
    // The fixture's private and draft entries have insights; the leak tests of
    // tests/build.rs find none of their words anywhere in the site. Asked for, they show.
    let run = p.build(&["--private", "--drafts"]);
    run.assert_ok();
    let text = visible_text(&p.site().page("insights/"));
    assert!(text.contains("GEHEIMWORT-PRIVAT-ERKENNTNIS"), "{text}");
    assert!(text.contains("GEHEIMWORT-ENTWURF-ERKENNTNIS"), "{text}");
}

#[test]
fn an_insight_that_does_not_say_who_learned_is_a_warning() {
    let p = Project::mini();
    p.write(
        "cohorts/2019/keller-yilmaz/2019-05-06-zu-zweit.md",
        "---\ntitle: Zu zweit\nauthors: [mentor, mentee]\n---\nText.\n\n## Was ich gelernt habe\n\nEtwas.\n",
    );
    let run = p.check(&[]);
    run.assert_ok();
    assert_reported(
        &run.stderr,
        "Warnung",
        "Bei der Erkenntnis „Was ich gelernt habe“ ist nicht zu erkennen, wer etwas gelernt hat.",
        "cohorts/2019/keller-yilmaz/2019-05-06-zu-zweit.md:7:1",
    );
    assert!(run
        .stderr
        .contains("„## Was Sabine gelernt hat“ oder „## Was Deniz gelernt hat“"));
    p.edit("program.yaml", "language: de", "language: en");
    let run = p.check(&[]);
    assert_reported(
        &run.stderr,
        "warning",
        "The insight \"Was ich gelernt habe\" does not say who learned.",
        "cohorts/2019/keller-yilmaz/2019-05-06-zu-zweit.md:7:1",
    );
}

#[test]
fn the_sample_collects_what_mentees_and_mentors_learned() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let text = visible_text(&site.page("insights/"));
    assert!(text.contains("20 Erkenntnisse"), "{text}");
    assert!(
        text.contains("Was Mentees von ihren Mentor·innen lernten (5)"),
        "{text}"
    );
    assert!(
        text.contains("Was Mentor·innen von ihren Mentees lernten (15)"),
        "{text}"
    );
    // "Was Thomas gelernt hat", written by his mentor Jana: Thomas learned.
    let tandem = section_text(&site.page("cohorts/2019/hoffmann-schulz/"), "Erkenntnisse");
    assert!(
        tandem.contains("Thomas Hoffmann lernte von Jana Schulz Er hat gefragt"),
        "{tandem}"
    );
}

// ---------------------------------------------------------------------------------
// Scales, numbers, dates and order

/// Per chart of `class` on a page: the (value, length) of each drawn bar, where the
/// length is the rect's `attr` (height for columns, width for bars).
fn bar_lengths(html: &str, class: &str, attr: &str) -> Vec<Vec<(f64, f64)>> {
    html.split(&format!("class=\"chart {class}\""))
        .skip(1)
        .map(|svg| {
            let svg = &svg[..svg.find("</svg>").unwrap()];
            let lengths: Vec<f64> = svg
                .split("<rect class=\"ch-bar\" ")
                .skip(1)
                .map(|r| {
                    let at = r.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
                    r[at..].split('"').next().unwrap().parse().unwrap()
                })
                .collect();
            let values: Vec<f64> = svg
                .split("class=\"ch-value\"")
                .skip(1)
                .map(|t| {
                    let text = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                    text.split_whitespace().next().unwrap().parse().unwrap()
                })
                .filter(|v: &f64| *v > 0.0)
                .collect();
            assert_eq!(values.len(), lengths.len(), "a bar per value above zero");
            values.into_iter().zip(lengths).collect()
        })
        .collect()
}

/// Asserts that every bar's length is its value times one factor, across all charts.
fn one_scale(charts: &[Vec<(f64, f64)>], what: &str) {
    let all: Vec<(f64, f64)> = charts.iter().flatten().copied().collect();
    assert!(charts.len() >= 2 && all.len() >= 4, "{what}: {charts:?}");
    let factor = all[0].1 / all[0].0;
    for (v, len) in &all {
        assert!(
            (len / v - factor).abs() < 0.05 * factor,
            "{what}: {v} is drawn {len} long, not {} ({charts:?})",
            v * factor
        );
    }
}

#[test]
fn charts_that_are_compared_share_one_scale() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    one_scale(
        &bar_lengths(&site.page(""), "chart-columns", "height"),
        "the cohort cards of the home page",
    );
    one_scale(
        &bar_lengths(&site.page("cohorts/"), "chart-columns", "height"),
        "the cohort cards of the cohorts page",
    );
    one_scale(
        &bar_lengths(&site.page("timeline/"), "chart-columns", "height"),
        "the cohorts on the timeline",
    );
    one_scale(
        &bar_lengths(&site.page("topics/"), "chart-bars", "width"),
        "the topic cards",
    );
    // The timeline tells the cohorts apart: a chart for each, named.
    let timeline = section_text(&site.page("timeline/"), "Einträge je Monat");
    assert!(timeline.contains("Jahrgang 2019") && timeline.contains("Jahrgang 2020"));
}

#[test]
fn one_of_anything_is_singular_in_both_languages() {
    let p = Project::mini();
    p.write("cohorts/2020/cohort.yaml", "title: Jahrgang 2020\n");
    p.write(
        "cohorts/2020/solo/tandem.yaml",
        "mentor: { name: Alex Neu, role: Azubi }\nmentee: { name: Bea Alt, role: Vorständin }\n",
    );
    p.write(
        "cohorts/2020/solo/2020-03-01-eins.md",
        "---\ntitle: Eins\nduration: 60\nformat: Video\ntopics: [arbeitsorganisation]\n---\nText.\n",
    );
    let site = p.build_ok(&[]);
    let cohorts = visible_text(&site.page("cohorts/"));
    assert!(
        cohorts.contains("1 Tandem · 1 Eintrag · 1 Std."),
        "{cohorts}"
    );
    assert!(!cohorts.contains("1 Tandems") && !cohorts.contains("1 Einträge"));
    let c2020 = site.page("cohorts/2020/");
    assert!(
        c2020.contains("Video · Mär 2020: 1 Treffen<"),
        "the formats' tooltip"
    );
    assert!(
        c2020.contains("Bea Alt &amp; Alex Neu · Arbeitsorganisation: 1 Eintrag<"),
        "the coverage's tooltip"
    );

    p.edit("program.yaml", "language: de", "language: en");
    let site = p.build_ok(&[]);
    let cohorts = visible_text(&site.page("cohorts/"));
    assert!(cohorts.contains("1 tandem · 1 entry · 1 h"), "{cohorts}");
    let topics = visible_text(&site.page("topics/"));
    assert!(topics.contains("1 entry"), "{topics}");
    assert!(!topics.contains("1 entries"), "{topics}");
}

#[test]
fn a_page_writes_its_dates_and_times_one_way() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    for page in [
        "cohorts/2019/",
        "cohorts/",
        "cohorts/2019/berger-vogt/",
        "cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/",
        "timeline/",
    ] {
        let text = visible_text(&site.page(page));
        let numeric = text.split_whitespace().find(|w| {
            w.len() >= 10
                && w.as_bytes()[2] == b'.'
                && w.as_bytes()[5] == b'.'
                && w[..2].chars().all(|c| c.is_ascii_digit())
        });
        assert_eq!(numeric, None, "{page} writes a date as digits");
        let words: Vec<&str> = text.split_whitespace().collect();
        let english_time = words
            .windows(2)
            .any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && (w[1] == "h" || w[1] == "min"));
        assert!(!english_time, "{page}: hours one way");
    }
    let text = visible_text(&site.page("cohorts/2019/berger-vogt/"));
    assert!(text.contains("Zeit in Treffen 9 Std. 15 Min."), "{text}");
    assert!(text.contains("1 Std. 30 Min."), "{text}");
}

#[test]
fn milestones_take_their_place_among_the_entries_by_date() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    for page in ["timeline/", "cohorts/2020/timeline/"] {
        let html = site.page(page);
        let october = &html[html.find("id=\"m-2020-10\"").unwrap()..];
        let entry = october.find("Was von diesem Jahr bleibt").unwrap();
        let closing = october.find("Abschlussveranstaltung").unwrap();
        assert!(entry < closing, "{page}: 1 October before 22 October");
        let june = &html[html.find("id=\"m-2020-06\"").unwrap()..];
        let entry = june.find("Feedback von unten").unwrap();
        let review = june.find("Zwischenbilanz (digital)").unwrap();
        assert!(entry < review, "{page}: 4 June before 16 June");
    }
}

#[test]
fn a_long_documentation_page_lists_its_sections() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let html = site.page("docs/tagebuch-schreiben/");
    let outline = section_text(&html, "Auf dieser Seite");
    assert!(outline.contains("Die Vorschau öffnen"), "{outline}");
    assert!(outline.contains("Meldungen verstehen"), "{outline}");
    assert_eq!(
        broken_links(&site, "/reverse-mentoring/"),
        Vec::<String>::new()
    );
}

// ---------------------------------------------------------------------------------
// The programme report

#[test]
fn the_programme_report_sets_the_cohorts_side_by_side_on_shared_scales() {
    let p = Project::sample();
    let site = p.build_ok(&[]);
    let report = site.page("report/");
    let charts = bar_lengths(&report, "chart-bars", "width");
    assert_eq!(
        charts.len(),
        6,
        "tandems, in rhythm, entries, meetings, agreements"
    );
    one_scale(&charts[0..2], "the tandems and those in rhythm");
    one_scale(&charts[2..6], "entries, meetings and agreements");
    // Each cohort's row holds the figures its own page shows.
    let table = section_text(&report, "Jahrgänge im Vergleich");
    for (slug, in_rhythm, insights) in [("2019", 2, 10), ("2020", 2, 10)] {
        let cohort = site.page(&format!("cohorts/{slug}/"));
        let value = |label: &str| value_of(&cohort, label).unwrap_or_else(|| panic!("{label}"));
        let kept = value("Vereinbarungen erledigt");
        let (done, made) = kept.split_once(" von ").unwrap();
        let open = made.parse::<usize>().unwrap() - done.parse::<usize>().unwrap();
        let row = format!(
            "Jahrgang {slug} {} {} {} {} {} {done} {open} {in_rhythm} {insights}",
            cohort_period(&cohort),
            value("Tandems"),
            value("Einträge"),
            value("Einträge"),
            value("Zeit in Treffen"),
        );
        assert!(table.contains(&row), "`{row}` in:\n{table}");
    }
    // The 2020 cohort moved to video: the formats per cohort show it.
    let formats = section_text(&report, "Formate der Treffen");
    assert!(formats.contains("Video 0 8 8"), "{formats}");
    // Every milestone, with its cohort; the home page leads here.
    let milestones = section_text(&report, "Meilensteine");
    assert!(
        milestones.contains("16. Juni 2020 Zwischenbilanz (digital) Jahrgang 2020"),
        "{milestones}"
    );
    assert!(!hrefs_with_text(&site.page(""), "Bilanz des Programms").is_empty());
}

/// The period a cohort page states under its title.
fn cohort_period(html: &str) -> String {
    let start = html.find("<p class=\"lead\">").expect("a period") + 16;
    text_of(&html[start..start + html[start..].find("</p>").unwrap()])
}
