//! A live policy's tenants: their origins replaced, all at once or one tenant's, and carried
//! over when the whole policy is replaced. Every entry is checked by the checker's rules for
//! tenants; a request never sees half an update.

use std::sync::Arc;

use crate::check::checked::TenantLookup;
use crate::check::tenants::{TenantUpdate, check_tenant_rows};
use crate::check::{Location, Problem, Problems, Spelling};
use crate::table::CompiledPolicy;
use crate::table::compile::{Lifetime, compile};
use crate::table::tenants::{TenantTable, tenant_table};

use super::{Beside, Live, Snapshot};

impl Live {
    /// Replaces the origins of every tenant of the block named `block` (one with
    /// `tenants from ...`) by `rows` of (tenant, origin), as a database holds them. Each entry is
    /// checked: one exact origin per entry, plain http only on loopback where the block grants
    /// credentials (unless the block is `unsafe`), a well-formed tenant, each origin once per
    /// tenant. The good entries are applied and the others returned with their reasons, in one
    /// step: no request sees half an update. An empty list revokes every tenant.
    ///
    /// ```
    /// use corsage::{cors, Cors};
    ///
    /// static CORS: Cors = cors! {
    ///     allow "shops" {
    ///         tenants from path;
    ///         origins "https://app.example.com";
    ///         resource "/t/{tenant}/api/*", credentials: true;
    ///     }
    /// };
    /// let live = CORS.to_live();
    /// let update = live
    ///     .replace_tenants("shops", [("acme", "https://acme.example"), ("zed", "*")])
    ///     .unwrap();
    /// assert_eq!((update.tenants, update.origins), (1, 1));
    /// assert_eq!(update.refused[0].tenant, "zed");
    /// let snapshot = live.snapshot();
    /// snapshot.probe("GET /t/acme/api/x").origin("https://acme.example").assert_allowed();
    /// snapshot.probe("GET /t/zed/api/x").origin("https://acme.example").assert_reason("OriginRefused");
    /// ```
    pub fn replace_tenants<T, O>(
        &self,
        block: &str,
        rows: impl IntoIterator<Item = (T, O)>,
    ) -> Result<TenantUpdate, Problems>
    where
        T: Into<String>,
        O: Into<String>,
    {
        let _writer = self.lock_writer();
        let current = self.shared.current.load_full();
        let (index, lookup) = self.tenants_block(&current, block)?;
        Ok(self.swap_tenants(&current, index, &lookup, rows))
    }

    /// Replaces the origins of one tenant of the block named `block`, checked as in
    /// [`replace_tenants`](Live::replace_tenants); the other tenants keep theirs. No origins
    /// revokes the tenant.
    pub fn replace_tenant<O>(
        &self,
        block: &str,
        tenant: &str,
        origins: impl IntoIterator<Item = O>,
    ) -> Result<TenantUpdate, Problems>
    where
        O: Into<String>,
    {
        // The other tenants' rows are read under the writer lock, so that no update made
        // meanwhile is lost.
        let _writer = self.lock_writer();
        let current = self.shared.current.load_full();
        let (index, lookup) = self.tenants_block(&current, block)?;
        let table = current.compiled.blocks[index]
            .tenants
            .as_ref()
            .map(|t| t.table.clone());
        let mut rows = table.as_deref().map(tenant_rows).unwrap_or_default();
        rows.retain(|(stored, _)| stored != tenant);
        let new = origins
            .into_iter()
            .map(|origin| (tenant.to_owned(), origin.into()));
        Ok(self.swap_tenants(&current, index, &lookup, rows.into_iter().chain(new)))
    }

    /// Serves `current` with the tenants of block `index` replaced by `rows`, checked; the
    /// caller holds the writer lock.
    fn swap_tenants<T, O>(
        &self,
        current: &Snapshot,
        index: usize,
        lookup: &TenantLookup,
        rows: impl IntoIterator<Item = (T, O)>,
    ) -> TenantUpdate
    where
        T: Into<String>,
        O: Into<String>,
    {
        let (grouped, update) = check_tenant_rows(rows, &current.model.allow[index], lookup);
        let table = tenant_table(grouped);
        let mut compiled = recompiled(current);
        if let Some(tenants) = &mut compiled.blocks[index].tenants {
            tenants.table = Arc::new(table);
        }
        let next = Snapshot {
            model: current.model.clone(),
            checked: current.checked.clone(),
            compiled,
            version: current.version,
            report_only: None,
        };
        self.commit(current, next, Beside::Kept);
        update
    }

