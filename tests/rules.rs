//! One test (or more) per rule of CORS-NOTES, each named after its rule, through an axum
//! `Router` wrapped in the layer.

mod support;

use axum::http::StatusCode;
use corsage::{cors, Cors, Reason, RequestHead, RequestKind, Rule};
use support::*;

/// The README's policy, exactly as the example serves it.
#[allow(dead_code)]
#[path = "../examples/readme.rs"]
mod readme_example;
use readme_example::CORS as README;

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
    assert!(value(response.headers(), "vary")
        .unwrap()
        .ends_with("Access-Control-Request-Private-Network"));
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

// §1 Classifying a request

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

// §2 Matching: first match wins

#[tokio::test]
async fn first_matching_block_wins() {
    // /items/* is in the first block (credentials) and the "*" block (delete only).
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let response = send(APP, get_from("/items/1", "https://other.test")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials"),
        None
    );
}

#[tokio::test]
async fn preflight_does_not_fall_through_to_a_later_rule_on_method() {
    // DELETE is allowed on /items/* by the "*" block, but the first block is selected for this
    // origin and does not list DELETE.
    let response = send(
        APP,
        preflight("/items/1", "https://app.example.com", "DELETE", None),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = send(
        APP,
        preflight("/items/1", "https://other.test", "DELETE", None),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_block_whose_resources_miss_the_path_falls_through_to_the_next_block() {
    let response = send(APP, get_from("/public/a", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("*")
    );
}

#[tokio::test]
async fn if_condition_false_skips_the_resource() {
    let decision = |headers: &[(&str, &[u8])]| {
        let request = support::request("OPTIONS", "/maybe/x", headers);
        let head = RequestHead::from(&request);
        APP.decide(&head).reason().to_owned_reason()
    };
    let origin: (&str, &[u8]) = ("origin", b"https://app.example.com");
    let get: (&str, &[u8]) = ("access-control-request-method", b"GET");
    let post: (&str, &[u8]) = ("access-control-request-method", b"POST");
    let feature: (&str, &[u8]) = ("x-feature", b"1");
    assert_eq!(decision(&[origin, get, feature]), "Allowed(0/3)");
    // Without the header, the first /maybe/* is skipped and the second (POST only) selected.
    assert_eq!(decision(&[origin, post]), "Allowed(0/4)");
    assert_eq!(decision(&[origin, get]), "MethodRefused(0/4)");
}

#[test]
fn condition_false_is_reported_when_no_other_resource_matches() {
    let request = support::request(
        "GET",
        "/api/v1/x",
        &[("origin", b"https://a.test"), ("host", b"other.test")],
    );
    let decision = README.decide(&RequestHead::from(&request));
    assert_eq!(
        decision.reason(),
        Reason::ConditionFalse(Rule {
            block: 1,
            resource: 1
        })
    );
    let request = support::request(
        "GET",
        "/api/v1/x",
        &[("origin", b"https://a.test"), ("host", b"api.example.com")],
    );
    assert!(README.decide(&RequestHead::from(&request)).is_allowed());
}

trait ShortReason {
    fn to_owned_reason(&self) -> String;
}

impl ShortReason for Reason<'_> {
    fn to_owned_reason(&self) -> String {
        match self {
            Reason::Allowed(rule) => format!("Allowed({}/{})", rule.block, rule.resource),
            Reason::MethodRefused { rule, .. } => {
                format!("MethodRefused({}/{})", rule.block, rule.resource)
            }
            other => format!("{other:?}"),
        }
    }
}

// §3 Origin patterns

async fn allow_origin(cors: Cors, path: &str, origin: &str) -> Option<String> {
    let response = send(cors, get_from(path, origin)).await;
    value(response.headers(), "access-control-allow-origin")
}

#[tokio::test]
async fn star_answers_with_a_literal_star() {
    assert_eq!(
        allow_origin(APP, "/public/x", "https://anyone.test")
            .await
            .as_deref(),
        Some("*")
    );
}

#[tokio::test]
async fn exact_origin_is_echoed_byte_for_byte() {
    assert_eq!(
        allow_origin(APP, "/users/1", "https://app.example.com")
            .await
            .as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "http://app.example.com").await,
        None
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "https://app.example.com:8443").await,
        None
    );
}

#[tokio::test]
async fn bare_host_origin_matches_http_and_https_with_the_same_port() {
    for origin in ["http://localhost:3000", "https://localhost:3000"] {
        assert_eq!(
            allow_origin(README, "/file/at/x", origin).await.as_deref(),
            Some(origin)
        );
    }
    for origin in [
        "http://localhost:3001",
        "http://localhost",
        "ftp://localhost:3000",
    ] {
        assert_eq!(
            allow_origin(README, "/file/at/x", origin).await,
            None,
            "{origin}"
        );
    }
}

#[tokio::test]
async fn subdomain_wildcard_matches_subdomains_but_not_the_domain_itself() {
    for origin in ["https://a.example.net", "https://a.b.example.net"] {
        assert_eq!(
            allow_origin(APP, "/users/1", origin).await.as_deref(),
            Some(origin)
        );
    }
    for origin in [
        "https://example.net",
        "https://evilexample.net",
        "https://a.example.net.evil.test",
        "http://a.example.net",
    ] {
        assert_eq!(
            allow_origin(APP, "/users/1", origin).await,
            None,
            "{origin}"
        );
    }
}

#[tokio::test]
async fn regex_origin_must_match_the_whole_origin() {
    assert_eq!(
        allow_origin(APP, "/users/1", "https://a.regex.test")
            .await
            .as_deref(),
        Some("https://a.regex.test")
    );
    for origin in [
        "https://a.regex.test.evil.test",
        "https://xa.regex.test",
        "https://c.regex.test",
    ] {
        assert_eq!(
            allow_origin(APP, "/users/1", origin).await,
            None,
            "{origin}"
        );
    }
    assert_eq!(
        allow_origin(README, "/file/at/x", "http://192.168.0.12:8080")
            .await
            .as_deref(),
        Some("http://192.168.0.12:8080")
    );
}

#[tokio::test]
async fn function_origins_decide_at_run_time_from_origin_and_request() {
    assert_eq!(
        allow_origin(APP, "/users/1", "https://x.fn.test")
            .await
            .as_deref(),
        Some("https://x.fn.test")
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "http://x.fn.test").await,
        None
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "https://header.test").await,
        None
    );
    let request = support::request(
        "GET",
        "/users/1",
        &[("origin", b"https://header.test"), ("x-let-in", b"1")],
    );
    let response = send(APP, request).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("https://header.test")
    );
}

