//! The checked model: a policy that passed the checker, in canonical form (origins parsed,
//! methods and header names normalised, paths compiled to their syntax, functions resolved).
//! `compile` builds the runtime table from it.

use regex::Regex;

use crate::model::functions::{Condition, OriginPredicate};
use crate::model::policy::Settings;
use crate::syntax::OwnHostSyntax;
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
