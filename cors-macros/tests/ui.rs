//! Every compile-time refusal of `cors!`, with its message pinned in `tests/ui/*.stderr`. The
//! policies near those lines that must still compile are ordinary test code
//! (`tests/compiles.rs`): with no case that must pass, trybuild checks every refusal in one
//! `cargo check`, with no code generation, instead of building each case apart.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
