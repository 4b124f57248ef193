//! What a decision is: the kind of request, the reason it was allowed or refused, and what the
//! layer echoes. `decide.rs` makes it; `service.rs` applies it.

use std::fmt;

use http::HeaderValue;

use crate::decide::request_text::RequestText;
use crate::table::Resource;
use crate::table::resource_index::ResourceIndex;

/// What kind of request the CORS protocol sees.
///
/// ```
/// # use corsage::{cors, Cors, RequestHead, RequestKind};
/// # static CORS: Cors = cors! { allow { origins "https://a.example"; resource "*"; } };
/// let preflight = http::Request::options("/x")
///     .header("origin", "https://a.example")
///     .header("access-control-request-method", "GET")
///     .body(())
///     .unwrap();
/// assert_eq!(CORS.decide(&RequestHead::from(&preflight)).kind(), RequestKind::Preflight);
/// let plain = http::Request::get("/x").body(()).unwrap();
/// assert_eq!(CORS.decide(&RequestHead::from(&plain)).kind(), RequestKind::NotCors);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// No `Origin` header: not a CORS request.
    NotCors,
    /// `OPTIONS` with `Origin` and `Access-Control-Request-Method`: answered by the layer.
    Preflight,
    /// Any other request with an `Origin`: the inner service answers, the layer decorates.
    Actual,
    /// A WebSocket handshake (`GET` with `Upgrade: websocket`, or an HTTP/2 extended `CONNECT`)
    /// whose `Origin` the policy refuses on a path some resource covers: CORS does not protect
    /// it, so the layer refuses it itself. A handshake the policy allows is an actual request
    /// like any other (telling it apart would cost every request a header look-up).
    WebSocket,
}

/// Which rule of the policy a decision concerns: the `allow` block and the `resource` in it,
/// both counted from zero in the order written.
///
/// ```
/// # use corsage::{cors, Cors, Reason, Rule};
/// static CORS: Cors = cors! {
///     allow { origins "https://a.example"; resource "/one"; resource "/two"; }
/// };
/// let expected = Reason::Allowed(Rule { block: 0, resource: 1 });
/// CORS.probe("GET /two").origin("https://a.example").decide(|d| assert_eq!(d.reason(), expected));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    /// The index of the `allow` block.
    pub block: usize,
    /// The index of the `resource` within that block.
    pub resource: usize,
}

impl RequestKind {
    /// The kind's name in [`Decision::summary`].
    pub fn name(self) -> &'static str {
        match self {
            RequestKind::NotCors => "not-cors",
            RequestKind::Preflight => "preflight",
            RequestKind::Actual => "actual",
            RequestKind::WebSocket => "websocket",
        }
    }
}

/// Why the policy allowed or refused a request.
///
/// ```
/// # use corsage::{cors, Cors, Reason, Rule};
/// static CORS: Cors = cors! {
///     allow { origins "https://a.example"; resource "/api/*", methods: [get, put]; }
/// };
/// CORS.probe("OPTIONS /api/x")
///     .origin("https://a.example")
///     .request_method("DELETE")
///     .decide(|decision| {
///         let Reason::MethodRefused { rule, method } = decision.reason() else { panic!() };
///         assert_eq!((rule, method.to_string()), (Rule { block: 0, resource: 0 }, "DELETE".into()));
///     });
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason<'a> {
    /// The request has no `Origin`: CORS does not apply.
    NoOrigin,
    /// No block accepts the `Origin` (or it is not a serialized origin, or sent twice) for a
    /// path some resource covers.
    OriginRefused,
    /// No resource of any block covers the path: the layer leaves the request alone.
    NoResource,
    /// The resource matched origin and path, but its `if:` condition was false.
    ConditionFalse(Rule),
    /// The policy refuses the `Origin`, but it is the server's own (the scheme, host and port
    /// the request was sent to): a same-origin request, which the layer never refuses itself.
    /// Reported only where the layer would otherwise have refused it: a WebSocket handshake,
    /// or a resource with `refuse_others: true`.
    SameOrigin,
    /// A preflight asked for a method the resource does not list (compared case-sensitively).
    MethodRefused {
        /// The selected rule.
        rule: Rule,
        /// The value of `Access-Control-Request-Method`.
        method: RequestText<'a>,
    },
    /// A preflight's `Access-Control-Request-Headers` is longer than
    /// [`MAX_REQUEST_HEADERS_LENGTH`](crate::MAX_REQUEST_HEADERS_LENGTH): refused
    /// without being read.
    RequestHeadersTooLong(Rule),
    /// A preflight asked for a header the resource does not accept.
    HeaderRefused {
        /// The selected rule.
        rule: Rule,
        /// The first refused name in `Access-Control-Request-Headers`.
        header: RequestText<'a>,
    },
    /// A WebSocket handshake from an origin this rule allows, though the origin could not be
    /// granted credentials (`"*"`, `"null"`, or an origin that needs `unsafe`): the handshake
    /// carries the user's cookies, so only a rule with `credentials: true`, one in a block whose
    /// every origin could be granted them, or one that says `public_socket: true`, lets it
    /// through.
    SocketNeedsCredentials(Rule),
    /// The request was sent to a host that is not one of the server's own
    /// (`settings { hosts: [...], refuse_other_hosts: true }`): a DNS-rebinding page's, or a
    /// misdirected one.
    HostRefused,
    /// Allowed by this rule.
    Allowed(Rule),
}

