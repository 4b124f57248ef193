//! The compiled form of a policy, which the decision reads: built once from the checked model
//! by `compile`, whichever front end the policy came through.

pub(crate) mod compile;
pub(crate) mod dispatch;
pub(crate) mod exact_origins;
pub(crate) mod keyed_table;
pub(crate) mod own_hosts;
pub(crate) mod preflight_headers;
pub(crate) mod resource_index;
pub(crate) mod short_bytes;
pub(crate) mod tenants;
pub(crate) mod vary_plan;

use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use http::HeaderValue;
use regex::Regex;

use crate::check::checked::{PortWildcard, SubdomainPattern};
use crate::model::functions::{Condition, OriginPredicate};
use crate::syntax::path::PathPattern;
use crate::table::dispatch::ResourceDispatch;
use crate::table::exact_origins::ExactOrigins;
use crate::table::own_hosts::OwnHosts;
use crate::table::preflight_headers::PreflightHeaders;
use crate::table::resource_index::ResourceIndex;
use crate::table::tenants::TenantOrigins;

/// A whole policy: its `allow` blocks in order, and one lookup table for their exact origins.
#[doc(hidden)]
pub struct CompiledPolicy {
    pub(crate) blocks: Box<[Block]>,
    pub(crate) exact_origins: ExactOrigins,
    /// The resources that may match a path, by its first segment.
    pub(crate) dispatch: ResourceDispatch,
    /// Whether any block accepts origins other than through the exact table (`"*"`, `"null"`,
    /// wildcards, regexes, functions). Without such patterns the table alone decides, and its
    /// entries were checked, so a request's `Origin` needs no parsing.
    pub(crate) origin_patterns: bool,
    pub(crate) refused_preflight_status: http::StatusCode,
    pub(crate) allowed_preflight_status: http::StatusCode,
    /// `settings { debug_header: true }`: every response says what was decided and why.
    pub(crate) debug_header: bool,
    /// `settings { decision_in_extensions: true }`: handlers find [`Decided`](crate::Decided).
    pub(crate) decision_in_extensions: bool,
    /// The resources with `refuse_others: true`, in order: a refused request on a path one of
    /// them covers is answered by the layer.
    pub(crate) refusing: Box<[ResourceIndex]>,
    /// Set once the layer warned that this policy was written with a nested router's paths
    /// (see `nest.rs`).
    pub(crate) warned_nest_relative: AtomicBool,
    /// `settings { hosts: [...], refuse_other_hosts: ... }`.
    pub(crate) own_hosts: OwnHosts,
}

/// An `allow` block: the origins it accepts, besides those in the exact table, and its resources.
pub(crate) struct Block {
    pub any_origin: bool,
    pub null_origin: bool,
    pub subdomains: Box<[SubdomainPattern]>,
    pub any_port: Box<[PortWildcard]>,
    pub regexes: Box<[Regex]>,
    pub predicates: Box<[OriginPredicate]>,
    /// The origins of each tenant, for a block with tenants.
    pub tenants: Option<TenantOrigins>,
    pub resources: Box<[Resource]>,
}

/// A `resource` with every header value it can send, built once.
pub(crate) struct Resource {
    pub pattern: Box<str>,
    pub path: PathPattern,
    pub methods: Box<[Box<str>]>,
    /// The headers of an allowed preflight.
    pub preflight: PreflightHeaders,
    pub headers: AllowedHeaders,
    /// `Access-Control-Expose-Headers`, as the layer writes it.
    pub expose: Option<HeaderValue>,
    /// The exposed names as the decision reports them (`*` for any), not read back from the
    /// header.
    pub exposed: Box<[Box<str>]>,
    /// `Access-Control-Max-Age` in seconds, as the decision reports it.
    pub max_age: u32,
    pub credentials: bool,
    pub condition: Option<Condition>,
    /// The `Vary` of each answer this resource is the decision's for.
    pub vary: VaryByAnswer,
    /// `private_network: true`: answer Private Network Access preflights (legacy, opt-in).
    pub private_network: bool,
    /// Whether a WebSocket handshake this rule allows goes through (the handshake carries
    /// cookies): every origin of its block could be granted credentials, or the rule grants
    /// them, or it says the socket is public. Only where it is false does an allowed request
    /// cost the look-up of `Upgrade`.
    pub opens_sockets: bool,
}

/// "Vary names every request header the decision read": `Origin`, the resource's own `vary:`
/// names, and the `vary:` names of the resources whose `if:` or function origin the decision
/// may have consulted.
pub(crate) struct VaryByAnswer {
    /// No `Origin`: the decision read nothing else.
    pub no_origin: Vary,
    /// Allowed by this resource: the rules before it may have been consulted.
    pub allowed: Vary,
    /// Refused (or condition false) where this resource covers the path: any rule may have
    /// been consulted.
    pub refused: Vary,
}

/// The request headers a response varies by: as a whole field (none when there are none), and
/// each name in lowercase, to merge with a `Vary` the inner service set.
pub(crate) struct Vary {
    pub value: Option<HeaderValue>,
    pub names: Box<[Box<str>]>,
}

impl Vary {
    /// `Vary: Origin` alone, the same for every table.
    pub(crate) fn origin_only() -> &'static Vary {
        static ORIGIN_ONLY: LazyLock<Vary> = LazyLock::new(|| Vary {
            value: Some(HeaderValue::from_static("Origin")),
            names: Box::new(["origin".into()]),
        });
        &ORIGIN_ONLY
    }

    pub(crate) fn is_origin_only(&self) -> bool {
        matches!(&self.names[..], [only] if &**only == "origin")
    }
}

/// Names as the table holds them.
pub(crate) fn boxed(names: &[String]) -> Box<[Box<str>]> {
    names.iter().map(|name| name.as_str().into()).collect()
}

/// The request headers a resource accepts.
pub(crate) enum AllowedHeaders {
    Any,
    /// Lowercase names: the resource's own, then the always-allowed ones.
    Listed(Box<[Box<str>]>),
}

impl CompiledPolicy {
    /// The resource at `index`, which this policy's decision named.
    pub(crate) fn resource(&self, index: ResourceIndex) -> &Resource {
        &self.blocks[index.block()].resources[index.resource()]
    }
}
