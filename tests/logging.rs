//! Every decision is a debug-level `tracing` event with the reason, the rule as written and the
//! request's values escaped; nothing is logged above debug level, except the one warning for a
//! policy written with a nested router's own paths.

#[allow(dead_code)]
mod support;

use corsage::{Cors, cors};
use support::captured::capturing;
use support::*;

static CORS: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, put];
    }
};

fn logged(level: tracing::Level, requests: Vec<axum::http::Request<axum::body::Body>>) -> String {
    let (captured, subscriber) = capturing(level);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || {
        for request in requests {
            runtime.block_on(send(CORS, request));
        }
    });
    captured.text()
}

#[test]
fn a_refused_preflight_is_logged_with_its_reason_rule_and_escaped_origin() {
    let log = logged(
        tracing::Level::DEBUG,
        vec![
            preflight("/api/items", "https://app.example.com", "DELETE", None),
            request("GET", "/api/items", &[("origin", b"https://\"evil\xff")]),
        ],
    );
    println!("{log}");
    assert!(log.contains(
        "DEBUG corsage: CORS decision decision=preflight method-refused; rule=0.0; method=DELETE path_pattern=\"/api/*\" origin=https://app.example.com method=OPTIONS path=/api/items"
    ));
    assert!(log.contains("decision=actual origin-refused"));
    assert!(log.contains(r#"origin=https://\"evil\xff"#), "{log}");
}

#[test]
fn nothing_is_logged_above_debug_level() {
    let log = logged(
        tracing::Level::INFO,
        vec![
            get_from("/api/items", "https://app.example.com"),
            preflight("/api/items", "https://evil.example", "PUT", None),
        ],
    );
    assert_eq!(log, "");
}

static DEBUGGING: Cors = cors! {
    settings { debug_header: true }
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, put], headers: "x-token";
    }
};

#[tokio::test]
async fn echoed_request_bytes_are_cut_in_the_debug_header() {
    let method = "M".repeat(256 * 1024);
    let header = "x-".repeat(1000);
    for (asked, shown) in [
        (
            preflight("/api/x", "https://app.example.com", &method, None),
            format!(
                "preflight method-refused; rule=0.0; method={}...[{} more bytes]",
                "M".repeat(64),
                256 * 1024 - 64
            ),
        ),
        (
            preflight("/api/x", "https://app.example.com", "PUT", Some(&header)),
            format!(
                "preflight header-refused; rule=0.0; header={}...[{} more bytes]",
                "x-".repeat(32),
                2000 - 64
            ),
        ),
    ] {
        let response = send(DEBUGGING, asked).await;
        assert_eq!(
            value(response.headers(), "x-corsage-decision").as_deref(),
            Some(shown.as_str())
        );
    }
}

#[test]
fn echoed_request_bytes_are_cut_in_log_events() {
    let origin = format!("https://{}.example", "a".repeat(10_000));
    let path = format!("/api/{}", "p".repeat(10_000));
    let log = logged(
        tracing::Level::DEBUG,
        vec![request("GET", &path, &[("origin", origin.as_bytes())])],
    );
    assert!(log.len() < 1000, "{} bytes logged", log.len());
    let origin_shown = format!("origin=https://{}...[", "a".repeat(64 - 8));
    assert!(log.contains(&origin_shown), "{log}");
    let path_shown = format!(
        "path=/api/{}...[{} more bytes]",
        "p".repeat(59),
        10_005 - 64
    );
    assert!(log.contains(&path_shown), "{log}");
}

static NEST_RELATIVE: Cors = cors! {
    settings { debug_header: true }
    allow {
        origins "https://app.example.com";
        resource "/items", methods: [get], refuse_others: true;
    }
};

/// A policy written with the nested router's own paths covers nothing behind `Router::nest`
/// (the layer matches the path the client sent): the first such request warns, once per table,
/// and the debug header says it on every such response.
#[test]
fn a_policy_written_with_a_nested_routers_paths_warns_at_the_first_request() {
    use axum::routing::get;
    use tower::ServiceExt;
    let (captured, subscriber) = capturing(tracing::Level::WARN);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let items = axum::Router::new()
        .route("/items", get(|| async { "[]" }))
        .layer(NEST_RELATIVE);
    let app = axum::Router::new().nest("/api", items);
    let headers = tracing::subscriber::with_default(subscriber, || {
        [("https://evil.example"), ("https://app.example.com")].map(|origin| {
            let response = runtime
                .block_on(app.clone().oneshot(get_from("/api/items", origin)))
                .unwrap();
            value(response.headers(), "x-corsage-decision").unwrap()
        })
    });
    let log = captured.text();
    assert_eq!(log.matches(" WARN ").count(), 1, "{log}");
    assert!(log.contains(" WARN corsage: no resource covers /api/items, the path the client sent, but one covers /items, the nested router's own path: write the policy's resources with full paths"), "{log}");
    for header in headers {
        assert!(header.contains("the nested router's own path"), "{header}");
    }
}

/// What only a release build refuses loads in a debug build, with a warning that says so.
#[test]
fn a_debug_build_warns_of_what_a_release_build_refuses() {
    let (captured, subscriber) = capturing(tracing::Level::WARN);
    let policy: corsage::Policy = toml::from_str(
        "[[allow]]\norigins = [\"http://192.168.1.10:3000\"]\n[[allow.resource]]\npath = \"/api/*\"\ncredentials = true\n",
    )
    .unwrap();
    let checked =
        tracing::subscriber::with_default(subscriber, || policy.check(&corsage::Functions::new()));
    let log = captured.text();
    if cfg!(debug_assertions) {
        assert!(checked.is_ok());
        assert!(log.contains(" WARN corsage: a release build refuses this policy: allow[0].resource[0].credentials: `credentials = true` with the plain-http private-network address"), "{log}");
    } else {
        assert!(checked.is_err());
        assert_eq!(log, "");
    }
}
