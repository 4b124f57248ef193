//! `examples/mcp.rs`, an MCP server on the official Rust SDK behind corsage, driven as a process
//! with real MCP requests over HTTP (`initialize`, `notifications/initialized`, `tools/call`):
//! the MCP Inspector's origin and clients without `Origin` reach the server; every other origin,
//! and every request sent to a host that is not the server's own (a DNS-rebinding page's), is
//! answered `403` by the layer before the MCP service runs.

use crate::support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

struct Server {
    /// Stops the example when the test ends.
    _process: support::example::Running,
    address: String,
}

/// `PORT=0 cargo run --example mcp`, as built by `cargo test` beside the test binaries.
fn start() -> Server {
    let mut child = Command::new(support::example::binary("mcp"))
        .env("PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cargo test builds examples/mcp");
    let address = support::example::banner_address(&mut child);
    Server {
        _process: support::example::Running(child),
        address,
    }
}

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"corsage-test","version":"1.0.0"}}}"#;

/// A response: its status, its head (lowercase) and its body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key == name).then(|| value.trim())
        })
    }
}

impl Server {
    /// Sends `method /mcp` with these headers (and the body, if any) and reads the whole answer.
    fn send(&self, method: &str, headers: &[(&str, &str)], body: Option<&str>) -> Answer {
        let mut request = format!("{method} /mcp HTTP/1.1\r\nConnection: close\r\n");
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("host"))
        {
            request += &format!("Host: {}\r\n", self.address);
        }
        for (name, value) in headers {
            request += &format!("{name}: {value}\r\n");
        }
        if let Some(body) = body {
            request += &format!(
                "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {}\r\n",
                body.len()
            );
        }
        request += "\r\n";
        request += body.unwrap_or("");
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        Answer {
            status: head[9..12].parse().unwrap(),
            head: head.to_ascii_lowercase(),
            body: body.to_owned(),
        }
    }

    fn initialize(&self, headers: &[(&str, &str)]) -> Answer {
        self.send("POST", headers, Some(INITIALIZE))
    }
}

#[test]
fn clients_without_origin_on_the_servers_own_hosts_initialize() {
    let server = start();
    let port = server.address.rsplit(':').next().unwrap().to_owned();
    for host in [server.address.clone(), format!("localhost:{port}")] {
        let answer = server.initialize(&[("Host", &host)]);
        assert_eq!(answer.status, 200, "{host}: {}", answer.head);
        assert!(answer.body.contains("\"serverInfo\""), "{}", answer.body);
        assert!(answer.header("mcp-session-id").is_some());
    }
}

#[test]
fn the_inspectors_origin_initializes_and_calls_the_tool() {
    let server = start();
    let inspector = ("Origin", "http://localhost:6274");
    let preflight = server.send(
        "OPTIONS",
        &[
            inspector,
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type,mcp-protocol-version",
            ),
        ],
        None,
    );
    assert_eq!(preflight.status, 204, "{}", preflight.head);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("http://localhost:6274")
    );
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("content-type,mcp-protocol-version")
    );

    let initialized = server.initialize(&[inspector]);
    assert_eq!(initialized.status, 200, "{}", initialized.head);
    assert_eq!(
        initialized.header("access-control-allow-origin"),
        Some("http://localhost:6274")
    );
    assert_eq!(
        initialized.header("access-control-expose-headers"),
        Some("mcp-session-id")
    );
    let session = initialized.header("mcp-session-id").unwrap().to_owned();
    let with_session = [
        inspector,
        ("Mcp-Session-Id", session.as_str()),
        ("Mcp-Protocol-Version", "2025-06-18"),
    ];
    let notified = server.send(
        "POST",
        &with_session,
        Some(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#),
    );
    assert_eq!(notified.status, 202, "{}", notified.head);
    let called = server.send(
        "POST",
        &with_session,
        Some(r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"name":"corsage"}}}"#),
    );
    assert_eq!(called.status, 200, "{}", called.head);
    assert!(called.body.contains("Hello, corsage!"), "{}", called.body);
}

/// Refused by the layer: `403` with an empty body, no CORS header, and no session (the MCP
/// service never saw the request).
fn assert_refused_by_the_layer(answer: &Answer, what: &str) {
    assert_eq!(answer.status, 403, "{what}: {}", answer.head);
    assert_eq!(answer.body, "", "{what}");
    assert!(answer.header("mcp-session-id").is_none(), "{what}");
    assert!(
        answer.header("access-control-allow-origin").is_none(),
        "{what}"
    );
}

#[test]
fn other_origins_and_rebinding_hosts_are_refused_before_the_service() {
    let server = start();
    let port = server.address.rsplit(':').next().unwrap().to_owned();
    let evil = server.initialize(&[("Origin", "https://evil.example")]);
    assert_refused_by_the_layer(&evil, "another site");
    let sandboxed = server.initialize(&[("Origin", "null")]);
    assert_refused_by_the_layer(&sandboxed, "a sandboxed page");
    let evil_preflight = server.send(
        "OPTIONS",
        &[
            ("Origin", "https://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        None,
    );
    assert_eq!(evil_preflight.status, 403);
    // A DNS-rebinding page: the attacker's name resolved to 127.0.0.1, so its `Origin` and
    // its `Host` agree.
    let rebinding_host = format!("rebind.attacker.test:{port}");
    let rebinding_origin = format!("http://{rebinding_host}");
    let rebinding = server.initialize(&[("Host", &rebinding_host), ("Origin", &rebinding_origin)]);
    assert_refused_by_the_layer(&rebinding, "a rebinding page");
    let no_origin = server.initialize(&[("Host", &rebinding_host)]);
    assert_refused_by_the_layer(&no_origin, "a rebinding host without Origin");
    let other_port =
        server.initialize(&[("Host", "localhost:1"), ("Origin", "http://localhost:6274")]);
    assert_refused_by_the_layer(&other_port, "another port");
}
