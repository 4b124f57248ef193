//! A preflight's request headers (§7).

use super::*;

#[tokio::test]
async fn requested_headers_are_trimmed_and_empty_items_ignored() {
    let origin = "https://app.example.com";
    let list = " x-token ,\t,, X-Other\t,";
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "GET", Some(list)).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "GET", Some("x token")).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_requested_header_list_longer_than_8_kib_is_refused_unread() {
    let origin = "https://app.example.com";
    let at_the_limit = "x-token,".repeat(1024);
    assert_eq!(at_the_limit.len(), corsage::MAX_REQUEST_HEADERS_LENGTH);
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "GET", Some(&at_the_limit)).await,
        StatusCode::NO_CONTENT
    );
    let commas = ",".repeat(8 * 1024);
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "GET", Some(&commas)).await,
        StatusCode::NO_CONTENT
    );
    for hostile in [
        "x-token,".repeat(128 * 1024),
        ",".repeat(100_000),
        format!("{at_the_limit}x"),
    ] {
        let request = preflight("/items/1", origin, "GET", Some(&hostile));
        assert_eq!(
            APP.decide(&RequestHead::from(&request)).reason(),
            Reason::RequestHeadersTooLong(Rule {
                block: 0,
                resource: 2
            })
        );
        let response = send(APP, request).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(cors_headers(response.headers()).is_empty());
    }
}

#[tokio::test]
async fn several_request_header_lines_form_one_list() {
    let request = support::request(
        "OPTIONS",
        "/items/1",
        &[
            ("origin", b"https://app.example.com"),
            ("access-control-request-method", b"GET"),
            ("access-control-request-headers", b"x-token"),
            ("access-control-request-headers", b"x-other"),
        ],
    );
    let response = send(APP, request).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        value(response.headers(), "access-control-allow-headers").as_deref(),
        Some("x-token, x-other")
    );
}
