//! `corsage diff OLD NEW`: every change in access, each with a request that shows it.

use std::path::Path;

use corsage::{Access, Change, Direction};
use serde_json::json;

use crate::Format;
use crate::load::policy;
use crate::output::{GREEN, RED, json, paint};

/// Whether the two policies grant the same access.
pub(crate) fn run(old: &Path, new: &Path, format: Format) -> Result<bool, String> {
    let changes = corsage::diff(&policy(old)?, &policy(new)?).map_err(|error| error.to_string())?;
    match format {
        Format::Json => {
            json(&json!({ "changes": changes.iter().map(change_json).collect::<Vec<_>>() }))
        }
        Format::Text => {
            for change in &changes {
                let sign = match change.direction {
                    Direction::Gained => paint("+ gained", GREEN),
                    Direction::Lost => paint("- lost", RED),
                };
                say!("{sign}: {}", change.description());
                say!("    for example: {}", change.example);
            }
            if changes.is_empty() {
                say!("no difference in access");
            }
        }
    }
    Ok(changes.is_empty())
}

fn change_json(change: &Change) -> serde_json::Value {
    let example = &change.example;
    json!({
        "direction": match change.direction { Direction::Gained => "gained", Direction::Lost => "lost" },
        "access": match &change.access {
            Access::Requests => "requests".to_owned(),
            Access::Credentials => "credentials".to_owned(),
            Access::Socket => "socket".to_owned(),
            Access::Expose(name) => format!("expose {name}"),
            _ => "other".to_owned(),
        },
        "origins": change.origins,
        "paths": change.paths,
        "methods": change.methods,
        "headers": change.headers,
        "example": {
            "kind": example.kind.name(),
            "origin": example.origin,
            "path": example.path,
            "method": example.method,
            "header": example.header,
            "host": example.host,
            "credentials": example.credentials,
        },
        "description": change.description(),
    })
}
