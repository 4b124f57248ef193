#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![doc = include_str!("guide.md")]

pub use cors_macros::cors;
// Every public item is listed: what users write, match on and name in their types. The table
// and the checker's syntax stay inside `cors-runtime`.
pub use cors_runtime::{
    AllowBlock, Condition, Cors, CorsService, Decided, Decision, ECHO_LIMIT, Functions, Live,
    LiveSnapshot, Location, MAX_REQUEST_HEADERS_LENGTH, Names, OptionName, Origin, OriginPredicate,
    Path, Policy, PolicySource, Probe, Problem, Problems, Reason, RefusedTenantOrigin, RequestHead,
    RequestKind, RequestText, Resource, ResponseFuture, Rule, SettingName, Settings, TenantKey,
    TenantUpdate,
};

#[cfg(feature = "toml")]
pub use cors_runtime::FileProblem;
#[cfg(feature = "compare")]
pub use cors_runtime::{
    Access, Change, CompareError, Direction, Example, ExampleKind, diff, disagreements, probes,
};

/// What the `cors!` expansion names. Not a public API: it changes without notice.
#[doc(hidden)]
pub use cors_runtime::__private;

/// The README's code blocks, compiled and run as doc tests like the guide's; not part of the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
