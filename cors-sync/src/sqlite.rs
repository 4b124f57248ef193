//! The SQLite source: one machine's tenants, in an embedded database file that other programs
//! write (`sqlite3 tenants.sqlite "INSERT INTO tenants VALUES (...)"`).
//!
//! SQLite has no notifications between processes; its `data_version` counter, which changes
//! when another connection commits, stands in for one: checking it costs a few microseconds, so
//! the kit checks often and reads the table only when it changed.

use std::time::Duration;

use rusqlite::Connection;

use crate::event::Event;
use crate::sync::TenantSync;

/// Creates the table `tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL)` if it is missing.
pub fn prepare(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "CREATE TABLE IF NOT EXISTS tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL)",
    )
}

/// Every (tenant, origin) row of the table.
pub fn read(db: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut statement = db.prepare_cached("SELECT tenant, origin FROM tenants")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    rows.collect()
}

/// Applies the table to `sync` now, then whenever it changed, checking every `every`; passes
/// each event to `report`. Never returns: run it on a thread of its own. A table that cannot be
/// read keeps the running policy and is read again at the next check.
pub fn keep_in_sync(
    mut sync: TenantSync,
    db: &Connection,
    every: Duration,
    mut report: impl FnMut(Event),
) -> ! {
    let mut read_at = None;
    loop {
        let event = match read_if_changed(db, read_at) {
            Ok(None) => None,
            Ok(Some((version, rows))) => {
                read_at = Some(version);
                sync.apply(rows)
            }
            Err(error) => {
                read_at = None;
                sync.failed(error)
            }
        };
        if let Some(event) = event {
            report(event);
        }
        std::thread::sleep(every);
    }
}

/// The table's data version, and its rows.
type Read = (i64, Vec<(String, String)>);

/// The table's data version and rows, unless the version is still `read_at`.
fn read_if_changed(db: &Connection, read_at: Option<i64>) -> rusqlite::Result<Option<Read>> {
    let version = db.query_row("PRAGMA data_version", [], |row| row.get(0))?;
    if read_at == Some(version) {
        return Ok(None);
    }
    Ok(Some((version, read(db)?)))
}
