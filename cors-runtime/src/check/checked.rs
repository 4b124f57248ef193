//! The checked model: a policy that passed the checker, in canonical form (origins parsed,
//! methods and header names normalised, paths compiled to their syntax, functions resolved).
//! `compile` builds the runtime table from it. The origin patterns' matching rules live here,
//! beside their types: the shadowing analysis and the decision on a request both use them.

use regex::Regex;

use crate::model::functions::{Condition, OriginPredicate};
use crate::model::policy::Settings;
use crate::syntax::OwnHostSyntax;
use crate::syntax::is_serialized_port;
use crate::syntax::path::PathSyntax;

#[derive(Clone)]
pub(crate) struct CheckedPolicy {
    pub settings: Settings,
    /// The server's own hosts, parsed.
    pub hosts: Vec<OwnHostSyntax>,
    pub blocks: Vec<CheckedBlock>,
}

#[derive(Default, Clone)]
pub(crate) struct CheckedBlock {
    pub any_origin: bool,
    pub null_origin: bool,
    /// Serialized origins, each once.
    pub exact: Vec<String>,
    pub subdomains: Vec<SubdomainPattern>,
    pub any_port: Vec<PortWildcard>,
    /// Anchored regular expressions, compiled once, as the runtime matches them.
    pub regexes: Vec<Regex>,
    pub predicates: Vec<OriginPredicate>,
    /// Where the request's tenant is read, for a block with origins per tenant.
    pub tenants: Option<TenantLookup>,
    /// Whether every origin the block accepts could be granted credentials (so may open a
    /// WebSocket, whose handshake carries cookies, on any of its paths).
    pub origins_credentialable: bool,
    pub resources: Vec<CheckedResource>,
}

impl CheckedBlock {
    /// Whether the block has origins besides exact ones, which the request's `Origin` must be
    /// parsed for.
    pub(crate) fn has_origin_patterns(&self) -> bool {
        self.any_origin
            || self.null_origin
            || !self.subdomains.is_empty()
            || !self.any_port.is_empty()
            || !self.regexes.is_empty()
            || !self.predicates.is_empty()
    }

    /// Whether no origin at all is allowed: a named block whose origins were all revoked.
    pub(crate) fn allows_no_origin(&self) -> bool {
        self.exact.is_empty() && !self.has_origin_patterns()
    }
}

/// `"https://*.example.com"`: a scheme (none for http and https alike) and what follows the `*`.
/// `"http://localhost:*"`: a development host on any port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortWildcard {
    pub scheme: Option<String>,
    pub host: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SubdomainPattern {
    pub scheme: Option<String>,
    pub suffix: String,
}

#[derive(Clone)]
pub(crate) struct CheckedResource {
    /// The path pattern as written, for logs.
    pub pattern: String,
    pub path: PathRule,
    pub methods: Vec<String>,
    /// Lowercase names; `None` for `any`.
    pub headers: Option<Vec<String>>,
    /// The `Access-Control-Expose-Headers` value.
    pub expose: Option<String>,
    pub max_age: u32,
    pub credentials: bool,
    pub condition: Option<Condition>,
    /// Lowercase names besides `origin`.
    pub vary: Vec<String>,
    pub private_network: bool,
    pub refuse_others: bool,
    pub public_socket: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum PathRule {
    Syntax(PathSyntax),
    /// A `regex(...)` path, anchored and compiled once.
    Regex(Regex),
}

/// Where a block reads the request's tenant, as the checker decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TenantLookup {
    /// The path's segment at this index, counted as `path.split('/')` does (`/t/{tenant}/...`:
    /// 2).
    Segment(usize),
    /// The host's first label, when the rest is this suffix (`.api.example.com`), lowercase.
    HostLabel(Box<str>),
}

/// Whether `scheme` is the one a pattern requires, or http or https when it names none.
fn scheme_matches(required: Option<&str>, scheme: &[u8]) -> bool {
    match required {
        Some(required) => scheme == required.as_bytes(),
        None => scheme == b"http" || scheme == b"https",
    }
}

