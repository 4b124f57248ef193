//! Policies behind `Router::nest`. The layer matches the path the client sent (axum keeps it
//! when it strips the nest's prefix), so a policy written with the nested router's own paths
//! covers nothing there, and its WebSocket and `refuse_others` guards would let everything
//! through. Nothing can see the mount before a request arrives, so the first request that shows
//! the mismatch says it: one warning per table, and the debug header on every such response.

use std::sync::atomic::Ordering;

use http::{HeaderValue, Request};

use crate::decide::request_text::RequestText;
use crate::model::head::original_uri;
use crate::table::CompiledPolicy;
use crate::warning::warn;

/// What to say when no resource covers the path the client sent but one covers the path the
/// nested router sees (the policy was written for the wrong one); nothing to work out once the
/// table has warned, unless the debug header wants the sentence.
#[cold]
#[inline(never)]
pub(crate) fn nest_relative<B>(
    policy: &CompiledPolicy,
    request: &Request<B>,
    for_debug_header: bool,
) -> Option<String> {
    if !for_debug_header && policy.warned_nest_relative.load(Ordering::Relaxed) {
        return None;
    }
    let sent = original_uri(request.extensions())?.path();
    let seen = request.uri().path();
    if sent == seen || policy.first_covering(seen).is_none() {
        return None;
    }
    let (sent, seen) = (RequestText::from(sent), RequestText::from(seen));
    let message = format!(
        "no resource covers {sent}, the path the client sent, but one covers {seen}, \
         the nested router's own path: write the policy's resources with full paths (as \
         `Router::nest` mounts them); until then this layer adds no CORS headers and its guards \
         let these requests through"
    );
    if !policy.warned_nest_relative.swap(true, Ordering::Relaxed) {
        warn(&message);
    }
    Some(message)
}

/// The debug header's value for a nest-relative policy.
pub(crate) fn debug_value(message: &str) -> HeaderValue {
    HeaderValue::try_from(message).unwrap_or(HeaderValue::from_static("nest-relative policy"))
}
