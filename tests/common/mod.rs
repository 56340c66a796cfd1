//! Shared helpers for the integration tests: a programme in a temporary folder, the
//! `tandem` binary, the site it writes, and just enough HTML reading to look at pages
//! the way a reader does (visible text, links, the figures beside their labels).

// Shared by the test binaries, not an API: `pub` only to reach the tests.
#![allow(unreachable_pub)]
#![allow(dead_code)]

pub mod browser;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The base address of the fixture programme (`tests/fixtures/mini/program.yaml`).
pub const MINI_BASE_URL: &str = "https://example.org/rm/";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture programme: small, German, with private and draft entries.
pub fn mini_fixture() -> PathBuf {
    repo().join("tests/fixtures/mini")
}

/// The sample programme shipped with the repository.
pub fn sample_content() -> PathBuf {
    repo().join("content")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit status; -1 when the process was killed by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit status {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    pub fn assert_ok(&self) -> &Self {
        self.assert_code(0)
    }

    pub fn assert_no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "tandem panicked:\n{}",
            self.stderr
        );
        assert!(
            self.code == 0 || self.code == 1,
            "expected exit status 0 or 1, got {} (killed by a signal or crashed?)\n{}",
            self.code,
            self.stderr
        );
        self
    }
}

/// Runs `tandem args…` in `cwd`.
pub fn tandem(cwd: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the tandem binary runs")
        .into()
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A programme in its own temporary folder: `<tmp>/content` and `<tmp>/public`.
pub struct Project {
    pub dir: TempDir,
}

impl Project {
    /// An empty project folder (no content yet).
    pub fn empty() -> Project {
        Project {
            dir: tempfile::Builder::new()
                .prefix("tandem-test-")
                .tempdir()
                .unwrap(),
        }
    }

    /// A copy of `tests/fixtures/mini`, free to edit.
    pub fn mini() -> Project {
        Project::copy_of(&mini_fixture())
    }

    /// A copy of the sample programme in `content/`.
    pub fn sample() -> Project {
        Project::copy_of(&sample_content())
    }

    pub fn copy_of(content: &Path) -> Project {
        let p = Project::empty();
        copy_dir(content, &p.content());
        p
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.content().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    /// Gives the programme the theme `kaputt`, whose entry template fails while
    /// rendering (a field that is not there), not when it is read.
    pub fn use_broken_entry_template(&self) {
        self.edit(
            "program.yaml",
            "language: de\n",
            "language: de\ntheme: kaputt\n",
        );
        self.write(
            "kaputt/templates/entry.html",
            "{% extends \"base.html\" %}{% block content %}{{ entry.gibt_es_nicht.auch_nicht }}{% endblock content %}\n",
        );
    }

    /// Replaces `from` by `to` in a content file; `from` must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(
            text.contains(from),
            "{rel} does not contain {from:?}:\n{text}"
        );
        self.write(rel, text.replacen(from, to, 1));
    }

    /// `tandem build --content content --output public ARGS…`
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--content", "content", "--output", "public"];
        all.extend_from_slice(args);
        tandem(self.root(), &all)
    }

    /// `tandem check --content content ARGS…`
    pub fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--content", "content"];
        all.extend_from_slice(args);
        tandem(self.root(), &all)
    }

    /// Builds and insists on success without warnings.
    pub fn build_ok(&self, args: &[&str]) -> Site {
        let run = self.build(args);
        run.assert_ok();
        assert!(
            !run.stderr.contains("warning"),
            "the build printed warnings:\n{}",
            run.stderr
        );
        self.site()
    }

    pub fn site(&self) -> Site {
        Site { root: self.out() }
    }

    /// Names in the project folder besides `content` and `public` (leftover temporary
    /// folders of a build), and besides the previous site that a build keeps for the
    /// next one (`.public.tandem-spare`).
    pub fn leftovers(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "content" && n != "public" && n != SPARE)
            .collect();
        v.sort();
        v
    }
}

/// The site a build replaced, kept beside the output for the next build to write into.
pub const SPARE: &str = ".public.tandem-spare";

/// Every file below `dir` with its bytes (relative paths with `/`).
/// The pages of an in-process build of `opts` with `cache`, sorted by path; a build
/// with errors fails the test with its report.
pub fn built_pages(
    opts: &tandem::build::Options,
    cache: &mut tandem::build::Cache,
) -> Vec<(String, Vec<u8>)> {
    let outcome = tandem::build::run(opts, cache, None);
    let built = outcome.built.unwrap_or_else(|| {
        panic!(
            "{}",
            outcome
                .diags
                .render_human(false, tandem::language::Language::De)
        )
    });
    let mut v: Vec<(String, Vec<u8>)> = built
        .pages
        .into_iter()
        .map(|p| (p.path, p.bytes.to_vec()))
        .collect();
    v.sort();
    v
}

pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    Site {
        root: dir.to_path_buf(),
    }
    .snapshot()
}

/// A built site on disk.
pub struct Site {
    pub root: PathBuf,
}

impl Site {
    /// Every file of the site (including hidden ones), relative, with `/`.
    pub fn files(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_files(&self.root, &self.root, &mut out);
        out.sort();
        out
    }

    /// Every file with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        self.files()
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(self.root.join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    }

    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }

    pub fn has(&self, rel: &str) -> bool {
        self.root.join(rel).is_file()
    }

    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn text(&self, rel: &str) -> String {
        String::from_utf8(self.bytes(rel)).unwrap_or_else(|_| panic!("{rel} is not UTF-8"))
    }

    /// The HTML of a page given by its URL path below the site root (`""`,
    /// `cohorts/2019/`) or a file name (`404.html`).
    pub fn page(&self, url: &str) -> String {
        let file = page_file(url);
        assert!(
            self.has(&file),
            "the page /{url} ({file}) was not written; the site has:\n{}",
            self.files().join("\n")
        );
        self.text(&file)
    }
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            collect_files(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap();
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}

/// `cohorts/2019/` → `cohorts/2019/index.html`; `atom.xml` stays.
pub fn page_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

// ---------------------------------------------------------------------------------
// Reading HTML
// ---------------------------------------------------------------------------------

/// An HTML start tag.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offsets of `<` and one past `>`.
    pub start: usize,
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// All start tags of a document, in order (comments and end tags skipped).
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |j| i + j + 3);
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() || !(b[i].is_ascii_alphabetic()) {
            continue;
        }
        let name_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            if b[i] == b'/' {
                i += 1;
                continue;
            }
            let an_start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let an = html[an_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    let v_start = i;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = decode_entities(&html[v_start..i]);
                    i += 1;
                } else {
                    let v_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[v_start..i]);
                }
            }
            attrs.push((an, value));
        }
        out.push(Tag {
            name,
            attrs,
            start,
            end: i.min(b.len()),
        });
    }
    out
}

/// `&amp;`, `&lt;`, `&#x2F;` … → characters.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text a reader sees in the page body: tags removed, entities decoded,
/// whitespace collapsed.
pub fn visible_text(html: &str) -> String {
    let body = match (html.find("<body"), html.rfind("</body>")) {
        (Some(s), Some(e)) if s < e => &html[s..e],
        _ => html,
    };
    text_of(body)
}

/// Text of an HTML fragment (tags removed, entities decoded, whitespace collapsed).
pub fn text_of(fragment: &str) -> String {
    let mut s = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => {
                in_tag = true;
                s.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => s.push(c),
            _ => {}
        }
    }
    let s = decode_entities(&s);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    // Punctuation written right after an element ("</a>.") reads without a space.
    for p in [" .", " ,", " )", " :", " ;"] {
        out = out.replace(p, &p[1..]);
    }
    out.replace("( ", "(")
}

/// A link a reader can follow: its target and its text.
#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Every `<a href>` of a page with its visible text.
pub fn links(html: &str) -> Vec<Link> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| {
            let href = t.attr("href")?.to_string();
            let close = html[t.end..].find("</a>").map_or(html.len(), |j| t.end + j);
            Some(Link {
                href,
                text: text_of(&html[t.end..close]),
            })
        })
        .collect()
}

/// The targets of the links whose text is exactly `text`.
pub fn hrefs_with_text(html: &str, text: &str) -> Vec<String> {
    links(html)
        .into_iter()
        .filter(|l| l.text == text)
        .map(|l| l.href)
        .collect()
}

/// The value shown beside a label in a definition list (`<dt>label</dt><dd>value</dd>`),
/// as text. The first such label of the page.
pub fn value_of(html: &str, label: &str) -> Option<String> {
    let ts = tags(html);
    for (i, t) in ts.iter().enumerate() {
        if t.name != "dt" {
            continue;
        }
        let close = html[t.end..]
            .find("</dt>")
            .map_or(html.len(), |j| t.end + j);
        if text_of(&html[t.end..close]) != label {
            continue;
        }
        let dd = ts[i + 1..].iter().find(|x| x.name == "dd")?;
        let dd_close = html[dd.end..]
            .find("</dd>")
            .map_or(html.len(), |j| dd.end + j);
        return Some(text_of(&html[dd.end..dd_close]));
    }
    None
}

