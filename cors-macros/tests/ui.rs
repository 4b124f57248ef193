//! Every compile-time refusal of `cors!`, with its message pinned in `tests/ui/*.stderr`, and
//! the policies near those lines that must still compile (`tests/ui-pass/`).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.pass("tests/ui-pass/*.rs");
}
