//! Protections the layer applies itself, opt-in: `refuse_others: true` keeps requests from
//! refused origins away from the handler, and `decision_in_extensions` hands the decision to
//! handlers.

use crate::support;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::routing::post;
use axum::{Extension, Router};
use corsage::{Cors, Decided, RequestKind, Rule, cors};
use support::*;
use tower::ServiceExt;

static GUARDED: Cors = cors! {
    settings { hosts: ["api.example", "127.0.0.1:8080"] }
    allow {
        origins "https://app.example.com";
        resource "/transfer", methods: [post], refuse_others: true;
        resource "/report", methods: [get, post];
    }
    allow {
        origins "https://partner.example";
        resource "/transfer", methods: [post];
    }
};

async fn post_from(path: &str, origin: Option<&str>, host: &str) -> (StatusCode, usize) {
    post_to(GUARDED, path, origin, host).await
}

async fn post_to(cors: Cors, path: &str, origin: Option<&str>, host: &str) -> (StatusCode, usize) {
    let mut headers: Vec<(&str, &[u8])> = vec![("host", host.as_bytes())];
    if let Some(origin) = origin {
        headers.push(("origin", origin.as_bytes()));
    }
    let (response, calls) = send_counted(cors, request("POST", path, &headers)).await;
    (response.status(), calls)
}

/// A DNS-rebinding page: the attacker's name, resolved to this server, so its `Origin` and its
/// `Host` agree. It is not the server's own origin: the server's own hosts are declared.
#[tokio::test]
async fn a_rebinding_page_is_not_the_servers_own_origin() {
    let rebinding = Some("http://rebind.attacker.test:8000");
    let refused = post_from("/transfer", rebinding, "rebind.attacker.test:8000").await;
    assert_eq!(refused, (StatusCode::FORBIDDEN, 0));
    GUARDED
        .probe("POST /transfer")
        .origin("http://rebind.attacker.test:8000")
        .header("host", "rebind.attacker.test:8000")
        .decide(|decision| assert_eq!(decision.summary(), "actual origin-refused; blocked"));
    // Without declared hosts, no request is same-origin: the server's own pages are judged by
    // the policy like any other.
    let undeclared = post_to(
        UNDECLARED,
        "/transfer",
        Some("https://api.example"),
        "api.example",
    );
    assert_eq!(undeclared.await, (StatusCode::FORBIDDEN, 0));
}

static UNDECLARED: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/transfer", methods: [post], refuse_others: true;
    }
};

static OWN_HOSTS_ONLY: Cors = cors! {
    settings { hosts: ["127.0.0.1:8000", "localhost:8000"]; refuse_other_hosts: true }
    allow {
        origins "http://localhost:6274";
        resource "/mcp", methods: [get, post], refuse_others: true;
    }
};

