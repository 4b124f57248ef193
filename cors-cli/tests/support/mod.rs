//! Running the `corsage` binary as a user runs it, on files written to a temporary directory.

use std::path::PathBuf;
use std::process::Command;

/// The exit code, standard output and standard error of `corsage ARGS`.
pub fn corsage(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_corsage"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the corsage binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Writes `text` to a file named `name` in this test's own directory, and returns its path.
// Not every test crate writes files.
#[allow(dead_code)]
pub fn file(test: &str, name: &str, text: &str) -> String {
    let directory: PathBuf =
        std::env::temp_dir().join(format!("corsage-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}
