//! Tests that must run inside a private network namespace with only loopback (`unshare -n`):
//! the test re-executes its own binary there, and the copy inside does the work.

use std::io::Write;
use std::process::Command;

/// Whether this process is the copy running inside the namespace.
pub fn inside(marker_env: &str) -> bool {
    std::env::var_os(marker_env).is_some()
}

/// Why `unshare -n` with `ip` cannot be used here, if it cannot (root is needed).
pub fn unshare_unavailable() -> Option<String> {
    match Command::new("unshare")
        .args(["-n", "ip", "link", "set", "lo", "up"])
        .output()
    {
        Ok(output) if output.status.success() => None,
        Ok(output) => Some(format!(
            "`unshare -n` with `ip` does not work here (root is needed): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(error) => Some(format!("`unshare` cannot be run: {error}")),
    }
}

/// Says loudly that `what` is skipped because of `missing`, or fails under `CI=true`.
pub fn skip(what: &str, missing: &str, install: &str) {
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{what} cannot run under CI: {missing}");
    }
    // Straight to the process's stderr: the test harness captures `eprintln!` and shows it only
    // when a test fails, and a skip must be seen when the suite reports `ok`.
    let _ = writeln!(
        std::io::stderr().lock(),
        "\n*** {what}: skipped: {missing} ***\n*** {install} ***\n"
    );
}

/// Runs `test_name` of this test binary again inside `unshare -n`, with `marker_env` set, and
/// returns what it printed. Fails unless it passed and printed `marker` (so a skip inside cannot
/// pass for a run).
pub fn rerun_inside(test_name: &str, marker_env: &str, marker: &str) -> String {
    let output = Command::new("unshare")
        .arg("-n")
        .arg("--")
        .arg(std::env::current_exe().unwrap())
        .args([test_name, "--exact", "--nocapture", "--test-threads=1"])
        .env(marker_env, "1")
        .output()
        .expect("running the test inside unshare -n");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    let errors = String::from_utf8_lossy(&output.stderr);
    println!("{report}");
    // A part skipped inside the namespace says so where the user sees it, as a skip outside does.
    for skipped in errors.lines().filter(|line| line.starts_with("*** ")) {
        let _ = writeln!(std::io::stderr().lock(), "{skipped}");
    }
    assert!(
        output.status.success(),
        "{test_name} failed:\n{report}\n{errors}"
    );
    assert!(
        report.contains(marker),
        "{test_name} did not run inside the namespace:\n{report}\n{errors}"
    );
    report
}

/// Brings up loopback in the namespace.
pub fn loopback_up() {
    let up = Command::new("ip")
        .args(["link", "set", "lo", "up"])
        .status();
    assert!(
        up.is_ok_and(|status| status.success()),
        "ip link set lo up failed"
    );
}
