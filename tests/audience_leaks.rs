//! Proof that nothing leaks between audiences (proptest): random programmes with random
//! cohorts, organisations and tandems that link to each other's entries and
//! attachments, and random audiences over them. For every audience, no word of a
//! tandem it does not see (its people, its organisation unless a tandem it sees has the
//! same, its title, its folder, its entries' titles, texts, headings, tasks and file
//! names, its attachments' names and bytes) is in any byte of that audience's site:
//! pages, feeds, sitemap, the decompressed search index, copied attachments and the
//! files' names. An anonymous audience's site holds no person's name, no organisation
//! and no word of any diary.
//!
//! Each of those carries a token of its own (`tk3e1q1234`); a seen tandem's tokens must
//! show up in a named audience's site, so that the search for the others can fail.

use proptest::prelude::*;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use tandem::build::{self, Options, Sites};

#[derive(Debug, Clone)]
struct TandemSpec {
    cohort: usize,
    /// Index into the organisations, or none.
    org: Option<usize>,
    entries: usize,
    /// Each entry links to the entry (tandem, entry) and to that tandem's attachment.
    links: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct AudienceSpec {
    cohorts: Option<BTreeSet<usize>>,
    orgs: Option<BTreeSet<usize>>,
    anonymous: bool,
}

#[derive(Debug, Clone)]
struct Spec {
    salt: u32,
    cohorts: usize,
    tandems: Vec<TandemSpec>,
    audiences: Vec<AudienceSpec>,
}

const ORGS: usize = 3;

fn tandem_spec(cohorts: usize) -> impl Strategy<Value = TandemSpec> {
    (
        0..cohorts,
        prop::option::weighted(0.8, 0..ORGS),
        1usize..4,
        prop::collection::vec((0usize..8, 0usize..4), 0..3),
    )
        .prop_map(|(cohort, org, entries, links)| TandemSpec {
            cohort,
            org,
            entries,
            links,
        })
}

fn audience_spec(cohorts: usize) -> impl Strategy<Value = AudienceSpec> {
    (
        prop::option::of(prop::collection::btree_set(0..cohorts, 1..=cohorts)),
        prop::option::of(prop::collection::btree_set(0..ORGS, 1..=ORGS)),
        prop::bool::weighted(0.3),
    )
        .prop_map(|(cohorts, orgs, anonymous)| AudienceSpec {
            cohorts,
            orgs,
            anonymous,
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..4).prop_flat_map(|cohorts| {
        (
            any::<u32>(),
            prop::collection::vec(tandem_spec(cohorts), 1..8),
            prop::collection::vec(audience_spec(cohorts), 1..5),
        )
            .prop_map(move |(salt, tandems, audiences)| Spec {
                salt,
                cohorts,
                tandems,
                audiences,
            })
    })
}

/// A word that occurs nowhere but where it is put.
fn token(salt: u32, kind: &str, a: usize, b: usize) -> String {
    format!("tk{kind}{a}x{b}q{}", salt % 100_000)
}

/// The organisations named in the audiences must exist: only those of the tandems.
fn used_orgs(spec: &Spec) -> BTreeSet<usize> {
    spec.tandems.iter().filter_map(|t| t.org).collect()
}

fn org_name(salt: u32, o: usize) -> String {
    format!("Bank {} eG", token(salt, "o", o, 0))
}

fn tandem_dir(spec: &Spec, t: usize) -> String {
    format!(
        "cohorts/c{}/{}",
        spec.tandems[t].cohort,
        token(spec.salt, "d", t, 0)
    )
}

fn entry_name(spec: &Spec, t: usize, e: usize) -> String {
    format!(
        "2020-0{}-1{e}-{}.md",
        1 + t % 9,
        token(spec.salt, "f", t, e)
    )
}

fn attachment_name(spec: &Spec, t: usize) -> String {
    format!("anhang-{}.pdf", token(spec.salt, "a", t, 0))
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn write_programme(root: &Path, spec: &Spec) {
    let s = spec.salt;
    let orgs = used_orgs(spec);
    let mut yaml = String::from(
        "title: Zufallsprogramm\nlanguage: de\nbase_url: https://example.org/z/\n\
         topics:\n  - { id: fuehrung, title: Führung }\naudiences:\n",
    );
    for (i, a) in spec.audiences.iter().enumerate() {
        yaml.push_str(&format!("  - id: a{i}\n"));
        if let Some(c) = &a.cohorts {
            let list: Vec<String> = c.iter().map(|c| format!("c{c}")).collect();
            yaml.push_str(&format!("    cohorts: [{}]\n", list.join(", ")));
        }
        let named: Vec<String> = a
            .orgs
            .iter()
            .flatten()
            .filter(|o| orgs.contains(o))
            .map(|o| org_name(s, *o))
            .collect();
        if !named.is_empty() {
            yaml.push_str(&format!("    organizations: [{}]\n", named.join(", ")));
        }
        if a.anonymous {
            yaml.push_str("    anonymous: true\n");
        }
    }
    write(root, "program.yaml", &yaml);
    write(root, "docs/index.md", "# Über das Programm\n\nFür alle.\n");
    for c in 0..spec.cohorts {
        write(
            root,
            &format!("cohorts/c{c}/cohort.yaml"),
            &format!(
                "title: Jahrgang {c}\nmilestones:\n  - {{ date: 2020-05-01, title: Treffen {} }}\n",
                token(s, "s", c, 0)
            ),
        );
    }
    for (t, ts) in spec.tandems.iter().enumerate() {
        let dir = tandem_dir(spec, t);
        let mut y = format!(
            "title: Tandem {}\nmentor: {{ name: Mentorin {}, role: Werkstudentin }}\nmentee: {{ name: Herr {}, role: Vorstand }}\nfocus: [fuehrung]\ngoals: Ziel {}\n",
            token(s, "t", t, 0),
            token(s, "m", t, 0),
            token(s, "e", t, 0),
            token(s, "g", t, 0),
        );
        if let Some(o) = ts.org {
            y.push_str(&format!("organization: {}\n", org_name(s, o)));
        }
        write(root, &format!("{dir}/tandem.yaml"), &y);
        write(
            root,
            &format!("{dir}/{}", attachment_name(spec, t)),
            &format!("%PDF-1.4 {}", token(s, "p", t, 0)),
        );
        for e in 0..ts.entries {
            let tok = token(s, "w", t, e);
            let mut text = format!(
                "---\ntitle: Eintrag {}\ntopics: [fuehrung]\nduration: 60\n---\n\nHeute ging es um {tok}.\n\n## Mehr zu {tok}\n\n- [ ] Aufgabe {tok}\n\nDie [Unterlage]({}).\n",
                token(s, "i", t, e),
                attachment_name(spec, t),
            );
            for &(lt, le) in &ts.links {
                let lt = lt % spec.tandems.len();
                let le = le % spec.tandems[lt].entries;
                let rel = format!("../../../{}", tandem_dir(spec, lt));
                text.push_str(&format!(
                    "\nVgl. [den anderen Eintrag]({rel}/{}) und [seine Unterlage]({rel}/{}).\n",
                    entry_name(spec, lt, le),
                    attachment_name(spec, lt)
                ));
            }
            write(root, &format!("{dir}/{}", entry_name(spec, t, e)), &text);
        }
    }
}

/// Whether audience `a` sees tandem `t`.
fn sees(spec: &Spec, a: &AudienceSpec, t: &TandemSpec) -> bool {
    let orgs = used_orgs(spec);
    let named: Option<BTreeSet<usize>> = a
        .orgs
        .as_ref()
        .map(|o| o.intersection(&orgs).copied().collect())
        .filter(|o: &BTreeSet<usize>| !o.is_empty());
    a.cohorts.as_ref().is_none_or(|c| c.contains(&t.cohort))
        && named.is_none_or(|o| t.org.is_some_and(|x| o.contains(&x)))
}

/// Whether audience `a` sees cohort `c` (and its milestones): it lists the cohort (or
/// lists none), and sees one of its tandems or sees every bank's; an anonymous
/// audience sees only cohorts with a tandem it counts.
fn sees_cohort(spec: &Spec, a: &AudienceSpec, c: usize) -> bool {
    let orgs = used_orgs(spec);
    let named = a
        .orgs
        .as_ref()
        .is_some_and(|o| o.iter().any(|x| orgs.contains(x)));
    let has_tandem = spec
        .tandems
        .iter()
        .any(|t| t.cohort == c && sees(spec, a, t));
    a.cohorts.as_ref().is_none_or(|l| l.contains(&c)) && (has_tandem || (!named && !a.anonymous))
}

/// Every token of tandem `t`: people, title, goals, folder, entries, attachment.
fn tandem_tokens(spec: &Spec, t: usize) -> Vec<String> {
    let s = spec.salt;
    let mut v: Vec<String> = ["t", "m", "e", "g", "d", "a", "p"]
        .iter()
        .map(|k| token(s, k, t, 0))
        .collect();
    for e in 0..spec.tandems[t].entries {
        v.extend(["w", "i", "f"].iter().map(|k| token(s, k, t, e)));
    }
    v
}

/// Every file of each audience's site, by audience: path and bytes as a reader gets
/// them (gzip decompressed), lowercased.
fn sites(content: &Path, audiences: usize) -> Vec<Vec<(String, String)>> {
    let options = Options {
        content: content.to_path_buf(),
        sites: Sites::PerAudience,
        ..Options::default()
    };
    let outcome = build::run(&options, &mut build::Cache::for_one_build(), None);
    let Some(built) = outcome.built else {
        panic!(
            "the random programme did not build:\n{}",
            outcome
                .diags
                .render_human(false, tandem::language::Language::De)
        );
    };
    let mut files: Vec<(String, Vec<u8>)> = built
        .pages
        .iter()
        .map(|p| (p.path.clone(), p.bytes.to_vec()))
        .collect();
    files.extend(
        built
            .copied
            .iter()
            .map(|c| (c.out.clone(), std::fs::read(&c.src).unwrap())),
    );
    (0..audiences)
        .map(|i| {
            let prefix = format!("a{i}/");
            files
                .iter()
                .filter_map(|(p, b)| p.strip_prefix(&prefix).map(|rest| (rest, b)))
                .map(|(p, b)| {
                    (
                        p.to_lowercase(),
                        String::from_utf8_lossy(&readable(b)).to_lowercase(),
                    )
                })
                .collect()
        })
        .collect()
}

fn readable(bytes: &[u8]) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("valid gzip");
        out
    } else {
        bytes.to_vec()
    }
}

fn holding(files: &[(String, String)], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(p, text)| p.contains(needle) || text.contains(needle))
        .map(|(p, _)| p.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn no_word_of_a_tandem_reaches_an_audience_that_does_not_see_it(spec in spec()) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        write_programme(&content, &spec);
        let sites = sites(&content, spec.audiences.len());
        for (i, (a, files)) in spec.audiences.iter().zip(&sites).enumerate() {
            prop_assert!(files.iter().any(|(p, _)| p == "index.html"), "a{i} has no home page");
            let seen: Vec<bool> = spec.tandems.iter().map(|t| sees(&spec, a, t)).collect();
            // An anonymous site has no table of tandems, calendar or report; a named
            // audience's cohort table lists each tandem it sees, and its calendars
            // the milestones of each cohort it sees, and of no other.
            let exports: Vec<&String> = files.iter().map(|(p, _)| p).filter(|p| p.ends_with(".csv") || p.ends_with(".ics") || p.starts_with("report/")).collect();
            prop_assert!(!a.anonymous || exports.is_empty(), "a{i} is anonymous but has {exports:?}");
            for c in 0..spec.cohorts {
                let tok = token(spec.salt, "s", c, 0);
                let found = holding(files, &tok);
                let shown = !a.anonymous && sees_cohort(&spec, a, c);
                prop_assert_eq!(!found.is_empty(), shown, "a{} and the milestone of cohort {}: {:?}", i, c, found);
                if shown {
                    prop_assert!(found.iter().any(|f| f == "milestones.ics") && found.contains(&format!("cohorts/c{c}/milestones-c{c}.ics")), "{found:?}");
                }
            }
            for (t, ts) in spec.tandems.iter().enumerate() {
                if seen[t] && !a.anonymous {
                    let csv = format!("cohorts/c{0}/tandems-c{0}.csv", ts.cohort);
                    let mentor = token(spec.salt, "m", t, 0);
                    prop_assert!(holding(files, &mentor).contains(&csv), "a{i}: {csv} lacks tandem {t}");
                }
            }
            for (t, ts) in spec.tandems.iter().enumerate() {
                for tok in tandem_tokens(&spec, t) {
                    let found = holding(files, &tok);
                    if a.anonymous || !seen[t] {
                        prop_assert!(found.is_empty(), "a{i} ({a:?}) must not hold `{tok}` of tandem {t} ({ts:?}), but {found:?} do");
                    } else if tok.starts_with("tkw") || tok.starts_with("tkm") {
                        prop_assert!(!found.is_empty(), "a{i} sees tandem {t}, but `{tok}` is nowhere");
                    }
                }
                // An organisation is withheld unless a tandem the audience sees has it.
                if let Some(o) = ts.org {
                    let shown = !a.anonymous
                        && spec.tandems.iter().zip(&seen).any(|(x, s)| *s && x.org == Some(o));
                    let found = holding(files, &token(spec.salt, "o", o, 0));
                    prop_assert_eq!(!found.is_empty(), shown, "a{} and organisation {}: {:?}", i, o, found);
                }
            }
        }
    }
}
