//! The compiled form of a policy: what `cors!` expands into. Built by the macro only; its fields
//! are public so that the expansion can be a constant, and hidden from the documentation.

use std::sync::LazyLock;

use http::HeaderValue;
use regex::Regex;

use crate::path::PathPattern;
use crate::RequestHead;

/// A whole policy: its `allow` blocks in order, and one lookup table for their exact origins.
#[doc(hidden)]
pub struct Policy {
    pub blocks: &'static [Block],
    pub exact_origins: ExactOrigins,
    /// Whether any block accepts origins other than through the exact table (`"*"`, `"null"`,
    /// wildcards, regexes, functions). Without such patterns the table alone decides, and its
    /// entries were checked at compile time, so a request's `Origin` needs no parsing.
    pub origin_patterns: bool,
    pub refused_preflight_status: u16,
    /// `settings { debug_header: true }`: every response says what was decided and why.
    pub debug_header: bool,
}

/// An open-addressing hash table of every exact origin in the policy, filled at compile time
/// with [`origin_hash`](crate::syntax::origin_hash): its lookup cost does not grow with its size.
#[doc(hidden)]
pub struct ExactOrigins {
    /// A power-of-two number of slots, at most half full; a vacant slot has an empty origin.
    pub slots: &'static [ExactSlot],
    /// The longest probe sequence any stored origin needs: a lookup never probes further.
    pub max_probes: usize,
}

/// One slot of [`ExactOrigins`]: an origin and the blocks (by index, ascending) that list it.
#[doc(hidden)]
pub struct ExactSlot {
    pub origin: &'static str,
    pub blocks: &'static [u16],
}

/// An `allow` block: the origins it accepts, besides those in the exact table, and its resources.
#[doc(hidden)]
pub struct Block {
    pub any_origin: bool,
    pub null_origin: bool,
    pub subdomains: &'static [Subdomains],
    pub regexes: &'static [&'static LazyLock<Regex>],
    pub predicates: &'static [OriginPredicate],
    pub resources: &'static [Resource],
    /// Written `unsafe allow`: credentials with origins that cannot be proved safe are
    /// acknowledged (origins added at run time are held to the same rule).
    pub acknowledged: bool,
}

/// `"https://*.example.com"`: a scheme (none for http and https) and what follows the `*`.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct Subdomains {
    pub scheme: Option<&'static str>,
    pub suffix: &'static str,
}

/// A function origin: decides from the origin and the request head.
#[doc(hidden)]
pub type OriginPredicate = fn(&str, &RequestHead<'_>) -> bool;

/// An `if:` condition: false means the resource does not match this request.
#[doc(hidden)]
pub type Condition = fn(&RequestHead<'_>) -> bool;

/// A `resource` with every header value it can send, built at compile time.
#[doc(hidden)]
pub struct Resource {
    pub pattern: &'static str,
    pub path: PathPattern,
    pub methods: &'static [&'static str],
    pub allow_methods: HeaderValue,
    pub headers: AllowedHeaders,
    pub expose: Option<HeaderValue>,
    pub max_age: HeaderValue,
    pub credentials: bool,
    pub condition: Option<Condition>,
    /// `Vary` for actual responses: `Origin`, then the resource's `vary:` names.
    pub vary: HeaderValue,
    /// The same names, lowercase, to merge with a `Vary` the inner service set.
    pub vary_names: &'static [&'static str],
    /// `private_network: true`: answer Private Network Access preflights (legacy, opt-in).
    pub private_network: bool,
}

/// The request headers a resource accepts.
#[doc(hidden)]
pub enum AllowedHeaders {
    Any,
    /// Lowercase names: the always-allowed ones and the resource's own.
    Listed(&'static [&'static str]),
}

impl ExactOrigins {
    /// The blocks that list `origin` exactly, in ascending order.
    pub(crate) fn blocks_listing(&self, origin: &[u8]) -> &'static [u16] {
        if self.slots.is_empty() {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let mut index = crate::syntax::origin_hash(origin) as usize & mask;
        for _ in 0..self.max_probes {
            let slot = &self.slots[index];
            if slot.origin.is_empty() {
                break;
            }
            if slot.origin.as_bytes() == origin {
                return slot.blocks;
            }
            index = (index + 1) & mask;
        }
        &[]
    }
}
