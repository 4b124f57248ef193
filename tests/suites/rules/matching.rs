//! Matching (§2): first match wins, blocks in order, then resources.

use super::*;

#[tokio::test]
async fn first_matching_block_wins() {
    // /items/* is in the first block (credentials) and the "*" block (delete only).
    let response = send(APP, get_from("/items/1", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let response = send(APP, get_from("/items/1", "https://other.test")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(
        value(response.headers(), "access-control-allow-credentials"),
        None
    );
}

#[tokio::test]
async fn preflight_does_not_fall_through_to_a_later_rule_on_method() {
    // DELETE is allowed on /items/* by the "*" block, but the first block is selected for this
    // origin and does not list DELETE.
    let response = send(
        APP,
        preflight("/items/1", "https://app.example.com", "DELETE", None),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = send(
        APP,
        preflight("/items/1", "https://other.test", "DELETE", None),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_block_whose_resources_miss_the_path_falls_through_to_the_next_block() {
    let response = send(APP, get_from("/public/a", "https://app.example.com")).await;
    assert_eq!(
        value(response.headers(), "access-control-allow-origin").as_deref(),
        Some("*")
    );
}

#[tokio::test]
async fn if_condition_false_skips_the_resource() {
    let decision = |headers: &[(&str, &[u8])]| {
        let request = support::request("OPTIONS", "/maybe/x", headers);
        let head = RequestHead::from(&request);
        APP.decide(&head).reason().to_owned_reason()
    };
    let origin: (&str, &[u8]) = ("origin", b"https://app.example.com");
    let get: (&str, &[u8]) = ("access-control-request-method", b"GET");
    let post: (&str, &[u8]) = ("access-control-request-method", b"POST");
    let feature: (&str, &[u8]) = ("x-feature", b"1");
    assert_eq!(decision(&[origin, get, feature]), "Allowed(0/3)");
    // Without the header, the first /maybe/* is skipped and the second (POST only) selected.
    assert_eq!(decision(&[origin, post]), "Allowed(0/4)");
    assert_eq!(decision(&[origin, get]), "MethodRefused(0/4)");
}

#[test]
fn condition_false_is_reported_when_no_other_resource_matches() {
    let request = support::request(
        "GET",
        "/api/v1/x",
        &[("origin", b"https://a.test"), ("host", b"other.test")],
    );
    let decision = README.decide(&RequestHead::from(&request));
    assert_eq!(
        decision.reason(),
        Reason::ConditionFalse(Rule {
            block: 1,
            resource: 1
        })
    );
    let request = support::request(
        "GET",
        "/api/v1/x",
        &[("origin", b"https://a.test"), ("host", b"api.example.com")],
    );
    assert!(README.decide(&RequestHead::from(&request)).is_allowed());
}

trait ShortReason {
    fn to_owned_reason(&self) -> String;
}

impl ShortReason for Reason<'_> {
    fn to_owned_reason(&self) -> String {
        match self {
            Reason::Allowed(rule) => format!("Allowed({}/{})", rule.block, rule.resource),
            Reason::MethodRefused { rule, .. } => {
                format!("MethodRefused({}/{})", rule.block, rule.resource)
            }
            other => format!("{other:?}"),
        }
    }
}
