//! One request a comparison or a verification names: what a browser sends, built as the layer
//! sees it, and what the layer's decision on it gives the page.

use std::fmt;

use http::header::{
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, CONNECTION, HOST, ORIGIN,
    SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION, UPGRADE,
};
use http::{Method, Request};

use crate::decide::decision::Decision;
use crate::model::head::RequestHead;
use crate::syntax::OwnHostSyntax;
use crate::table::CompiledPolicy;

/// What kind of request an [`Example`] is.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExampleKind {
    /// The request itself (a browser sends it without a preflight, or after one).
    Actual,
    /// The preflight (`OPTIONS` with `Access-Control-Request-Method`).
    Preflight,
    /// A WebSocket handshake (`GET` with `Upgrade: websocket`).
    WebSocket,
}

impl ExampleKind {
    /// The kind's name, as [`RequestKind::name`](crate::RequestKind::name) spells it.
    pub fn name(self) -> &'static str {
        match self {
            ExampleKind::Actual => "actual",
            ExampleKind::Preflight => "preflight",
            ExampleKind::WebSocket => "websocket",
        }
    }
}

/// One concrete request, as a page on `origin` sends it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Example {
    /// What kind of request it is.
    pub kind: ExampleKind,
    /// The page's origin, the `Origin` header.
    pub origin: String,
    /// The request's path.
    pub path: String,
    /// The request's method; for a preflight, the one it asks for.
    pub method: String,
    /// A request header a preflight asks for, if any.
    pub header: Option<String>,
    /// Whether the page sends the user's credentials (`credentials: "include"`): the answer
    /// must then grant them.
    pub credentials: bool,
    /// The host the request is sent to (`Host`), when the policy declares hosts.
    pub host: Option<String>,
}

impl Example {
    /// The request the layer sees; an error when a value cannot be sent in a request.
    pub fn request(&self) -> Result<Request<()>, String> {
        let method = match self.kind {
            ExampleKind::Preflight => Method::OPTIONS,
            ExampleKind::WebSocket => Method::GET,
            ExampleKind::Actual => Method::from_bytes(self.method.as_bytes())
                .map_err(|_| format!("{:?} is not a method", self.method))?,
        };
        let mut request = Request::builder()
            .method(method)
            .uri(&self.path)
            .header(ORIGIN, &self.origin);
        if let Some(host) = &self.host {
            request = request.header(HOST, host);
        }
        match self.kind {
            ExampleKind::Preflight => {
                request = request.header(ACCESS_CONTROL_REQUEST_METHOD, &self.method);
                if let Some(header) = &self.header {
                    request = request.header(ACCESS_CONTROL_REQUEST_HEADERS, header);
                }
            }
            ExampleKind::WebSocket => {
                request = request
                    .header(UPGRADE, "websocket")
                    .header(CONNECTION, "upgrade")
                    .header(SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==")
                    .header(SEC_WEBSOCKET_VERSION, "13");
            }
            ExampleKind::Actual => {}
        }
        request.body(()).map_err(|error| error.to_string())
    }
}

impl ExampleKind {
    /// Whether `decision` gives the page what a request of this kind asks for: a WebSocket
    /// handshake the layer lets through opens the socket (CORS does not apply to it); any other
    /// request needs the decision to allow it.
    pub fn granted(self, decision: &Decision<'_>) -> bool {
        match self {
            ExampleKind::WebSocket => !decision.is_blocked(),
            ExampleKind::Actual | ExampleKind::Preflight => decision.is_allowed(),
        }
    }
}

impl fmt::Display for Example {
    /// `OPTIONS /api/x from https://a.example asking for PUT with x-token`, in words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ExampleKind::Actual => write!(f, "{} {}", self.method, self.path)?,
            ExampleKind::Preflight => write!(f, "a preflight of {} {}", self.method, self.path)?,
            ExampleKind::WebSocket => write!(f, "a WebSocket handshake to {}", self.path)?,
        }
        if let Some(header) = &self.header {
            write!(f, " with {header}")?;
        }
        write!(f, " from {}", self.origin)?;
        if let Some(host) = &self.host {
            write!(f, " to host {host}")?;
        }
        if self.credentials {
            f.write_str(", with credentials")?;
        }
        Ok(())
    }
}

/// A `Host` a request to the declared host `host` carries: its name (`a.` before a wildcard's
/// parent) and its port, if it names one.
pub(crate) fn host_named(host: &OwnHostSyntax) -> String {
    let subdomain = if host.subdomains { "a." } else { "" };
    let port = host.port.map(|port| format!(":{port}")).unwrap_or_default();
    format!("{subdomain}{}{port}", host.host)
}

/// What a page gets from an example under a policy: whether the request is allowed (a
/// WebSocket: not refused by the layer), whether credentials are granted, and which of the
/// names asked about are exposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub allowed: bool,
    pub credentials: bool,
    pub exposed: Vec<bool>,
}

impl Outcome {
    pub(crate) fn of(
        policy: &CompiledPolicy,
        kind: ExampleKind,
        request: &Request<()>,
        expose: &[String],
    ) -> Outcome {
        let decision = policy.decide(&RequestHead::from(request));
        let allowed = kind.granted(&decision);
        Outcome {
            allowed,
            credentials: allowed && decision.allows_credentials(),
            exposed: expose
                .iter()
                .map(|name| allowed && decision.exposes(name))
                .collect(),
        }
    }
}
