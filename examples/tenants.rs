//! Tenants' front-end origins kept in a database (SQLite, embedded), each tenant's allowed only
//! on its own paths: the page of tenant A's shop may call `/t/a/api/...` with the user's
//! cookies, never `/t/b/api/...`. The server applies the table to a live policy whenever it
//! changed (checked every `REFRESH_MS`) rather than querying it per request.
//!
//!     TENANTS_DB=tenants.sqlite PORT=8000 REFRESH_MS=1000 cargo run --example tenants
//!     sqlite3 tenants.sqlite "INSERT INTO tenants VALUES ('acme', 'https://shop.acme.example')"
//!
//! `GET /t/{tenant}/api/{*rest}` answers a small JSON body; its preflights are answered by the
//! layer. `https://app.example.com`, the company's own front end, may call every tenant's
//! paths. Every row is checked at every change: a bad row (`*`, `null`,
//! `https://Shop.example/`, a duplicate) is reported on stderr with its tenant and value, and
//! every good row still applies; an empty table is valid. `HOSTS` (comma-separated) declares the
//! server's own hosts. For replicas sharing a PostgreSQL database, see `examples/fleet.rs`.

use std::time::Duration;

use corsage_sync::{TenantSync, sqlite};
use rusqlite::Connection;

#[path = "common/shops.rs"]
mod shops;
pub use shops::CORS;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let path = std::env::var("TENANTS_DB").unwrap_or_else(|_| "tenants.sqlite".into());
    let every = std::env::var("REFRESH_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis);
    let db = Connection::open(&path).map_err(std::io::Error::other)?;
    sqlite::prepare(&db).map_err(std::io::Error::other)?;
    let live = CORS.to_live();
    shops::own_hosts(&live)?;
    let sync = TenantSync::new(live.clone(), "tenants");
    std::thread::spawn(move || {
        sqlite::keep_in_sync(sync, &db, every, |event| eprintln!("{path}: {event}"))
    });
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "corsage tenants example on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, shops::app(live)).await
}
