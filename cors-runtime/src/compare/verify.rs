//! What a server answered against what the policy answers: every CORS header missing, extra,
//! different or repeated, a preflight the layer did not answer, and a `Vary` without `Origin`.

use http::header::VARY;
use http::{HeaderMap, StatusCode};

use crate::compare::example::{Example, ExampleKind};

/// The headers the CORS protocol reads, compared one by one.
const CORS_HEADERS: [&str; 7] = [
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-expose-headers",
    "access-control-max-age",
    "access-control-allow-private-network",
];

/// Every way the server's answer (`status`, `headers`) to `example` disagrees with the answer
/// of the policy's layer (`expected_status`, `expected`), each in a sentence; empty when they
/// agree. An actual request's status is the application's and is compared only when the layer
/// answers it itself (a refusal).
pub fn disagreements(
    example: &Example,
    (expected_status, expected): (StatusCode, &HeaderMap),
    (status, headers): (StatusCode, &HeaderMap),
) -> Vec<String> {
    let mut found = Vec::new();
    let layer_answers =
        example.kind == ExampleKind::Preflight || expected_status == StatusCode::FORBIDDEN;
    if layer_answers && status != expected_status {
        found.push(match example.kind {
            ExampleKind::Preflight => format!(
                "the preflight was answered {status} where the policy answers {expected_status}: it reached the application, or another layer answered it"
            ),
            _ => format!("answered {status} where the policy refuses it with {expected_status}"),
        });
    }
    for name in CORS_HEADERS {
        let lines: Vec<&str> = headers
            .get_all(name)
            .iter()
            .map(|value| value.to_str().unwrap_or("(not text)"))
            .collect();
        let wanted = expected.get(name).and_then(|value| value.to_str().ok());
        if lines.len() > 1 {
            found.push(format!(
                "{} {name} lines ({}): browsers refuse the response; only one layer should add CORS headers",
                lines.len(),
                lines.join(" | ")
            ));
            continue;
        }
        match (wanted, lines.first()) {
            (None, None) => {}
            (Some(wanted), None) => found.push(format!("missing {name}: {wanted}")),
            (None, Some(got)) => found.push(format!("extra {name}: {got}")),
            (Some(wanted), Some(got)) if !same_value(name, wanted, got) => found.push(format!(
                "{name} is {got:?} where the policy says {wanted:?}"
            )),
            _ => {}
        }
    }
    let varies_by_origin = |headers: &HeaderMap| {
        headers.get_all(VARY).iter().any(|value| {
            value.to_str().is_ok_and(|value| {
                value
                    .split(',')
                    .any(|name| matches!(name.trim().to_ascii_lowercase().as_str(), "origin" | "*"))
            })
        })
    };
    if varies_by_origin(expected) && !varies_by_origin(headers) {
        found.push("Vary lacks Origin, though the answer depends on it: a cache may serve one origin's answer to another".to_owned());
    }
    found
}

/// Whether two values of header `name` mean the same: lists compared as sets of names.
fn same_value(name: &str, wanted: &str, got: &str) -> bool {
    let list = |value: &str| {
        let mut names: Vec<String> = value
            .split(',')
            .map(|item| item.trim().to_ascii_lowercase())
            .filter(|item| !item.is_empty())
            .collect();
        names.sort();
        names
    };
    match name {
        "access-control-allow-origin" | "access-control-max-age" => wanted == got,
        _ => list(wanted) == list(got),
    }
}
