//! A small JSON API for a single-page app served from another origin (a dev server on :3000),
//! with a cookie-based session, so its policy allows credentials. Listens on 127.0.0.1 (port
//! 8000, or `PORT`).
//!
//!     cargo run --example spa
//!
//! `POST /session` starts a session (a cookie); `GET /items` and `POST /items` need it.
//!
//! `FRONTEND_ORIGINS=https://app.example.com,https://staging.example.com` replaces the compiled
//! front-end origins at start-up, checked with every rule the compiler applies to the compiled
//! ones.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use corsage::{Cors, Live, Origin, Problems, cors};
use serde_json::{Value, json};

#[derive(Default)]
struct Store {
    sessions: HashSet<String>,
    items: Vec<Value>,
}

type Shared = Arc<Mutex<Store>>;

fn session_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .find_map(|cookie| cookie.trim().strip_prefix("session=").map(str::to_owned))
}

fn signed_in(store: &Shared, headers: &HeaderMap) -> bool {
    let store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    session_of(headers).is_some_and(|id| store.sessions.contains(&id))
}

async fn start_session(State(store): State<Shared>) -> Response {
    let mut store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let id = format!("s{}", store.sessions.len() + 1);
    store.sessions.insert(id.clone());
    let cookie = format!("session={id}; Path=/; HttpOnly; SameSite=Lax");
    (
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "session": "started" })),
    )
        .into_response()
}

async fn list(State(store): State<Shared>, headers: HeaderMap) -> Response {
    if !signed_in(&store, &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "no session" })),
        )
            .into_response();
    }
    let store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    Json(json!({ "items": store.items })).into_response()
}

async fn create(
    State(store): State<Shared>,
    headers: HeaderMap,
    Json(item): Json<Value>,
) -> Response {
    if !signed_in(&store, &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "no session" })),
        )
            .into_response();
    }
    let mut store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    store.items.push(item.clone());
    (StatusCode::CREATED, Json(item)).into_response()
}

/// The compiled policy: a development front end on port 3000, on this machine or the LAN.
pub static API_CORS: Cors = cors! {
    // `unsafe`: a LAN address with credentials, which a release build refuses without it (every
    // café network reuses 192.168.x.x). Drop that origin before shipping.
    unsafe allow "frontend" {
        origins "http://192.168.1.10:3000", "http://localhost:3000";
        resource "*", methods: [get, post, put, delete], headers: any, credentials: true;
    }
};

/// The front-end origins of `FRONTEND_ORIGINS` (comma-separated) in place of the compiled ones,
/// checked with every rule; the compiled ones when it is not set.
pub fn policy() -> Result<Live, Problems> {
    let live = API_CORS.to_live();
    if let Ok(origins) = std::env::var("FRONTEND_ORIGINS") {
        live.replace_origins("frontend", Origin::list(&origins))?;
    }
    Ok(live)
}

/// The example's whole app behind `cors`; the scanner test serves it as it is.
pub fn app(cors: Live) -> Router {
    Router::new()
        .route("/session", post(start_session))
        .route("/items", get(list).post(create))
        .with_state(Shared::default())
        .layer(cors)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let cors = match policy() {
        Ok(cors) => cors,
        Err(problems) => {
            eprintln!("FRONTEND_ORIGINS:\n{problems}");
            std::process::exit(2);
        }
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    let address = listener.local_addr()?;
    println!(
        "corsage SPA example on http://{address} (front end expected on http://localhost:3000)"
    );
    println!("try:");
    println!("  curl -i -X POST -H 'Origin: http://localhost:3000' http://{address}/session");
    println!(
        "  curl -i -H 'Origin: http://localhost:3000' -H 'Cookie: session=s1' http://{address}/items"
    );
    axum::serve(listener, app(cors)).await
}
