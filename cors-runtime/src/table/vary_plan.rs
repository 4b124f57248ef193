//! Which request headers each answer varies by, decided once from the checked policy: "Vary
//! names every request header the decision read", and `Origin` only where the answer can differ
//! by origin.

use http::HeaderValue;

use crate::check::checked::{CheckedPolicy, PathRule};
use crate::table::{Vary, VaryByAnswer, boxed};

/// Per block, per resource, the `Vary` of each of its answers. `value` makes a header value of
/// text the checker let through.
pub(crate) fn vary_by_answer(
    checked: &CheckedPolicy,
    value: impl Fn(&str) -> HeaderValue,
) -> Vec<Vec<VaryByAnswer>> {
    let mut consulted: Vec<String> = Vec::new();
    let mut before: Vec<Vec<Vec<String>>> = Vec::new();
    for block in &checked.blocks {
        // A function origin reads the request before any resource of its block.
        if !block.predicates.is_empty() {
            for resource in &block.resources {
                add_names(&mut consulted, &resource.vary);
            }
        }
        let mut in_block = Vec::new();
        for resource in &block.resources {
            if resource.condition.is_some() {
                add_names(&mut consulted, &resource.vary);
            }
            in_block.push(consulted.clone());
        }
        before.push(in_block);
    }
    let vary = |origin: bool, own: &[String], consulted: &[String]| {
        let mut names: Vec<String> = origin.then(|| "origin".to_owned()).into_iter().collect();
        add_names(&mut names, own);
        add_names(&mut names, consulted);
        let written: Vec<&str> = names
            .iter()
            .map(|name| if name == "origin" { "Origin" } else { name })
            .collect();
        Vary {
            value: (!names.is_empty()).then(|| value(&written.join(", "))),
            names: boxed(&names),
        }
    };
    checked
        .blocks
        .iter()
        .enumerate()
        .map(|(block_index, block)| {
            block
                .resources
                .iter()
                .enumerate()
                .map(|(resource_index, resource)| {
                    let before = &before[block_index][resource_index];
                    let alike = answers_every_origin_alike(checked, block_index, resource_index);
                    VaryByAnswer {
                        no_origin: vary(true, &resource.vary, &[]),
                        allowed: vary(!alike, &resource.vary, before),
                        refused: vary(true, &resource.vary, &consulted),
                    }
                })
                .collect()
        })
        .collect()
}

/// Whether every request this resource allows gets the same answer whatever its origin: its
/// block allows `"*"`, nothing in it depends on the request (no credentials, no `if:`, no
/// function origin), and no earlier rule can take any of its paths (an earlier resource of
/// another block, or an earlier one with `if:` in its own, whose path may overlap). Such an
/// answer needs no `Vary: Origin`, and shared caches keep one copy. Claimed only when proved:
/// a path that may overlap is taken to.
fn answers_every_origin_alike(checked: &CheckedPolicy, block: usize, resource: usize) -> bool {
    let this_block = &checked.blocks[block];
    let this = &this_block.resources[resource];
    if !this_block.any_origin
        || !this_block.predicates.is_empty()
        || this.credentials
        || this.condition.is_some()
    {
        return false;
    }
    let earlier_blocks = checked.blocks[..block]
        .iter()
        .flat_map(|block| &block.resources);
    let earlier_conditions = this_block.resources[..resource]
        .iter()
        .filter(|earlier| earlier.condition.is_some());
    !earlier_blocks
        .chain(earlier_conditions)
        .any(|earlier| may_overlap(&earlier.path, &this.path))
}

fn may_overlap(a: &PathRule, b: &PathRule) -> bool {
    match (a, b) {
        (PathRule::Syntax(a), PathRule::Syntax(b)) => a.may_overlap(b),
        _ => true,
    }
}

fn add_names(names: &mut Vec<String>, more: &[String]) {
    for name in more {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Depth, check};
    use crate::model::functions::Functions;
    use crate::model::policy::{AllowBlock, Policy, Resource};

    fn alike(blocks: &[(&str, &[&str])]) -> Vec<Vec<bool>> {
        let policy = Policy {
            allow: blocks
                .iter()
                .map(|(origin, paths)| AllowBlock {
                    origins: vec![(*origin).into()],
                    resource: paths
                        .iter()
                        .map(|path| Resource {
                            path: (*path).into(),
                            ..Resource::default()
                        })
                        .collect(),
                    ..AllowBlock::default()
                })
                .collect(),
            ..Policy::default()
        };
        let checked = check(&policy, &Functions::new(), Depth::CheckedAtCompileTime).unwrap();
        (0..blocks.len())
            .map(|b| {
                (0..blocks[b].1.len())
                    .map(|r| answers_every_origin_alike(&checked, b, r))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_star_resource_no_earlier_rule_can_take_answers_alike() {
        assert_eq!(
            alike(&[
                ("https://a.example", &["/file/*", "/users/:id"]),
                ("*", &["/public/*", "/users/me", "/file", "/other/:x"]),
            ]),
            [vec![false, false], vec![true, false, false, true]]
        );
        // Anything before that may cover every path.
        assert_eq!(
            alike(&[("https://a.example", &["*"]), ("*", &["/public/*"])]),
            [vec![false], vec![false]]
        );
    }
}
