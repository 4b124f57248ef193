//! The decision API: kinds, reasons, and what a decision tells.

use super::*;

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