/// `refuse_other_hosts`: a request sent to another host is answered `403` before the handler,
/// with or without `Origin`, preflights included.
#[tokio::test]
async fn requests_to_other_hosts_are_refused_when_the_policy_says_so() {
    for (origin, host, expected) in [
        (None, "localhost:8000", (StatusCode::OK, 1)),
        (None, "127.0.0.1:8000", (StatusCode::OK, 1)),
        (
            Some("http://localhost:6274"),
            "localhost:8000",
            (StatusCode::OK, 1),
        ),
        (
            Some("http://localhost:8000"),
            "localhost:8000",
            (StatusCode::OK, 1),
        ),
        (
            None,
            "rebind.attacker.test:8000",
            (StatusCode::FORBIDDEN, 0),
        ),
        (
            Some("http://rebind.attacker.test:8000"),
            "rebind.attacker.test:8000",
            (StatusCode::FORBIDDEN, 0),
        ),
        (
            Some("http://localhost:6274"),
            "localhost:8001",
            (StatusCode::FORBIDDEN, 0),
        ),
        (
            Some("https://evil.example"),
            "localhost:8000",
            (StatusCode::FORBIDDEN, 0),
        ),
    ] {
        assert_eq!(
            post_to(OWN_HOSTS_ONLY, "/mcp", origin, host).await,
            expected,
            "{origin:?} to {host}"
        );
    }
    let headers: Vec<(&str, &[u8])> = vec![
        ("host", b"rebind.attacker.test:8000"),
        ("origin", b"http://localhost:6274"),
        ("access-control-request-method", b"POST"),
    ];
    let (preflight, calls) =
        send_counted(OWN_HOSTS_ONLY, request("OPTIONS", "/mcp", &headers)).await;
    assert_eq!((preflight.status(), calls), (StatusCode::FORBIDDEN, 0));
    assert!(
        preflight
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    OWN_HOSTS_ONLY
        .probe("GET /elsewhere")
        .header("host", "rebind.attacker.test:8000")
        .decide(|decision| assert_eq!(decision.summary(), "not-cors host-refused; blocked"));
}

#[tokio::test]
async fn a_refused_origin_never_reaches_a_guarded_handler() {
    let refused = post_from("/transfer", Some("https://evil.example"), "api.example").await;
    assert_eq!(refused, (StatusCode::FORBIDDEN, 0));
    // Refused origins still reach handlers of resources without the option (CORS only asks
    // the browser to withhold the response).
    let unguarded = post_from("/report", Some("https://evil.example"), "api.example").await;
    assert_eq!(unguarded, (StatusCode::OK, 1));
}

#[tokio::test]
async fn allowed_origins_same_origin_requests_and_non_browsers_go_through() {
    for (origin, host) in [
        (Some("https://app.example.com"), "api.example"),
        // Allowed by a later block for the same path: not refused by the policy.
        (Some("https://partner.example"), "api.example"),
        // A same-origin POST carries `Origin` too.
        (Some("https://api.example"), "api.example"),
        (Some("http://127.0.0.1:8080"), "127.0.0.1:8080"),
        (None, "api.example"),
    ] {
        assert_eq!(
            post_from("/transfer", origin, host).await,
            (StatusCode::OK, 1),
            "{origin:?} to {host}"
        );
    }
}

#[tokio::test]
async fn a_blocked_request_says_why_in_the_decision() {
    GUARDED
        .probe("POST /transfer")
        .origin("https://evil.example")
        .header("host", "api.example")
        .decide(|decision| {
            assert!(decision.is_blocked());
            assert_eq!(decision.summary(), "actual origin-refused; blocked");
        });
    GUARDED
        .probe("POST /transfer")
        .origin("https://api.example")
        .header("host", "api.example")
        .decide(|decision| {
            assert!(!decision.is_blocked());
            assert_eq!(decision.summary(), "actual same-origin");
        });
}

static SHARING: Cors = cors! {
    settings { decision_in_extensions: true }
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: post;
    }
};

static NOT_SHARING: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: post;
    }
};

/// What the handler found in the request's extensions.
async fn handler_sees(cors: Cors, path: &str, origin: Option<&str>) -> Option<Decided> {
    let seen = Arc::new(Mutex::new(None));
    let record = seen.clone();
    let app = Router::new()
        .fallback(post(
            move |decided: Option<Extension<Decided>>| async move {
                *record.lock().unwrap() = decided.map(|Extension(decided)| decided);
            },
        ))
        .layer(cors);
    let mut headers: Vec<(&str, &[u8])> = Vec::new();
    if let Some(origin) = origin {
        headers.push(("origin", origin.as_bytes()));
    }
    app.oneshot(request("POST", path, &headers)).await.unwrap();
    *seen.lock().unwrap()
}

#[tokio::test]
async fn handlers_read_the_decision_when_the_policy_shares_it() {
    let allowed = handler_sees(SHARING, "/api/x", Some("https://app.example.com"))
        .await
        .unwrap();
    assert_eq!(allowed.kind(), RequestKind::Actual);
    assert!(allowed.is_allowed());
    assert_eq!(allowed.reason(), "allowed");
    assert_eq!(
        allowed.rule(),
        Some(Rule {
            block: 0,
            resource: 0
        })
    );

    let refused = handler_sees(SHARING, "/api/x", Some("https://evil.example"))
        .await
        .unwrap();
    assert_eq!(
        (refused.is_allowed(), refused.reason()),
        (false, "origin-refused")
    );
    assert_eq!(refused.rule(), None);

    let not_cors = handler_sees(SHARING, "/api/x", None).await.unwrap();
    assert_eq!(
        (not_cors.kind(), not_cors.reason()),
        (RequestKind::NotCors, "no-origin")
    );
    let uncovered = handler_sees(SHARING, "/elsewhere", Some("https://app.example.com"))
        .await
        .unwrap();
    assert_eq!(uncovered.reason(), "no-resource");

    assert_eq!(
        handler_sees(NOT_SHARING, "/api/x", Some("https://app.example.com")).await,
        None
    );
}
