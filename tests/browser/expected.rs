//! The outcome each case should have in a browser, computed from the policy with
//! `Cors::decide` and the Fetch standard's rules, never typed in.

use corsage::{Decision, RequestHead};

use super::cases::Case;

/// What the browser should report, and what the API should see, as the policy decides it.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    /// `ok STATUS VALUE` where the script can read the response, `refused` otherwise.
    pub script: String,
    pub preflights: usize,
    pub reached_handler: usize,
}

pub fn status_of(target: &str) -> u16 {
    match target.split('?').next() {
        Some("/missing") => 404,
        Some("/boom") => 500,
        _ => 200,
    }
}

pub fn header_value_of(header: &str) -> &'static str {
    match header {
        "x-exposed" => "exposed-value",
        "x-hidden" => "hidden-value",
        "some-custom-response-header" => "exposed",
        _ => "",
    }
}

/// A request the way browsers send it, to ask the policy about.
fn browser_request(case: &Case, preflight: bool) -> http::Request<()> {
    let mut builder = http::Request::builder()
        .uri(case.target_with_id())
        .header("origin", case.page.origin())
        .header("host", &case.api.base()["http://".len()..]);
    if preflight {
        let mut names: Vec<&str> = case.headers.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        builder = builder
            .method("OPTIONS")
            .header("access-control-request-method", case.method);
        if !names.is_empty() {
            builder = builder.header("access-control-request-headers", names.join(","));
        }
    } else {
        builder = builder.method(case.method);
        for (name, value) in case.headers {
            builder = builder.header(*name, *value);
        }
    }
    builder.body(()).unwrap()
}

/// The Fetch standard's outcome, with every CORS question answered by `Cors::decide`. The
/// cases use only non-safelisted request headers, so any header means a preflight.
pub fn expected(case: &Case) -> Outcome {
    let policy = case.api.policy();
    if case.websocket {
        // No preflight, no CORS check in the browser: the layer's refusal is the only guard.
        let handshake = http::Request::get(case.target_with_id())
            .header("origin", case.page.origin())
            .header("host", &case.api.base()["http://".len()..])
            .header("upgrade", "websocket")
            .header("connection", "upgrade")
            .body(())
            .unwrap();
        let blocked = policy.decide(&RequestHead::from(&handshake)).is_blocked();
        return Outcome {
            script: if blocked { "refused" } else { "ok echo hello" }.to_owned(),
            preflights: 0,
            reached_handler: usize::from(!blocked),
        };
    }
    let fetches = if case.twice { 2 } else { 1 };
    let needs_preflight =
        !matches!(case.method, "GET" | "HEAD" | "POST") || !case.headers.is_empty();
    let mut preflights = 0;
    if needs_preflight {
        let request = browser_request(case, true);
        let decision = policy.decide(&RequestHead::from(&request));
        let passes = decision.is_allowed() && (!case.credentials || decision.allows_credentials());
        if !passes {
            // A refused preflight is never followed by the request, nor retried in a loop.
            return Outcome {
                script: "refused".into(),
                preflights: 1,
                reached_handler: 0,
            };
        }
        preflights = if decision.max_age().unwrap_or(0) > 0 {
            1
        } else {
            fetches
        };
    }
    let request = browser_request(case, false);
    let decision = policy.decide(&RequestHead::from(&request));
    let readable = decision.is_allowed() && (!case.credentials || decision.allows_credentials());
    let script = match case.grpc_web {
        Some(name) if readable => format!("ok {}", grpc_web_answer(name, &decision)),
        _ if readable => format!(
            "ok {} {}",
            status_of(case.target),
            read_value(case, &decision)
        ),
        _ => "refused".to_owned(),
    };
    // A refused simple request still reaches the handler once; the second fetch is not made.
    let reached_handler = if readable { fetches } else { 1 };
    Outcome {
        script,
        preflights,
        reached_handler,
    }
}

/// What the script reads of the response header it was told to read.
fn read_value(case: &Case, decision: &Decision<'_>) -> String {
    match case.read {
        Some(header) if decision.exposes(header) => format!("{:?}", header_value_of(header)),
        Some(_) => "null".to_owned(),
        None => "-".to_owned(),
    }
}

/// What the page reads of `hello.Greeter/SayHello`'s answer to `name`: the status and the
/// reply, or the status and message of a failed call, which travel in headers and are
/// readable only where exposed.
fn grpc_web_answer(name: &str, decision: &Decision<'_>) -> String {
    if !name.is_empty() {
        return format!("grpc-status 0 {:?}", format!("Hello, {name}!"));
    }
    let status = if decision.exposes("grpc-status") {
        "3"
    } else {
        "null"
    };
    let message = match decision.exposes("grpc-message") {
        true => format!("{:?}", "name is empty"),
        false => "null".to_owned(),
    };
    format!("grpc-status {status} {message}")
}
