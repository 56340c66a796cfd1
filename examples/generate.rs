//! Writes a deterministic, realistic reverse-mentoring programme for benchmarks.
//!
//! ```sh
//! cargo run --release --example generate -- --entries 10000 --out /tmp/bench-10k
//! ```
//!
//! writes two equivalent sites from the same generated programme:
//!
//! - `OUT/tandem/`: a tandem content folder (`program.yaml`, cohorts, tandems, diary
//!   entries of about 400 German words each), built with `tandem build --content OUT/tandem`;
//! - `OUT/hugo/`: the same entries as a Hugo site with a `topics` taxonomy and minimal
//!   layouts (entry page with topics and previous/next in its section, list pages per
//!   cohort and tandem, taxonomy and term pages, no theme), built with
//!   `hugo --source OUT/hugo`.
//!
//! The entry files are byte-identical in both trees. The same `--entries` and `--seed`
//! always give the same files. `OUT/GENERATED.txt` records what was written and how many
//! HTML pages each tool is expected to write; `bench/compare.sh` checks the real counts.
//!
//! Shape of the programme by default: cohorts of 10–40 tandems (five regions start a
//! cohort each year), tandems of 18–32 entries (about 25), entries of about 400 words dated
//! on distinct days inside their cohort's period, 1–3 topics each (mostly from the
//! tandem's focus), headings, lists, task lists, a table in about one entry of six, and a
//! relative link to the previous entry of the same tandem. The options `--words`,
//! `--tandem-entries`, `--cohort-tandems`, `--tables`, `--links` and `--pictures` change
//! the shape (`--help` says how); `bench/compare.sh --shape NAME` names the shapes the
//! benchmarks report.

use chrono::{Days, NaiveDate};
use clap::Parser;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generate a benchmark programme for tandem and an equivalent Hugo site.
#[derive(Parser)]
struct Args {
    /// Number of diary entries in the programme.
    #[arg(long, default_value_t = 10_000)]
    entries: usize,
    /// Output folder; `tandem/` and `hugo/` are written inside it.
    #[arg(long)]
    out: PathBuf,
    /// Seed of the pseudo-random generator (same seed, same files).
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    #[command(flatten)]
    shape: Shape,
}

/// The shape of the programme. The defaults are the shape of the benchmarks before these
/// options existed (the same seed still gives the same files).
#[derive(clap::Args, Clone)]
struct Shape {
    /// Words per entry, about (200 to 2000); long entries get more sections.
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u16).range(100..=5000))]
    words: u16,
    /// Entries per tandem, a number or a range such as 18-32.
    #[arg(long, default_value = "18-32", value_parser = parse_range)]
    tandem_entries: (usize, usize),
    /// Tandems per cohort, a number or a range such as 10-40.
    #[arg(long, default_value = "10-40", value_parser = parse_range)]
    cohort_tandems: (usize, usize),
    /// Percent of entries with a table.
    #[arg(long, default_value_t = 17, value_parser = clap::value_parser!(u8).range(0..=100))]
    tables: u8,
    /// Percent of entries (after a tandem's first) that link to the tandem's previous entry.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u8).range(0..=100))]
    links: u8,
    /// Percent of entries with a picture (a 60 KB file beside the entry).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=100))]
    pictures: u8,
}

impl Shape {
    /// The options that differ from the default, as they are written on the command line.
    fn flags(&self) -> String {
        let range = |(lo, hi): (usize, usize)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }
        };
        let mut out = String::new();
        let mut flag = |name: &str, value: String, default: &str| {
            if value != default {
                let _ = write!(out, " --{name} {value}");
            }
        };
        flag("words", self.words.to_string(), "400");
        flag("tandem-entries", range(self.tandem_entries), "18-32");
        flag("cohort-tandems", range(self.cohort_tandems), "10-40");
        flag("tables", self.tables.to_string(), "17");
        flag("links", self.links.to_string(), "100");
        flag("pictures", self.pictures.to_string(), "0");
        out
    }
}

fn parse_range(s: &str) -> Result<(usize, usize), String> {
    let (lo, hi) = s.split_once('-').unwrap_or((s, s));
    let lo: usize = lo
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number or a range like 18-32"))?;
    let hi: usize = hi
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number or a range like 18-32"))?;
    if lo == 0 || hi < lo {
        return Err(format!(
            "`{s}`: the range must start at 1 or more and not end below its start"
        ));
    }
    Ok((lo, hi))
}

/// The file that marks a folder as written by this generator (so it may be replaced).
const MARKER: &str = "GENERATED.txt";

