//! The sets a policy's rules range over, as regular languages: the origins each block accepts
//! and the paths each resource covers, exactly as the decision matches them, so that cells of
//! their product are classes of requests every policy answers alike.

use crate::check::automaton::{Cell, Language, Undecided, cells};
use crate::check::checked::{CheckedBlock, CheckedPolicy};
use crate::check::shadow::path_regex;
use crate::syntax::{ORIGIN_HOST, ORIGIN_PORT, ORIGIN_SCHEME, serialized_origin_regex};

/// Every path the layer can see in a request: `/` and path characters, percent-escapes
/// included (RFC 3986's `path-absolute`, which `http::Uri` accepts).
const REQUEST_PATH: &str = r"/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*";

/// The languages of several policies' blocks (or resources), in order, and the cells of their
/// product; a block that accepts nothing has no language and is in no cell.
pub(crate) struct Partition {
    /// For each block, its index among the languages.
    pub slots: Vec<Option<usize>>,
    pub languages: Vec<Language>,
    /// Every string the languages are asked about.
    pub universe: Language,
    pub cells: Vec<Cell>,
}

impl Partition {
    /// Whether the strings of `cell` are in item `item`'s language.
    pub(crate) fn holds(&self, cell: &Cell, item: usize) -> bool {
        self.slots[item].is_some_and(|slot| cell.members[slot])
    }
}

/// The cells of every block's origins, over every origin the layer reads as one.
pub(crate) fn origin_partition(policies: &[&CheckedPolicy]) -> Result<Partition, Undecided> {
    let patterns = policies
        .iter()
        .flat_map(|policy| &policy.blocks)
        .map(origin_regex)
        .collect();
    let universe = Language::new(&serialized_origin_regex())?;
    partition(patterns, universe, &["https://", "http://", ""])
}

/// The cells of every resource's paths, over every path a request can have.
pub(crate) fn path_partition(policies: &[&CheckedPolicy]) -> Result<Partition, Undecided> {
    let patterns = policies
        .iter()
        .flat_map(|policy| &policy.blocks)
        .flat_map(|block| &block.resources)
        .map(|resource| Some(path_regex(&resource.path)))
        .collect();
    let universe = Language::new(REQUEST_PATH)?;
    partition(patterns, universe, &["/"])
}

fn partition(
    patterns: Vec<Option<String>>,
    universe: Language,
    starts: &[&str],
) -> Result<Partition, Undecided> {
    let mut slots = Vec::new();
    let mut languages = Vec::new();
    for pattern in patterns {
        slots.push(match pattern {
            Some(pattern) => {
                languages.push(Language::new(&pattern)?);
                Some(languages.len() - 1)
            }
            None => None,
        });
    }
    let cells = cells(&languages.iter().collect::<Vec<_>>(), &universe, starts)?;
    Ok(Partition {
        slots,
        languages,
        universe,
        cells,
    })
}

/// The origins a block accepts, as one regular expression; `None` when it accepts none. The
/// caller has refused blocks with function origins or tenants, which no expression holds.
fn origin_regex(block: &CheckedBlock) -> Option<String> {
    let mut parts = pattern_regexes(block);
    parts.extend(block.exact.iter().map(|origin| regex::escape(origin)));
    match parts.is_empty() {
        true => None,
        false => Some(format!("(?:{})", parts.join("|"))),
    }
}

/// One origin each of a block's patterns accepts (`*`, `null`, wildcards, port wildcards,
/// regexes), as a browser sends it: the exact origins are known already, and a cell's witness
/// stands for one pattern only.
pub(crate) fn pattern_witnesses(block: &CheckedBlock) -> Result<Vec<String>, Undecided> {
    let universe = Language::new(&serialized_origin_regex())?;
    let mut witnesses = Vec::new();
    for pattern in pattern_regexes(block) {
        let language = Language::new(&pattern)?;
        let found = cells(&[&language], &universe, &["https://", "http://", ""])?;
        witnesses.extend(
            found
                .into_iter()
                .filter(|cell| cell.members[0])
                .map(|cell| cell.witness),
        );
    }
    Ok(witnesses)
}

/// A regular expression for each of a block's origin patterns, its exact origins left out.
fn pattern_regexes(block: &CheckedBlock) -> Vec<String> {
    let scheme = |scheme: &Option<String>| match scheme {
        Some(scheme) => format!("{}://", regex::escape(scheme)),
        None => "https?://".to_owned(),
    };
    let mut parts: Vec<String> = Vec::new();
    if block.any_origin {
        parts.push(format!("{ORIGIN_SCHEME}{ORIGIN_HOST}{ORIGIN_PORT}"));
    }
    if block.null_origin {
        parts.push("null".to_owned());
    }
    parts.extend(block.subdomains.iter().map(|pattern| {
        format!(
            r"{}[a-z0-9_\-]+(?:\.[a-z0-9_\-]+)*{}",
            scheme(&pattern.scheme),
            regex::escape(&pattern.suffix)
        )
    }));
    parts.extend(block.any_port.iter().map(|pattern| {
        format!(
            "{}{}{ORIGIN_PORT}",
            scheme(&pattern.scheme),
            regex::escape(&pattern.host)
        )
    }));
    parts.extend(block.regexes.iter().map(|regex| regex.as_str().to_owned()));
    parts
}
