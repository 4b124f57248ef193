//! The requests that verify a running server against a policy: for every resource, an origin
//! of each cell its block accepts, each origin it lists and one of each of its patterns, and
//! origins just outside each of them (one edit away, refused by every block, as the automata
//! say); its methods and request headers with one it does not list, as preflights and actual
//! requests, with and without the user's cookies; the most telling first.

use std::collections::HashSet;

use crate::check::Depth;
use crate::check::check;
use crate::check::checked::CheckedPolicy;
use crate::compare::change::CompareError;
use crate::compare::example::{Example, ExampleKind, host_named};
use crate::compare::languages::{Partition, origin_partition, path_partition, pattern_witnesses};
use crate::decide::origin::RequestOrigin;
use crate::model::functions::Functions;
use crate::model::policy::Policy;

/// At most `limit` requests that test a server against `policy`, the most telling first: each
/// resource's first allowed request and first boundary origin come before the rest.
///
/// ```
/// # #[cfg(feature = "toml")] {
/// let policy = corsage::Policy::from_toml("[[allow]]\norigins = [\"https://*.example.org\"]\n[[allow.resource]]\npath = \"/api/*\"\nmethods = [\"GET\", \"PUT\"]\n").unwrap();
/// let probes = corsage::probes(&policy, 300).unwrap();
/// assert!(probes.iter().any(|p| p.origin == "https://a.example.org"));
/// assert!(probes.iter().any(|p| p.origin == "https://example.org"));
/// # }
/// ```
pub fn probes(policy: &Policy, limit: usize) -> Result<Vec<Example>, CompareError> {
    let checked =
        check(policy, &Functions::new(), Depth::Full).map_err(|p| CompareError::Refused(0, p))?;
    let origins = origin_partition(&[&checked])?;
    let paths = path_partition(&[&checked])?;
    let host = checked.hosts.first().map(host_named);
    // Tiers: each resource's plainest requests, then its boundary origins, then the rest.
    let mut tiers: [Vec<Example>; 3] = Default::default();
    // The paths' partition numbers every block's resources in turn.
    let mut items = 0..;
    for (b, block) in checked.blocks.iter().enumerate() {
        // An origin of each cell the block accepts, each origin it lists, and one of each of
        // its patterns: a server may answer two origins of one cell differently.
        let mut accepted: Vec<String> = origins
            .cells
            .iter()
            .filter(|cell| origins.holds(cell, b))
            .map(|cell| cell.witness.clone())
            .chain(block.exact.iter().cloned())
            .chain(pattern_witnesses(block)?)
            .collect();
        let mut listed = HashSet::new();
        accepted.retain(|origin| listed.insert(origin.clone()));
        let outside = boundary_origins(&checked, &origins, b);
        for (resource, item) in block.resources.iter().zip(&mut items) {
            let Some(path) = paths
                .cells
                .iter()
                .find(|cell| paths.holds(cell, item))
                .map(|cell| cell.witness.clone())
            else {
                continue;
            };
            let example = |kind, origin: &str, method: &str, header: Option<&str>| Example {
                kind,
                origin: origin.to_owned(),
                path: path.clone(),
                method: method.to_owned(),
                header: header.map(str::to_owned),
                credentials: resource.credentials,
                host: host.clone(),
            };
            let first_method = resource.methods.first().map_or("GET", String::as_str);
            let mut methods: Vec<&str> = resource.methods.iter().map(String::as_str).collect();
            methods.push("UNLISTED");
            let mut headers: Vec<&str> = resource
                .headers
                .iter()
                .flatten()
                .map(String::as_str)
                .collect();
            headers.push("x-unlisted");
            for (n, origin) in accepted.iter().enumerate() {
                let tier = usize::from(n > 0) * 2;
                tiers[tier].push(example(ExampleKind::Actual, origin, "GET", None));
                // With and without the user's cookies: the answer must not depend on them.
                tiers[2].push(Example {
                    credentials: !resource.credentials,
                    ..example(ExampleKind::Actual, origin, "GET", None)
                });
                tiers[tier].push(example(ExampleKind::Preflight, origin, first_method, None));
                for method in &methods {
                    tiers[2].push(example(ExampleKind::Preflight, origin, method, None));
                }
                for header in &headers {
                    tiers[2].push(example(
                        ExampleKind::Preflight,
                        origin,
                        first_method,
                        Some(header),
                    ));
                }
            }
            for origin in &outside {
                tiers[1].push(example(ExampleKind::Actual, origin, "GET", None));
                tiers[1].push(example(ExampleKind::Preflight, origin, first_method, None));
            }
        }
    }
    let mut seen = HashSet::new();
    Ok(tiers
        .into_iter()
        .flatten()
        .filter(|example| seen.insert(example.clone()))
        .take(limit)
        .collect())
}

/// Origins one edit away from each of block `b`'s origins that it does not accept (another
/// block may, on other paths; what the server should answer is the policy's decision): another
/// scheme, a letter before or after the host, a label after it, another port; for a wildcard,
/// its parent domain itself.
fn boundary_origins(checked: &CheckedPolicy, origins: &Partition, b: usize) -> Vec<String> {
    let block = &checked.blocks[b];
    let mut near: Vec<String> = Vec::new();
    let mut edits = |scheme: &str, host: &str, port: &str| {
        let other = if scheme == "https" { "http" } else { "https" };
        near.push(format!("{other}://{host}{port}"));
        near.push(format!("{scheme}://x{host}{port}"));
        near.push(format!("{scheme}://{host}x{port}"));
        near.push(format!("{scheme}://{host}.x{port}"));
        near.push(format!("{scheme}://{host}:1"));
    };
    let witnesses = origins
        .cells
        .iter()
        .filter(|cell| origins.holds(cell, b))
        .map(|cell| cell.witness.clone());
    for origin in block.exact.iter().cloned().chain(witnesses) {
        if let Some((scheme, authority)) = origin.split_once("://") {
            let (host, port) = match authority.rfind(':') {
                Some(i) if !authority.ends_with(']') => authority.split_at(i),
                _ => (authority, ""),
            };
            edits(scheme, host, port);
        }
    }
    for pattern in &block.subdomains {
        let scheme = pattern.scheme.as_deref().unwrap_or("https");
        let parent = pattern.suffix.trim_start_matches('.');
        near.push(format!("{scheme}://{parent}"));
        near.push(format!("{scheme}://x{parent}"));
    }
    let mut seen = HashSet::new();
    near.into_iter()
        .filter(|origin| {
            RequestOrigin::parse(origin.as_bytes()).is_some()
                && !origins.slots[b].is_some_and(|slot| origins.languages[slot].holds(origin))
                && seen.insert(origin.clone())
        })
        .collect()
}
