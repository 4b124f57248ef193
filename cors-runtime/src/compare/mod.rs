//! Policies compared and verified: every change in access between two policies, decided on
//! their automata, and the requests that test a running server against a policy. For the
//! people who run services (the `corsage` command); behind the `compare` feature.

pub(crate) mod change;
pub(crate) mod describe;
pub(crate) mod diff;
pub(crate) mod example;
pub(crate) mod languages;
pub(crate) mod pair;
pub(crate) mod probes;
pub(crate) mod verify;
