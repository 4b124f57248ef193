//! `corsage explain FILE --origin O --path P ...`: the decision on one request, the rule that
//! decided, the reason, the headers the layer sends (the layer itself runs, in process), and for
//! a refusal the browser console's sentence and what to change in the policy.

use std::convert::Infallible;
use std::future::Future;
use std::path::PathBuf;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use corsage::{Example, ExampleKind, Live, RequestHead};
use http::{HeaderMap, Response, StatusCode};
use serde_json::json;
use tower::{Layer, ServiceExt};

use crate::Format;
use crate::console::{console, fix};
use crate::load::live;
use crate::output::{BOLD, GREEN, RED, json, paint};

/// One request, as a page sends it.
#[derive(clap::Args)]
pub(crate) struct Request {
    /// The policy file.
    file: PathBuf,
    /// The page's origin (`Origin`).
    #[arg(long)]
    origin: String,
    /// The request's path.
    #[arg(long)]
    path: String,
    /// The method (for a preflight, the one it asks for).
    #[arg(long, default_value = "GET")]
    method: String,
    /// A request header the preflight asks for (repeat for several).
    #[arg(long = "header")]
    headers: Vec<String>,
    /// Explain the preflight rather than the request itself.
    #[arg(long)]
    preflight: bool,
    /// The host the request is sent to (`Host`).
    #[arg(long)]
    host: Option<String>,
    /// The page sends credentials (`credentials: "include"`).
    #[arg(long)]
    credentials: bool,
}

/// Whether the request is allowed; an error when the file or the request cannot be used.
pub(crate) fn run(request: &Request, format: Format) -> Result<bool, String> {
    let (live, stand_ins) = live(&request.file)?;
    let example = Example {
        kind: match request.preflight {
            true => ExampleKind::Preflight,
            false => ExampleKind::Actual,
        },
        origin: request.origin.clone(),
        path: request.path.clone(),
        method: request.method.clone(),
        header: (!request.headers.is_empty()).then(|| request.headers.join(",")),
        credentials: request.credentials,
        host: request.host.clone(),
    };
    let answer = Answer::of(&live, &example)?;
    let allowed = answer.allowed && (!example.credentials || answer.credentials_granted());
    let console = (!allowed).then(|| console(&example, &answer.status, &answer.headers));
    let fix = (!allowed).then(|| fix(&live, &example, answer.reason, answer.rule.as_ref()));
    match format {
        Format::Json => json(&json!({
            "allowed": allowed,
            "kind": answer.kind,
            "reason": answer.reason,
            "rule": answer.rule.map(|(block, resource)| json!({"block": block, "resource": resource})),
            "status": answer.status.as_u16(),
            "headers": header_lines(&answer.headers).iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
            "console": console,
            "fix": fix,
        })),
        Format::Text => {
            let verdict = match allowed {
                true => paint("allowed", GREEN),
                false => paint("refused", RED),
            };
            say!("{verdict}: {example} ({} request)", answer.kind);
            say!("reason: {}", answer.reason);
            if let Some((block, resource)) = answer.rule {
                say!("rule: block {block}, resource {resource}");
            }
            say!("{}", paint("the layer answers:", BOLD));
            say!("  status {}", answer.status);
            for (name, value) in header_lines(&answer.headers) {
                say!("  {name}: {value}");
            }
            if let Some(console) = console {
                say!(
                    "{}\n  {console}",
                    paint("the browser's console (Chromium):", BOLD)
                );
            }
            if let Some(fix) = fix {
                say!("{}\n  {fix}", paint("to allow it:", BOLD));
            }
        }
    }
    if !stand_ins.is_empty() {
        eprintln!(
            "note: {} are the program's functions; the command cannot run them and treats them as refusing",
            stand_ins.join(", ")
        );
    }
    Ok(allowed)
}

/// What the layer decided and answered.
pub(crate) struct Answer {
    pub kind: &'static str,
    pub reason: &'static str,
    pub rule: Option<(usize, usize)>,
    pub allowed: bool,
    /// For a preflight, the layer's answer; for a request the inner service answers, its
    /// status is the service's (`200` here).
    pub status: StatusCode,
    pub headers: HeaderMap,
}

impl Answer {
    /// The decision, and the response the layer gives with an inner service that answers 200.
    pub(crate) fn of(live: &Live, example: &Example) -> Result<Answer, String> {
        let request = example.request()?;
        let snapshot = live.snapshot();
        let (kind, reason, rule, allowed) = {
            let decision = snapshot.decide(&RequestHead::from(&request));
            let rule = decision
                .reason()
                .rule()
                .map(|rule| (rule.block, rule.resource));
            let allowed = example.kind.granted(&decision);
            (
                decision.kind().name(),
                decision.reason().name(),
                rule,
                allowed,
            )
        };
        let inner =
            tower::service_fn(|_| async { Ok::<_, Infallible>(Response::new(String::new())) });
        let response = match ready(live.layer(inner).oneshot(request)) {
            Ok(response) => response,
            Err(never) => match never {},
        };
        Ok(Answer {
            kind,
            reason,
            rule,
            allowed,
            status: response.status(),
            headers: response.headers().clone(),
        })
    }

    fn credentials_granted(&self) -> bool {
        self.headers
            .get("access-control-allow-credentials")
            .is_some_and(|value| value == "true")
    }
}

/// The output of a future that is ready at once, as the layer's is over an inner service that
/// never waits.
fn ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

/// Every header line in order, values as text.
pub(crate) fn header_lines(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap_or("(not text)");
            (name.as_str().to_owned(), value.to_owned())
        })
        .collect()
}
