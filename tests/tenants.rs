//! Origins from a database, pushed into a live policy: a tenant inserted into SQLite is allowed
//! after the next refresh, through the layer, without a restart; a bad row changes nothing.

use rusqlite::Connection;
use tower::ServiceExt;

#[path = "../examples/tenants.rs"]
#[allow(dead_code)]
mod tenants_example;

async fn allow_origin(router: &axum::Router, origin: &str) -> Option<String> {
    let request = http::Request::get("/api/items")
        .header("origin", origin)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    response
        .headers()
        .get("access-control-allow-origin")
        .map(|value| value.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_tenant_inserted_into_the_store_is_allowed_after_the_next_refresh() {
    let db = Connection::open_in_memory().unwrap();
    tenants_example::prepare(&db).unwrap();
    let live = tenants_example::CORS.to_live();
    let router = tenants_example::app(live.clone());
    assert_eq!(tenants_example::refresh(&live, &db), Ok(0));
    assert_eq!(allow_origin(&router, "https://shop.example").await, None);

    db.execute(
        "INSERT INTO tenants (origin) VALUES ('https://shop.example')",
        [],
    )
    .unwrap();
    // Not before the refresh: nothing queries the store per request.
    assert_eq!(allow_origin(&router, "https://shop.example").await, None);
    assert_eq!(tenants_example::refresh(&live, &db), Ok(1));
    assert_eq!(
        allow_origin(&router, "https://shop.example")
            .await
            .as_deref(),
        Some("https://shop.example")
    );
    // The compiled origin stays.
    assert!(allow_origin(&router, "https://app.example.com")
        .await
        .is_some());

    // A bad row is refused, with the corrected string, and the previous origins keep serving.
    db.execute(
        "INSERT INTO tenants (origin) VALUES ('https://Blog.example/')",
        [],
    )
    .unwrap();
    let problems = tenants_example::refresh(&live, &db).unwrap_err();
    assert!(
        problems.contains("write \"https://blog.example\""),
        "{problems}"
    );
    assert!(allow_origin(&router, "https://shop.example")
        .await
        .is_some());
}
