//! A change's origins and paths in words: the origins of a cell listed when a block that holds
//! them lists them, described by the deciding block's patterns otherwise; a path by the pattern
//! of the resource that decided.

use http::Request;

use crate::check::automaton::Cell;
use crate::compare::diff::Pair;
use crate::compare::languages::Partition;
use crate::model::head::RequestHead;
use crate::model::policy::{Origin, Path};

/// The most origins a description lists.
const LISTED: usize = 8;

const POLICY_NAMES: [&str; 2] = ["old", "new"];

/// The origins of `cell`, in words, as policy `deciding` (0 old, 1 new) accepts them.
pub(crate) fn origins_of_cell(
    pair: &Pair,
    origins: &Partition,
    cell: &Cell,
    deciding: usize,
) -> String {
    let old_blocks = pair.models[0].allow.len();
    let blocks = |policy: usize| {
        let first = if policy == 0 { 0 } else { old_blocks };
        (0..pair.models[policy].allow.len()).map(move |b| (policy, b, first + b))
    };
    let all = || blocks(0).chain(blocks(1));
    // A cell inside a block of exact origins is finite: those of its origins in the cell.
    let finite = all().find(|&(policy, b, item)| {
        origins.holds(cell, item) && is_finite(&pair.models[policy].allow[b].origins)
    });
    if let Some((policy, b, _)) = finite {
        let members: Vec<String> = pair.checked[policy].blocks[b]
            .exact
            .iter()
            .cloned()
            .chain(
                pair.checked[policy].blocks[b]
                    .null_origin
                    .then(|| "null".to_owned()),
            )
            .filter(|origin| in_cell(origins, cell, origin))
            .collect();
        return match members.len() {
            n if n <= LISTED => members.join(", "),
            n => format!("{n} origins ({}, ...)", members[..3].join(", ")),
        };
    }
    let holding = blocks(deciding).find(|&(_, _, item)| origins.holds(cell, item));
    match holding {
        Some((policy, b, _)) => {
            let block = &pair.models[policy].allow[b];
            let written: Vec<String> = block.origins.iter().map(written_origin).collect();
            let name = block
                .name
                .as_ref()
                .map(|name| format!(" {name:?}"))
                .unwrap_or_default();
            format!(
                "origins of {}'s block {b}{name} [{}] (such as {})",
                POLICY_NAMES[policy],
                written.join(", "),
                cell.witness
            )
        }
        None => format!("origins no block accepts (such as {})", cell.witness),
    }
}

/// Whether the cell's members (in and out of each language) are those of `origin`.
fn in_cell(origins: &Partition, cell: &Cell, origin: &str) -> bool {
    origins
        .languages
        .iter()
        .zip(&cell.members)
        .all(|(language, &member)| language.holds(origin) == member)
}

/// Whether a block's origins are a list (exact origins and `null`), not patterns.
fn is_finite(origins: &[Origin]) -> bool {
    origins.iter().all(|origin| match origin {
        Origin::Pattern(text) => !text.contains('*'),
        Origin::Regex { .. } | Origin::Function { .. } => false,
    })
}

fn written_origin(origin: &Origin) -> String {
    match origin {
        Origin::Pattern(text) => text.clone(),
        Origin::Regex { regex } => format!("regex({regex:?})"),
        Origin::Function { function } => format!("function {function}"),
    }
}

/// The path pattern of the resource that decided `request` under policy `deciding` (or, when
/// none did, under the other policy), as written.
pub(crate) fn rule_path(pair: &Pair, deciding: usize, request: &Request<()>) -> Option<String> {
    let head = RequestHead::from(request);
    [deciding, 1 - deciding].into_iter().find_map(|policy| {
        let rule = pair.compiled[policy].decide(&head).reason().rule()?;
        let path = &pair.models[policy].allow[rule.block].resource[rule.resource].path;
        Some(match path {
            Path::Pattern(pattern) => pattern.clone(),
            Path::Regex { regex } => format!("regex({regex:?})"),
        })
    })
}
