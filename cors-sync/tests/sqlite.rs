//! The SQLite source on a real database file written by another connection: each change read
//! once, bad rows reported and skipped, an unreadable table leaving the policy serving.

use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use corsage::{Cors, cors};
use corsage_sync::{Event, TenantSync, sqlite};
use rusqlite::Connection;

static CORS: Cors = cors! {
    allow "tenants" {
        tenants from path;
        resource "/t/{tenant}/api/*", credentials: true;
    }
};

fn next(events: &Receiver<Event>) -> Event {
    events
        .recv_timeout(Duration::from_secs(2))
        .expect("an event within 2 s")
}

fn allowed(live: &corsage::Live, tenant: &str, origin: &str) -> bool {
    let mut allowed = false;
    live.snapshot()
        .probe(&format!("GET /t/{tenant}/api/x"))
        .origin(origin)
        .decide(|decision| allowed = decision.is_allowed());
    allowed
}

#[test]
fn each_change_is_applied_once_and_a_failure_keeps_the_policy() {
    let path = std::env::temp_dir().join(format!("corsage-sync-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let writer = Connection::open(&path).unwrap();
    let reader = Connection::open(&path).unwrap();
    sqlite::prepare(&reader).unwrap();
    let live = CORS.to_live();
    let (send, events) = channel();
    let sync = TenantSync::new(live.clone(), "tenants");
    std::thread::spawn(move || {
        sqlite::keep_in_sync(sync, &reader, Duration::from_millis(10), |event| {
            let _ = send.send(event);
        })
    });
    // The empty table, read at start.
    assert_eq!(
        next(&events).to_string(),
        "policy version 2 applied: 0 origins of 0 tenants, 0 rows refused"
    );

    writer
        .execute_batch(
            "INSERT INTO tenants VALUES ('acme', 'https://acme.example'), ('acme', 'null')",
        )
        .unwrap();
    let Event::Applied { version, update } = next(&events) else {
        panic!("applied")
    };
    assert_eq!((version, update.origins, update.refused.len()), (3, 1, 1));
    assert_eq!(update.refused[0].tenant, "acme");
    assert_eq!(update.refused[0].origin, "null");
    assert!(allowed(&live, "acme", "https://acme.example"));

    // A write that leaves the rows as they were is no new version.
    writer
        .execute_batch("UPDATE tenants SET origin = origin")
        .unwrap();
    assert!(events.recv_timeout(Duration::from_millis(200)).is_err());
    assert_eq!(live.version(), 3);

    // The table gone: said once, and the policy stays.
    writer.execute_batch("DROP TABLE tenants").unwrap();
    let failed = next(&events).to_string();
    assert!(
        failed.starts_with("tenants cannot be read (no such table: tenants)"),
        "{failed}"
    );
    assert!(failed.ends_with("policy version 3 stays"), "{failed}");
    assert!(events.recv_timeout(Duration::from_millis(200)).is_err());
    assert!(allowed(&live, "acme", "https://acme.example"));

    // Back, with other rows.
    writer
        .execute_batch(
            "CREATE TABLE tenants (tenant TEXT NOT NULL, origin TEXT NOT NULL);
             INSERT INTO tenants VALUES ('zed', 'https://zed.example');",
        )
        .unwrap();
    let applied = next(&events).to_string();
    assert_eq!(
        applied,
        "policy version 4 applied: 1 origins of 1 tenants, 0 rows refused"
    );
    assert!(allowed(&live, "zed", "https://zed.example"));
    assert!(!allowed(&live, "acme", "https://acme.example"));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn an_update_for_a_block_without_tenants_is_refused_and_changes_nothing() {
    static PLAIN: Cors = cors! { allow "plain" { origins "https://a.example"; resource "*"; } };
    let live = PLAIN.to_live();
    let mut sync = TenantSync::new(live.clone(), "plain");
    let event = sync
        .apply(vec![("acme".into(), "https://acme.example".into())])
        .unwrap();
    assert_eq!(event.version(), 1);
    assert!(
        event.to_string().starts_with(
            "update refused, policy version 1 stays: policy: no block named \"plain\" has tenants"
        ),
        "{event}"
    );
    // The same refusal at the next read is not said again.
    assert!(
        sync.apply(vec![("acme".into(), "https://acme.example".into())])
            .is_none()
    );
}
