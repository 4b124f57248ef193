//! Tenants' front-end origins kept in a database (SQLite, embedded): the server pushes them into
//! a live policy on a timer, rather than querying the store on every request. A tenant added to
//! the table is allowed after the next refresh, without a restart.
//!
//!     TENANTS_DB=tenants.sqlite PORT=8000 cargo run --example tenants
//!     sqlite3 tenants.sqlite "INSERT INTO tenants (origin) VALUES ('https://shop.example')"
//!
//! Every refresh is checked with every rule: a row that fails (say `https://Shop.example/`) is
//! reported, with the corrected string, and the previous origins keep serving.

use std::time::Duration;

use axum::routing::get;
use axum::Router;
use corsage::{cors, Cors, Live, Origin};
use rusqlite::Connection;

/// The policy: the company's own front end, and the tenants' block, whose origins come from the
/// database.
pub static CORS: Cors = cors! {
    allow "tenants" {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, post], headers: "content-type";
    }
};

/// Creates the table if it is not there.
pub fn prepare(db: &Connection) -> rusqlite::Result<()> {
    db.execute_batch("CREATE TABLE IF NOT EXISTS tenants (origin TEXT NOT NULL PRIMARY KEY)")
}

/// Puts the compiled origins and every tenant's in the tenants block; returns how many tenants.
pub fn refresh(live: &Live, db: &Connection) -> Result<usize, String> {
    let mut statement = db
        .prepare("SELECT origin FROM tenants ORDER BY origin")
        .map_err(|error| error.to_string())?;
    let tenants: Vec<Origin> = statement
        .query_map([], |row| row.get::<_, String>(0))
        .and_then(|rows| rows.map(|row| row.map(Origin::from)).collect())
        .map_err(|error| error.to_string())?;
    let count = tenants.len();
    let mut origins = CORS.policy().allow[0].origins.clone();
    origins.extend(tenants);
    live.replace_origins("tenants", origins)
        .map_err(|problems| problems.to_string())?;
    Ok(count)
}

pub fn app(live: Live) -> Router {
    Router::new()
        .route("/api/items", get(|| async { "[]" }))
        .layer(live)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let path = std::env::var("TENANTS_DB").unwrap_or_else(|_| "tenants.sqlite".into());
    let db = Connection::open(&path).map_err(std::io::Error::other)?;
    prepare(&db).map_err(std::io::Error::other)?;
    let live = CORS.to_live();
    if let Err(problems) = refresh(&live, &db) {
        eprintln!("{path}: tenants refused:\n{problems}");
    }
    let refreshing = live.clone();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(5));
        if let Err(problems) = refresh(&refreshing, &db) {
            eprintln!("{path}: tenants refused, the previous ones stay:\n{problems}");
        }
    });
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "corsage tenants example on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, app(live)).await
}
