//! The command line, defined once: doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
  textmend clean --in-place --report report.json pages/*.txt")]
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
    /// Print every change as `path:line:col: reason: before -> after` followed by its plan
    /// (e.g. `encode windows-1252 -> decode utf-8`), one line each, instead of the output.
    #[arg(long, conflicts_with_all = ["in_place", "diff"])]
    pub explain: bool,
    #[command(flatten)]
    pub repair: RepairArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Optional repairs of `fix` and `clean`.
#[derive(Debug, Args)]
pub struct RepairArgs {
    /// Start from a preset: `ftfy` behaves like ftfy's `fix_text` defaults (straight quotes,
    /// ligatures split, fullwidth forms made standard, NFC, no legacy East Asian repair).
    #[arg(long, value_enum, value_name = "NAME")]
    pub preset: Option<Preset>,
    /// Make curly quotes straight (‘’ → ', “” → ").
    #[arg(long)]
    pub uncurl_quotes: bool,
    /// Split Latin ligatures into letters (ﬁ → fi).
    #[arg(long)]
    pub fix_ligatures: bool,
    /// Make fullwidth Latin letters, digits and signs ASCII, and halfwidth forms standard.
    #[arg(long)]
    pub fix_fullwidth: bool,
    /// Unicode normalization form of the output: nfc (the default), nfd, nfkc, nfkd or none.
    #[arg(long, value_enum, value_name = "FORM")]
    pub normalization: Option<Normalization>,
}

/// Configuration presets.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Preset {
    /// textmend's defaults.
    Default,
    /// Like ftfy's `fix_text` defaults.
    Ftfy,
}

/// `--normalization` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Normalization {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
    None,
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
