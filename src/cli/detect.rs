//! `textmend detect`, the encoding line `check` prints, and the streaming path of `fix`.

use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};
use textmend::decode::stream::{StreamError, fix_stream};
use textmend::{Config, DecodeError, Document};

use super::Outcome;
use super::args::DetectArgs;
use super::input::{self, Input};

/// `path: encoding (source)`, with the declaration it overrides, if any.
pub fn encoding_line(name: &str, doc: &Document) -> String {
    line(
        name,
        doc.encoding,
        doc.source.name(),
        doc.overridden,
        doc.declared,
    )
}

fn line(
    name: &str,
    encoding: &str,
    source: &str,
    overridden: bool,
    declared: Option<&str>,
) -> String {
    match declared {
        Some(d) if overridden => {
            format!("{name}: {encoding} ({source}; declared {d}, contradicted by the bytes)")
        }
        _ => format!("{name}: {encoding} ({source})"),
    }
}

/// Print, for each input, the encoding textmend reads it with and how it was chosen. A binary
/// file is reported as such (it is not an error); an unreadable one is.
pub fn detect(args: DetectArgs) -> Result<Outcome> {
    let config = super::commands::config_from(&args.input);
    let mut outcome = Outcome::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (inputs, errors, _) = input::expand(&args.paths, &args.walk);
    for e in errors {
        eprintln!("textmend: {e}");
        outcome.failed = true;
    }
    for input in inputs {
        let name = input.display();
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("textmend: {e:#}");
                outcome.failed = true;
                continue;
            }
        };
        let result = textmend::decode_with(&bytes, &config.decode);
        if args.json {
            let value = match &result {
                Ok(d) => serde_json::json!({
                    "path": name,
                    "encoding": d.encoding,
                    "source": d.source.name(),
                    "declared": d.declared,
                    "overridden": d.overridden,
                    "invalid": d.invalid_offsets.len(),
                }),
                Err(DecodeError::Binary(kind)) => {
                    serde_json::json!({ "path": name, "binary": kind })
                }
                Err(e) => serde_json::json!({ "path": name, "error": e.to_string() }),
            };
            writeln!(out, "{value}")?;
        } else {
            match &result {
                Ok(d) => writeln!(
                    out,
                    "{}",
                    line(&name, d.encoding, d.source.name(), d.overridden, d.declared)
                )?,
                Err(DecodeError::Binary(kind)) => writeln!(out, "{name}: binary ({kind})")?,
                Err(_) => {}
            }
        }
        if let Err(e) = &result
            && !matches!(e, DecodeError::Binary(_))
        {
            eprintln!("textmend: {name}: {e}");
            outcome.failed = true;
        }
    }
    out.flush()?;
    Ok(outcome)
}

/// `fix` without diff or report: decode and repair `input` in chunks, writing to `out`.
pub fn fix_streaming(input: &Input, out: &mut dyn Write, config: &Config) -> Result<()> {
    let name = input.display();
    let reader = input.open()?;
    match fix_stream(reader, out, config) {
        Ok(_) => Ok(()),
        Err(StreamError::Io(e)) => Err(e).with_context(|| name.clone()),
        Err(StreamError::Decode(e)) => Err(e).with_context(|| name.clone()),
    }
}
