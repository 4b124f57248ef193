//! Arbitrary request heads against fixed policies: the layer must answer every one (no panic)
//! and keep the CORS invariants, and it must do what `Cors::decide` says.
//!
//!     cargo fuzz run request_heads --sanitizer none -- -runs=10000000

#![no_main]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use corsage::{cors, Cors, Reason, RequestHead, RequestKind};
use http::{HeaderValue, Request, Response, StatusCode};
use libfuzzer_sys::fuzz_target;
use tower::{Layer, Service};

/// The README's policy, exactly as the example serves it.
#[allow(dead_code)]
#[path = "../../examples/readme.rs"]
mod readme_example;
use readme_example::CORS as README;

static PATTERNS: Cors = cors! {
    unsafe allow {
        origins "https://app.example.com", "https://*.example.net",
                regex(r"^https://(a|b)\.regex\.test$"), |origin, _| origin.ends_with(".fn.test");
        resource "/users/:id", methods: any, headers: any, credentials: true, vary: "accept-encoding";
        resource "/files/*.json", expose: "x-total";
    }
    allow {
        origins "null";
        resource "*";
    }
};

/// Answers 200 at once; counts its calls.
#[derive(Clone)]
struct Inner(std::rc::Rc<std::cell::Cell<usize>>);

impl Service<Request<()>> for Inner {
    type Response = Response<()>;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Response<()>, Self::Error>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<()>) -> Self::Future {
        self.0.set(self.0.get() + 1);
        let mut response = Response::new(());
        response
            .headers_mut()
            .insert("vary", HeaderValue::from_static("accept-encoding"));
        std::future::ready(Ok(response))
    }
}

/// Splits the input into fields at 0xff bytes: method, path, then header values whose first
/// byte says which header they are.
fn request_of(data: &[u8]) -> Option<Request<()>> {
    let mut fields = data.split(|&b| b == 0xff);
    let method = match fields.next()?.first().copied().unwrap_or(0) % 5 {
        0 => "GET",
        1 => "OPTIONS",
        2 => "POST",
        3 => "PUT",
        _ => "PATCH",
    };
    let path = std::str::from_utf8(fields.next()?).ok()?;
    let mut request = Request::builder().method(method).uri(format!("/{path}"));
    for field in fields {
        let (&which, value) = field.split_first()?;
        let name = match which % 4 {
            0 => "origin",
            1 => "access-control-request-method",
            2 => "access-control-request-headers",
            _ => "host",
        };
        if let Ok(value) = HeaderValue::from_bytes(value) {
            request = request.header(name, value);
        }
    }
    request.body(()).ok()
}

fn check(cors: Cors, request: Request<()>) {
    let origin = request.headers().get("origin").cloned();
    let (kind, allowed, no_resource, blocked) = {
        let decision = cors.decide(&RequestHead::from(&request));
        (
            decision.kind(),
            decision.is_allowed(),
            decision.reason() == Reason::NoResource,
            decision.is_blocked(),
        )
    };
    let calls = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut service = cors.layer(Inner(calls.clone()));
    let mut context = Context::from_waker(Waker::noop());
    let future = service.call(request);
    let Poll::Ready(Ok(response)) = pin!(future).poll(&mut context) else {
        panic!("the layer did not answer at once");
    };
    let headers = response.headers();
    let allow_origin = headers.get("access-control-allow-origin");
    if let Some(value) = allow_origin {
        assert!(value == "*" || Some(value) == origin.as_ref());
        assert!(!(value == "*" && headers.contains_key("access-control-allow-credentials")));
        if value != "*" {
            let vary = headers
                .get_all("vary")
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(",");
            assert!(vary.contains("origin"));
        }
    }
    match kind {
        RequestKind::Preflight if no_resource => assert_eq!(calls.get(), 1),
        RequestKind::Preflight => {
            assert_eq!(calls.get(), 0);
            if allowed {
                assert_eq!(response.status(), StatusCode::NO_CONTENT);
            } else {
                assert!(!headers
                    .keys()
                    .any(|k| k.as_str().starts_with("access-control-")));
            }
        }
        _ if blocked => {
            assert_eq!(calls.get(), 0);
            assert_eq!(response.status(), StatusCode::FORBIDDEN);
            assert!(allow_origin.is_none());
        }
        RequestKind::Actual | RequestKind::NotCors | RequestKind::WebSocket => {
            assert_eq!(calls.get(), 1);
            assert_eq!(allow_origin.is_some(), allowed);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Some(request) = request_of(data) {
        let copy = {
            let mut copy = Request::builder()
                .method(request.method().clone())
                .uri(request.uri().clone());
            for (name, value) in request.headers() {
                copy = copy.header(name, value);
            }
            copy.body(()).unwrap()
        };
        check(README, request);
        check(PATTERNS, copy);
    }
});
