//! The subcommands. Each expands its paths into inputs, processes them in parallel (results
//! in input order, [`ordered_map`]), reports an error on one input and goes on with the next.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use textmend::batch::jsonl::{self, JsonlError, JsonlOptions};
use textmend::batch::ordered::{WINDOW_PER_THREAD, Workers, ordered_map_grouped};

/// Files handed to a worker thread at a time: one task per file would cost a few thread
/// wake-ups per file, a large share of the work on small files.
const FILES_PER_TASK: usize = 4;
use textmend::batch::twopass::{self, Kept, Pass1Cache};
use textmend::batch::write::{AtomicFile, replace_atomic, write_new_atomic};
use textmend::batch::{Summary, warc};
use textmend::report;
use textmend::report::check::{self as check_fmt, CheckFinding};
use textmend::report::html::HtmlEntry;
use textmend::strip::boilerplate::{Boilerplate, line_fingerprints};
use textmend::{Config, DecodeError, Document, Mode};

use super::Outcome;
use super::args::{
    BoilerplateCommand, CheckArgs, Cli, Command, FixArgs, Format, InputArgs, Normalization, Preset,
    RepairArgs, RunArgs, WalkArgs,
};
use super::check_config::CheckConfig;
use super::input::{self, Input};

/// Set by Ctrl-C: work stops between documents, nothing half-written is left.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn keep_going() -> bool {
    !INTERRUPTED.load(Ordering::SeqCst)
}

/// Run the subcommand `cli` asks for.
pub fn run(cli: Cli) -> Result<Outcome> {
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    let mut outcome = match cli.command {
        Command::Fix(args) => fix_or_clean(Mode::Fix, args),
        Command::Clean(args) => fix_or_clean(Mode::Clean, args),
        Command::Check(args) => check(args),
        Command::Detect(args) => super::detect::detect(args),
        Command::Boilerplate(BoilerplateCommand::Count(args)) => super::boilerplate::count(args),
    }?;
    if !keep_going() {
        eprintln!("textmend: interrupted");
        outcome.interrupted = true;
    }
    Ok(outcome)
}

pub(super) fn config_from(input: &InputArgs) -> Config {
    let mut config = Config::default();
    config.decode.encoding = input.encoding.clone();
    config.decode.strict = input.strict;
    config.decode.tld = input.tld.clone();
    config
}

/// The configuration of `fix` and `clean`: a preset, then the optional repairs asked for.
fn repair_config_from(input: &InputArgs, repair: &RepairArgs) -> Config {
    let mut config = match repair.preset {
        Some(Preset::Ftfy) => Config::ftfy_compatible(),
        Some(Preset::Default) | None => Config::default(),
    };
    config.decode.encoding = input.encoding.clone();
    config.decode.strict = input.strict;
    config.decode.tld = input.tld.clone();
    let r = &mut config.repair;
    r.uncurl_quotes |= repair.uncurl_quotes;
    r.fix_latin_ligatures |= repair.fix_ligatures;
    r.fix_fullwidth_latin |= repair.fix_fullwidth;
    if let Some(form) = repair.normalization {
        use textmend::config::NormalForm;
        r.normalization = match form {
            Normalization::Nfc => Some(NormalForm::Nfc),
            Normalization::Nfd => Some(NormalForm::Nfd),
            Normalization::Nfkc => Some(NormalForm::Nfkc),
            Normalization::Nfkd => Some(NormalForm::Nfkd),
            Normalization::None => None,
        };
    }
    config
}

/// `--explain`: every change of `doc` with its place, reason and plan, one line each.
fn explain(name: &str, doc: &Document) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (f, c) in report::located(doc) {
        out.push_str(&check_fmt::human(&CheckFinding::new(name, &f, c)));
        if let textmend::Reason::Mojibake { plan, .. } = &c.reason {
            let _ = write!(out, "  [{}]", plan.join(" -> "));
        }
        out.push('\n');
    }
    out
}

fn start_workers(run: &RunArgs) -> Result<Workers> {
    Workers::new(run.threads).context("cannot start worker threads")
}

