//! One HTTP server of the load test: the same "ok" handler behind no CORS layer, tower-http's
//! `CorsLayer` or corsage, with 3 or 10,000 exact origins.
//!
//!     server {none|tower-http|corsage|corsage-outside} {3|10000} 127.0.0.1:PORT
//!
//! `corsage-outside` wraps the whole `Router` in the layer instead of `Router::layer`, which
//! wraps every route and so adds a boxed clone per request.

use corsage_bench::{corsage, tower_http};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, layer, origins, address] = args.as_slice() else {
        eprintln!("usage: server {{none|tower-http|corsage}} {{3|10000}} 127.0.0.1:PORT");
        std::process::exit(2);
    };
    let origins: usize = origins.parse().expect("a number of origins");
    assert!(
        address.starts_with("127.0.0.1:"),
        "the load test stays on loopback"
    );
    let app = axum::Router::new().fallback(|| async { "ok" });
    // One thread, as the server is pinned to one core.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(address).await?;
        match layer.as_str() {
            "none" => axum::serve(listener, app).await,
            "tower-http" => axum::serve(listener, app.layer(tower_http(origins))).await,
            "corsage" => axum::serve(listener, app.layer(corsage(origins))).await,
            "corsage-outside" => {
                let service = tower::Layer::layer(&corsage(origins), app);
                axum::serve(listener, tower::make::Shared::new(service)).await
            }
            other => panic!("unknown layer {other}"),
        }
    })
}
