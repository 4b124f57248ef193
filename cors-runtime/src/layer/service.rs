//! The tower glue: a `Layer`, its `Service` and the response future. It only applies the
//! decision that [`Cors::decide`] makes.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    ACCESS_CONTROL_REQUEST_HEADERS, VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue, Request, Response, StatusCode};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::decide::decided::Decided;
use crate::decide::decision::{Decision, Reason, RequestKind, RequestedHeaders};
#[cfg(feature = "tracing")]
use crate::decide::request_text::RequestText;
use crate::layer::cors::Cors;
use crate::layer::inner_response::{add_unless_set, merge_vary};
use crate::layer::live::Live;
use crate::layer::nest::{self, nest_relative};
use crate::layer::source::PolicySource;
use crate::model::head::RequestHead;
use crate::table::preflight_headers::{PREFLIGHT_VARY, TRUE};
use crate::table::resource_index::ResourceIndex;
use crate::table::{CompiledPolicy, Vary};

/// `settings { debug_header: true }`: the decision's summary on every response the layer sees.
const DEBUG_HEADER: HeaderName = HeaderName::from_static("x-corsage-decision");

/// Private Network Access, the legacy protocol Chromium replaced with a permission prompt.
const REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

const ANY_ORIGIN: HeaderValue = HeaderValue::from_static("*");

impl<S> Layer<S> for Cors {
    type Service = CorsService<S>;

    fn layer(&self, inner: S) -> CorsService<S> {
        CorsService {
            inner,
            source: *self,
        }
    }
}

impl<S> Layer<S> for Live {
    type Service = CorsService<S, Live>;

    fn layer(&self, inner: S) -> CorsService<S, Live> {
        CorsService {
            inner,
            source: self.clone(),
        }
    }
}

/// The service [`Cors`] wraps around an inner service: it answers preflights itself and adds the
/// CORS headers to the inner service's responses.
///
/// ```
/// use corsage::{cors, Cors};
/// use tower::{service_fn, Layer, ServiceExt};
///
/// static CORS: Cors = cors! { allow { origins "https://a.example"; resource "*"; } };
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let inner = service_fn(|_request: http::Request<()>| async {
///     Ok::<_, std::convert::Infallible>(http::Response::new(String::from("hello")))
/// });
/// let request = http::Request::get("/").header("origin", "https://a.example").body(()).unwrap();
/// let response = CORS.layer(inner).oneshot(request).await.unwrap();
/// assert_eq!(response.headers()["access-control-allow-origin"], "https://a.example");
/// # });
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CorsService<S, P = Cors> {
    inner: S,
    source: P,
}

impl<S, P, ReqBody, ResBody> Service<Request<ReqBody>> for CorsService<S, P>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    P: PolicySource,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody, P::Loaded>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let policy = self.source.load();
        let decision = policy.decide(&RequestHead::from(&request));
        #[cfg(feature = "tracing")]
        if tracing::enabled!(target: "corsage", tracing::Level::DEBUG) {
            trace_decision(&request, &decision);
        }
        let mut debug = policy
            .debug_header
            .then(|| Box::new(debug_value(&decision)));
        if decision.reason() == Reason::NoResource {
            if let Some(message) = nest_relative(&policy, &request) {
                if let Some(debug) = &mut debug {
                    **debug = nest::debug_value(&message);
                }
            }
        }
        let decided = policy
            .decision_in_extensions
            .then(|| Decided::of(&decision));
        // A preflight for a path no resource covers is the inner service's, so that nested
        // routers' policies compose.
        let preflight =
            decision.kind() == RequestKind::Preflight && decision.reason() != Reason::NoResource;
        let answer = if decision.is_blocked() {
            Some(blocked_response(&decision))
        } else if preflight {
            Some(preflight_response(&policy, &request, &decision))
        } else {
            None
        };
        let state = match answer {
            Some(mut response) => {
                if let Some(debug) = debug {
                    response.headers_mut().insert(DEBUG_HEADER, *debug);
                }
                State::Ready {
                    response: Some(response),
                }
            }
            None => {
                let addition = match decision.resource {
                    None => Addition::Nothing,
                    // Without `Origin`, the answer needs nothing from the table when its `Vary`
                    // is `Origin` alone.
                    Some((_, resource))
                        if decision.kind() == RequestKind::NotCors
                            && resource.vary.no_origin.is_origin_only() =>
                    {
                        Addition::OriginOnly
                    }
                    Some((index, _)) if decision.kind() == RequestKind::NotCors => {
                        Addition::NoOrigin(index)
                    }
                    Some((index, _)) if decision.is_allowed() => {
                        Addition::Allowed(index, decision.allow_origin())
                    }
                    Some((index, _)) => Addition::Refused(index),
                };
                if let Some(decided) = decided {
                    request.extensions_mut().insert(decided);
                }
                State::Inner {
                    future: self.inner.call(request),
                    decoration: Some(Decoration {
                        policy,
                        addition,
                        debug,
                    }),
                }
            }
        };
        ResponseFuture { state }
    }
}

