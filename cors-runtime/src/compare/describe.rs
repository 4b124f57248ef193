//! A change's origins and paths in words: the origins of a cell listed when a block that holds
//! them lists them, described by the deciding block's patterns otherwise; a path by the pattern
//! of the resource that decided.

use http::Request;

use crate::check::automaton::{Cell, Language, cell_strings};
use crate::compare::languages::Partition;
use crate::compare::pair::Pair;
use crate::model::head::RequestHead;
use crate::model::policy::Origin;

/// The most origins a description lists.
const LISTED: usize = 8;

const POLICY_NAMES: [&str; 2] = ["old", "new"];

/// The origins of `cell`, in words: listed when there are a few, else described by the
/// patterns of the block of policy `deciding` (0 old, 1 new) that accepts them.
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
    // A finite cell is listed, as the product of the automata enumerates it.
    let languages: Vec<&Language> = origins.languages.iter().collect();
    if let Ok(Some((members, complete))) =
        cell_strings(&languages, &origins.universe, &cell.members, LISTED)
    {
        return match complete {
            true => members.join(", "),
            false => format!("{}, ... (more than {LISTED} origins)", members.join(", ")),
        };
    }
    let holding = blocks(deciding).find(|&(_, _, item)| origins.holds(cell, item));
    match holding {
        Some((policy, b, _)) => {
            let block = &pair.models[policy].allow[b];
            let written: Vec<String> = block.origins.iter().map(Origin::to_string).collect();
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

/// The path pattern of the resource that decided `request` under policy `deciding` (or, when
/// none did, under the other policy), as written; the request's own path when neither did.
pub(crate) fn rule_path(pair: &Pair, deciding: usize, request: &Request<()>) -> String {
    let head = RequestHead::from(request);
    let written = [deciding, 1 - deciding].into_iter().find_map(|policy| {
        let rule = pair.compiled[policy].decide(&head).reason().rule()?;
        let resource = &pair.models[policy].allow[rule.block].resource[rule.resource];
        Some(resource.path.to_string())
    });
    written.unwrap_or_else(|| request.uri().path().to_owned())
}
