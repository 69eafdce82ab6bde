//! Streaming: decode and repair an input of any size in bounded memory. The encoding is chosen
//! from the first [`HEAD`] bytes; the rest is decoded chunk by chunk, cut after the last line
//! break of what has been decoded, and each run of whole lines is repaired with
//! [`fix_text`](crate::fix_text) and written out.
//!
//! Memory stays around a few times [`CHUNK`] plus the longest line (a line longer than
//! [`MAX_LINE`] is cut). Repairs that would need to see across a line break are not made, and
//! the encoding is not revisited after the head.

use std::io::{self, Read, Write};

use super::{Choice, DecodeError, Source, choose};
use crate::Config;

/// How many leading bytes decide the encoding.
pub const HEAD: usize = 1 << 20;
/// How many bytes are read at a time after the head.
pub const CHUNK: usize = 1 << 20;
/// Decoded text without a line break is cut and repaired once it is this long.
pub const MAX_LINE: usize = 8 << 20;
/// At most this many invalid-sequence offsets are kept in the summary (all are counted).
pub const MAX_OFFSETS: usize = 1000;

/// What a streamed run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The encoding used (name as in [`Decoded::encoding`](super::Decoded::encoding)).
    pub encoding: &'static str,
    /// How it was chosen.
    pub source: Source,
    /// The encoding the document declared (or the user gave), if any.
    pub declared: Option<&'static str>,
    /// True when a declaration was contradicted by the bytes and not followed.
    pub overridden: bool,
    /// How many invalid sequences became U+FFFD.
    pub invalid: u64,
    /// Byte offsets of the first [`MAX_OFFSETS`] of them.
    pub invalid_offsets: Vec<usize>,
    /// How many repairs were made.
    pub changes: u64,
    /// Bytes read.
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
}

/// Errors of a streamed run.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The input could not be decoded (binary, unknown label, or invalid with `strict`). With
    /// `strict`, output before the invalid sequence has been written.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Decode `input` in chunks, repair it line run by line run with `config`'s repair settings
/// (as [`fix_text`](crate::fix_text) does), and write UTF-8 to `out`.
///
/// ```
/// let mut out = Vec::new();
/// let input: &[u8] = b"caf\xe9 cr\xe8me\nna\xefve\n";
/// let s = textmend::decode::stream::fix_stream(input, &mut out, &textmend::Config::default()).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "café crème\nnaïve\n");
/// assert_eq!(s.encoding, "windows-1252");
/// ```
pub fn fix_stream<R: Read, W: Write>(
    mut input: R,
    mut out: W,
    config: &Config,
) -> Result<Summary, StreamError> {
    let mut head = Vec::with_capacity(HEAD);
    let eof = fill(&mut input, &mut head, HEAD)?;
    // Judge whole lines only, so that a character cut at the end of the head does not count as
    // an invalid sequence.
    let probe = match memchr::memrchr(b'\n', &head) {
        Some(i) if !eof => &head[..=i],
        _ => &head[..],
    };
    let choice: Choice = choose(probe, &config.decode)?;
    let mut summary = Summary {
        encoding: choice.codec.name(),
        source: choice.source,
        declared: choice.declared.map(|c| c.name()),
        overridden: choice.overridden,
        invalid: 0,
        invalid_offsets: Vec::new(),
        changes: 0,
        bytes_in: head.len() as u64,
        bytes_out: 0,
    };
    let mut decoder = choice.codec.new_decoder();
    let mut text = String::new();
    let mut feed = |bytes: &[u8], last: bool, text: &mut String, summary: &mut Summary| {
        decoder.decode(bytes, last, text, &mut |inv| {
            let offset = choice.bom_len + inv.offset;
            summary.invalid += 1;
            if summary.invalid_offsets.len() < MAX_OFFSETS {
                summary.invalid_offsets.push(offset);
            }
        });
    };
    feed(&head[choice.bom_len..], eof, &mut text, &mut summary);
    drop(head);
    let mut buf = vec![0u8; CHUNK];
    let mut done = eof;
    loop {
        if config.decode.strict
            && let Some(&offset) = summary.invalid_offsets.first()
        {
            return Err(DecodeError::Invalid {
                encoding: summary.encoding.to_string(),
                offset,
            }
            .into());
        }
        flush_lines(&mut text, done, &mut out, config, &mut summary)?;
        if done {
            break;
        }
        let n = read_some(&mut input, &mut buf)?;
        summary.bytes_in += n as u64;
        done = n == 0;
        feed(&buf[..n], done, &mut text, &mut summary);
    }
    out.flush()?;
    Ok(summary)
}

