//! rack-cors's README policy (the first policy of corsage's guide), plus one line for its
//! WebSocket echo, served by axum on 127.0.0.1 (port 8000, or `PORT`).
//!
//! Every path and method answers 200 with a short text, so that only CORS decides what a
//! browser may read. `/file/at/*` also sets `Some-Custom-Response-Header`, which the policy
//! exposes. `/file/at/live` is a WebSocket echo: pages from the listed origins connect, other
//! sites' pages are refused at the handshake (CORS does not protect WebSockets; the layer does).
//!
//!     cargo run --example readme

use axum::Router;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::http::{Method, Uri};
use axum::response::Response;
use axum::routing::{any, get};
use corsage::cors;

pub static CORS: corsage::Cors = cors! {
    allow {
        origins "localhost:3000", "127.0.0.1:3000",
                regex(r"^http://192\.168\.0\.\d{1,3}(:\d+)?$");

        resource "/file/list_all/", headers: "x-domain-token";
        // Not in rack-cors's README: the example's WebSocket echo, which serves no user's data,
        // so its socket is public to the listed origins (a handshake carries cookies, and a
        // rule that grants no credentials lets none through otherwise).
        resource "/file/at/live", public_socket: true;
        resource "/file/at/*",
            methods: [get, post, delete, put, patch, options, head],
            headers: "x-domain-token",
            expose: ["Some-Custom-Response-Header"],
            max_age: 600;
    }

    allow {
        origins "*";
        resource "/public/*", headers: any, methods: get;

        // Only allow a request for a specific host
        resource "/api/v1/*",
            headers: any,
            methods: get,
            if: |req| req.headers().get("host").is_some_and(|h| h == "api.example.com");
    }
};

async fn file_at(method: Method, uri: Uri) -> ([(&'static str, &'static str); 1], String) {
    (
        [("some-custom-response-header", "exposed")],
        format!("{method} {}: a file\n", uri.path()),
    )
}

async fn live(upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(echo)
}

/// Echoes every message back, until the client closes.
pub async fn echo(mut socket: WebSocket) {
    while let Some(Ok(message)) = socket.recv().await {
        if socket.send(message).await.is_err() {
            break;
        }
    }
}

async fn everything_else(method: Method, uri: Uri) -> String {
    format!("{method} {}: ok\n", uri.path())
}

/// The example's whole app; the browser suite serves it as it is.
pub fn app() -> Router {
    Router::new()
        .route("/file/at/live", get(live))
        .route("/file/at/{*path}", any(file_at))
        .fallback(everything_else)
        .layer(CORS)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // `RUST_LOG=corsage=debug` prints every CORS decision, with its reason and rule.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let port = std::env::var("PORT").unwrap_or_else(|_| "8000".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    let address = listener.local_addr()?;
    println!("corsage README policy on http://{address}");
    println!("try:");
    println!("  curl -i -H 'Origin: http://localhost:3000' http://{address}/file/at/report.txt");
    println!(
        "  curl -i -X OPTIONS -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: x-domain-token' http://{address}/file/at/report.txt"
    );
    axum::serve(listener, app()).await
}
