#![deny(missing_docs)]
#![doc = include_str!("../README.md")]

pub use cors_macros::cors;
pub use cors_runtime::*;
