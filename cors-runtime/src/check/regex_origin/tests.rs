use super::*;

fn verdict(pattern: &str) -> Option<String> {
    problem(&format!("^(?:{pattern})$"))
}

/// The origin a refusal names, between the first pair of quotes.
fn counterexample(pattern: &str) -> Option<String> {
    let message = verdict(pattern)?;
    Some(message.split('"').nth(1).unwrap_or(&message).to_owned())
}

#[test]
fn sound_patterns_pass() {
    for pattern in [
        r"^https://app\.example\.com$",
        r"^https://[a-z0-9-]+\.example\.com$",
        r"^https://(app|admin)\.example\.com$",
        r"^https://(www\.)?example\.com$",
        r"^https://([a-z0-9-]+\.)*example\.com(:\d+)?$",
        r"^http://192\.168\.0\.\d{1,3}(:\d+)?$",
        r"^https?://(localhost|127\.0\.0\.1)(:\d+)?$",
        r"^https://(a|b)\.regex\.test$",
        r"^chrome-extension://abcdefghijklmnop$",
    ] {
        assert_eq!(verdict(pattern), None, "{pattern}");
    }
}

#[test]
fn unsafe_patterns_are_refused_with_a_shortest_counterexample() {
    for (pattern, origin) in [
        (r".*example\.com", "http://aexample.com"),
        (r"https://.*example\.com", "https://aexample.com"),
        (r"^https://(www.)?example\.com$", "https://wwwaexample.com"),
        (r"^https://app.example\.com$", "https://appaexample.com"),
        (r"^https://app\.example\.com.*", "https://app.example.coma"),
        (r"^https://example\.[a-z]+$", "https://example.a"),
        (r"^https://[a-z]+\.github\.io$", "https://a.github.io"),
        (r"^https?://app\.example\.com$", "http://app.example.com"),
        (r"^(null|https://app\.example\.com)$", "null"),
    ] {
        assert_eq!(
            counterexample(pattern).as_deref(),
            Some(origin),
            "{pattern}"
        );
    }
}

/// One row per case: the pattern, and the origin the refusal names (`None`: it passes).
#[test]
fn verdicts_over_every_origin_a_browser_can_send() {
    for (pattern, refused_with) in [
        // A character under a repetition does not make another domain named.
        (r"^https://example\.com?$", Some("https://example.co")),
        (
            r"^https://example\.com|https://www\.example\.com?$",
            Some("https://www.example.co"),
        ),
        (
            r"^https://(app\.)?example\.comm*$",
            Some("https://example.com"),
        ),
        // Trailing dots and labels that start or end with `-` are origins too.
        (
            r"^https://([a-z]+\.)*(example\.com|[a-z-]+\.com\.)$",
            Some("https://a.com."),
        ),
        (r"^https://[a-z-]+\.example\.com\.?$", None),
        (r"^https://[^.]+\.example\.com$", None),
        (
            r"^https://[a-z-]*\.?example\.com$",
            Some("https://aexample.com"),
        ),
        // Verbose mode and comments.
        (r"(?x) ^https://app \. example \. com$ # the app", None),
        (r"(?x) ^https://.+ # example.com", Some("https://a")),
        // Sound patterns stay sound.
        (r"^https://(app|admin)\.example\.com$", None),
        (r"^https://([a-z0-9-]+\.)*example\.com(:\d+)?$", None),
        (r"^http://localhost(:\d+)?$", None),
        (r"^https?://([a-z]+\.)?localhost(:[0-9]+)?$", None),
    ] {
        let message = problem(
            super::super::origins::anchored_regex(pattern)
                .unwrap()
                .as_str(),
        );
        let named = message
            .as_deref()
            .map(|m| m.split('"').nth(1).unwrap_or(m).to_owned());
        assert_eq!(named.as_deref(), refused_with, "{pattern}: {message:?}");
    }
}

#[test]
fn a_fix_names_only_domains_the_pattern_accepts() {
    let message = verdict(r"^https://example\.com?$").unwrap();
    assert!(message.contains("`example.com`"), "{message}");
    assert!(!message.contains("example.co`"), "{message}");
    assert!(!message.contains(r"example\.co$"), "{message}");
}

#[test]
fn the_fix_names_the_way_the_host_escapes() {
    for (pattern, hint) in [
        (r"^https://.*example\.com$", "a prefix attack"),
        (r"^https://app\.example\.com.*", "a suffix attack"),
        (r"^https://app.example\.com$", "an unescaped dot"),
        (r"^https://(www.)?example\.com$", "an unescaped dot"),
        (
            r"^https://[a-z]+\.github\.io$",
            "`github.io` is a public suffix",
        ),
        (
            r"^https://example\.[a-z]+$",
            "it names no domain of its own",
        ),
    ] {
        let message = verdict(pattern).unwrap_or_default();
        assert!(message.contains(hint), "{pattern}: {message}");
    }
}

#[test]
fn a_pattern_that_matches_no_origin_is_refused() {
    for pattern in [
        r"example\.com",
        r"https://app\.example\.com/",
        "HTTPS://A.EXAMPLE",
    ] {
        let message = verdict(pattern).unwrap_or_default();
        assert!(
            message.contains("matches no origin"),
            "{pattern}: {message}"
        );
    }
}

#[test]
fn every_counterexample_is_accepted_by_the_runtime_regex() {
    for pattern in [
        r".*example\.com",
        r"^https://(www.)?example\.com$",
        r"^https://example\.[a-z]+$",
    ] {
        let origin = counterexample(pattern).unwrap();
        let runtime = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
        assert!(
            runtime.is_match(&origin),
            "{pattern} does not match {origin}"
        );
    }
}