fn main() -> ExitCode {
    let args = Args::parse();
    if args.entries == 0 {
        eprintln!("error: --entries must be at least 1");
        return ExitCode::from(2);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    prepare_out(&args.out)?;
    let tandem_root = args.out.join("tandem");
    let hugo_root = args.out.join("hugo");
    let mut rng = Rng::new(args.seed);
    let mut writer = Writer::default();

    let cohorts = plan(&mut rng, args.entries, &args.shape);
    let first_start = cohorts.first().map(|c| c.start).unwrap_or_default();
    let last_end = cohorts.iter().map(|c| c.end).max().unwrap_or_default();

    write_static_files(&mut writer, &tandem_root, &hugo_root, first_start, last_end)?;

    let mut tandems = 0;
    let mut entries = 0;
    for cohort in &cohorts {
        write_cohort(&mut writer, &tandem_root, &hugo_root, cohort)?;
        for tandem in &cohort.tandems {
            let written = write_tandem(
                &mut writer,
                &mut rng,
                &tandem_root,
                &hugo_root,
                cohort,
                tandem,
                &args.shape,
            )?;
            tandems += 1;
            entries += written;
        }
    }
    debug_assert_eq!(entries, args.entries);

    // Pages each tool writes for this programme (HTML files).
    // tandem: home, 404, /cohorts/, per cohort its page and timeline, per tandem, per entry,
    //         /topics/ and one page per topic, /timeline/ (plus /search/ once it exists).
    // Hugo:   home, 404, /cohorts/, per cohort, per tandem, per entry, /topics/ and terms.
    let c = cohorts.len();
    let topics = TOPICS.len();
    let tandem_pages = 1 + 1 + 1 + 2 * c + tandems + entries + 1 + topics + 1;
    let hugo_pages = 1 + 1 + 1 + c + tandems + entries + 1 + topics;
    let summary = format!(
        "Generated by `cargo run --release --example generate -- --entries {} --seed {}{}`\n\
         cohorts: {c}\ntandems: {tandems}\nentries: {entries}\nfiles: {}\nbytes: {}\n\
         expected tandem HTML pages: {tandem_pages} (without /search/)\n\
         expected hugo HTML pages: {hugo_pages}\n",
        args.entries,
        args.seed,
        args.shape.flags(),
        writer.files,
        writer.bytes
    );
    fs::write(args.out.join(MARKER), &summary)
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    // Ignore a closed pipe (`generate … | head`): the files are written.
    let _ = write!(
        std::io::stdout(),
        "{summary}tandem: tandem build --content {}\nhugo:   hugo --source {}\n",
        tandem_root.display(),
        hugo_root.display()
    );
    Ok(())
}

/// Creates the output folder, or empties one this generator wrote before. Refuses to
/// touch a non-empty folder without the marker.
fn prepare_out(out: &Path) -> Result<(), String> {
    if out.exists() {
        let non_empty = fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .next()
            .is_some();
        if non_empty && !out.join(MARKER).exists() {
            return Err(format!(
                "{} is not empty and was not written by this generator; choose an empty or new folder",
                out.display()
            ));
        }
        for sub in ["tandem", "hugo"] {
            let path = out.join(sub);
            if path.exists() {
                fs::remove_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))
}

/// Writes files and counts them.
#[derive(Default)]
struct Writer {
    files: usize,
    bytes: usize,
}

impl Writer {
    fn write(&mut self, path: &Path, text: &str) -> Result<(), String> {
        self.write_bytes(path, text.as_bytes())
    }

    fn write_bytes(&mut self, path: &Path, text: &[u8]) -> Result<(), String> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// A small deterministic PRNG (SplitMix64): the same seed gives the same programme on every
// platform and Rust version.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with the given probability in percent.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` distinct indices of `0..n` in random order (`k <= n`).
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

// ---------------------------------------------------------------------------------------
// The plan: cohorts and tandems with their people; entries are generated while writing.

struct Person {
    first: &'static str,
    name: String,
    role: &'static str,
}

struct Tandem {
    slug: String,
    mentor: Person,
    mentee: Person,
    organization: String,
    focus: Vec<usize>,
    entries: usize,
}

struct Cohort {
    slug: String,
    title: String,
    start: NaiveDate,
    end: NaiveDate,
    tandems: Vec<Tandem>,
}

const REGIONS: [(&str, &str); 5] = [
    ("nord", "Nord"),
    ("sued", "Süd"),
    ("west", "West"),
    ("ost", "Ost"),
    ("mitte", "Mitte"),
];

fn plan(rng: &mut Rng, total: usize, shape: &Shape) -> Vec<Cohort> {
    let mut cohorts = Vec::new();
    let mut remaining = total;
    while remaining > 0 {
        let index = cohorts.len();
        let year = 2016 + (index / REGIONS.len()) as i32;
        let (region_slug, region) = REGIONS[index % REGIONS.len()];
        let month = 2 + (index % REGIONS.len()) as u32;
        let day = 1 + rng.below(20) as u32;
        let start = NaiveDate::from_ymd_opt(year, month, day).expect("valid cohort start");
        let end = start + Days::new(rng.range(200, 240) as u64);
        let wanted = rng.range(shape.cohort_tandems.0, shape.cohort_tandems.1);
        let mut tandems: Vec<Tandem> = Vec::with_capacity(wanted);
        while tandems.len() < wanted && remaining > 0 {
            let n = rng
                .range(shape.tandem_entries.0, shape.tandem_entries.1)
                .min(remaining);
            remaining -= n;
            let mut tandem = new_tandem(rng, n);
            let base = tandem.slug.clone();
            let mut k = 2;
            while tandems.iter().any(|t| t.slug == tandem.slug) {
                tandem.slug = format!("{base}-{k}");
                k += 1;
            }
            tandems.push(tandem);
        }
        cohorts.push(Cohort {
            slug: format!("{year}-{region_slug}"),
            title: format!("Jahrgang {year} {region}"),
            start,
            end,
            tandems,
        });
    }
    cohorts
}

fn new_tandem(rng: &mut Rng, entries: usize) -> Tandem {
    let mentor = person(rng, MENTOR_FIRST, MENTOR_ROLES, false);
    let mentee = person(rng, MENTEE_FIRST, MENTEE_ROLES, true);
    let mentor_last = mentor
        .name
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let mentee_last = mentee
        .name
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let slug = slugify(&format!("{mentee_last} {mentor_last}"));
    let organization = format!("{} {} eG", rng.pick(BANKS), rng.pick(PLACES));
    let first = rng.below(TOPICS.len());
    let mut focus = vec![first];
    let extra = rng.pick(&[0, 1, 1, 1, 2]);
    while focus.len() < 1 + extra {
        let t = rng.below(TOPICS.len());
        if !focus.contains(&t) {
            focus.push(t);
        }
    }
    Tandem {
        slug,
        mentor,
        mentee,
        organization,
        focus,
        entries,
    }
}

fn person(
    rng: &mut Rng,
    firsts: &[(&'static str, bool)],
    roles: &[(&'static str, &'static str)],
    doctor: bool,
) -> Person {
    let (first, female) = rng.pick(firsts);
    let last = rng.pick(LAST_NAMES);
    let (male_role, female_role) = rng.pick(roles);
    let title = if doctor && rng.chance(20) { "Dr. " } else { "" };
    Person {
        first,
        name: format!("{title}{first} {last}"),
        role: if female { female_role } else { male_role },
    }
}

// ---------------------------------------------------------------------------------------
// Writing.

fn write_static_files(
    w: &mut Writer,
    tandem: &Path,
    hugo: &Path,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(), String> {
    let mut program = String::from(
        "title: Reverse Mentoring\n\
         subtitle: Von den Digital Natives lernen\n\
         code: SRB119-100\n\
         provider: Akademie für Genossenschaften\n\
         language: de\n\
         base_url: https://intranet.example.org/reverse-mentoring/\n\
         audience: [Führungskräfte, Vorstände]\n\
         sector: Finanzgruppe\n\
         format: Qualifizierungsprogramm\n",
    );
    let _ = writeln!(program, "period: {{ start: {start}, end: {end} }}");
    program.push_str(
        "contact: { name: Maria Beispiel, role: Produktmanagerin, email: m.beispiel@example.org }\n\
         topics:\n",
    );
    for (id, title, description) in TOPICS {
        let _ = writeln!(
            program,
            "  - id: {id}\n    title: {}\n    description: {}",
            yaml_str(title),
            yaml_str(description)
        );
    }
    w.write(&tandem.join("program.yaml"), &program)?;
    w.write(&tandem.join("index.md"), HOME_INTRO)?;

    w.write(&hugo.join("config.toml"), HUGO_CONFIG)?;
    for (name, text) in HUGO_LAYOUTS {
        w.write(&hugo.join("layouts").join(name), text)?;
    }
    w.write(
        &hugo.join("content/_index.md"),
        &format!("---\ntitle: Reverse Mentoring\n---\n{HOME_INTRO}"),
    )?;
    w.write(
        &hugo.join("content/cohorts/_index.md"),
        "---\ntitle: Jahrgänge\n---\n",
    )?;
    w.write(
        &hugo.join("content/topics/_index.md"),
        "---\ntitle: Themen\n---\n",
    )?;
    for (id, title, description) in TOPICS {
        w.write(
            &hugo.join("content/topics").join(id).join("_index.md"),
            &format!("---\ntitle: {}\n---\n{description}\n", yaml_str(title)),
        )?;
    }
    Ok(())
}

fn write_cohort(w: &mut Writer, tandem: &Path, hugo: &Path, cohort: &Cohort) -> Result<(), String> {
    let middle = cohort.start + Days::new((cohort.end - cohort.start).num_days() as u64 / 2);
    let meta = format!(
        "title: {}\nperiod: {{ start: {}, end: {} }}\nmilestones:\n  \
         - {{ date: {}, title: Auftaktveranstaltung }}\n  \
         - {{ date: {middle}, title: Zwischenbilanz }}\n  \
         - {{ date: {}, title: Abschlussveranstaltung }}\n",
        yaml_str(&cohort.title),
        cohort.start,
        cohort.end,
        cohort.start,
        cohort.end
    );
    let intro = format!(
        "Der {} begann mit {} Tandems aus Genossenschaftsbanken der Region.\n",
        cohort.title,
        cohort.tandems.len()
    );
    let dir = tandem.join("cohorts").join(&cohort.slug);
    w.write(&dir.join("cohort.yaml"), &meta)?;
    w.write(&dir.join("index.md"), &intro)?;
    // Hugo: cohorts get their own feed, like tandem's /cohorts/<c>/atom.xml.
    w.write(
        &hugo
            .join("content/cohorts")
            .join(&cohort.slug)
            .join("_index.md"),
        &format!("---\n{meta}outputs: [HTML, RSS]\n---\n{intro}"),
    )
}

fn write_tandem(
    w: &mut Writer,
    rng: &mut Rng,
    tandem_root: &Path,
    hugo_root: &Path,
    cohort: &Cohort,
    tandem: &Tandem,
    shape: &Shape,
) -> Result<usize, String> {
    let rel = Path::new("cohorts").join(&cohort.slug).join(&tandem.slug);
    let tandem_dir = tandem_root.join(&rel);
    let hugo_dir = hugo_root.join("content").join(&rel);

    let mut goals = String::new();
    for &t in &tandem.focus {
        let goal = rng.pick(GOALS[t]).replace("{mentee}", tandem.mentee.first);
        let _ = writeln!(goals, "  {goal}");
    }
    let focus: Vec<&str> = tandem.focus.iter().map(|&t| TOPICS[t].0).collect();
    let meta = format!(
        "mentor:\n  name: {}\n  role: {}\nmentee:\n  name: {}\n  role: {}\norganization: {}\nfocus: [{}]\ngoals: |\n{goals}",
        yaml_str(&tandem.mentor.name),
        yaml_str(tandem.mentor.role),
        yaml_str(&tandem.mentee.name),
        yaml_str(tandem.mentee.role),
        yaml_str(&tandem.organization),
        focus.join(", ")
    );
    w.write(&tandem_dir.join("tandem.yaml"), &meta)?;
    let title = format!("{} & {}", tandem.mentee.name, tandem.mentor.name);
    w.write(
        &hugo_dir.join("_index.md"),
        &format!("---\ntitle: {}\n{meta}---\n", yaml_str(&title)),
    )?;

    let days = (cohort.end - cohort.start).num_days() as usize + 1;
    let mut offsets = rng.sample(days, tandem.entries.min(days));
    offsets.sort_unstable();
    let mut previous: Option<String> = None;
    for (i, offset) in offsets.iter().enumerate() {
        let date = cohort.start + Days::new(*offset as u64);
        let last = i + 1 == offsets.len() && offsets.len() > 1;
        let place = Place {
            date,
            first: i == 0,
            last,
            previous: previous.as_deref(),
        };
        let (file, text, picture) = entry(rng, tandem, &place, shape);
        w.write(&tandem_dir.join(&file), &text)?;
        w.write(&hugo_dir.join(&file), &text)?;
        if let Some((name, bytes)) = picture {
            // Hugo copies files of `static/` as they are: the same bytes to write.
            w.write_bytes(&tandem_dir.join(&name), &bytes)?;
            w.write_bytes(&hugo_root.join("static").join(&rel).join(&name), &bytes)?;
        }
        previous = Some(file);
    }
    Ok(offsets.len())
}

/// Where an entry stands in its tandem's diary.
struct Place<'a> {
    date: NaiveDate,
    first: bool,
    last: bool,
    /// The file name of the tandem's previous entry.
    previous: Option<&'a str>,
}

/// A picture's file name and bytes.
type Picture = (String, Vec<u8>);

/// One diary entry: its file name, its text (front matter and about `shape.words` words
/// of Markdown) and its picture, if it has one.
fn entry(
    rng: &mut Rng,
    tandem: &Tandem,
    place: &Place,
    shape: &Shape,
) -> (String, String, Option<Picture>) {
    let Place {
        date,
        first,
        last,
        previous,
    } = *place;
    // Topics: the first mostly from the tandem's focus, then up to two more.
    let mut topics = vec![if rng.chance(75) {
        rng.pick(&tandem.focus)
    } else {
        rng.below(TOPICS.len())
    }];
    let count = rng.pick(&[1, 1, 2, 2, 2, 3, 3]);
    while topics.len() < count {
        let t = if rng.chance(50) {
            rng.pick(&tandem.focus)
        } else {
            rng.below(TOPICS.len())
        };
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    let main = topics[0];
    let title = if first {
        rng.pick(FIRST_TITLES).to_string()
    } else if last {
        rng.pick(LAST_TITLES).to_string()
    } else {
        rng.pick(TITLES[main]).to_string()
    };
    let file = format!("{date}-{}.md", slugify(&title));

    let fill = |s: &str| {
        s.replace("{mentor}", tandem.mentor.first)
            .replace("{mentee}", tandem.mentee.first)
    };
    // Sentences for the paragraphs: the topics' own, then generic ones, shuffled; no
    // sentence twice in one entry.
    let mut pool: Vec<&str> = Vec::new();
    for &t in &topics {
        pool.extend_from_slice(SENTENCES[t]);
    }
    pool.extend_from_slice(GENERIC_SENTENCES);
    let order = rng.sample(pool.len(), pool.len());
    let mut sentences = order
        .into_iter()
        .map(|i| fill(pool[i]))
        .collect::<Vec<_>>()
        .into_iter();

    let mut front = String::from("---\n");
    let _ = writeln!(front, "title: {}", yaml_str(&title));
    let _ = writeln!(front, "date: {date}");
    let ids: Vec<&str> = topics.iter().map(|&t| TOPICS[t].0).collect();
    let _ = writeln!(front, "topics: [{}]", ids.join(", "));
    let _ = writeln!(front, "duration: {}", rng.pick(DURATIONS));
    let _ = writeln!(front, "format: {}", rng.pick(FORMATS));
    let authors = rng.pick(AUTHORS);
    let _ = writeln!(front, "authors: [{authors}]");
    front.push_str("---\n\n");

    // Intro with the link to the previous entry.
    let previous = previous.filter(|_| shape.links >= 100 || rng.chance(shape.links.into()));
    let mut intro = match previous {
        Some(prev) => fill(rng.pick(LINK_INTROS)).replace("{prev}", prev),
        None => fill(rng.pick(FIRST_INTROS)),
    };
    intro.push(' ');
    intro.push_str(&sentences.next().unwrap_or_default());

    // No "Rückblick" (the first heading) before there is anything to look back on.
    let heading_a = fill(rng.pick(if first { &HEADINGS_A[1..] } else { HEADINGS_A }));
    let mut heading_list = fill(rng.pick(HEADINGS_LIST));
    if authors.contains(',') && heading_list == "Was ich heute gelernt habe" {
        // Written by both: "ich" would not say who learned it.
        heading_list = "Was wir heute gelernt haben".to_string();
    }
    let heading_c = fill(rng.pick(HEADINGS_C));

    let mut list = String::new();
    let mut bullets: Vec<&str> = Vec::new();
    for &t in &topics {
        bullets.extend_from_slice(BULLETS[t]);
    }
    bullets.extend_from_slice(GENERIC_BULLETS);
    let n = rng.range(3, 5);
    for i in rng.sample(bullets.len(), n) {
        let _ = writeln!(list, "- {}", fill(bullets[i]));
    }

    let table = if rng.chance(shape.tables.into()) {
        table(rng, main)
    } else {
        String::new()
    };

    let mut tasks = String::new();
    let mut task_pool: Vec<&str> = Vec::new();
    for &t in &topics {
        task_pool.extend_from_slice(TASKS[t]);
    }
    task_pool.extend_from_slice(GENERIC_TASKS);
    let n = rng.range(2, 4);
    for i in rng.sample(task_pool.len(), n) {
        let done = if last || rng.chance(45) { "x" } else { " " };
        let _ = writeln!(tasks, "- [{done}] {}", fill(task_pool[i]));
    }
    let heading_tasks = if last {
        "Was wir erreicht haben"
    } else {
        "Vereinbarungen"
    };

    // Fill the two paragraphs until the entry has its target length.
    let w = usize::from(shape.words);
    let target_all = rng.range(w * 37 / 40, w * 43 / 40);
    // Long entries: the first part as long as a default entry, then more sections.
    let target = target_all.min(430);
    let fixed = words(&intro)
        + words(&heading_a)
        + words(&heading_list)
        + words(&list)
        + words(&heading_c)
        + words(&table)
        + words(heading_tasks)
        + words(&tasks);
    let mut paragraphs = [String::new(), String::new(), String::new()];
    let mut total = fixed;
    let mut k = 0;
    while total < target {
        let Some(sentence) = sentences.next() else {
            break;
        };
        total += words(&sentence);
        let p = &mut paragraphs[k % 3];
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&sentence);
        k += 1;
    }
    let [a, b, c] = paragraphs;
    let more = if target_all > target {
        let mut refill = || {
            if let Some(s) = sentences.next() {
                return s;
            }
            let order = rng.sample(pool.len(), pool.len());
            sentences = order
                .into_iter()
                .map(|i| fill(pool[i]))
                .collect::<Vec<_>>()
                .into_iter();
            sentences.next().unwrap_or_default()
        };
        more_sections(target_all - total.min(target_all), &mut refill, tandem)
    } else {
        String::new()
    };
    let picture = (shape.pictures > 0 && rng.chance(shape.pictures.into())).then(|| {
        let name = format!("foto-{date}.jpg");
        let bytes = picture_bytes(&format!("{}/{name}", tandem.slug));
        (name, bytes)
    });

    let mut body = front;
    let _ = write!(body, "{intro}\n\n## {heading_a}\n\n{a}\n\n");
    if !b.is_empty() {
        let _ = write!(body, "{b}\n\n");
    }
    let _ = write!(body, "## {heading_list}\n\n{list}\n");
    if let Some((name, _)) = &picture {
        let _ = write!(body, "![Das Whiteboard nach dem Treffen]({name})\n\n");
    }
    let _ = write!(body, "## {heading_c}\n\n{c}\n\n");
    if !table.is_empty() {
        let _ = writeln!(body, "{table}");
    }
    body.push_str(&more);
    let _ = write!(body, "## {heading_tasks}\n\n{tasks}");
    (file, body, picture)
}

/// Sections of about 400 words each until `words` more words are written: a heading
/// and three paragraphs, every other one with a list.
fn more_sections(words_left: usize, next: &mut dyn FnMut() -> String, tandem: &Tandem) -> String {
    let mut out = String::new();
    let mut left = words_left;
    let mut section = 0;
    while left > 20 {
        let heading = HEADINGS_MORE[section % HEADINGS_MORE.len()]
            .replace("{mentor}", tandem.mentor.first)
            .replace("{mentee}", tandem.mentee.first);
        let _ = write!(out, "## {heading}\n\n");
        let budget = left.min(400);
        let mut written = words(&heading);
        let mut paragraph = String::new();
        let mut in_paragraph = 0;
        while written < budget {
            let sentence = next();
            written += words(&sentence).max(1);
            in_paragraph += 1;
            if section % 2 == 1 && in_paragraph == 3 {
                let _ = writeln!(out, "- {sentence}");
                continue;
            }
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&sentence);
            if in_paragraph % 5 == 0 {
                let _ = write!(out, "{paragraph}\n\n");
                paragraph.clear();
            }
        }
        if !paragraph.is_empty() {
            let _ = write!(out, "{paragraph}\n\n");
        }
        left = left.saturating_sub(written);
        section += 1;
    }
    out
}

/// The bytes of a picture: a JPEG header and 60 KB that do not compress, the same
/// for the same name.
fn picture_bytes(name: &str) -> Vec<u8> {
    let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut rng = Rng::new(seed);
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    while bytes.len() < 60 * 1024 - 2 {
        bytes.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

fn table(rng: &mut Rng, topic: usize) -> String {
    let mut t = String::new();
    match topic % 3 {
        0 => {
            t.push_str("| Werkzeug | Wofür wir es nutzen | Unser Eindruck |\n|---|---|---|\n");
            for i in rng.sample(TOOLS.len(), 3) {
                let (tool, purpose) = TOOLS[i];
                let _ = writeln!(t, "| {tool} | {purpose} | {} |", rng.pick(VERDICTS));
            }
        }
        1 => {
            t.push_str("| Kanal | Beiträge | Reaktionen | Kommentare |\n|---|--:|--:|--:|\n");
            for channel in ["LinkedIn", "Instagram", "Website", "Newsletter"] {
                let posts = rng.range(1, 12);
                let _ = writeln!(
                    t,
                    "| {channel} | {posts} | {} | {} |",
                    posts * rng.range(5, 60),
                    rng.range(0, 40)
                );
            }
        }
        _ => {
            t.push_str("| Woche | Aufgabe | Wer |\n|---|---|---|\n");
            for (week, i) in rng.sample(GENERIC_TASKS.len(), 3).into_iter().enumerate() {
                let who = rng.pick(&["Mentor", "Mentee", "beide"]);
                let _ = writeln!(t, "| {} | {} | {who} |", week + 1, GENERIC_TASKS[i]);
            }
        }
    }
    t
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A double-quoted YAML string.
fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The same slugs tandem makes: lower case, German transliteration, other runs → `-`.
fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        let t: &str = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => {
                dash = true;
                continue;
            }
        };
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        out.push_str(t);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Hugo site: configuration and minimal layouts.

const HUGO_CONFIG: &str = r#"baseURL = "https://intranet.example.org/reverse-mentoring/"
languageCode = "de"
defaultContentLanguage = "de"
title = "Reverse Mentoring"
# Generated programmes run into future years; Hugo skips future pages without this.
buildFuture = true

[taxonomies]
  topic = "topics"

# Like tandem: a feed for the whole programme, each cohort (front matter) and each topic.
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
  page = ["HTML"]

[markup.goldmark.renderer]
  # tandem keeps raw HTML in entries, too.
  unsafe = true
"#;

const HUGO_LAYOUTS: [(&str, &str); 8] = [
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a> · <a href="{{ "cohorts/" | relURL }}">Jahrgänge</a> · <a href="{{ "topics/" | relURL }}">Themen</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}
<nav class="breadcrumb">{{ with .Parent }}{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2. January 2006" }}</time>{{ with .Params.duration }} · {{ . }}{{ end }}{{ with .Params.format }} · {{ . }}{{ end }}{{ with .Params.authors }} · {{ delimit . ", " }}{{ end }}</p>
{{ with .GetTerms "topics" }}<ul class="topics">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}</nav>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.mentee }}<p>Mentee: {{ .name }}, {{ .role }}</p>{{ end }}
{{ with .Params.mentor }}<p>Mentor: {{ .name }}, {{ .role }}</p>{{ end }}
{{ with .Params.organization }}<p>{{ . }}</p>{{ end }}
{{ with .Params.goals }}{{ . | markdownify }}{{ end }}
{{ .Content }}
{{ with .Params.milestones }}<ul class="milestones">{{ range . }}<li>{{ time.Format "2006-01-02" .date }}: {{ .title }}</li>{{ end }}</ul>{{ end }}
{{ with .Sections }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .RegularPagesRecursive }} Einträge)</li>{{ end }}</ul>{{ end }}
{{ with .RegularPages }}<ol>{{ range .ByDate }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
{{ with site.GetPage "/cohorts" }}<h2>Jahrgänge</h2><ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Sections }} Tandems)</li>{{ end }}</ul>{{ end }}
<h2>Neueste Einträge</h2>
<ul>{{ range first 10 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "_default/taxonomy.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>{{ range .Pages.ByDate }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a> – {{ .Parent.Title }}</li>{{ end }}</ol>
{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}
<h1>Seite nicht gefunden</h1>
<p><a href="{{ "" | relURL }}">Zur Startseite</a></p>
{{ end }}
"#,
    ),
    (
        // Relative links to other entries (`2019-03-14-x.md`) become page URLs, as in tandem.
        "_default/_markup/render-link.html",
        r#"{{- $url := .Destination -}}
{{- if and (strings.HasSuffix $url ".md") (not (strings.Contains $url ":")) -}}
{{- with .Page.GetPage (strings.TrimSuffix ".md" $url) }}{{ $url = .RelPermalink }}{{ end -}}
{{- end -}}
<a href="{{ $url | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /* keep no trailing newline */ -}}
"#,
    ),
];

