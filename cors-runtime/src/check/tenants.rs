//! Origins per tenant: where a block reads the tenant (one `{tenant}` segment at the same place
//! in every resource's path, or the first label of a host pattern), and the rules every stored
//! entry passes before it is served: one exact origin, named by a well-formed tenant, each once.

use std::collections::HashMap;
use std::fmt;

use crate::check::checked::TenantLookup;
use crate::model::policy::{AllowBlock, Path, TenantKey};
use crate::syntax::{OriginPattern, parse_own_host};

use super::problem::Spelling;
use super::{Location, Problem};

/// Where the block reads its tenant, if it has tenants and they can be read.
pub(super) fn check_tenant_key(
    index: usize,
    block: &AllowBlock,
    problems: &mut Vec<Problem>,
) -> Option<TenantLookup> {
    let key = block.tenants.as_ref()?;
    let location = Location::Tenants { block: index };
    let before = problems.len();
    if block.name.is_none() {
        problems.push(Problem::spelt(location, |spelling| {
            let named = match spelling {
                Spelling::Macro => "`allow \"shops\" { ... }`",
                Spelling::File => "`name = \"shops\"`",
            };
            format!("a block with tenants needs a name, by which updates address it, as in {named}")
        }));
    }
    let lookup = match key {
        TenantKey::Path => tenant_segment(index, block, problems).map(TenantLookup::Segment),
        TenantKey::Host(pattern) => match host_suffix(pattern) {
            Ok(suffix) => Some(TenantLookup::HostLabel(suffix.into())),
            Err(problem) => {
                problems.push(Problem::new(location, problem));
                None
            }
        },
    };
    (problems.len() == before).then_some(lookup).flatten()
}

/// The index of the `{tenant}` segment, the same in every resource's path.
fn tenant_segment(index: usize, block: &AllowBlock, problems: &mut Vec<Problem>) -> Option<usize> {
    let mut found: Option<usize> = None;
    for (resource, written) in block.resource.iter().enumerate() {
        let location = Location::Resource {
            block: index,
            resource,
        };
        let at = match &written.path {
            Path::Pattern(pattern) => pattern
                .split('/')
                .position(|segment| segment == "{tenant}" || segment == ":tenant")
                .filter(|&at| !pattern.split('/').take(at).any(|s| s.contains('*'))),
            Path::Regex { .. } => None,
        };
        match (at, found) {
            (None, _) => problems.push(Problem::new(
                location,
                "a resource of a block with tenants from the path names the tenant as a whole segment before any `*`, as in \"/t/{tenant}/api/*\"",
            )),
            (Some(at), Some(first)) if at != first => problems.push(Problem::new(
                location,
                format!("`{{tenant}}` is segment {at} here and segment {first} in the block's first resource; put it at the same place in every path"),
            )),
            (Some(at), _) => found = Some(at),
        }
    }
    found
}

/// `{tenant}.api.example.com` → `.api.example.com`.
fn host_suffix(pattern: &str) -> Result<String, String> {
    let Some(rest) = pattern.strip_prefix("{tenant}.") else {
        return Err(format!(
            "{pattern:?} does not start with `{{tenant}}.`: the tenant is the host's first label, as in \"{{tenant}}.api.example.com\""
        ));
    };
    let host = parse_own_host(rest).map_err(|error| error.to_string())?;
    if host.subdomains || host.port.is_some() {
        return Err(format!(
            "after `{{tenant}}.` comes the domain alone, without `*` or a port, as in \"{{tenant}}.api.example.com\"; not {rest:?}"
        ));
    }
    Ok(format!(".{}", host.host))
}

/// The problem with a tenant's name, if any: it is what requests carry, a path segment or a
/// host's first label.
fn tenant_name_problem(tenant: &str, lookup: &TenantLookup) -> Option<String> {
    match lookup {
        _ if tenant.is_empty() => Some("a tenant needs a name".to_owned()),
        TenantLookup::Segment(_) if tenant.contains('/') => {
            Some("a tenant named in the path is one segment, without `/`".to_owned())
        }
        TenantLookup::HostLabel(_)
            if tenant.len() > 63
                || !tenant
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Some("a tenant named by the host is one DNS label: lowercase letters, digits and `-`, at most 63".to_owned())
        }
        _ => None,
    }
}