// §4 Resource path patterns

#[tokio::test]
async fn tail_wildcard_matches_the_prefix_but_not_a_longer_name() {
    for path in ["/public", "/public/", "/public/a/b"] {
        assert_eq!(
            allow_origin(APP, path, "https://x.test").await.as_deref(),
            Some("*"),
            "{path}"
        );
    }
    assert_eq!(
        allow_origin(APP, "/publicity", "https://x.test").await,
        None
    );
}

#[tokio::test]
async fn path_params_and_inner_wildcards() {
    let origin = "https://app.example.com";
    assert!(allow_origin(APP, "/users/42", origin).await.is_some());
    assert!(allow_origin(APP, "/users/42/x", origin).await.is_none());
    assert!(allow_origin(APP, "/files/a/b.json", origin).await.is_some());
    assert!(allow_origin(APP, "/files/a.txt", origin).await.is_none());
    assert!(allow_origin(APP, "/literal/$batch(1).json", origin)
        .await
        .is_some());
    assert!(allow_origin(APP, "/literal/$batch(1)xjson", origin)
        .await
        .is_none());
    assert!(allow_origin(APP, "/v2/report", origin).await.is_some());
    assert!(allow_origin(APP, "/v2/report/x", origin).await.is_none());
}

#[tokio::test]
async fn paths_are_matched_without_the_query_string() {
    let origin = "https://app.example.com";
    assert!(allow_origin(APP, "/users/42?x=/y", origin).await.is_some());
}

#[tokio::test]
async fn preflight_for_a_path_no_resource_covers_goes_to_the_inner_service() {
    let (response, calls) = send_counted(
        APP,
        preflight("/uncovered", "https://app.example.com", "GET", None),
    )
    .await;
    assert_eq!(calls, 1);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(cors_headers(response.headers()).is_empty());
}

