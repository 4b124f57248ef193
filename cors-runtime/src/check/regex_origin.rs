//! Regex origins, decided on their automata rather than probed with samples, over every origin
//! a pattern can be asked about (`syntax::serialized_origin_regex`: all a browser can send,
//! trailing dots and odd labels included). A regex origin passes when every origin it accepts
//! - is not `null` (which must be named as an origin of its own),
//! - has the scheme `http` or `https`, or one the pattern writes out (`chrome-extension://`),
//! - has a host that is one of the registrable domains the pattern writes out (none a public
//!   suffix) or a subdomain of one, or is local (loopback, `localhost`, a private-network
//!   address literal),
//! - and is not a plain-http origin off the local network whose `https` twin it also accepts;
//!
//! and when it accepts at least one origin. Each refusal names a shortest origin that breaks the
//! rule. Which domains the pattern writes out is read from its syntax tree; which it accepts, and
//! everything else, is a question about the product of automata (`automaton.rs`).

use super::automaton::{
    AUTOMATON_LIMIT, Language, SEARCH_LIMIT, Term, Undecided, shortest_witness,
};
use super::public_suffix::registrable_domain;
use crate::syntax::{
    ORIGIN_PORT as PORT, ORIGIN_SCHEME, SUBDOMAIN_LABELS, serialized_origin_regex,
};

/// Hosts that only the user's own machine or network can serve.
fn local_hosts() -> String {
    format!(
        r"(?:{SUBDOMAIN_LABELS}localhost\.?|127(?:\.[0-9]+){{3}}|\[::1\]|10(?:\.[0-9]+){{3}}|192\.168(?:\.[0-9]+){{2}}|172\.(?:1[6-9]|2[0-9]|3[01])(?:\.[0-9]+){{2}})"
    )
}

/// What the pattern writes out: domains and schemes.
#[derive(Default)]
struct Named {
    /// Registrable domains (`example.com` for `app\.example\.com`).
    domains: Vec<String>,
    /// Domain-like literals that are public suffixes (`github.io`).
    public_suffixes: Vec<String>,
    /// Schemes written before a `://`.
    schemes: Vec<String>,
    /// Whole hosts without a dot written after a `://` (an extension's id, `localhost`).
    hosts: Vec<String>,
    /// Every domain-like literal as written (`app.example.com`), to say how a host escapes.
    literal_hosts: Vec<String>,
}

/// The problem with the regex origin `pattern`, if it breaks a rule.
pub(super) fn problem(pattern: &str) -> Option<String> {
    match decide(pattern) {
        Ok(problem) => problem,
        Err(Undecided::TooLarge) => Some(format!(
            "this regex is too complex to check (its automaton needs over {} MiB); simplify it, or list the origins",
            AUTOMATON_LIMIT >> 20
        )),
        Err(Undecided::TooLong) => Some(format!(
            "this regex is too complex to check (the check visits over {SEARCH_LIMIT} states); simplify it, or list the origins"
        )),
    }
}

