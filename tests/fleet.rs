//! `examples/fleet.rs` driven as its contract says: replicas started with `DATABASE_URL`, `PORT`
//! and `POLL_MS` against a throwaway PostgreSQL server, rows written with `psql`, answers read
//! over HTTP. Changes reach every replica through `NOTIFY`; lost notifications through the
//! polling floor; a database that goes down leaves the last good policy serving.

use std::time::{Duration, Instant};

#[allow(dead_code)]
mod support;

use support::example::Server;
use support::postgres::Cluster;

const SECOND: Duration = Duration::from_secs(1);

/// One test at a time: each starts a server and replicas, and the propagation bounds (1 s) are
/// meant for the change under test, not for a neighbour's 100,000-row update on the same cores.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    // A failed test poisons the lock; the next one still runs alone.
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn replica(cluster: &Cluster, poll_ms: &str) -> Server {
    Server::start(
        "fleet",
        &[
            ("DATABASE_URL", &cluster.url()),
            ("PORT", "0"),
            ("POLL_MS", poll_ms),
        ],
    )
}

/// Says a measured figure where the user sees it (the harness hides `println!` of passing tests).
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "\n*** {line} ***");
}

/// With the floor far away (a minute), only the notification can bring a change within 1 s.
#[test]
fn two_replicas_follow_inserts_and_deletes_within_a_second() {
    let _alone = one_at_a_time();
    let Some(cluster) = Cluster::start("the fleet's propagation test") else {
        return;
    };
    let replicas = [replica(&cluster, "60000"), replica(&cluster, "60000")];
    let mut inserts = Vec::new();
    let mut deletes = Vec::new();
    for round in 0..20 {
        let (tenant, origin) = (
            format!("shop{round}"),
            format!("https://shop{round}.example"),
        );
        let path = format!("/t/{tenant}/api/orders");
        let start = Instant::now();
        cluster.psql(&format!(
            "INSERT INTO tenants VALUES ('{tenant}', '{origin}')"
        ));
        for (index, replica) in replicas.iter().enumerate() {
            assert!(
                replica
                    .until_credentialed(&path, &origin, true, SECOND)
                    .is_some(),
                "round {round}: replica {index} did not serve the inserted row within 1 s"
            );
        }
        inserts.push(start.elapsed());
        let start = Instant::now();
        cluster.psql(&format!("DELETE FROM tenants WHERE tenant = '{tenant}'"));
        for (index, replica) in replicas.iter().enumerate() {
            assert!(
                replica
                    .until_credentialed(&path, &origin, false, SECOND)
                    .is_some(),
                "round {round}: replica {index} still served the deleted row after 1 s"
            );
        }
        deletes.push(start.elapsed());
    }
    for (what, times) in [("INSERT", &mut inserts), ("DELETE", &mut deletes)] {
        times.sort();
        report(&format!(
            "{what} to both replicas answering by it (psql included): median {} ms, worst {} ms of {}",
            times[times.len() / 2].as_millis(),
            times[times.len() - 1].as_millis(),
            times.len()
        ));
    }
}

/// A change whose notification never comes arrives by the floor, within `POLL_MS` plus 1 s:
/// one made in a session whose triggers do not fire, and one made after the server killed the
/// listener's connection.
#[test]
fn lost_notifications_are_made_up_by_the_polling_floor() {
    let _alone = one_at_a_time();
    let Some(cluster) = Cluster::start("the fleet's polling-floor test") else {
        return;
    };
    let server = replica(&cluster, "1000");
    let within = Duration::from_millis(1000) + SECOND;
    cluster.psql(
        "SET session_replication_role = replica;
         INSERT INTO tenants VALUES ('quiet', 'https://quiet.example')",
    );
    assert!(
        server
            .until_credentialed("/t/quiet/api/x", "https://quiet.example", true, within)
            .is_some()
    );

    let killed = cluster.psql(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE application_name = 'corsage-sync'",
    );
    assert_eq!(killed.trim(), "1", "the replica's one listener connection");
    cluster.psql("INSERT INTO tenants VALUES ('loud', 'https://loud.example')");
    assert!(
        server
            .until_credentialed("/t/loud/api/x", "https://loud.example", true, within)
            .is_some()
    );
    let log = server.stderr_until("readable again", SECOND).join("\n");
    assert!(log.contains("tenants cannot be read ("), "{log}");
    assert!(log.contains("policy version"), "{log}");
}

