//! Origins from configuration: added at start-up, checked with the macro's rules.

use corsage::{cors, Cors, Reason, RequestHead};

static PUBLIC: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

static CREDENTIALED: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", credentials: true;
    }
    unsafe allow {
        origins "https://*.partner.example";
        resource "/partner/*", credentials: true;
    }
};

#[test]
fn added_origins_are_allowed_and_the_compiled_ones_stay() {
    let cors = PUBLIC
        .with_origins(
            0,
            " https://staging.example.com ,localhost:4200,, https://*.preview.example.com",
        )
        .unwrap();
    for origin in [
        "https://app.example.com",
        "https://staging.example.com",
        "http://localhost:4200",
        "https://localhost:4200",
        "https://pr-12.preview.example.com",
    ] {
        cors.probe("GET /api/x").origin(origin).assert_allowed();
    }
    cors.probe("GET /api/x")
        .origin("https://preview.example.com")
        .assert_reason("OriginRefused");
    // The compiled policy is unchanged.
    PUBLIC
        .probe("GET /api/x")
        .origin("https://staging.example.com")
        .assert_reason("OriginRefused");
}

#[test]
fn malformed_origins_are_refused_with_the_corrected_string() {
    let error = PUBLIC
        .with_origins(0, "https://ok.example.com, HTTPS://Staging.Example.com")
        .unwrap_err();
    assert_eq!(error.position(), 2);
    assert_eq!(error.origin(), "HTTPS://Staging.Example.com");
    assert!(
        error
            .to_string()
            .contains("write \"https://staging.example.com\""),
        "{error}"
    );
    for bad in [
        "*",
        "null",
        "https://a.example.com:443",
        "https://u@a.example.com",
        "ftp//x",
    ] {
        assert!(PUBLIC.with_origins(0, bad).is_err(), "{bad}");
    }
    let twice = PUBLIC.with_origins(0, "https://b.example.com,https://b.example.com");
    assert!(twice.unwrap_err().to_string().contains("listed twice"));
    assert!(PUBLIC.with_origins(3, "https://b.example.com").is_err());
}

#[test]
fn credentials_blocks_keep_the_compile_time_rules() {
    assert!(CREDENTIALED
        .with_origins(0, "http://10.0.0.5:3000, http://localhost:3000")
        .is_ok());
    let http = CREDENTIALED
        .with_origins(0, "http://staging.example.com")
        .unwrap_err();
    assert!(http.to_string().contains("unsafe allow"), "{http}");
    let wildcard = CREDENTIALED
        .with_origins(0, "https://*.example.org")
        .unwrap_err();
    assert!(wildcard.to_string().contains("wildcard"), "{wildcard}");
    // The unsafe block acknowledges them.
    let cors = CREDENTIALED
        .with_origins(1, "https://*.other-partner.example")
        .unwrap();
    cors.probe("GET /partner/x")
        .origin("https://a.other-partner.example")
        .assert_allowed();
}

#[test]
fn ten_thousand_configured_origins_are_one_lookup_away() {
    let list: Vec<String> = (0..10_000)
        .map(|i| format!("https://site-{i:05}.example.org"))
        .collect();
    let cors = PUBLIC.with_origins(0, &list.join(",")).unwrap();
    for origin in [
        "https://site-00000.example.org",
        "https://site-09999.example.org",
    ] {
        let request = http::Request::get("/api/x")
            .header("origin", origin)
            .body(())
            .unwrap();
        assert!(matches!(
            cors.decide(&RequestHead::from(&request)).reason(),
            Reason::Allowed(_)
        ));
    }
}
