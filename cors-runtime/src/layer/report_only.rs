//! A report-only policy's evaluation (see `Live::report_only`): decided on the same request as
//! the enforced one, counted, and logged where the two differ. Out of line and cold: a layer
//! without a report-only policy pays one branch.

use http::Request;

use crate::decide::decision::{Decision, Outcome};
use crate::model::head::RequestHead;
use crate::table::CompiledPolicy;

/// Decides `request` by `report_only`, and compares with `enforced`: a difference is an outcome
/// that differs (allowed, refused, blocked), or credentials granted by one only.
#[cold]
#[inline(never)]
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn evaluate<B>(report_only: &CompiledPolicy, request: &Request<B>, enforced: &Decision) {
    let reported = report_only.decide(&RequestHead::from(request));
    let (enforced_outcome, reported_outcome) = (Outcome::of(enforced), Outcome::of(&reported));
    #[cfg(feature = "metrics")]
    crate::layer::metrics::count_report_only(enforced.kind(), enforced_outcome, reported_outcome);
    let differs = enforced_outcome != reported_outcome
        || enforced.allows_credentials() != reported.allows_credentials();
    #[cfg(feature = "tracing")]
    if differs {
        use crate::decide::request_text::RequestText;
        let origin = request.headers().get(http::header::ORIGIN);
        tracing::info!(
            target: "corsage::report_only",
            enforced = %enforced.summary(),
            report_only = %reported.summary(),
            origin = %RequestText(origin.map_or(&b""[..], |value| value.as_bytes())),
            method = %RequestText(request.method().as_str().as_bytes()),
            path = %RequestText(request.uri().path().as_bytes()),
            "the report-only policy decides differently"
        );
    }
}
