//! `Cors`, the value of a `cors!` expression: a reference to the static table its expansion
//! builds on first use, from the policy the compiler checked.

use std::sync::LazyLock;

use crate::check::{self, Spelling};
use crate::decide::decision::Decision;
use crate::layer::live::Live;
use crate::layer::probe::Probe;
use crate::model::functions::Functions;
use crate::model::head::RequestHead;
use crate::model::policy::Policy;
use crate::table;
use crate::table::compile;

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

    /// Starts a [`Probe`] of `"METHOD /path?query"`. Panics on a malformed line: it is meant
    /// for tests.
    pub fn probe(&self, line: &str) -> Probe<'static> {
        Probe::new(self.compiled(), line)
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