/// A request the layer refuses itself: `403`, no CORS header, and the `Vary` of a refusal.
fn blocked_response<B: Default>(decision: &Decision<'_>) -> Response<B> {
    let mut response = Response::new(B::default());
    *response.status_mut() = StatusCode::FORBIDDEN;
    if let Some(resource) = decision.resource() {
        merge_vary(response.headers_mut(), &resource.vary.refused);
    }
    response
}

fn preflight_response<B: Default, R>(
    policy: &CompiledPolicy,
    request: &Request<R>,
    decision: &Decision<'_>,
) -> Response<B> {
    let mut response = Response::new(B::default());
    let resource = match (decision.reason(), decision.resource()) {
        (Reason::Allowed(_), Some(resource)) => resource,
        _ => {
            *response.status_mut() = policy.refused_preflight_status;
            response.headers_mut().insert(VARY, PREFLIGHT_VARY);
            return response;
        }
    };
    *response.status_mut() = policy.allowed_preflight_status;
    let requested = match decision.requested_headers() {
        RequestedHeaders::None => None,
        RequestedHeaders::One(line) => Some(line.clone()),
        RequestedHeaders::Several => joined_request_headers(request.headers()),
    };
    let headers = response.headers_mut();
    *headers = resource
        .preflight
        .answer(decision.allow_origin(), requested);
    if resource.private_network {
        let asked = request.headers().get(REQUEST_PRIVATE_NETWORK);
        if asked.is_some_and(|value| value == "true") {
            headers.insert(ALLOW_PRIVATE_NETWORK, TRUE);
        }
    }
    response
}

/// One debug-level event per decision. Out of line and cold: the caller first asks whether a
/// subscriber wants it, which is all the fast path pays. Request values are escaped to
/// printable ASCII and cut to [`ECHO_LIMIT`](crate::ECHO_LIMIT) bytes.
#[cfg(feature = "tracing")]
#[cold]
#[inline(never)]
fn trace_decision<B>(request: &Request<B>, decision: &Decision<'_>) {
    tracing::debug!(
        target: "corsage",
        decision = %decision.summary(),
        path_pattern = decision.resource().map_or("", |resource| &*resource.pattern),
        origin = %RequestText(
            request
                .headers()
                .get(http::header::ORIGIN)
                .map_or(&b""[..], HeaderValue::as_bytes)
        ),
        method = %RequestText(request.method().as_str().as_bytes()),
        path = %RequestText(request.uri().path().as_bytes()),
        "CORS decision"
    );
}

/// The decision's summary as a header value; request bytes in it are escaped to printable ASCII.
#[cold]
fn debug_value(decision: &Decision<'_>) -> HeaderValue {
    HeaderValue::try_from(decision.summary())
        .unwrap_or(HeaderValue::from_static("unprintable decision"))
}