// §5 Options of a resource

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

#[tokio::test]
async fn methods_default_to_get_only() {
    let origin = "http://localhost:3000";
    assert_eq!(
        preflight_status(README, "/file/list_all/", origin, "GET", None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(README, "/file/list_all/", origin, "POST", None).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        preflight_status(README, "/file/list_all/", origin, "HEAD", None).await,
        StatusCode::FORBIDDEN
    );
    let response = send(README, preflight("/file/list_all/", origin, "GET", None)).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-methods").as_deref(),
        Some("GET")
    );
}

#[tokio::test]
async fn methods_any_is_the_seven_usual_methods() {
    let response = send(
        APP,
        preflight("/any-headers", "https://app.example.com", "PATCH", None),
    )
    .await;
    assert_eq!(
        value(response.headers(), "access-control-allow-methods").as_deref(),
        Some("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
    );
}

#[tokio::test]
async fn methods_are_compared_case_sensitively() {
    let origin = "https://app.example.com";
    assert_eq!(
        preflight_status(APP, "/any-headers", origin, "patch", None).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "PURGE", None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "purge", None).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn headers_are_compared_without_case_and_safelisted_ones_always_pass() {
    let origin = "https://app.example.com";
    let allowed = "X-TOKEN, x-other, Content-Type, accept, accept-language, content-language";
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "POST", Some(allowed)).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "POST", Some("x-token, x-third")).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        preflight_status(APP, "/users/1", origin, "GET", Some("content-type")).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/users/1", origin, "GET", Some("x-token")).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn expose_lists_the_configured_names_and_is_absent_otherwise() {
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-expose-headers").as_deref(),
        Some("X-Total, X-Page")
    );
    let response = send(APP, get_from("/users/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-expose-headers"),
        None
    );
}

#[tokio::test]
async fn max_age_defaults_to_7200_and_can_be_set() {
    let origin = "https://app.example.com";
    let response = send(APP, preflight("/users/1", origin, "GET", None)).await;
    assert_eq!(
        value(response.headers(), "access-control-max-age").as_deref(),
        Some("7200")
    );
    let response = send(APP, preflight("/items/1", origin, "GET", None)).await;
    assert_eq!(
        value(response.headers(), "access-control-max-age").as_deref(),
        Some("600")
    );
}

#[tokio::test]
async fn vary_option_adds_names_to_origin() {
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "vary").as_deref(),
        Some("Origin, accept-encoding")
    );
}

// §6 What each response carries

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

// §7 Request headers

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
    assert_eq!(
        at_the_limit.len(),
        corsage::syntax::MAX_REQUEST_HEADERS_LENGTH
    );
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

// §8 Credentials

#[tokio::test]
async fn credentials_with_any_headers_echo_the_requested_names_never_star() {
    let response = send(
        APP,
        preflight(
            "/any-headers",
            "https://app.example.com",
            "GET",
            Some("authorization,x-anything"),
        ),
    )
    .await;
    assert_eq!(
        value(response.headers(), "access-control-allow-headers").as_deref(),
        Some("authorization,x-anything")
    );
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials").as_deref(),
        Some("true")
    );
}

// The decision API

fn decide_on(cors: Cors, request: &axum::http::Request<axum::body::Body>) -> (RequestKind, String) {
    let decision = cors.decide(&RequestHead::from(request));
    (decision.kind(), format!("{:?}", decision.reason()))
}

#[test]
fn decision_reports_each_reason() {
    let origin = "https://app.example.com";
    assert_eq!(
        decide_on(APP, &request("GET", "/users/1", &[])),
        (RequestKind::NotCors, "NoOrigin".into())
    );
    assert_eq!(
        decide_on(APP, &get_from("/users/1", "https://evil.test")),
        (RequestKind::Actual, "OriginRefused".into())
    );
    assert_eq!(
        decide_on(APP, &get_from("/nowhere", origin)),
        (RequestKind::Actual, "NoResource".into())
    );
    assert_eq!(
        decide_on(APP, &preflight("/users/1", origin, "DELETE", None)),
        (
            RequestKind::Preflight,
            "MethodRefused { rule: Rule { block: 0, resource: 0 }, method: \"DELETE\" }".into()
        )
    );
    assert_eq!(
        decide_on(APP, &preflight("/users/1", origin, "GET", Some("x-a, x-b"))).1,
        "HeaderRefused { rule: Rule { block: 0, resource: 0 }, header: \"x-a\" }"
    );
    assert_eq!(
        decide_on(APP, &preflight("/users/1", origin, "PUT", None)),
        (
            RequestKind::Preflight,
            "Allowed(Rule { block: 0, resource: 0 })".into()
        )
    );
}

