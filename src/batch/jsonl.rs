//! JSON Lines streams: one record per line in, one record per line out, in the same order, so
//! textmend works as a filter in a shell pipe and under engines that pipe records through a
//! command (Spark's `RDD.pipe`, Hadoop Streaming).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

use serde_json::{Map, Value};

use super::Summary;
use super::ordered::{Workers, ordered_map_grouped};
use crate::{Config, Mode};

/// How records are processed.
#[derive(Debug, Clone)]
pub struct JsonlOptions {
    /// The field holding the text (default `text`).
    pub field: String,
    /// Add a `textmend` object with what was done to each record.
    pub annotate: bool,
    /// Stop at the first malformed record instead of passing it through with an error field.
    pub strict: bool,
    /// `fix` or `clean`.
    pub mode: Mode,
    /// Boilerplate counts learnt across a batch (pass 2 of batch boilerplate learning): with
    /// `Mode::Clean`, each record is stripped with the counts of its site.
    pub boilerplate: Option<std::sync::Arc<crate::strip::boilerplate::Boilerplate>>,
    /// The field whose URL host (or value) names a record's site (default `url`).
    pub site_field: String,
}

impl Default for JsonlOptions {
    fn default() -> Self {
        JsonlOptions {
            field: "text".into(),
            annotate: false,
            strict: false,
            mode: Mode::Clean,
            boilerplate: None,
            site_field: "url".into(),
        }
    }
}

/// The name of the field added to records that could not be processed.
pub const ERROR_FIELD: &str = "textmend_error";

/// What became of one record.
#[derive(Debug)]
pub struct RecordResult {
    /// The output line (without newline).
    pub line: String,
    /// The error, when the record was malformed.
    pub error: Option<String>,
    /// Whether the text changed.
    pub changed: bool,
}

/// Process one JSON Lines record.
///
/// ```
/// use textmend::batch::jsonl::{process_record, JsonlOptions};
/// let r = process_record(r#"{"id":7,"text":"It\u00a1\u00afs"}"#, &JsonlOptions::default(),
///     &textmend::Config::default());
/// assert_eq!(r.line, r#"{"id":7,"text":"It’s\n"}"#);
/// ```
pub fn process_record(line: &str, options: &JsonlOptions, config: &Config) -> RecordResult {
    let trimmed = line.trim_end_matches(['\n', '\r']);
    if trimmed.trim().is_empty() {
        return RecordResult {
            line: String::new(),
            error: None,
            changed: false,
        };
    }
    let mut record: Map<String, Value> = match serde_json::from_str(trimmed) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return malformed(trimmed, "record is not a JSON object".into()),
        Err(e) => return malformed(trimmed, format!("invalid JSON: {e}")),
    };
    let Some(Value::String(text)) = record.get(&options.field) else {
        let msg = format!("no string field {:?}", options.field);
        record.insert(ERROR_FIELD.into(), Value::String(msg.clone()));
        return RecordResult {
            line: Value::Object(record).to_string(),
            error: Some(msg),
            changed: false,
        };
    };
    let fixed = match (&options.boilerplate, options.mode) {
        (Some(counts), Mode::Clean) => {
            let site = super::fingerprint::site_of(record.get(&options.site_field));
            crate::clean_with(text, config, Some(counts.view(&site)))
        }
        _ => run_mode(text, options.mode, config),
    };
    let changed = fixed.text != *text;
    if options.annotate {
        record.insert("textmend".into(), annotation(&fixed.changes, changed));
    }
    record.insert(options.field.clone(), Value::String(fixed.text));
    RecordResult {
        line: Value::Object(record).to_string(),
        error: None,
        changed,
    }
}

fn run_mode(text: &str, mode: Mode, config: &Config) -> crate::Fixed {
    match mode {
        Mode::Fix => crate::fix_text(text, config),
        Mode::Clean => crate::clean(text, config),
    }
}

/// The `textmend` object added with `--annotate`.
pub(crate) fn annotation(changes: &crate::Changes, changed: bool) -> Value {
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    let mut removed = Vec::new();
    for c in changes {
        *reasons.entry(c.reason.to_string()).or_default() += 1;
        if c.stage == crate::Stage::Strip {
            removed.push(Value::String(c.before.trim_end_matches('\n').to_string()));
        }
    }
    serde_json::json!({
        "changed": changed,
        "changes": changes.len(),
        "reasons": reasons,
        "removed_lines": removed,
    })
}

fn malformed(line: &str, msg: String) -> RecordResult {
    let mut m = Map::new();
    m.insert(ERROR_FIELD.into(), Value::String(msg.clone()));
    m.insert("textmend_input".into(), Value::String(line.to_string()));
    RecordResult {
        line: Value::Object(m).to_string(),
        error: Some(msg),
        changed: false,
    }
}

/// An error that stops a JSON Lines run.
#[derive(Debug, thiserror::Error)]
pub enum JsonlError {
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A malformed record, with `strict`.
    #[error("line {line}: {message}")]
    Malformed {
        /// 1-based line number.
        line: u64,
        /// What was wrong.
        message: String,
    },
    /// The run was interrupted.
    #[error("interrupted")]
    Interrupted,
}

