//! Origins per tenant. A block with `tenants from path;` (or `from host "..."`) accepts, besides
//! its own origins, the origins stored for the request's tenant, and no other tenant's: tenant
//! A's front end cannot call tenant B's API. The tenant is read from one path segment or from the
//! first label of the host the request was sent to; its origins are looked up in a keyed table
//! (flat in the number of tenants, and safe from keys chosen to collide), replaced while serving.

use std::fmt;
use std::sync::Arc;

use crate::head::RequestHead;
use crate::keyed_table::KeyedTable;
use crate::own_hosts::{sent_to, split_port};
use crate::short_bytes::same_bytes;

/// Where a block reads the request's tenant, as the checker decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TenantLookup {
    /// The path's segment at this index, counted as `path.split('/')` does (`/t/{tenant}/...`:
    /// 2).
    Segment(usize),
    /// The host's first label, when the rest is this suffix (`.api.example.com`), lowercase.
    HostLabel(Box<str>),
}

/// Every tenant's origins, serialized and checked, by tenant.
pub(crate) type TenantTable = KeyedTable<Box<[Box<str>]>>;

/// A block's tenants: where to read the tenant, and their origins.
pub(crate) struct TenantOrigins {
    pub lookup: TenantLookup,
    pub table: Arc<TenantTable>,
}

impl TenantOrigins {
    /// Whether `origin` is one of the origins of the request's tenant.
    pub(crate) fn accept(&self, origin: &[u8], head: &RequestHead<'_>) -> bool {
        if self.table.is_empty() {
            return false;
        }
        let Some(tenant) = self.lookup.tenant_of(head) else {
            return false;
        };
        self.table.get(tenant).is_some_and(|origins| {
            origins
                .iter()
                .any(|allowed| same_bytes(allowed.as_bytes(), origin))
        })
    }
}

impl TenantLookup {
    /// The request's tenant, as the table keys it.
    pub(crate) fn tenant_of<'a>(&self, head: &RequestHead<'a>) -> Option<&'a [u8]> {
        match self {
            TenantLookup::Segment(index) => {
                let segment = head.uri().path().split('/').nth(*index)?;
                (!segment.is_empty()).then_some(segment.as_bytes())
            }
            TenantLookup::HostLabel(suffix) => {
                let (host, _) = split_port(sent_to(head)?)?;
                let host = host.strip_suffix(b".").unwrap_or(host);
                let label_end = host.len().checked_sub(suffix.len())?;
                let (label, rest) = host.split_at(label_end);
                let is_label = !label.is_empty() && !label.contains(&b'.');
                // Tenants are stored in lowercase, as hosts are compared.
                let lowercase = !label.iter().any(u8::is_ascii_uppercase);
                (is_label && lowercase && rest.eq_ignore_ascii_case(suffix.as_bytes()))
                    .then_some(label)
            }
        }
    }
}

/// One stored entry a tenant update could not apply: its tenant and its value as stored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
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
pub struct TenantUpdate {
    /// Tenants with at least one origin, after the update.
    pub tenants: usize,
    /// Origins stored, over every tenant, after the update.
    pub origins: usize,
    /// The entries left out, each with its reason; the others were applied.
    pub refused: Vec<RefusedTenantOrigin>,
}
