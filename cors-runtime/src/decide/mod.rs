//! The pure decision: (policy, request head) → what the layer does, and why. First match wins:
//! blocks in order; in the first block whose origins accept the request's, the first resource
//! whose path matches and whose `if:` holds. Before it, under `refuse_other_hosts`, the host the
//! request was sent to; after it, for a WebSocket handshake, whether the rule opens sockets.

pub(crate) mod decided;
pub(crate) mod decision;
pub(crate) mod origin;
pub(crate) mod request_headers;
pub(crate) mod request_text;
pub(crate) mod same_origin;

use http::header::{
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, UPGRADE,
};
use http::{HeaderMap, HeaderValue, Method};

use crate::decide::decision::{Decision, Reason, RequestKind, RequestedHeaders, Rule};
use crate::decide::origin::RequestOrigin;
use crate::decide::request_headers::first_refused;
use crate::decide::request_text::RequestText;
use crate::decide::same_origin::is_same_origin;
use crate::model::head::RequestHead;
use crate::syntax::MAX_REQUEST_HEADERS_LENGTH;
use crate::table::resource_index::ResourceIndex;
use crate::table::short_bytes::same_bytes;
use crate::table::{CompiledPolicy, Resource};

impl CompiledPolicy {
    pub(crate) fn decide<'a>(&'a self, head: &RequestHead<'a>) -> Decision<'a> {
        if self.own_hosts.refuse_others && !self.own_hosts.sent_to_own(head) {
            return host_refused(head);
        }
        let headers = head.headers();
        let path = head.uri().path();
        let mut origin_lines = headers.get_all(ORIGIN).iter();
        let Some(first_origin) = origin_lines.next() else {
            return Decision {
                kind: RequestKind::NotCors,
                reason: Reason::NoOrigin,
                resource: self.first_covering(path),
                any_origin: false,
                origin: None,
                requested_headers: RequestedHeaders::None,
                blocked: false,
            };
        };
        // A preflight: OPTIONS with an `Access-Control-Request-Method` (looked up only then).
        let requested_method = match *head.method() == Method::OPTIONS {
            true => RequestedMethod::of(headers),
            false => None,
        };
        let kind = match requested_method {
            Some(_) => RequestKind::Preflight,
            None => RequestKind::Actual,
        };
        let origin = match origin_lines.next() {
            Some(_) => None,
            None if self.origin_patterns => RequestOrigin::parse(first_origin.as_bytes()),
            None => Some(RequestOrigin::ExactOnly(first_origin.as_bytes())),
        };
        let candidates = self.dispatch.candidates(path);
        let exact_blocks = match origin {
            Some(origin) => self.exact_origins.blocks_listing(origin.as_bytes()),
            None => &[],
        };
        // One pass over the candidates, in policy order: the first whose path matches is the
        // covering resource (whose `Vary` a refusal carries); past it, only resources of blocks
        // that accept the origin are matched. Each block's origins are asked once, when its
        // first candidate comes up.
        let mut covering = None;
        let mut condition_false = None;
        let mut asked: Option<(usize, bool)> = None;
        for &index in candidates {
            let block_index = index.block();
            let block = &self.blocks[block_index];
            let accepts = match (origin, asked) {
                (None, _) => false,
                (Some(_), Some((asked_block, accepts))) if asked_block == block_index => accepts,
                (Some(origin), _) => {
                    let accepts = block.accepts(block_index, origin, exact_blocks, head);
                    asked = Some((block_index, accepts));
                    accepts
                }
            };
            if !accepts && covering.is_some() {
                continue;
            }
            let resource = &block.resources[index.resource()];
            if !resource.path.matches(path) {
                continue;
            }
            covering.get_or_insert((index, resource));
            if !accepts {
                continue;
            }
            let rule = Rule {
                block: block_index,
                resource: index.resource(),
            };
            if resource
                .condition
                .as_ref()
                .is_some_and(|holds| !holds(head))
            {
                condition_false.get_or_insert((rule, index, resource));
                continue;
            }
            let (reason, requested_headers) = match &requested_method {
                Some(method) => resource.check_preflight(rule, method, headers),
                None if !resource.opens_sockets && is_websocket_handshake(head) => {
                    return self.socket_refused(head, rule, (index, resource), first_origin);
                }
                None => (Reason::Allowed(rule), RequestedHeaders::None),
            };
            return Decision {
                kind,
                reason,
                resource: Some((index, resource)),
                any_origin: block.any_origin,
                origin: Some(first_origin),
                requested_headers,
                blocked: false,
            };
        }
        let (reason, resource) = match (condition_false, covering) {
            (Some((rule, index, resource)), _) => {
                (Reason::ConditionFalse(rule), Some((index, resource)))
            }
            (None, Some(covering)) => (Reason::OriginRefused, Some(covering)),
            (None, None) => (Reason::NoResource, None),
        };
        self.refused(head, kind, reason, resource, first_origin)
    }

