//! Write the precomputed tables of `data/generated/` from the crate's own code (see
//! `src/generated.rs`). Run after changing anything a table is computed from; the test
//! `shipped_tables_equal_their_computation` says when that is needed.
//!
//! usage: cargo run --release --example gen_tables [-- OUT_DIR]   (default data/generated)

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data/generated").to_string());
    std::fs::create_dir_all(&dir)?;
    for f in textmend::generated::files() {
        let path = std::path::Path::new(&dir).join(f.name);
        let state = if f.computed == f.shipped {
            "unchanged"
        } else {
            "written"
        };
        std::fs::write(&path, &f.computed)?;
        println!("{state} {} ({} bytes)", path.display(), f.computed.len());
    }
    Ok(())
}
