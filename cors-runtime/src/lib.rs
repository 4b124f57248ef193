#![deny(missing_docs)]
#![forbid(unsafe_code)]
//! The runtime of [corsage](https://docs.rs/corsage): the policy model and its one checker, the
//! table built from a checked policy, the decision, and the tower layer that applies it. Depend
//! on `corsage`, which re-exports everything here.
//!
//! The pipeline, for every front end: a [`Policy`] (from the `cors!` macro, a configuration
//! file, or code) → [`Policy::check`] → the compiled table → [`Cors`] (static, from the macro)
//! or [`Live`] (replaceable while serving).

mod check;
mod checked;
mod compile;
mod decide;
mod decided;
mod decision;
mod dispatch;
mod exact_origins;
mod functions;
mod head;
mod inner_response;
mod keyed_table;
mod live;
mod nest;
mod origin;
mod own_hosts;
mod path;
mod policy;
mod preflight_headers;
mod probe;
mod request_headers;
mod request_text;
mod same_origin;
mod service;
mod short_bytes;
mod source;
mod suggest;
// Public for the `cors!` macro, which checks with it at compile time; `corsage` does not
// re-export it.
#[doc(hidden)]
pub mod syntax;
mod table;
mod tenants;
mod vary_plan;
mod warning;
#[cfg(feature = "serde")]
mod written;

use std::sync::LazyLock;

use check::Spelling;
pub use check::{Location, Problem, Problems};
pub use decided::Decided;
pub use decision::{Decision, Reason, RequestKind, Rule};
pub use functions::{Condition, Functions, OriginPredicate};
pub use head::RequestHead;
pub use live::{Live, LiveSnapshot};
pub use policy::{AllowBlock, Names, Origin, Path, Policy, Resource, Settings, TenantKey};
pub use probe::Probe;
pub use request_text::{RequestText, ECHO_LIMIT};
pub use service::{CorsService, ResponseFuture};
pub use source::PolicySource;
pub use syntax::MAX_REQUEST_HEADERS_LENGTH;
pub use tenants::{RefusedTenantOrigin, TenantUpdate};

/// A policy compiled by the `cors!` macro: the value of a `cors!` expression.
///
/// It is `Copy` (a reference to a static), so the per-request service clone that axum performs
/// costs nothing whatever the policy's size. Its table is built from the policy on first use;
/// the compiler already checked the policy. Add it to a router with `.layer(...)`; ask it about a
/// request with [`decide`](Cors::decide).
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
    policy: &'static LazyLock<MacroPolicy>,
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
        self.compiled().decide(head)
    }

    /// The policy as written, to start a [`Live`] handle from, or to change and check again.
    ///
    /// ```
    /// # use corsage::{cors, Cors};
    /// static CORS: Cors = cors! { allow "app" { origins "https://a.example"; resource "*"; } };
    /// assert_eq!(CORS.policy().allow[0].name.as_deref(), Some("app"));
    /// ```
    pub fn policy(&self) -> &'static Policy {
        &LazyLock::force(self.policy).model
    }

    /// A [`Live`] handle serving this policy at first, whose blocks' origins or whole policy
    /// can then be replaced while it serves (with the functions the macro registered).
    ///
    /// ```
    /// # use corsage::{cors, Cors};
    /// static CORS: Cors = cors! { allow "tenants" { origins "https://a.example"; resource "*"; } };
    /// let live = CORS.to_live();
    /// live.replace_origins("tenants", ["https://b.example"]).unwrap();
    /// live.snapshot().probe("GET /").origin("https://b.example").assert_allowed();
    /// ```
    pub fn to_live(&self) -> Live {
        let policy = LazyLock::force(self.policy);
        Live::spelt(
            policy.model.clone(),
            policy.functions.clone(),
            Spelling::Macro,
        )
        .expect("cors! checked this policy at compile time")
    }

    pub(crate) fn compiled(&self) -> &'static table::CompiledPolicy {
        &LazyLock::force(self.policy).compiled
    }

    #[doc(hidden)]
    pub const fn from_macro(policy: &'static LazyLock<MacroPolicy>) -> Cors {
        Cors { policy }
    }
}

impl std::fmt::Debug for Cors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cors")
            .field("blocks", &self.compiled().blocks.len())
            .finish_non_exhaustive()
    }
}

/// What a `cors!` expansion holds: the policy as written, the functions it names, and the
/// table built from them.
#[doc(hidden)]
pub struct MacroPolicy {
    model: Policy,
    functions: Functions,
    compiled: table::CompiledPolicy,
}

impl MacroPolicy {
    /// Builds the table. The compiler already ran every check on `model`, so only its canonical
    /// form is computed again here, and it cannot fail.
    pub fn new(model: Policy, functions: Functions) -> MacroPolicy {
        let checked = check::check(&model, &functions, check::Depth::CheckedAtCompileTime)
            .unwrap_or_else(|problems| {
                unreachable!("cors! checked this policy at compile time: {problems}")
            });
        MacroPolicy {
            compiled: compile::compile(&checked, compile::Lifetime::Program),
            model,
            functions,
        }
    }
}

/// What the `cors!` expansion names. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::policy::StaticOrigin;
    pub use crate::suggest::did_you_mean;
    pub use crate::table::CompiledPolicy;
    pub use crate::MacroPolicy;
    pub use std::sync::LazyLock;
}