/// The problem with one tenant's origin, if any. It is one exact origin: a pattern would let
/// other sites in on the tenant's paths. With credentials, plain http needs the block's `unsafe`
/// (anyone on the network path can impersonate such a site), loopback excepted.
pub(crate) fn tenant_origin(origin: &str, block: &AllowBlock) -> Result<String, String> {
    let pattern = OriginPattern::parse(origin).map_err(|error| error.to_string())?;
    let OriginPattern::Exact(exact) = &pattern else {
        return Err("a tenant's origin is one exact origin, such as \"https://shop.example\": `*`, `null`, wildcards and patterns would let other sites in on this tenant's paths".to_owned());
    };
    let credentials = block.resource.iter().any(|resource| resource.credentials);
    let plain_http = pattern
        .insecure_http_host()
        .or_else(|| pattern.private_network_host());
    if let (true, false, Some(host)) = (credentials, block.acknowledged, plain_http) {
        return Err(format!(
            "plain http with credentials: whoever holds {host} on the user's network can impersonate it; serve the front end over https"
        ));
    }
    Ok(exact.clone())
}

/// A tenant and its checked origins.
pub(crate) type CheckedTenant = (String, Vec<Box<str>>);

/// The good entries of `rows` (tenant, origin) for `block`, grouped by tenant, each once; and
/// every refused one with its reason.
pub(crate) fn check_tenant_rows<T, O>(
    rows: impl IntoIterator<Item = (T, O)>,
    block: &AllowBlock,
    lookup: &TenantLookup,
) -> (Vec<CheckedTenant>, TenantUpdate)
where
    T: Into<String>,
    O: Into<String>,
{
    let rows = rows.into_iter();
    let mut by_tenant: HashMap<String, Vec<Box<str>>> = HashMap::with_capacity(rows.size_hint().0);
    let mut update = TenantUpdate::default();
    for (tenant, origin) in rows {
        let (tenant, origin) = (tenant.into(), origin.into());
        let checked = match tenant_name_problem(&tenant, lookup) {
            Some(problem) => Err(problem),
            None => tenant_origin(&origin, block),
        };
        let problem = match checked {
            Err(problem) => problem,
            Ok(exact) => match by_tenant.get_mut(&tenant) {
                None => {
                    by_tenant.insert(tenant, vec![exact.into_boxed_str()]);
                    continue;
                }
                Some(origins) if !origins.iter().any(|stored| **stored == *exact) => {
                    origins.push(exact.into_boxed_str());
                    continue;
                }
                Some(_) => "listed twice for this tenant; remove one".to_owned(),
            },
        };
        update.refused.push(RefusedTenantOrigin {
            tenant,
            origin,
            problem,
        });
    }
    update.tenants = by_tenant.len();
    update.origins = by_tenant.values().map(Vec::len).sum();
    (by_tenant.into_iter().collect(), update)
}

/// One stored entry a tenant update could not apply: its tenant and its value as stored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefusedTenantOrigin {
    /// The tenant, as given.
    pub tenant: String,
    /// The origin, as given.
    pub origin: String,
    /// What is wrong, and what to write instead.
    pub problem: String,
}

impl fmt::Display for RefusedTenantOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "tenant {:?}, origin {:?}: {}",
            self.tenant, self.origin, self.problem
        )
    }
}

/// What a tenant update applied, and every entry it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TenantUpdate {
    /// Tenants with at least one origin, after the update.
    pub tenants: usize,
    /// Origins stored, over every tenant, after the update.
    pub origins: usize,
    /// The entries left out, each with its reason; the others were applied.
    pub refused: Vec<RefusedTenantOrigin>,
}
