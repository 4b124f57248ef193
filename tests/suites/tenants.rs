//! Origins per tenant: a request is checked against its own tenant's origins (plus the block's
//! fixed ones), never another tenant's; updates apply every good entry and report each bad one
//! with its tenant and value; and `examples/tenants.rs` follows its contract, driven as a
//! process over HTTP with rows written to its SQLite file.

use corsage::{Cors, Live, cors};
use rusqlite::Connection;

#[path = "../../examples/tenants.rs"]
#[allow(dead_code)]
mod tenants_example;

fn credentialed(live: &Live, path: &str, origin: &str) -> bool {
    let mut allowed = false;
    live.snapshot()
        .probe(&format!("GET {path}"))
        .origin(origin)
        .decide(|decision| allowed = decision.is_allowed() && decision.allows_credentials());
    allowed
}

/// Tenant A's front end on tenant B's path is refused: the cross-tenant access a shared origin
/// list allows.
#[test]
fn a_tenants_origin_is_allowed_on_its_own_paths_only() {
    let live = tenants_example::CORS.to_live();
    let update = live
        .replace_tenants(
            "tenants",
            [
                ("a", "https://shop-a.example"),
                ("b", "https://shop-b.example"),
                ("b", "https://admin-b.example"),
            ],
        )
        .unwrap();
    assert_eq!((update.tenants, update.origins), (2, 3));
    assert!(update.refused.is_empty());
    assert!(credentialed(
        &live,
        "/t/a/api/orders",
        "https://shop-a.example"
    ));
    assert!(credentialed(
        &live,
        "/t/b/api/orders",
        "https://admin-b.example"
    ));
    assert!(!credentialed(
        &live,
        "/t/b/api/orders",
        "https://shop-a.example"
    ));
    assert!(!credentialed(
        &live,
        "/t/a/api/orders",
        "https://shop-b.example"
    ));
    assert!(!credentialed(
        &live,
        "/t/c/api/orders",
        "https://shop-a.example"
    ));
    // The block's own origin, on every tenant's paths.
    for tenant in ["a", "b", "anyone"] {
        let path = format!("/t/{tenant}/api/x");
        assert!(credentialed(&live, &path, "https://app.example.com"));
    }
    live.snapshot()
        .probe("GET /t/b/api/orders")
        .origin("https://shop-a.example")
        .assert_reason("OriginRefused");
}

/// Every bad entry is reported with its tenant and value as stored; every good one applies.
#[test]
fn bad_entries_are_reported_and_good_ones_apply() {
    let live = tenants_example::CORS.to_live();
    let update = live
        .replace_tenants(
            "tenants",
            [
                ("a", "*"),
                ("a", "null"),
                ("a", "https://Shop.example/"),
                ("a", "https://shop.example"),
                ("a", "https://shop.example"),
                ("a", "https://*.shop.example"),
                ("a", "http://shop.example"),
                ("", "https://nameless.example"),
                ("c/d", "https://slash.example"),
                ("b", "http://localhost:3000"),
            ],
        )
        .unwrap();
    let refused: Vec<String> = update.refused.iter().map(ToString::to_string).collect();
    assert_eq!(
        refused,
        [
            "tenant \"a\", origin \"*\": a tenant's origin is one exact origin, such as \"https://shop.example\": `*`, `null`, wildcards and patterns would let other sites in on this tenant's paths",
            "tenant \"a\", origin \"null\": a tenant's origin is one exact origin, such as \"https://shop.example\": `*`, `null`, wildcards and patterns would let other sites in on this tenant's paths",
            "tenant \"a\", origin \"https://Shop.example/\": an origin has no trailing slash, and browsers never send one; write \"https://shop.example\"",
            "tenant \"a\", origin \"https://shop.example\": listed twice for this tenant; remove one",
            "tenant \"a\", origin \"https://*.shop.example\": a tenant's origin is one exact origin, such as \"https://shop.example\": `*`, `null`, wildcards and patterns would let other sites in on this tenant's paths",
            "tenant \"a\", origin \"http://shop.example\": plain http with credentials: whoever holds shop.example on the user's network can impersonate it; serve the front end over https",
            "tenant \"\", origin \"https://nameless.example\": a tenant needs a name",
            "tenant \"c/d\", origin \"https://slash.example\": a tenant named in the path is one segment, without `/`",
        ]
    );
    assert_eq!((update.tenants, update.origins), (2, 2));
    assert!(credentialed(&live, "/t/a/api/x", "https://shop.example"));
    assert!(credentialed(&live, "/t/b/api/x", "http://localhost:3000"));
    // An empty list is valid, and revokes every tenant.
    let empty = live
        .replace_tenants("tenants", Vec::<(String, String)>::new())
        .unwrap();
    assert_eq!((empty.tenants, empty.origins), (0, 0));
    assert!(!credentialed(&live, "/t/a/api/x", "https://shop.example"));
}

