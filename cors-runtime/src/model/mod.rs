//! The policy as data, whatever way it arrived (the `cors!` macro, a configuration file, code),
//! the functions it names, and the request head they are asked about. Nothing here is checked.

pub(crate) mod functions;
pub(crate) mod head;
pub(crate) mod names;
pub(crate) mod policy;
#[cfg(feature = "serde")]
mod written;
