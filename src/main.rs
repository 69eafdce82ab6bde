//! The `textmend` command: a thin layer over the library. See `textmend --help`.

fn main() {
    std::process::exit(textmend_cli::main());
}

#[path = "cli/mod.rs"]
mod textmend_cli;
