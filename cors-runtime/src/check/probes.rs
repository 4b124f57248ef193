//! Regex origins checked against the classic bypasses: from the pattern, derive an origin it is
//! meant to match, derive the attacker's variants of that origin, and refuse the pattern if it
//! accepts one.

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

use super::public_suffix::registrable_domain;

/// An origin the regex accepts that an attacker can obtain, what it is, and how to fix it.
struct Bypass {
    origin: String,
    what: String,
    fix: &'static str,
}

/// The problem with a regex origin (`pattern` as written, `anchored` as the runtime matches
/// it) that accepts a classic bypass, if it accepts one.
pub(super) fn bypass_problem(pattern: &str, anchored: &str) -> Option<String> {
    let regex = Regex::new(anchored).ok()?;
    let bypass = first_bypass(pattern, &regex)?;
    Some(format!(
        "this regex accepts {:?}, {}; {}",
        bypass.origin, bypass.what, bypass.fix
    ))
}

/// The first bypass `anchored` accepts, if any.
fn first_bypass(pattern: &str, anchored: &Regex) -> Option<Bypass> {
    if anchored.is_match("null") {
        return Some(Bypass {
            origin: "null".to_owned(),
            what: "the opaque origin of every sandboxed page".to_owned(),
            fix: "name \"null\" as an origin of its own if you mean it",
        });
    }
    examples(pattern)
        .iter()
        .find_map(|meant| bypass_of(meant, anchored))
}

/// The attacker's variants of `meant`, an origin the pattern accepts: the first one accepted.
fn bypass_of(meant: &str, anchored: &Regex) -> Option<Bypass> {
    let (scheme, rest) = meant.split_once("://")?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => (host, Some(port)),
        _ => (rest, None),
    };
    let with_port = |host: &str| match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    };
    let mut probes: Vec<(String, String, &'static str)> = vec![(
        format!("{meant}.evil.test"),
        format!("a suffix attack on {meant:?}"),
        "match the whole host: end the pattern after the host (and port)",
    )];
    if host.parse::<std::net::IpAddr>().is_err() {
        if let Some(domain) = registrable_domain(host) {
            probes.push((
                with_port(&format!("evil{domain}")),
                format!("a prefix attack on {:?}", with_port(domain)),
                "require a dot before the domain, as in r\"^https://([a-z0-9-]+\\.)*example\\.com$\"",
            ));
        }
    }
    for (i, _) in host.match_indices('.') {
        let mut dotless = host.to_owned();
        dotless.replace_range(i..=i, "x");
        probes.push((
            with_port(&dotless),
            format!("{meant:?} with a dot replaced (an unescaped `.` matches any character)"),
            "write every dot of a host as `\\.`",
        ));
    }
    let found = probes
        .into_iter()
        .find(|(probe, _, _)| anchored.is_match(probe))
        .map(|(origin, what, fix)| Bypass { origin, what, fix });
    // Accepting both schemes for one host gives the https origin a plain-http twin.
    let (secure, plain) = (format!("https://{rest}"), format!("http://{rest}"));
    found.or_else(|| {
        (anchored.is_match(&secure) && anchored.is_match(&plain)).then(|| Bypass {
            origin: plain,
            what: format!(
                "the plain-http twin of {secure:?}, which anyone on the network can impersonate"
            ),
            fix: "write `https://`, not `https?://`; list a plain-http origin on its own if you need one",
        })
    })
}

/// Origins the pattern is meant to match: the shortest match (see `write_example`) once for
/// each branch of its first alternation, so `(app|admin)` yields both.
fn examples(pattern: &str) -> Vec<String> {
    let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
        return Vec::new();
    };
    (0..8)
        .map_while(|branch| {
            let mut out = String::new();
            let mut first_alternation = Some(branch);
            write_example(&hir, &mut out, &mut first_alternation)?;
            // Without any alternation, every branch number gives the same example.
            let taken = first_alternation.is_none();
            (branch == 0 || taken).then_some(out)
        })
        .filter(|example| example.contains("://"))
        .collect()
}

/// Writes the shortest string `hir` matches: literals as written, the fewest repetitions, a
/// plain character of each class (a dot for "any character"), and in alternations the first
/// choice, except the first alternation met, which takes choice `branch` (and fails past its
/// last choice). `None` when the pattern is not something this can follow.
fn write_example(hir: &Hir, out: &mut String, branch: &mut Option<usize>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let contains = |c: char| {
                class
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= c && c <= r.end())
            };
            // An "any character" class (it even takes `/`) stands for a dot of the host, as in
            // the unescaped `app.example.com`; a narrower class, for a letter or digit.
            let choices = if contains('/') {
                ['.', 'a', '0']
            } else {
                ['a', '0', 'x']
            };
            let pick = choices.into_iter().find(|&c| contains(c));
            out.push(pick.or_else(|| class.ranges().first().map(|r| r.start()))?);
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(char::from(class.ranges().first()?.start()));
        }
        HirKind::Repetition(repetition) => {
            for _ in 0..repetition.min.min(8) {
                write_example(&repetition.sub, out, branch)?;
            }
        }
        HirKind::Capture(capture) => write_example(&capture.sub, out, branch)?,
        HirKind::Concat(parts) => {
            for part in parts {
                write_example(part, out, branch)?;
            }
        }
        HirKind::Alternation(choices) => {
            let choice = branch.take().unwrap_or(0);
            write_example(choices.get(choice)?, out, branch)?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bypass(pattern: &str) -> Option<(String, &'static str)> {
        let anchored = Regex::new(&format!("^(?:{pattern})$")).unwrap();
        first_bypass(pattern, &anchored).map(|b| (b.origin, b.fix))
    }

    #[test]
    fn safe_patterns_pass() {
        for pattern in [
            r"^https://app\.example\.com$",
            r"^https://[a-z0-9-]+\.example\.com$",
            r"^https://(app|admin)\.example\.com$",
            r"^http://192\.168\.0\.\d{1,3}(:\d+)?$",
            r"^https://([a-z0-9-]+\.)*example\.com(:\d+)?$",
        ] {
            assert_eq!(bypass(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn classic_bypasses_are_found() {
        let found = |pattern| bypass(pattern).map(|(origin, _)| origin);
        assert_eq!(
            found(r"https://app\.example\.com.*").as_deref(),
            Some("https://app.example.com.evil.test")
        );
        assert_eq!(
            found(r"https://.*example\.com").as_deref(),
            Some("https://evilexample.com")
        );
        assert_eq!(
            found(r"^https://app.example\.com$").as_deref(),
            Some("https://appxexample.com")
        );
        assert_eq!(
            found(r"^https?://app\.example\.com$").as_deref(),
            Some("http://app.example.com")
        );
        assert_eq!(
            found(r"^(null|https://app\.example\.com)$").as_deref(),
            Some("null")
        );
        assert_eq!(
            found(r"^https://(app\.example\.com|admin.example\.com)$").as_deref(),
            Some("https://adminxexample.com")
        );
    }
}
