//! The options of a resource (§5).

use super::*;

#[tokio::test]
async fn methods_default_to_get_only() {
    let origin = "http://localhost:3000";
    assert_eq!(
        preflight_status(README, "/file/list_all/", origin, "GET", None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(README, "/file/list_all/", origin, "POST", None).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        preflight_status(README, "/file/list_all/", origin, "HEAD", None).await,
        StatusCode::FORBIDDEN
    );
    let response = send(README, preflight("/file/list_all/", origin, "GET", None)).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-methods").as_deref(),
        Some("GET")
    );
}

#[tokio::test]
async fn methods_any_is_the_seven_usual_methods() {
    let response = send(
        APP,
        preflight("/any-headers", "https://app.example.com", "PATCH", None),
    )
    .await;
    assert_eq!(
        value(response.headers(), "access-control-allow-methods").as_deref(),
        Some("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
    );
}

#[tokio::test]
async fn methods_are_compared_case_sensitively() {
    let origin = "https://app.example.com";
    assert_eq!(
        preflight_status(APP, "/any-headers", origin, "patch", None).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "PURGE", None).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "purge", None).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn headers_are_compared_without_case_and_safelisted_ones_always_pass() {
    let origin = "https://app.example.com";
    let allowed = "X-TOKEN, x-other, Content-Type, accept, accept-language, content-language";
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "POST", Some(allowed)).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/items/1", origin, "POST", Some("x-token, x-third")).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        preflight_status(APP, "/users/1", origin, "GET", Some("content-type")).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        preflight_status(APP, "/users/1", origin, "GET", Some("x-token")).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn expose_lists_the_configured_names_and_is_absent_otherwise() {
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-expose-headers").as_deref(),
        Some("X-Total, X-Page")
    );
    let response = send(APP, get_from("/users/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-expose-headers"),
        None
    );
}

#[tokio::test]
async fn max_age_defaults_to_7200_and_can_be_set() {
    let origin = "https://app.example.com";
    let response = send(APP, preflight("/users/1", origin, "GET", None)).await;
    assert_eq!(
        value(response.headers(), "access-control-max-age").as_deref(),
        Some("7200")
    );
    let response = send(APP, preflight("/items/1", origin, "GET", None)).await;
    assert_eq!(
        value(response.headers(), "access-control-max-age").as_deref(),
        Some("600")
    );
}

#[tokio::test]
async fn vary_option_adds_names_to_origin() {
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "vary").as_deref(),
        Some("Origin, accept-encoding")
    );
}