/// One tenant's origins are replaced in one call; the others keep theirs.
#[test]
fn one_tenant_is_replaced_alone() {
    let live = tenants_example::CORS.to_live();
    live.replace_tenants(
        "tenants",
        [("a", "https://a.example"), ("b", "https://b.example")],
    )
    .unwrap();
    let update = live
        .replace_tenant("tenants", "a", ["https://new-a.example"])
        .unwrap();
    assert_eq!((update.tenants, update.origins), (2, 2));
    assert!(credentialed(&live, "/t/a/api/x", "https://new-a.example"));
    assert!(!credentialed(&live, "/t/a/api/x", "https://a.example"));
    assert!(credentialed(&live, "/t/b/api/x", "https://b.example"));
    live.replace_tenant("tenants", "b", Vec::<String>::new())
        .unwrap();
    assert!(!credentialed(&live, "/t/b/api/x", "https://b.example"));
    let unknown = live.replace_tenant("nobody", "a", ["https://a.example"]);
    assert_eq!(
        unknown.unwrap_err().to_string(),
        "policy: no block named \"nobody\" has tenants; give one, as in `allow \"nobody\" { tenants from path; ... }`"
    );
}

/// A replacement of the whole policy keeps the tenants, checked again under the new policy.
#[test]
fn a_replaced_policy_keeps_its_tenants() {
    let live = tenants_example::CORS.to_live();
    live.replace_tenants("tenants", [("a", "https://a.example")])
        .unwrap();
    let mut policy = live.policy();
    policy.allow[0].origins.clear();
    live.replace(policy).unwrap();
    assert!(credentialed(&live, "/t/a/api/x", "https://a.example"));
    assert!(!credentialed(
        &live,
        "/t/a/api/x",
        "https://app.example.com"
    ));
}

static BY_HOST: Cors = cors! {
    allow "shops" {
        tenants from host "{tenant}.api.example.com";
        resource "/api/*", credentials: true;
    }
};

/// The tenant may be the first label of the host the request was sent to.
#[test]
fn tenants_may_come_from_the_host() {
    let live = BY_HOST.to_live();
    let update = live
        .replace_tenants(
            "shops",
            [
                ("acme", "https://acme.example"),
                ("Big.Co", "https://big.example"),
            ],
        )
        .unwrap();
    assert_eq!(update.refused.len(), 1);
    let decide = |host: &str, origin: &str| {
        let mut allowed = false;
        live.snapshot()
            .probe("GET /api/x")
            .origin(origin)
            .header("host", host)
            .decide(|decision| allowed = decision.is_allowed());
        allowed
    };
    assert!(decide("acme.api.example.com", "https://acme.example"));
    assert!(decide("acme.api.example.com:8443", "https://acme.example"));
    assert!(!decide("other.api.example.com", "https://acme.example"));
    assert!(!decide(
        "acme.api.example.com.evil.test",
        "https://acme.example"
    ));
    assert!(!decide("x.acme.api.example.com", "https://acme.example"));
}