/// Where the main output goes: stdout, or a file that takes its name only at the end.
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File(AtomicFile),
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink> {
        Ok(match path {
            Some(p) => Sink::File(AtomicFile::create(p)?),
            None => Sink::Stdout(BufWriter::new(io::stdout())),
        })
    }

    fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush()?,
            Sink::File(f) => f.commit()?,
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

fn progress(total: usize, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || total < 2 || !io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(total as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} documents {binary_bytes_per_sec} eta {eta}",
        )
        .expect("progress template"),
    );
    Some(pb)
}

fn is_warc(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// The site a file belongs to for boilerplate counts: its directory relative to the argument it
/// was found under (`pages/example.com/a.txt` under `pages/`: `example.com`), or the name of the
/// directory it is in, so that counts learned over parts of a batch merge by site.
fn site_of(input: &Input) -> String {
    let Input::File { entry, .. } = input else {
        return "-".into();
    };
    match entry.relative.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => {
            let dir = match entry.path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            std::fs::canonicalize(dir)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| dir.display().to_string())
        }
    }
}

/// Pass 1 of batch cleaning: count the lines of every document (repaired) per site, keeping
/// the repaired documents that fit in the cache's budget for pass 2.
fn learn(
    docs: &[Input],
    config: &Config,
    workers: &Workers,
    counts: &mut Boilerplate,
    cache: &mut Pass1Cache,
) {
    let work = |(index, input): (usize, &Input)| {
        if !keep_going() {
            return None;
        }
        let bytes = input.read().ok()?;
        let first = twopass::pass1(&bytes, config)?;
        let fingerprints = line_fingerprints(&first.doc.output);
        Some((
            index,
            site_of(input),
            bytes.len() as u64,
            first,
            fingerprints,
        ))
    };
    let window = workers.threads() * WINDOW_PER_THREAD;
    let _ = ordered_map_grouped::<_, _, _, ()>(
        workers,
        docs.iter().enumerate(),
        window,
        FILES_PER_TASK,
        work,
        |r| {
            if let Some((index, site, size, first, fingerprints)) = r {
                counts.observe_fingerprints(&site, &fingerprints);
                cache.offer(index, size, first);
            }
            Ok(())
        },
    );
}

/// What happened to one document.
enum Done {
    Failed(String),
    Skipped(String),
    Ok {
        /// True when the output differs from the input.
        changed: bool,
        /// The output, when it goes to standard output or `-o` (the rest of the document is
        /// freed on the worker thread that made it).
        output: Option<String>,
        /// The unified diff (`--diff`) or the list of changes (`--explain`).
        diff: Option<String>,
        /// An error writing the output file, with `--in-place` or `--out-dir`.
        write_error: Option<String>,
        /// The document's entry in the `--report` (built on the worker thread).
        report: Option<ReportEntry>,
    },
}

/// One document's part of a `--report`.
enum ReportEntry {
    /// Its object in the JSON report, laid out ([`report::json::entry`]).
    Json(String),
    Html(Box<HtmlEntry>),
}

