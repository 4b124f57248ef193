//! `corsage check`: every case of the macro's compile-fail suite written as a file, reported at
//! its line and column with the macro's sentence (the fix in a file's spelling), or refused by
//! the format where the mistake is the macro's own syntax.

mod support;

use support::{corsage, file};

#[path = "check/cases.rs"]
mod cases;

/// The macro's spelling of an option or a block, and a file's: the sentences are the same
/// otherwise.
const SPELLINGS: &[(&str, &str)] = &[
    (": true`", " = true`"),
    ("`expose: any`", "`expose = \"any\"`"),
    ("`headers: any`", "`headers = \"any\"`"),
    ("`methods: any`", "`methods = \"any\"`"),
    ("this `allow` block", "this `[[allow]]` table"),
    ("no `resource`", "no `[[allow.resource]]`"),
    (
        "`allow { origins ...; resource ...; }` block",
        "`[[allow]]` table, with `origins` and an `[[allow.resource]]`",
    ),
];

/// The problem a message states, before the fix, in a file's spelling. A debug build's warning
/// of what a release build refuses states it after its own preamble.
fn statement(message: &str) -> String {
    let message = message
        .rsplit("a release build refuses this policy: ")
        .next()
        .unwrap();
    let first = message.lines().next().unwrap();
    let spelt = SPELLINGS
        .iter()
        .fold(first.to_owned(), |text, (macro_spelling, file_spelling)| {
            text.replace(macro_spelling, file_spelling)
        });
    spelt.split("; ").next().unwrap().to_owned()
}

/// A case's file: a whole file when it starts with a table header, or else an `[[allow]]`
/// table's lines, with a resource unless they write one.
fn file_text(body: &str) -> String {
    if body.starts_with("[[allow]]") || body.starts_with("[settings]") {
        format!("{body}\n")
    } else if body.contains("[[allow.resource]]") || body.contains("resource = [") {
        format!("[[allow]]\n{body}\n")
    } else {
        format!("[[allow]]\n{body}\n[[allow.resource]]\npath = \"/api/*\"\n")
    }
}

/// `corsage check --format json` on `text`: its exit code and problems.
fn checked(case: &str, text: &str) -> (i32, Vec<serde_json::Value>) {
    let path = file("classes", &format!("{case}.toml"), text);
    let (code, stdout, _) = corsage(&["check", "--format", "json", &path]);
    let problems: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    (code, problems.as_array().unwrap().clone())
}

#[test]
fn every_checked_problem_class_is_reported_with_the_macros_sentence() {
    let mut failures = Vec::new();
    for (case, body) in cases::CHECKED {
        let text = file_text(body);
        let (code, problems) = checked(case, &text);
        let ui = std::fs::read_to_string(format!("../cors-macros/tests/ui/{case}.stderr")).unwrap();
        let expected = ui.lines().next().unwrap().strip_prefix("error: ").unwrap();
        let lines = text.lines().count() as u64;
        let found = problems.iter().any(|problem| {
            let line = problem["line"].as_u64().unwrap();
            statement(problem["message"].as_str().unwrap()) == statement(expected)
                && (1..=lines).contains(&line)
                && problem["column"].as_u64().unwrap() >= 1
        });
        if code != 2 || !found {
            failures.push(format!(
                "{case} (exit {code}): expected {:?} in {problems:?}",
                statement(expected)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_mistake_of_the_macros_syntax_gets_the_files_own_sentence() {
    for (case, line, message) in cases::OWN_SENTENCE {
        let text = format!(
            "[[allow]]\norigins = [\"https://a.example\"]\n[[allow.resource]]\npath = \"/x\"\n{line}\n"
        );
        let (code, problems) = checked(case, &text);
        assert_eq!(code, 2, "{case}");
        let problem = &problems[0];
        assert!(
            problem["message"].as_str().unwrap().contains(message),
            "{case}: expected {message:?} in {problem}"
        );
        assert!(problem["line"].as_u64().unwrap() >= 5, "{case}: {problem}");
    }
}

/// A new UI case is written as a file here, or said to have no file form.
#[test]
fn every_ui_case_is_written_as_a_file_or_said_to_have_none() {
    let mut listed: Vec<&str> = cases::CHECKED
        .iter()
        .map(|(case, _)| *case)
        .chain(cases::OWN_SENTENCE.iter().map(|(case, _, _)| *case))
        .chain(cases::NO_FILE_FORM.iter().map(|(case, _)| *case))
        .collect();
    listed.sort_unstable();
    let mut ui: Vec<String> = std::fs::read_dir("../cors-macros/tests/ui")
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    ui.sort_unstable();
    assert_eq!(listed, ui);
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
            format!(
                "{path}:2:33: allow[0].origins[1]: an origin has no trailing slash, and browsers never send one; write \"https://b.example\""
            ),
            format!(
                "{path}:5:12: allow[0].resource[0].headers[0]: browsers never let scripts set \"cookie\" (a forbidden request header), so allowing it has no effect; remove it"
            ),
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
