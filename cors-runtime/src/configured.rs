//! Origins supplied at run time (from configuration), checked with the rules the macro applies
//! at compile time: one validator, two front ends.

use std::collections::BTreeMap;
use std::fmt;

use crate::syntax::{exact_origin_slots, OriginPattern};
use crate::table::{Block, ExactOrigins, ExactSlot, Policy, Subdomains};
use crate::Cors;

/// Why origins from configuration were refused: which one, and what to write instead.
///
/// ```
/// # use corsage::{cors, Cors};
/// # static CORS: Cors = cors! { allow { origins "https://a.example"; resource "*"; } };
/// let error = CORS.with_origins(0, "https://b.example, https://C.example").unwrap_err();
/// assert_eq!((error.position(), error.origin()), (2, "https://C.example"));
/// assert!(error.to_string().ends_with("write \"https://c.example\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginsError {
    position: usize,
    origin: String,
    problem: String,
}

impl OriginsError {
    /// The refused origin as it was given.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Its position in the list, counted from 1.
    pub fn position(&self) -> usize {
        self.position
    }
}

impl fmt::Display for OriginsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "origin {} ({:?}): {}",
            self.position, self.origin, self.problem
        )
    }
}

impl std::error::Error for OriginsError {}

fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

impl Cors {
    /// Adds origins read at start-up, such as a comma-separated environment variable, to the
    /// `allow` block at `block` (counted from zero in the order written), and returns the policy
    /// with them. The policy's own origins stay; the new exact origins go into the same kind of
    /// hash table, whose lookup cost does not grow with its size.
    ///
    /// Each origin is checked with the macro's rules: canonical form (the error suggests the
    /// corrected string), no `"*"` or `"null"` (write those in the policy), no origin listed
    /// twice, and in a block with credentials no plain-http origin off loopback and private
    /// networks and no wildcard unless the block is `unsafe allow`. Call it once at start-up:
    /// the new table lives as long as the program. (Unlike the macro, this does not consult the
    /// Public Suffix List.)
    ///
    /// ```
    /// use corsage::{cors, Cors};
    ///
    /// static CORS: Cors = cors! {
    ///     allow {
    ///         origins "https://app.example.com";
    ///         resource "/api/*", credentials: true;
    ///     }
    /// };
    ///
    /// let configured = "https://staging.example.com, https://beta.example.com";
    /// let cors = CORS.with_origins(0, configured).unwrap();
    /// cors.probe("GET /api/items").origin("https://beta.example.com").assert_allowed();
    ///
    /// let error = CORS.with_origins(0, "https://staging.example.com/").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "origin 1 (\"https://staging.example.com/\"): an origin has no trailing slash, and browsers never send one; write \"https://staging.example.com\"",
    /// );
    /// ```
    pub fn with_origins(&self, block: usize, list: &str) -> Result<Cors, OriginsError> {
        self.configured(block, list, false)
    }

    /// Like [`with_origins`](Cors::with_origins), but the listed origins replace the block's
    /// exact and wildcard origins (its `"*"`, `"null"`, regexes and functions stay): for a front
    /// end whose origins differ per deployment, with the compiled ones as the default when the
    /// configuration is absent. An empty list is refused, as it would allow nothing.
    ///
    /// ```
    /// use corsage::{cors, Cors};
    ///
    /// static CORS: Cors = cors! {
    ///     allow {
    ///         origins "http://localhost:3000";
    ///         resource "/api/*", credentials: true;
    ///     }
    /// };
    ///
    /// let cors = CORS.replacing_origins(0, "https://app.example.com").unwrap();
    /// cors.probe("GET /api/x").origin("https://app.example.com").assert_allowed();
    /// cors.probe("GET /api/x").origin("http://localhost:3000").assert_reason("OriginRefused");
    /// assert!(CORS.replacing_origins(0, " , ").is_err());
    /// ```
    pub fn replacing_origins(&self, block: usize, list: &str) -> Result<Cors, OriginsError> {
        self.configured(block, list, true)
    }

