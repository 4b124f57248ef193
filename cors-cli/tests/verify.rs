//! `corsage verify` against `examples/live.rs` serving a policy file: the same file agrees, a
//! different file disagrees, and a proxy that adds its own `Access-Control-Allow-Origin: *`
//! in front of the right one is caught. Every server listens on 127.0.0.1.

mod support;

#[allow(dead_code)]
#[path = "../../examples/live.rs"]
mod live_example;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

use support::{corsage, file};

/// Serves `policy` with the live example's app on a port of its own, in the background.
fn serve(policy: &str) -> String {
    let live = live_example::load(Path::new(policy)).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, live_example::app(live))
                    .await
                    .unwrap();
            });
    });
    format!("http://{address}")
}

/// A proxy in front of `upstream` that adds `Access-Control-Allow-Origin: *` to every answer,
/// as a misconfigured gateway does.
fn adding_proxy(upstream: &str) -> String {
    let upstream = upstream.strip_prefix("http://").unwrap().to_owned();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { continue };
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match client.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let Ok(mut server) = TcpStream::connect(&upstream) else {
                continue;
            };
            server.write_all(&request).ok();
            let mut answer = Vec::new();
            server.read_to_end(&mut answer).ok();
            let text = String::from_utf8_lossy(&answer);
            let added = text.replacen("\r\n", "\r\naccess-control-allow-origin: *\r\n", 1);
            client.write_all(added.as_bytes()).ok();
        }
    });
    format!("http://{address}")
}

#[test]
fn the_server_of_the_same_file_agrees() {
    let url = serve("../examples/policy.toml");
    let (code, stdout, stderr) = corsage(&["verify", &url, "../examples/policy.toml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let last = stdout.lines().last().unwrap();
    assert!(last.ends_with(" requests, 0 disagreements"), "{last}");
}

#[test]
fn a_server_of_another_file_disagrees() {
    let other = file(
        "verify",
        "other.toml",
        "[[allow]]\norigins = [\"https://other.example\"]\n[[allow.resource]]\npath = \"/file/at/*\"\nmethods = [\"GET\"]\n",
    );
    let url = serve(&other);
    let (code, stdout, _) = corsage(&[
        "verify",
        "--format",
        "json",
        &url,
        "../examples/policy.toml",
    ]);
    assert_eq!(code, 2, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let problems: Vec<&str> = report["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["problem"].as_str().unwrap())
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("missing access-control-allow-origin")),
        "{problems:?}"
    );
}

#[test]
fn a_proxy_that_adds_its_own_header_is_caught() {
    let url = adding_proxy(&serve("../examples/policy.toml"));
    let (code, stdout, _) = corsage(&["verify", &url, "../examples/policy.toml"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("2 access-control-allow-origin lines"),
        "{stdout}"
    );
    assert!(
        stdout.contains("extra access-control-allow-origin: *"),
        "{stdout}"
    );
}

#[test]
fn an_unreachable_server_is_an_unanswered_question() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (code, _, stderr) = corsage(&["verify", &url, "../examples/policy.toml"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = corsage(&["verify", "https://example.com", "../examples/policy.toml"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("plain HTTP"), "{stderr}");
}
