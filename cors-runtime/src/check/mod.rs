//! The one checker: every rule a policy must follow, whatever front end it came through. It
//! reports every problem at once, each at its place in the model, and turns a policy that has
//! none into the checked model that `compile` builds the table from.
//!
//! Two passes, one after the other: `canonical` reads each item once into its canonical form and
//! refuses what can never work (syntax, names, ranges); `analyses` then refuse what is unsafe or
//! misleading as a whole (public suffixes, regex bypasses, credentials without `unsafe`, shadowed
//! rules), on what the first pass built. The macro runs both at compile time; its expansion
//! repeats only the first at start-up.

pub(crate) mod automaton;
pub(crate) mod checked;
mod credentials;
#[cfg(test)]
mod every_rule;
mod hosts;
mod names;
mod origins;
mod problem;
mod public_suffix;
mod regex_origin;
mod resources;
pub(crate) mod shadow;
mod sockets;
pub(crate) mod tenants;

use std::collections::BTreeMap;

pub(crate) use problem::Spelling;
pub use problem::{Location, Problem, Problems};

use crate::check::checked::{CheckedBlock, CheckedPolicy};
use crate::check::origins::BlockOrigins;
use crate::model::functions::Functions;
use crate::model::names::SettingName;
use crate::model::policy::{AllowBlock, Policy};
use crate::warning::warn;

/// Which checks to run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Every check: the macro at compile time, every front end at run time.
    Full,
    /// Only what canonical form needs: the `cors!` expansion at start-up, whose policy the
    /// compiler already checked in full.
    CheckedAtCompileTime,
}

/// Checks for the build this code runs in: problems that only a release build refuses are
/// dropped in a debug build.
pub(crate) fn check(
    policy: &Policy,
    functions: &Functions,
    depth: Depth,
) -> Result<CheckedPolicy, Problems> {
    let (checked, mut problems) = check_every_build(policy, functions, depth);
    if cfg!(debug_assertions) {
        // Loaded while developing, and said, so that the release build's refusal is no surprise.
        for problem in problems.iter().filter(|problem| problem.release_only()) {
            let (location, message) = (problem.location(), problem.message());
            warn(&format!(
                "a release build refuses this policy: {location}: {message}"
            ));
        }
        problems.retain(|problem| !problem.release_only());
    }
    match problems.is_empty() {
        true => Ok(checked),
        false => Err(Problems::from_vec(problems)),
    }
}

/// The checked model, and every problem, those a release build alone refuses included.
pub(crate) fn check_every_build(
    policy: &Policy,
    functions: &Functions,
    depth: Depth,
) -> (CheckedPolicy, Vec<Problem>) {
    let mut problems = Vec::new();
    let (checked, origins) = canonical(policy, functions, &mut problems);
    if depth == Depth::Full {
        analyses(policy, &checked, &origins, &mut problems);
    }
    // In the order written, whichever pass found them (a stable sort: one place's problems keep
    // the order they were found in).
    problems.sort_by_key(|problem| problem.location().written_order());
    (checked, problems)
}

/// The first pass: each item read once into its canonical form (origins parsed, regexes
/// compiled, names and ranges checked), refusing what can never work.
fn canonical(
    policy: &Policy,
    functions: &Functions,
    problems: &mut Vec<Problem>,
) -> (CheckedPolicy, Vec<BlockOrigins>) {
    if policy.allow.len() > usize::from(u16::MAX) {
        problems.push(Problem::new(
            Location::Policy,
            "a policy holds at most 65535 `allow` blocks",
        ));
    }
    let status = policy.settings.refused_preflight_status;
    if !matches!(status, 200..=299 | 400..=599) {
        problems.push(Problem::new(
            Location::Setting(SettingName::RefusedPreflightStatus),
            "a refused preflight's status is a 2xx, 4xx or 5xx code, such as 403 (the default) or 204",
        ));
    }
    if !(200..=299).contains(&policy.settings.allowed_preflight_status) {
        problems.push(Problem::new(
            Location::Setting(SettingName::AllowedPreflightStatus),
            "an allowed preflight's status is a 2xx code (browsers fail the preflight otherwise), such as 204 (the default) or 200",
        ));
    }
    let hosts = hosts::check_hosts(&policy.settings, problems);
    check_names(&policy.allow, problems);
    let mut blocks = Vec::with_capacity(policy.allow.len());
    let mut origins = Vec::with_capacity(policy.allow.len());
    for (index, block) in policy.allow.iter().enumerate() {
        if block.resource.len() > usize::from(u16::MAX) {
            problems.push(Problem::new(
                Location::Block { block: index },
                "an `allow` block holds at most 65535 resources; split it into several blocks",
            ));
        }
        let mut checked = CheckedBlock::default();
        let read = origins::read_origins(index, block, functions, &mut checked, problems);
        resources::read_resources(index, block, functions, &mut checked, problems);
        checked.tenants = tenants::check_tenant_key(index, block, problems);
        // A tenant's origins pass the same rules as they arrive (see `tenants::tenant_origin`).
        checked.origins_credentialable = read.could_all_be_credentialed(block.acknowledged);
        blocks.push(checked);
        origins.push(read);
    }
    let checked = CheckedPolicy {
        settings: policy.settings.clone(),
        hosts,
        blocks,
    };
    (checked, origins)
}

