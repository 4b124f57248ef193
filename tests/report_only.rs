//! Report-only policies: evaluated beside the enforced one on every request, never applied;
//! their disagreements counted (`corsage_report_only_total`) and logged with both decisions;
//! kept across live updates, following the tenants; promoted in one call.

#[allow(dead_code)]
mod support;

use axum::body::Body;
use axum::http::{Request, Response};
use corsage::{Cors, Live, Policy, cors};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusRecorder};
use support::captured::capturing;
use support::get_from;
use tower::{Layer, ServiceExt, service_fn};

/// Enforced at first: the front end and a retired one.
static OPEN: Cors = cors! {
    allow "front" {
        tenants from path;
        origins "https://app.example", "https://old.example";
        resource "/t/{tenant}/api/*", credentials: true;
    }
};

/// The stricter policy to move to, from a file: the retired front end goes.
const STRICT: &str = r#"
[[allow]]
name = "front"
tenants = "path"
origins = ["https://app.example"]
resource = [{ path = "/t/{tenant}/api/*", credentials = true }]
"#;

/// Sends `requests` through `live`'s layer under a Prometheus recorder and a log capture; the
/// responses, the metrics text and the log.
fn serve(live: &Live, requests: Vec<Request<Body>>) -> (Vec<Response<Body>>, String, String) {
    let recorder: PrometheusRecorder = PrometheusBuilder::new().build_recorder();
    let handle = recorder.handle();
    let (captured, subscriber) = capturing(tracing::Level::INFO);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let inner = service_fn(|_: Request<Body>| async {
        Ok::<_, std::convert::Infallible>(Response::new(Body::empty()))
    });
    let responses = metrics::with_local_recorder(&recorder, || {
        tracing::subscriber::with_default(subscriber, || {
            requests
                .into_iter()
                .map(|request| {
                    let future = live.layer(inner).oneshot(request);
                    runtime.block_on(future).unwrap()
                })
                .collect()
        })
    });
    (responses, handle.render(), captured.text())
}

fn allow_origin(response: &Response<Body>) -> Option<&str> {
    response
        .headers()
        .get("access-control-allow-origin")
        .map(|value| value.to_str().unwrap())
}

#[test]
fn disagreements_are_counted_and_logged_and_never_enforced() {
    let live = OPEN.to_live();
    live.replace_tenants("front", [("acme", "https://acme.example")])
        .unwrap();
    live.report_only(Policy::from_toml(STRICT).unwrap())
        .unwrap();
    let (responses, metrics, log) = serve(
        &live,
        vec![
            get_from("/t/acme/api/x", "https://app.example"),
            get_from("/t/acme/api/x", "https://old.example"),
            get_from("/t/acme/api/x", "https://acme.example"),
            get_from("/t/acme/api/x", "https://evil.example"),
        ],
    );
    // Enforced: the open policy, the retired front end included.
    let origins: Vec<_> = responses.iter().map(allow_origin).collect();
    assert_eq!(
        origins,
        [
            Some("https://app.example"),
            Some("https://old.example"),
            Some("https://acme.example"),
            None
        ]
    );
    for series in [
        "corsage_report_only_total{kind=\"actual\",enforced=\"allowed\",report_only=\"allowed\"} 2",
        "corsage_report_only_total{kind=\"actual\",enforced=\"allowed\",report_only=\"refused\"} 1",
        "corsage_report_only_total{kind=\"actual\",enforced=\"refused\",report_only=\"refused\"} 1",
        "corsage_requests_total{kind=\"actual\",outcome=\"allowed\",reason=\"allowed\"} 3",
    ] {
        assert!(metrics.contains(series), "{series} in:\n{metrics}");
    }
    let differences: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("decides differently"))
        .collect();
    assert_eq!(differences.len(), 1, "{log}");
    assert!(differences[0].contains("INFO corsage::report_only: the report-only policy decides differently enforced=actual allowed; rule=0.0 report_only=actual origin-refused origin=https://old.example method=GET path=/t/acme/api/x"), "{log}");
}

#[test]
fn live_updates_keep_it_and_promotion_enforces_it() {
    let live = OPEN.to_live();
    live.report_only(Policy::from_toml(STRICT).unwrap())
        .unwrap();
    assert_eq!(
        live.version(),
        1,
        "a report-only policy is not a new version"
    );
    // Tenants stored after it was set are evaluated by it too.
    live.replace_tenants("front", [("acme", "https://acme.example")])
        .unwrap();
    live.replace_origins("front", ["https://app.example", "https://older.example"])
        .unwrap();
    let (_, metrics, _) = serve(
        &live,
        vec![
            get_from("/t/acme/api/x", "https://acme.example"),
            get_from("/t/acme/api/x", "https://older.example"),
        ],
    );
    for series in [
        "corsage_report_only_total{kind=\"actual\",enforced=\"allowed\",report_only=\"allowed\"} 1",
        "corsage_report_only_total{kind=\"actual\",enforced=\"allowed\",report_only=\"refused\"} 1",
    ] {
        assert!(metrics.contains(series), "{series} in:\n{metrics}");
    }

    live.promote_report_only().unwrap();
    assert_eq!(live.version(), 4);
    let (responses, metrics, _) = serve(
        &live,
        vec![
            get_from("/t/acme/api/x", "https://acme.example"),
            get_from("/t/acme/api/x", "https://older.example"),
        ],
    );
    let origins: Vec<_> = responses.iter().map(allow_origin).collect();
    assert_eq!(origins, [Some("https://acme.example"), None]);
    assert!(!metrics.contains("corsage_report_only_total"), "{metrics}");

    let problems = live.promote_report_only().unwrap_err();
    assert_eq!(
        problems.to_string(),
        "policy: there is no report-only policy to promote; set one with `Live::report_only`"
    );
    assert_eq!(live.version(), 4);
}

#[test]
fn a_report_only_policy_is_checked_like_any_other() {
    let live = OPEN.to_live();
    let mut bad = Policy::from_toml(STRICT).unwrap();
    bad.allow[0].origins = vec!["https://app.example/".into()];
    let problems = live.report_only(bad).unwrap_err();
    assert!(
        problems
            .to_string()
            .starts_with("allow[0].origins[0]: an origin has no trailing slash"),
        "{problems}"
    );
    let (_, metrics, _) = serve(&live, vec![get_from("/t/a/api/x", "https://app.example")]);
    assert!(!metrics.contains("corsage_report_only_total"), "{metrics}");
}
