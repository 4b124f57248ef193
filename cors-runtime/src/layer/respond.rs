//! Every header an answer carries, written in one place: the layer's own answers (an allowed or
//! refused preflight, a blocked request) and what it adds to the inner service's response,
//! without overriding what that set (its own CORS headers stand, and our `Vary` names are merged
//! into its `Vary` without repeating one).

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    ACCESS_CONTROL_REQUEST_HEADERS, VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue, Request, Response, StatusCode};

use crate::decide::decision::{Decision, Reason, RequestedHeaders};
use crate::table::preflight_headers::{PREFLIGHT_VARY, TRUE};
use crate::table::resource_index::ResourceIndex;
use crate::table::{CompiledPolicy, Vary};

/// Adds our names to the response's `Vary`. With no `Vary` yet, inserts ours whole; with one
/// that already names them all, or `*`, changes nothing; otherwise rewrites the field as one
/// line with the missing names appended.
pub(crate) fn merge_vary(headers: &mut HeaderMap, ours: &Vary) {
    let Some(value) = &ours.value else {
        return;
    };
    let Some(own) = add_unless_set(headers, VARY, value.clone()) else {
        return;
    };
    let listed = |name: &str| {
        own.iter().any(|line| {
            line.as_bytes().split(|&b| b == b',').any(|item| {
                let item = item.trim_ascii();
                item == b"*" || item.eq_ignore_ascii_case(name.as_bytes())
            })
        })
    };
    let missing: Vec<&str> = ours
        .names
        .iter()
        .map(|name| &**name)
        .filter(|name| !listed(name))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut merged = Vec::new();
    for line in &own {
        if !merged.is_empty() {
            merged.extend_from_slice(b", ");
        }
        merged.extend_from_slice(line.as_bytes());
    }
    for name in missing {
        merged.extend_from_slice(b", ");
        merged.extend_from_slice(name.as_bytes());
    }
    // The bytes come from valid values and header names, so this cannot fail; if it ever did,
    // appending a line of our own is still a correct Vary.
    match HeaderValue::from_bytes(&merged) {
        Ok(merged) => {
            headers.insert(VARY, merged);
        }
        Err(_) => {
            headers.append(VARY, value.clone());
        }
    }
}

/// Adds `value` as the response's `name` unless the inner service set that header itself, and
/// then returns the lines it set, left as they were. The usual case, a header it did not set,
/// costs one insert; finding out first would cost a second look-up.
pub(crate) fn add_unless_set(
    headers: &mut HeaderMap,
    name: HeaderName,
    value: HeaderValue,
) -> Option<Vec<HeaderValue>> {
    if !headers.append(name.clone(), value) {
        return None;
    }
    // The last line is the one just appended; the others are the inner service's.
    let mut own: Vec<HeaderValue> = headers.get_all(&name).iter().cloned().collect();
    own.pop();
    let mut lines = own.iter().cloned();
    if let Some(first) = lines.next() {
        headers.insert(name.clone(), first);
    }
    for line in lines {
        headers.append(name.clone(), line);
    }
    Some(own)
}

/// `settings { debug_header: true }`: the decision's summary on every response the layer sees.
pub(crate) const DEBUG_HEADER: HeaderName = HeaderName::from_static("x-corsage-decision");

/// Private Network Access, the legacy protocol Chromium replaced with a permission prompt.
const REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

const ANY_ORIGIN: HeaderValue = HeaderValue::from_static("*");

/// A request the layer refuses itself: `403`, no CORS header, and the `Vary` of a refusal.
pub(crate) fn blocked_response<B: Default>(decision: &Decision<'_>) -> Response<B> {
    let mut response = Response::new(B::default());
    *response.status_mut() = StatusCode::FORBIDDEN;
    if let Some(resource) = decision.resource() {
        merge_vary(response.headers_mut(), &resource.vary.refused);
    }
    response
}

pub(crate) fn preflight_response<B: Default, R>(
    policy: &CompiledPolicy,
    request: &Request<R>,
    decision: &Decision<'_>,
) -> Response<B> {
    let mut response = Response::new(B::default());
    let resource = match (decision.reason(), decision.resource()) {
        (Reason::Allowed(_), Some(resource)) => resource,
        _ => {
            *response.status_mut() = policy.refused_preflight_status;
            response.headers_mut().insert(VARY, PREFLIGHT_VARY);
            return response;
        }
    };
    *response.status_mut() = policy.allowed_preflight_status;
    let requested = match decision.requested_headers() {
        RequestedHeaders::None => None,
        RequestedHeaders::One(line) => Some(line.clone()),
        RequestedHeaders::Several => joined_request_headers(request.headers()),
    };
    let headers = response.headers_mut();
    *headers = resource
        .preflight
        .answer(decision.allow_origin(), requested);
    if resource.private_network {
        let asked = request.headers().get(REQUEST_PRIVATE_NETWORK);
        if asked.is_some_and(|value| value == "true") {
            headers.insert(ALLOW_PRIVATE_NETWORK, TRUE);
        }
    }
    response
}