/// True when `--report` names an HTML file.
fn html_report(args: &FixArgs) -> bool {
    args.report
        .as_ref()
        .is_some_and(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
}

/// Read, process and (for --in-place / --out-dir) write one document.
fn handle(
    input: &Input,
    mode: Mode,
    config: &Config,
    args: &FixArgs,
    counts: Option<&Boilerplate>,
    cached: Option<Kept>,
) -> (u64, Done) {
    let name = input.display();
    let site_name = counts.map(|_| site_of(input));
    let site = counts.zip(site_name.as_deref()).map(|(c, s)| c.view(s));
    let (size, doc) = if let Some(Kept::Document(size, fixed)) = cached {
        // Pass 1 decoded and repaired this document already.
        (size, twopass::finish_clean(fixed, config, site))
    } else {
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => return (0, Done::Failed(format!("{e:#}"))),
        };
        let size = bytes.len() as u64;
        // Pass 1 found nothing to repair in these bytes: decode them, skip repair.
        let resumed = match &cached {
            Some(Kept::Unrepaired(kept)) => kept.resume(&bytes, config),
            _ => None,
        };
        let processed = match resumed {
            Some(fixed) => Ok(twopass::finish_clean(fixed, config, site)),
            None => textmend::process_with(&bytes, mode, config, site),
        };
        match processed {
            Ok(doc) => (size, doc),
            Err(e @ DecodeError::Binary(_))
                if matches!(input, Input::File { walked: true, .. }) =>
            {
                return (size, Done::Skipped(format!("{name}: {e}")));
            }
            Err(e) => return (size, Done::Failed(format!("{name}: {e}"))),
        }
    };
    let diff = if args.explain {
        Some(explain(&name, &doc))
    } else {
        args.diff.then(|| report::diff::unified(&name, &doc))
    };
    let mut write_error = None;
    if let Input::File { entry, .. } = input {
        let result = if args.in_place {
            if doc.changed() || doc.encoding != "UTF-8" {
                replace_atomic(&entry.path, doc.output.as_bytes(), args.backup.as_deref())
            } else {
                Ok(())
            }
        } else if let Some(dir) = &args.out_dir {
            write_new_atomic(&dir.join(&entry.relative), doc.output.as_bytes(), None)
        } else {
            Ok(())
        };
        write_error = result.err().map(|e| e.to_string());
    }
    let report = match (&args.report, html_report(args)) {
        (None, _) => None,
        (Some(_), true) => doc
            .changed()
            .then(|| ReportEntry::Html(Box::new(HtmlEntry::new(&name, &doc)))),
        (Some(_), false) => Some(ReportEntry::Json(report::json::entry(&name, &doc))),
    };
    let to_sink = diff.is_none()
        && ((!args.in_place && args.out_dir.is_none()) || matches!(input, Input::Stdin));
    (
        size,
        Done::Ok {
            changed: doc.changed(),
            output: to_sink.then_some(doc.output),
            diff,
            write_error,
            report,
        },
    )
}

