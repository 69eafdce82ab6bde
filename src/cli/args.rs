//! The command line, defined once: doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Repair broken text encoding (mojibake) and strip page chrome from scraped text.
///
/// textmend writes clean UTF-8 and can say, for every change, what it changed and why.
/// Paths may be files or directories (walked recursively, honouring .gitignore).
#[derive(Debug, Parser)]
#[command(name = "textmend", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  textmend clean page.txt                  clean one scraped page to stdout
  textmend clean --format markdown a.html  main content of a web page as Markdown
  textmend fix --in-place notes.txt        repair a file where it is
  cat broken.txt | textmend fix            repair standard input
  textmend fix --diff page.txt             show what would change, and why
  textmend clean --out-dir clean/ pages/   clean a tree of pages on all cores
  textmend clean --jsonl < in.jsonl > out.jsonl
  textmend check archive/                  list damage as path:line:col (exit 1 if any)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Repair mojibake and character damage; keep everything else as it is.
    #[command(after_help = "Examples:
  textmend fix page.txt > fixed.txt
  textmend fix -o fixed.txt page.txt
  textmend fix --in-place --backup .orig *.txt
  textmend fix --diff --report report.json page.txt
  textmend fix --jsonl --field body < records.jsonl")]
    Fix(FixArgs),
    /// Repair, strip page chrome (menus, breadcrumbs, share bars, copyright lines), and
    /// normalize whitespace.
    #[command(after_help = "Examples:
  textmend clean page.txt
  textmend clean --diff page.txt
  textmend clean --out-dir clean/ --glob '*.txt' pages/
  textmend clean --report report.html --in-place pages/
  textmend clean crawl.warc.gz > pages.jsonl
  textmend clean --out-dir out/ pages/     learn boilerplate per site (directory), then strip
  textmend clean --boilerplate-out counts.json --out-dir out/ pages/")]
    Clean(FixArgs),
    /// Report damaged text as `path:line:col: reason: before -> after`, without changing
    /// anything. Exit 0 when nothing is found, 1 when something is, 2 on errors.
    ///
    /// A `textmend.toml` at the root of a checked directory (or given with --config) can set
    /// `include`/`exclude` globs, the `checks` to run (reason names), reasons to `ignore`, and
    /// the allowed `encodings`.
    #[command(after_help = "Examples:
  textmend check page.txt
  textmend check --format github archive/
  textmend check --format sarif archive/ > textmend.sarif")]
    Check(CheckArgs),
    /// Print how each file's encoding is chosen: `path: encoding (bom|declared|detected|assumed)`.
    #[command(after_help = "Examples:
  textmend detect page.html notes.txt
  textmend detect --json archive/*.txt")]
    Detect(DetectArgs),
    /// Learn boilerplate across a batch of records (pass 1 of two; see `clean --boilerplate-in`).
    #[command(subcommand)]
    Boilerplate(BoilerplateCommand),
}

/// Options of `detect`.
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Files to look at; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Print one JSON object per file (path, encoding, source, declared, overridden, invalid,
    /// binary) instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// Subcommands of `boilerplate`.
#[derive(Debug, Subcommand)]
pub enum BoilerplateCommand {
    /// Count, per site, how many JSON Lines records contain each line (by fingerprint), and
    /// write the counts as JSON Lines `{"site":..,"fingerprint":..,"docs":n}` (a `null`
    /// fingerprint counts the site's records). Counts of parts of a batch add up by key.
    #[command(after_help = "Examples:
  textmend boilerplate count --jsonl < records.jsonl > counts.jsonl
  textmend clean --jsonl --boilerplate-in counts.jsonl < records.jsonl > clean.jsonl")]
    Count(CountArgs),
}

/// Options of `boilerplate count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// JSON Lines files to read; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Input is JSON Lines (the only input format of this command; accepted for symmetry).
    #[arg(long)]
    pub jsonl: bool,
    /// The field holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub field: String,
    /// The field whose URL host (or value) names the record's site.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub site_field: String,
    /// Write the counts to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Options shared by `fix` and `clean`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or directories to read; `-` or nothing reads standard input. `.warc` and
    /// `.warc.gz` files are read as web archives and written as JSON Lines.
    pub paths: Vec<PathBuf>,
    /// Write the output to FILE instead of standard output (written atomically).
    #[arg(short, long, value_name = "FILE", conflicts_with_all = ["in_place", "out_dir"])]
    pub output: Option<PathBuf>,
    /// Rewrite each file in place, atomically (a temporary file in the same directory, then a
    /// rename); a file whose text does not change is not rewritten.
    #[arg(short = 'i', long, conflicts_with = "out_dir")]
    pub in_place: bool,
    /// With --in-place, keep each original as PATH + SUFFIX.
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub backup: Option<String>,
    /// Write each output under DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Print a unified diff of input against output, with the reasons of each hunk's changes,
    /// instead of the output.
    #[arg(long, conflicts_with_all = ["in_place", "out_dir", "jsonl"])]
    pub diff: bool,
    /// Write a report of every change to FILE: JSON (schema in the README), or a
    /// self-contained HTML page with side-by-side diffs when FILE ends in .html.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Output format of `clean` for HTML input: plain text, Markdown (headings, lists,
    /// emphasis, links) or a cleaned HTML fragment.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// For HTML input: put the page's headline first when the main content does not include
    /// it.
    #[arg(long)]
    pub headline: bool,
    #[command(flatten)]
    pub jsonl: JsonlArgs,
    #[command(flatten)]
    pub learn: LearnArgs,
    /// Print every change as `path:line:col: reason: before -> after` followed by its plan
    /// (e.g. `encode windows-1252 -> decode utf-8`), one line each, instead of the output.
    #[arg(long, conflicts_with_all = ["in_place", "out_dir", "diff", "jsonl"])]
    pub explain: bool,
    #[command(flatten)]
    pub repair: RepairArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Boilerplate learned across a batch (`clean` over directories).
#[derive(Debug, Args)]
pub struct LearnArgs {
    /// Read boilerplate counts from FILE; repeatable, the counts are merged. A batch too large
    /// for one run can be counted in parts. For files and directories: JSON written by
    /// --boilerplate-out. With --jsonl: the JSON Lines of `textmend boilerplate count`, whose
    /// records' sites come from --site-field.
    #[arg(long, value_name = "FILE")]
    pub boilerplate_in: Vec<PathBuf>,
    /// Write the boilerplate counts (those read plus those learned) to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub boilerplate_out: Option<PathBuf>,
    /// Do not learn boilerplate from the inputs: per-page rules only (counts from
    /// --boilerplate-in still apply).
    #[arg(long)]
    pub no_learn: bool,
}

/// JSON Lines streams.
#[derive(Debug, Args)]
pub struct JsonlArgs {
    /// Read JSON Lines (stdin or files) and write one record per input record, in order.
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: the field holding the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub field: String,
    /// With --jsonl or WARC input: add a `textmend` object (changes, reasons, removed lines)
    /// to each record.
    #[arg(long)]
    pub annotate: bool,
    /// With --boilerplate-in: the field whose URL host (or value) names the record's site.
    #[arg(long, value_name = "NAME", default_value = "url")]
    pub site_field: String,
}

/// Output formats of `clean` for HTML input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// A cleaned HTML fragment.
    Html,
}

impl From<OutputFormat> for textmend::html::Format {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Text => textmend::html::Format::Text,
            OutputFormat::Markdown => textmend::html::Format::Markdown,
            OutputFormat::Html => textmend::html::Format::Html,
        }
    }
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
    /// Files or directories to check; `-` or nothing reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Read settings from FILE instead of `textmend.toml` at the root of each directory.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: reason: before -> after`
    Human,
    /// One JSON object per finding per line.
    Json,
    /// GitHub Actions annotations: `::warning file=…,line=…,col=…::…`
    Github,
    /// One SARIF 2.1.0 document.
    Sarif,
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
    /// Top-level domain the input came from (`cn`, `jp`, `ru`...), a hint for detection.
    #[arg(long, value_name = "TLD")]
    pub tld: Option<String>,
}

/// How directories are walked.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// Only files matching GLOB (repeatable; `!GLOB` excludes).
    #[arg(short, long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Also process hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Do not honour .gitignore and .ignore files.
    #[arg(long)]
    pub no_ignore: bool,
}

/// How the run goes.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Number of threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}
