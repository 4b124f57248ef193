//! `corsage verify URL FILE`: requests derived from the policy, sent to the server at URL (and
//! nowhere else), each answer compared with the policy's own layer.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use corsage::disagreements;
use serde_json::json;

use crate::Format;
use crate::explain::Answer;
use crate::http1::Target;
use crate::load::{live, policy};
use crate::output::{GREEN, RED, json, paint};

#[derive(clap::Args)]
pub(crate) struct Options {
    /// The server, as `http://host:port` (and a path prefix, if it serves under one).
    url: String,
    /// The policy file it should be serving.
    file: PathBuf,
    /// The most requests to send.
    #[arg(long, default_value_t = 300)]
    max_requests: usize,
    /// The most requests per second.
    #[arg(long, default_value_t = 500)]
    rate: u32,
}

/// Whether every answer agrees with the policy; an error when the server cannot be reached.
pub(crate) fn run(options: &Options, format: Format) -> Result<bool, String> {
    let target = Target::parse(&options.url)?;
    let (live, _) = live(&options.file)?;
    let probes = corsage::probes(&policy(&options.file)?, options.max_requests)
        .map_err(|error| error.to_string())?;
    let interval = Duration::from_secs(1) / options.rate.max(1);
    let mut found = Vec::new();
    let started = Instant::now();
    for (n, example) in probes.iter().enumerate() {
        let due = started + interval * u32::try_from(n).unwrap_or(u32::MAX);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let expected = Answer::of(&live, example)?;
        let (status, headers) = target.send(example)?;
        for problem in disagreements(
            example,
            (expected.status, &expected.headers),
            (status, &headers),
        ) {
            found.push((example, problem));
        }
    }
    match format {
        Format::Json => json(&json!({
            "requests": probes.len(),
            "disagreements": found.iter().map(|(example, problem)| json!({
                "request": example.to_string(),
                "kind": example.kind.name(),
                "origin": example.origin,
                "path": example.path,
                "method": example.method,
                "header": example.header,
                "problem": problem,
            })).collect::<Vec<_>>(),
        })),
        Format::Text => {
            for (example, problem) in &found {
                say!("{}: {example}: {problem}", paint("disagrees", RED));
            }
            let summary = format!("{} requests, {} disagreements", probes.len(), found.len());
            match found.is_empty() {
                true => say!("{}", paint(&summary, GREEN)),
                false => say!("{summary}"),
            }
        }
    }
    Ok(found.is_empty())
}
