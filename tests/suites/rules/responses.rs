//! What each response carries (§6).

use super::*;

#[tokio::test]
async fn allowed_preflight_carries_exactly_the_preflight_headers() {
    let response = send(
        APP,
        preflight(
            "/items/1",
            "https://app.example.com",
            "POST",
            Some("x-token,x-other"),
        ),
    )
    .await;
    let headers = response.headers();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        value(headers, "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        value(headers, "access-control-allow-methods").as_deref(),
        Some("GET, POST, PURGE")
    );
    assert_eq!(
        value(headers, "access-control-allow-headers").as_deref(),
        Some("x-token,x-other")
    );
    assert_eq!(
        value(headers, "access-control-max-age").as_deref(),
        Some("600")
    );
    assert_eq!(
        value(headers, "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    assert_eq!(
        value(headers, "vary").as_deref(),
        Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
    );
    let mut names = cors_headers(headers);
    names.sort();
    assert_eq!(
        names,
        [
            "access-control-allow-credentials",
            "access-control-allow-headers",
            "access-control-allow-methods",
            "access-control-allow-origin",
            "access-control-max-age",
        ]
    );
}

#[tokio::test]
async fn allowed_preflight_without_requested_headers_sends_no_allow_headers() {
    let response = send(
        APP,
        preflight("/users/1", "https://app.example.com", "GET", None),
    )
    .await;
    assert_eq!(
        value(response.headers(), "access-control-allow-headers"),
        None
    );
}

#[tokio::test]
async fn refused_preflight_carries_no_cors_header_and_the_refused_status() {
    let cases = [
        preflight("/users/1", "https://evil.test", "GET", None),
        preflight("/users/1", "https://app.example.com", "DELETE", None),
        preflight("/users/1", "https://app.example.com", "GET", Some("x-nope")),
    ];
    for request in cases {
        let (response, calls) = send_counted(APP, request).await;
        assert_eq!(calls, 0);
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(cors_headers(response.headers()).is_empty());
    }
}

#[tokio::test]
async fn refused_preflight_status_is_configurable() {
    let response = send(TEAPOT, preflight("/x", "https://evil.test", "GET", None)).await;
    assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
}

static DEVELOPMENT: Cors = cors! {
    allow {
        origins "http://localhost:*", "http://127.0.0.1:*";
        resource "/api/*", credentials: true;
    }
};

/// `http://localhost:*`: a development server on whatever port it picked.
#[test]
fn a_port_wildcard_takes_any_port_of_its_host_only() {
    for origin in [
        "http://localhost:5173",
        "http://localhost",
        "http://127.0.0.1:8080",
    ] {
        DEVELOPMENT
            .probe("GET /api/x")
            .origin(origin)
            .assert_allowed();
    }
    for origin in [
        "https://localhost:5173",
        "http://localhostx:5173",
        "http://localhost.evil.example",
        "http://localhost:",
        "http://evil.localhost:5173",
    ] {
        DEVELOPMENT
            .probe("GET /api/x")
            .origin(origin)
            .assert_reason("OriginRefused");
    }
}

static STATUS_200: Cors = cors! {
    settings { allowed_preflight_status: 200 }
    allow {
        origins "https://app.example.com";
        resource "/x";
    }
};

/// Suites migrating from tower-http, Starlette or rack-cors expect 200 for an allowed preflight.
#[tokio::test]
async fn allowed_preflight_status_is_configurable() {
    let allowed = send(
        STATUS_200,
        preflight("/x", "https://app.example.com", "GET", None),
    )
    .await;
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(
        value(allowed.headers(), "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    let refused = send(
        STATUS_200,
        preflight("/x", "https://evil.test", "GET", None),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn actual_response_carries_no_preflight_only_headers() {
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    let headers = response.headers();
    assert_eq!(value(headers, "access-control-allow-methods"), None);
    assert_eq!(value(headers, "access-control-max-age"), None);
    assert_eq!(value(headers, "access-control-allow-headers"), None);
    assert_eq!(
        value(headers, "access-control-allow-credentials").as_deref(),
        Some("true")
    );
}

#[tokio::test]
async fn inner_service_cors_headers_stand_and_vary_is_merged_once() {
    let response = send(APP, get_from("/own-cors", "https://app.example.com")).await;
    let headers = response.headers();
    assert_eq!(
        value(headers, "access-control-allow-origin").as_deref(),
        Some("https://handler.example")
    );
    assert_eq!(
        value(headers, "access-control-expose-headers").as_deref(),
        Some("x-own")
    );
    assert_eq!(
        value(headers, "vary").as_deref(),
        Some("Accept-Encoding, origin")
    );
}

#[tokio::test]
async fn star_never_comes_with_credentials() {
    let response = send(APP, get_from("/public/x", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials"),
        None
    );
}

/// A `"*"` resource that nothing else can take, and whose answer depends on nothing in the
/// request, answers every origin alike: no `Vary: Origin`, so shared caches keep one copy. The
/// answers that differ keep it: a request without `Origin`, an `Origin` the block refuses
/// (`null`), a resource with `if:`, and one an earlier rule may take.
#[tokio::test]
async fn vary_origin_only_where_the_answer_can_differ_by_origin() {
    let vary = |response: axum::http::Response<axum::body::Body>| value(response.headers(), "vary");
    let star = send(README, get_from("/public/x", "https://anyone.test")).await;
    assert_eq!(
        value(star.headers(), "access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(vary(star), None);
    let without_origin = send(README, request("GET", "/public/x", &[])).await;
    assert_eq!(vary(without_origin).as_deref(), Some("Origin"));
    let null = send(README, get_from("/public/x", "null")).await;
    assert_eq!(vary(null).as_deref(), Some("Origin"));
    let condition = request(
        "GET",
        "/api/v1/x",
        &[
            ("origin", b"https://anyone.test"),
            ("host", b"api.example.com"),
        ],
    );
    assert_eq!(
        vary(send(README, condition).await).as_deref(),
        Some("Origin")
    );
    // APP's `"*"` block comes after rules whose paths may overlap (`/files/*.json`, a regex),
    // in a block with function origins, whose resources' `vary:` names the answer also names.
    let taken = send(APP, get_from("/public/x", "https://anyone.test")).await;
    assert_eq!(vary(taken).as_deref(), Some("Origin, accept-encoding"));
}
