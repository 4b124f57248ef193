//! Invariants that hold for every request head and every valid policy, checked on generated
//! request heads (hostile bytes included) against policies that use every origin form, and
//! against generated policies:
//! - `Access-Control-Allow-Origin` is the request's `Origin` byte for byte, or `*`;
//! - `*` never comes with `Access-Control-Allow-Credentials`;
//! - a response that echoes the `Origin` carries `Vary: Origin`;
//! - a refused preflight carries no CORS header, and is answered without the inner service;
//! - a WebSocket handshake the policy refuses never reaches the inner service;
//! - the layer does exactly what `Cors::decide` says;
//! - nothing panics.

// Shared with the rule tests, which use the helpers this file does not.
use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};

use corsage::{Cors, Reason, RequestHead, RequestKind, cors};
use proptest::prelude::*;
use tower::ServiceExt;

static EXACT: Cors = cors! {
    allow {
        origins "https://app.example.com", "localhost:3000";
        resource "/users/:id", methods: [get, put], headers: ["x-token"], credentials: true;
        resource "/files/*", expose: "x-total", vary: "accept-encoding";
    }
};

static PATTERNS: Cors = cors! {
    unsafe allow {
        origins "https://*.example.net", regex(r"^https://(a|b)\.regex\.test$"),
                |origin, _| origin.ends_with(".fn.test");
        resource "/users/:id", methods: any, headers: any, credentials: true;
    }
    allow {
        origins "null";
        resource "/files/*";
    }
    allow {
        origins "*";
        resource "*", methods: [get, post], headers: any;
    }
};

fn origin_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"https://app.example.com".to_vec()),
        Just(b"http://localhost:3000".to_vec()),
        Just(b"https://x.example.net".to_vec()),
        Just(b"https://a.regex.test".to_vec()),
        Just(b"https://q.fn.test".to_vec()),
        Just(b"null".to_vec()),
        Just(b"".to_vec()),
        Just(b"https://app.example.com/".to_vec()),
        Just(b"HTTPS://APP.EXAMPLE.COM".to_vec()),
        "[a-z]{1,8}://[a-z0-9.\\-\\[\\]:]{0,30}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..48),
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/users/1".to_owned()),
        Just("/users/".to_owned()),
        Just("/files".to_owned()),
        Just("/files/a/b".to_owned()),
        Just("/filesystem".to_owned()),
        Just("/".to_owned()),
        "/[a-z/%.]{0,20}",
    ]
}

fn list_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"x-token".to_vec()),
        Just(b"x-token, content-type".to_vec()),
        Just(b"authorization".to_vec()),
        Just(b"".to_vec()),
        "[a-zA-Z\\-, \t]{0,40}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..40),
        (1usize..3).prop_map(|n| ",".repeat(n * 5000).into_bytes()),
    ]
}

#[derive(Debug, Clone)]
struct Head {
    method: &'static str,
    path: String,
    origins: Vec<Vec<u8>>,
    request_method: Option<Vec<u8>>,
    request_headers: Vec<Vec<u8>>,
    /// `Upgrade: websocket`: a WebSocket handshake when the method is `GET`.
    websocket: bool,
}

