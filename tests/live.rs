//! Live policies: origins and whole policies replaced while serving, checked with every rule
//! the compiler applies, a refused replacement leaving the running policy in place.

use std::sync::{Arc, Mutex};

use corsage::{Cors, Functions, Live, Location, Origin, Reason, RequestHead, cors};
use tower::{Layer, Service, ServiceExt, service_fn};

static PUBLIC: Cors = cors! {
    allow "app" {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

static CREDENTIALED: Cors = cors! {
    allow "app" {
        origins "https://app.example.com";
        resource "/api/*", credentials: true;
    }
    unsafe allow "partners" {
        origins "https://*.partner.example";
        resource "/partner/*", credentials: true;
    }
};

#[test]
fn replaced_origins_are_allowed_and_the_static_policy_stays() {
    let live = PUBLIC.to_live();
    live.replace_origins(
        "app",
        Origin::list(
            " https://staging.example.com ,localhost:4200,, https://*.preview.example.com",
        ),
    )
    .unwrap();
    let snapshot = live.snapshot();
    for origin in [
        "https://staging.example.com",
        "http://localhost:4200",
        "https://localhost:4200",
        "https://pr-12.preview.example.com",
    ] {
        snapshot.probe("GET /api/x").origin(origin).assert_allowed();
    }
    for origin in ["https://preview.example.com", "https://app.example.com"] {
        snapshot
            .probe("GET /api/x")
            .origin(origin)
            .assert_reason("OriginRefused");
    }
    PUBLIC
        .probe("GET /api/x")
        .origin("https://staging.example.com")
        .assert_reason("OriginRefused");
}

#[test]
fn every_malformed_origin_is_reported_with_its_place_and_the_corrected_string() {
    let live = PUBLIC.to_live();
    let problems = live
        .replace_origins(
            "app",
            [
                "https://ok.example.com",
                "HTTPS://Staging.Example.com",
                "https://a.example.com:443",
                "https://ok.example.com",
            ],
        )
        .unwrap_err();
    let places: Vec<Location> = problems.iter().map(|p| p.location()).collect();
    assert_eq!(
        places,
        [1, 2, 3].map(|origin| Location::Origin { block: 0, origin })
    );
    assert_eq!(
        problems.to_string(),
        "allow[0].origins[1]: browsers send origins in lowercase, so this one would never match; write \"https://staging.example.com\"\n\
         allow[0].origins[2]: browsers leave out the default port of https, so this origin would never match; write \"https://a.example.com\"\n\
         allow[0].origins[3]: this origin is listed twice in this block; remove one (first listed here: allow[0].origins[0])"
    );
    // Nothing changed.
    live.snapshot()
        .probe("GET /api/x")
        .origin("https://app.example.com")
        .assert_allowed();
}

#[test]
fn credentials_blocks_keep_the_compile_time_rules() {
    let live = CREDENTIALED.to_live();
    live.replace_origins("app", ["http://10.0.0.5:3000", "http://localhost:3000"])
        .unwrap();
    let http = live
        .replace_origins("app", ["http://staging.example.com"])
        .unwrap_err();
    assert!(http.to_string().contains("unsafe allow"), "{http}");
    let wildcard = live
        .replace_origins("app", ["https://*.example.org"])
        .unwrap_err();
    assert!(wildcard.to_string().contains("wildcard"), "{wildcard}");
    // The unsafe block acknowledges them, but a public suffix is refused even there, as the
    // macro refuses it.
    live.replace_origins("partners", ["https://*.other-partner.example"])
        .unwrap();
    live.snapshot()
        .probe("GET /partner/x")
        .origin("https://a.other-partner.example")
        .assert_allowed();
    let suffix = live
        .replace_origins("partners", ["https://*.github.io"])
        .unwrap_err();
    assert!(
        suffix.to_string().starts_with(
            "allow[1].origins[0]: `github.io` is a public suffix (anyone can register a site under it)"
        ),
        "{suffix}"
    );
    // Revoking is always possible: the `unsafe` block narrowed to an exact https origin keeps
    // its acknowledgement for later, and a block may lose every origin (it then allows none).
    live.replace_origins("partners", ["https://one.partner.example"])
        .unwrap();
    live.snapshot()
        .probe("GET /partner/x")
        .origin("https://a.other-partner.example")
        .assert_reason("OriginRefused");
    live.replace_origins("partners", Origin::list(" , "))
        .unwrap();
    live.snapshot()
        .probe("GET /partner/x")
        .origin("https://one.partner.example")
        .assert_reason("OriginRefused");
    live.replace_origins("app", Vec::<Origin>::new()).unwrap();
    live.snapshot()
        .probe("GET /api/x")
        .origin("https://app.example.com")
        .assert_reason("OriginRefused");
    live.replace_origins("partners", ["https://*.partner.example"])
        .unwrap();
    let unknown = live
        .replace_origins("tenants", ["https://a.example"])
        .unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "policy: no block is named \"tenants\" (the named blocks are \"app\", \"partners\"); name it, as in `allow \"tenants\" { ... }`"
    );
    // A policy loaded from a file is told its fixes in the file's spelling.
    let file = Live::new(live.policy(), Functions::new()).unwrap();
    let unknown = file.replace_origins("tenants", ["https://a.example"]);
    assert!(
        unknown
            .unwrap_err()
            .to_string()
            .ends_with("name it, as in `name = \"tenants\"` in its `[[allow]]` table")
    );
    let http = file.replace_origins("app", ["http://staging.example.com"]);
    assert!(
        http.unwrap_err()
            .to_string()
            .contains("`credentials = true` with \"http://staging.example.com\"")
    );
}

#[test]
fn ten_thousand_live_origins_are_one_lookup_away() {
    let list: Vec<String> = (0..10_000)
        .map(|i| format!("https://site-{i:05}.example.org"))
        .collect();
    let live = PUBLIC.to_live();
    live.replace_origins("app", list).unwrap();
    let snapshot = live.snapshot();
    for origin in [
        "https://site-00000.example.org",
        "https://site-09999.example.org",
    ] {
        let request = http::Request::get("/api/x")
            .header("origin", origin)
            .body(())
            .unwrap();
        assert!(matches!(
            snapshot.decide(&RequestHead::from(&request)).reason(),
            Reason::Allowed(_)
        ));
    }
}

/// A request decided before a replacement is answered with the policy it was decided with,
/// and the next request sees the new one.
#[tokio::test]
async fn a_request_in_flight_keeps_the_policy_it_was_decided_with() {
    let live = PUBLIC.to_live();
    let release = Arc::new(Mutex::new(Some(tokio::sync::oneshot::channel::<()>())));
    let (sender, receiver) = release.lock().unwrap().take().unwrap();
    let receiver = Arc::new(Mutex::new(Some(receiver)));
    let inner = service_fn(move |_: http::Request<()>| {
        let receiver = receiver.lock().unwrap().take();
        async move {
            if let Some(receiver) = receiver {
                receiver.await.unwrap();
            }
            Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
        }
    });
    let mut service = live.clone().layer(inner);
    let request = || {
        http::Request::get("/api/x")
            .header("origin", "https://app.example.com")
            .body(())
            .unwrap()
    };
    let in_flight = service.ready().await.unwrap().call(request());
    live.replace_origins("app", ["https://other.example.com"])
        .unwrap();
    sender.send(()).unwrap();
    let response = in_flight.await.unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );
    let after = service
        .ready()
        .await
        .unwrap()
        .call(request())
        .await
        .unwrap();
    assert!(!after.headers().contains_key("access-control-allow-origin"));
}

/// Resident memory of this process, in KiB.
fn resident_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4
}

/// Replaced tables are freed: memory stays flat over many replacements of a large block.
#[test]
fn memory_stays_flat_over_a_thousand_replacements() {
    let live = PUBLIC.to_live();
    let origins = |round: usize| -> Vec<Origin> {
        (0..1_000)
            .map(|i| Origin::from(format!("https://t{round}-{i:03}.example.org")))
            .collect()
    };
    // Warm up: the allocator settles on its working set.
    for round in 0..20 {
        live.replace_origins("app", origins(round)).unwrap();
    }
    let before = resident_kib();
    for round in 20..1_020 {
        live.replace_origins("app", origins(round)).unwrap();
    }
    let after = resident_kib();
    let grown = after.saturating_sub(before);
    eprintln!("resident memory: {before} KiB before, {after} KiB after 1,000 replacements");
    assert!(grown < 4 * 1024, "grew by {grown} KiB");
    live.snapshot()
        .probe("GET /api/x")
        .origin("https://t1019-999.example.org")
        .assert_allowed();
}
