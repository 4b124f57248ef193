//! `corsage check FILE...`: every problem of every file, each at its line and column, with the
//! sentences the `cors!` macro gives, release-build refusals included.

use std::path::PathBuf;

use serde_json::json;

use crate::Format;
use crate::load::{read, stand_ins};
use crate::output::{RED, json, paint};

/// Whether every file passes; an error when one cannot be read.
pub(crate) fn run(files: &[PathBuf], format: Format) -> Result<bool, String> {
    let mut found = Vec::new();
    for path in files {
        let (text, policy) = read(path)?;
        let problems = match policy {
            Err(problem) => vec![problem],
            Ok(policy) => {
                let (functions, _) = stand_ins(&policy);
                match policy.check_every_build(&functions) {
                    Ok(()) => Vec::new(),
                    Err(problems) => problems.in_file(&text),
                }
            }
        };
        found.extend(problems.into_iter().map(|problem| (path, problem)));
    }
    match format {
        Format::Json => json(&json!(
            found
                .iter()
                .map(|(path, problem)| json!({
                    "file": path.display().to_string(),
                    "line": problem.line,
                    "column": problem.column,
                    "path": problem.place,
                    "message": problem.message,
                }))
                .collect::<Vec<_>>()
        )),
        Format::Text => {
            for (path, problem) in &found {
                let place = problem
                    .place
                    .as_ref()
                    .map(|p| format!("{p}: "))
                    .unwrap_or_default();
                let at = format!("{}:{}:{}:", path.display(), problem.line, problem.column);
                say!("{} {}{}", paint(&at, RED), place, problem.message);
            }
            if found.is_empty() {
                say!("{} file(s): no problem", files.len());
            }
        }
    }
    Ok(found.is_empty())
}