fn fix_or_clean(mode: Mode, args: FixArgs) -> Result<Outcome> {
    if mode == Mode::Fix
        && (!args.learn.boilerplate_in.is_empty()
            || args.learn.boilerplate_out.is_some()
            || args.learn.no_learn)
    {
        anyhow::bail!("--boilerplate-in, --boilerplate-out and --no-learn are options of `clean`");
    }
    let mut config = repair_config_from(&args.input, &args.repair);
    config.html.format = args.format.into();
    config.html.headline = args.headline;
    let workers = start_workers(&args.run)?;
    let started = Instant::now();
    let mut outcome = Outcome::default();
    let mut summary = Summary::default();
    let mut sink = Sink::open(args.output.as_deref())?;
    // A summary ends runs over directories, and interactive runs over several files.
    let mut batch = args.paths.len() > 1 && io::stderr().is_terminal();

    if args.jsonl.jsonl {
        run_jsonl(
            mode,
            &args,
            &config,
            &workers,
            &mut sink,
            &mut summary,
            &mut outcome,
        )?;
    } else {
        let (inputs, walk_errors, any_dir) = input::expand(&args.paths, &args.walk);
        batch |= any_dir;
        for e in walk_errors {
            eprintln!("textmend: {e}");
            outcome.failed = true;
            summary.failed += 1;
        }
        let (warcs, docs): (Vec<Input>, Vec<Input>) = inputs
            .into_iter()
            .partition(|i| matches!(i, Input::File { entry, .. } if is_warc(&entry.path)));
        for w in &warcs {
            run_warc(w, &config, &args, &mut sink, &mut summary, &mut outcome)?;
        }
        // Plain `fix` of one input needs no whole-document record: stream it in bounded memory.
        let stream = mode == Mode::Fix
            && docs.len() == 1
            && !args.diff
            && !args.explain
            && !args.in_place
            && args.out_dir.is_none()
            && args.report.is_none()
            && !args.input.strict;
        if stream {
            summary.documents += 1;
            if let Err(e) = super::detect::fix_streaming(&docs[0], &mut sink, &config) {
                if super::is_broken_pipe(&e) {
                    return Err(e);
                }
                eprintln!("textmend: {e:#}");
                outcome.failed = true;
                summary.failed += 1;
            }
        }
        let docs = if stream { &[][..] } else { &docs[..] };
        // Batch cleaning learns boilerplate per site in a first pass (and/or reads counts).
        let learn_args = &args.learn;
        let mut cache = Pass1Cache::new(docs.len(), twopass::CACHE_BUDGET);
        let counts = if mode == Mode::Clean
            && (any_dir
                || !learn_args.boilerplate_in.is_empty()
                || learn_args.boilerplate_out.is_some())
        {
            let mut counts = super::boilerplate::load(&learn_args.boilerplate_in)?;
            if !learn_args.no_learn {
                learn(docs, &config, &workers, &mut counts, &mut cache);
            }
            if let Some(path) = &learn_args.boilerplate_out {
                write_new_atomic(
                    path,
                    (serde_json::to_string(&counts)? + "\n").as_bytes(),
                    None,
                )?;
            }
            Some(counts)
        } else {
            None
        };
        let pb = progress(docs.len(), args.run.quiet);
        let html = html_report(&args);
        let mut html_report = if html {
            Some(report::html::HtmlReport::new().context("cannot start the HTML report")?)
        } else {
            None
        };
        // The JSON report is written as documents come, through a temporary file that takes
        // its name only when the run completes.
        let mut json_report = match &args.report {
            Some(path) if !html => Some(report::json::BatchReport::new(AtomicFile::create(path)?)?),
            _ => None,
        };
        let work = |(index, cached): (usize, Option<Kept>)| {
            let r = if keep_going() {
                handle(&docs[index], mode, &config, &args, counts.as_ref(), cached)
            } else {
                (0, Done::Failed("interrupted".into()))
            };
            (index, r)
        };
        let inputs = (0..docs.len()).map(|i| (i, cache.take(i)));
        let window = workers.threads() * WINDOW_PER_THREAD;
        ordered_map_grouped(
            &workers,
            inputs,
            window,
            FILES_PER_TASK,
            work,
            |(_, (size, done))| -> Result<()> {
                if !keep_going() {
                    return Ok(());
                }
                summary.documents += 1;
                summary.bytes += size;
                if let Some(pb) = &pb {
                    pb.inc(1);
                }
                match done {
                    Done::Failed(msg) => {
                        report_error(&pb, &msg);
                        outcome.failed = true;
                        summary.failed += 1;
                    }
                    Done::Skipped(msg) => {
                        report_error(&pb, &msg);
                        summary.skipped += 1;
                    }
                    Done::Ok {
                        changed,
                        output,
                        diff,
                        write_error,
                        report,
                    } => {
                        summary.changed += changed as u64;
                        if let Some(msg) = write_error {
                            report_error(&pb, &msg);
                            outcome.failed = true;
                            summary.failed += 1;
                        }
                        if let Some(diff) = diff {
                            sink.write_all(diff.as_bytes())?;
                        } else if let Some(output) = output {
                            sink.write_all(output.as_bytes())?;
                        }
                        match report {
                            Some(ReportEntry::Html(entry)) => {
                                if let Some(r) = html_report.as_mut() {
                                    r.push(*entry)?;
                                }
                            }
                            Some(ReportEntry::Json(text)) => {
                                if let Some(r) = json_report.as_mut() {
                                    r.push(&text)?;
                                }
                            }
                            None => {}
                        }
                    }
                }
                Ok(())
            },
        )?;
        if let Some(pb) = pb {
            pb.finish_and_clear();
        }
        if let Some(path) = &args.report
            && keep_going()
        {
            if let Some(r) = json_report {
                r.finish()?.commit()?;
            } else if let Some(r) = html_report {
                let mut file = AtomicFile::create(path)?;
                r.finish(summary.documents as usize, &mut file)?;
                file.commit()?;
            }
        }
    }
    if !keep_going() {
        // Dropping the sink removes a half-written -o file.
        return Ok(outcome);
    }
    sink.finish()?;
    if batch && !args.run.quiet {
        eprintln!("textmend: {}", summary.line(started.elapsed()));
    }
    Ok(outcome)
}

