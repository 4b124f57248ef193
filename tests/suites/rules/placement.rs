//! Where the layer sits: nested routers, inner layers.

use super::*;

static NESTED: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/items", methods: [get, put];
    }
};

/// A policy written with full paths applies wherever its layer sits: on the outer router, or on
/// a router mounted with `Router::nest`, which sees the path without its prefix.
#[tokio::test]
async fn a_layer_on_a_nested_router_matches_the_full_path() {
    use axum::routing::get;
    use tower::ServiceExt;
    let items = || axum::Router::new().route("/items", get(|| async { "[]" }));
    let inside = axum::Router::new().nest("/api", items().layer(NESTED));
    let outside = axum::Router::new().nest("/api", items()).layer(NESTED);
    for (placement, app) in [("inside", inside), ("outside", outside)] {
        let response = app
            .clone()
            .oneshot(get_from("/api/items", "https://app.example.com"))
            .await
            .unwrap();
        assert_eq!(
            value(response.headers(), "access-control-allow-origin").as_deref(),
            Some("https://app.example.com"),
            "{placement}"
        );
        let preflight = app
            .oneshot(preflight(
                "/api/items",
                "https://app.example.com",
                "PUT",
                None,
            ))
            .await
            .unwrap();
        assert_eq!(preflight.status(), StatusCode::NO_CONTENT, "{placement}");
    }
}
