//! The `textmend` command: a thin layer over the library. See `textmend --help`.

/// mimalloc rather than the system allocator: repairing damaged text allocates a few small
/// strings for each recorded change (about 1.7 million per 10 MB), and mimalloc makes that
/// about a fifth cheaper end to end (docs/damaged-path.md); batch runs free on one thread
/// memory made on another, which glibc does under the other thread's arena lock, and with
/// mimalloc two threads no longer spend more CPU than one on the same work (docs/batch.md).
/// Built without transparent huge pages (`no_thp`), which doubled peak memory for no speed.
/// Through `textmend::alloc::Mimalloc`, which asks mimalloc for plain blocks (the `mimalloc`
/// crate asked for aligned ones, which cost more). The library sets no allocator;
/// `--no-default-features` builds the binary without mimalloc.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: textmend::alloc::Mimalloc = textmend::alloc::Mimalloc;

fn main() {
    std::process::exit(textmend_cli::main());
}

#[path = "cli/mod.rs"]
mod textmend_cli;