fn head() -> impl Strategy<Value = Head> {
    (
        prop_oneof![
            Just("GET"),
            Just("POST"),
            Just("OPTIONS"),
            Just("PUT"),
            Just("PATCH")
        ],
        path(),
        proptest::collection::vec(origin_value(), 0..3),
        proptest::option::of(prop_oneof![
            Just(b"GET".to_vec()),
            Just(b"PUT".to_vec()),
            Just(b"patch".to_vec()),
            Just(b"DELETE".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..12),
        ]),
        proptest::collection::vec(list_value(), 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(method, path, origins, request_method, request_headers, websocket)| Head {
                method,
                path,
                origins,
                request_method,
                request_headers,
                websocket,
            },
        )
}

/// The request, with every header value the `http` crate accepts (others are left out, as a
/// server could never receive them).
fn build(head: &Head) -> Request<Body> {
    let mut request = Request::builder().method(head.method).uri(&head.path);
    let valid = |bytes: &Vec<u8>| HeaderValue::from_bytes(bytes).ok();
    for origin in head.origins.iter().filter_map(valid) {
        request = request.header("origin", origin);
    }
    if let Some(method) = head.request_method.as_ref().and_then(valid) {
        request = request.header("access-control-request-method", method);
    }
    for list in head.request_headers.iter().filter_map(valid) {
        request = request.header("access-control-request-headers", list);
    }
    if head.websocket {
        request = request.header("upgrade", "websocket");
    }
    request.body(Body::empty()).unwrap()
}

fn check(cors: Cors, head: &Head) -> Result<(), TestCaseError> {
    if head.path.parse::<axum::http::Uri>().is_err() {
        return Ok(());
    }
    let request = build(head);
    let origin = request.headers().get("origin").cloned();
    let (kind, allowed, no_resource, blocked, reason) = {
        let decision = cors.decide(&RequestHead::from(&request));
        let reason = format!("{:?}", decision.reason());
        (
            decision.kind(),
            decision.is_allowed(),
            decision.reason() == Reason::NoResource,
            decision.is_blocked(),
            reason,
        )
    };
    let calls = Arc::new(AtomicUsize::new(0));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let response = runtime
        .block_on(support::app(cors, calls.clone()).oneshot(request))
        .unwrap();
    let headers = response.headers();
    let cors_headers = support::cors_headers(headers);
    let allow_origin = headers.get("access-control-allow-origin");
    let credentials = headers.get("access-control-allow-credentials");

    if let Some(value) = allow_origin {
        prop_assert!(
            value == "*" || Some(value) == origin.as_ref(),
            "Allow-Origin {value:?} for Origin {origin:?}"
        );
        prop_assert!(
            !(value == "*" && credentials.is_some()),
            "* with credentials"
        );
        if value != "*" {
            let vary = support::values(headers, "vary")
                .join(",")
                .to_ascii_lowercase();
            prop_assert!(
                vary.contains("origin"),
                "echoed Origin without Vary: {vary}"
            );
        }
    }
    match kind {
        RequestKind::Preflight if no_resource => {
            prop_assert_eq!(calls.load(Ordering::SeqCst), 1);
            prop_assert!(cors_headers.is_empty());
        }
        RequestKind::Preflight => {
            prop_assert_eq!(
                calls.load(Ordering::SeqCst),
                0,
                "a preflight reached the inner service"
            );
            if allowed {
                prop_assert_eq!(response.status(), StatusCode::NO_CONTENT);
                prop_assert!(allow_origin.is_some());
            } else {
                prop_assert_eq!(response.status(), StatusCode::FORBIDDEN);
                prop_assert!(
                    cors_headers.is_empty(),
                    "refused preflight ({reason}) with {cors_headers:?}"
                );
            }
        }
        _ if blocked => {
            prop_assert_eq!(
                kind,
                RequestKind::WebSocket,
                "only handshakes are blocked here"
            );
            prop_assert_eq!(
                calls.load(Ordering::SeqCst),
                0,
                "a blocked request reached the inner service"
            );
            prop_assert_eq!(response.status(), StatusCode::FORBIDDEN);
            prop_assert!(
                cors_headers.is_empty(),
                "blocked ({reason}) with {cors_headers:?}"
            );
        }
        RequestKind::Actual | RequestKind::NotCors | RequestKind::WebSocket => {
            prop_assert_eq!(calls.load(Ordering::SeqCst), 1);
            prop_assert_eq!(
                allow_origin.is_some(),
                allowed,
                "layer and decision disagree: {}",
                reason
            );
        }
        other => prop_assert!(
            false,
            "a kind of request this test does not know: {other:?}"
        ),
    }
    Ok(())
}

/// A policy as the macro could have compiled it: origins from a pool of canonical ones, `"*"`
/// and `"null"` blocks never with credentials, paths of every non-regex form.
#[derive(Debug, Clone)]
struct GeneratedBlock {
    exact: Vec<&'static str>,
    any_origin: bool,
    null_origin: bool,
    subdomains: bool,
    resources: Vec<GeneratedResource>,
}

#[derive(Debug, Clone)]
struct GeneratedResource {
    pattern: &'static str,
    methods: Vec<&'static str>,
    any_headers: bool,
    credentials: bool,
    expose: bool,
    max_age: u32,
}

const ORIGINS: [&str; 4] = [
    "https://app.example.com",
    "http://localhost:3000",
    "https://localhost:3000",
    "https://x.example.net",
];
const PATTERNS_POOL: [&str; 5] = ["*", "/users/:id", "/files/*", "/", "/users/:id/posts/*"];
const METHODS: [&str; 5] = ["GET", "PUT", "PATCH", "DELETE", "PROPFIND"];

fn generated_resource(credentials_allowed: bool) -> impl Strategy<Value = GeneratedResource> {
    (
        proptest::sample::select(&PATTERNS_POOL[..]),
        proptest::sample::subsequence(&METHODS[..], 1..=METHODS.len()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u32..=86400,
    )
        .prop_map(
            move |(pattern, methods, any_headers, credentials, expose, max_age)| {
                GeneratedResource {
                    pattern,
                    methods,
                    any_headers,
                    credentials: credentials && credentials_allowed,
                    expose,
                    max_age,
                }
            },
        )
}

fn generated_block() -> impl Strategy<Value = GeneratedBlock> {
    (
        proptest::sample::subsequence(&ORIGINS[..], 0..=ORIGINS.len()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(exact, any_origin, null_origin, subdomains)| {
            let credentials_allowed = !any_origin && !null_origin;
            proptest::collection::vec(generated_resource(credentials_allowed), 1..4).prop_map(
                move |resources| GeneratedBlock {
                    exact: exact.clone(),
                    any_origin,
                    null_origin,
                    subdomains,
                    resources,
                },
            )
        })
}

/// The `Cors` that `cors!` would expand these blocks into.
fn compile(blocks: &[GeneratedBlock]) -> Cors {
    use corsage::{AllowBlock, Functions, Names, Origin, Policy, Resource};
    let resource = |generated: &GeneratedResource| Resource {
        path: generated.pattern.into(),
        methods: Some(Names::List(
            generated.methods.iter().map(|m| (*m).to_owned()).collect(),
        )),
        headers: Some(match generated.any_headers {
            true => Names::Any,
            false => Names::from(["x-token"]),
        }),
        expose: generated.expose.then(|| Names::from(["x-total"])),
        max_age: Some(u64::from(generated.max_age)),
        credentials: generated.credentials,
        ..Resource::default()
    };
    let policy = Policy {
        allow: blocks
            .iter()
            .map(|block| {
                let mut origins: Vec<Origin> = block
                    .exact
                    .iter()
                    .map(|origin| Origin::from(*origin))
                    .collect();
                if block.any_origin {
                    origins.push("*".into());
                }
                if block.null_origin {
                    origins.push("null".into());
                }
                if block.subdomains {
                    origins.push("https://*.example.net".into());
                }
                AllowBlock {
                    origins,
                    resource: block.resources.iter().map(resource).collect(),
                    ..AllowBlock::default()
                }
            })
            .collect(),
        ..Policy::default()
    };
    support::unchecked::cors_from(policy, Functions::new())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_for_generated_policies(
        blocks in proptest::collection::vec(generated_block(), 1..4),
        head in head(),
    ) {
        check(compile(&blocks), &head)?;
    }

    #[test]
    fn invariants_hold_with_exact_origins(head in head()) {
        check(EXACT, &head)?;
    }

    #[test]
    fn invariants_hold_with_every_origin_pattern(head in head()) {
        check(PATTERNS, &head)?;
    }
}

/// Regex origins built from pieces around one domain, `example.com`: sound and unsound alike.
fn regex_origin() -> impl Strategy<Value = String> {
    let scheme =
        proptest::sample::select(&["https://", "https?://", "http://", "", ".*", "[a-z]+://"][..]);
    let subdomain = proptest::sample::select(
        &[
            "",
            r"(www\.)?",
            "(www.)?",
            r"[a-z]+\.",
            "[a-z]+",
            r"([a-z0-9-]+\.)*",
            ".*",
            r"app\.",
            "app.",
        ][..],
    );
    let domain =
        proptest::sample::select(&[r"example\.com", "example.com", r"example\.[a-z]+", r"com"][..]);
    let tail = proptest::sample::select(&["", r"(:\d+)?", ".*", ".evil", "/"][..]);
    (scheme, subdomain, domain, tail).prop_map(|(scheme, subdomain, domain, tail)| {
        format!("^{scheme}{subdomain}{domain}{tail}$")
    })
}

/// Origins to try a regex on: near `example.com`, and anyone's.
fn candidate_origin() -> impl Strategy<Value = String> {
    let scheme = proptest::sample::select(&["https://", "http://", "ftp://"][..]);
    let host = proptest::sample::select(
        &[
            "example.com",
            "www.example.com",
            "a.b.example.com",
            "evilexample.com",
            "example.com.evil",
            "wwwxexample.com",
            "example.org",
            "com",
            "evil.com",
            "localhost",
            "127.0.0.1",
        ][..],
    );
    let port = proptest::sample::select(&["", ":8080"][..]);
    (scheme, host, port).prop_map(|(scheme, host, port)| format!("{scheme}{host}{port}"))
}

fn regex_problem(pattern: &str) -> Option<String> {
    let policy = corsage::Policy {
        allow: vec![corsage::AllowBlock {
            origins: vec![corsage::Origin::Regex {
                regex: pattern.to_owned(),
            }],
            resource: vec![corsage::Resource {
                path: "*".into(),
                ..corsage::Resource::default()
            }],
            ..corsage::AllowBlock::default()
        }],
        ..corsage::Policy::default()
    };
    policy
        .check(&corsage::Functions::new())
        .err()
        .map(|problems| problems.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The regex analysis decides: every counterexample it names is one the regex accepts, and
    /// a regex it lets through accepts only origins under the domain it names, or local ones.
    #[test]
    fn regex_origin_verdicts_are_exact(pattern in regex_origin(), origins in proptest::collection::vec(candidate_origin(), 12)) {
        let runtime = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
        match regex_problem(&pattern) {
            Some(problem) if problem.contains("this regex accepts \"") => {
                let counterexample = problem.split('"').nth(1).unwrap();
                prop_assert!(runtime.is_match(counterexample), "{pattern}: {problem}");
            }
            Some(problem) => prop_assert!(problem.contains("matches no origin"), "{pattern}: {problem}"),
            None => {
                for origin in origins.iter().filter(|origin| runtime.is_match(origin)) {
                    let host = origin.split("://").nth(1).unwrap().split(':').next().unwrap();
                    // Under the domain the pieces name, or a whole host written out.
                    let named = host == "example.com"
                        || host.ends_with(".example.com")
                        || regex::Regex::new(&format!(r"://{}(?:[^a-z0-9.\\-]|$)", regex::escape(host)))
                            .unwrap()
                            .is_match(&pattern);
                    let local = host == "localhost" || host == "127.0.0.1";
                    prop_assert!(named || local, "{pattern} accepts {origin}");
                    let web = origin.starts_with("https://") || origin.starts_with("http://");
                    prop_assert!(web, "{pattern} accepts {origin}");
                }
            }
        }
    }
}

/// Regex paths in every syntax the regex crate takes: flags, verbose mode, trailing comments.
fn regex_path() -> impl Strategy<Value = String> {
    let flags = proptest::sample::select(&["", "(?x)", "(?i)", "(?x) ", "(?xi)"][..]);
    let body = proptest::sample::select(
        &[
            r"/api/.*",
            r"/files/[^/]+",
            "/(a|b)",
            r"/v\d+/items",
            "/",
            ".*",
        ][..],
    );
    let tail = proptest::sample::select(&["", "$", " # the API", "\n# a line\n", " #"][..]);
    (flags, body, tail).prop_map(|(flags, body, tail)| format!("{flags}^{body}{tail}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Everything the checker accepts builds: the table of a checked policy never panics,
    /// whatever syntax its regex paths and origins use.
    #[test]
    fn every_policy_the_checker_accepts_builds(
        origin in regex_origin(),
        origin_comment in proptest::sample::select(&["", " # the app", "\n"][..]),
        verbose in any::<bool>(),
        path in regex_path(),
    ) {
        let flags = if verbose { "(?x)" } else { "" };
        let policy = corsage::Policy {
            allow: vec![corsage::AllowBlock {
                origins: vec![
                    "https://app.example.com".into(),
                    corsage::Origin::Regex { regex: format!("{flags}{origin}{origin_comment}") },
                ],
                resource: vec![corsage::Resource {
                    path: corsage::Path::Regex { regex: path.clone() },
                    ..corsage::Resource::default()
                }],
                ..corsage::AllowBlock::default()
            }],
            ..corsage::Policy::default()
        };
        if policy.check(&corsage::Functions::new()).is_ok() {
            let live = corsage::Live::new(policy, corsage::Functions::new());
            prop_assert!(live.is_ok(), "{path:?}: {:?}", live.err().map(|p| p.to_string()));
        }
    }
}