/// Repair and write the whole lines of `text` (all of it at the end of the input, or a long
/// piece when a line grows past [`MAX_LINE`]), keeping the rest for later.
fn flush_lines<W: Write>(
    text: &mut String,
    end: bool,
    out: &mut W,
    config: &Config,
    summary: &mut Summary,
) -> io::Result<()> {
    let cut = if end {
        text.len()
    } else if let Some(i) = memchr::memrchr(b'\n', text.as_bytes()) {
        i + 1
    } else if text.len() > MAX_LINE {
        (0..=text.len() - 4)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0)
    } else {
        0
    };
    if cut == 0 {
        return Ok(());
    }
    let fixed = crate::fix_text(&text[..cut], config);
    summary.changes += fixed.changes.len() as u64;
    summary.bytes_out += fixed.text.len() as u64;
    out.write_all(fixed.text.as_bytes())?;
    text.drain(..cut);
    Ok(())
}

/// Read until `buf` holds `limit` bytes or the input ends; true at the end of the input.
fn fill<R: Read>(input: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<bool> {
    let got = input.take(limit as u64).read_to_end(buf)?;
    Ok(got < limit)
}

fn read_some<R: Read>(input: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `n` bytes per read, to cut sequences between chunks.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn streamed_output_matches_whole_document_fix() {
        let mut text = String::new();
        for i in 0..60_000 {
            text.push_str(&format!("línea {i}: ¿Qué tal? Ñandú — “bien”.\r\n"));
        }
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let config = Config::default();
        let mut out = Vec::new();
        let s = fix_stream(Trickle(&bytes, 7777), &mut out, &config).unwrap();
        let whole = crate::process(&bytes, crate::Mode::Fix, &config).unwrap();
        assert_eq!(s.encoding, "windows-1252");
        assert!(bytes.len() > HEAD);
        assert_eq!(String::from_utf8(out).unwrap(), whole.output);
    }

    #[test]
    fn a_character_cut_at_the_end_of_the_head_does_not_change_the_encoding() {
        // Mostly ASCII with a few non-ASCII characters, one of them straddling byte HEAD.
        let head = "Zürich\n";
        let filler = "x".repeat(HEAD - 1 - head.len() - 1);
        let text = format!("{head}{filler}\né and more\n");
        assert!(!text.is_char_boundary(HEAD));
        let mut out = Vec::new();
        let s = fix_stream(text.as_bytes(), &mut out, &Config::default()).unwrap();
        assert_eq!((s.encoding, s.invalid), ("UTF-8", 0));
        assert_eq!(String::from_utf8(out).unwrap(), text);
    }

    #[test]
    fn invalid_bytes_are_counted_with_offsets() {
        let mut bytes = "ok ünïcödé\n".repeat(10).into_bytes();
        bytes.extend_from_slice(b"bad \xff\n");
        let mut out = Vec::new();
        let s = fix_stream(&bytes[..], &mut out, &Config::default()).unwrap();
        assert_eq!(s.encoding, "UTF-8");
        assert_eq!(
            (s.invalid, s.invalid_offsets.clone()),
            (1, vec![bytes.len() - 2])
        );
        let mut strict = Config::default();
        strict.decode.strict = true;
        assert!(matches!(
            fix_stream(&bytes[..], Vec::new(), &strict),
            Err(StreamError::Decode(DecodeError::Invalid { .. }))
        ));
    }

    #[test]
    fn binary_is_refused_before_any_output() {
        let mut out = Vec::new();
        let r = fix_stream(
            &b"\x7fELF\x02\x01\x01\0\0\0"[..],
            &mut out,
            &Config::default(),
        );
        assert!(matches!(
            r,
            Err(StreamError::Decode(DecodeError::Binary(_)))
        ));
        assert!(out.is_empty());
    }
}
