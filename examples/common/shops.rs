//! The policy and routes that `examples/tenants.rs` (one machine, SQLite) and `examples/fleet.rs`
//! (replicas, PostgreSQL) share: tenants' front ends, each allowed on its own paths only.

use axum::extract::Path;
use axum::routing::get;
use axum::{Json, Router};
use corsage::{Cors, Live, cors};

/// One block, whose origins are the company's front end plus, per tenant, the tenant's own,
/// filled from the database: the page of tenant A's shop may call `/t/a/api/...` with the
/// user's cookies, never `/t/b/api/...`.
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

/// `GET /t/{tenant}/api/{*rest}`: a small JSON body; its preflights are the layer's.
pub fn app(live: Live) -> Router {
    async fn api(Path((tenant, rest)): Path<(String, String)>) -> Json<serde_json::Value> {
        Json(serde_json::json!({ "tenant": tenant, "path": rest }))
    }
    Router::new()
        .route("/t/{tenant}/api/{*rest}", get(api))
        .layer(live)
}

/// The server's own hosts from `HOSTS` (comma-separated), if set.
pub fn own_hosts(live: &Live) -> std::io::Result<()> {
    if let Ok(hosts) = std::env::var("HOSTS") {
        let hosts = hosts.split(',').map(str::trim).filter(|h| !h.is_empty());
        live.replace_hosts(hosts.map(str::to_owned))
            .map_err(|problems| std::io::Error::other(problems.to_string()))?;
    }
    Ok(())
}
