#![deny(missing_docs)]
#![forbid(unsafe_code)]
//! Tenants' front-end origins, kept in a database, served by every replica's
//! [`Live`](corsage::Live) policy: the table `tenants (tenant TEXT NOT NULL, origin TEXT NOT
//! NULL)` is read on a push signal and on a polling floor, and applied to a block with
//! `tenants from ...` through [`Live::replace_tenants`](corsage::Live::replace_tenants).
//!
//! - [`TenantSync`]: applies the rows read (bad rows reported and skipped, good rows applied),
//!   skips a read that changes nothing, and keeps the last good policy whenever the source fails.
//!   Every outcome is an [`Event`] with the policy version, one line when printed.
//! - [`sqlite`] (feature `sqlite`): one machine's database, embedded.
//! - [`postgres`] (feature `postgres`): a fleet's, with `LISTEN`/`NOTIFY` through a trigger the
//!   kit installs, a polling floor for lost notifications, and reconnection.

mod event;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
pub mod sqlite;
mod sync;

pub use event::Event;
pub use sync::TenantSync;