    fn configured(&self, block: usize, list: &str, replace: bool) -> Result<Cors, OriginsError> {
        let policy = self.policy;
        let refuse = |position: usize, origin: &str, problem: String| OriginsError {
            position,
            origin: origin.to_owned(),
            problem,
        };
        let Some(target) = policy.blocks.get(block) else {
            return Err(refuse(
                0,
                "",
                format!(
                    "the policy has {} allow blocks; there is no block {block}",
                    policy.blocks.len()
                ),
            ));
        };
        let credentials = target.resources.iter().any(|resource| resource.credentials);
        let mut exact: Vec<String> = Vec::new();
        let mut subdomains: Vec<Subdomains> = Vec::new();
        let items = list
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty());
        for (index, item) in items.enumerate() {
            let position = index + 1;
            let pattern = OriginPattern::parse(item)
                .map_err(|error| refuse(position, item, error.to_string()))?;
            let unprovable = match &pattern {
                OriginPattern::Any | OriginPattern::Null => {
                    return Err(refuse(position, item, "\"*\" and \"null\" change what a block is; write them in the policy itself".to_owned()));
                }
                OriginPattern::Subdomains { .. } => Some("a wildcard origin".to_owned()),
                other => other.insecure_http_host().map(|host| {
                    format!("plain http, which anyone on the network to {host} can impersonate")
                }),
            };
            if let (true, false, Some(why)) = (credentials, target.acknowledged, unprovable) {
                return Err(refuse(position, item, format!("this block allows credentials, and this origin is {why}; the policy must say `unsafe allow` for that")));
            }
            match pattern {
                OriginPattern::Subdomains { scheme, suffix } => subdomains.push(Subdomains {
                    scheme: scheme.map(|scheme| &*Box::leak(scheme.into_boxed_str())),
                    suffix: Box::leak(suffix.into_boxed_str()),
                }),
                other => {
                    for origin in other.exact_origins() {
                        if exact.contains(&origin) {
                            return Err(refuse(
                                position,
                                item,
                                "listed twice; remove one".to_owned(),
                            ));
                        }
                        exact.push(origin);
                    }
                }
            }
        }
        if replace && exact.is_empty() && subdomains.is_empty() {
            return Err(refuse(
                0,
                list,
                "no origins given, so the block would allow none".to_owned(),
            ));
        }
        Ok(Cors::from_table(Box::leak(Box::new(extended(
            policy, block, exact, subdomains, replace,
        )))))
    }
}

/// `policy` with `exact` and `subdomains` added to the block at `index`, or put in place of its
/// own with `replace`.
fn extended(
    policy: &'static Policy,
    index: usize,
    exact: Vec<String>,
    subdomains: Vec<Subdomains>,
    replace: bool,
) -> Policy {
    let block = u16::try_from(index).unwrap_or(u16::MAX);
    let mut listing: BTreeMap<&'static str, Vec<u16>> = BTreeMap::new();
    for slot in policy
        .exact_origins
        .slots
        .iter()
        .filter(|slot| !slot.origin.is_empty())
    {
        let kept = slot.blocks.iter().filter(|&&b| !(replace && b == block));
        listing.entry(slot.origin).or_default().extend(kept);
    }
    listing.retain(|_, blocks| !blocks.is_empty());
    for origin in exact {
        let blocks = listing
            .entry(Box::leak(origin.into_boxed_str()))
            .or_default();
        if !blocks.contains(&block) {
            blocks.push(block);
            blocks.sort_unstable();
        }
    }
    let listing: Vec<(&'static str, Vec<u16>)> = listing.into_iter().collect();
    let origins: Vec<&str> = listing.iter().map(|(origin, _)| *origin).collect();
    let (slots, max_probes) = exact_origin_slots(&origins);
    let slots = slots
        .into_iter()
        .map(|slot| match slot {
            Some(position) => ExactSlot {
                origin: listing[position].0,
                blocks: leak(listing[position].1.clone()),
            },
            None => ExactSlot {
                origin: "",
                blocks: &[],
            },
        })
        .collect();
    let added_patterns = !subdomains.is_empty();
    let blocks = policy
        .blocks
        .iter()
        .enumerate()
        .map(|(i, old)| Block {
            any_origin: old.any_origin,
            null_origin: old.null_origin,
            subdomains: match (i == index, replace) {
                (true, true) => leak(subdomains.clone()),
                (true, false) if added_patterns => {
                    leak(old.subdomains.iter().chain(&subdomains).copied().collect())
                }
                _ => old.subdomains,
            },
            regexes: old.regexes,
            predicates: old.predicates,
            resources: old.resources,
            acknowledged: old.acknowledged,
        })
        .collect();
    Policy {
        blocks: leak(blocks),
        exact_origins: ExactOrigins {
            slots: leak(slots),
            max_probes,
        },
        origin_patterns: policy.origin_patterns || added_patterns,
        refused_preflight_status: policy.refused_preflight_status,
        debug_header: policy.debug_header,
    }
}