/// While the database is down, the replica answers by the last good policy; it catches up
/// when the database returns.
#[test]
fn a_database_down_and_back_leaves_the_policy_serving() {
    let _alone = one_at_a_time();
    let Some(cluster) = Cluster::start("the fleet's database-down test") else {
        return;
    };
    let server = replica(&cluster, "500");
    cluster.psql("INSERT INTO tenants VALUES ('acme', 'https://acme.example')");
    assert!(
        server
            .until_credentialed("/t/acme/api/x", "https://acme.example", true, SECOND)
            .is_some()
    );

    cluster.stop_server();
    let log = server.stderr_until("cannot be read", 2 * SECOND).join("\n");
    assert!(log.contains("policy version 3 stays"), "{log}");
    for _ in 0..20 {
        let response = server.get("/t/acme/api/x", "https://acme.example");
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(server.credentialed("/t/acme/api/x", "https://acme.example"));
        std::thread::sleep(Duration::from_millis(50));
    }

    cluster.start_server();
    cluster.psql("INSERT INTO tenants VALUES ('zed', 'https://zed.example')");
    assert!(
        server
            .until_credentialed("/t/zed/api/x", "https://zed.example", true, 2 * SECOND)
            .is_some()
    );
    assert!(server.credentialed("/t/acme/api/x", "https://acme.example"));
}

/// Bad rows are reported with their tenant and value and skipped, good rows apply; `/metrics`
/// counts requests and updates with bounded labels only.
#[test]
fn bad_rows_are_skipped_and_metrics_name_no_origin() {
    let _alone = one_at_a_time();
    let Some(cluster) = Cluster::start("the fleet's bad-rows and metrics test") else {
        return;
    };
    let server = replica(&cluster, "5000");
    cluster.psql(
        "INSERT INTO tenants VALUES
            ('acme', 'https://shop.acme.example'), ('acme', '*'),
            ('zed', 'https://Zed.example/'), ('zed', 'https://zed.example')",
    );
    assert!(
        server
            .until_credentialed("/t/zed/api/x", "https://zed.example", true, SECOND)
            .is_some()
    );
    let log = server.stderr_until("2 rows refused", SECOND).join("\n");
    assert!(
        log.contains("policy version 3 applied: 2 origins of 2 tenants, 2 rows refused"),
        "{log}"
    );
    assert!(
        log.contains("refused: tenant \"acme\", origin \"*\""),
        "{log}"
    );
    assert!(
        log.contains("refused: tenant \"zed\", origin \"https://Zed.example/\""),
        "{log}"
    );
    assert!(!server.credentialed("/t/zed/api/x", "https://shop.acme.example"));
    let preflight = server.head(&format!(
        "OPTIONS /t/acme/api/x HTTP/1.1\r\nHost: {}\r\nOrigin: https://shop.acme.example\r\nAccess-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n",
        server.address
    ));
    assert!(preflight.starts_with("HTTP/1.1 204"), "{preflight}");

    let metrics = server.head(&format!(
        "GET /metrics HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.address
    ));
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    for series in [
        "corsage_requests_total{kind=\"actual\",outcome=\"allowed\",reason=\"allowed\"}",
        "corsage_requests_total{kind=\"actual\",outcome=\"refused\",reason=\"origin-refused\"}",
        "corsage_requests_total{kind=\"preflight\",outcome=\"allowed\",reason=\"allowed\"}",
        "corsage_policy_updates_total{result=\"applied\"} 2",
        "corsage_policy_version 3",
    ] {
        assert!(metrics.contains(series), "{series} in:\n{metrics}");
    }
    for line in metrics.lines().filter(|line| line.starts_with("corsage_")) {
        for unbounded in ["://", "/t/", "acme", "zed", "example"] {
            assert!(!line.contains(unbounded), "{unbounded} in a label: {line}");
        }
    }
}

/// 100,000 tenants inserted in one statement reach the replica in one update; the time it
/// takes (the read, every row checked, the table built) is reported.
#[test]
fn a_hundred_thousand_tenants_arrive_in_one_update() {
    let _alone = one_at_a_time();
    let Some(cluster) = Cluster::start("the fleet's 100,000-tenant test") else {
        return;
    };
    let server = replica(&cluster, "60000");
    let start = Instant::now();
    cluster.psql(
        "INSERT INTO tenants
         SELECT 't' || i, 'https://t' || i || '.example' FROM generate_series(1, 100000) AS i",
    );
    let inserted = start.elapsed();
    assert!(
        server
            .until_credentialed(
                "/t/t100000/api/x",
                "https://t100000.example",
                true,
                60 * SECOND
            )
            .is_some()
    );
    let served = start.elapsed();
    let log = server
        .stderr_until("100000 origins of 100000 tenants", SECOND)
        .join("\n");
    assert!(
        log.contains("applied: 100000 origins of 100000 tenants, 0 rows refused"),
        "{log}"
    );
    report(&format!(
        "100,000 tenants from INSERT to served: {} ms (the INSERT itself {} ms; {} build)",
        served.as_millis(),
        inserted.as_millis(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    ));
}
