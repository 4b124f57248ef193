//! The floor: the least any CORS layer must do, hand-written and checking nothing. Whatever a
//! real layer costs over no layer is measured as a multiple of this.
//!
//! - An actual request with an `Origin`: the inner service's response gets
//!   `Access-Control-Allow-Origin` (the request's `Origin`, cloned) and `Vary: Origin`.
//! - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`): `204` at once,
//!   with the five headers an allowed preflight carries: the origin and the requested headers
//!   echoed; methods, max-age and `Vary` static.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
    VARY,
};
use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use tower::{Layer, Service};

const METHODS: HeaderValue = HeaderValue::from_static("GET, POST, PUT, DELETE");
const MAX_AGE: HeaderValue = HeaderValue::from_static("7200");
const VARY_ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const PREFLIGHT_VARY: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// The floor layer.
#[derive(Clone, Copy)]
pub struct FloorLayer;

impl<S> Layer<S> for FloorLayer {
    type Service = Floor<S>;

    fn layer(&self, inner: S) -> Floor<S> {
        Floor { inner }
    }
}

#[derive(Clone, Copy)]
pub struct Floor<S> {
    inner: S,
}

impl<S, B, R> Service<Request<B>> for Floor<S>
where
    S: Service<Request<B>, Response = Response<R>>,
    S::Future: Unpin,
    R: Default + Unpin,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = FloorFuture<S::Future, R>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let origin = request.headers().get(ORIGIN).cloned();
        let preflight = request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key(ACCESS_CONTROL_REQUEST_METHOD);
        match origin {
            Some(origin) if preflight => {
                let mut headers = HeaderMap::with_capacity(5);
                headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                if let Some(requested) = request.headers().get(ACCESS_CONTROL_REQUEST_HEADERS) {
                    headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, requested.clone());
                }
                headers.insert(ACCESS_CONTROL_ALLOW_METHODS, METHODS);
                headers.insert(ACCESS_CONTROL_MAX_AGE, MAX_AGE);
                headers.insert(VARY, PREFLIGHT_VARY);
                let mut response = Response::new(R::default());
                *response.status_mut() = StatusCode::NO_CONTENT;
                *response.headers_mut() = headers;
                FloorFuture::Answered(Some(response))
            }
            origin => FloorFuture::Inner(self.inner.call(request), origin),
        }
    }
}

pub enum FloorFuture<F, R> {
    Answered(Option<Response<R>>),
    Inner(F, Option<HeaderValue>),
}

impl<F, R, E> Future for FloorFuture<F, R>
where
    F: Future<Output = Result<Response<R>, E>> + Unpin,
    R: Unpin,
{
    type Output = Result<Response<R>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            FloorFuture::Answered(response) => {
                Poll::Ready(Ok(response.take().expect("polled after completion")))
            }
            FloorFuture::Inner(future, origin) => {
                let mut response = ready!(Pin::new(future).poll(cx))?;
                if let Some(origin) = origin.take() {
                    let headers = response.headers_mut();
                    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                    headers.insert(VARY, VARY_ORIGIN);
                }
                Poll::Ready(Ok(response))
            }
        }
    }
}