/// An origin as scheme and authority, split at its `://`: the shadowing analysis matches the
/// exact origins of later blocks with the patterns' own `matches`, and the same-origin check
/// compares the authority with the request's own.
pub(crate) fn scheme_and_authority(origin: &[u8]) -> Option<(&[u8], &[u8])> {
    let separator = origin.windows(3).position(|window| window == b"://")?;
    Some((&origin[..separator], &origin[separator + 3..]))
}

impl PortWildcard {
    /// Whether the serialized origin `origin` matches.
    pub(crate) fn matches_serialized(&self, origin: &str) -> bool {
        scheme_and_authority(origin.as_bytes())
            .is_some_and(|(scheme, authority)| self.matches(scheme, authority))
    }

    /// Whether an origin of `scheme` and `authority` matches: the host, with any port or none.
    pub(crate) fn matches(&self, scheme: &[u8], authority: &[u8]) -> bool {
        let scheme_matches = scheme_matches(self.scheme.as_deref(), scheme);
        let Some(rest) = authority.strip_prefix(self.host.as_bytes()) else {
            return false;
        };
        let port_matches = match rest {
            [] => true,
            [b':', digits @ ..] => is_serialized_port(digits),
            _ => false,
        };
        scheme_matches && port_matches
    }
}

impl SubdomainPattern {
    /// Whether the serialized origin `origin` matches.
    pub(crate) fn matches_serialized(&self, origin: &str) -> bool {
        scheme_and_authority(origin.as_bytes())
            .is_some_and(|(scheme, authority)| self.matches(scheme, authority))
    }

    /// Whether an origin of `scheme` and `authority` matches: one or more non-empty labels
    /// before the suffix, and the scheme required (http or https when none was written).
    pub(crate) fn matches(&self, scheme: &[u8], authority: &[u8]) -> bool {
        let scheme_matches = scheme_matches(self.scheme.as_deref(), scheme);
        let Some(subdomain) = authority.strip_suffix(self.suffix.as_bytes()) else {
            return false;
        };
        scheme_matches
            && !subdomain.is_empty()
            && subdomain.split(|&b| b == b'.').all(|label| {
                !label.is_empty() && !label.iter().any(|b| matches!(b, b':' | b'[' | b']'))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_wildcard_matches_only_ports_browsers_send() {
        let pattern = PortWildcard {
            scheme: Some("http".into()),
            host: "127.0.0.1".into(),
        };
        for origin in [
            "http://127.0.0.1",
            "http://127.0.0.1:1",
            "http://127.0.0.1:65535",
        ] {
            assert!(pattern.matches_serialized(origin), "{origin}");
        }
        for origin in [
            "http://127.0.0.1:0",
            "http://127.0.0.1:00080",
            "http://127.0.0.1:65536",
            "http://127.0.0.1:99999",
            "http://127.0.0.1:",
        ] {
            assert!(!pattern.matches_serialized(origin), "{origin}");
        }
    }

    #[test]
    fn subdomains_need_one_or_more_labels() {
        let pattern = SubdomainPattern {
            scheme: Some("https".into()),
            suffix: ".example.com".into(),
        };
        assert!(pattern.matches(b"https", b"a.example.com"));
        assert!(pattern.matches(b"https", b"a.b.example.com"));
        assert!(!pattern.matches(b"https", b"example.com"));
        assert!(!pattern.matches(b"https", b".example.com"));
        assert!(!pattern.matches(b"https", b"a..example.com"));
        assert!(!pattern.matches(b"http", b"a.example.com"));
        assert!(!pattern.matches(b"https", b"a.example.com:8443"));
        assert!(!pattern.matches(b"https", b"evilexample.com"));
        let any_scheme = SubdomainPattern {
            scheme: None,
            suffix: ".example.com:8443".into(),
        };
        assert!(any_scheme.matches_serialized("https://a.example.com:8443"));
        assert!(!any_scheme.matches_serialized("https://a.example.com"));
        assert!(any_scheme.matches(b"http", b"a.example.com:8443"));
        assert!(!any_scheme.matches(b"ws", b"a.example.com:8443"));
    }
}
