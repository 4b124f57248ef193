//! A block's resources: each option in canonical form (the first pass), and no option that any
//! site could use or that does nothing, no resource an earlier one in the same block always takes
//! first (the analyses).

use super::problem::Spelling;
use crate::check::checked::{CheckedBlock, CheckedResource, PathRule};
use crate::model::functions::Functions;
use crate::model::names::OptionName;
use crate::model::policy::{AllowBlock, Names, Path, Resource};
use crate::syntax::path::PathSyntax;
use crate::syntax::{
    is_token, ANY_METHODS, DEFAULT_MAX_AGE, FORBIDDEN_METHODS, MAX_MAX_AGE, REGISTERED_METHODS,
};

use super::automaton::{shortest_witness, Language, Term};
use super::origins::{anchored_regex, BlockOrigins};
use super::{credentials, Location, Problem};
use crate::suggest::did_you_mean;

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

/// A resource's place in the policy.
#[derive(Clone, Copy)]
struct Place {
    block: usize,
    resource: usize,
}

impl Place {
    fn path(self) -> Location {
        Location::Resource {
            block: self.block,
            resource: self.resource,
        }
    }

    fn option(self, option: OptionName) -> Location {
        Location::Option {
            block: self.block,
            resource: self.resource,
            option,
        }
    }

    fn item(self, option: OptionName, item: usize) -> Location {
        Location::Item {
            block: self.block,
            resource: self.resource,
            option,
            item,
        }
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

fn check_methods(at: Place, names: &Names, problems: &mut Vec<Problem>) -> Vec<String> {
    let list = match names {
        Names::Any => return ANY_METHODS.iter().map(|m| (*m).to_owned()).collect(),
        Names::List(list) => list,
    };
    if list.is_empty() {
        problems.push(Problem::new(
            at.option(OptionName::Methods),
            "`methods` cannot be empty; leave the option out for the default, `get`",
        ));
    }
    let mut methods: Vec<String> = Vec::new();
    for (item, text) in list.iter().enumerate() {
        let location = at.item(OptionName::Methods, item);
        if text == "*" {
            problems.push(Problem::spelt(location, |spelling| format!("a browser never sends a method named `*`; write {} for the standard methods, or list them", spelling.option(OptionName::Methods, "any"))));
            continue;
        }
        if text.eq_ignore_ascii_case("any") {
            problems.push(Problem::spelt(location, |spelling| format!("\"{text}\" here names a method called `{text}`, not any method; write {} for the standard methods, or list them", spelling.option(OptionName::Methods, "any"))));
            continue;
        }
        if FORBIDDEN_METHODS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(text))
        {
            problems.push(Problem::new(location, format!("`{text}` can never be allowed: the Fetch standard forbids it in cross-origin requests; remove it")));
            continue;
        }
        if !is_token(text.as_bytes()) {
            problems.push(Problem::new(
                location,
                format!("{text:?} is not a method name: a method is a token, such as \"PROPFIND\""),
            ));
            continue;
        }
        if let Some(nearest) = near_miss_of_standard_method(text) {
            problems.push(Problem::new(
                location,
                format!("`{text}` is not a standard method but a near miss of one, so this rule would never match what a page sends; did you mean `{nearest}`? (a method of your own may not be that near a standard one's name; registered extension methods such as `PROPFIND` are accepted as written)"),
            ));
            continue;
        }
        // A standard method (those `methods: any` stands for), written in any case, means the
        // uppercase method: `fetch()` uppercases most of them, and the grammar writes `get`.
        let method = match ANY_METHODS.iter().find(|m| m.eq_ignore_ascii_case(text)) {
            Some(standard) => (*standard).to_owned(),
            None => text.clone(),
        };
        if methods.contains(&method) {
            problems.push(Problem::new(
                location,
                format!("`{method}` is listed twice; remove one"),
            ));
            continue;
        }
        methods.push(method);
    }
    methods
}

/// The standard method that `text` looks like a typo of: not standard itself, not in the IANA
/// HTTP Method Registry, and within an edit or two of a standard name (`PSOT`, `gett`).
fn near_miss_of_standard_method(text: &str) -> Option<&'static str> {
    let upper = text.to_ascii_uppercase();
    if ANY_METHODS.contains(&upper.as_str()) || REGISTERED_METHODS.contains(&upper.as_str()) {
        return None;
    }
    did_you_mean(&upper, &ANY_METHODS)
}

