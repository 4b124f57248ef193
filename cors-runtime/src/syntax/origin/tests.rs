use super::*;

fn suggestion(pattern: &str) -> Option<String> {
    OriginPattern::parse(pattern)
        .unwrap_err()
        .suggestion()
        .map(str::to_owned)
}

#[test]
fn accepts_every_documented_form() {
    assert_eq!(OriginPattern::parse("*"), Ok(OriginPattern::Any));
    assert_eq!(OriginPattern::parse("null"), Ok(OriginPattern::Null));
    assert_eq!(
        OriginPattern::parse("http://localhost:3000"),
        Ok(OriginPattern::Exact("http://localhost:3000".into()))
    );
    assert_eq!(
        OriginPattern::parse("localhost:3000"),
        Ok(OriginPattern::AnyScheme("localhost:3000".into()))
    );
    assert_eq!(
        OriginPattern::parse("https://*.example.com"),
        Ok(OriginPattern::Subdomains {
            scheme: Some("https".into()),
            suffix: ".example.com".into()
        })
    );
    assert_eq!(
        OriginPattern::parse("http://[::1]:8080"),
        Ok(OriginPattern::Exact("http://[::1]:8080".into()))
    );
    assert_eq!(
        OriginPattern::parse("chrome-extension://abcdefgh"),
        Ok(OriginPattern::Exact("chrome-extension://abcdefgh".into()))
    );
}

#[test]
fn port_wildcards_are_for_development_hosts() {
    for pattern in [
        "http://localhost:*",
        "localhost:*",
        "http://127.0.0.1:*",
        "http://[::1]:*",
        "http://192.168.1.5:*",
        "https://app.localhost:*",
    ] {
        assert!(
            matches!(
                OriginPattern::parse(pattern),
                Ok(OriginPattern::AnyPort { .. })
            ),
            "{pattern}"
        );
    }
    assert!(OriginPattern::parse("http://*.localhost:*").is_err());
    for pattern in ["https://example.com:*", "http://8.8.8.8:*"] {
        let error = OriginPattern::parse(pattern).unwrap_err();
        assert!(
            error.to_string().contains("port wildcard"),
            "{pattern}: {error}"
        );
    }
    let lan = OriginPattern::parse("http://192.168.1.5:*").unwrap();
    assert_eq!(lan.private_network_host().as_deref(), Some("192.168.1.5"));
}

#[test]
fn suggests_the_corrected_origin() {
    assert_eq!(
        suggestion("https://a.test/").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("https://a.test/app").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("https://a.test?x=1").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("https://A.test").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("HTTPS://a.test").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("https://a.test:443").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("http://a.test:80").as_deref(),
        Some("http://a.test")
    );
    assert_eq!(
        suggestion("https://u:p@a.test").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("http://[0:0::1]:8").as_deref(),
        Some("http://[::1]:8")
    );
    assert_eq!(suggestion("a.test:443").as_deref(), Some("https://a.test"));
    assert_eq!(suggestion("file:///x").as_deref(), Some("null"));
    assert_eq!(
        suggestion("wss://a.test").as_deref(),
        Some("https://a.test")
    );
    assert_eq!(
        suggestion("ws://a.test:8080").as_deref(),
        Some("http://a.test:8080")
    );
    assert_eq!(suggestion("file://").as_deref(), Some("null"));
    assert_eq!(
        suggestion("HTTPS://App.Example.com:443/login").as_deref(),
        Some("https://app.example.com")
    );
}

#[test]
fn hosts_are_read_as_the_url_standard_reads_them() {
    for pattern in [
        "http://example.com.:3999",
        "https://*.example.com.",
        "https://-a.test",
        "https://a-.example.com",
        "http://*.localhost",
        "https://xn--bcher-kva.example",
        "http://0.0.0.1:6060",
    ] {
        assert!(OriginPattern::parse(pattern).is_ok(), "{pattern}");
    }
    for (pattern, browsers_send) in [
        ("http://1:6060", "http://0.0.0.1:6060"),
        ("http://127.1", "http://127.0.0.1"),
        ("http://127.0.0.1.:8080", "http://127.0.0.1:8080"),
        ("http://0x7f.0.0.1:*", "http://127.0.0.1:*"),
        ("127.1:3000", "127.0.0.1:3000"),
    ] {
        let error = OriginPattern::parse(pattern).unwrap_err();
        assert!(error.to_string().contains("IPv4"), "{pattern}: {error}");
        assert_eq!(error.suggestion(), Some(browsers_send), "{pattern}");
    }
    let long = format!("https://{}.example", "a".repeat(64));
    assert!(
        OriginPattern::parse(&long)
            .unwrap_err()
            .to_string()
            .contains("DNS labels are at most 63")
    );
    let longer = format!("https://{}example", "abcdefghi.".repeat(25));
    assert!(
        OriginPattern::parse(&longer)
            .unwrap_err()
            .to_string()
            .contains("at most 253")
    );
}

#[test]
fn refuses_what_no_browser_sends() {
    for pattern in [
        "",
        "http://",
        "https://a.test:0",
        "https://a.test:65536",
        "https://a.test:x",
        "https://a*.test",
        "https://*.com",
        "https://*.127.0.0.1",
        "http://*.168.0.1",
        "http://*.0.1:3000",
        "http://*.[::1]",
        "https://a..test",
        "https://a.test..",
        "http://127.0.0.1.1:6060",
        "http://foo.bar.255",
        "http://example.123",
        "https://xn--f.test",
        "https://xn--abc-.test",
        "1http://a.test",
        "https://a test",
    ] {
        assert!(
            OriginPattern::parse(pattern).is_err(),
            "{pattern:?} was accepted"
        );
    }
}

#[test]
fn a_path_or_a_default_port_is_refused_with_the_origin_to_write() {
    assert_eq!(
        OriginPattern::parse("https://app.example.com"),
        Ok(OriginPattern::Exact("https://app.example.com".into())),
    );
    let error = OriginPattern::parse("https://app.example.com/").unwrap_err();
    assert_eq!(error.suggestion(), Some("https://app.example.com"));
    let error = OriginPattern::parse("https://example.com:443").unwrap_err();
    assert!(error.to_string().contains("default port"));
    assert_eq!(error.suggestion(), Some("https://example.com"));
}

#[test]
fn plain_http_hosts_are_told_apart_from_private_network_ones() {
    let insecure = |o: &str| OriginPattern::parse(o).unwrap().insecure_http_host();
    assert_eq!(
        insecure("http://staging.example.com").as_deref(),
        Some("staging.example.com")
    );
    assert_eq!(insecure("http://192.168.1.10:3000"), None);
    assert_eq!(insecure("https://example.com"), None);
    let private = |o: &str| OriginPattern::parse(o).unwrap().private_network_host();
    assert_eq!(
        private("http://192.168.1.10:3000").as_deref(),
        Some("192.168.1.10")
    );
    assert_eq!(private("http://localhost:3000"), None);
    assert_eq!(private("http://staging.example.com"), None);
}

#[test]
fn a_bare_host_stands_for_both_schemes() {
    let bare = OriginPattern::parse("localhost:3000").unwrap();
    assert_eq!(
        bare.exact_origins(),
        ["http://localhost:3000", "https://localhost:3000"]
    );
    assert!(matches!(
        OriginPattern::parse("https://*.example.com"),
        Ok(OriginPattern::Subdomains { .. })
    ));
}