/// The part of a page from the heading whose text is `heading` up to the next heading
/// of the same or a higher level (or the end of the enclosing section).
pub fn section(html: &str, heading: &str) -> Option<String> {
    let ts = tags(html);
    for t in &ts {
        let level = match t.name.as_str() {
            "h1" | "h2" | "h3" | "h4" => t.name.as_bytes()[1] - b'0',
            _ => continue,
        };
        let close = html[t.end..].find("</h").map_or(html.len(), |j| t.end + j);
        if text_of(&html[t.end..close]) != heading {
            continue;
        }
        let next = ts
            .iter()
            .filter(|x| x.start > t.start)
            .find(|x| {
                matches!(x.name.as_str(), "h1" | "h2" | "h3" | "h4")
                    && x.name.as_bytes()[1] - b'0' <= level
            })
            .map_or(html.len(), |x| x.start);
        let section_end = html[t.end..]
            .find("</section>")
            .map_or(html.len(), |j| t.end + j);
        return Some(html[t.start..next.min(section_end)].to_string());
    }
    None
}

/// All `id` attributes of a page, in order.
pub fn ids(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect()
}

/// Ids that occur more than once on the page.
pub fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut dups = BTreeSet::new();
    for id in ids(html) {
        if !seen.insert(id.clone()) {
            dups.insert(id);
        }
    }
    dups.into_iter().collect()
}

// ---------------------------------------------------------------------------------
// Following links
// ---------------------------------------------------------------------------------

/// Where a link found in `page` (a file path relative to the site root) leads inside
/// the site: the file and the fragment. `Ok(None)` for links that leave the site
/// (`http(s):`, `mailto:`) and for links to a place on the same page (`#x`).
/// Absolute paths (`/rm/x/`) are resolved below `base_path`.
pub fn resolve_link(
    site: &Site,
    page: &str,
    href: &str,
    base_path: &str,
) -> Result<Option<(String, String)>, String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Ok(None);
    }
    if href.starts_with('#') {
        return Ok(None);
    }
    if href.is_empty() {
        return Err("empty link".into());
    }
    let (path, fragment) = match href.find('#') {
        Some(i) => (&href[..i], href[i + 1..].to_string()),
        None => (href, String::new()),
    };
    let path = path.split('?').next().unwrap_or(path);
    let mut parts: Vec<String> = Vec::new();
    let rest = if let Some(abs) = path.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        match abs.strip_prefix(base) {
            Some(r) => r.to_string(),
            None => return Err(format!("absolute link outside the base path {base_path}")),
        }
    } else {
        parts = page.split('/').map(str::to_string).collect();
        parts.pop();
        path.to_string()
    };
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("climbs above the site root".into());
                }
            }
            s => parts.push(percent_decode(s)),
        }
    }
    let joined = parts.join("/");
    let as_dir = site.root.join(&joined);
    let file = if rest.ends_with('/') || rest.is_empty() || as_dir.is_dir() {
        if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    };
    if site.has(&file) {
        Ok(Some((file, fragment)))
    } else {
        Err(format!("no file {file}"))
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every `href`/`src` of every HTML page that does not lead to an existing file of
/// the site (or to an existing `id` for `#fragment` links), as readable lines.
pub fn broken_links(site: &Site, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    let mut id_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        id_cache
            .entry(file.to_string())
            .or_insert_with(|| ids(&site.text(file)).into_iter().collect())
            .clone()
    };
    for page in site.html_files() {
        let html = site.text(&page);
        for t in tags(&html) {
            for attr in ["href", "src"] {
                let Some(v) = t.attr(attr) else { continue };
                if let Some(frag) = v.strip_prefix('#') {
                    if !frag.is_empty() && !ids_of(&page).contains(frag) {
                        broken.push(format!("{page}: {attr}=\"{v}\": no element with this id"));
                    }
                    continue;
                }
                match resolve_link(site, &page, v, base_path) {
                    Ok(None) => {}
                    Ok(Some((file, frag))) => {
                        if !frag.is_empty()
                            && file.ends_with(".html")
                            && !ids_of(&file).contains(&frag)
                        {
                            broken
                                .push(format!("{page}: {attr}=\"{v}\": {file} has no id `{frag}`"));
                        }
                    }
                    Err(why) => broken.push(format!("{page}: {attr}=\"{v}\": {why}")),
                }
            }
        }
    }
    broken
}

