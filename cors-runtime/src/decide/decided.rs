//! What the layer decided, kept for handlers in the request's extensions (rack-cors users read
//! `env['rack.cors']`).

use crate::decide::decision::{Decision, RequestKind, Rule};

/// The layer's decision on a request, which handlers read from the request's extensions
/// (`Extension<Decided>` in axum) when the policy says `settings { decision_in_extensions:
/// true }`. Off by default: putting it there costs each request an allocation or three (the
/// extensions' map and the value's box), which no one should pay unasked.
///
/// ```
/// use axum::{routing::post, Extension, Router};
/// use corsage::{cors, Cors, Decided};
///
/// static CORS: Cors = cors! {
///     settings { decision_in_extensions: true }
///     allow {
///         origins "https://app.example.com";
///         resource "/api/*", methods: post;
///     }
/// };
///
/// async fn submit(Extension(cors): Extension<Decided>) -> String {
///     format!("{} {} {:?}", cors.kind().name(), cors.reason(), cors.rule())
/// }
///
/// let app: Router = Router::new().route("/api/submit", post(submit)).layer(CORS);
/// # drop(app);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    kind: RequestKind,
    allowed: bool,
    reason: &'static str,
    rule: Option<Rule>,
}

impl Decided {
    pub(crate) fn of(decision: &Decision<'_>) -> Decided {
        Decided {
            kind: decision.kind(),
            allowed: decision.is_allowed(),
            reason: decision.reason().name(),
            rule: decision.reason().rule(),
        }
    }

    /// The kind of request.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// Whether the policy allows it (the response will carry CORS headers).
    pub fn is_allowed(&self) -> bool {
        self.allowed
    }

    /// The reason, named as in [`Decision::summary`]: `allowed`, `origin-refused`,
    /// `no-resource`, ... (see [`Reason::name`](crate::Reason::name)).
    pub fn reason(&self) -> &'static str {
        self.reason
    }

    /// The rule the decision concerns, if any.
    pub fn rule(&self) -> Option<Rule> {
        self.rule
    }
}
