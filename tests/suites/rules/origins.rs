//! Origin patterns (§3).

use super::*;

#[tokio::test]
async fn star_answers_with_a_literal_star() {
    assert_eq!(
        allow_origin(APP, "/public/x", "https://anyone.test")
            .await
            .as_deref(),
        Some("*")
    );
}

#[tokio::test]
async fn exact_origin_is_echoed_byte_for_byte() {
    assert_eq!(
        allow_origin(APP, "/users/1", "https://app.example.com")
            .await
            .as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "http://app.example.com").await,
        None
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "https://app.example.com:8443").await,
        None
    );
}

#[tokio::test]
async fn bare_host_origin_matches_http_and_https_with_the_same_port() {
    for origin in ["http://localhost:3000", "https://localhost:3000"] {
        assert_eq!(
            allow_origin(README, "/file/at/x", origin).await.as_deref(),
            Some(origin)
        );
    }
    for origin in [
        "http://localhost:3001",
        "http://localhost",
        "ftp://localhost:3000",
    ] {
        assert_eq!(
            allow_origin(README, "/file/at/x", origin).await,
            None,
            "{origin}"
        );
    }
}

#[tokio::test]
async fn subdomain_wildcard_matches_subdomains_but_not_the_domain_itself() {
    for origin in ["https://a.example.net", "https://a.b.example.net"] {
        assert_eq!(
            allow_origin(APP, "/users/1", origin).await.as_deref(),
            Some(origin)
        );
    }
    for origin in [
        "https://example.net",
        "https://evilexample.net",
        "https://a.example.net.evil.test",
        "http://a.example.net",
    ] {
        assert_eq!(
            allow_origin(APP, "/users/1", origin).await,
            None,
            "{origin}"
        );
    }
}

#[tokio::test]
async fn regex_origin_must_match_the_whole_origin() {
    assert_eq!(
        allow_origin(APP, "/users/1", "https://a.regex.test")
            .await
            .as_deref(),
        Some("https://a.regex.test")
    );
    for origin in [
        "https://a.regex.test.evil.test",
        "https://xa.regex.test",
        "https://c.regex.test",
    ] {
        assert_eq!(
            allow_origin(APP, "/users/1", origin).await,
            None,
            "{origin}"
        );
    }
    assert_eq!(
        allow_origin(README, "/file/at/x", "http://192.168.0.12:8080")
            .await
            .as_deref(),
        Some("http://192.168.0.12:8080")
    );
}

#[tokio::test]
async fn function_origins_decide_at_run_time_from_origin_and_request() {
    assert_eq!(
        allow_origin(APP, "/users/1", "https://x.fn.test")
            .await
            .as_deref(),
        Some("https://x.fn.test")
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "http://x.fn.test").await,
        None
    );
    assert_eq!(
        allow_origin(APP, "/users/1", "https://header.test").await,
        None
    );
    let request = support::request(
        "GET",
        "/users/1",
        &[("origin", b"https://header.test"), ("x-let-in", b"1")],
    );
    let response = send(APP, request).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("https://header.test")
    );
}