/// The file a link on `page` leads to (panics with the reason if it leads nowhere).
pub fn target_of(site: &Site, page: &str, href: &str, base_path: &str) -> String {
    match resolve_link(site, page, href, base_path) {
        Ok(Some((file, _))) => file,
        Ok(None) => panic!("{href} on {page} leaves the site"),
        Err(why) => panic!("{href} on {page} leads nowhere: {why}"),
    }
}

// ---------------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------------

/// One problem from `tandem check --format json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Diag {
    pub severity: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub help: Option<String>,
}

/// Parses the JSON report, insisting on its shape: an array of objects with exactly
/// `severity`, `file`, `line`, `column`, `message` and `help`.
pub fn parse_json_report(stdout: &str) -> Vec<Diag> {
    let v: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("`check --format json` did not print JSON ({e}):\n{stdout}"));
    let arr = v
        .as_array()
        .unwrap_or_else(|| panic!("not a JSON array:\n{stdout}"));
    arr.iter()
        .map(|o| {
            let obj = o
                .as_object()
                .unwrap_or_else(|| panic!("not an object: {o}"));
            let keys: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                BTreeSet::from(["severity", "file", "line", "column", "message", "help"]),
                "unexpected fields in {o}"
            );
            Diag {
                severity: obj["severity"]
                    .as_str()
                    .expect("severity is text")
                    .to_string(),
                file: obj["file"].as_str().expect("file is text").to_string(),
                line: obj["line"].as_u64().expect("line is a number"),
                column: obj["column"].as_u64().expect("column is a number"),
                message: obj["message"]
                    .as_str()
                    .expect("message is text")
                    .to_string(),
                help: obj["help"].as_str().map(str::to_string),
            }
        })
        .collect()
}

impl Project {
    /// `tandem check --format json ARGS…`: exit status and the problems.
    pub fn check_json(&self, args: &[&str]) -> (i32, Vec<Diag>) {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let run = self.check(&all);
        run.assert_no_panic();
        (run.code, parse_json_report(&run.stdout))
    }
}

/// Asserts that the human report holds a problem `severity: message` whose location
/// line reads exactly `--> location` (file:line:column).
pub fn assert_reported(report: &str, severity: &str, message: &str, location: &str) {
    let head = format!("{severity}: {message}");
    let lines: Vec<&str> = report.lines().collect();
    let Some(i) = lines.iter().position(|l| l.trim_end() == head) else {
        panic!("the report has no line `{head}`:\n{report}");
    };
    let arrow = lines.get(i + 1).map(|l| l.trim()).unwrap_or_default();
    assert_eq!(
        arrow,
        format!("--> {location}"),
        "`{head}` is not followed by its location `--> {location}`:\n{report}"
    );
}

// ---------------------------------------------------------------------------------
// Runs with a time limit
// ---------------------------------------------------------------------------------

/// Runs `tandem args…` in `cwd`, killing it after `limit`; a run that takes longer
/// fails the test (a hang is a fault, not a slow test).
pub fn tandem_within(cwd: &Path, args: &[&str], limit: std::time::Duration) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tandem binary runs");
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("waiting for tandem") {
            break s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = err_reader.join().unwrap_or_default();
            panic!(
                "tandem {} did not finish within {limit:?} (killed)\n--- stderr\n{}",
                args.join(" "),
                String::from_utf8_lossy(&stderr)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

impl Project {
    /// [`Project::build`] that fails the test when it takes longer than `limit`.
    pub fn build_within(&self, limit: std::time::Duration, args: &[&str]) -> Run {
        let mut all = vec!["build", "--content", "content", "--output", "public"];
        all.extend_from_slice(args);
        tandem_within(self.root(), &all, limit)
    }

    /// [`Project::check`] that fails the test when it takes longer than `limit`.
    pub fn check_within(&self, limit: std::time::Duration, args: &[&str]) -> Run {
        let mut all = vec!["check", "--content", "content"];
        all.extend_from_slice(args);
        tandem_within(self.root(), &all, limit)
    }

    /// Writes raw bytes to a path below the content folder given as bytes (for names
    /// that are not UTF-8).
    #[cfg(unix)]
    pub fn write_raw_name(&self, rel: &[u8], contents: impl AsRef<[u8]>) {
        use std::os::unix::ffi::OsStrExt;
        let p = self.content().join(std::ffi::OsStr::from_bytes(rel));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }
}
