//! Helpers shared by the integration tests: an axum app behind a policy, requests, and header
//! assertions.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, Response, StatusCode};
use axum::routing::get;
use corsage::Cors;
use tower::ServiceExt;

/// The app every rule test drives: `/missing` answers 404, `/boom` 500, `/own-cors` sets its own
/// CORS headers and Vary, everything else 200 "ok". It counts the requests that reach it.
pub fn app(cors: Cors, calls: Arc<AtomicUsize>) -> Router {
    let counted = move || {
        calls.fetch_add(1, Ordering::SeqCst);
    };
    let fallback = counted.clone();
    let missing = counted.clone();
    let boom = counted.clone();
    let own = counted;
    Router::new()
        .route(
            "/missing",
            get(move || async move {
                missing();
                (StatusCode::NOT_FOUND, "missing")
            }),
        )
        .route(
            "/boom",
            get(move || async move {
                boom();
                (StatusCode::INTERNAL_SERVER_ERROR, "boom")
            }),
        )
        .route(
            "/own-cors",
            get(move || async move {
                own();
                (
                    [
                        ("access-control-allow-origin", "https://handler.example"),
                        ("vary", "Accept-Encoding"),
                    ],
                    "own",
                )
            }),
        )
        .fallback(move || async move {
            fallback();
            "ok"
        })
        .layer(cors)
}

/// Sends one request through the app and returns the response and how many requests reached
/// the handlers.
pub async fn send_counted(cors: Cors, request: Request<Body>) -> (Response<Body>, usize) {
    let calls = Arc::new(AtomicUsize::new(0));
    let response = app(cors, calls.clone()).oneshot(request).await.unwrap();
    (response, calls.load(Ordering::SeqCst))
}

pub async fn send(cors: Cors, request: Request<Body>) -> Response<Body> {
    send_counted(cors, request).await.0
}

/// A request with these headers; header values may be any bytes.
pub fn request(method: &str, uri: &str, headers: &[(&str, &[u8])]) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Body::empty()).unwrap()
}

pub fn get_from(uri: &str, origin: &str) -> Request<Body> {
    request("GET", uri, &[("origin", origin.as_bytes())])
}

pub fn preflight(uri: &str, origin: &str, method: &str, headers: Option<&str>) -> Request<Body> {
    let mut list: Vec<(&str, &[u8])> = vec![
        ("origin", origin.as_bytes()),
        ("access-control-request-method", method.as_bytes()),
    ];
    if let Some(headers) = headers {
        list.push(("access-control-request-headers", headers.as_bytes()));
    }
    request("OPTIONS", uri, &list)
}

/// Every value of `name`, as text.
pub fn values(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect()
}

/// The single value of `name`, or None; fails when the header is sent twice.
pub fn value(headers: &HeaderMap, name: &str) -> Option<String> {
    let mut all = values(headers, name);
    assert!(all.len() <= 1, "{name} sent {} times: {all:?}", all.len());
    all.pop()
}

/// The names of the `Access-Control-*` headers in a response.
pub fn cors_headers(headers: &HeaderMap) -> Vec<String> {
    headers
        .keys()
        .map(|name| name.as_str().to_owned())
        .filter(|name| name.starts_with("access-control-"))
        .collect()
}

// Only the tests of what the layer logs use it.
#[allow(dead_code)]
pub mod captured;

// Only the tests that run an example as a process use it.
#[allow(dead_code)]
pub mod example;

// Only the tests that run inside a network namespace use it.
#[allow(dead_code)]
pub mod isolated;

// Only the tests with a PostgreSQL server use it.
#[allow(dead_code)]
pub mod postgres;

// Only the tests of generated policies use it.
#[allow(dead_code)]
pub mod unchecked;
