//! Boilerplate counts as JSON Lines records, for batches counted in parts (on many machines).
//!
//! The counts themselves are [`strip::boilerplate::Boilerplate`](Boilerplate): per site, the
//! number of documents holding each line [`fingerprint`]; over all sites, the same for lines
//! common to many sites. Directory runs write them as one JSON object
//! (`clean --boilerplate-out`); this module writes and reads them as one [`CountRecord`] per line
//! (`textmend boilerplate count --jsonl`), which a cluster can add up by key
//! (`reduceByKey((site, fingerprint))`), and [`read_counts`] reads either form.
//!
//! Learning takes two passes over a batch:
//!
//! 1. **count** ([`count_jsonl`]): every record's text is repaired (as `clean` would, so that
//!    pass 2 sees the same lines) and its distinct line fingerprints are counted for its site
//!    (the host of its `url` field, by default, [`site_of`]) and over all sites.
//! 2. **clean**: with the merged counts, `textmend clean --jsonl --boilerplate-in counts.jsonl`
//!    strips each record with the counts of its site, exactly as a directory run does
//!    (`chrome(boilerplate)`, `chrome(common_line)`).
//!
//! Counts of disjoint parts of a batch add up to the counts of the whole.

use std::io::{self, BufRead, Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ordered::{Workers, ordered_map_grouped};
use crate::strip::boilerplate::site_of_url;
pub use crate::strip::boilerplate::{Boilerplate, fingerprint};

/// The site of a record from the value of its site field: the host when it is a URL (lower
/// case, without `www.`, [`site_of_url`]), the string itself (lower case) otherwise, or `""`
/// when the field is missing or not a string.
///
/// ```
/// use textmend::batch::fingerprint::site_of;
/// let url = serde_json::json!("https://WWW.News.example.org:8080/a?b");
/// assert_eq!(site_of(Some(&url)), "news.example.org");
/// assert_eq!(site_of(Some(&serde_json::json!("Forum"))), "forum");
/// assert_eq!(site_of(None), "");
/// ```
pub fn site_of(value: Option<&Value>) -> String {
    let Some(s) = value.and_then(Value::as_str) else {
        return String::new();
    };
    site_of_url(s).unwrap_or_else(|| s.trim().to_lowercase())
}

/// One line of `textmend boilerplate count` output: the number of documents of `site` that
/// contain a line with `fingerprint` (16 hex digits of [`fingerprint`]), or, when `fingerprint`
/// is `null`, the number of documents of `site`. A `null` site stands for all sites together.
/// Records with the same `(site, fingerprint)` are merged by adding `docs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRecord {
    /// The site (see [`site_of`]), or `None` for the counts over all sites.
    pub site: Option<String>,
    /// A line fingerprint, or `None` for the document count.
    pub fingerprint: Option<String>,
    /// Number of documents.
    pub docs: u64,
}

/// The counts as records: each site's document count then its fingerprints (sorted), then the
/// same over all sites (`site: null`).
pub fn records(counts: &Boilerplate) -> impl Iterator<Item = CountRecord> + '_ {
    let sites = counts.sites.iter().map(|(s, c)| (Some(s.as_str()), c));
    sites.chain([(None, &counts.all)]).flat_map(|(site, c)| {
        let site = site.map(str::to_string);
        let total = CountRecord {
            site: site.clone(),
            fingerprint: None,
            docs: c.documents,
        };
        std::iter::once(total).chain(c.lines.iter().map(move |(fp, &docs)| CountRecord {
            site: site.clone(),
            fingerprint: Some(format!("{fp:016x}")),
            docs,
        }))
    })
}

/// Add one record to `counts`; an error when its fingerprint is not 16 hex digits.
pub fn add_record(counts: &mut Boilerplate, r: &CountRecord) -> Result<(), String> {
    let target = match &r.site {
        Some(site) => counts.sites.entry(site.clone()).or_default(),
        None => &mut counts.all,
    };
    match &r.fingerprint {
        None => target.documents += r.docs,
        Some(hex) => {
            let fp = u64::from_str_radix(hex, 16)
                .ok()
                .filter(|_| hex.len() == 16)
                .ok_or_else(|| format!("fingerprint {hex:?} is not 16 hex digits"))?;
            *target.lines.entry(fp).or_default() += r.docs;
        }
    }
    Ok(())
}

