#![deny(missing_docs)]
#![doc = include_str!("guide.md")]

pub use cors_macros::cors;
pub use cors_runtime::*;

/// The README's code blocks, compiled and run as doc tests like the guide's; not part of the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