fn decide(pattern: &str) -> Result<Option<String>, Undecided> {
    let regex = Language::new(pattern)?;
    let mut named = named(pattern);
    let origin = Language::new(&serialized_origin_regex())?;
    let member = |language, prefix| Term {
        language,
        prefix,
        member: true,
    };
    let outside = |language, prefix| Term {
        language,
        prefix,
        member: false,
    };
    if shortest_witness(&[member(&regex, "null")])?.is_some_and(|rest| rest.is_empty()) {
        return Ok(Some("this regex accepts \"null\", the opaque origin of every sandboxed page; name \"null\" as an origin of its own if you mean it".to_owned()));
    }
    if shortest_witness(&[member(&regex, ""), member(&origin, "")])?.is_none() {
        return Ok(Some("this regex matches no origin a browser sends (scheme://host[:port], lowercase, without a path), so it allows nothing; write the whole origin, as in r\"^https://app\\.example\\.com$\"".to_owned()));
    }
    // A domain the pattern writes out but accepts no host under is no candidate for the fix.
    let mut accepted = Vec::new();
    for domain in named.domains {
        let under = Language::new(&format!(
            r"{ORIGIN_SCHEME}{SUBDOMAIN_LABELS}{}\.?{PORT}",
            regex_syntax::escape(&domain)
        ))?;
        let under = Term {
            language: &under,
            prefix: "",
            member: true,
        };
        if shortest_witness(&[member(&regex, ""), under])?.is_some() {
            accepted.push(domain);
        }
    }
    named.domains = accepted;
    let mut schemes = vec!["https?".to_owned()];
    schemes.extend(named.schemes.iter().map(|s| regex_syntax::escape(s)));
    let schemes = schemes.join("|");
    let schemed = Language::new(&format!(r"null|(?:{schemes})://.*"))?;
    let local_hosts = local_hosts();
    let mut hosts = vec![local_hosts.clone()];
    hosts.extend(
        named
            .domains
            .iter()
            .map(|d| format!(r"{SUBDOMAIN_LABELS}{}\.?", regex_syntax::escape(d))),
    );
    hosts.extend(named.hosts.iter().map(|h| regex_syntax::escape(h)));
    let safe = Language::new(&format!(
        r"null|(?:{schemes})://(?:{}){PORT}",
        hosts.join("|")
    ))?;
    // The host first: among origins with a scheme the pattern writes out, the counterexample
    // shows how the host escapes.
    if let Some(found) = shortest_witness(&[
        member(&regex, ""),
        member(&origin, ""),
        member(&schemed, ""),
        outside(&safe, ""),
    ])? {
        return Ok(Some(host_problem(pattern, &found, &named)));
    }
    if let Some(found) = shortest_witness(&[
        member(&regex, ""),
        member(&origin, ""),
        outside(&schemed, ""),
    ])? {
        return Ok(Some(format!(
            "this regex accepts {found:?}, whose scheme it does not write out; start it with the scheme, as in r\"^https://app\\.example\\.com$\""
        )));
    }
    let local = Language::new(&format!(r"https?://{local_hosts}{PORT}"))?;
    if let Some(rest) = shortest_witness(&[
        member(&regex, "http://"),
        member(&regex, "https://"),
        member(&origin, "http://"),
        outside(&local, "http://"),
    ])? {
        return Ok(Some(format!(
            "this regex accepts \"http://{rest}\", the plain-http twin of \"https://{rest}\", which anyone on the network can impersonate; write `https://`, not `https?://`; list a plain-http origin on its own if you need one"
        )));
    }
    Ok(None)
}

fn host_problem(pattern: &str, found: &str, named: &Named) -> String {
    let example = |domain: &str| {
        format!(
            "r\"^https://([a-z0-9-]+\\.)*{}$\"",
            domain.replace('.', "\\.")
        )
    };
    if let (Some(suffix), []) = (named.public_suffixes.first(), named.domains.as_slice()) {
        return format!(
            "this regex accepts {found:?}: `{suffix}` is a public suffix, under which anyone can register a site; name your own domain, as in {}",
            example(&format!("yours.{suffix}"))
        );
    }
    match named.domains.as_slice() {
        [] => format!(
            "this regex accepts {found:?}: it names no domain of its own, so it accepts hosts anyone can register; name yours, as in {}",
            example("example.com")
        ),
        domains => {
            let list: Vec<String> = domains.iter().map(|d| format!("`{d}`")).collect();
            let fix = escape_route(pattern, found, &named.literal_hosts).unwrap_or(
                "escape every dot as `\\.`, end the pattern after the host (and port), and put a `\\.` before the domain",
            );
            format!(
                "this regex accepts {found:?}, which is neither {} nor a subdomain of one, and anyone can register it; {fix}, as in {}",
                list.join(" or "),
                example(&domains[0])
            )
        }
    }
}

