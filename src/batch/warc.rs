//! WARC input (`.warc`, `.warc.gz`): the HTML of each response record, decoded by its HTTP
//! charset, cleaned, and written as a JSON Lines record with the record's URL and date.
//! Records are read with the `rust_warc` crate; gzip members with `flate2`.

use std::io::{BufRead, BufReader, Read, Write};

use serde_json::{Map, Value};

use super::Summary;
use super::jsonl::annotation;
use crate::{Config, Mode};

/// One HTTP response found in a WARC file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// `WARC-Target-URI`.
    pub url: String,
    /// `WARC-Date`.
    pub date: String,
    /// The charset named by the HTTP `Content-Type` header, if any.
    pub charset: Option<String>,
    /// The HTTP `Content-Type` without parameters (`text/html`), if any.
    pub content_type: Option<String>,
    /// The HTTP body.
    pub body: Vec<u8>,
}

/// An error reading a WARC file.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// The file is not well-formed WARC.
    #[error("malformed WARC record: {0}")]
    Malformed(String),
    /// Reading failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Open WARC bytes from `reader`, gunzipping when `gzip` (every member of a multi-member file).
pub fn reader<'a, R: Read + 'a>(reader: R, gzip: bool) -> Box<dyn BufRead + 'a> {
    if gzip {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(reader)))
    } else {
        Box::new(BufReader::new(reader))
    }
}

/// The HTTP responses of a WARC stream, in order. Non-response records are skipped.
pub fn responses<R: BufRead>(input: R) -> impl Iterator<Item = Result<Response, WarcError>> {
    rust_warc::WarcReader::new(input).filter_map(|record| match record {
        Err(rust_warc::WarcError::IO(e)) => Some(Err(WarcError::Io(e))),
        Err(rust_warc::WarcError::Malformed(m)) => Some(Err(WarcError::Malformed(m))),
        Err(rust_warc::WarcError::EOF) => None,
        Ok(record) => {
            let get = |name: &str| record.header.get(&name.into()).cloned();
            if get("WARC-Type").as_deref() != Some("response") {
                return None;
            }
            let (headers, body) = split_http(&record.content);
            let content_type = header_value(headers, "content-type");
            let charset = content_type.as_deref().and_then(charset_param);
            Some(Ok(Response {
                url: get("WARC-Target-URI").unwrap_or_default(),
                date: get("WARC-Date").unwrap_or_default(),
                charset,
                content_type: content_type.map(|c| {
                    c.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase()
                }),
                body: body.to_vec(),
            }))
        }
    })
}

/// Split an HTTP message into its header block and body.
fn split_http(content: &[u8]) -> (&[u8], &[u8]) {
    if let Some(i) = memchr::memmem::find(content, b"\r\n\r\n") {
        (&content[..i], &content[i + 4..])
    } else if let Some(i) = memchr::memmem::find(content, b"\n\n") {
        (&content[..i], &content[i + 2..])
    } else {
        (content, &[])
    }
}

fn header_value(headers: &[u8], name: &str) -> Option<String> {
    String::from_utf8_lossy(headers).lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

/// The `charset` parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// Clean every text response of a WARC stream and write one JSON Lines record per response:
/// `{"url", "date", "encoding", "text"}` (plus `textmend` with `annotate`).
pub fn run<R: BufRead, W: Write>(
    input: R,
    writer: &mut W,
    config: &Config,
    annotate: bool,
    keep_going: &dyn Fn() -> bool,
) -> Result<Summary, WarcError> {
    let mut summary = Summary::default();
    for response in responses(input) {
        if !keep_going() {
            break;
        }
        let response = response?;
        let is_text = response
            .content_type
            .as_deref()
            .is_none_or(|t| t.starts_with("text/") || t.contains("html") || t.contains("xml"));
        if !is_text {
            summary.skipped += 1;
            continue;
        }
        summary.documents += 1;
        summary.bytes += response.body.len() as u64;
        let mut cfg = config.clone();
        if let Some(cs) = &response.charset
            && encoding_rs::Encoding::for_label(cs.as_bytes()).is_some()
        {
            cfg.decode.encoding = Some(cs.clone());
        }
        let mut record = Map::new();
        record.insert("url".into(), Value::String(response.url.clone()));
        record.insert("date".into(), Value::String(response.date.clone()));
        match crate::process(&response.body, Mode::Clean, &cfg) {
            Ok(doc) => {
                summary.changed += doc.changed() as u64;
                record.insert("encoding".into(), Value::String(doc.encoding.into()));
                if annotate {
                    record.insert("textmend".into(), annotation(&doc.changes, doc.changed()));
                }
                record.insert("text".into(), Value::String(doc.output));
            }
            Err(e) => {
                summary.failed += 1;
                record.insert(
                    super::jsonl::ERROR_FIELD.into(),
                    Value::String(e.to_string()),
                );
            }
        }
        writer.write_all(Value::Object(record).to_string().as_bytes())?;
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Build a WARC response record around an HTTP message.
    pub fn record(url: &str, http: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn responses_are_decoded_by_their_http_charset() {
        let (gbk, _, _) =
            encoding_rs::GBK.encode("首页 > 新闻 > 科技\n我国科学家发现新型催化剂。\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=gbk\r\n\r\n".to_vec();
        http.extend_from_slice(&gbk);
        let mut warc =
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n".to_vec();
        warc.extend(record("http://example.cn/a", &http));
        warc.extend(record(
            "http://example.cn/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let mut out = Vec::new();
        let s = run(&warc[..], &mut out, &Config::default(), false, &|| true).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["url"], "http://example.cn/a");
        assert_eq!(lines[0]["date"], "2024-01-02T03:04:05Z");
        assert_eq!(lines[0]["encoding"], "GBK");
        assert_eq!(lines[0]["text"], "我国科学家发现新型催化剂。\n");
        assert_eq!((s.documents, s.skipped), (1, 1));
    }

    #[test]
    fn gzip_members_are_read() {
        use flate2::{Compression, write::GzEncoder};
        let mut gz = Vec::new();
        for i in 0..2 {
            let mut e = GzEncoder::new(Vec::new(), Compression::fast());
            let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\npage {i}\n");
            e.write_all(&record(&format!("http://x/{i}"), http.as_bytes()))
                .unwrap();
            gz.extend(e.finish().unwrap());
        }
        let urls: Vec<String> = responses(reader(&gz[..], true))
            .map(|r| r.unwrap().url)
            .collect();
        assert_eq!(urls, ["http://x/0", "http://x/1"]);
    }
}
