//! Every compile-time refusal of `cors!`, with its message pinned in `tests/ui/*.stderr`.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