#[test]
fn refused_names_from_the_request_are_escaped() {
    let request = support::request(
        "OPTIONS",
        "/users/1",
        &[
            ("origin", b"https://app.example.com"),
            ("access-control-request-method", b"GET"),
            ("access-control-request-headers", b"x-\xffbad"),
        ],
    );
    let decision = APP.decide(&RequestHead::from(&request));
    let Reason::HeaderRefused { header, .. } = decision.reason() else {
        panic!("expected a refused header, got {decision:?}");
    };
    assert_eq!(header.as_bytes(), b"x-\xffbad");
    assert_eq!(header.to_string(), "x-\\xffbad");
}

#[test]
fn decision_tells_credentials_exposure_and_max_age() {
    let origin = "https://app.example.com";
    let allowed = get_from("/items/1", origin);
    let decision = APP.decide(&RequestHead::from(&allowed));
    assert!(decision.allows_credentials());
    assert!(decision.exposes("x-total") && decision.exposes("X-Page"));
    assert!(!decision.exposes("x-other"));
    assert_eq!(decision.max_age(), None);
    let preflight = preflight("/items/1", origin, "GET", None);
    assert_eq!(
        APP.decide(&RequestHead::from(&preflight)).max_age(),
        Some(600)
    );
    let refused = get_from("/items/1", "https://evil.test");
    let decision = APP.decide(&RequestHead::from(&refused));
    assert!(!decision.allows_credentials() && !decision.exposes("x-total"));
    let public = get_from("/public/x", origin);
    assert!(!APP.decide(&RequestHead::from(&public)).allows_credentials());
}

/// A panicking handler behind `CatchPanicLayer` (inside corsage) gives a 500 that carries the
/// CORS headers, so the front end can read the status; the README's placement advice.
#[tokio::test]
async fn a_panic_caught_inside_the_layer_answers_a_decorated_500() {
    use axum::routing::get;
    use tower::ServiceExt;
    use tower_http::catch_panic::CatchPanicLayer;
    let app = axum::Router::new()
        .route(
            "/items/broken",
            get(|| async {
                panic!("a handler bug");
                #[allow(unreachable_code)]
                ""
            }),
        )
        .layer(CatchPanicLayer::new())
        .layer(APP);
    let response = app
        .oneshot(get_from("/items/broken", "https://app.example.com"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
}

static NESTED: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/items", methods: [get, put];
    }
};

/// A policy written with full paths applies wherever its layer sits: on the outer router, or on
/// a router mounted with `Router::nest`, which sees the path without its prefix.
#[tokio::test]
async fn a_layer_on_a_nested_router_matches_the_full_path() {
    use axum::routing::get;
    use tower::ServiceExt;
    let items = || axum::Router::new().route("/items", get(|| async { "[]" }));
    let inside = axum::Router::new().nest("/api", items().layer(NESTED));
    let outside = axum::Router::new().nest("/api", items()).layer(NESTED);
    for (placement, app) in [("inside", inside), ("outside", outside)] {
        let response = app
            .clone()
            .oneshot(get_from("/api/items", "https://app.example.com"))
            .await
            .unwrap();
        assert_eq!(
            value(response.headers(), "access-control-allow-origin").as_deref(),
            Some("https://app.example.com"),
            "{placement}"
        );
        let preflight = app
            .oneshot(preflight(
                "/api/items",
                "https://app.example.com",
                "PUT",
                None,
            ))
            .await
            .unwrap();
        assert_eq!(preflight.status(), StatusCode::NO_CONTENT, "{placement}");
    }
}
