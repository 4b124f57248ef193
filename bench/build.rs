//! Generates the benchmark policies: lists of 3 to 10,000 origins and 1 to 1,000 resources are
//! not written by hand. The allowed origin and the requested resource always come last.

use std::fmt::Write;

const RESOURCE: &str =
    "methods: [get, post, put, delete], headers: [\"content-type\", \"x-token\"], max_age: 7200";

fn origin_list(count: usize) -> String {
    let mut list: Vec<String> = (0..count - 1)
        .map(|i| format!("\"https://site-{i:05}.example.org\""))
        .collect();
    list.push("\"https://a.example.com\"".into());
    list.join(", ")
}

fn resources(count: usize) -> String {
    (0..count)
        .map(|i| format!("resource \"/r{i:03}/*\", {RESOURCE};"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    let mut policies = String::new();
    for count in [3, 100, 1_000, 10_000] {
        writeln!(
            policies,
            "/// {count} exact origins, the allowed one last.\npub static ORIGINS_{count}: corsage::Cors = corsage::cors! {{ allow {{ origins {}; resource \"*\", {RESOURCE}; }} }};",
            origin_list(count)
        )
        .unwrap();
    }
    for count in [1, 10, 100, 1_000] {
        writeln!(
            policies,
            "/// 3 origins and {count} resources.\npub static RESOURCES_{count}: corsage::Cors = corsage::cors! {{ allow {{ origins {}; {} }} }};",
            origin_list(3),
            resources(count)
        )
        .unwrap();
    }
    std::fs::write(format!("{out}/policies.rs"), policies).unwrap();
    let expansion = format!(
        "allow {{ origins {}; {} }}",
        origin_list(1_000),
        resources(100)
    );
    std::fs::write(
        format!("{out}/expansion_1000_origins_100_resources.txt"),
        expansion,
    )
    .unwrap();
    // Two blocks sharing 1,000 origins, 40 resources each: the shadowing analysis compares
    // every pair of rules, whose blocks' origins it must compare too.
    let shared = format!(
        "allow {{ origins {list}; {} }} allow {{ origins {list}; {} }}",
        resources(40),
        (0..40)
            .map(|i| format!("resource \"/s{i:03}/*\", {RESOURCE};"))
            .collect::<Vec<_>>()
            .join("\n"),
        list = origin_list(1_000),
    );
    std::fs::write(format!("{out}/expansion_shared_origins.txt"), shared).unwrap();
    println!("cargo::rerun-if-changed=build.rs");
}