    /// The decision on a request with an `Origin` that no rule allows. Out of line: allowed
    /// requests never come here.
    #[inline(never)]
    fn refused<'a>(
        &'a self,
        head: &RequestHead<'a>,
        mut kind: RequestKind,
        mut reason: Reason<'a>,
        resource: Option<(ResourceIndex, &'a Resource)>,
        origin: &'a HeaderValue,
    ) -> Decision<'a> {
        // Refused on a covered path: the layer answers it itself where headers protect nothing
        // (WebSocket handshakes) or where a resource says so; never the server's own origin.
        // Only here is a handshake told apart from other requests, which spares every allowed
        // request the look-up of `Upgrade`.
        if kind == RequestKind::Actual && resource.is_some() && is_websocket_handshake(head) {
            kind = RequestKind::WebSocket;
        }
        let enforced = resource.is_some()
            && match kind {
                RequestKind::WebSocket => true,
                RequestKind::Actual => self.refuses_others(head.uri().path()),
                RequestKind::NotCors | RequestKind::Preflight => false,
            };
        let same_origin = enforced && is_same_origin(origin.as_bytes(), head, &self.own_hosts);
        if same_origin {
            reason = Reason::SameOrigin;
        }
        Decision {
            kind,
            reason,
            resource,
            any_origin: false,
            origin: Some(origin),
            requested_headers: RequestedHeaders::None,
            blocked: enforced && !same_origin,
        }
    }

    /// A WebSocket handshake the rule allows but cannot open a socket for: the handshake
    /// carries the user's cookies, and the rule neither grants credentials nor says the socket
    /// is public. Refused, unless it comes from the server's own origin.
    #[cold]
    #[inline(never)]
    fn socket_refused<'a>(
        &'a self,
        head: &RequestHead<'a>,
        rule: Rule,
        resource: (ResourceIndex, &'a Resource),
        origin: &'a HeaderValue,
    ) -> Decision<'a> {
        let same_origin = is_same_origin(origin.as_bytes(), head, &self.own_hosts);
        Decision {
            kind: RequestKind::WebSocket,
            reason: match same_origin {
                true => Reason::SameOrigin,
                false => Reason::SocketNeedsCredentials(rule),
            },
            resource: Some(resource),
            any_origin: false,
            origin: Some(origin),
            requested_headers: RequestedHeaders::None,
            blocked: !same_origin,
        }
    }

    /// Whether a `refuse_others: true` resource of any block covers the path.
    fn refuses_others(&self, path: &str) -> bool {
        self.refusing
            .iter()
            .any(|&index| self.resource(index).path.matches(path))
    }

    /// The first resource of any block whose path matches, whatever the origin and conditions.
    pub(crate) fn first_covering(&self, path: &str) -> Option<(ResourceIndex, &Resource)> {
        self.dispatch.candidates(path).iter().find_map(|&index| {
            let resource = self.resource(index);
            resource.path.matches(path).then_some((index, resource))
        })
    }
}