/// How a tenants block is written is checked like the rest: a name to address it by, the
/// `{tenant}` segment at one place in every path, a host pattern that starts with it.
#[test]
fn tenants_blocks_are_checked() {
    let text = r#"
        [[allow]]
        tenants = "path"
        origins = ["https://app.example.com"]
          [[allow.resource]]
          path = "/t/{tenant}/api/*"
          [[allow.resource]]
          path = "/v1/x/{tenant}/*"
          [[allow.resource]]
          path = "/open/*"

        [[allow]]
        name = "hosts"
        tenants = { host = "api.example.com" }
          [[allow.resource]]
          path = "/x"
    "#;
    let policy: corsage::Policy = toml::from_str(text).unwrap();
    let problems = policy.check(&corsage::Functions::new()).unwrap_err();
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "allow[0].tenants: a block with tenants needs a name, by which updates address it, as in `name = \"shops\"`",
            "allow[0].resource[1].path: `{tenant}` is segment 3 here and segment 2 in the block's first resource; put it at the same place in every path",
            "allow[0].resource[2].path: a resource of a block with tenants from the path names the tenant as a whole segment before any `*`, as in \"/t/{tenant}/api/*\"",
            "allow[1].tenants: \"api.example.com\" does not start with `{tenant}.`: the tenant is the host's first label, as in \"{tenant}.api.example.com\"",
        ]
    );
}

mod example_process {
    use std::time::Duration;

    use super::*;
    use crate::support::example::Server;

    #[test]
    fn the_example_serves_each_tenant_its_own_origins_from_the_table() {
        let directory =
            std::env::temp_dir().join(format!("corsage-tenants-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let db_path = directory.join("tenants.sqlite");
        let _ = std::fs::remove_file(&db_path);
        let server = Server::start(
            "tenants",
            &[
                ("TENANTS_DB", db_path.to_str().unwrap()),
                ("PORT", "0"),
                ("REFRESH_MS", "100"),
            ],
        );
        let second = Duration::from_secs(1);
        // The example created the table; it is empty, which is valid.
        let db = Connection::open(&db_path).unwrap();
        let ok = server.get("/t/acme/api/orders", "https://app.example.com");
        assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
        assert!(
            ok.contains("{\"path\":\"orders\",\"tenant\":\"acme\"}"),
            "{ok}"
        );
        assert!(
            ok.contains("access-control-allow-credentials: true"),
            "{ok}"
        );

        db.execute_batch(
            "INSERT INTO tenants VALUES ('acme', 'https://shop.acme.example');
             INSERT INTO tenants VALUES ('acme', '*');
             INSERT INTO tenants VALUES ('acme', 'null');
             INSERT INTO tenants VALUES ('zed', 'https://Shop.example/');
             INSERT INTO tenants VALUES ('zed', 'https://zed.example');
             INSERT INTO tenants VALUES ('zed', 'https://zed.example');",
        )
        .unwrap();
        assert!(
            server
                .until_credentialed("/t/acme/api/x", "https://shop.acme.example", true, second)
                .is_some()
        );
        assert!(
            server
                .until_credentialed("/t/zed/api/x", "https://zed.example", true, second)
                .is_some()
        );
        // Never on another tenant's paths.
        assert!(
            server
                .until_credentialed("/t/zed/api/x", "https://shop.acme.example", false, second)
                .is_some()
        );
        let log = server.stderr_until("4 rows refused", second).join("\n");
        for row in [
            "tenant \"acme\", origin \"*\"",
            "tenant \"acme\", origin \"null\"",
            "tenant \"zed\", origin \"https://Shop.example/\"",
            "tenant \"zed\", origin \"https://zed.example\": listed twice",
        ] {
            assert!(log.contains(&format!("refused: {row}")), "{row} in:\n{log}");
        }
        let preflight = server.head(&format!(
            "OPTIONS /t/acme/api/orders HTTP/1.1\r\nHost: {}\r\nOrigin: https://shop.acme.example\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type\r\nConnection: close\r\n\r\n",
            server.address
        ));
        assert!(preflight.starts_with("HTTP/1.1 204"), "{preflight}");
        assert!(
            preflight.contains("access-control-allow-origin: https://shop.acme.example"),
            "{preflight}"
        );
        // A row deleted is revoked at the next refresh.
        db.execute("DELETE FROM tenants WHERE tenant = 'acme'", [])
            .unwrap();
        assert!(
            server
                .until_credentialed("/t/acme/api/x", "https://shop.acme.example", false, second)
                .is_some()
        );
        let _ = std::fs::remove_dir_all(&directory);
    }
}
