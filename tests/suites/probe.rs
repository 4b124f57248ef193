//! The test helper's assertions fail when they should.

use corsage::{Cors, cors};

static CORS: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, put];
    }
};

#[test]
#[should_panic(
    expected = "expected allowed: GET /api/x [origin: https://evil.example] -> actual origin-refused"
)]
fn assert_allowed_fails_on_a_refused_request() {
    CORS.probe("GET /api/x")
        .origin("https://evil.example")
        .assert_allowed();
}

#[test]
#[should_panic(
    expected = "expected MethodRefused, got Allowed: OPTIONS /api/x [origin: https://app.example.com] [access-control-request-method: PUT] -> preflight allowed; rule=0.0"
)]
fn assert_reason_fails_on_another_reason() {
    CORS.probe("OPTIONS /api/x")
        .origin("https://app.example.com")
        .request_method("PUT")
        .assert_reason("MethodRefused");
}

#[test]
fn reasons_are_named_as_the_variants() {
    CORS.probe("GET /api/x").assert_reason("NoOrigin");
    CORS.probe("GET /elsewhere")
        .origin("https://app.example.com")
        .assert_reason("NoResource");
    CORS.probe("OPTIONS /api/x")
        .origin("https://app.example.com")
        .request_method("DELETE")
        .assert_reason("MethodRefused");
    CORS.probe("OPTIONS /api/x")
        .origin("https://app.example.com")
        .request_method("PUT")
        .request_headers("x-token")
        .assert_reason("HeaderRefused");
}

/// A failed assertion points at the test that made it, not at corsage's source.
#[test]
fn a_failure_points_at_the_callers_line() {
    use std::cell::RefCell;
    thread_local! {
        static WHERE: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        WHERE.with(|w| *w.borrow_mut() = location);
    }));
    let probe = CORS.probe("GET /api/x").origin("https://evil.example");
    let line = line!() + 1;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| probe.assert_allowed()));
    std::panic::set_hook(previous);
    assert!(result.is_err());
    let location = WHERE.with(|w| w.borrow().clone()).unwrap();
    assert_eq!(location, format!("{}:{line}", file!()));
}