/// The second pass: what is unsafe or misleading as a whole (a policy with no block, public
/// suffixes, regex bypasses, options any site could use, credentials without `unsafe`, sockets,
/// shadowed rules). A `cors!` expansion skips it: the compiler ran it.
fn analyses(
    policy: &Policy,
    checked: &CheckedPolicy,
    origins: &[BlockOrigins],
    problems: &mut Vec<Problem>,
) {
    if policy.allow.is_empty() {
        problems.push(Problem::spelt(Location::Policy, |spelling| match spelling {
            Spelling::Macro => "a policy needs at least one `allow { origins ...; resource ...; }` block".to_owned(),
            Spelling::File => "a policy needs at least one `[[allow]]` table, with `origins` and an `[[allow.resource]]`".to_owned(),
        }));
    }
    for ((index, block), read) in policy.allow.iter().enumerate().zip(origins) {
        check_not_empty(index, block, problems);
        origins::check_patterns(index, read, problems);
        resources::check_rules(index, block, read, problems);
        credentials::check_credentials_acknowledged(index, block, read, problems);
    }
    sockets::check_public_sockets(&checked.blocks, problems);
    if problems.iter().all(Problem::release_only) {
        shadow::check_no_shadowed_rule(&checked.blocks, problems);
    }
}

/// Block names are for code to address a block by: each names one block.
fn check_names(blocks: &[AllowBlock], problems: &mut Vec<Problem>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (block, allow) in blocks.iter().enumerate() {
        let Some(name) = allow.name.as_deref() else {
            continue;
        };
        let location = Location::BlockName { block };
        if name.trim().is_empty() || name.trim() != name {
            problems.push(Problem::new(
                location,
                "a block's name is a word without surrounding spaces, such as \"tenants\"",
            ));
        } else if let Some(&first) = seen.get(name) {
            problems.push(
                Problem::new(
                    location,
                    format!("two blocks are named {name:?}; give each block its own name"),
                )
                .related(Location::BlockName { block: first }, "first named here"),
            );
        } else {
            seen.insert(name, block);
        }
    }
}

/// A block that allows nothing, or covers no path: a mistake, unless it is named (its origins
/// are replaced while serving, and revoking the last one must be possible).
fn check_not_empty(index: usize, block: &AllowBlock, problems: &mut Vec<Problem>) {
    if block.origins.is_empty() && block.name.is_none() {
        problems.push(Problem::spelt(Location::Block { block: index }, |spelling| {
            let (block, origins, named) = match spelling {
                Spelling::Macro => ("`allow` block", "`origins \"https://app.example.com\";`", "`allow \"tenants\" { ... }`"),
                Spelling::File => ("`[[allow]]` table", "`origins = [\"https://app.example.com\"]`", "`name = \"tenants\"`"),
            };
            format!("this {block} has no `origins`; add them, such as {origins}, or name the block ({named}) to fill its origins while serving")
        }));
    }
    if block.resource.is_empty() {
        problems.push(Problem::spelt(Location::Block { block: index }, |spelling| match spelling {
            Spelling::Macro => "this `allow` block has no `resource`; add one, such as `resource \"/api/*\";` or `resource \"*\";` for every path".to_owned(),
            Spelling::File => "this `[[allow]]` table has no `[[allow.resource]]`; add one, such as `path = \"/api/*\"`, or `path = \"*\"` for every path".to_owned(),
        }));
    }
}

impl Policy {
    /// Checks the policy with every rule the `cors!` macro applies at compile time, and returns
    /// every problem found. [`Live::new`](crate::Live::new) and the live updates check with it
    /// too; call it alone to validate a configuration file, in a test or a deployment step.
    ///
    /// ```
    /// use corsage::{AllowBlock, Functions, Origin, Policy, Resource};
    ///
    /// let policy = Policy {
    ///     allow: vec![AllowBlock {
    ///         origins: vec![Origin::from("https://*.github.io")],
    ///         resource: vec![Resource { path: "/api/*".into(), ..Resource::default() }],
    ///         ..AllowBlock::default()
    ///     }],
    ///     ..Policy::default()
    /// };
    /// let problems = policy.check(&Functions::new()).unwrap_err();
    /// assert!(problems.to_string().starts_with("allow[0].origins[0]: `github.io` is a public suffix"));
    /// ```
    pub fn check(&self, functions: &Functions) -> Result<(), Problems> {
        check(self, functions, Depth::Full).map(drop)
    }

    /// Every problem, those only a release build refuses included (see
    /// [`Problem::release_only`]): what the `cors!` macro reports, whatever the build.
    #[doc(hidden)]
    pub fn check_every_build(&self, functions: &Functions) -> Result<(), Problems> {
        let (_, problems) = check_every_build(self, functions, Depth::Full);
        match problems.is_empty() {
            true => Ok(()),
            false => Err(Problems::from_vec(problems)),
        }
    }
}
