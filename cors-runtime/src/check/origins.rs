//! A block's origins: each in canonical form, none twice (the first pass), which of them
//! credentials would need `unsafe allow` for, and the patterns that accept strangers' sites
//! (the analyses).

use std::collections::{BTreeMap, BTreeSet};

use crate::check::checked::{CheckedBlock, PortWildcard, SubdomainPattern};
use crate::model::functions::Functions;
use crate::model::policy::{AllowBlock, Origin};
use crate::syntax::OriginPattern;

use super::{Location, Problem, public_suffix, regex_origin};

/// What the rest of the block's checks need to know about its origins.
#[derive(Default)]
pub(super) struct BlockOrigins {
    /// `"*"`, by position.
    pub star: Option<usize>,
    /// `"null"`, by position.
    pub null: Option<usize>,
    /// Origins that cannot be proved safe, by position, with why.
    pub unprovable: Vec<(usize, String)>,
    /// Plain-http private-network address literals, by position, with the host.
    pub private_network: Vec<(usize, String)>,
    /// Wildcard origins' parent domains, by position, for the public-suffix analysis.
    pub subdomains: Vec<(usize, String)>,
    /// Regex origins as the table matches them (anchored), by position, for the bypass analysis.
    pub regexes: Vec<(usize, String)>,
}

impl BlockOrigins {
    /// The origin through which any site may call, and how to name it: `"*"`, or `"null"`,
    /// which any site can send from a sandboxed iframe.
    pub(super) fn any_site(&self) -> Option<(usize, &'static str)> {
        self.star
            .map(|origin| (origin, "\"*\" (any origin)"))
            .or(self.null.map(|origin| {
                (
                    origin,
                    "\"null\" (which any site can send from a sandboxed iframe)",
                )
            }))
    }

    /// Whether every origin of the block could be granted credentials, as the credentials
    /// rules decide: none is `"*"` or `"null"`, and the others are provably safe or the block
    /// acknowledges them with `unsafe`. Such a block's origins may open sockets.
    pub(super) fn could_all_be_credentialed(&self, acknowledged: bool) -> bool {
        self.any_site().is_none()
            && (acknowledged || (self.unprovable.is_empty() && self.private_network.is_empty()))
    }
}

/// The first pass: each origin in canonical form into `checked`, and what the analyses need to
/// know about them.
pub(super) fn read_origins(
    block: usize,
    allow: &AllowBlock,
    functions: &Functions,
    checked: &mut CheckedBlock,
    problems: &mut Vec<Problem>,
) -> BlockOrigins {
    let mut summary = BlockOrigins::default();
    let mut seen: BTreeMap<&Origin, usize> = BTreeMap::new();
    // Bare hosts stand for two origins each, which an exact origin may repeat.
    let mut exact_seen: BTreeSet<String> = BTreeSet::new();
    for (position, origin) in allow.origins.iter().enumerate() {
        let location = Location::Origin {
            block,
            origin: position,
        };
        if let Some(&first) = seen.get(origin) {
            problems.push(
                Problem::new(
                    location,
                    "this origin is listed twice in this block; remove one",
                )
                .related(
                    Location::Origin {
                        block,
                        origin: first,
                    },
                    "first listed here",
                ),
            );
            continue;
        }
        seen.insert(origin, position);
        match origin {
            Origin::Pattern(text) => {
                let pattern = match OriginPattern::parse(text) {
                    Ok(pattern) => pattern,
                    Err(error) => {
                        problems.push(Problem::new(location, error.to_string()));
                        continue;
                    }
                };
                // Exact origins and port wildcards alike: acknowledged with `unsafe`, or
                // refused in release builds, when they carry credentials.
                if let Some(host) = pattern.private_network_host() {
                    summary.private_network.push((position, host));
                }
                match pattern {
                    OriginPattern::Any => {
                        checked.any_origin = true;
                        summary.star = Some(position);
                    }
                    OriginPattern::Null => {
                        checked.null_origin = true;
                        summary.null = Some(position);
                    }
                    OriginPattern::AnyPort { scheme, host } => {
                        checked.any_port.push(PortWildcard { scheme, host });
                    }
                    OriginPattern::Subdomains { scheme, suffix } => {
                        summary.subdomains.push((position, suffix.clone()));
                        summary.unprovable.push((
                            position,
                            format!("the wildcard origin {text:?}: any subdomain, and whoever controls one of them"),
                        ));
                        checked.subdomains.push(SubdomainPattern { scheme, suffix });
                    }
                    exact => {
                        if let Some(host) = exact.insecure_http_host() {
                            summary.unprovable.push((
                                position,
                                format!("{text:?}: plain http, which anyone on the network between the user and {host} can impersonate"),
                            ));
                        }
                        for origin in exact.exact_origins() {
                            if exact_seen.insert(origin.clone()) {
                                checked.exact.push(origin);
                            }
                        }
                    }
                }
            }
            Origin::Regex { regex } => {
                summary.unprovable.push((
                    position,
                    "a regex origin, whose matches cannot all be known in advance".to_owned(),
                ));
                let anchored = match anchored_regex(regex) {
                    Ok(anchored) => anchored,
                    Err(problem) => {
                        problems.push(Problem::new(location, problem));
                        continue;
                    }
                };
                summary
                    .regexes
                    .push((position, anchored.as_str().to_owned()));
                checked.regexes.push(anchored);
            }
            Origin::Function { function } => {
                summary.unprovable.push((
                    position,
                    "a function origin, decided at run time".to_owned(),
                ));
                match functions.find_origin(function) {
                    Some(predicate) => checked.predicates.push(predicate),
                    None => problems.push(Problem::new(
                        location,
                        format!(
                            "no origin function is registered as `{function}` ({}); register it with `Functions::origin` before loading the policy",
                            functions.origin_names()
                        ),
                    )),
                }
            }
        }
    }
    summary
}

