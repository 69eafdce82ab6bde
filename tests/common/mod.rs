//! What the command-line tests share: running the built binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Run the built `textmend` with `args` in `dir` (the test's own directory when `None`), with
/// `stdin` as its standard input (none when `None`), and collect its output and exit status.
pub fn run(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_textmend"));
    command
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("run textmend");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}
