//! A `Cors` built from a policy the way the `cors!` expansion builds it: only the canonical
//! pass, none of the analyses the compiler ran. Generated policies may shadow their own rules,
//! and the invariants under test hold for every table.

use std::sync::Mutex;

use corsage::__private::{LazyLock, MacroPolicy};
use corsage::{Cors, Functions, Policy};

static NEXT: Mutex<Option<(Policy, Functions)>> = Mutex::new(None);
static COMPILING: Mutex<()> = Mutex::new(());

/// The policy as a `cors!` static would hold it. The expansion's static holds a function
/// without captures, so the policy is handed to it aside; each one is leaked, as a static
/// would hold it (this is a test).
pub fn cors_from(policy: Policy, functions: Functions) -> Cors {
    let _one_at_a_time = COMPILING.lock().unwrap_or_else(|e| e.into_inner());
    *NEXT.lock().unwrap() = Some((policy, functions));
    fn build() -> MacroPolicy {
        let (policy, functions) = NEXT.lock().unwrap().take().unwrap();
        MacroPolicy::new(policy, functions)
    }
    let table: &'static LazyLock<MacroPolicy> =
        Box::leak(Box::new(LazyLock::new(build as fn() -> MacroPolicy)));
    LazyLock::force(table);
    Cors::from_macro(table)
}