// ---------------------------------------------------------------------------------------
// Vocabulary.

const HOME_INTRO: &str =
    "Im Reverse Mentoring lernen Führungskräfte von jungen Kolleginnen und Kollegen. \
Hier dokumentieren die Tandems aller Jahrgänge, was sie ausprobiert und gelernt haben.\n";

const TOPICS: [(&str, &str, &str); 5] = [
    (
        "arbeitsorganisation",
        "Arbeitsorganisation",
        "Wie Teams mit digitalen Werkzeugen zusammenarbeiten.",
    ),
    (
        "fuehrung",
        "Führungsverhalten",
        "Wie sich Führung verändert, wenn Teams hybrid arbeiten und junge Kolleginnen und Kollegen Feedback auf Augenhöhe erwarten.",
    ),
    (
        "recruiting",
        "Recruitingmethoden",
        "Wie Banken die Generation Z erreichen – von Instagram und TikTok bis zur digitalen Bewerbung.",
    ),
    (
        "onlinemarketing",
        "Onlinemarketing",
        "Wie Genossenschaftsbanken und ihre Führungskräfte in sozialen Netzwerken sichtbar und glaubwürdig auftreten.",
    ),
    (
        "geschaeftsmodelle",
        "Neue Geschäftsmodelle",
        "Was Neobanken, Fintechs und Plattformen für das Geschäft einer regionalen Genossenschaftsbank bedeuten.",
    ),
];

