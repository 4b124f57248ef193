//! The suites that need no test program of their own, as one program: each would otherwise link
//! the whole dependency graph again. Those that keep theirs: `allocations.rs` (a counting global
//! allocator), `live.rs` (the process's resident memory), `browser.rs` and `scanner.rs` (they run
//! themselves again, by test name, in a private network), `fleet.rs` (propagation bounds in
//! seconds, one test at a time) and `logging.rs` and `report_only.rs` (log captures).

#[allow(dead_code)]
#[path = "../support/mod.rs"]
mod support;

/// The README's policy and app, exactly as the example serves them (the rules and the WebSocket
/// suites drive it).
#[allow(dead_code)]
#[path = "../../examples/readme.rs"]
mod readme_example;

mod config;
mod hostile;
mod mcp;
mod probe;
mod properties;
mod refusal;
mod rules;
mod tenants;
mod vary;
mod websocket;
