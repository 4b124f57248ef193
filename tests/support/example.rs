//! The examples run as processes, as a user runs them: `cargo test` builds them beside the test
//! binaries, and each prints the address it serves on its first line.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Child;

/// A started example, stopped when dropped, so that a failed assertion never leaves it serving.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The example `name`, as `cargo test` built it.
pub fn binary(name: &str) -> PathBuf {
    let tests = std::env::current_exe().unwrap();
    let target = tests.parent().unwrap().parent().unwrap();
    target.join("examples").join(name)
}

/// The `host:port` the example prints after `http://` on its first line of output.
pub fn banner_address(child: &mut Child) -> String {
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| c.is_whitespace() || c == '/').next())
        .unwrap_or_else(|| panic!("no address in {banner:?}"))
        .to_owned()
}