const MENTOR_FIRST: &[(&str, bool)] = &[
    ("Lena", true),
    ("Jonas", false),
    ("Mia", true),
    ("Leon", false),
    ("Emma", true),
    ("Finn", false),
    ("Hannah", true),
    ("Luca", false),
    ("Sophie", true),
    ("Noah", false),
    ("Lea", true),
    ("Elias", false),
    ("Marie", true),
    ("Paul", false),
    ("Laura", true),
    ("Ben", false),
    ("Aylin", true),
    ("Can", false),
    ("Selin", true),
    ("Niklas", false),
    ("Jana", true),
    ("Tobias", false),
    ("Lisa", true),
    ("Kevin", false),
    ("Sarah", true),
    ("Felix", false),
];

const MENTEE_FIRST: &[(&str, bool)] = &[
    ("Hans", false),
    ("Ulrike", true),
    ("Klaus", false),
    ("Monika", true),
    ("Bernd", false),
    ("Gabriele", true),
    ("Wolfgang", false),
    ("Petra", true),
    ("Jürgen", false),
    ("Sabine", true),
    ("Rainer", false),
    ("Birgit", true),
    ("Thomas", false),
    ("Andrea", true),
    ("Michael", false),
    ("Susanne", true),
    ("Frank", false),
    ("Martina", true),
    ("Stefan", false),
    ("Claudia", true),
    ("Uwe", false),
    ("Karin", true),
    ("Dieter", false),
    ("Angelika", true),
];

