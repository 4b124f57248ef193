//! The test helper's assertions fail when they should.

use corsage::{cors, Cors};

static CORS: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, put];
    }
};

#[test]
#[should_panic(expected = "expected allowed")]
fn assert_allowed_fails_on_a_refused_request() {
    CORS.probe("GET /api/x")
        .origin("https://evil.example")
        .assert_allowed();
}

#[test]
#[should_panic(expected = "unexpected reason")]
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