/// Write `counts` as JSON Lines, one [`CountRecord`] per line.
pub fn write_jsonl<W: Write>(counts: &Boilerplate, mut w: W) -> io::Result<()> {
    for r in records(counts) {
        serde_json::to_writer(&mut w, &r)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Read counts written by `clean --boilerplate-out` (one JSON object) or by `textmend
/// boilerplate count` (count records, possibly unmerged: they are added up).
pub fn read_counts<R: Read>(mut reader: R) -> io::Result<Boilerplate> {
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let bad = |msg: String| io::Error::new(io::ErrorKind::InvalidData, msg);
    if let Ok(counts) = serde_json::from_str::<Boilerplate>(&text) {
        return Ok(counts);
    }
    let mut counts = Boilerplate::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: CountRecord =
            serde_json::from_str(line).map_err(|e| bad(format!("line {}: {e}", n + 1)))?;
        add_record(&mut counts, &r).map_err(|e| bad(format!("line {}: {e}", n + 1)))?;
    }
    counts.version = 1;
    Ok(counts)
}

/// Count every JSON Lines record of `reader` (text in `field`, site from `site_field`) on
/// `workers`, after repairing its text with `config`. Malformed records and records without a
/// string `field` are skipped.
pub fn count_jsonl<R: BufRead>(
    workers: &Workers,
    reader: R,
    field: &str,
    site_field: &str,
    config: &crate::Config,
) -> io::Result<Boilerplate> {
    let mut counts = Boilerplate::default();
    let mut error = None;
    let mut lines = reader.lines();
    let inputs = std::iter::from_fn(|| match lines.next()? {
        Ok(line) => Some(line),
        Err(e) => {
            error = Some(e);
            None
        }
    });
    let work = |line: String| {
        let record: Value = serde_json::from_str(&line).ok()?;
        let text = record.get(field)?.as_str()?;
        let site = site_of(record.get(site_field));
        let fixed = crate::fix_text(text, config).text;
        Some((site, crate::strip::boilerplate::line_fingerprints(&fixed)))
    };
    let window = workers.threads() * 4 * super::jsonl::GROUP;
    ordered_map_grouped::<_, _, _, ()>(workers, inputs, window, super::jsonl::GROUP, work, |r| {
        if let Some((site, fingerprints)) = r {
            counts.observe_fingerprints(&site, &fingerprints);
        }
        Ok(())
    })
    .ok();
    match error {
        Some(e) => Err(e),
        None => Ok(counts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Vec<String> {
        (0..40)
            .map(|i| {
                let site = ["a.example", "b.example"][i % 2];
                // Letters, not digits: numbers all normalize to 0.
                let tag: String = [b'a' + (i / 26) as u8, b'a' + (i % 26) as u8]
                    .iter()
                    .map(|&b| b as char)
                    .collect();
                let body = format!("Story {tag} about the river.");
                let text = if i % 2 == 0 {
                    format!("Home | News | Sport\n{body}\n© A Media\n")
                } else {
                    format!("{body}\nSubscribe to B\n")
                };
                serde_json::json!({"url": format!("https://{site}/{i}"), "text": text}).to_string()
            })
            .collect()
    }

    fn count(lines: &[String]) -> Boilerplate {
        let workers = Workers::new(Some(2)).unwrap();
        let input = lines.join("\n");
        count_jsonl(
            &workers,
            input.as_bytes(),
            "text",
            "url",
            &crate::Config::default(),
        )
        .unwrap()
    }

    #[test]
    fn counts_of_parts_merge_to_counts_of_whole() {
        let lines = batch();
        let whole = count(&lines);
        let mut parts = Vec::new();
        for part in lines.chunks(7) {
            write_jsonl(&count(part), &mut parts).unwrap();
        }
        let merged = read_counts(parts.as_slice()).unwrap();
        assert_eq!(merged, whole);
        assert_eq!(whole.all.documents, 40);
    }

    #[test]
    fn records_and_the_json_object_read_back_the_same() {
        let whole = count(&batch());
        let mut records = Vec::new();
        write_jsonl(&whole, &mut records).unwrap();
        assert_eq!(read_counts(records.as_slice()).unwrap(), whole);
        let object = serde_json::to_string(&whole).unwrap();
        assert_eq!(read_counts(object.as_bytes()).unwrap(), whole);
        assert!(
            read_counts("{\"site\":\"a\",\"fingerprint\":\"xyz\",\"docs\":1}".as_bytes()).is_err()
        );
    }

    #[test]
    fn a_site_menu_is_boilerplate_on_its_site_only() {
        let counts = count(&batch());
        let a = counts.view("a.example");
        assert!(a.is_site_boilerplate("Home | News | Sport"));
        assert!(!a.is_site_boilerplate("Subscribe to B"));
        assert!(
            counts
                .view("b.example")
                .is_site_boilerplate("Subscribe to B")
        );
        assert!(!a.is_site_boilerplate("Story ae about the river."));
    }
}
