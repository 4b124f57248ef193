//! How long `cors!` takes to parse, check and expand a policy of 1,000 origins and 100
//! resources: the macro's own stages run here as ordinary code (proc-macro2 works outside a
//! compiler), on the policy's source text. Then how long its expansion takes, on first use, to
//! build the table from the model.
//!
//!     cargo run --release -p corsage-bench --bin expansion

#[path = "../../../cors-macros/src/ast.rs"]
mod ast;
#[path = "../../../cors-macros/src/check.rs"]
mod check;
#[path = "../../../cors-macros/src/errors.rs"]
mod errors;
#[path = "../../../cors-macros/src/expand.rs"]
mod expand;
#[path = "../../../cors-macros/src/lower.rs"]
mod lower;
#[path = "../../../cors-macros/src/values.rs"]
mod values;

use std::time::{Duration, Instant};

fn expand_once(source: &str) -> (Duration, usize) {
    let started = Instant::now();
    let policy: ast::Policy = syn::parse_str(source).expect("the generated policy parses");
    let lowered = lower::lower(&policy).expect("the generated policy is well formed");
    let release_only = check::check(&lowered).expect("the generated policy is valid");
    let tokens = expand::expand(&lowered, &release_only);
    let elapsed = started.elapsed();
    (elapsed, tokens.to_string().len())
}

/// The policy of `examples/readme.rs`, as its `cors! { ... }` holds it.
fn readme_policy() -> String {
    let example = include_str!("../../../examples/readme.rs");
    let start = example.find("cors! {").expect("the example calls cors!") + "cors! {".len();
    let end = start
        + example[start..]
            .find("\n};")
            .expect("the policy ends with `};`");
    example[start..end].to_owned()
}

/// One block of `count` sound regex origins, each under a domain of its own.
fn regex_origins(count: usize) -> String {
    let origins: Vec<String> = (0..count)
        .map(|i| format!("regex(r\"^https://([a-z0-9-]+\\.)*site{i}\\.example$\")"))
        .collect();
    format!(
        "allow {{ origins {}; resource \"/api/*\"; }}",
        origins.join(", ")
    )
}

/// One block of `count` resources whose paths have a `*` inside a segment (decided on their
/// automata by the shadowing analysis, pair by pair).
fn wildcard_segments(count: usize) -> String {
    let resources: Vec<String> = (0..count)
        .map(|i| format!("resource \"/api/*-v{i}.json\";"))
        .collect();
    format!(
        "allow {{ origins \"https://app.example\"; {} }}",
        resources.join(" ")
    )
}

fn build_once(source: &str) -> Duration {
    let policy: ast::Policy = syn::parse_str(source).expect("the generated policy parses");
    let model = lower::lower(&policy)
        .expect("the generated policy is well formed")
        .policy;
    let started = Instant::now();
    let built = corsage::__private::MacroPolicy::new(model, corsage::Functions::new());
    let elapsed = started.elapsed();
    drop(std::hint::black_box(built));
    elapsed
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(21);
    let readme = readme_policy();
    let regexes = regex_origins(100);
    let wildcards = wildcard_segments(300);
    for (what, source) in [
        ("the README policy", readme.as_str()),
        ("100 regex origins", regexes.as_str()),
        ("300 paths with `*` inside a segment", wildcards.as_str()),
        (
            "1,000 origins and 100 resources",
            corsage_bench::EXPANSION_SOURCE,
        ),
        (
            "2 blocks sharing 1,000 origins, 40 resources each",
            corsage_bench::SHARED_ORIGINS_SOURCE,
        ),
    ] {
        let mut times: Vec<Duration> = (0..runs).map(|_| expand_once(source).0).collect();
        times.sort();
        let (_, expanded) = expand_once(source);
        println!(
            "cors! on {what} ({} bytes of source, {} bytes expanded): \
             parse + check + expand median {:.1} ms (min {:.1}, max {:.1}) over {runs} runs",
            source.len(),
            expanded,
            times[runs / 2].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[runs - 1].as_secs_f64() * 1e3,
        );
    }
    let source = corsage_bench::EXPANSION_SOURCE;
    let mut builds: Vec<Duration> = (0..runs).map(|_| build_once(source)).collect();
    builds.sort();
    println!(
        "its table, built on first use: median {:.2} ms (min {:.2}, max {:.2}) over {runs} runs",
        builds[runs / 2].as_secs_f64() * 1e3,
        builds[0].as_secs_f64() * 1e3,
        builds[runs - 1].as_secs_f64() * 1e3,
    );
}