const LAST_NAMES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Vogt",
    "Yilmaz",
    "Arslan",
    "Kaya",
    "Demir",
    "Nowak",
    "Kowalski",
    "Öztürk",
    "Jäger",
];

const MENTOR_ROLES: &[(&str, &str)] = &[
    ("Auszubildender Bankkaufmann", "Auszubildende Bankkauffrau"),
    (
        "Werkstudent Digitales Marketing",
        "Werkstudentin Digitales Marketing",
    ),
    ("Trainee IT und Organisation", "Trainee IT und Organisation"),
    (
        "Dualer Student Wirtschaftsinformatik",
        "Duale Studentin Wirtschaftsinformatik",
    ),
    (
        "Junior-Berater Privatkunden",
        "Junior-Beraterin Privatkunden",
    ),
    ("Social-Media-Redakteur", "Social-Media-Redakteurin"),
    (
        "Auszubildender Kaufmann für Digitalisierungsmanagement",
        "Auszubildende Kauffrau für Digitalisierungsmanagement",
    ),
    (
        "Mitarbeiter im Onlinevertrieb",
        "Mitarbeiterin im Onlinevertrieb",
    ),
];

const MENTEE_ROLES: &[(&str, &str)] = &[
    ("Vorstand", "Vorständin"),
    ("Vorstandsvorsitzender", "Vorstandsvorsitzende"),
    (
        "Bereichsleiter Firmenkunden",
        "Bereichsleiterin Firmenkunden",
    ),
    ("Leiter Personal", "Leiterin Personal"),
    ("Generalbevollmächtigter", "Generalbevollmächtigte"),
    ("Abteilungsleiter Marketing", "Abteilungsleiterin Marketing"),
    ("Leiter Vertriebsmanagement", "Leiterin Vertriebsmanagement"),
    (
        "Bereichsleiter Privatkunden",
        "Bereichsleiterin Privatkunden",
    ),
];

const BANKS: &[&str] = &[
    "Volksbank",
    "Raiffeisenbank",
    "VR-Bank",
    "Volks- und Raiffeisenbank",
    "Spar- und Darlehnskasse",
    "Raiffeisen-Volksbank",
];

