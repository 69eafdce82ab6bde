//! The `textmend` command: a thin layer over the library. See `textmend --help`.

/// mimalloc rather than the system allocator: repairing damaged text allocates a few small
/// strings for each recorded change (about 1.7 million per 10 MB), and mimalloc makes that
/// about a fifth cheaper end to end (docs/damaged-path.md). The library sets no allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(textmend_cli::main());
}

#[path = "cli/mod.rs"]
mod textmend_cli;
