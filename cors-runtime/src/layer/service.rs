//! The tower glue: a `Layer`, its `Service` and the response future. It only applies the
//! decision that [`Cors::decide`] makes.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::decide::decided::Decided;
use crate::decide::decision::{Reason, RequestKind};
use crate::layer::cors::Cors;
use crate::layer::live::Live;
use crate::layer::nest::{self, nest_relative};
use crate::layer::report_only;
use crate::layer::respond::{
    Addition, DEBUG_HEADER, Decoration, blocked_response, debug_value, preflight_response,
};
use crate::layer::source::PolicySource;
use crate::model::head::RequestHead;
use crate::table::CompiledPolicy;
// The debug event's own needs.
#[cfg(feature = "tracing")]
use {
    crate::decide::decision::Decision, crate::decide::request_text::RequestText, http::HeaderValue,
};

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
        #[cfg(feature = "metrics")]
        crate::layer::metrics::count_request(&decision);
        if let Some(report_only) = P::report_only(&policy) {
            report_only::evaluate(report_only, &request, &decision);
        }
        #[cfg(feature = "tracing")]
        if tracing::enabled!(target: "corsage", tracing::Level::DEBUG) {
            trace_decision(&request, &decision);
        }
        let mut debug = policy
            .debug_header
            .then(|| Box::new(debug_value(&decision)));
        if decision.reason() == Reason::NoResource {
            if let Some(message) = nest_relative(&policy, &request, debug.is_some()) {
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