const PLACES: &[&str] = &[
    "Mittelhessen",
    "Oberland",
    "Rhein-Neckar",
    "Ostholstein",
    "Altmark",
    "Lüneburger Heide",
    "Bodensee",
    "Ammerland",
    "Westmünsterland",
    "Hohenlohe",
    "Eifel",
    "Erzgebirge",
    "Schwarzwald-Baar",
    "Vogtland",
    "Allgäu",
    "Uckermark",
    "Sauerland",
    "Fränkische Schweiz",
    "Musterstadt",
    "Wetterau",
];

const DURATIONS: &[&str] = &[
    "60",
    "90",
    "45",
    "\"1h30\"",
    "\"90min\"",
    "\"1,5 h\"",
    "\"2h\"",
    "120",
];
const FORMATS: &[&str] = &[
    "vor Ort",
    "video",
    "telefon",
    "vor Ort",
    "Spaziergang",
    "video",
];
const AUTHORS: &[&str] = &["mentor", "mentee", "mentor, mentee", "mentee", "mentor"];

const GOALS: [&[&str]; 5] = [
    &[
        "{mentee} möchte verstehen, wie jüngere Teams mit digitalen Werkzeugen zusammenarbeiten.",
        "{mentee} will Besprechungen kürzer und die Abstimmung im Haus einfacher machen.",
    ],
    &[
        "{mentee} möchte wissen, welches Feedback junge Kolleginnen und Kollegen erwarten.",
        "{mentee} will ausprobieren, wie Führen auf Distanz gelingt.",
    ],
    &[
        "{mentee} möchte herausfinden, wo die Generation Z nach Ausbildungsplätzen sucht.",
        "{mentee} will die Bewerbung bei der Bank so einfach wie möglich machen.",
    ],
    &[
        "{mentee} möchte **LinkedIn verstehen** und selbst regelmäßig posten.",
        "{mentee} will wissen, wie die Bank in sozialen Netzwerken glaubwürdig auftritt.",
    ],
    &[
        "{mentee} möchte verstehen, warum junge Leute zu Neobanken wechseln.",
        "{mentee} will prüfen, welche Plattformideen zu einer Genossenschaftsbank passen.",
    ],
];

const FIRST_TITLES: &[&str] = &[
    "Kennenlernen und Erwartungen",
    "Der Auftakt",
    "Unser erstes Treffen",
    "Kennenlernen in der Kantine",
];

const LAST_TITLES: &[&str] = &[
    "Bilanz und Ausblick",
    "Was bleibt",
    "Unser Fazit",
    "Abschlussgespräch",
];

const TITLES: [&[&str]; 5] = [
    &[
        "Teams, Slack und Trello im Vergleich",
        "Wie arbeitet ihr eigentlich?",
        "Vier Wochen Kanban-Board",
        "Ein Protokoll, fünf Autoren",
        "Weniger E-Mails",
        "Hybride Besprechungen",
        "Konzentriert arbeiten trotz Chat",
        "Ordnung im geteilten Laufwerk",
    ],
    &[
        "Feedback von unten",
        "Du oder Sie?",
        "Führen auf Distanz",
        "Rollentausch in der Bereichsleiterrunde",
        "Fehler zugeben",
        "Was junge Kolleginnen und Kollegen erwarten",
        "Einzelgespräche statt Jahresgespräch",
        "Erreichbar sein, ohne zu kontrollieren",
    ],
    &[
        "Wo ist die Generation Z?",
        "Bewerben mit dem Smartphone",
        "Azubis erzählen auf Instagram",
        "Unser Bewerbungsformular im Test",
        "Vorstellungsgespräche per Video",
        "Ausbildungsmesse digital",
        "Schnelle Rückmeldung",
        "Die Arbeitgebermarke von innen",
    ],
    &[
        "LinkedIn für Vorstände",
        "Der erste Beitrag",
        "Erklärvideos für die Banking-App",
        "Ein Redaktionsplan für vier Wochen",
        "Kommentare beantworten",
        "Instagram für die Filiale",
        "Was die Zahlen sagen",
        "Das Vereinsfest als Beitrag",
    ],
    &[
        "Warum junge Leute zu Neobanken gehen",
        "Was ist eigentlich eine Plattform?",
        "Kontoeröffnung im Selbsttest",
        "Fintechs im Firmenkundengeschäft",
        "Ein Angebot für Vereine",
        "Zwischen App und Filiale",
        "Fünf Handwerker, fünf Antworten",
        "Mitglied sein – was heißt das heute?",
    ],
];

const FIRST_INTROS: &[&str] = &[
    "Heute war unser erstes richtiges Treffen, nachdem wir uns bei der Auftaktveranstaltung nur kurz gesehen hatten.",
    "Zum Start haben wir uns vor allem gegenseitig kennengelernt und über unsere Erwartungen gesprochen.",
    "{mentor} und {mentee} haben sich heute zum ersten Mal ausführlich Zeit füreinander genommen.",
];

const LINK_INTROS: &[&str] = &[
    "Beim [letzten Treffen]({prev}) hatten wir uns einiges vorgenommen, und heute haben wir nachgesehen, was daraus geworden ist.",
    "Wir haben dort angeknüpft, wo wir [beim vorigen Mal]({prev}) aufgehört hatten.",
    "Seit [unserem letzten Gespräch]({prev}) sind ein paar Wochen vergangen, in denen {mentee} einiges ausprobiert hat.",
    "Vorab ein kurzer Blick zurück auf [das letzte Treffen]({prev}): Die meisten Vereinbarungen sind erledigt.",
    "Diesmal hat {mentor} die Themen vorbereitet, als Fortsetzung von [unserem letzten Termin]({prev}).",
];

const HEADINGS_A: &[&str] = &[
    "Rückblick",
    "Worum es ging",
    "Was wir besprochen haben",
    "Der Anlass",
    "Ausgangslage",
];
const HEADINGS_LIST: &[&str] = &[
    "Was ich heute gelernt habe",
    "Erkenntnisse",
    "Das nehme ich mit",
    "Stichpunkte",
];
const HEADINGS_MORE: &[&str] = &[
    "Wie es weiterging",
    "Ein Beispiel aus dem Alltag",
    "Was {mentee} dazu sagt",
    "Was {mentor} dazu sagt",
    "Offene Fragen",
    "Hintergrund",
];
const HEADINGS_C: &[&str] = &[
    "Was mich überrascht hat",
    "Aus Sicht von {mentor}",
    "Aus Sicht von {mentee}",
    "Offene Fragen",
    "Eine kleine Anekdote",
];

