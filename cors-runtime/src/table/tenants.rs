//! Origins per tenant. A block with `tenants from path;` (or `from host "..."`) accepts, besides
//! its own origins, the origins stored for the request's tenant, and no other tenant's: tenant
//! A's front end cannot call tenant B's API. The tenant is read from one path segment or from the
//! first label of the host the request was sent to; its origins are looked up in a keyed table
//! (flat in the number of tenants, and safe from keys chosen to collide), replaced while serving.

use std::sync::Arc;

use crate::check::checked::TenantLookup;
use crate::check::tenants::CheckedTenant;
use crate::model::head::RequestHead;
use crate::table::keyed_table::KeyedTable;
use crate::table::own_hosts::{sent_to, split_port};
use crate::table::short_bytes::same_bytes;

/// Every tenant's origins, serialized and checked, by tenant.
pub(crate) type TenantTable = KeyedTable<Box<[Box<str>]>>;

/// A block's tenants: where to read the tenant, and their origins.
pub(crate) struct TenantOrigins {
    pub lookup: TenantLookup,
    pub table: Arc<TenantTable>,
}

impl TenantOrigins {
    /// Whether `origin` is one of the origins of the request's tenant. Inlined into the decision,
    /// which calls it once per request that reaches a tenants block (about 50 instructions less
    /// than a call, in `cargo bench -p corsage-bench --bench instructions`).
    #[inline]
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

/// The table of tenants' origins, grouped and checked (see `check::tenants`).
pub(crate) fn tenant_table(grouped: Vec<CheckedTenant>) -> TenantTable {
    KeyedTable::build(
        grouped
            .into_iter()
            .map(|(tenant, origins)| (tenant.into_boxed_str(), origins.into_boxed_slice())),
    )
}
