//! Rules that can never be selected, or that an earlier rule silently overrides: first match
//! wins, so a resource is dead when an earlier one without an `if:` accepts every origin and
//! every path it does, and it loses part of its paths when an earlier rule in another block
//! accepts all of its origins and some of its paths with other credentials or methods. Only
//! certain coverage is reported: regex and function origins, and regex paths, are never
//! assumed covered.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::check::checked::{CheckedBlock, PathRule};
use crate::syntax::path::PathSyntax;

use super::automaton::{Language, Term, shortest_witness};
use super::{Location, Problem};

pub(super) fn check_no_shadowed_rule(blocks: &[CheckedBlock], problems: &mut Vec<Problem>) {
    let rules: Vec<(usize, usize)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| (0..block.resources.len()).map(move |r| (b, r)))
        .collect();
    // Whether one block's origins cover another's depends only on the two blocks: decided once
    // per pair, not once per pair of rules. Each path's automaton is built once, on first need.
    let mut covers = OriginCoverage::new(blocks);
    let automata: Vec<OnceCell<Option<PathAutomaton>>> =
        rules.iter().map(|_| OnceCell::new()).collect();
    let paths = Paths {
        rules: &rules,
        blocks,
        automata: &automata,
    };
    for (later, &(b2, r2)) in rules.iter().enumerate() {
        let found =
            (0..later).find_map(|earlier| shadowing(blocks, &mut covers, &paths, (earlier, later)));
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

/// Why the rule numbered `earlier_rule` takes requests from the one numbered `later_rule`, if
/// it does.
fn shadowing(
    blocks: &[CheckedBlock],
    covers: &mut OriginCoverage,
    paths: &Paths<'_>,
    (earlier_rule, later_rule): (usize, usize),
) -> Option<(String, (usize, usize))> {
    let ((b1, r1), (b2, r2)) = (paths.rules[earlier_rule], paths.rules[later_rule]);
    let (first, second) = (&blocks[b1].resources[r1], &blocks[b2].resources[r2]);
    // Only a rule without `if:` that accepts every origin of the later one can take its
    // requests away; a block with no origins (a named one, emptied while serving) has none.
    if blocks[b2].allows_no_origin()
        || first.condition.is_some()
        || !(b1 == b2 || covers.get(blocks, b1, b2))
    {
        return None;
    }
    let earlier = &first.pattern;
    if paths.covers(earlier_rule, later_rule) {
        return Some((
            format!(
                "this resource can never be selected: the earlier {earlier:?} (block {b1}, resource {r1}) accepts all of its origins and paths, and the first match wins; move it before that one, or remove it"
            ),
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
    if b1 == b2 || !paths.covers(later_rule, earlier_rule) {
        return None;
    }
    Some((
        format!(
            "for every origin of this block, requests to {earlier:?} get the answer of the earlier resource (block {b1}, resource {r1}), whose {conflict} differ from this one's, as the first match wins; move this block before that one, or make their {conflict} agree"
        ),
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

/// Every rule's path, by the rule's number, with its automaton built on first need.
struct Paths<'a> {
    rules: &'a [(usize, usize)],
    blocks: &'a [CheckedBlock],
    automata: &'a [OnceCell<Option<PathAutomaton>>],
}

/// A path's language, and the bytes every path it matches starts and ends with: two paths
/// whose prefixes or suffixes part ways share no path, which settles most pairs without a
/// search.
struct PathAutomaton {
    language: Language,
    prefix: Vec<u8>,
    /// Read backwards.
    suffix: Vec<u8>,
}

impl Paths<'_> {
    fn rule(&self, number: usize) -> &PathRule {
        let (block, resource) = self.rules[number];
        &self.blocks[block].resources[resource].path
    }

    fn automaton(&self, number: usize) -> Option<&PathAutomaton> {
        self.automata[number]
            .get_or_init(|| {
                let regex = path_regex(self.rule(number));
                let language = Language::new(&regex).ok()?;
                let prefix = language.forced_prefix();
                let suffix = Language::reversed(&regex).ok()?.forced_prefix();
                Some(PathAutomaton {
                    language,
                    prefix,
                    suffix,
                })
            })
            .as_ref()
    }

    /// Whether every path the rule numbered `inner` matches, the rule numbered `outer` matches
    /// too: read off the segments when both are made of them, otherwise decided on their
    /// automata (not proved, not covered).
    fn covers(&self, outer: usize, inner: usize) -> bool {
        let (first, second) = (self.rule(outer), self.rule(inner));
        if let (Some(first), Some(second)) = (segments(first), segments(second)) {
            return segments_cover(first, second);
        }
        let (Some(outer), Some(inner)) = (self.automaton(outer), self.automaton(inner)) else {
            return false;
        };
        // Every rule's path matches some path (checked before), so paths that share none
        // cannot cover one another.
        let part_ways = |a: &[u8], b: &[u8]| !(a.starts_with(b) || b.starts_with(a));
        if part_ways(&outer.prefix, &inner.prefix) || part_ways(&outer.suffix, &inner.suffix) {
            return false;
        }
        let escape = shortest_witness(&[
            Term {
                language: &inner.language,
                prefix: "",
                member: true,
            },
            Term {
                language: &outer.language,
                prefix: "",
                member: false,
            },
        ]);
        matches!(escape, Ok(None))
    }
}

/// Whether every path `second` matches, `first` matches too, both made of whole segments.
fn segments_cover(first: &PathSyntax, second: &PathSyntax) -> bool {
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

pub(crate) fn path_regex(rule: &PathRule) -> String {
    match rule {
        PathRule::Syntax(syntax) => syntax.to_regex(),
        PathRule::Regex(regex) => regex.as_str().to_owned(),
    }
}

/// The syntax of a rule made of whole segments (or `*`), which coverage is read off directly.
fn segments(rule: &PathRule) -> Option<&PathSyntax> {
    match rule {
        PathRule::Syntax(syntax @ (PathSyntax::Any | PathSyntax::Segments { .. })) => Some(syntax),
        _ => None,
    }
}