const GENERIC_SENTENCES: &[&str] = &[
    "{mentor} hat mir heute geduldig erklärt, warum das für jüngere Kolleginnen und Kollegen selbstverständlich ist.",
    "Wir haben uns diesmal in der Kantine getroffen, weil das Besprechungszimmer belegt war.",
    "{mentee} hat viele Fragen mitgebracht und sich alles auf einem Notizblock aufgeschrieben.",
    "Am Ende waren wir uns einig, dass man vieles einfach ausprobieren muss, statt lange darüber zu reden.",
    "Überrascht hat mich, wie selbstverständlich {mentor} mit Dingen umgeht, die für mich noch neu sind.",
    "Umgekehrt konnte {mentee} einiges darüber erzählen, wie Entscheidungen im Vorstand tatsächlich zustande kommen.",
    "Das Gespräch dauerte länger als geplant, weil wir immer wieder vom Thema abgekommen sind.",
    "Ich nehme mir vor, das bis zum nächsten Treffen im Alltag auszuprobieren.",
    "Manches klingt einfacher, als es in einer Bank mit vielen Vorschriften tatsächlich ist.",
    "Wir haben verabredet, offen zu sagen, wenn etwas nicht funktioniert.",
    "{mentor} meinte, der wichtigste Schritt sei, überhaupt anzufangen.",
    "Für die nächste Sitzung wollen wir uns konkrete Beispiele aus dem eigenen Haus ansehen.",
    "Die Zeit verging wie im Flug, und wir mussten einige Punkte auf das nächste Mal verschieben.",
    "Nach dem Treffen habe ich noch lange darüber nachgedacht, was das für unser Haus bedeutet.",
    "Besonders hilfreich war, dass {mentor} alles direkt am Smartphone gezeigt hat.",
    "{mentee} erzählte, dass vor zwanzig Jahren vieles ganz ähnlich diskutiert wurde, nur mit anderen Werkzeugen.",
    "Wir haben festgestellt, dass wir oft dasselbe meinen, aber unterschiedliche Wörter dafür benutzen.",
    "Ein Kollege aus der Marktfolge kam zufällig vorbei und hat spontan mitdiskutiert.",
    "Die Mittagspause hat für das Gespräch kaum gereicht, deshalb haben wir am Abend noch eine Stunde telefoniert.",
    "Es war ein gutes Gefühl, auf Augenhöhe über solche Fragen zu sprechen.",
    "{mentee} gab zu, das Thema lange vor sich hergeschoben zu haben.",
    "Wir haben uns vorgenommen, beim nächsten Mal weniger zu reden und mehr gemeinsam auszuprobieren.",
];

const SENTENCES: [&[&str]; 5] = [
    &[
        "{mentor} zeigte mir, wie das Team Aufgaben in einem **Kanban-Board** organisiert und wer was gerade erledigt.",
        "In vielen Abteilungen werden Dokumente immer noch per E-Mail hin und her geschickt, statt gemeinsam an einer Datei zu arbeiten.",
        "Wir haben ausprobiert, ein Protokoll gleichzeitig in einem geteilten Dokument zu schreiben, und das ging erstaunlich schnell.",
        "Kurze tägliche Abstimmungen von zehn Minuten ersetzen in {mentor}s Team die lange Wochenbesprechung.",
        "{mentee} war skeptisch, ob Chat-Nachrichten nicht zu mehr Unterbrechungen führen.",
        "Wir haben uns auf feste Zeiten ohne Benachrichtigungen geeinigt, um konzentriert arbeiten zu können.",
        "Im Vergleich von Teams, Slack und Trello ging es weniger um die Werkzeuge als um gemeinsame Regeln.",
        "Ein Ordnersystem, das nur eine Person versteht, ist kein Ordnersystem, sagte {mentor} trocken.",
        "Videokonferenzen funktionieren besser, wenn vorher eine kurze Tagesordnung verschickt wird.",
        "Die Frage, was in eine E-Mail gehört und was in den Chat, haben wir mit einer einfachen Faustregel beantwortet.",
        "Im hybriden Arbeiten wird sichtbar, wie viel bisher nur auf dem Flur geklärt wurde.",
    ],
    &[
        "{mentor} erzählte offen, welches Feedback sich junge Kolleginnen und Kollegen von ihren Führungskräften wünschen.",
        "Ein Lob vor dem ganzen Team wirkt nicht bei jedem gleich, manche finden ein kurzes persönliches Wort besser.",
        "Wir sprachen darüber, ob das Du im Haus die Distanz zwischen Vorstand und Auszubildenden verringert.",
        "{mentee} fragte, wie man als Führungskraft Fehler zugibt, ohne an Autorität zu verlieren.",
        "Führen auf Distanz heißt vor allem, Vertrauen vorzuschießen und Ergebnisse statt Anwesenheit zu bewerten.",
        "In der letzten Bereichsleiterrunde hat {mentee} zum ersten Mal {mentor}s Sicht vorgetragen und viel Zuspruch bekommen.",
        "Junge Mitarbeitende wollen wissen, warum eine Entscheidung getroffen wurde, nicht nur, dass sie getroffen wurde.",
        "Wir haben ein kurzes Feedbackgespräch mit Rollentausch geübt, und das war für beide lehrreich.",
        "Regelmäßige Einzelgespräche von zwanzig Minuten bringen oft mehr als ein Jahresgespräch.",
        "{mentor} meinte, eine gute Führungskraft sei erreichbar, ohne ständig zu kontrollieren.",
        "Die Erwartung, sofort auf Nachrichten zu antworten, setzt viele unter Druck, auch wenn das niemand so gesagt hat.",
    ],
    &[
        "Die Generation Z liest keine Stellenanzeigen in der Zeitung, sondern sucht auf Instagram, TikTok und in Bewertungsportalen.",
        "{mentor} hat mir gezeigt, wie sich unsere Bank auf einer Arbeitgeberbewertungsplattform darstellt, und das war ernüchternd.",
        "Bewerben mit dem Smartphone muss in drei Minuten gehen, sonst bricht die Hälfte ab.",
        "Auszubildende erzählen in kurzen Videos aus ihrem Alltag, und das wirkt glaubwürdiger als jede Broschüre.",
        "Wir haben unser Bewerbungsformular gemeinsam ausprobiert und dabei elf Pflichtfelder gezählt.",
        "{mentee} war überrascht, wie wichtig Bewerberinnen und Bewerbern eine schnelle Rückmeldung ist.",
        "Ausbildungsmessen bleiben wichtig, aber der erste Eindruck entsteht heute meist online.",
        "Ein Vorstellungsgespräch per Video kann für beide Seiten entspannter sein als der Termin in der Hauptstelle.",
        "{mentor} schlug vor, dass Auszubildende selbst auf Schulbesuche gehen, statt die Personalabteilung zu schicken.",
        "Der Begriff Arbeitgebermarke war {mentee} bisher vor allem aus Beraterpräsentationen bekannt.",
        "Wir haben uns angesehen, wie andere Genossenschaftsbanken ihre Ausbildung in sozialen Netzwerken vorstellen.",
    ],
    &[
        "{mentor} erklärte, warum ein ehrlicher Beitrag auf LinkedIn mehr Reichweite bekommt als eine glatte Pressemitteilung.",
        "Wir haben gemeinsam den ersten Beitrag von {mentee} entworfen und dreimal umgeschrieben.",
        "Instagram lebt von Bildern aus dem echten Alltag, nicht von Archivfotos der Hauptstelle.",
        "Die Zahlen der letzten Kampagne zeigen, dass die meisten Zugriffe abends vom Smartphone kommen.",
        "Kommentare zu beantworten ist mindestens so wichtig wie selbst zu posten, sagte {mentor}.",
        "{mentee} fragte, wer eigentlich im Haus entscheidet, was auf den Kanälen der Bank veröffentlicht wird.",
        "Ein kurzes Erklärvideo zur Banking-App wurde in einer Woche öfter angesehen als der Geschäftsbericht in einem Jahr.",
        "Wir haben über Hashtags gesprochen und festgestellt, dass weniger oft mehr ist.",
        "Regionale Themen wie das Vereinsfest oder der Ehrenamtspreis funktionieren in sozialen Netzwerken besonders gut.",
        "{mentor} riet dazu, einen einfachen Redaktionsplan für die nächsten vier Wochen anzulegen.",
        "Negative Kommentare sollte man nicht löschen, sondern freundlich und sachlich beantworten.",
    ],
    &[
        "{mentor} nutzt privat ausschließlich eine Neobank und hat mir gezeigt, wie schnell dort ein Konto eröffnet ist.",
        "Wir haben uns gefragt, was eine Plattform eigentlich ist und ob eine Genossenschaftsbank selbst eine sein kann.",
        "Fintechs greifen oft nur ein einzelnes, besonders lukratives Stück der Wertschöpfungskette heraus.",
        "{mentee} erinnerte daran, dass die genossenschaftliche Idee selbst einmal ein neues Geschäftsmodell war.",
        "Im Selbsttest hat die Kontoeröffnung bei uns drei Tage gedauert, bei der Neobank acht Minuten.",
        "Für Handwerksbetriebe in der Region zählen vor allem schnelle Kredite und ein persönlicher Ansprechpartner.",
        "Wir haben überlegt, welche Dienstleistungen rund um das Bankgeschäft unsere Mitglieder wirklich brauchen.",
        "Eine App allein ersetzt nicht die Filiale, aber sie verändert, wofür Menschen noch in die Filiale kommen.",
        "{mentor} meinte, viele junge Leute wüssten gar nicht, dass sie als Mitglied Miteigentümer der Bank sein können.",
        "Wir haben ein Geschäftsmodell-Canvas für ein mögliches Angebot für Vereine ausgefüllt.",
        "Kooperationen mit regionalen Händlern könnten ein Weg sein, digital sichtbar zu bleiben.",
    ],
];

