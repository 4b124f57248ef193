//! A block's resources: each option in canonical form (the first pass), and no option that any
//! site could use or that does nothing, no resource an earlier one in the same block always takes
//! first (the analyses).

use crate::check::checked::{CheckedBlock, CheckedResource, PathRule};
use crate::model::functions::Functions;
use crate::model::names::OptionName;
use crate::model::policy::{AllowBlock, Names, Path, Resource};
use crate::syntax::path::PathSyntax;
use crate::syntax::{DEFAULT_MAX_AGE, MAX_MAX_AGE};

use super::automaton::{Language, Term, shortest_witness};
use super::names::{check_header_names, check_methods};
use super::origins::{BlockOrigins, anchored_regex};
use super::problem::Place;
use super::{Location, Problem, credentials};

/// The first pass: each resource in canonical form into `checked` (one with a problem is left
/// out, its problems reported).
pub(super) fn read_resources(
    block: usize,
    allow: &AllowBlock,
    functions: &Functions,
    checked: &mut CheckedBlock,
    problems: &mut Vec<Problem>,
) {
    for (index, resource) in allow.resource.iter().enumerate() {
        let at = Place {
            block,
            resource: index,
        };
        if let Some(resource) = check_resource(at, resource, functions, problems) {
            checked.resources.push(resource);
        }
    }
}

/// The analyses of a block's resources against its origins and each other: options that any
/// site could use or that do nothing, and a resource an earlier one always takes first.
pub(super) fn check_rules(
    block: usize,
    allow: &AllowBlock,
    origins: &BlockOrigins,
    problems: &mut Vec<Problem>,
) {
    let mut earlier: Vec<(usize, &Path)> = Vec::new();
    for (index, resource) in allow.resource.iter().enumerate() {
        let at = Place {
            block,
            resource: index,
        };
        credentials::check_any_site(block, index, resource, origins, problems);
        let repeated = earlier.iter().find(|(first, path)| {
            *path == &resource.path && allow.resource[*first].condition.is_none()
        });
        if let (true, Some((origin, name))) = (resource.private_network, origins.any_site()) {
            problems.push(
                Problem::spelt(
                    at.option(OptionName::PrivateNetwork),
                    |spelling| format!("{} cannot be used in a block that allows {name}: every site on the internet could reach the user's local network; move the origins that need it to a block of their own", spelling.option(OptionName::PrivateNetwork, "true")),
                )
                .related(Location::Origin { block, origin }, "allowed here"),
            );
        }
        if resource.public_socket && resource.credentials {
            problems.push(Problem::spelt(at.option(OptionName::PublicSocket), |spelling| {
                format!(
                    "{} with {}: a socket is either public or the user's; split the paths, or remove one",
                    spelling.option(OptionName::PublicSocket, "true"),
                    spelling.option(OptionName::Credentials, "true"),
                )
            }));
        }
        let refuses_nothing = resource.refuse_others && resource.condition.is_none();
        if let (true, Some(origin)) = (refuses_nothing, origins.star) {
            problems.push(
                Problem::spelt(
                    at.option(OptionName::RefuseOthers),
                    |spelling| format!("{} does nothing in a block that allows \"*\": every origin is allowed on this path, none refused; remove it, or move the resource to a block that lists its origins", spelling.option(OptionName::RefuseOthers, "true")),
                )
                .related(Location::Origin { block, origin }, "allowed here"),
            );
        }
        if let Some(&(first, _)) = repeated {
            problems.push(
                Problem::new(
                    at.path(),
                    "this resource repeats an earlier one in this block, which always matches first, so it can never be selected; merge their options into the first",
                )
                .related(Place { block, resource: first }.path(), "the earlier resource"),
            );
        }
        earlier.push((index, &resource.path));
    }
}

