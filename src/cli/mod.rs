//! Command-line interface: argument parsing ([`args`]), input and output ([`io`]), and the
//! subcommands ([`commands`]). The exit code is decided in one place, [`main`].

mod args;
mod boilerplate;
mod check_config;
mod commands;
mod detect;
mod input;

use clap::Parser;

/// Exit codes, documented in the README.
pub mod exit {
    /// Success; for `check`, nothing found.
    pub const OK: i32 = 0;
    /// `check` found damaged text.
    pub const FOUND: i32 = 1;
    /// An error: bad arguments, or a path that could not be read, decoded or written.
    pub const ERROR: i32 = 2;
    /// Interrupted by Ctrl-C (128 + SIGINT).
    pub const INTERRUPTED: i32 = 130;
}

/// What a run saw: whether anything was found (for `check`) and whether anything failed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub found: bool,
    pub failed: bool,
    pub interrupted: bool,
}

/// Parse the arguments, run, and turn the outcome into an exit code.
pub fn main() -> i32 {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    match commands::run(cli) {
        Ok(outcome) if outcome.interrupted => exit::INTERRUPTED,
        Ok(outcome) if outcome.failed => exit::ERROR,
        Ok(outcome) if outcome.found => exit::FOUND,
        Ok(_) => exit::OK,
        Err(e) if is_broken_pipe(&e) => exit::OK,
        Err(e) => {
            eprintln!("textmend: {e:#}");
            exit::ERROR
        }
    }
}

/// True when `err` is a broken pipe on output (e.g. `textmend fix big.txt | head`), which ends
/// the run normally.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