/// The analyses of a block's patterns: a wildcard under a public suffix, a regex that accepts
/// sites its author did not mean (decided on its automaton).
pub(super) fn check_patterns(block: usize, origins: &BlockOrigins, problems: &mut Vec<Problem>) {
    let location = |origin| Location::Origin { block, origin };
    for (position, suffix) in &origins.subdomains {
        if let Some(problem) = public_suffix::check(suffix, "https://") {
            problems.push(Problem::new(location(*position), problem));
        }
    }
    for (position, anchored) in &origins.regexes {
        if let Some(problem) = regex_origin::problem(anchored) {
            problems.push(Problem::new(location(*position), problem));
        }
    }
}

/// A regex the whole string must match, compiled once, as the table will use it (the table takes
/// this one). Its syntax and meaning are checked on the pattern as written, so that an error
/// quotes what the author wrote, with the regex crate's own parser and translator (the regex
/// crate's errors are theirs).
pub(super) fn anchored_regex(pattern: &str) -> Result<regex::Regex, String> {
    let refused = |error: &dyn std::fmt::Display| {
        format!("this regular expression does not compile: {error}")
    };
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|error| refused(&error))?;
    regex_syntax::hir::translate::Translator::new()
        .translate(pattern, &ast)
        .map_err(|error| refused(&error))?;
    // Written out again from its syntax tree, which keeps no whitespace and no comments: a
    // verbose-mode `# comment` at the end would otherwise swallow the closing `)$`.
    let mut body = String::new();
    regex_syntax::ast::print::Printer::new()
        .print(&ast, &mut body)
        .map_err(|error| refused(&error))?;
    regex::Regex::new(&format!("^(?:{body})$")).map_err(|error| refused(&error))
}

#[cfg(test)]
mod tests {
    use super::anchored_regex;

    #[test]
    fn anchoring_survives_every_syntax() {
        for (pattern, matches, misses) in [
            (r"(?x) ^/api/ .* $ # the API", "/api/x", "/x/api/"),
            ("(?x)/a # one\n|/b # two", "/b", "/a # one"),
            (r"/a|/b", "/a", "/a/b"),
            (r"(?i)/API", "/api", "/apix"),
            (r"(?x)/a\ b", "/a b", "/ab"),
        ] {
            let built = anchored_regex(pattern).unwrap();
            assert!(built.is_match(matches), "{pattern} → {built}");
            assert!(!built.is_match(misses), "{pattern} → {built}");
        }
    }
}
