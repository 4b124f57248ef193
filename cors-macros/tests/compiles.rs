//! The policies near the refused ones that must still compile and answer as written, one file of
//! `tests/ui-pass/` each (the refusals are `tests/ui.rs`).

#[path = "ui-pass/acknowledged_and_local_credentials.rs"]
mod acknowledged_and_local_credentials;
#[path = "ui-pass/origins_as_browsers_send.rs"]
mod origins_as_browsers_send;
#[path = "ui-pass/public_sockets_and_own_hosts.rs"]
mod public_sockets_and_own_hosts;
#[path = "ui-pass/rules_that_are_not_shadowed.rs"]
mod rules_that_are_not_shadowed;
#[path = "ui-pass/sound_regex_origins.rs"]
mod sound_regex_origins;

#[test]
fn acknowledged_and_local_credentials() {
    acknowledged_and_local_credentials::main();
}

#[test]
fn origins_as_browsers_send() {
    origins_as_browsers_send::main();
}

#[test]
fn public_sockets_and_own_hosts() {
    public_sockets_and_own_hosts::main();
}

#[test]
fn rules_that_are_not_shadowed() {
    rules_that_are_not_shadowed::main();
}

#[test]
fn sound_regex_origins() {
    sound_regex_origins::main();
}