const GENERIC_BULLETS: &[&str] = &[
    "Nicht alles muss sofort perfekt sein; ausprobieren ist erlaubt.",
    "Fragen stellen ist keine Schwäche, sondern spart allen Zeit.",
    "Was für {mentor} selbstverständlich ist, muss man im Haus oft erst erklären.",
    "Kleine Schritte, die man wirklich geht, sind besser als große Pläne.",
    "Die besten Ideen kamen heute aus dem Alltag, nicht aus Präsentationen.",
    "Wir sollten öfter Kolleginnen und Kollegen aus anderen Abteilungen einladen.",
];

const BULLETS: [&[&str]; 5] = [
    &[
        "Ein gemeinsames Board zeigt auf einen Blick, wer woran arbeitet.",
        "Besprechungen brauchen eine Tagesordnung und ein klares Ende.",
        "Dokumente gemeinsam bearbeiten statt Versionen per E-Mail verschicken.",
        "Feste Zeiten ohne Chat helfen beim konzentrierten Arbeiten.",
        "Regeln für Kanäle vereinbaren: Was gehört wohin?",
    ],
    &[
        "Feedback wirkt am besten zeitnah und konkret.",
        "Das Warum einer Entscheidung ist so wichtig wie die Entscheidung selbst.",
        "Vertrauen vorschießen statt Anwesenheit kontrollieren.",
        "Fehler offen ansprechen macht eine Führungskraft nahbarer.",
        "Kurze Einzelgespräche regelmäßig statt selten und lang.",
    ],
    &[
        "Die Bewerbung muss auf dem Smartphone in wenigen Minuten gehen.",
        "Auszubildende sind die glaubwürdigsten Botschafter der Bank.",
        "Eine schnelle Eingangsbestätigung ist Pflicht, eine persönliche Antwort noch besser.",
        "Bewertungsportale lesen und auf Kritik antworten.",
        "Videos aus dem Arbeitsalltag statt Hochglanzbroschüren.",
    ],
    &[
        "Ein ehrlicher Beitrag schlägt jede glatte Pressemitteilung.",
        "Kommentieren ist genauso wichtig wie selbst posten.",
        "Regionale Geschichten funktionieren besser als Produktwerbung.",
        "Ein einfacher Redaktionsplan verhindert Funkstille.",
        "Reichweite ist nicht alles; Gespräche zählen mehr als Klicks.",
    ],
    &[
        "Neobanken gewinnen über Einfachheit, nicht über Zinsen.",
        "Eine Plattform lebt davon, dass andere auf ihr Geschäfte machen.",
        "Die Mitgliedschaft ist ein Vorteil, den kaum ein junger Kunde kennt.",
        "Digitale Angebote und die Filiale schließen sich nicht aus.",
        "Kooperationen mit regionalen Partnern können Reichweite bringen.",
    ],
];

const GENERIC_TASKS: &[&str] = &[
    "Nächsten Termin im Kalender festhalten",
    "Ergebnisse im Bereichsleiterkreis vorstellen",
    "Zwei Kolleginnen oder Kollegen nach ihrer Meinung fragen",
    "Notizen vom Treffen ins Tagebuch übertragen",
    "Einen Artikel zum Thema lesen und mitbringen",
];

const TASKS: [&[&str]; 5] = [
    &[
        "Ein Board für das eigene Team anlegen",
        "Nächste Besprechung mit Tagesordnung vorbereiten",
        "Eine Woche lang Chat-freie Zeiten ausprobieren",
        "Ordnerstruktur im Laufwerk aufräumen",
    ],
    &[
        "Drei Einzelgespräche mit Auszubildenden führen",
        "Feedback zur eigenen Präsentation einholen",
        "Im Team das Du oder Sie ansprechen",
        "Eine Entscheidung der Woche im Team begründen",
    ],
    &[
        "Das Bewerbungsformular auf dem Smartphone testen",
        "Mit der Ausbildungsleitung über Videos sprechen",
        "Unsere Bewertungen auf dem Portal lesen",
        "Einen Schulbesuch mit Auszubildenden planen",
    ],
    &[
        "Ersten eigenen Beitrag veröffentlichen",
        "Drei Beiträge anderer sinnvoll kommentieren",
        "Redaktionsplan für vier Wochen anlegen",
        "Profilfoto und Überschrift aktualisieren",
    ],
    &[
        "Konto bei einer Neobank zum Test eröffnen",
        "Mit fünf Firmenkunden über ihre Wünsche sprechen",
        "Idee für ein Vereinsangebot skizzieren",
        "Zahlen zur Onlinekontoeröffnung besorgen",
    ],
];

const TOOLS: &[(&str, &str)] = &[
    ("Trello", "Aufgaben im Team"),
    ("Microsoft Teams", "Besprechungen und Chat"),
    ("Slack", "schnelle Abstimmung"),
    ("Miro", "Whiteboard in Workshops"),
    ("LinkedIn", "Netzwerk und Beiträge"),
    ("Instagram", "Einblicke in die Ausbildung"),
    ("Doodle", "Terminfindung"),
    ("OneNote", "gemeinsame Notizen"),
];

const VERDICTS: &[&str] = &[
    "übersichtlich",
    "gewöhnungsbedürftig",
    "hilfreich",
    "zu viele Benachrichtigungen",
    "im Haus noch nicht freigegeben",
    "sehr einfach",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_tandems_rules() {
        assert_eq!(
            slugify("Was ist eigentlich eine Plattform?"),
            "was-ist-eigentlich-eine-plattform"
        );
        assert_eq!(
            slugify("Mitglied sein – was heißt das heute?"),
            "mitglied-sein-was-heisst-das-heute"
        );
        assert_eq!(slugify("Öztürk Müller"), "oeztuerk-mueller");
    }

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
    }
}
