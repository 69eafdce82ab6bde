//! The subcommands: each reads its inputs one by one, reports an error on one input and goes on
//! with the next.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};
use textmend::report::{self, escape};
use textmend::{Config, Document, Mode};

use super::Outcome;
use super::args::{CheckArgs, Cli, Command, FixArgs, InputArgs};
use super::io::{Input, write_atomic};

/// Run the subcommand `cli` asks for.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Fix(args) => fix_or_clean(Mode::Fix, args),
        Command::Clean(args) => fix_or_clean(Mode::Clean, args),
        Command::Check(args) => check(args),
    }
}

fn config_from(input: &InputArgs) -> Config {
    let mut config = Config::default();
    config.decode.encoding = input.encoding.clone();
    config.decode.strict = input.strict;
    config
}

/// Read and process one input; an error names the input.
fn process(input: &Input, mode: Mode, config: &Config) -> Result<Document> {
    let bytes = input.read()?;
    textmend::process(&bytes, mode, config).with_context(|| input.display())
}

fn fix_or_clean(mode: Mode, args: FixArgs) -> Result<Outcome> {
    let config = config_from(&args.input);
    let b = &args.batch;
    if mode == Mode::Fix
        && (b.output_dir.is_some()
            || !b.boilerplate_in.is_empty()
            || b.boilerplate_out.is_some()
            || b.no_learn)
    {
        anyhow::bail!(
            "--output-dir, --boilerplate-in, --boilerplate-out and --no-learn are options of `clean`"
        );
    }
    if mode == Mode::Clean && super::clean_dir::wanted(&args) {
        let stdout = io::stdout();
        let mut out: Box<dyn Write> = match &args.output {
            Some(path) => Box::new(BufWriter::new(
                File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
            )),
            None => Box::new(BufWriter::new(stdout.lock())),
        };
        let outcome = super::clean_dir::run(&args, &config, &mut out)?;
        out.flush()?;
        return Ok(outcome);
    }
    let mut outcome = Outcome::default();
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => Box::new(BufWriter::new(stdout.lock())),
    };
    let mut reports = Vec::new();
    for input in Input::from_paths(&args.paths) {
        let name = input.display();
        let doc = match process(&input, mode, &config) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("textmend: {e:#}");
                outcome.failed = true;
                continue;
            }
        };
        if args.diff {
            out.write_all(report::diff::unified(&name, &doc).as_bytes())?;
        } else if args.in_place {
            match &input {
                Input::File(path) if doc.changed() || doc.encoding != "UTF-8" => {
                    if let Err(e) = write_atomic(path, doc.output.as_bytes()) {
                        eprintln!("textmend: {e:#}");
                        outcome.failed = true;
                    }
                }
                Input::File(_) => {}
                Input::Stdin => out.write_all(doc.output.as_bytes())?,
            }
        } else {
            out.write_all(doc.output.as_bytes())?;
        }
        if args.report.is_some() {
            reports.push(serde_json::to_value(report::json::document_report(
                &name, &doc,
            ))?);
        }
    }
    out.flush()?;
    if let Some(path) = &args.report {
        let json = serde_json::json!({ "version": 1, "documents": reports });
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")
            .with_context(|| format!("{}: cannot write report", path.display()))?;
    }
    Ok(outcome)
}

fn check(args: CheckArgs) -> Result<Outcome> {
    let config = config_from(&args.input);
    let mut outcome = Outcome::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for input in Input::from_paths(&args.paths) {
        let name = input.display();
        let doc = match process(&input, Mode::Fix, &config) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("textmend: {e:#}");
                outcome.failed = true;
                continue;
            }
        };
        let changes: Vec<_> = doc.changes.iter().collect();
        for f in report::findings(&doc) {
            let c = changes[f.change];
            outcome.found = true;
            writeln!(
                out,
                "{name}:{}:{}: {}: {} -> {}",
                f.line,
                f.column,
                c.reason,
                escape(&c.before),
                escape(&c.after)
            )?;
        }
    }
    out.flush()?;
    Ok(outcome)
}