/// The decision's summary as a header value; request bytes in it are escaped to printable ASCII.
#[cold]
pub(crate) fn debug_value(decision: &Decision<'_>) -> HeaderValue {
    HeaderValue::try_from(decision.summary())
        .unwrap_or(HeaderValue::from_static("unprintable decision"))
}

/// Several `Access-Control-Request-Headers` lines, echoed as one: every name was checked, and
/// echoing them (never `*`) is what works with credentials and covers `Authorization`.
fn joined_request_headers(request_headers: &HeaderMap) -> Option<HeaderValue> {
    let joined: Vec<u8> = request_headers
        .get_all(ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .map(HeaderValue::as_bytes)
        .collect::<Vec<_>>()
        .join(&b", "[..]);
    HeaderValue::from_bytes(&joined).ok()
}

/// What to add to the inner service's response, decided before the request moved into it.
pub(crate) struct Decoration<L> {
    /// The table the decision was made with.
    pub(crate) policy: L,
    pub(crate) addition: Addition,
    /// Boxed: it is there only in debug mode, and keeps the future small otherwise.
    pub(crate) debug: Option<Box<HeaderValue>>,
}

/// The headers the decision gives the inner service's response. A resource is named by its
/// place in the table (the selected one, or else the first whose path matches), by which it is
/// found again when the response comes back.
pub(crate) enum Addition {
    /// No resource covers the path.
    Nothing,
    /// A request without `Origin` whose answer varies by `Origin` alone: nothing to look up.
    OriginOnly,
    /// A request without `Origin`: the resource's `Vary` for such answers.
    NoOrigin(ResourceIndex),
    /// A refused request: the resource's `Vary` for refusals.
    Refused(ResourceIndex),
    /// An allowed request: `Access-Control-Allow-Origin` with this value, the rule's headers and
    /// its `Vary` for allowed answers.
    Allowed(ResourceIndex, HeaderValue),
}

impl<L: std::ops::Deref<Target = CompiledPolicy>> Decoration<L> {
    pub(crate) fn apply(self, headers: &mut HeaderMap) {
        if let Some(debug) = self.debug {
            headers.insert(DEBUG_HEADER, *debug);
        }
        let (index, origin) = match self.addition {
            Addition::Nothing => return,
            Addition::OriginOnly => return merge_vary(headers, Vary::origin_only()),
            Addition::NoOrigin(index) => {
                return merge_vary(headers, &self.policy.resource(index).vary.no_origin);
            }
            Addition::Refused(index) => {
                return merge_vary(headers, &self.policy.resource(index).vary.refused);
            }
            Addition::Allowed(index, origin) => (index, origin),
        };
        let resource = self.policy.resource(index);
        let ours_is_wildcard = origin == ANY_ORIGIN;
        let wildcard = match add_unless_set(headers, ACCESS_CONTROL_ALLOW_ORIGIN, origin) {
            None => ours_is_wildcard,
            Some(own) => own.first().is_some_and(|own| *own == ANY_ORIGIN),
        };
        if resource.credentials && !wildcard {
            add_unless_set(headers, ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(expose) = &resource.expose {
            add_unless_set(headers, ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
        }
        merge_vary(headers, &resource.vary.allowed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::ORIGIN;

    fn merged(existing: &[&'static str], names: &[&str]) -> Vec<String> {
        let mut headers = HeaderMap::new();
        for line in existing {
            headers.append(VARY, HeaderValue::from_static(line));
        }
        let ours = Vary {
            value: Some(HeaderValue::from_static("Origin")),
            names: names.iter().map(|&name| name.into()).collect(),
        };
        merge_vary(&mut headers, &ours);
        headers
            .get_all(VARY)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn inserts_when_absent_and_keeps_what_is_already_there() {
        assert_eq!(merged(&[], &["origin"]), ["Origin"]);
        assert_eq!(merged(&["origin"], &["origin"]), ["origin"]);
        assert_eq!(
            merged(&["Accept-Encoding, ORIGIN"], &["origin"]),
            ["Accept-Encoding, ORIGIN"]
        );
        assert_eq!(merged(&["*"], &["origin"]), ["*"]);
    }

    #[test]
    fn a_header_the_inner_service_set_keeps_its_lines_in_order() {
        let mut headers = HeaderMap::new();
        let own = [HeaderValue::from_static("a"), HeaderValue::from_static("b")];
        for line in &own {
            headers.append(VARY, line.clone());
        }
        let ours = HeaderValue::from_static("ours");
        assert_eq!(
            add_unless_set(&mut headers, VARY, ours.clone()),
            Some(own.to_vec())
        );
        assert_eq!(
            headers.get_all(VARY).iter().collect::<Vec<_>>(),
            own.iter().collect::<Vec<_>>()
        );
        assert_eq!(add_unless_set(&mut headers, ORIGIN, ours.clone()), None);
        assert_eq!(headers[ORIGIN], ours);
    }

    #[test]
    fn appends_missing_names_into_one_line() {
        assert_eq!(
            merged(&["accept-encoding"], &["origin"]),
            ["accept-encoding, origin"]
        );
        assert_eq!(
            merged(
                &["accept-encoding", "cookie"],
                &["origin", "cookie", "x-tenant"]
            ),
            ["accept-encoding, cookie, origin, x-tenant"]
        );
    }
}