/// How the host of `found` escapes a domain the pattern writes out, and the fix, when it is one
/// of the classic ways: a prefix (`evilexample.com`), a suffix (`example.com.evil`), or a dot
/// left unescaped (`appxexample.com`).
fn escape_route(pattern: &str, found: &str, literal_hosts: &[String]) -> Option<&'static str> {
    // A `.` after a character of a name, not escaped, before another or a group's end:
    // `app.example`, `(www.)?`.
    let bytes = pattern.as_bytes();
    let unescaped_dot = (1..bytes.len().saturating_sub(1)).any(|i| {
        bytes[i] == b'.'
            && bytes[i - 1] != b'\\'
            && bytes[i - 1].is_ascii_alphanumeric()
            && (bytes[i + 1].is_ascii_alphanumeric() || bytes[i + 1] == b')')
    });
    if unescaped_dot {
        return Some("an unescaped dot matches any character: write every dot of a host as `\\.`");
    }
    let authority = found.split_once("://")?.1;
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host);
    literal_hosts.iter().find_map(|literal| {
        let literal = literal.as_str();
        if host.len() > literal.len()
            && host.ends_with(literal)
            && !host[..host.len() - literal.len()].ends_with('.')
        {
            Some("a prefix attack: put a `\\.` before the domain")
        } else if host.len() > literal.len() && host.starts_with(literal) {
            Some("a suffix attack: end the pattern after the host (and port)")
        } else if host.len() == literal.len()
            && host
                .bytes()
                .zip(literal.bytes())
                .all(|(h, l)| h == l || l == b'.')
        {
            Some("an unescaped dot matches any character: write every dot of a host as `\\.`")
        } else {
            None
        }
    })
}

/// The domains and schemes that `pattern` writes out: runs of characters it spells, read from
/// its syntax tree (escapes resolved, comments dropped). A character under a repetition still
/// counts as written (`example\.com?` writes `example.com`); whether the pattern accepts other
/// domains is then decided on its automaton.
fn named(pattern: &str) -> Named {
    let mut named = Named::default();
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return named;
    };
    let mut written = String::new();
    spell(&ast, &mut written);
    let text = written.to_ascii_lowercase();
    for (at, _) in text.match_indices("://") {
        let start = text[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
            .map_or(0, |before| before + 1);
        let scheme = text[start..at].to_owned();
        if !scheme.is_empty() && !named.schemes.contains(&scheme) {
            named.schemes.push(scheme);
        }
        let host: String = text[at + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        let whole = !text[at + 3 + host.len()..].starts_with('.');
        if !host.is_empty() && whole && !named.hosts.contains(&host) {
            named.hosts.push(host);
        }
    }
    let hosts = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map(|token| token.trim_matches('.'))
        .filter(|token| token.contains('.'));
    for host in hosts {
        if !named.literal_hosts.iter().any(|h| h == host) {
            named.literal_hosts.push(host.to_owned());
        }
        match registrable_domain(host) {
            Some(domain) if !named.domains.iter().any(|d| d == domain) => {
                named.domains.push(domain.to_owned())
            }
            Some(_) => {}
            None if !named.public_suffixes.iter().any(|s| s == host) => {
                named.public_suffixes.push(host.to_owned())
            }
            None => {}
        }
    }
    named
}

/// The characters `ast` spells, in order; anything that is not one character (a class, an
/// assertion, the boundary between alternatives) becomes a space. An unescaped `.` is spelt as a
/// dot: a host written with one names its domain, and the automaton finds how it escapes.
fn spell(ast: &regex_syntax::ast::Ast, out: &mut String) {
    use regex_syntax::ast::Ast;
    match ast {
        Ast::Literal(literal) => out.push(literal.c),
        Ast::Dot(_) => out.push('.'),
        Ast::Repetition(repetition) => spell(&repetition.ast, out),
        Ast::Group(group) => spell(&group.ast, out),
        Ast::Concat(concat) => concat.asts.iter().for_each(|part| spell(part, out)),
        Ast::Alternation(alternation) => {
            for part in &alternation.asts {
                out.push(' ');
                spell(part, out);
            }
            out.push(' ');
        }
        Ast::Empty(_) | Ast::Flags(_) => {}
        Ast::Assertion(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => {
            out.push(' ')
        }
    }
}

#[cfg(test)]
mod tests;
