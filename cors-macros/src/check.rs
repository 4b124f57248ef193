//! Checking: the policy model through the runtime's one checker, with each problem it reports
//! turned into a compile error at the token it concerns.

use cors_runtime::{Functions, Location, RequestHead};
use proc_macro2::Span;
use syn::Error;

use crate::lower::{FunctionKind, Lowered, Spans};

/// A problem only a release build refuses: the expansion reports it under
/// `#[cfg(not(debug_assertions))]`, so that debug builds compile.
pub struct ReleaseOnly {
    pub span: Span,
    pub message: String,
}

/// Runs every check; all problems at once. What only a release build refuses comes back to be
/// expanded, when nothing else is wrong.
pub fn check(lowered: &Lowered) -> Result<Vec<ReleaseOnly>, Error> {
    let problems = match lowered.policy.check_every_build(&names_only(lowered)) {
        Ok(()) => return Ok(Vec::new()),
        Err(problems) => problems,
    };
    if problems.iter().all(|problem| problem.release_only()) {
        return Ok(problems
            .iter()
            .map(|problem| ReleaseOnly {
                span: span(&lowered.spans, problem.location()),
                message: problem.message_in_macro().to_owned(),
            })
            .collect());
    }
    let mut all: Option<Error> = None;
    for problem in problems.iter().filter(|problem| !problem.release_only()) {
        let mut error = Error::new(
            span(&lowered.spans, problem.location()),
            problem.message_in_macro(),
        );
        if let Some((location, what)) = problem.related_location() {
            error.combine(Error::new(span(&lowered.spans, location), what));
        }
        match &mut all {
            Some(all) => all.combine(error),
            None => all = Some(error),
        }
    }
    Err(all.expect("a check that fails reports a problem"))
}

/// The checker looks the policy's functions up by name. Their code runs only in the program, so
/// here each name stands for a function that is never called.
fn names_only(lowered: &Lowered) -> Functions {
    fn never_origin(_: &str, _: &RequestHead<'_>) -> bool {
        false
    }
    fn never_condition(_: &RequestHead<'_>) -> bool {
        false
    }
    lowered
        .functions
        .iter()
        .fold(Functions::new(), |functions, function| {
            match function.kind {
                FunctionKind::Origin => functions.origin(function.name.clone(), never_origin),
                FunctionKind::Condition => {
                    functions.condition(function.name.clone(), never_condition)
                }
            }
        })
}

/// The token a location in the model was written at.
fn span(spans: &Spans, location: Location) -> Span {
    let block = |block: usize| &spans.blocks[block];
    match location {
        Location::Policy => spans.policy,
        Location::Setting(name) => spans.settings.get(&name).copied().unwrap_or(spans.policy),
        Location::SettingItem { setting, item } => spans
            .setting_items
            .get(&setting)
            .and_then(|items| items.get(item).copied())
            .or_else(|| spans.settings.get(&setting).copied())
            .unwrap_or(spans.policy),
        Location::Block { block: b } | Location::Origins { block: b } => block(b).allow,
        Location::BlockName { block: b } => block(b).name.unwrap_or(block(b).allow),
        Location::Tenants { block: b } => block(b).tenants.unwrap_or(block(b).allow),
        Location::Unsafe { block: b } => block(b).unsafe_keyword.unwrap_or(block(b).allow),
        Location::Origin { block: b, origin } => block(b).origins[origin],
        Location::Resource { block: b, resource } => block(b).resources[resource].path,
        Location::Option {
            block: b,
            resource,
            option,
        } => {
            let resource = &block(b).resources[resource];
            resource
                .options
                .get(&option)
                .copied()
                .unwrap_or(resource.path)
        }
        Location::Item {
            block: b,
            resource,
            option,
            item,
        } => {
            let resource = &block(b).resources[resource];
            let items = resource.items.get(&option);
            items
                .and_then(|items| items.get(item).copied())
                .unwrap_or(resource.path)
        }
        // `Location` may grow (it is `#[non_exhaustive]`): a place this macro does not know
        // yet is reported on the whole policy, never lost.
        _ => spans.policy,
    }
}
