//! Tenants' front-end origins kept in a database (SQLite, embedded), each tenant's allowed only
//! on its own paths: the page of tenant A's shop may call `/t/a/api/...` with the user's
//! cookies, never `/t/b/api/...`. The server reads the table into a live policy on a timer
//! rather than querying it per request; a row added is served after the next refresh.
//!
//!     TENANTS_DB=tenants.sqlite PORT=8000 REFRESH_MS=1000 cargo run --example tenants
//!     sqlite3 tenants.sqlite "INSERT INTO tenants VALUES ('acme', 'https://shop.acme.example')"
//!
//! `GET /t/{tenant}/api/{*rest}` answers a small JSON body; its preflights are answered by the
//! layer. `https://app.example.com`, the company's own front end, may call every tenant's
//! paths. Every row is checked at every refresh: a bad row (`*`, `null`,
//! `https://Shop.example/`, a duplicate) is reported on stderr with its tenant and value, and
//! every good row still applies; an empty table is valid. `HOSTS` (comma-separated) declares the
//! server's own hosts.

use std::time::Duration;

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use corsage::{cors, Cors, Live, TenantUpdate};
use rusqlite::Connection;

/// The policy: one block, whose origins are the company's front end plus, per tenant, the
/// tenant's own, filled from the database.
pub static CORS: Cors = cors! {
    allow "tenants" {
        tenants from path;
        origins "https://app.example.com";
        resource "/t/{tenant}/api/*",
            methods: [get, post, put, patch, delete],
            headers: any,
            credentials: true;
    }
};

/// Creates the table if it is not there.
pub fn prepare(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch(
        "CREATE TABLE IF NOT EXISTS tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL)",
    )
}

/// Replaces every tenant's origins with the table's rows; the good ones apply, the others come
/// back with their reasons. An error only when the table cannot be read (the policy stays).
pub fn refresh(live: &Live, db: &Connection) -> Result<TenantUpdate, String> {
    let mut statement = db
        .prepare("SELECT tenant, origin FROM tenants ORDER BY rowid")
        .map_err(|error| error.to_string())?;
    let rows: Vec<(String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .and_then(Iterator::collect)
        .map_err(|error| error.to_string())?;
    live.replace_tenants("tenants", rows)
        .map_err(|problems| problems.to_string())
}

pub fn app(live: Live) -> Router {
    async fn api(Path((tenant, rest)): Path<(String, String)>) -> Json<serde_json::Value> {
        Json(serde_json::json!({ "tenant": tenant, "path": rest }))
    }
    Router::new()
        .route("/t/{tenant}/api/{*rest}", get(api))
        .layer(live)
}

/// Refreshes every `every`, and says on stderr what changed: the counts, and each refused row
/// (once, when it first appears).
fn keep_refreshing(live: Live, db: Connection, path: String, every: Duration) {
    let mut reported: Option<TenantUpdate> = None;
    loop {
        match refresh(&live, &db) {
            Ok(update) if reported.as_ref() != Some(&update) => {
                let before = reported
                    .as_ref()
                    .map(|r| r.refused.as_slice())
                    .unwrap_or(&[]);
                for refused in update.refused.iter().filter(|r| !before.contains(r)) {
                    eprintln!("{path}: row refused: {refused}");
                }
                eprintln!(
                    "{path}: serving {} origins of {} tenants ({} rows refused)",
                    update.origins,
                    update.tenants,
                    update.refused.len()
                );
                reported = Some(update);
            }
            Ok(_) => {}
            Err(error) => eprintln!("{path}: cannot read the tenants ({error}); the policy stays"),
        }
        std::thread::sleep(every);
    }
}

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
    prepare(&db).map_err(std::io::Error::other)?;
    let live = CORS.to_live();
    if let Ok(hosts) = std::env::var("HOSTS") {
        let hosts = hosts.split(',').map(str::trim).filter(|h| !h.is_empty());
        live.replace_hosts(hosts.map(str::to_owned))
            .map_err(|problems| std::io::Error::other(problems.to_string()))?;
    }
    let refreshing = live.clone();
    std::thread::spawn(move || keep_refreshing(refreshing, db, path, every));
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "corsage tenants example on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, app(live)).await
}