    /// The index of the block named `block`, and where it reads its tenant.
    fn tenants_block(
        &self,
        snapshot: &Snapshot,
        block: &str,
    ) -> Result<(usize, TenantLookup), Problems> {
        let found = snapshot
            .model
            .allow
            .iter()
            .position(|allow| allow.name.as_deref() == Some(block));
        let lookup = found.and_then(|index| snapshot.checked.blocks[index].tenants.clone());
        match (found, lookup) {
            (Some(index), Some(lookup)) => Ok((index, lookup)),
            _ => {
                let problem = Problem::spelt(Location::Policy, |spelling| {
                    let example = match spelling {
                        Spelling::Macro => {
                            format!("`allow {block:?} {{ tenants from path; ... }}`")
                        }
                        Spelling::File => format!(
                            "`name = {block:?}` and `tenants = \"path\"` in its `[[allow]]` table"
                        ),
                    };
                    format!("no block named {block:?} has tenants; give one, as in {example}")
                });
                Err(Problems::from_vec(vec![problem]).spelt_in(self.shared.spelling))
            }
        }
    }
}

/// `next` with the tenants of `current` carried over, block by block name, each entry checked
/// again under the block it now belongs to; every entry the new policy refuses is a problem.
pub(super) fn carry_tenants(current: &Snapshot, next: Snapshot) -> Result<Snapshot, Problems> {
    let (next, problems) = with_tenants_of(current, next);
    match problems.is_empty() {
        true => Ok(next),
        false => Err(Problems::from_vec(problems)),
    }
}

/// `next` with the tenants of `current` it accepts, and a problem for each entry it refuses.
pub(super) fn with_tenants_of(current: &Snapshot, mut next: Snapshot) -> (Snapshot, Vec<Problem>) {
    let mut problems = Vec::new();
    for (index, block) in next.model.allow.iter().enumerate() {
        let Some(lookup) = &next.checked.blocks[index].tenants else {
            continue;
        };
        let Some(table) = tenant_table_named(current, block.name.as_deref()) else {
            continue;
        };
        let rows = tenant_rows(table);
        let (grouped, update) = check_tenant_rows(rows, block, lookup);
        let table = tenant_table(grouped);
        for refused in update.refused {
            problems.push(Problem::new(
                Location::Tenants { block: index },
                refused.to_string(),
            ));
        }
        if let Some(tenants) = &mut next.compiled.blocks[index].tenants {
            tenants.table = Arc::new(table);
        }
    }
    (next, problems)
}

/// `snapshot`'s table compiled again, sharing its tenants' tables.
pub(super) fn recompiled(snapshot: &Snapshot) -> CompiledPolicy {
    let mut compiled = compile(&snapshot.checked, Lifetime::Replaceable);
    for (next, now) in compiled
        .blocks
        .iter_mut()
        .zip(snapshot.compiled.blocks.iter())
    {
        if let (Some(next), Some(now)) = (&mut next.tenants, &now.tenants) {
            next.table = now.table.clone();
        }
    }
    compiled
}

/// The tenants' table of the block named `name`, if it has tenants.
fn tenant_table_named<'a>(snapshot: &'a Snapshot, name: Option<&str>) -> Option<&'a TenantTable> {
    let name = name?;
    let index = snapshot
        .model
        .allow
        .iter()
        .position(|block| block.name.as_deref() == Some(name))?;
    let tenants = snapshot.compiled.blocks[index].tenants.as_ref()?;
    Some(&tenants.table)
}

/// Every (tenant, origin) entry of a table.
fn tenant_rows(table: &TenantTable) -> Vec<(String, String)> {
    table
        .entries()
        .flat_map(|(tenant, origins)| {
            origins
                .iter()
                .map(move |origin| (tenant.to_owned(), origin.to_string()))
        })
        .collect()
}
