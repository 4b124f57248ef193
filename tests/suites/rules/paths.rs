//! Resource path patterns (§4).

use super::*;

#[tokio::test]
async fn tail_wildcard_matches_the_prefix_but_not_a_longer_name() {
    for path in ["/public", "/public/", "/public/a/b"] {
        assert_eq!(
            allow_origin(APP, path, "https://x.test").await.as_deref(),
            Some("*"),
            "{path}"
        );
    }
    assert_eq!(
        allow_origin(APP, "/publicity", "https://x.test").await,
        None
    );
}

#[tokio::test]
async fn path_params_and_inner_wildcards() {
    let origin = "https://app.example.com";
    assert!(allow_origin(APP, "/users/42", origin).await.is_some());
    assert!(allow_origin(APP, "/users/42/x", origin).await.is_none());
    assert!(allow_origin(APP, "/files/a/b.json", origin).await.is_some());
    assert!(allow_origin(APP, "/files/a.txt", origin).await.is_none());
    assert!(
        allow_origin(APP, "/literal/$batch(1).json", origin)
            .await
            .is_some()
    );
    assert!(
        allow_origin(APP, "/literal/$batch(1)xjson", origin)
            .await
            .is_none()
    );
    assert!(allow_origin(APP, "/v2/report", origin).await.is_some());
    assert!(allow_origin(APP, "/v2/report/x", origin).await.is_none());
}

#[tokio::test]
async fn paths_are_matched_without_the_query_string() {
    let origin = "https://app.example.com";
    assert!(allow_origin(APP, "/users/42?x=/y", origin).await.is_some());
}

#[tokio::test]
async fn preflight_for_a_path_no_resource_covers_goes_to_the_inner_service() {
    let (response, calls) = send_counted(
        APP,
        preflight("/uncovered", "https://app.example.com", "GET", None),
    )
    .await;
    assert_eq!(calls, 1);
    assert_eq!(response.status(), StatusCode::OK);
    assert!(cors_headers(response.headers()).is_empty());
}