/// Header names for `headers`, `expose` or `vary`, lowercase (`expose` keeps the case it was
/// written in: it is sent as is); `None` for `any`.
fn check_header_names(
    at: Place,
    names: &Names,
    option: OptionName,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let list = match names {
        Names::Any => return None,
        Names::List(list) => list,
    };
    let mut checked: Vec<String> = Vec::new();
    for (item, name) in list.iter().enumerate() {
        // Whether a name is refused does not depend on the spelling; only the fix's words do.
        if header_name_problem(name, option, &checked, Spelling::File).is_some() {
            problems.push(Problem::spelt(at.item(option, item), |spelling| {
                header_name_problem(name, option, &checked, spelling).unwrap_or_default()
            }));
            continue;
        }
        checked.push(match option {
            OptionName::Expose => name.clone(),
            _ => name.to_ascii_lowercase(),
        });
    }
    Some(checked)
}

fn header_name_problem(
    name: &str,
    option: OptionName,
    earlier: &[String],
    spelling: Spelling,
) -> Option<String> {
    let any = spelling.option(option, "any");
    match (name, option) {
        ("*", OptionName::Headers) => return Some(format!("a browser never sends a header named `*`; write {any} to accept any header, or list them")),
        ("*", OptionName::Vary) => return Some("`Vary: *` would make every response uncacheable; list the request headers the response depends on".to_owned()),
        _ => {}
    }
    if name.eq_ignore_ascii_case("any") && option != OptionName::Vary {
        return Some(format!("\"{name}\" here names a header called `{name}`, not any header; write {any} for any header, or the real header's name"));
    }
    if option == OptionName::Expose && name.eq_ignore_ascii_case("origin") {
        return Some("a response never carries `Origin` (a request header, and the page knows its own origin), so exposing it has no effect; remove it".to_owned());
    }
    if name.contains(',') {
        let parts: Vec<String> = name.split(',').map(|p| format!("{:?}", p.trim())).collect();
        return Some(format!(
            "one header name per string; write [{}]",
            parts.join(", ")
        ));
    }
    if !is_token(name.as_bytes()) {
        return Some(format!(
            "{name:?} is not a header name: use letters, digits and `-`, as in \"x-request-id\""
        ));
    }
    let lower = name.to_ascii_lowercase();
    if option != OptionName::Vary && lower.starts_with("access-control-") {
        return Some(format!(
            "\"{lower}\" is part of the CORS protocol itself, which browsers handle; remove it"
        ));
    }
    if option == OptionName::Headers && is_forbidden_request_header(&lower) {
        return Some(format!("browsers never let scripts set \"{lower}\" (a forbidden request header), so allowing it has no effect; remove it"));
    }
    if option == OptionName::Expose && matches!(lower.as_str(), "set-cookie" | "set-cookie2") {
        return Some(format!(
            "browsers never let scripts read \"{lower}\", exposed or not; remove it"
        ));
    }
    if earlier.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        return Some(format!(
            "\"{lower}\" is listed twice (header names ignore case); remove one"
        ));
    }
    None
}

/// The Fetch standard's forbidden request-header names: a script can never set them.
fn is_forbidden_request_header(lower: &str) -> bool {
    const FORBIDDEN: &[&str] = &[
        "accept-charset",
        "accept-encoding",
        "connection",
        "content-length",
        "cookie",
        "cookie2",
        "date",
        "dnt",
        "expect",
        "host",
        "keep-alive",
        "origin",
        "referer",
        "set-cookie",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "via",
    ];
    FORBIDDEN.contains(&lower) || lower.starts_with("proxy-") || lower.starts_with("sec-")
}
