//! Arbitrary bytes as a policy file: reading and checking must answer every input with a policy
//! or with problems, never a panic, and a policy that passes must serve a request.
//!
//!     cargo fuzz run policy_files --sanitizer none -O -- -runs=1000000

#![no_main]

use corsage::{Functions, Live, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(policy) = toml::from_str::<Policy>(text) else {
        return;
    };
    let checked = policy.check(&Functions::new());
    match Live::new(policy, Functions::new()) {
        Ok(live) => {
            assert!(checked.is_ok());
            live.snapshot()
                .probe("OPTIONS /api/x")
                .origin("https://a.example")
                .request_method("PUT")
                .decide(|_| ());
        }
        Err(problems) => assert_eq!(Err(problems), checked),
    }
});
