//! One line per case in users' own tests: build a request head, ask the policy, assert.

use http::{HeaderName, HeaderValue, Method, Request};

use crate::decide::decision::Decision;
use crate::model::head::RequestHead;
use crate::table::CompiledPolicy;

/// A request to ask a policy about in a test, built from `"METHOD /path"` and the CORS headers
/// a browser would send. Its assertions panic with the whole decision when they fail.
///
/// ```
/// use corsage::{cors, Cors};
///
/// static CORS: Cors = cors! {
///     allow {
///         origins "https://app.example.com";
///         resource "/api/*", methods: [get, put], headers: "x-token";
///     }
/// };
///
/// CORS.probe("GET /api/items").origin("https://app.example.com").assert_allowed();
/// CORS.probe("GET /api/items").origin("https://evil.example").assert_reason("OriginRefused");
/// CORS.probe("OPTIONS /api/items")
///     .origin("https://app.example.com")
///     .request_method("DELETE")
///     .assert_reason("MethodRefused");
/// CORS.probe("OPTIONS /api/items")
///     .origin("https://app.example.com")
///     .request_method("PUT")
///     .request_headers("x-token")
///     .assert_allowed();
/// ```
pub struct Probe<'p> {
    policy: &'p CompiledPolicy,
    request: Request<()>,
}

impl std::fmt::Debug for Probe<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Probe")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl<'p> Probe<'p> {
    pub(crate) fn new(policy: &'p CompiledPolicy, line: &str) -> Probe<'p> {
        let (method, target) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("a probe is \"METHOD /path\", not {line:?}"));
        let method = Method::from_bytes(method.as_bytes())
            .unwrap_or_else(|_| panic!("{method:?} is not a method"));
        let request = Request::builder()
            .method(method)
            .uri(target)
            .body(())
            .unwrap_or_else(|error| panic!("{target:?} is not a request target: {error}"));
        Probe { policy, request }
    }

    /// Adds a request header (it may be given several times, as a client could).
    pub fn header(mut self, name: &str, value: &str) -> Probe<'p> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .unwrap_or_else(|_| panic!("{name:?} is not a header name"));
        let value = HeaderValue::from_str(value)
            .unwrap_or_else(|_| panic!("{value:?} is not a header value"));
        self.request.headers_mut().append(name, value);
        self
    }

    /// The `Origin` the browser sends.
    pub fn origin(self, origin: &str) -> Probe<'p> {
        self.header("origin", origin)
    }

    /// `Access-Control-Request-Method`: with `OPTIONS`, this makes the probe a preflight.
    pub fn request_method(self, method: &str) -> Probe<'p> {
        self.header("access-control-request-method", method)
    }

    /// `Access-Control-Request-Headers`, as a comma-separated list.
    pub fn request_headers(self, names: &str) -> Probe<'p> {
        self.header("access-control-request-headers", names)
    }

    /// Asks the policy, and hands the decision to `inspect`.
    pub fn decide<R>(&self, inspect: impl FnOnce(Decision<'_>) -> R) -> R {
        inspect(self.policy.decide(&RequestHead::from(&self.request)))
    }

    /// Panics unless the policy allows the request, saying at the caller's line which request
    /// and what was decided.
    #[track_caller]
    pub fn assert_allowed(self) {
        let (allowed, account) = self.decide(|d| (d.is_allowed(), self.account(&d)));
        if !allowed {
            panic!("expected allowed: {account}");
        }
    }

    /// Panics unless the reason is the named one (`"OriginRefused"`, `"MethodRefused"`, ...:
    /// the variant names of [`Reason`](crate::Reason)).
    #[track_caller]
    pub fn assert_reason(self, reason: &str) {
        let (name, account) = self.decide(|d| {
            let actual = format!("{:?}", d.reason());
            let name = actual
                .split(['(', ' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned();
            (name, self.account(&d))
        });
        if name != reason {
            panic!("expected {reason}, got {name}: {account}");
        }
    }

    /// The request line, its CORS request headers and the decision, for a failed assertion.
    fn account(&self, decision: &Decision<'_>) -> String {
        let mut account = format!("{} {}", self.request.method(), self.request.uri());
        for (name, value) in self.request.headers() {
            let value = value.as_bytes().escape_ascii();
            account.push_str(&format!(" [{name}: {value}]"));
        }
        format!("{account} -> {}", decision.summary())
    }
}
