//! Tables the crate computes from its own code and data, shipped precomputed in
//! `data/generated/` so that a process does not build them at start-up.
//!
//! The code that computes each table stays the source of truth: [`files`] runs it and gives
//! the bytes of every file, `cargo run --release --example gen_tables` writes them, and a test
//! checks that the shipped files equal a fresh computation (so they cannot drift from the code
//! that defines them). The files hold plain bytes and little-endian integers; they are read in
//! place (`include_bytes!`), with no parsing beyond a length check.

/// One generated file: its name under `data/generated/`, its bytes as computed now, and the
/// bytes the crate was built with.
#[doc(hidden)]
pub struct File {
    /// File name under `data/generated/`.
    pub name: &'static str,
    /// The bytes the crate's code computes.
    pub computed: Vec<u8>,
    /// The bytes shipped in the crate (`include_bytes!`).
    pub shipped: &'static [u8],
}

/// Every generated file, computed afresh (takes a few tens of milliseconds). For
/// `examples/gen_tables.rs` and the drift test; not part of the library's interface.
#[doc(hidden)]
pub fn files() -> Vec<File> {
    let mut out = Vec::new();
    out.extend(crate::repair::fastpath::generated_files());
    out.extend(crate::repair::legacy::candidates::generated_files());
    out.extend(crate::repair::legacy::tables::generated_files());
    out.extend(crate::repair::chars::generated_files());
    out.extend(crate::repair::badness::Pairs::generated_files());
    out
}

/// The [`File`]s of one module: its computed tables paired, in order, with the shipped files
/// they must equal.
pub(crate) fn paired(
    computed: impl IntoIterator<Item = Vec<u8>>,
    shipped: &[(&'static str, &'static [u8])],
) -> Vec<File> {
    computed
        .into_iter()
        .zip(shipped)
        .map(|(computed, &(name, shipped))| File {
            name,
            computed,
            shipped,
        })
        .collect()
}

/// A table over the BMP (`bmp.len()` a multiple of 256) cut into blocks of 256 code points,
/// each distinct block kept once: the index of each block (one byte per block of the BMP) and
/// the distinct blocks, block 0 being `empty`.
pub(crate) fn dedup_blocks<'a, T: PartialEq>(
    bmp: &'a [T],
    empty: &'a [T],
) -> (Vec<u8>, Vec<&'a [T]>) {
    let mut blocks = vec![empty];
    let mut pages = Vec::with_capacity(256);
    for block in bmp.chunks(256) {
        let at = blocks.iter().position(|b| *b == block).unwrap_or_else(|| {
            blocks.push(block);
            blocks.len() - 1
        });
        pages.push(u8::try_from(at).expect("at most 256 distinct blocks"));
    }
    (pages, blocks)
}

/// The little-endian `u64` at byte `at` of `bytes`.
pub(crate) fn le_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// The little-endian `u16` at byte `at` of `bytes`.
pub(crate) fn le_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

/// `bytes` as an array of `N` bytes; panics (naming `name`) when a shipped file does not have
/// the size its reader expects, i.e. it is stale: run `cargo run --release --example gen_tables`.
pub(crate) fn exact<const N: usize>(bytes: &'static [u8], name: &str) -> &'static [u8; N] {
    bytes.try_into().unwrap_or_else(|_| {
        panic!(
            "data/generated/{name} has {} bytes, not {N}: regenerate it with \
             `cargo run --release --example gen_tables`",
            bytes.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped table equals what the crate's code computes now. When this fails, the
    /// code or data a table is computed from has changed: run
    /// `cargo run --release --example gen_tables` and commit `data/generated/`.
    #[test]
    fn shipped_tables_equal_their_computation() {
        let files = files();
        assert!(!files.is_empty());
        for f in files {
            assert!(
                f.computed == f.shipped,
                "data/generated/{} is stale ({} bytes shipped, {} computed): run \
                 `cargo run --release --example gen_tables`",
                f.name,
                f.shipped.len(),
                f.computed.len()
            );
        }
    }
}
