//! One test (or more) per rule of the guide ("What the layer does", the grammar's options) and of
//! the Fetch standard's CORS protocol (<https://fetch.spec.whatwg.org/#http-cors-protocol>), each
//! named after its rule, through an axum `Router` wrapped in the layer.

use crate::support;

use axum::http::StatusCode;
use corsage::{Cors, Reason, RequestHead, RequestKind, Rule, cors};
use support::*;

/// The README's policy, exactly as the example serves it.
use crate::readme_example;
use readme_example::CORS as README;

#[path = "rules/classify.rs"]
mod classify;
#[path = "rules/credentials.rs"]
mod credentials;
#[path = "rules/decisions.rs"]
mod decisions;
#[path = "rules/matching.rs"]
mod matching;
#[path = "rules/options.rs"]
mod options;
#[path = "rules/origins.rs"]
mod origins;
#[path = "rules/paths.rs"]
mod paths;
#[path = "rules/placement.rs"]
mod placement;
#[path = "rules/request_headers.rs"]
mod request_headers;
#[path = "rules/responses.rs"]
mod responses;

fn from_fn_origin(origin: &str, _request: &RequestHead<'_>) -> bool {
    origin.ends_with(".fn.test") && origin.starts_with("https://")
}

static APP: Cors = cors! {
    // Credentials with wildcard, regex and function origins: acknowledged as unsafe.
    unsafe allow {
        origins "https://app.example.com", "https://*.example.net", from_fn_origin,
                regex(r"https://(a|b)\.regex\.test"), |origin, request| {
                    origin == "https://header.test" && request.headers().contains_key("x-let-in")
                };
        resource "/users/:id", methods: [get, put];
        resource "/files/*.json";
        resource "/items/*",
            methods: [get, post, "PURGE"],
            headers: ["X-Token", "x-other"],
            expose: ["X-Total", "X-Page"],
            max_age: 600,
            credentials: true,
            vary: "Accept-Encoding";
        resource "/maybe/*", methods: [get], if: |request| request.headers().contains_key("x-feature");
        resource "/maybe/*", methods: [post];
        resource "/any-headers", methods: any, headers: any, credentials: true;
        resource "/boom";
        resource "/missing";
        resource "/own-cors", credentials: true, expose: "x-own";
        resource regex(r"/v[0-9]+/report"), methods: [post];
        resource "/literal/$batch(1).json";
    }
    allow {
        origins "*";
        resource "/public/*", headers: any;
        resource "/items/*", methods: [delete];
    }
    allow {
        origins "null", "https://sandbox.test";
        resource "/sandboxed";
    }
};

static TEAPOT: Cors = cors! {
    settings { refused_preflight_status: 418 }
    allow {
        origins "https://app.example.com";
        resource "/x";
    }
};

static PRIVATE_NETWORK: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/device/*", methods: [get, put], private_network: true;
        resource "/other/*", methods: [get, put];
    }
};

#[tokio::test]
async fn private_network_preflights_are_answered_only_where_opted_in() {
    let asking = |path: &str| {
        request(
            "OPTIONS",
            path,
            &[
                ("origin", b"https://app.example.com"),
                ("access-control-request-method", b"PUT"),
                ("access-control-request-private-network", b"true"),
            ],
        )
    };
    let response = send(PRIVATE_NETWORK, asking("/device/1")).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        value(response.headers(), "access-control-allow-private-network").as_deref(),
        Some("true")
    );
    assert!(
        value(response.headers(), "vary")
            .unwrap()
            .ends_with("Access-Control-Request-Private-Network")
    );
    let response = send(PRIVATE_NETWORK, asking("/other/1")).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        value(response.headers(), "access-control-allow-private-network"),
        None
    );
    let response = send(
        PRIVATE_NETWORK,
        preflight("/device/1", "https://app.example.com", "PUT", None),
    )
    .await;
    assert_eq!(
        value(response.headers(), "access-control-allow-private-network"),
        None
    );
}

static DEBUG: Cors = cors! {
    settings { debug_header: true }
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, put];
    }
};

#[tokio::test]
async fn debug_header_says_what_was_decided_on_every_response() {
    let decision = |response: &axum::http::Response<axum::body::Body>| {
        value(response.headers(), "x-corsage-decision")
    };
    let origin = "https://app.example.com";
    let refused = send(DEBUG, preflight("/api/x", origin, "DELETE", None)).await;
    assert_eq!(
        decision(&refused).as_deref(),
        Some("preflight method-refused; rule=0.0; method=DELETE")
    );
    let allowed = send(DEBUG, get_from("/api/x", origin)).await;
    assert_eq!(
        decision(&allowed).as_deref(),
        Some("actual allowed; rule=0.0")
    );
    let other = send(DEBUG, get_from("/elsewhere", origin)).await;
    assert_eq!(decision(&other).as_deref(), Some("actual no-resource"));
    let hostile = request("GET", "/api/x", &[("origin", b"https://\"evil\xff")]);
    assert_eq!(
        decision(&send(DEBUG, hostile).await).as_deref(),
        Some("actual origin-refused")
    );
    let header = request(
        "OPTIONS",
        "/api/x",
        &[
            ("origin", origin.as_bytes()),
            ("access-control-request-method", b"PUT"),
            ("access-control-request-headers", b"x-\"quoted\xff"),
        ],
    );
    assert_eq!(
        decision(&send(DEBUG, header).await).as_deref(),
        Some("preflight header-refused; rule=0.0; header=x-\\\"quoted\\xff")
    );
    // Off by default.
    let quiet = send(APP, get_from("/users/1", origin)).await;
    assert_eq!(decision(&quiet), None);
}

async fn allow_origin(cors: Cors, path: &str, origin: &str) -> Option<String> {
    let response = send(cors, get_from(path, origin)).await;
    value(response.headers(), "access-control-allow-origin")
}

async fn preflight_status(
    cors: Cors,
    path: &str,
    origin: &str,
    method: &str,
    headers: Option<&str>,
) -> StatusCode {
    send(cors, preflight(path, origin, method, headers))
        .await
        .status()
}