/// The checked resource, or `None` when it has problems (all of which are reported).
fn check_resource(
    at: Place,
    resource: &Resource,
    functions: &Functions,
    problems: &mut Vec<Problem>,
) -> Option<CheckedResource> {
    let before = problems.len();
    let (pattern, path) = match &resource.path {
        Path::Pattern(pattern) => match check_path_syntax(pattern) {
            Ok(syntax) => (pattern.clone(), PathRule::Syntax(syntax)),
            Err(problem) => {
                problems.push(Problem::new(at.path(), problem));
                (pattern.clone(), PathRule::Syntax(PathSyntax::Any))
            }
        },
        Path::Regex { regex } => match anchored_regex(regex) {
            Ok(anchored) => {
                if !matches_some_path(anchored.as_str()) {
                    problems.push(Problem::new(at.path(), "this regex matches no request path (a path starts with `/`, as in r\"^/api/.*$\"), so the resource can never be selected"));
                }
                (regex.clone(), PathRule::Regex(anchored))
            }
            Err(problem) => {
                problems.push(Problem::new(at.path(), problem));
                (regex.clone(), PathRule::Syntax(PathSyntax::Any))
            }
        },
    };
    let methods = match &resource.methods {
        None => vec!["GET".to_owned()],
        Some(names) => check_methods(at, names, problems),
    };
    let headers = match &resource.headers {
        None => Some(Vec::new()),
        Some(names) => check_header_names(at, names, OptionName::Headers, problems),
    };
    let expose = resource.expose.as_ref().map(|names| {
        match check_header_names(at, names, OptionName::Expose, problems) {
            None => "*".to_owned(),
            Some(names) => names.join(", "),
        }
    });
    let exposes_star = expose
        .as_deref()
        .is_some_and(|list| list.split(", ").any(|name| name == "*"));
    if resource.credentials && exposes_star {
        problems.push(credentials::expose_any(at.option(OptionName::Expose)));
    }
    let vary = match &resource.vary {
        None => Vec::new(),
        Some(Names::Any) => {
            problems.push(Problem::new(
                at.option(OptionName::Vary),
                "`vary` lists header names; `Vary: *` would make every response uncacheable",
            ));
            Vec::new()
        }
        Some(names) => {
            check_header_names(at, names, OptionName::Vary, problems).unwrap_or_default()
        }
    };
    let max_age = match resource.max_age {
        None => DEFAULT_MAX_AGE,
        Some(seconds) => match u32::try_from(seconds) {
            Ok(seconds) if seconds <= MAX_MAX_AGE => seconds,
            _ => {
                problems.push(Problem::new(at.option(OptionName::MaxAge), format!("`max_age` is a number of seconds from 0 to {MAX_MAX_AGE} (browsers cap it there: Chromium at 7200); write {MAX_MAX_AGE} or less")));
                DEFAULT_MAX_AGE
            }
        },
    };
    let condition = match &resource.condition {
        None => None,
        Some(name) => {
            let found = functions.find_condition(name);
            if found.is_none() {
                problems.push(Problem::new(
                    at.option(OptionName::If),
                    format!(
                        "no condition is registered as `{name}` ({}); register it with `Functions::condition` before loading the policy",
                        functions.condition_names()
                    ),
                ));
            }
            found
        }
    };
    (problems.len() == before).then_some(CheckedResource {
        pattern,
        path,
        methods,
        headers,
        expose,
        max_age,
        credentials: resource.credentials,
        condition,
        vary,
        private_network: resource.private_network,
        refuse_others: resource.refuse_others,
        public_socket: resource.public_socket,
    })
}

/// Whether the anchored regex `pattern` matches some path a request can have; a pattern too
/// large to decide is given the benefit of the doubt (the regex crate compiled it).
fn matches_some_path(pattern: &str) -> bool {
    let (Ok(regex), Ok(paths)) = (Language::new(pattern), Language::new("/.*")) else {
        return true;
    };
    let both = [
        Term {
            language: &regex,
            prefix: "",
            member: true,
        },
        Term {
            language: &paths,
            prefix: "",
            member: true,
        },
    ];
    !matches!(shortest_witness(&both), Ok(None))
}

fn check_path_syntax(pattern: &str) -> Result<PathSyntax, String> {
    let syntax = PathSyntax::parse(pattern)?;
    if let PathSyntax::Regex(regex) = &syntax {
        regex::Regex::new(regex).map_err(|error| error.to_string())?;
    }
    Ok(syntax)
}
