//! The layer's few warnings: a policy that loads but will not do what its author expects. They
//! go to `tracing` at warn level, and without the `tracing` feature to stderr: a policy that
//! covers nothing, or that a release build will refuse, must not stay silent.

#[cfg(feature = "tracing")]
pub(crate) fn warn(message: &str) {
    tracing::warn!(target: "corsage", "{message}");
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn warn(message: &str) {
    eprintln!("corsage: {message}");
}