fn report_error(pb: &Option<indicatif::ProgressBar>, msg: &str) {
    match pb {
        Some(pb) => pb.suspend(|| eprintln!("textmend: {msg}")),
        None => eprintln!("textmend: {msg}"),
    }
}

fn run_jsonl(
    mode: Mode,
    args: &FixArgs,
    config: &Config,
    workers: &Workers,
    sink: &mut Sink,
    summary: &mut Summary,
    outcome: &mut Outcome,
) -> Result<()> {
    let options = JsonlOptions {
        field: args.jsonl.field.clone(),
        annotate: args.jsonl.annotate,
        strict: args.input.strict,
        mode,
        boilerplate: if args.learn.boilerplate_in.is_empty() {
            None
        } else {
            Some(std::sync::Arc::new(super::boilerplate::load(
                &args.learn.boilerplate_in,
            )?))
        },
        site_field: args.jsonl.site_field.clone(),
    };
    let paths: Vec<Option<&PathBuf>> = if args.paths.is_empty() {
        vec![None]
    } else {
        args.paths
            .iter()
            .map(|p| (p.as_os_str() != "-").then_some(p))
            .collect()
    };
    for path in paths {
        let name = path.map_or("-".into(), |p| p.display().to_string());
        let result = match path {
            None => jsonl::run_on(
                workers,
                io::stdin().lock(),
                sink,
                &options,
                config,
                &keep_going,
            ),
            Some(p) => match File::open(p) {
                Ok(f) => jsonl::run_on(
                    workers,
                    BufReader::new(f),
                    sink,
                    &options,
                    config,
                    &keep_going,
                ),
                Err(e) => Err(JsonlError::Io(e)),
            },
        };
        match result {
            Ok(s) => {
                // Passed through, not lost, and the run goes on (a pipe under Spark or Hadoop
                // must not fail for one bad record); but said, or nobody would know.
                if s.failed > 0 {
                    let records = if s.failed == 1 { "record" } else { "records" };
                    eprintln!(
                        "textmend: {name}: {} malformed {records} passed through with `{}` \
                         (--strict stops at the first)",
                        s.failed,
                        jsonl::ERROR_FIELD
                    );
                }
                summary.add(&s)
            }
            Err(JsonlError::Interrupted) => break,
            Err(JsonlError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
                return Err(e.into());
            }
            Err(e) => {
                eprintln!("textmend: {name}: {e}");
                outcome.failed = true;
                summary.failed += 1;
                if matches!(e, JsonlError::Malformed { .. }) {
                    break;
                }
            }
        }
    }
    Ok(())
}

fn run_warc(
    input: &Input,
    config: &Config,
    args: &FixArgs,
    sink: &mut Sink,
    summary: &mut Summary,
    outcome: &mut Outcome,
) -> Result<()> {
    let Input::File { entry, .. } = input else {
        return Ok(());
    };
    let path = &entry.path;
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("textmend: {}: cannot read: {e}", path.display());
            outcome.failed = true;
            return Ok(());
        }
    };
    let gz = path.to_string_lossy().to_ascii_lowercase().ends_with(".gz");
    match warc::run(
        warc::reader(file, gz),
        sink,
        config,
        args.jsonl.annotate,
        &keep_going,
    ) {
        Ok(s) => summary.add(&s),
        Err(warc::WarcError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Err(e.into());
        }
        Err(e) => {
            eprintln!("textmend: {}: {e}", path.display());
            outcome.failed = true;
        }
    }
    Ok(())
}

/// The inputs of `check`, each with the index of the settings that apply to it; the settings;
/// and the paths that could not be walked.
struct CheckInputs {
    inputs: Vec<(Input, usize)>,
    settings: Vec<CheckConfig>,
    errors: Vec<String>,
}

