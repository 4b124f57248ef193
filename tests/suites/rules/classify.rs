//! Classifying a request (the guide's "What the layer does"; the Fetch standard's CORS-preflight
//! request, <https://fetch.spec.whatwg.org/#cors-preflight-request>): no `Origin`, preflight,
//! actual request.

use super::*;

#[tokio::test]
async fn no_origin_is_not_cors_but_a_covered_path_gets_vary_origin() {
    let (response, calls) = send_counted(APP, request("GET", "/users/1", &[])).await;
    assert_eq!(calls, 1);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(cors_headers(response.headers()).is_empty());
    assert_eq!(value(response.headers(), "vary").as_deref(), Some("Origin"));
}

#[tokio::test]
async fn no_origin_on_an_uncovered_path_is_left_alone() {
    let response = send(APP, request("GET", "/elsewhere", &[])).await;
    assert!(cors_headers(response.headers()).is_empty());
    assert_eq!(value(response.headers(), "vary"), None);
}

#[tokio::test]
async fn preflight_is_answered_by_the_layer_without_the_inner_service() {
    let (response, calls) = send_counted(
        APP,
        preflight("/users/1", "https://app.example.com", "PUT", None),
    )
    .await;
    assert_eq!(calls, 0);
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn options_without_request_method_is_an_actual_request() {
    let origin: &[u8] = b"https://app.example.com";
    let (response, calls) =
        send_counted(APP, request("OPTIONS", "/users/1", &[("origin", origin)])).await;
    assert_eq!(calls, 1);
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
}

#[tokio::test]
async fn options_with_request_method_but_no_origin_is_not_a_preflight() {
    let method: &[u8] = b"PUT";
    let (response, calls) = send_counted(
        APP,
        request(
            "OPTIONS",
            "/users/1",
            &[("access-control-request-method", method)],
        ),
    )
    .await;
    assert_eq!(calls, 1);
    assert!(cors_headers(response.headers()).is_empty());
}

#[tokio::test]
async fn actual_request_reaches_the_inner_service_even_when_refused() {
    let (response, calls) = send_counted(APP, get_from("/users/1", "https://evil.test")).await;
    assert_eq!(calls, 1);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(cors_headers(response.headers()).is_empty());
    // The refusal consulted the block's function origins, so the answer varies by the `vary:`
    // names of that block's resources (`/items/*`'s), as well as by `Origin`.
    assert_eq!(
        value(response.headers(), "vary").as_deref(),
        Some("Origin, accept-encoding")
    );
}

#[tokio::test]
async fn error_responses_of_the_inner_service_are_decorated() {
    for (path, status) in [
        ("/missing", StatusCode::NOT_FOUND),
        ("/boom", StatusCode::INTERNAL_SERVER_ERROR),
    ] {
        let response = send(APP, get_from(path, "https://app.example.com")).await;
        assert_eq!(response.status(), status);
        assert_eq!(
            value(response.headers(), "access-control-allow-origin").as_deref(),
            Some("https://app.example.com"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_origin_that_is_not_a_serialized_origin_matches_nothing() {
    let malformed: [&[u8]; 8] = [
        b"",
        b"https://app.example.com/",
        b"https://APP.example.com",
        b"https://app.example.com/path",
        b"app.example.com",
        b"https://app.example.com\xff",
        b"\xff\xfe",
        b" https://app.example.com",
    ];
    for origin in malformed {
        let response = send(APP, request("GET", "/users/1", &[("origin", origin)])).await;
        assert!(
            cors_headers(response.headers()).is_empty(),
            "{:?}",
            origin.escape_ascii().to_string()
        );
        let response = send(
            APP,
            request(
                "OPTIONS",
                "/users/1",
                &[
                    ("origin", origin),
                    ("access-control-request-method", b"GET"),
                ],
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn with_only_exact_origins_nothing_but_a_listed_origin_matches() {
    // TEAPOT lists one exact origin and no pattern, so its table alone decides.
    let listed = send(TEAPOT, get_from("/x", "https://app.example.com")).await;
    assert_eq!(
        value(listed.headers(), "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    for origin in [
        "https://app.example.com/",
        "https://APP.example.com",
        "http://app.example.com",
        "https://app.example.com:443",
        "null",
        "",
    ] {
        let response = send(TEAPOT, get_from("/x", origin)).await;
        assert!(cors_headers(response.headers()).is_empty(), "{origin:?}");
    }
    let twice = request(
        "GET",
        "/x",
        &[
            ("origin", b"https://app.example.com"),
            ("origin", b"https://app.example.com"),
        ],
    );
    assert!(cors_headers(send(TEAPOT, twice).await.headers()).is_empty());
}

#[tokio::test]
async fn several_origin_lines_match_nothing() {
    let origin: &[u8] = b"https://app.example.com";
    let response = send(
        APP,
        request("GET", "/users/1", &[("origin", origin), ("origin", origin)]),
    )
    .await;
    assert!(cors_headers(response.headers()).is_empty());
}

#[tokio::test]
async fn null_origin_matches_only_a_block_that_names_it() {
    let response = send(APP, get_from("/sandboxed", "null")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("null")
    );
    // "*" covers /public/* but does not name "null".
    let response = send(APP, get_from("/public/x", "null")).await;
    assert!(cors_headers(response.headers()).is_empty());
    // Nor do regexes and functions see it.
    let response = send(APP, get_from("/users/1", "null")).await;
    assert!(cors_headers(response.headers()).is_empty());
}
