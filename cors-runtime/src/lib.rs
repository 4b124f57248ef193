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
mod cors;
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
mod resource_index;
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

pub use check::{Location, Problem, Problems};
pub use cors::Cors;
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

/// What the `cors!` expansion names. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::cors::MacroPolicy;
    pub use crate::policy::StaticOrigin;
    pub use crate::suggest::did_you_mean;
    pub use crate::table::CompiledPolicy;
    pub use std::sync::LazyLock;
}
