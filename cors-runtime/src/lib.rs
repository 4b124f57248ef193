#![deny(missing_docs)]
#![forbid(unsafe_code)]
//! The runtime of [corsage](https://docs.rs/corsage): the policy model and its one checker, the
//! table built from a checked policy, the decision, and the tower layer that applies it. Depend
//! on `corsage`, which re-exports the public items listed below.
//!
//! The pipeline, for every front end: a [`Policy`] (from the `cors!` macro, a configuration
//! file, or code) → [`Policy::check`] → the compiled table → [`Cors`] (static, from the macro)
//! or [`Live`] (replaceable while serving).

// The pipeline, one wing per stage: the policy as data, the syntax of its strings, the one
// checker, the compiled table, the decision on a request, the tower layer that applies it.
mod check;
#[cfg(feature = "compare")]
mod compare;
mod decide;
mod model;
// The configuration-file front end: a model read from TOML, its problems placed in the text.
#[cfg(feature = "toml")]
mod file;
mod layer;
mod suggest;
// Public for the `cors!` macro, which reads the standard methods from it; `corsage` does not
// re-export it.
#[doc(hidden)]
pub mod syntax;
mod table;
mod warning;

pub use check::tenants::{RefusedTenantOrigin, TenantUpdate};
pub use check::{Location, Problem, Problems};
#[cfg(feature = "compare")]
pub use compare::change::{Access, Change, CompareError, Direction};
#[cfg(feature = "compare")]
pub use compare::diff::diff;
#[cfg(feature = "compare")]
pub use compare::example::{Example, ExampleKind};
#[cfg(feature = "compare")]
pub use compare::{probes::probes, verify::disagreements};
pub use decide::decided::Decided;
pub use decide::decision::{Decision, Reason, RequestKind, Rule};
pub use decide::request_text::{ECHO_LIMIT, RequestText};
#[cfg(feature = "toml")]
pub use file::FileProblem;
pub use layer::cors::Cors;
pub use layer::live::{Live, LiveSnapshot};
pub use layer::probe::Probe;
pub use layer::service::{CorsService, ResponseFuture};
pub use layer::source::PolicySource;
pub use model::functions::{Condition, Functions, OriginPredicate};
pub use model::head::RequestHead;
pub use model::names::{OptionName, SettingName};
pub use model::policy::{AllowBlock, Names, Origin, Path, Policy, Resource, Settings, TenantKey};
pub use syntax::MAX_REQUEST_HEADERS_LENGTH;

/// What the `cors!` expansion names. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::layer::cors::MacroPolicy;
    pub use crate::model::policy::StaticOrigin;
    pub use crate::suggest::{did_you_mean, unknown_word};
    pub use crate::table::CompiledPolicy;
    pub use std::sync::LazyLock;
}
