//! The names a resource lists: methods (standard ones in any case, registered and custom ones
//! as written, never forbidden ones, `*` or near misses of standard ones) and header names for
//! `headers`, `expose` and `vary` (tokens, one per string, never forbidden or protocol headers).

use crate::model::names::OptionName;
use crate::model::policy::Names;
use crate::suggest::did_you_mean;
use crate::syntax::{ANY_METHODS, FORBIDDEN_METHODS, REGISTERED_METHODS, is_token};

use super::Problem;
use super::problem::{Place, Spelling};

/// The methods of `methods`, each once, standard ones uppercase; every bad one a problem.
pub(super) fn check_methods(at: Place, names: &Names, problems: &mut Vec<Problem>) -> Vec<String> {
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
pub(super) fn check_header_names(
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
        return Some(format!(
            "\"{name}\" here names a header called `{name}`, not any header; write {any} for any header, or the real header's name"
        ));
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
        return Some(format!(
            "browsers never let scripts set \"{lower}\" (a forbidden request header), so allowing it has no effect; remove it"
        ));
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
