//! Counters through the `metrics` facade (feature `metrics`): every decision, every policy
//! update and every report-only evaluation. Label values come from fixed lists (kinds, outcomes,
//! reasons, results), never from a request: an origin, path or tenant as a label would make the
//! number of series unbounded.
//!
//! A request's counter is looked up by a key built once per combination, so that counting costs
//! the recorder's look-up and no allocation.

use std::sync::LazyLock;

use metrics::{Key, Label, Level, Metadata};

use crate::decide::decision::{Decision, Outcome, Reason, RequestKind};

const METADATA: Metadata<'static> = Metadata::new("corsage", Level::INFO, Some(module_path!()));

const KINDS: [RequestKind; 4] = [
    RequestKind::NotCors,
    RequestKind::Preflight,
    RequestKind::Actual,
    RequestKind::WebSocket,
];

const OUTCOMES: [Outcome; 3] = [Outcome::Allowed, Outcome::Refused, Outcome::Blocked];

/// Every reason's name, in the order of [`reason_index`].
const REASONS: [&str; 11] = [
    "no-origin",
    "origin-refused",
    "no-resource",
    "condition-false",
    "same-origin",
    "method-refused",
    "request-headers-too-long",
    "header-refused",
    "socket-needs-credentials",
    "host-refused",
    "allowed",
];

fn reason_index(reason: &Reason<'_>) -> usize {
    match reason {
        Reason::NoOrigin => 0,
        Reason::OriginRefused => 1,
        Reason::NoResource => 2,
        Reason::ConditionFalse(_) => 3,
        Reason::SameOrigin => 4,
        Reason::MethodRefused { .. } => 5,
        Reason::RequestHeadersTooLong(_) => 6,
        Reason::HeaderRefused { .. } => 7,
        Reason::SocketNeedsCredentials(_) => 8,
        Reason::HostRefused => 9,
        Reason::Allowed(_) => 10,
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Allowed => "allowed",
        Outcome::Refused => "refused",
        Outcome::Blocked => "blocked",
    }
}

/// The kind's place in [`KINDS`]; a new kind fails to compile here until it has one.
fn kind_index(kind: RequestKind) -> usize {
    match kind {
        RequestKind::NotCors => 0,
        RequestKind::Preflight => 1,
        RequestKind::Actual => 2,
        RequestKind::WebSocket => 3,
    }
}

/// `corsage_requests_total{kind, outcome, reason}`, one key per combination, in the order of
/// [`count_request`]'s index.
static REQUEST_KEYS: LazyLock<Box<[Key]>> = LazyLock::new(|| {
    let mut keys = Vec::new();
    for kind in KINDS {
        for reason in REASONS {
            for outcome in OUTCOMES {
                keys.push(Key::from_parts(
                    "corsage_requests_total",
                    vec![
                        Label::from_static_parts("kind", kind.name()),
                        Label::from_static_parts("outcome", outcome_name(outcome)),
                        Label::from_static_parts("reason", reason),
                    ],
                ));
            }
        }
    }
    keys.into_boxed_slice()
});

/// `corsage_report_only_total{kind, enforced, report_only}`.
static REPORT_ONLY_KEYS: LazyLock<Box<[Key]>> = LazyLock::new(|| {
    let mut keys = Vec::new();
    for kind in KINDS {
        for enforced in OUTCOMES {
            for report_only in OUTCOMES {
                keys.push(Key::from_parts(
                    "corsage_report_only_total",
                    vec![
                        Label::from_static_parts("kind", kind.name()),
                        Label::from_static_parts("enforced", outcome_name(enforced)),
                        Label::from_static_parts("report_only", outcome_name(report_only)),
                    ],
                ));
            }
        }
    }
    keys.into_boxed_slice()
});

/// Counts one decision the layer applies.
pub(crate) fn count_request(decision: &Decision<'_>) {
    let index = (kind_index(decision.kind()) * REASONS.len() + reason_index(&decision.reason()))
        * OUTCOMES.len()
        + Outcome::of(decision) as usize;
    increment(&REQUEST_KEYS[index]);
}

/// Counts one request on which a report-only policy was evaluated.
pub(crate) fn count_report_only(kind: RequestKind, enforced: Outcome, report_only: Outcome) {
    let index = (kind_index(kind) * OUTCOMES.len() + enforced as usize) * OUTCOMES.len()
        + report_only as usize;
    increment(&REPORT_ONLY_KEYS[index]);
}

fn increment(key: &Key) {
    metrics::with_recorder(|recorder| recorder.register_counter(key, &METADATA).increment(1));
}

/// Counts a live policy's update, applied or refused, and sets the version being served.
pub(crate) fn count_update(applied: bool, version: u64) {
    let result = if applied { "applied" } else { "refused" };
    metrics::counter!("corsage_policy_updates_total", "result" => result).increment(1);
    // A gauge holds an f64, exact for versions below 2^53.
    metrics::gauge!("corsage_policy_version").set(version as f64);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reason's index names it: the table's order and the match agree.
    #[test]
    fn kinds_follow_their_indexes() {
        for (index, kind) in KINDS.into_iter().enumerate() {
            assert_eq!(kind_index(kind), index);
        }
    }

    #[test]
    fn reason_names_follow_their_indexes() {
        let rule = crate::decide::decision::Rule {
            block: 0,
            resource: 0,
        };
        let reasons = [
            Reason::NoOrigin,
            Reason::OriginRefused,
            Reason::NoResource,
            Reason::ConditionFalse(rule),
            Reason::SameOrigin,
            Reason::MethodRefused {
                rule,
                method: "X".into(),
            },
            Reason::RequestHeadersTooLong(rule),
            Reason::HeaderRefused {
                rule,
                header: "x".into(),
            },
            Reason::SocketNeedsCredentials(rule),
            Reason::HostRefused,
            Reason::Allowed(rule),
        ];
        for reason in reasons {
            assert_eq!(REASONS[reason_index(&reason)], reason.name());
        }
    }
}
