//! Rules that can never be selected, or that an earlier rule silently overrides: first match
//! wins, so a resource is dead when an earlier one without an `if:` accepts every origin and
//! every path it does, and it loses part of its paths when an earlier rule in another block
//! accepts all of its origins and some of its paths with other credentials or methods. Only
//! certain coverage is reported: regex and function origins, and regex paths, are never
//! assumed covered.

use std::collections::{HashMap, HashSet};

use crate::checked::{CheckedBlock, PathRule};
use crate::path::PathSyntax;

use super::automaton::{shortest_witness, Language, Term};
use super::{Location, Problem};

pub(super) fn check_no_shadowed_rule(blocks: &[CheckedBlock], problems: &mut Vec<Problem>) {
    let rules: Vec<(usize, usize)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| (0..block.resources.len()).map(move |r| (b, r)))
        .collect();
    // Whether one block's origins cover another's depends only on the two blocks: decided once
    // per pair, not once per pair of rules.
    let mut covers = OriginCoverage::new(blocks);
    for (later, &(b2, r2)) in rules.iter().enumerate() {
        let found = rules[..later]
            .iter()
            .find_map(|&(b1, r1)| shadowing(blocks, &mut covers, (b1, r1), (b2, r2)));
        if let Some((problem, (b1, r1))) = found {
            let here = Location::Resource {
                block: b2,
                resource: r2,
            };
            let earlier = Location::Resource {
                block: b1,
                resource: r1,
            };
            problems.push(Problem::new(here, problem).related(earlier, "the earlier resource"));
        }
    }
}

/// Why the rule `first` takes requests from the later rule `second`, if it does.
fn shadowing(
    blocks: &[CheckedBlock],
    covers: &mut OriginCoverage,
    (b1, r1): (usize, usize),
    (b2, r2): (usize, usize),
) -> Option<(String, (usize, usize))> {
    let (first, second) = (&blocks[b1].resources[r1], &blocks[b2].resources[r2]);
    // Only a rule without `if:` that accepts every origin of the later one can take its
    // requests away.
    if first.condition.is_some() || !(b1 == b2 || covers.get(blocks, b1, b2)) {
        return None;
    }
    let earlier = &first.pattern;
    if path_covers(&first.path, &second.path) {
        return Some((
            format!("this resource can never be selected: the earlier {earlier:?} (block {b1}, resource {r1}) accepts all of its origins and paths, and the first match wins; move it before that one, or remove it"),
            (b1, r1),
        ));
    }
    let conflict = if first.credentials != second.credentials {
        "credentials"
    } else if first.methods != second.methods {
        "methods"
    } else {
        return None;
    };
    if b1 == b2 || !path_covers(&second.path, &first.path) {
        return None;
    }
    Some((
        format!("for every origin of this block, requests to {earlier:?} get the answer of the earlier resource (block {b1}, resource {r1}), whose {conflict} differ from this one's, as the first match wins; move this block before that one, or make their {conflict} agree"),
        (b1, r1),
    ))
}

/// Whether the origins of one block cover another's, decided on first need, with each block's
/// exact origins in a set.
struct OriginCoverage {
    decided: HashMap<(usize, usize), bool>,
    exact: Vec<Option<HashSet<String>>>,
}

impl OriginCoverage {
    fn new(blocks: &[CheckedBlock]) -> OriginCoverage {
        OriginCoverage {
            decided: HashMap::new(),
            exact: blocks.iter().map(|_| None).collect(),
        }
    }

    fn get(&mut self, blocks: &[CheckedBlock], first: usize, second: usize) -> bool {
        if let Some(&covered) = self.decided.get(&(first, second)) {
            return covered;
        }
        let exact =
            self.exact[first].get_or_insert_with(|| blocks[first].exact.iter().cloned().collect());
        let covered = origins_cover(&blocks[first], exact, &blocks[second]);
        self.decided.insert((first, second), covered);
        covered
    }
}

/// Whether every origin `second` accepts, `first` (whose exact origins are `first_exact`)
/// accepts too.
fn origins_cover(
    first: &CheckedBlock,
    first_exact: &HashSet<String>,
    second: &CheckedBlock,
) -> bool {
    if !second.regexes.is_empty() || !second.predicates.is_empty() {
        return false;
    }
    if second.null_origin && !first.null_origin {
        return false;
    }
    if first.any_origin {
        return true;
    }
    if second.any_origin {
        return false;
    }
    let exact_covered = second.exact.iter().all(|origin| {
        first_exact.contains(origin)
            || first
                .subdomains
                .iter()
                .any(|pattern| pattern.matches_serialized(origin))
            || first
                .any_port
                .iter()
                .any(|pattern| pattern.matches_serialized(origin))
    });
    let any_port_covered = second
        .any_port
        .iter()
        .all(|pattern| first.any_port.contains(pattern));
    let subdomains_covered = second
        .subdomains
        .iter()
        .all(|pattern| first.subdomains.contains(pattern));
    exact_covered && subdomains_covered && any_port_covered
}

/// Whether every path `second` matches, `first` matches too: read off the segments when both
/// are made of them, otherwise decided on their automata (not proved, not covered).
fn path_covers(first: &PathRule, second: &PathRule) -> bool {
    let (Some(first), Some(second)) = (segments(first), segments(second)) else {
        return automata_cover(first, second);
    };
    match (first, second) {
        (PathSyntax::Any, _) => true,
        (_, PathSyntax::Any) => false,
        (
            PathSyntax::Segments {
                segments: outer,
                tail: outer_tail,
            },
            PathSyntax::Segments {
                segments: inner,
                tail: inner_tail,
            },
        ) => {
            let fits = if *outer_tail {
                inner.len() >= outer.len()
            } else {
                !inner_tail && inner.len() == outer.len()
            };
            fits && outer
                .iter()
                .zip(inner)
                .all(|(outer, inner)| match (outer, inner) {
                    // `:param` takes any non-empty segment.
                    (None, None) => true,
                    (None, Some(literal)) => !literal.is_empty(),
                    (Some(_), None) => false,
                    (Some(a), Some(b)) => a == b,
                })
        }
        (a, b) => a == b,
    }
}

fn path_regex(rule: &PathRule) -> String {
    match rule {
        PathRule::Syntax(syntax) => syntax.to_regex(),
        PathRule::Regex(regex) => regex.clone(),
    }
}

/// Whether no path `second` matches escapes `first`, decided on the automata of both.
fn automata_cover(first: &PathRule, second: &PathRule) -> bool {
    let (Ok(outer), Ok(inner)) = (
        Language::new(&path_regex(first)),
        Language::new(&path_regex(second)),
    ) else {
        return false;
    };
    let escape = shortest_witness(&[
        Term {
            language: &inner,
            prefix: "",
            member: true,
        },
        Term {
            language: &outer,
            prefix: "",
            member: false,
        },
    ]);
    matches!(escape, Ok(None))
}

/// The syntax of a rule made of whole segments (or `*`), which coverage is read off directly.
fn segments(rule: &PathRule) -> Option<&PathSyntax> {
    match rule {
        PathRule::Syntax(syntax @ (PathSyntax::Any | PathSyntax::Segments { .. })) => Some(syntax),
        _ => None,
    }
}
