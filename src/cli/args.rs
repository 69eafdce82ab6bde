//! The command line, defined once: doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Repair broken text encoding (mojibake) and strip page chrome from scraped text.
///
/// textmend writes clean UTF-8 and can say, for every change, what it changed and why.
#[derive(Debug, Parser)]
#[command(name = "textmend", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  textmend clean page.txt                  clean one scraped page to stdout
  textmend fix --in-place notes.txt        repair a file where it is
  cat broken.txt | textmend fix            repair standard input
  textmend fix --diff page.txt             show what would change, and why
  textmend check archive/*.txt             list damage as path:line:col (exit 1 if any)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Repair mojibake and character damage; keep everything else as it is.
    #[command(after_help = "Examples:
  textmend fix page.txt > fixed.txt
  textmend fix -o fixed.txt page.txt
  textmend fix --in-place *.txt
  textmend fix --diff --report report.json page.txt")]
    Fix(FixArgs),
    /// Repair, strip page chrome (menus, breadcrumbs, share bars, copyright lines), and
    /// normalize whitespace.
    #[command(after_help = "Examples:
  textmend clean page.txt
  textmend clean --diff page.txt
  textmend clean --in-place --report report.json pages/*.txt
  textmend clean --output-dir out/ pages/        learn boilerplate over a directory, then strip
  textmend clean --boilerplate-out counts.json --output-dir out/ pages/")]
    Clean(FixArgs),
    /// Report damaged text as `path:line:col: reason: before -> after`, without changing
    /// anything. Exit 0 when nothing is found, 1 when something is, 2 on errors.
    #[command(after_help = "Examples:
  textmend check page.txt
  textmend check archive/*.txt || echo damaged")]
    Check(CheckArgs),
}

/// Options shared by `fix` and `clean`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files to read; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "in_place")]
    pub output: Option<PathBuf>,
    /// Rewrite each file in place, atomically (a temporary file in the same directory, then a
    /// rename); a file whose text does not change is not rewritten.
    #[arg(short = 'i', long)]
    pub in_place: bool,
    /// Print a unified diff of input against output, with the reasons of each hunk's changes,
    /// instead of the output.
    #[arg(long, conflicts_with = "in_place")]
    pub diff: bool,
    /// Write a JSON report of every change (schema in the README) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub batch: super::clean_dir::BatchArgs,
}

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// How input bytes are read.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Decode input as LABEL (e.g. gbk, shift_jis, windows-1251) instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Fail on invalid byte sequences instead of replacing them with U+FFFD.
    #[arg(long)]
    pub strict: bool,
}