impl Reason<'_> {
    /// The reason's name in [`Decision::summary`]: `allowed`, `origin-refused`, ...
    pub fn name(&self) -> &'static str {
        match self {
            Reason::NoOrigin => "no-origin",
            Reason::OriginRefused => "origin-refused",
            Reason::NoResource => "no-resource",
            Reason::ConditionFalse(_) => "condition-false",
            Reason::SameOrigin => "same-origin",
            Reason::MethodRefused { .. } => "method-refused",
            Reason::RequestHeadersTooLong(_) => "request-headers-too-long",
            Reason::HeaderRefused { .. } => "header-refused",
            Reason::SocketNeedsCredentials(_) => "socket-needs-credentials",
            Reason::HostRefused => "host-refused",
            Reason::Allowed(_) => "allowed",
        }
    }

    /// The rule the reason concerns, if any.
    pub fn rule(&self) -> Option<Rule> {
        match *self {
            Reason::ConditionFalse(rule)
            | Reason::MethodRefused { rule, .. }
            | Reason::RequestHeadersTooLong(rule)
            | Reason::HeaderRefused { rule, .. }
            | Reason::SocketNeedsCredentials(rule)
            | Reason::Allowed(rule) => Some(rule),
            Reason::NoOrigin
            | Reason::OriginRefused
            | Reason::NoResource
            | Reason::SameOrigin
            | Reason::HostRefused => None,
        }
    }
}

/// What a decision did to the request, as counted and reported: the browser may read the
/// answer, may not, or the layer refused the request itself. A request without `Origin` is
/// allowed (no browser check applies), unless the layer refused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Allowed = 0,
    Refused = 1,
    Blocked = 2,
}

impl Outcome {
    pub(crate) fn of(decision: &Decision<'_>) -> Outcome {
        if decision.blocked {
            Outcome::Blocked
        } else if decision.is_allowed() || decision.kind == RequestKind::NotCors {
            Outcome::Allowed
        } else {
            Outcome::Refused
        }
    }
}

/// The policy's decision on one request: its kind, and the reason it was allowed or refused.
///
/// ```
/// use corsage::{cors, Cors, Reason, RequestHead, RequestKind, Rule};
///
/// static CORS: Cors = cors! {
///     allow {
///         origins "https://app.example.com";
///         resource "/api/*", methods: [get, put];
///     }
/// };
///
/// let request = http::Request::options("/api/items")
///     .header("origin", "https://app.example.com")
///     .header("access-control-request-method", "DELETE")
///     .body(())
///     .unwrap();
/// let decision = CORS.decide(&RequestHead::from(&request));
/// assert_eq!(decision.kind(), RequestKind::Preflight);
/// assert_eq!(
///     decision.reason(),
///     Reason::MethodRefused { rule: Rule { block: 0, resource: 0 }, method: "DELETE".into() },
/// );
/// ```
#[derive(Clone, Copy)]
pub struct Decision<'a> {
    pub(crate) kind: RequestKind,
    pub(crate) reason: Reason<'a>,
    /// The selected resource, or else the first whose path matches, whose `Vary` applies; with
    /// its place, by which the layer finds it again after the inner service answered.
    pub(crate) resource: Option<(ResourceIndex, &'a Resource)>,
    /// Allowed through a `"*"` block: answered with `Access-Control-Allow-Origin: *`.
    pub(crate) any_origin: bool,
    /// The request's `Origin`, echoed when allowed.
    pub(crate) origin: Option<&'a HeaderValue>,
    /// A preflight's `Access-Control-Request-Headers`, echoed when allowed.
    pub(crate) requested_headers: RequestedHeaders<'a>,
    /// Refused, and answered by the layer: the inner service never sees it.
    pub(crate) blocked: bool,
}

/// The `Access-Control-Request-Headers` lines of a preflight, as the layer echoes them.
#[derive(Clone, Copy)]
pub(crate) enum RequestedHeaders<'a> {
    None,
    One(&'a HeaderValue),
    /// Several lines (never sent by browsers): the layer joins them.
    Several,
}

