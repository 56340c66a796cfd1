//! The command line: every command and flag in one place.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tandem",
    version,
    about = "Turns a reverse-mentoring programme's documentation and the diaries of its tandems into a website.",
    after_help = "To write and preview: `tandem serve --open` in the folder that holds `content/`; the browser shows the site and every problem, and reloads on each save.\nTo publish: `tandem build` writes the site into public/ for a web server.\nStarted without a terminal (a double-click), tandem previews the programme beside it.\nExit status: 0 success, 1 content errors, 2 usage errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: ./content → ./public).
    Build(BuildArgs),
    /// Check all content and links; write nothing.
    Check(CheckArgs),
    /// Preview the site in the browser while you write: rebuilds and reloads on every save.
    Serve(ServeArgs),
    /// Rebuild into the output folder on every change, without a web server.
    Watch(WatchArgs),
    /// Create a new diary entry, tandem or cohort.
    #[command(subcommand)]
    New(NewCommand),
    /// Create a new programme folder that builds at once.
    Init(InitArgs),
    /// Write the web server's access rules for the audiences' sites (nginx and Apache).
    Access(AccessArgs),
}

#[derive(Debug, Args)]
pub struct AccessArgs {
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// The folder the rules are written into: nginx.conf and apache.conf.
    #[arg(long, value_name = "DIR", default_value = "access")]
    pub output: PathBuf,
    /// Where the built output folder lies on the web server (default: /srv/www/ and the last part of base_url's path).
    #[arg(long, value_name = "DIR")]
    pub site_dir: Option<String>,
    /// The address path the output folder is served under (default: base_url's path).
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// The password file on the server (made with `htpasswd -B`).
    #[arg(long, value_name = "FILE", default_value = "/etc/tandem/htpasswd")]
    pub password_file: String,
    /// The group file on the server (`group: name name …`); nginx's rules list the groups' members from it, so it is read when the rules are written.
    #[arg(long, value_name = "FILE", default_value = "/etc/tandem/htgroup")]
    pub group_file: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Also write the site into this folder (by default the preview lives in memory only).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The port to listen on; the next free one is used if it is taken.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on (127.0.0.1 only this computer; ::1 for IPv6; 0.0.0.0 the network).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Also answer to this name (for a reverse proxy or a container); NAME admits every port, NAME:PORT only that one. Repeatable.
    #[arg(long = "allowed-host", value_name = "NAME[:PORT]", value_parser = crate::serve::guard::check_allowed_host)]
    pub allowed_hosts: Vec<String>,
    /// Open the preview in the web browser.
    #[arg(long)]
    pub open: bool,
    /// Look for changes by polling (for network drives, WSL and some containers).
    #[arg(long)]
    pub poll: bool,
    /// Allow writing entries in the browser also when `--bind` is not this computer
    /// only (anyone who reaches the address could then write into the diaries).
    #[arg(long)]
    pub edit: bool,
    /// Preview only what this audience of program.yaml's `audiences` sees.
    #[arg(long, value_name = "ID")]
    pub audience: Option<String>,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Look for changes by polling (for network drives, WSL and some containers).
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A diary entry: `tandem new entry 2019/berger-vogt "LinkedIn für Vorstände"`.
    Entry {
        /// The tandem's folder: <cohort>/<tandem>.
        tandem: String,
        /// The entry's title.
        title: String,
        /// The date of the meeting (default: today), YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// Topics, separated by commas (ids or titles).
        #[arg(long, value_delimiter = ',')]
        topics: Vec<String>,
        /// The content folder.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
    /// A tandem folder with its tandem.yaml:
    /// `tandem new tandem 2019/berger-vogt --mentor "Lena Vogt" --mentee "Hans Berger"`.
    Tandem {
        /// <cohort>/<tandem-folder>.
        path: String,
        /// The mentor's name (the younger, digitally fluent person).
        #[arg(long, value_name = "NAME")]
        mentor: Option<String>,
        /// The mentee's name (the executive).
        #[arg(long, value_name = "NAME")]
        mentee: Option<String>,
        /// The organisation the tandem belongs to.
        #[arg(long, value_name = "NAME")]
        organization: Option<String>,
        /// The content folder.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
    /// A cohort folder with its cohort.yaml: `tandem new cohort 2021` or
    /// `tandem new cohort "Jahrgang 2021" --start 2021-03-01 --end 2021-12-10`.
    Cohort {
        /// The cohort's name: a year or a title; the folder is named after it.
        name: String,
        /// The first day of the cohort (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// The last day of the cohort, e.g. its closing event (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// The content folder.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new programme folder (must not exist or be empty).
    pub dir: PathBuf,
}

#[derive(Debug, Args, Clone)]
pub struct ContentArgs {
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Include entries marked `draft: true` (shown with a badge).
    #[arg(long)]
    pub drafts: bool,
    /// Include entries marked `visibility: private` (for a tandem's own preview only).
    #[arg(long)]
    pub private: bool,
}

/// Where a written site goes.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// The output folder.
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// Use this address instead of `base_url` from program.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Build only this audience's site of program.yaml's `audiences` (into OUTPUT/ID/; the other audiences' sites stay as they were).
    #[arg(long, value_name = "ID")]
    pub audience: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// For people, in the terminal.
    Human,
    /// A JSON list of the problems.
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// How to report problems: for people, as JSON, or for a CI system (github, gitlab, sarif).
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Name files in CI reports with this path before the content folder's (default: the content folder's path from the repository's top folder, found by its `.git`).
    #[arg(long, value_name = "PREFIX")]
    pub path_prefix: Option<String>,
}
