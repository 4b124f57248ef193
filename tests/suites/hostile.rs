//! Named regressions for hostile requests: each gets a well-defined answer, never a panic, and
//! none makes the layer read more than a bounded part of it. (How long they take is measured
//! in the benchmarks, never asserted here.)

// Shared with the rule tests, which use the helpers this file does not.
use crate::support;

use axum::http::StatusCode;
use corsage::{Cors, Reason, RequestHead, Rule, cors};
use support::*;

static POLICY: Cors = cors! {
    allow {
        origins "https://app.example.com", regex(r"^https://[a-z0-9-]+\.example\.org$");
        resource "/api/*", methods: [get, put], headers: ["x-token"];
    }
};

const RULE: Rule = Rule {
    block: 0,
    resource: 0,
};

fn preflight_with(headers: &[(&str, &[u8])]) -> axum::http::Request<axum::body::Body> {
    let mut all: Vec<(&str, &[u8])> = vec![
        ("origin", b"https://app.example.com"),
        ("access-control-request-method", b"PUT"),
    ];
    all.extend_from_slice(headers);
    support::request("OPTIONS", "/api/x", &all)
}

#[tokio::test]
async fn request_headers_of_one_mebibyte_are_refused_unread() {
    let list = "x-token,".repeat(128 * 1024);
    let request = preflight_with(&[("access-control-request-headers", list.as_bytes())]);
    let reason = POLICY.decide(&RequestHead::from(&request)).reason();
    assert_eq!(reason, Reason::RequestHeadersTooLong(RULE));
    let response = send(POLICY, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(cors_headers(response.headers()).is_empty());
}

#[tokio::test]
async fn one_hundred_thousand_commas_are_refused_unread() {
    let list = ",".repeat(100_000);
    let request = preflight_with(&[("access-control-request-headers", list.as_bytes())]);
    assert_eq!(
        POLICY.decide(&RequestHead::from(&request)).reason(),
        Reason::RequestHeadersTooLong(RULE)
    );
    assert_eq!(send(POLICY, request).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn several_request_header_lines_are_one_list_and_bounded_together() {
    let half = "x-token,".repeat(600);
    let request = preflight_with(&[
        ("access-control-request-headers", half.as_bytes()),
        ("access-control-request-headers", half.as_bytes()),
    ]);
    // Each line is under 8 KiB, both together are not.
    assert_eq!(
        POLICY.decide(&RequestHead::from(&request)).reason(),
        Reason::RequestHeadersTooLong(RULE)
    );
    let request = preflight_with(&[
        ("access-control-request-headers", b"x-token"),
        ("access-control-request-headers", b"x-other"),
    ]);
    assert_eq!(
        format!("{:?}", POLICY.decide(&RequestHead::from(&request)).reason()),
        "HeaderRefused { rule: Rule { block: 0, resource: 0 }, header: \"x-other\" }"
    );
}

#[tokio::test]
async fn a_non_utf8_origin_matches_nothing() {
    for origin in [
        &b"https://app.example.com\xff"[..],
        b"\xc3\x28",
        b"https://\xe2\x82.example.org",
    ] {
        let request = support::request("GET", "/api/x", &[("origin", origin)]);
        assert_eq!(
            POLICY.decide(&RequestHead::from(&request)).reason(),
            Reason::OriginRefused
        );
        let response = send(POLICY, request).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(cors_headers(response.headers()).is_empty());
    }
}

#[tokio::test]
async fn an_origin_of_64_kibibytes_matches_nothing() {
    let long_host = format!("https://{}.example.org", "a".repeat(64 * 1024));
    let request = support::request("GET", "/api/x", &[("origin", long_host.as_bytes())]);
    // The regex accepts a label that long, so it may well be allowed; either way the request
    // gets an answer, and an allowed one echoes the Origin byte for byte.
    let allowed = POLICY.decide(&RequestHead::from(&request)).is_allowed();
    let response = send(POLICY, request).await;
    match response.headers().get("access-control-allow-origin") {
        Some(echoed) => {
            assert!(allowed);
            assert_eq!(echoed.as_bytes(), long_host.as_bytes());
        }
        None => assert!(!allowed),
    }
    let garbage = "x".repeat(64 * 1024);
    let request = support::request("GET", "/api/x", &[("origin", garbage.as_bytes())]);
    assert_eq!(
        POLICY.decide(&RequestHead::from(&request)).reason(),
        Reason::OriginRefused
    );
}

#[tokio::test]
async fn several_origin_lines_match_nothing_even_when_each_would() {
    let request = support::request(
        "GET",
        "/api/x",
        &[
            ("origin", b"https://app.example.com"),
            ("origin", b"https://b.example.org"),
        ],
    );
    assert_eq!(
        POLICY.decide(&RequestHead::from(&request)).reason(),
        Reason::OriginRefused
    );
    assert!(cors_headers(send(POLICY, request).await.headers()).is_empty());
}

#[tokio::test]
async fn an_empty_origin_and_an_empty_request_method_are_refused() {
    let request = support::request("GET", "/api/x", &[("origin", b"")]);
    assert_eq!(
        POLICY.decide(&RequestHead::from(&request)).reason(),
        Reason::OriginRefused
    );
    let request = support::request(
        "OPTIONS",
        "/api/x",
        &[
            ("origin", b"https://app.example.com"),
            ("access-control-request-method", b""),
        ],
    );
    let response = send(POLICY, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
