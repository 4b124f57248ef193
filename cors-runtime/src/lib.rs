#![deny(missing_docs)]
#![forbid(unsafe_code)]
// Without `serve` (the `cors!` macro's build, which only checks), what only the table and the
// layer read is unused.
#![cfg_attr(not(feature = "serve"), allow(dead_code, unused_imports))]
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
#[cfg(feature = "serve")]
mod decide;
mod model;
// The configuration-file front end: a model read from TOML, its problems placed in the text.
#[cfg(feature = "toml")]
mod file;
#[cfg(feature = "serve")]
mod layer;
mod suggest;
mod syntax;
#[cfg(feature = "serve")]
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
#[cfg(feature = "toml")]
pub use file::FileProblem;
pub use model::functions::{Condition, Functions, OriginPredicate};
pub use model::head::RequestHead;
pub use model::names::{OptionName, SettingName};
pub use model::policy::{AllowBlock, Names, Origin, Path, Policy, Resource, Settings, TenantKey};
pub use syntax::MAX_REQUEST_HEADERS_LENGTH;
#[cfg(feature = "serve")]
pub use {
    decide::decided::Decided,
    decide::decision::{Decision, Reason, RequestKind, Rule},
    decide::request_text::{ECHO_LIMIT, RequestText},
    layer::cors::Cors,
    layer::live::{Live, LiveSnapshot},
    layer::probe::Probe,
    layer::service::{CorsService, ResponseFuture},
    layer::source::PolicySource,
};

/// What the `cors!` expansion names. Not a public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "serve")]
    pub use crate::layer::cors::MacroPolicy;
    pub use crate::model::policy::StaticOrigin;
    pub use crate::suggest::{did_you_mean, unknown_word};
    pub use crate::syntax::ANY_METHODS;
    #[cfg(feature = "serve")]
    pub use crate::table::CompiledPolicy;
    pub use std::sync::LazyLock;
}