impl<'a> Decision<'a> {
    /// The kind of request.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// Why it was allowed or refused.
    pub fn reason(&self) -> Reason<'a> {
        self.reason
    }

    /// Whether the policy allows the request.
    pub fn is_allowed(&self) -> bool {
        matches!(self.reason, Reason::Allowed(_))
    }

    /// Whether the layer refuses the request itself, with `403` and without calling the inner
    /// service: a WebSocket handshake, or an actual request on a path a `refuse_others: true`
    /// resource covers, from an origin the policy refuses (and not the server's own); a
    /// handshake from an origin that could not be granted credentials (unless the socket is
    /// public); under
    /// `refuse_other_hosts`, a request sent to a host that is not the server's own.
    ///
    /// ```
    /// # use corsage::{cors, Cors};
    /// static CORS: Cors = cors! {
    ///     settings { hosts: ["api.example"] }
    ///     allow { origins "https://a.example"; resource "/live"; resource "/transfer", methods: post, refuse_others: true; }
    ///     allow { origins "*"; resource "/feed"; }
    /// };
    /// let socket = CORS.probe("GET /live").origin("https://evil.example").header("upgrade", "websocket");
    /// socket.decide(|d| assert!(d.is_blocked()));
    /// let any_site = CORS.probe("GET /feed").origin("https://evil.example").header("upgrade", "websocket");
    /// any_site.decide(|d| assert!(d.is_blocked()));
    /// let post = CORS.probe("POST /transfer").origin("https://evil.example");
    /// post.decide(|d| assert!(d.is_blocked()));
    /// let own = CORS.probe("POST /transfer").origin("https://api.example").header("host", "api.example");
    /// own.decide(|d| assert!(!d.is_blocked()));
    /// ```
    pub fn is_blocked(&self) -> bool {
        self.blocked
    }

    /// A short account of the decision, for logs and the debug header: the kind of request,
    /// the reason, the rule, and the refused method or header (escaped), as in
    /// `preflight method-refused; rule=0.1; method=DELETE`.
    ///
    /// ```
    /// # use corsage::{cors, Cors};
    /// # static CORS: Cors = cors! { allow { origins "https://a.example"; resource "/api/*"; } };
    /// CORS.probe("OPTIONS /api/x")
    ///     .origin("https://a.example")
    ///     .request_method("GET")
    ///     .request_headers("x-secret")
    ///     .decide(|d| assert_eq!(d.summary(), "preflight header-refused; rule=0.0; header=x-secret"));
    /// ```
    pub fn summary(&self) -> String {
        let mut summary = format!("{} {}", self.kind.name(), self.reason.name());
        if let Some(rule) = self.reason.rule() {
            summary += &format!("; rule={}.{}", rule.block, rule.resource);
        }
        match self.reason {
            Reason::MethodRefused { method, .. } => summary += &format!("; method={method}"),
            Reason::HeaderRefused { header, .. } => summary += &format!("; header={header}"),
            _ => {}
        }
        if self.blocked {
            summary += "; blocked";
        }
        summary
    }

    /// Whether the answer carries `Access-Control-Allow-Credentials: true`: the request is
    /// allowed by a rule with `credentials: true`. A browser sending credentials needs it.
    ///
    /// ```
    /// # use corsage::{cors, Cors};
    /// static CORS: Cors = cors! {
    ///     allow { origins "https://a.example"; resource "/api/*", credentials: true, expose: "x-total", max_age: 60; }
    /// };
    /// let get = CORS.probe("GET /api/x").origin("https://a.example");
    /// get.decide(|d| assert!(d.allows_credentials() && d.exposes("X-Total") && d.max_age().is_none()));
    /// let preflight = CORS.probe("OPTIONS /api/x").origin("https://a.example").request_method("GET");
    /// preflight.decide(|d| assert_eq!(d.max_age(), Some(60)));
    /// ```
    pub fn allows_credentials(&self) -> bool {
        self.allowed_resource().is_some_and(|r| r.credentials)
    }

    /// Whether an allowed actual response lets scripts read the response header `name`
    /// (compared without case) through the rule's `expose:`.
    pub fn exposes(&self, name: &str) -> bool {
        self.allowed_resource().is_some_and(|resource| {
            let exposed = resource.exposed.iter();
            exposed
                .into_iter()
                .any(|exposed| &**exposed == "*" || exposed.eq_ignore_ascii_case(name))
        })
    }

    /// For an allowed preflight, how many seconds the browser may reuse the answer
    /// (`Access-Control-Max-Age`).
    pub fn max_age(&self) -> Option<u32> {
        let resource = self.allowed_resource()?;
        (self.kind == RequestKind::Preflight).then_some(resource.max_age)
    }

    pub(crate) fn requested_headers(&self) -> RequestedHeaders<'a> {
        self.requested_headers
    }

    fn allowed_resource(&self) -> Option<&'a Resource> {
        self.resource().filter(|_| self.is_allowed())
    }

    pub(crate) fn resource(&self) -> Option<&'a Resource> {
        self.resource.map(|(_, resource)| resource)
    }

    /// The `Access-Control-Allow-Origin` of an allowed request: `*` for a `"*"` block,
    /// otherwise the request's `Origin` byte for byte.
    #[inline]
    pub(crate) fn allow_origin(&self) -> HeaderValue {
        match self.origin {
            Some(origin) if !self.any_origin => origin.clone(),
            _ => HeaderValue::from_static("*"),
        }
    }
}

impl fmt::Debug for Decision<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decision")
            .field("kind", &self.kind)
            .field("reason", &self.reason)
            .field("pattern", &self.resource().map(|r| &*r.pattern))
            .finish()
    }
}
