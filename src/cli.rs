//! The command line: every command and flag in one place.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tandem",
    version,
    about = "Turns a reverse-mentoring programme's documentation and the diaries of its tandems into a website.",
    after_help = "Start with `tandem build` in the folder that holds `content/`, then open public/index.html.\nExit status: 0 success, 1 content errors, 2 usage errors."
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

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The output folder.
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// Use this address instead of `base_url` from program.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// How to report problems: for people, or as JSON for CI annotations.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}