/// Several `Access-Control-Request-Headers` lines, echoed as one: every name was checked, and
/// echoing them (never `*`) is what works with credentials and covers `Authorization`.
fn joined_request_headers(request_headers: &HeaderMap) -> Option<HeaderValue> {
    let joined: Vec<u8> = request_headers
        .get_all(ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .map(HeaderValue::as_bytes)
        .collect::<Vec<_>>()
        .join(&b", "[..]);
    HeaderValue::from_bytes(&joined).ok()
}

/// What to add to the inner service's response, decided before the request moved into it.
struct Decoration<L> {
    /// The table the decision was made with.
    policy: L,
    addition: Addition,
    /// Boxed: it is there only in debug mode, and keeps the future small otherwise.
    debug: Option<Box<HeaderValue>>,
}

/// The headers the decision gives the inner service's response. A resource is named by its
/// place in the table (the selected one, or else the first whose path matches), by which it is
/// found again when the response comes back.
enum Addition {
    /// No resource covers the path.
    Nothing,
    /// A request without `Origin` whose answer varies by `Origin` alone: nothing to look up.
    OriginOnly,
    /// A request without `Origin`: the resource's `Vary` for such answers.
    NoOrigin(ResourceIndex),
    /// A refused request: the resource's `Vary` for refusals.
    Refused(ResourceIndex),
    /// An allowed request: `Access-Control-Allow-Origin` with this value, the rule's headers and
    /// its `Vary` for allowed answers.
    Allowed(ResourceIndex, HeaderValue),
}

impl<L: std::ops::Deref<Target = CompiledPolicy>> Decoration<L> {
    fn apply(self, headers: &mut HeaderMap) {
        if let Some(debug) = self.debug {
            headers.insert(DEBUG_HEADER, *debug);
        }
        let (index, origin) = match self.addition {
            Addition::Nothing => return,
            Addition::OriginOnly => return merge_vary(headers, Vary::origin_only()),
            Addition::NoOrigin(index) => {
                return merge_vary(headers, &self.policy.resource(index).vary.no_origin);
            }
            Addition::Refused(index) => {
                return merge_vary(headers, &self.policy.resource(index).vary.refused);
            }
            Addition::Allowed(index, origin) => (index, origin),
        };
        let resource = self.policy.resource(index);
        let ours_is_wildcard = origin == ANY_ORIGIN;
        let wildcard = match add_unless_set(headers, ACCESS_CONTROL_ALLOW_ORIGIN, origin) {
            None => ours_is_wildcard,
            Some(own) => own.first().is_some_and(|own| *own == ANY_ORIGIN),
        };
        if resource.credentials && !wildcard {
            add_unless_set(headers, ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(expose) = &resource.expose {
            add_unless_set(headers, ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
        }
        merge_vary(headers, &resource.vary.allowed);
    }
}

pin_project! {
    /// The response future of [`CorsService`]: the inner service's response with the CORS
    /// headers added, or the layer's own answer to a preflight. See [`CorsService`] for use.
    pub struct ResponseFuture<F, B, L = &'static CompiledPolicy> {
        #[pin]
        state: State<F, B, L>,
    }
}

pin_project! {
    #[project = StateProjection]
    enum State<F, B, L> {
        Inner {
            #[pin]
            future: F,
            decoration: Option<Decoration<L>>,
        },
        Ready {
            response: Option<Response<B>>,
        },
    }
}

impl<F, B, E, L> Future for ResponseFuture<F, B, L>
where
    F: Future<Output = Result<Response<B>, E>>,
    L: std::ops::Deref<Target = CompiledPolicy>,
{
    type Output = Result<Response<B>, E>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProjection::Inner { future, decoration } => {
                let mut response = ready!(future.poll(cx))?;
                if let Some(decoration) = decoration.take() {
                    decoration.apply(response.headers_mut());
                }
                Poll::Ready(Ok(response))
            }
            StateProjection::Ready { response } => Poll::Ready(Ok(response
                .take()
                .expect("ResponseFuture polled after it completed"))),
        }
    }
}
