#![deny(missing_docs)]
//! The runtime of [corsage](https://docs.rs/corsage): applies a CORS policy compiled by the
//! `cors!` macro. Depend on `corsage`, which re-exports everything here.

mod configured;
mod decision;
mod head;
mod origin;
mod path;
mod probe;
mod request_headers;
mod service;
pub mod syntax;
mod table;
mod vary;

pub use configured::OriginsError;
pub use decision::{Decision, Reason, RequestKind, RequestText, Rule};
pub use head::RequestHead;
pub use probe::Probe;
pub use service::{CorsService, ResponseFuture};

/// A compiled CORS policy: the value of a `cors!` expression.
///
/// It is `Copy` (a reference to a static table), so the per-request service clone that axum
/// performs costs nothing whatever the policy's size. Add it to a router with `.layer(...)`;
/// ask it about a request with [`decide`](Cors::decide).
///
/// ```
/// use axum::{routing::get, Router};
/// use corsage::{cors, Cors};
///
/// static CORS: Cors = cors! {
///     allow {
///         origins "https://app.example.com";
///         resource "/api/*", methods: [get, post];
///     }
/// };
///
/// let app: Router = Router::new()
///     .route("/api/items", get(|| async { "[]" }))
///     .layer(CORS);
/// ```
#[derive(Clone, Copy)]
pub struct Cors {
    policy: &'static table::Policy,
}

impl Cors {
    /// Decides on a request without calling any service: what the layer will do, and why.
    /// The layer applies exactly this decision.
    ///
    /// ```
    /// use corsage::{cors, Cors, Reason, RequestHead, Rule};
    ///
    /// static CORS: Cors = cors! {
    ///     allow {
    ///         origins "https://app.example.com";
    ///         resource "/api/*";
    ///     }
    /// };
    ///
    /// let request = http::Request::get("/api/items")
    ///     .header("origin", "https://app.example.com")
    ///     .body(())
    ///     .unwrap();
    /// let decision = CORS.decide(&RequestHead::from(&request));
    /// assert_eq!(decision.reason(), Reason::Allowed(Rule { block: 0, resource: 0 }));
    /// ```
    pub fn decide<'a>(&self, head: &RequestHead<'a>) -> Decision<'a> {
        self.policy.decide(head)
    }

    #[doc(hidden)]
    pub const fn from_table(policy: &'static table::Policy) -> Cors {
        Cors { policy }
    }
}

impl std::fmt::Debug for Cors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cors")
            .field("blocks", &self.policy.blocks.len())
            .finish_non_exhaustive()
    }
}

/// What the `cors!` expansion names. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::path::{PathPattern, PathSyntax, Segment};
    pub use crate::table::{
        AllowedHeaders, Block, Condition, ExactOrigins, ExactSlot, OriginPredicate, Policy,
        Resource, Subdomains,
    };
    pub use http::HeaderValue;
    pub use regex::Regex;
    pub use std::sync::LazyLock;
}
