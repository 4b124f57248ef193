//! What a refusal looks like from the page: the sentence Chromium's console prints for the
//! layer's answer (its CORS checks in the Fetch standard's order: the allowed origin, the
//! credentials, the preflight's status, its methods and headers), and what to change in the
//! policy for the request to pass.

use corsage::{Example, ExampleKind, Live};
use http::{HeaderMap, StatusCode};

/// The console's sentence for the layer's answer to `example`.
pub(crate) fn console(example: &Example, status: &StatusCode, headers: &HeaderMap) -> String {
    let url = format!(
        "{}{}",
        example
            .host
            .as_deref()
            .map_or(String::new(), |h| format!("http://{h}")),
        example.path
    );
    let prefix = format!(
        "Access to fetch at '{url}' from origin '{}' has been blocked by CORS policy: ",
        example.origin
    );
    let preflight = match example.kind {
        ExampleKind::Preflight => {
            "Response to preflight request doesn't pass access control check: "
        }
        _ => "",
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let reason = match header("access-control-allow-origin") {
        None => "No 'Access-Control-Allow-Origin' header is present on the requested resource.".to_owned(),
        Some("*") if example.credentials => "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.".to_owned(),
        Some(value) if value != "*" && value != example.origin => format!("The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin."),
        Some(_) if example.credentials && header("access-control-allow-credentials") != Some("true") => format!(
            "The value of the 'Access-Control-Allow-Credentials' header in the response is '{}' which must be 'true' when the request's credentials mode is 'include'.",
            header("access-control-allow-credentials").unwrap_or("")
        ),
        Some(_) if example.kind == ExampleKind::Preflight && !status.is_success() => "It does not have HTTP ok status.".to_owned(),
        Some(_) if example.kind == ExampleKind::Preflight && !listed(header("access-control-allow-methods"), &example.method) => {
            return format!("{prefix}Method {} is not allowed by Access-Control-Allow-Methods in preflight response.", example.method);
        }
        Some(_) => match example.header.as_deref().and_then(|names| {
            names.split(',').map(str::trim).find(|name| !listed(header("access-control-allow-headers"), name))
        }) {
            Some(name) => {
                return format!("{prefix}Request header field {name} is not allowed by Access-Control-Allow-Headers in preflight response.");
            }
            None => "the response grants the request; the page's script may read it.".to_owned(),
        },
    };
    format!("{prefix}{preflight}{reason}")
}

/// Whether a comma-separated list names `name`, case-insensitively.
fn listed(list: Option<&str>, name: &str) -> bool {
    list.is_some_and(|list| {
        list.split(',')
            .any(|item| item.trim().eq_ignore_ascii_case(name))
    })
}

/// What to change in the policy for `example` to pass, from the layer's reason.
pub(crate) fn fix(
    live: &Live,
    example: &Example,
    reason: &str,
    rule: Option<&(usize, usize)>,
) -> String {
    let policy = live.policy();
    let resource = rule.map(|&(b, r)| {
        let path = policy.allow[b].resource[r].path.to_string();
        format!("the resource {path:?} (allow[{b}].resource[{r}])")
    });
    let resource = resource.unwrap_or_else(|| "its resource".to_owned());
    match reason {
        "origin-refused" => format!(
            "add {:?} to the `origins` of the block whose resource covers {:?}",
            example.origin, example.path
        ),
        "no-resource" => format!(
            "add a resource whose path covers {:?} to a block whose origins include {:?}",
            example.path, example.origin
        ),
        "condition-false" => format!("the `if` condition of {resource} was false for this request"),
        "method-refused" => format!("add {:?} to the `methods` of {resource}", example.method),
        "header-refused" => format!("add the requested header to the `headers` of {resource}"),
        "request-headers-too-long" => {
            "ask for fewer request headers: the list is longer than the layer reads".to_owned()
        }
        "socket-needs-credentials" => format!(
            "set `credentials = true` on {resource} (the socket serves the user's data), or `public_socket = true` (it serves none)"
        ),
        "host-refused" => format!(
            "add {:?} to `settings.hosts`",
            example.host.as_deref().unwrap_or("the host")
        ),
        "allowed" if example.credentials => format!(
            "set `credentials = true` on {resource}, with origins that can be trusted with them"
        ),
        _ => "nothing in the policy: the layer does not refuse this request".to_owned(),
    }
}