/// A request sent to a host that is not the server's own, under `refuse_other_hosts: true`:
/// answered `403` by the layer, whatever it is.
#[cold]
#[inline(never)]
fn host_refused<'a>(head: &RequestHead<'a>) -> Decision<'a> {
    let headers = head.headers();
    let origin = headers.get(ORIGIN);
    let kind = match origin {
        None => RequestKind::NotCors,
        Some(_) if *head.method() == Method::OPTIONS && RequestedMethod::of(headers).is_some() => {
            RequestKind::Preflight
        }
        Some(_) if is_websocket_handshake(head) => RequestKind::WebSocket,
        Some(_) => RequestKind::Actual,
    };
    Decision {
        kind,
        reason: Reason::HostRefused,
        resource: None,
        any_origin: false,
        origin,
        requested_headers: RequestedHeaders::None,
        blocked: true,
    }
}

/// A preflight's `Access-Control-Request-Method`, read once.
struct RequestedMethod<'a> {
    first: &'a [u8],
    /// Sent on more than one line: refused, whatever the first says.
    repeated: bool,
}

impl<'a> RequestedMethod<'a> {
    fn of(headers: &'a HeaderMap) -> Option<RequestedMethod<'a>> {
        let mut lines = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).into_iter();
        let first = lines.next()?.as_bytes();
        Some(RequestedMethod {
            first,
            repeated: lines.next().is_some(),
        })
    }
}

/// `GET` with `Upgrade: websocket` (RFC 6455), or `CONNECT`, which browsers send only as the
/// HTTP/2 WebSocket handshake (RFC 8441's extended `CONNECT`).
fn is_websocket_handshake(head: &RequestHead<'_>) -> bool {
    match *head.method() {
        Method::GET => head.headers().get_all(UPGRADE).iter().any(|line| {
            line.as_bytes()
                .split(|&b| b == b',')
                .any(|token| token.trim_ascii().eq_ignore_ascii_case(b"websocket"))
        }),
        Method::CONNECT => true,
        _ => false,
    }
}

impl Resource {
    /// Checks a preflight's method and headers against this resource; also returns the
    /// requested headers, which an allowed preflight echoes. Out of line, which keeps the
    /// decision's own frame small for actual requests.
    #[inline(never)]
    fn check_preflight<'a>(
        &self,
        rule: Rule,
        requested_method: &RequestedMethod<'a>,
        headers: &'a HeaderMap,
    ) -> (Reason<'a>, RequestedHeaders<'a>) {
        let method = requested_method.first;
        let listed = self
            .methods
            .iter()
            .any(|m| same_bytes(m.as_bytes(), method));
        if !listed || requested_method.repeated {
            let method = RequestText(method);
            return (
                Reason::MethodRefused { rule, method },
                RequestedHeaders::None,
            );
        }
        let requested = headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS);
        let mut lines = requested.iter();
        let echo = match (lines.next(), lines.next()) {
            (None, _) => RequestedHeaders::None,
            (Some(line), None) => RequestedHeaders::One(line),
            (Some(_), Some(_)) => RequestedHeaders::Several,
        };
        let length: usize = match echo {
            RequestedHeaders::None => 0,
            RequestedHeaders::One(line) => line.len(),
            RequestedHeaders::Several => requested.iter().map(HeaderValue::len).sum(),
        };
        if length > MAX_REQUEST_HEADERS_LENGTH {
            return (Reason::RequestHeadersTooLong(rule), RequestedHeaders::None);
        }
        let refused = match echo {
            RequestedHeaders::None => None,
            RequestedHeaders::One(line) => first_refused([line], &self.headers),
            RequestedHeaders::Several => first_refused(requested.iter(), &self.headers),
        };
        match refused {
            Some(header) => {
                let header = RequestText(header);
                (
                    Reason::HeaderRefused { rule, header },
                    RequestedHeaders::None,
                )
            }
            None => (Reason::Allowed(rule), echo),
        }
    }
}
