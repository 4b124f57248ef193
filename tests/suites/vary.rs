//! "Vary names every request header the decision read": two actual requests that differ only in
//! a header the response's `Vary` does not name get the same CORS answer, so a shared cache
//! that serves one's response to the other never misleads. Checked on generated policies whose
//! `if:` conditions and function origins read request headers, each named in a `vary:` of its
//! resource (or, for a function origin, of a resource of its block), as the README asks.

use crate::support;

use axum::body::Body;
use axum::http::{Request, Response};
use corsage::{AllowBlock, Cors, Functions, Names, Origin, Policy, RequestHead, Resource};
use proptest::prelude::*;
use tower::ServiceExt;

/// The headers conditions and function origins read.
const READ: [&str; 3] = ["x-a", "x-b", "x-c"];
const ORIGINS: [&str; 2] = ["https://app.example.com", "https://other.example.com"];
const PATHS: [&str; 3] = ["/items/*", "/items/one", "*"];

fn has(head: &RequestHead<'_>, name: &str) -> bool {
    head.headers().contains_key(name)
}

fn functions() -> Functions {
    Functions::new()
        .condition("has_a", |head| has(head, "x-a"))
        .condition("has_b", |head| has(head, "x-b"))
        .condition("has_c", |head| has(head, "x-c"))
        .origin("any_with_a", |_, head| has(head, "x-a"))
        .origin("any_with_b", |_, head| has(head, "x-b"))
        .origin("any_with_c", |_, head| has(head, "x-c"))
}

#[derive(Debug, Clone)]
struct GeneratedResource {
    path: &'static str,
    /// The index in `READ` of the header its `if:` reads.
    condition: Option<usize>,
    expose: bool,
    credentials: bool,
}

#[derive(Debug, Clone)]
struct GeneratedBlock {
    exact: Vec<&'static str>,
    /// The index in `READ` of the header its function origin reads.
    function: Option<usize>,
    resources: Vec<GeneratedResource>,
}

fn generated_block() -> impl Strategy<Value = GeneratedBlock> {
    let resource = (
        proptest::sample::select(&PATHS[..]),
        proptest::option::of(0..READ.len()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(path, condition, expose, credentials)| GeneratedResource {
            path,
            condition,
            expose,
            credentials,
        });
    (
        proptest::sample::subsequence(&ORIGINS[..], 0..=ORIGINS.len()),
        proptest::option::of(0..READ.len()),
        proptest::collection::vec(resource, 1..4),
    )
        .prop_map(|(exact, function, resources)| GeneratedBlock {
            exact,
            function,
            resources,
        })
}

fn policy(blocks: &[GeneratedBlock]) -> Cors {
    let allow = blocks.iter().map(|block| {
        let mut origins: Vec<Origin> = block.exact.iter().map(|&o| o.into()).collect();
        if let Some(read) = block.function {
            origins.push(Origin::Function {
                function: format!("any_with_{}", &READ[read][2..]),
            });
        }
        let resource = block.resources.iter().enumerate().map(|(index, r)| {
            let mut vary: Vec<String> = Vec::new();
            if let Some(read) = r.condition {
                vary.push(READ[read].to_owned());
            }
            // The block's function origin reads its header: its first resource names it.
            if let (0, Some(read)) = (index, block.function) {
                if !vary.contains(&READ[read].to_owned()) {
                    vary.push(READ[read].to_owned());
                }
            }
            Resource {
                path: r.path.into(),
                methods: Some(Names::from(["GET", "POST"])),
                expose: r.expose.then(|| Names::from(["x-total"])),
                credentials: r.credentials,
                condition: r.condition.map(|read| format!("has_{}", &READ[read][2..])),
                vary: (!vary.is_empty()).then_some(Names::List(vary)),
                ..Resource::default()
            }
        });
        AllowBlock {
            // Credentials with a function origin need the acknowledgement.
            acknowledged: block.function.is_some(),
            origins,
            resource: resource.collect(),
            ..AllowBlock::default()
        }
    });
    let policy = Policy {
        allow: allow.collect(),
        ..Policy::default()
    };
    support::unchecked::cors_from(policy, functions())
}

fn request(method: &str, path: &str, origin: Option<&str>, present: [bool; 3]) -> Request<Body> {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    for (name, _) in READ.iter().zip(present).filter(|(_, on)| *on) {
        request = request.header(*name, "1");
    }
    request.body(Body::empty()).unwrap()
}

fn send(cors: Cors, request: Request<Body>) -> Response<Body> {
    let calls = Default::default();
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(support::app(cors, calls).oneshot(request))
        .unwrap()
}

/// The status and every `Access-Control-*` header, as a cache would serve them.
fn cors_answer(response: &Response<Body>) -> Vec<String> {
    let mut answer = vec![response.status().to_string()];
    for name in support::cors_headers(response.headers()) {
        answer.push(format!(
            "{name}: {:?}",
            support::values(response.headers(), &name)
        ));
    }
    answer
}

fn varies_by(response: &Response<Body>, name: &str) -> bool {
    support::values(response.headers(), "vary")
        .iter()
        .flat_map(|line| line.split(',').map(str::trim).collect::<Vec<_>>())
        .any(|item| item == "*" || item.eq_ignore_ascii_case(name))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn requests_that_differ_only_in_a_header_vary_does_not_name_get_the_same_answer(
        blocks in proptest::collection::vec(generated_block(), 1..4),
        method in prop_oneof![Just("GET"), Just("POST")],
        path in prop_oneof![Just("/items/one"), Just("/items/two"), Just("/other")],
        origin in proptest::option::of(prop_oneof![Just(ORIGINS[0]), Just(ORIGINS[1]), Just("https://third.example")]),
        present in any::<[bool; 3]>(),
    ) {
        let cors = policy(&blocks);
        let first = send(cors, request(method, path, origin, present));
        for (flip, name) in READ.iter().enumerate() {
            if varies_by(&first, name) {
                continue;
            }
            let mut other = present;
            other[flip] = !other[flip];
            let second = send(cors, request(method, path, origin, other));
            prop_assert_eq!(
                cors_answer(&first),
                cors_answer(&second),
                "{} is not in Vary ({:?}), but the answer depends on it",
                name,
                support::values(first.headers(), "vary")
            );
        }
    }
}

/// The case the rule was written for: an `if:` that is false falls through to a later resource,
/// whose answer differs; the response must still vary by what the `if:` read.
#[tokio::test]
async fn a_false_condition_still_names_its_header_when_a_later_resource_answers() {
    let policy = Policy {
        allow: vec![AllowBlock {
            origins: vec!["https://app.example.com".into()],
            resource: vec![
                Resource {
                    path: "/items/*".into(),
                    condition: Some("has_a".into()),
                    vary: Some(Names::from(["x-a"])),
                    expose: Some(Names::from(["x-total"])),
                    ..Resource::default()
                },
                Resource {
                    path: "/items/*".into(),
                    ..Resource::default()
                },
            ],
            ..AllowBlock::default()
        }],
        ..Policy::default()
    };
    let cors = support::unchecked::cors_from(policy, functions());
    let request = request("GET", "/items/1", Some(ORIGINS[0]), [false; 3]);
    let response = support::send(cors, request).await;
    assert_eq!(support::values(response.headers(), "vary"), ["Origin, x-a"]);
}
