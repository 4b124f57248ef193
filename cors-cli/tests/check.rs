//! `corsage check`: each problem class of the macro's compile-fail suite, written as a file,
//! reported at its line and column with the macro's sentence (the fix in a file's spelling).

mod support;

use support::{corsage, file};

/// A UI case of the macro's suite, and the same mistake in a file.
const CASES: &[(&str, &str)] = &[
    ("origin_trailing_slash", r#"origins = ["https://app.example.com/"]"#),
    ("origin_uppercase", r#"origins = ["https://App.example.com"]"#),
    ("origin_path", r#"origins = ["https://app.example.com/api"]"#),
    ("origin_query", r#"origins = ["https://app.example.com?x=1"]"#),
    ("origin_userinfo", r#"origins = ["https://user@app.example.com"]"#),
    ("origin_default_port", r#"origins = ["https://app.example.com:443"]"#),
    ("origin_port_out_of_range", r#"origins = ["https://app.example.com:70000"]"#),
    ("origin_wildcard_on_public_suffix", r#"origins = ["https://*.github.io"]"#),
    ("origin_wildcard_on_tld", r#"origins = ["https://*.com"]"#),
    ("origin_listed_twice", r#"origins = ["https://app.example.com", "https://app.example.com"]"#),
    ("origin_null_uppercase", r#"origins = ["NULL"]"#),
    ("origin_ipv4_shorthand", r#"origins = ["http://127.1:3000"]"#),
    ("regex_origin_unescaped_dot", r#"origins = [{ regex = '^https://app.example\.com$' }]"#),
    ("regex_origin_suffix_attack", r#"origins = [{ regex = '^https://app\.example\.com.*' }]"#),
    ("credentials_with_star", "origins = [\"*\"]\n[[allow.resource]]\npath = \"/x\"\ncredentials = true"),
    ("credentials_with_plain_http_origin", "origins = [\"http://app.example.com\"]\n[[allow.resource]]\npath = \"/x\"\ncredentials = true"),
    ("header_forbidden_request_header", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nheaders = [\"cookie\"]"),
    ("header_listed_twice", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nheaders = [\"x-token\", \"X-Token\"]"),
    ("method_forbidden", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nmethods = [\"GET\", \"TRACE\"]"),
    ("method_listed_twice", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nmethods = [\"GET\", \"GET\"]"),
    ("max_age_out_of_range", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nmax_age = 100000"),
    ("expose_set_cookie", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nexpose = [\"set-cookie\"]"),
    ("path_without_leading_slash", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"api/*\""),
    ("path_with_query", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/api?x\""),
    ("shadowed_within_a_block", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/api/*\"\n[[allow.resource]]\npath = \"/api/users\""),
    ("option_vary_star", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\nvary = [\"*\"]"),
    ("private_network_with_star", "origins = [\"*\"]\n[[allow.resource]]\npath = \"/x\"\nprivate_network = true"),
    ("public_socket_where_credentials_are_granted", "origins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\ncredentials = true\npublic_socket = true"),
    ("unsafe_without_need", "unsafe = true\norigins = [\"https://a.example\"]"),
];

/// The problem a message states, before the fix, with options as a file spells them
/// (`credentials = true` for the macro's `credentials: true`).
fn statement(message: &str) -> String {
    message
        .split("; ")
        .next()
        .unwrap()
        .replace(": true`", " = true`")
}

#[test]
fn every_problem_class_is_reported_with_the_macros_sentence() {
    for (case, body) in CASES {
        let text = match body.contains("[[allow.resource]]") {
            true => format!("[[allow]]\n{body}\n"),
            false => format!("[[allow]]\n{body}\n[[allow.resource]]\npath = \"/api/*\"\n"),
        };
        let path = file("classes", &format!("{case}.toml"), &text);
        let (code, stdout, _) = corsage(&["check", "--format", "json", &path]);
        assert_eq!(code, 2, "{case}: {stdout}");
        let problems: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let ui = std::fs::read_to_string(format!("../tests/ui/{case}.stderr")).unwrap();
        let expected = ui.lines().next().unwrap().strip_prefix("error: ").unwrap();
        let found =
            problems.as_array().unwrap().iter().any(|problem| {
                statement(problem["message"].as_str().unwrap()) == statement(expected)
            });
        assert!(found, "{case}: expected {expected:?} in {stdout}");
    }
}

#[test]
fn a_problem_is_printed_at_its_file_line_and_column() {
    let text = "[[allow]]\norigins = [\"https://a.example\", \"https://b.example/\"]\n[[allow.resource]]\npath = \"/api/*\"\nheaders = [\"cookie\"]\n";
    let path = file("placed", "policy.toml", text);
    let (code, stdout, _) = corsage(&["check", &path]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{path}:2:33: allow[0].origins[1]: an origin has no trailing slash, and browsers never send one; write \"https://b.example\""),
            format!("{path}:5:12: allow[0].resource[0].headers[0]: browsers never let scripts set \"cookie\" (a forbidden request header), so allowing it has no effect; remove it"),
        ]
    );
}

#[test]
fn a_syntax_error_is_a_problem_at_its_place() {
    let path = file(
        "syntax",
        "policy.toml",
        "[[allow]]\norigins = [\"https://a.example\"\n",
    );
    let (code, stdout, _) = corsage(&["check", "--format", "json", &path]);
    assert_eq!(code, 2);
    let problems: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(problems[0]["line"], 2);
    assert_eq!(problems[0]["path"], serde_json::Value::Null);
}

#[test]
fn exit_codes_say_pass_fail_or_unanswerable() {
    let good = file(
        "codes",
        "good.toml",
        "[[allow]]\norigins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/api/*\"\n",
    );
    let (code, stdout, _) = corsage(&["check", &good, "../examples/policy.toml"]);
    assert_eq!((code, stdout.as_str()), (0, "2 file(s): no problem\n"));
    let (code, _, stderr) = corsage(&["check", &good, "/nonexistent/policy.toml"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("/nonexistent/policy.toml: cannot read"),
        "{stderr}"
    );
    let (code, _, _) = corsage(&["check"]);
    assert_eq!(code, 1, "a usage error");
}

/// `corsage check FILE | head -1`: the reader goes away after one line; the command stops
/// writing without a panic, and its exit code still says the file has problems.
#[test]
fn a_reader_that_goes_away_is_no_panic() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    // Several hundred kilobytes of problems: more than a pipe holds, so that the command is
    // still writing when the reader closes it.
    let origins: Vec<String> = (0..4000)
        .map(|i| format!("\"https://site-{i}.example/\""))
        .collect();
    let text = format!(
        "[[allow]]\norigins = [{}]\nresource = [{{ path = \"/api/*\" }}]\n",
        origins.join(", ")
    );
    let path = file("broken_pipe", "many.toml", &text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_corsage"))
        .args(["check", &path])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("an origin has no trailing slash"), "{first}");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
}
