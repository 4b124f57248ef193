//! A policy file read, with the functions it names stood in for: the command has no program to
//! take them from, so each is checked by name and refuses every request.

use std::path::Path;

use corsage::{FileProblem, Functions, Live, Origin, Policy};

/// A file's text and its policy, or the file's syntax error at its place; a file that cannot be
/// read is the outer error.
pub(crate) fn read(path: &Path) -> Result<(String, Result<Policy, FileProblem>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{}: cannot read: {error}", path.display()))?;
    let policy = Policy::from_toml(&text);
    Ok((text, policy))
}

/// Every origin function and condition the policy names, registered as refusing.
pub(crate) fn stand_ins(policy: &Policy) -> (Functions, Vec<String>) {
    let mut functions = Functions::new();
    let mut names = Vec::new();
    for block in &policy.allow {
        for origin in &block.origins {
            if let Origin::Function { function } = origin {
                functions = functions.origin(function, |_, _| false);
                names.push(function.clone());
            }
        }
        for resource in &block.resource {
            if let Some(condition) = &resource.condition {
                functions = functions.condition(condition, |_| false);
                names.push(condition.clone());
            }
        }
    }
    (functions, names)
}

/// The policy of a file that passes every check, served as the layer serves it.
pub(crate) fn live(path: &Path) -> Result<(Live, Vec<String>), String> {
    let (text, policy) = read(path)?;
    let policy = policy.map_err(|problem| placed(path, &problem))?;
    let (functions, names) = stand_ins(&policy);
    let live = Live::new(policy, functions).map_err(|problems| {
        let lines: Vec<String> = problems
            .in_file(&text)
            .iter()
            .map(|problem| placed(path, problem))
            .collect();
        format!(
            "the policy fails its checks (run `corsage check`):\n{}",
            lines.join("\n")
        )
    })?;
    Ok((live, names))
}

/// The policy of a file, read but not checked (the comparison checks it).
pub(crate) fn policy(path: &Path) -> Result<Policy, String> {
    let (_, policy) = read(path)?;
    policy.map_err(|problem| placed(path, &problem))
}

/// `FILE:LINE:COLUMN: place: message`.
fn placed(path: &Path, problem: &FileProblem) -> String {
    format!("{}:{problem}", path.display())
}
