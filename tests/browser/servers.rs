//! The servers of the suite: the APIs behind their policies, each between two recorders that
//! count what reached the layer and what reached the handlers.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::Route;
use tower::{Layer, Service};

use super::expected::status_of;

/// Requests one API saw, by case id: (method, had the cookie).
pub type Seen = Arc<Mutex<HashMap<String, Vec<(String, bool)>>>>;

#[derive(Default)]
pub struct Recorder {
    pub at_door: Seen,
    pub at_handler: Seen,
}

impl Recorder {
    /// Forgets what was seen, before the next engine's run.
    pub fn clear(&self) {
        self.at_door.lock().unwrap().clear();
        self.at_handler.lock().unwrap().clear();
    }
}

async fn record(State(seen): State<Seen>, request: Request, next: Next) -> Response {
    let case = request
        .uri()
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("case=")))
        .unwrap_or("")
        .to_owned();
    let had_cookie = request
        .headers()
        .get("cookie")
        .is_some_and(|c| c.as_bytes().windows(18).any(|w| w == b"suite=browser-test"));
    let method = request.method().to_string();
    seen.lock()
        .unwrap()
        .entry(case)
        .or_default()
        .push((method, had_cookie));
    next.run(request).await
}

/// Wraps an app in two recorders: one outside the CORS layer (every request, preflights
/// included) and one inside it (what reached the handlers).
pub fn recorded<L>(app_inside_cors: Router, cors: L, recorder: &Recorder) -> Router
where
    L: Layer<Route> + Clone + Send + Sync + 'static,
    L::Service: Service<Request> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Response: IntoResponse + 'static,
    <L::Service as Service<Request>>::Error: Into<Infallible> + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
{
    app_inside_cors
        .layer(middleware::from_fn_with_state(
            recorder.at_handler.clone(),
            record,
        ))
        .layer(cors)
        .layer(middleware::from_fn_with_state(
            recorder.at_door.clone(),
            record,
        ))
}

pub fn browser_api() -> Router {
    async fn ok(uri: axum::http::Uri) -> impl IntoResponse {
        let status = StatusCode::from_u16(status_of(uri.path())).unwrap();
        (
            status,
            [("x-exposed", "exposed-value"), ("x-hidden", "hidden-value")],
            "ok",
        )
    }
    async fn socket(upgrade: axum::extract::ws::WebSocketUpgrade) -> Response {
        upgrade.on_upgrade(super::readme_example::echo)
    }
    let socket = axum::routing::get(socket);
    Router::new()
        .route("/cred-socket", socket.clone())
        .route("/plain-socket", socket.clone())
        .route("/regex-socket", socket.clone())
        .route("/star-socket", socket.clone())
        .route("/public-socket", socket)
        .fallback(ok)
}

pub async fn serve(router: Router, address: &str) {
    let address: SocketAddr = address.parse().unwrap();
    let listener = tokio::net::TcpListener::bind(address).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
}