fn check_inputs(args: &CheckArgs) -> Result<CheckInputs> {
    let explicit = args.config.as_deref().map(CheckConfig::load).transpose()?;
    let mut settings = Vec::new();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        let found = if let Some(c) = &explicit {
            c.clone()
        } else if p.is_dir() && p.join("textmend.toml").is_file() {
            CheckConfig::load(&p.join("textmend.toml"))?
        } else if !p.is_dir() && Path::new("textmend.toml").is_file() {
            CheckConfig::load(Path::new("textmend.toml"))?
        } else {
            CheckConfig::default()
        };
        let walk = WalkArgs {
            glob: args
                .walk
                .glob
                .iter()
                .cloned()
                .chain(found.globs())
                .collect(),
            hidden: args.walk.hidden,
            no_ignore: args.walk.no_ignore,
        };
        let (ins, errs, _) = input::expand(std::slice::from_ref(p), &walk);
        let idx = settings.len();
        settings.push(found);
        inputs.extend(ins.into_iter().map(|i| (i, idx)));
        errors.extend(errs);
    }
    Ok(CheckInputs {
        inputs,
        settings,
        errors,
    })
}

/// Findings of one document under `settings`, and the line naming its encoding when `check`
/// should print it (the document is not UTF-8, or contradicts its declaration).
fn check_one(
    input: &Input,
    config: &Config,
    settings: &CheckConfig,
) -> Result<(Vec<CheckFinding>, Option<String>), String> {
    let name = input.display();
    let bytes = input.read().map_err(|e| format!("{e:#}"))?;
    let doc = match textmend::process(&bytes, Mode::Fix, config) {
        Ok(doc) => doc,
        Err(e @ DecodeError::Binary(_)) if matches!(input, Input::File { walked: true, .. }) => {
            eprintln!("textmend: {name}: {e}");
            return Ok((Vec::new(), None));
        }
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut out = Vec::new();
    let encoding_line = super::detect::encoding_line(&name, &doc);
    if !settings.allows_encoding(doc.encoding) && settings.reports("encoding_not_allowed") {
        out.push(CheckFinding {
            path: name.clone(),
            line: 1,
            column: 1,
            name: "encoding_not_allowed".into(),
            reason: format!(
                "encoding_not_allowed({} {})",
                doc.encoding,
                doc.source.name()
            ),
            before: doc.encoding.into(),
            after: "UTF-8".into(),
        });
    }
    for (f, c) in report::located(&doc) {
        if settings.reports(c.reason.name()) {
            out.push(CheckFinding::new(&name, &f, c));
        }
    }
    let show = doc.encoding != "UTF-8" || doc.overridden;
    Ok((out, show.then_some(encoding_line)))
}

fn check(args: CheckArgs) -> Result<Outcome> {
    let config = config_from(&args.input);
    let workers = start_workers(&args.run)?;
    let mut outcome = Outcome::default();
    let CheckInputs {
        inputs,
        settings,
        errors,
    } = check_inputs(&args)?;
    for e in errors {
        eprintln!("textmend: {e}");
        outcome.failed = true;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all = Vec::new();
    let pb = progress(inputs.len(), args.run.quiet);
    let work = |(i, s): &(Input, usize)| {
        if keep_going() {
            check_one(i, &config, &settings[*s])
        } else {
            Err("interrupted".into())
        }
    };
    let window = workers.threads() * WINDOW_PER_THREAD;
    ordered_map_grouped(
        &workers,
        inputs.iter(),
        window,
        FILES_PER_TASK,
        work,
        |r| -> Result<()> {
            if !keep_going() {
                return Ok(());
            }
            if let Some(pb) = &pb {
                pb.inc(1);
            }
            match r {
                Err(msg) => {
                    report_error(&pb, &msg);
                    outcome.failed = true;
                }
                Ok((findings, encoding_line)) => {
                    outcome.found |= !findings.is_empty();
                    if let (Format::Human, Some(line)) = (args.format, encoding_line) {
                        writeln!(out, "{line}")?;
                    }
                    for f in findings {
                        match args.format {
                            Format::Human => writeln!(out, "{}", check_fmt::human(&f))?,
                            Format::Json => writeln!(out, "{}", check_fmt::json_line(&f))?,
                            Format::Github => writeln!(out, "{}", check_fmt::github(&f))?,
                            Format::Sarif => all.push(f),
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    if args.format == Format::Sarif {
        out.write_all(check_fmt::sarif(&all).as_bytes())?;
    }
    out.flush()?;
    Ok(outcome)
}
