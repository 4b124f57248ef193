//! The tower layer: `Cors` (the `cors!` value) and `Live` (a policy replaced while serving), the
//! service that applies a decision to a request and its response, and the tests' probe.

pub(crate) mod cors;
pub(crate) mod live;
#[cfg(feature = "metrics")]
pub(crate) mod metrics;
pub(crate) mod nest;
pub(crate) mod probe;
pub(crate) mod report_only;
pub(crate) mod respond;
pub(crate) mod service;
pub(crate) mod source;
