//! Credentials (§8).

use super::*;

#[tokio::test]
async fn credentials_with_any_headers_echo_the_requested_names_never_star() {
    let response = send(
        APP,
        preflight(
            "/any-headers",
            "https://app.example.com",
            "GET",
            Some("authorization,x-anything"),
        ),
    )
    .await;
    assert_eq!(
        value(response.headers(), "access-control-allow-headers").as_deref(),
        Some("authorization,x-anything")
    );
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials").as_deref(),
        Some("true")
    );
}