/// Records handed to a worker at a time (amortizes the hand-over; output order is kept), by
/// the cleaning run and by the boilerplate count.
pub(crate) const GROUP: usize = 16;

/// Process every record of `reader`, writing one output line per input line to `writer`, in
/// order, with one worker thread per core (the calling thread one of them). `keep_going` is asked between records (Ctrl-C).
/// See [`run_on`].
pub fn run<R: BufRead, W: Write>(
    reader: R,
    writer: &mut W,
    options: &JsonlOptions,
    config: &Config,
    keep_going: &dyn Fn() -> bool,
) -> Result<Summary, JsonlError> {
    static WORKERS: std::sync::OnceLock<Workers> = std::sync::OnceLock::new();
    let workers = WORKERS.get_or_init(|| Workers::new(None).expect("cannot start worker threads"));
    run_on(workers, reader, writer, options, config, keep_going)
}

/// Like [`run`], on `workers`. The calling thread reads the input and writes the output, and
/// processes records between those while the other workers process records, so reading,
/// writing and processing overlap and no thread waits at a barrier: 2 threads run about twice
/// as fast as 1 (docs/batch.md).
pub fn run_on<R: BufRead, W: Write>(
    workers: &Workers,
    mut reader: R,
    writer: &mut W,
    options: &JsonlOptions,
    config: &Config,
    keep_going: &dyn Fn() -> bool,
) -> Result<Summary, JsonlError> {
    let mut summary = Summary::default();
    let mut read_error: Option<JsonlError> = None;
    let mut bytes: u64 = 0;
    let records = std::iter::from_fn(|| {
        if read_error.is_some() {
            return None;
        }
        if !keep_going() {
            read_error = Some(JsonlError::Interrupted);
            return None;
        }
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(n) => bytes += n as u64,
            Err(e) => {
                read_error = Some(e.into());
                return None;
            }
        }
        Some(match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    });
    let mut line_no: u64 = 0;
    ordered_map_grouped(
        workers,
        records,
        workers.threads() * 4 * GROUP,
        GROUP,
        |line: String| process_record(&line, options, config),
        |r| {
            line_no += 1;
            if let Some(message) = r.error {
                if options.strict {
                    return Err(JsonlError::Malformed {
                        line: line_no,
                        message,
                    });
                }
                summary.failed += 1;
            }
            summary.documents += 1;
            summary.changed += r.changed as u64;
            writer.write_all(r.line.as_bytes())?;
            writer.write_all(b"\n")?;
            Ok(())
        },
    )?;
    summary.bytes = bytes;
    if let Some(e) = read_error {
        return Err(e);
    }
    writer.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_str(input: &str, options: &JsonlOptions) -> (String, Summary) {
        let mut out = Vec::new();
        let s = run(
            input.as_bytes(),
            &mut out,
            options,
            &Config::default(),
            &|| true,
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), s)
    }

    #[test]
    fn one_record_out_per_record_in_with_other_fields_kept() {
        let input = "{\"url\":\"http://a.cn/1\",\"text\":\"Home > News > World\\nIt\u{a1}\u{af}s here.\",\"n\":1}\nnot json\n{\"body\":\"x\"}\n\n";
        let (out, s) = run_str(input, &JsonlOptions::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[0],
            r#"{"url":"http://a.cn/1","text":"It’s here.\n","n":1}"#
        );
        let bad: Value = serde_json::from_str(lines[1]).unwrap();
        assert!(bad[ERROR_FIELD].as_str().unwrap().contains("invalid JSON"));
        assert_eq!(bad["textmend_input"], "not json");
        let nofield: Value = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(nofield["body"], "x");
        assert!(nofield[ERROR_FIELD].is_string());
        assert_eq!(lines[3], "");
        assert_eq!((s.documents, s.changed, s.failed), (4, 1, 2));
    }

    #[test]
    fn strict_stops_at_the_first_malformed_record() {
        let options = JsonlOptions {
            strict: true,
            ..Default::default()
        };
        let mut out = Vec::new();
        let r = run(
            "{\"text\":\"ok\"}\n[1]\n".as_bytes(),
            &mut out,
            &options,
            &Config::default(),
            &|| true,
        );
        assert!(matches!(r, Err(JsonlError::Malformed { line: 2, .. })));
    }

    #[test]
    fn annotate_lists_reasons_and_removed_lines() {
        let options = JsonlOptions {
            annotate: true,
            field: "body".into(),
            ..Default::default()
        };
        let (out, _) = run_str(
            "{\"body\":\"Home > News > World\\nText here.\"}\n",
            &options,
        );
        let v: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["body"], "Text here.\n");
        assert_eq!(v["textmend"]["changed"], true);
        assert_eq!(v["textmend"]["removed_lines"][0], "Home > News > World");
        assert_eq!(v["textmend"]["reasons"]["chrome(breadcrumb)"], 1);
    }

    #[test]
    fn many_records_keep_their_order() {
        let input: String = (0..2000)
            .map(|i| format!("{{\"i\":{i},\"text\":\"line {i}\"}}\n"))
            .collect();
        let (out, s) = run_str(&input, &JsonlOptions::default());
        assert_eq!(s.documents, 2000);
        for (i, l) in out.lines().enumerate() {
            let v: Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["i"], i);
        }
    }
}
