//! CORScanner, a real CORS misconfiguration scanner (PyPI `corscanner`), run against the
//! example servers: it must find nothing. Run against a deliberately insecure policy too (every
//! origin reflected with credentials, which corsage only compiles as `unsafe allow`): it must
//! report it, or the scan proves nothing. Everything runs inside a private network namespace
//! (`unshare -n`) with only loopback; the test re-executes itself there.
//!
//! The scanner is looked for at `.venv-scanner/bin/corscanner` (`.ci/run` installs it:
//! `python3 -m venv .venv-scanner && .venv-scanner/bin/pip install corscanner`). Without it or
//! `unshare` the test is skipped with a message, except under `CI=true`, where it fails.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

use axum::Router;
use corsage::cors;

#[allow(dead_code)]
#[path = "../examples/readme.rs"]
mod readme_example;
// Shared with the other tests; this one only runs itself inside a network namespace with it.
#[allow(dead_code)]
#[path = "../examples/spa.rs"]
mod spa_example;
#[allow(dead_code)]
mod support;

const INSIDE: &str = "CORSAGE_SCANNER_INSIDE";
const TEST_NAME: &str = "corscanner_finds_nothing_in_the_examples_and_flags_an_insecure_policy";

fn scanner() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-scanner/bin/corscanner")
}

/// Reflects any origin, with credentials: the classic vulnerability.
fn insecure_app() -> Router {
    Router::new().fallback(|| async { "secret" }).layer(cors! {
        unsafe allow {
            origins |_origin, _request| true;
            resource "*", credentials: true;
        }
    })
}

#[test]
fn corscanner_finds_nothing_in_the_examples_and_flags_an_insecure_policy() {
    if support::isolated::inside(INSIDE) {
        return inside_the_namespace();
    }
    let missing = match scanner().exists() {
        true => support::isolated::unshare_unavailable(),
        false => Some(format!(
            "CORScanner is not installed at {}",
            scanner().display()
        )),
    };
    if let Some(missing) = missing {
        let install = "python3 -m venv .venv-scanner && .venv-scanner/bin/pip install corscanner";
        return support::isolated::skip("the CORScanner test", &missing, install);
    }
    support::isolated::rerun_inside(TEST_NAME, INSIDE, "scanner:");
}

async fn serve(router: Router, address: &str) {
    let address: SocketAddr = address.parse().unwrap();
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
}

/// The scanner's findings for these URLs, from its JSON report.
fn scan(urls: &[&str], report: &Path) -> Vec<serde_json::Value> {
    let input = report.with_extension("urls");
    std::fs::write(&input, urls.join("\n")).unwrap();
    let _ = std::fs::remove_file(report);
    let status = Command::new(scanner())
        .arg("-i")
        .arg(&input)
        .args(["-t", "4", "-o"])
        .arg(report)
        // No download of a public-suffix list: there is no network here anyway.
        .env("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("running CORScanner");
    // It exits 0 whatever it finds; the report is what counts.
    assert!(status.success(), "CORScanner failed: {status}");
    let text = std::fs::read_to_string(report).unwrap_or_else(|_| "[]".to_owned());
    serde_json::from_str(&text).expect("CORScanner's JSON report")
}

fn inside_the_namespace() {
    support::isolated::loopback_up();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        serve(readme_example::app(), "127.0.0.1:8000").await;
        serve(
            spa_example::app(spa_example::API_CORS.to_live()),
            "127.0.0.1:8001",
        )
        .await;
        serve(insecure_app(), "127.0.0.1:8002").await;
    });
    let reports = std::env::temp_dir().join(format!("corsage-scan-{}", std::process::id()));
    std::fs::create_dir_all(&reports).unwrap();
    let ours = scan(
        &[
            "http://127.0.0.1:8000/file/at/report.txt",
            "http://127.0.0.1:8000/file/list_all/",
            "http://127.0.0.1:8000/public/index.html",
            "http://127.0.0.1:8000/api/v1/items",
            "http://127.0.0.1:8001/items",
            "http://127.0.0.1:8001/session",
        ],
        &reports.join("examples.json"),
    );
    let insecure = scan(
        &["http://127.0.0.1:8002/account"],
        &reports.join("insecure.json"),
    );
    let _ = std::fs::remove_dir_all(&reports);
    println!("scanner: examples {ours:?}; insecure policy {insecure:?}");
    assert!(
        ours.is_empty(),
        "CORScanner found problems in the examples: {ours:?}"
    );
    assert!(
        insecure
            .iter()
            .any(|finding| finding["type"] == "reflect_origin"),
        "CORScanner did not report the insecure policy, so the scan proves nothing: {insecure:?}"
    );
}
