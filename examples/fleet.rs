//! One replica of a fleet: tenants' front-end origins kept in PostgreSQL, served by every
//! replica under the same per-tenant policy as `examples/tenants.rs`, with metrics.
//!
//!     DATABASE_URL=postgres://USER@127.0.0.1:PORT/DB PORT=8000 POLL_MS=5000 cargo run --example fleet
//!     psql "$DATABASE_URL" -c "INSERT INTO tenants VALUES ('acme', 'https://shop.acme.example')"
//!
//! It creates the table `tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL)` and its
//! notification trigger if they are missing, and serves `GET /t/{tenant}/api/{*rest}` (a small
//! JSON body, its preflights answered by the layer) and `GET /metrics` (Prometheus text). A
//! change reaches every replica through `NOTIFY` at once, and through the polling floor
//! (`POLL_MS`, default 5000) when a notification was lost. While the database is down the
//! replica serves the last good policy; it catches up when the database returns. Each update
//! applied or refused is one line on stderr with the policy version. `HOSTS` (comma-separated)
//! declares the server's own hosts.

use std::time::{Duration, Instant};

use axum::routing::get;
use corsage_sync::{TenantSync, postgres};
use metrics_exporter_prometheus::PrometheusBuilder;

#[path = "common/shops.rs"]
mod shops;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let database = std::env::var("DATABASE_URL")
        .map_err(|_| std::io::Error::other("set DATABASE_URL=postgres://USER@HOST:PORT/DB"))?;
    let poll = std::env::var("POLL_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(5), Duration::from_millis);
    let metrics = PrometheusBuilder::new()
        .install_recorder()
        .map_err(std::io::Error::other)?;
    let live = shops::CORS.to_live();
    shops::own_hosts(&live)?;
    let sync = TenantSync::new(live.clone(), "tenants");
    tokio::spawn(async move {
        postgres::keep_in_sync(sync, &database, poll, |event| eprintln!("{event}")).await
    });
    // The first read is awaited for a moment, so that a replica starting beside a reachable
    // database serves its tenants from its first request; an unreachable one does not hold it.
    let start = Instant::now();
    while live.version() == 1 && start.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let app = shops::app(live).route(
        "/metrics",
        get(move || std::future::ready(metrics.render())),
    );
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("corsage fleet example on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
