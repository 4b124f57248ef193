//! Fixtures shared by every measurement: the same inner service, requests and policies for
//! corsage and tower-http's `CorsLayer`, and a check that both answer with the same headers.

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::future::{Future, Ready, ready};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use bytes::Bytes;
use corsage::{Cors, cors};
use http::header::{CONTENT_TYPE, VARY};
use http::{HeaderName, HeaderValue, Method, Request, Response};
use http_body_util::Empty;
use tower::{Service, ServiceExt};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub mod floor;

include!(concat!(env!("OUT_DIR"), "/policies.rs"));

/// [`ORIGINS_3`] with the decision in each request's extensions, for handlers.
pub static SHARING_3: Cors = cors! {
    settings { decision_in_extensions: true }
    allow {
        origins "https://site-00000.example.org", "https://site-00001.example.org", "https://a.example.com";
        resource "*", methods: [get, post, put, delete], headers: ["content-type", "x-token"], max_age: 7200;
    }
};

/// The source of a policy of 1,000 origins and 100 resources, for timing the macro.
pub const EXPANSION_SOURCE: &str = include_str!(concat!(
    env!("OUT_DIR"),
    "/expansion_1000_origins_100_resources.txt"
));

/// Two blocks sharing 1,000 origins, with 40 resources each, for timing the macro's analyses.
pub const SHARED_ORIGINS_SOURCE: &str =
    include_str!(concat!(env!("OUT_DIR"), "/expansion_shared_origins.txt"));

pub const ALLOWED: &str = "https://a.example.com";
pub const REFUSED: &str = "https://evil.example.net";

/// Accepts `https://<label>.example.com`, as tower-http's predicate below does.
pub static REGEX: Cors = cors! {
    allow {
        origins regex(r"^https://[a-z0-9-]+\.example\.com$");
        resource "*", methods: [get, post, put, delete], headers: ["content-type", "x-token"], max_age: 7200;
    }
};

/// The inner service of every case: 200 with an empty body, allocating nothing.
#[derive(Clone, Copy)]
pub struct Empty200;

impl<B> Service<Request<B>> for Empty200 {
    type Response = Response<Empty<Bytes>>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<B>) -> Self::Future {
        ready(Ok(Response::new(Empty::new())))
    }
}

/// An inner service that answers as real handlers do: 200 with a `content-type`, so that the
/// response's header map is already allocated when a CORS layer adds to it. With [`Empty200`]
/// the layer's first header pays for allocating the map.
#[derive(Clone, Copy)]
pub struct Text200;

impl<B> Service<Request<B>> for Text200 {
    type Response = Response<Empty<Bytes>>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<B>) -> Self::Future {
        let mut response = Response::new(Empty::new());
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        ready(Ok(response))
    }
}

/// The origins of the n-origin policies, in the same order as the generated ones.
pub fn origins(count: usize) -> Vec<HeaderValue> {
    (0..count - 1)
        .map(|i| HeaderValue::from_str(&format!("https://site-{i:05}.example.org")).unwrap())
        .chain([HeaderValue::from_static(ALLOWED)])
        .collect()
}

fn tower_http_with(origin: AllowOrigin) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(origin)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([CONTENT_TYPE, HeaderName::from_static("x-token")])
        .max_age(Duration::from_secs(7200))
}

/// tower-http configured as `ORIGINS_{count}`.
pub fn tower_http(count: usize) -> CorsLayer {
    tower_http_with(AllowOrigin::list(origins(count)))
}

/// tower-http configured as [`REGEX`].
pub fn tower_http_regex() -> CorsLayer {
    let regex = regex::Regex::new(r"^https://[a-z0-9-]+\.example\.com$").unwrap();
    tower_http_with(AllowOrigin::predicate(move |origin, _| {
        origin.to_str().is_ok_and(|origin| regex.is_match(origin))
    }))
}

/// The corsage policy with `count` exact origins.
pub fn corsage(count: usize) -> Cors {
    match count {
        3 => ORIGINS_3,
        100 => ORIGINS_100,
        1_000 => ORIGINS_1000,
        10_000 => ORIGINS_10000,
        _ => panic!("no generated policy of {count} origins"),
    }
}

/// The corsage policy with 3 origins and `count` resources, and the path of its resource at
/// `index`.
pub fn corsage_resources(count: usize, index: usize) -> (Cors, String) {
    let cors = match count {
        1 => RESOURCES_1,
        10 => RESOURCES_10,
        100 => RESOURCES_100,
        1_000 => RESOURCES_1000,
        _ => panic!("no generated policy of {count} resources"),
    };
    (cors, format!("/r{index:03}/x"))
}

pub type Body = Empty<Bytes>;

/// A GET, with an `Origin` if given.
/// A live policy whose one block accepts each tenant's origin on its own paths, filled with
/// `count` tenants (`t000000` ... with `https://t000000.example` ...: names of one length, so
/// that tables of any size are compared on the same bytes).
pub fn tenants(count: usize) -> corsage::Live {
    static TENANTS: Cors = cors! {
        allow "tenants" {
            tenants from path;
            resource "/t/{tenant}/api/*", credentials: true;
        }
    };
    let live = TENANTS.to_live();
    let update = live
        .replace_tenants("tenants", tenant_rows(count))
        .expect("the block has tenants");
    assert_eq!((update.tenants, update.refused.len()), (count, 0));
    live
}

/// `count` (tenant, origin) rows, as a database holds them.
pub fn tenant_rows(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| (format!("t{i:06}"), format!("https://t{i:06}.example")))
        .collect()
}

/// An allowed GET from the last tenant's origin, on its own path.
pub fn tenant_get(count: usize) -> Request<Body> {
    let last = count - 1;
    let origin: &'static str = Box::leak(format!("https://t{last:06}.example").into_boxed_str());
    get(&format!("/t/t{last:06}/api/orders"), Some(origin))
}

pub fn get(path: &str, origin: Option<&'static str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(origin) = origin {
        request = request.header("origin", HeaderValue::from_static(origin));
    }
    request.body(Empty::new()).unwrap()
}

/// The allowed preflight: PUT with `content-type,x-token`.
pub fn preflight(path: &str) -> Request<Body> {
    preflight_with_headers(path, HeaderValue::from_static("content-type,x-token"))
}

/// The shapes of a hostile `Access-Control-Request-Headers`, all made of allowed names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hostile {
    /// 1 MiB of one allowed name, repeated.
    Repeated1Mib,
    /// 1 MiB of allowed names in changing letter case, so that no item repeats the previous.
    Varied1Mib,
    /// 100,000 commas.
    Commas100k,
    /// 8 KiB of varied names: the longest list corsage still reads, so its worst case.
    VariedAtLimit,
}

impl Hostile {
    pub const ALL: [Hostile; 4] = [
        Hostile::Repeated1Mib,
        Hostile::Varied1Mib,
        Hostile::Commas100k,
        Hostile::VariedAtLimit,
    ];

    pub fn list(self) -> String {
        match self {
            Hostile::Repeated1Mib => "x-token,".repeat(1024 * 1024 / 8),
            Hostile::Varied1Mib => varied(1024 * 1024),
            Hostile::Commas100k => ",".repeat(100_000),
            Hostile::VariedAtLimit => varied(corsage::MAX_REQUEST_HEADERS_LENGTH),
        }
    }

    /// Whether corsage reads the list (and so must grant what tower-http grants) or refuses it
    /// for its length alone.
    pub fn within_limit(self) -> bool {
        self == Hostile::VariedAtLimit
    }
}

fn varied(length: usize) -> String {
    let variants = [
        "x-token,",
        "X-token,",
        "x-Token,",
        "content-type,",
        "X-TOKEN,",
    ];
    let mut list = String::with_capacity(length + 16);
    for variant in variants.iter().cycle() {
        if list.len() + variant.len() > length {
            break;
        }
        list.push_str(variant);
    }
    list
}

impl std::fmt::Display for Hostile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// A preflight with a hostile `Access-Control-Request-Headers`.
pub fn hostile_preflight(path: &str, shape: Hostile) -> Request<Body> {
    preflight_with_headers(path, HeaderValue::from_str(&shape.list()).unwrap())
}

/// The check before each hostile case: within the limit, both layers grant the same; past it,
/// corsage refuses (no CORS header) where tower-http, which never reads the list, allows.
pub fn assert_hostile_case(shape: Hostile) {
    use tower::Layer;
    if shape.within_limit() {
        assert_equivalent(ORIGINS_3, tower_http(3), || hostile_preflight("/", shape));
    } else {
        let response = drive(
            &mut ORIGINS_3.layer(Empty200),
            hostile_preflight("/", shape),
        );
        assert_eq!(response.status(), http::StatusCode::FORBIDDEN);
        assert!(
            !response
                .headers()
                .contains_key("access-control-allow-origin")
        );
    }
}

fn preflight_with_headers(path: &str, headers: HeaderValue) -> Request<Body> {
    Request::options(path)
        .header("origin", HeaderValue::from_static(ALLOWED))
        .header(
            "access-control-request-method",
            HeaderValue::from_static("PUT"),
        )
        .header("access-control-request-headers", headers)
        .body(Empty::new())
        .unwrap()
}

/// Calls the service once and polls the future once: no runtime, no network. Every service here
/// answers without waiting.
pub fn drive<S, B>(service: &mut S, request: Request<B>) -> S::Response
where
    S: Service<Request<B>>,
    S::Error: std::fmt::Debug,
{
    let mut context = Context::from_waker(Waker::noop());
    let ready = service.ready();
    let Poll::Ready(ready) = pin!(ready).poll(&mut context) else {
        panic!("the service was not ready");
    };
    let future = ready.unwrap().call(request);
    let Poll::Ready(response) = pin!(future).poll(&mut context) else {
        panic!("the service did not answer at once");
    };
    response.unwrap()
}

/// An axum `Router` serving "ok" at every path, behind `layer`, as `axum::serve` uses it.
pub fn router<L>(layer: L) -> axum::Router
where
    L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
    L::Service: Service<axum::extract::Request> + Clone + Send + Sync + 'static,
    <L::Service as Service<axum::extract::Request>>::Response:
        axum::response::IntoResponse + 'static,
    <L::Service as Service<axum::extract::Request>>::Error: Into<Infallible> + 'static,
    <L::Service as Service<axum::extract::Request>>::Future: Send + 'static,
{
    axum::Router::new()
        .fallback(|| async { "ok" })
        .layer(layer)
        .with_state(())
}

/// The CORS-related headers of a response, each as a set of lowercase items, so that two
/// layers that say the same thing in different spelling or order compare equal.
pub fn cors_headers<B>(response: &Response<B>) -> BTreeMap<String, BTreeSet<String>> {
    let mut headers = BTreeMap::new();
    for (name, value) in response.headers() {
        if name.as_str().starts_with("access-control-") || name == VARY {
            headers
                .entry(name.as_str().to_owned())
                .or_insert_with(BTreeSet::new)
                .extend(list_items(value));
        }
    }
    headers
}

/// The side-by-side cases of the issue, named as in the tower-http measurements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// (b) 3 origins, GET from the allowed one.
    AllowedGet,
    /// (c) 3 origins, GET from another origin.
    RefusedOrigin,
    /// (d) 3 origins, preflight PUT with `content-type,x-token`.
    Preflight,
    /// (e) 1,000 origins, the allowed one last.
    ThousandOrigins,
    /// (f) a regex origin.
    RegexOrigin,
    /// (g) 3 origins, GET without `Origin`.
    NoOrigin,
}

impl Case {
    pub const ALL: [Case; 6] = [
        Case::AllowedGet,
        Case::RefusedOrigin,
        Case::Preflight,
        Case::ThousandOrigins,
        Case::RegexOrigin,
        Case::NoOrigin,
    ];

    pub fn request(self) -> Request<Body> {
        match self {
            Case::AllowedGet | Case::ThousandOrigins | Case::RegexOrigin => get("/", Some(ALLOWED)),
            Case::RefusedOrigin => get("/", Some(REFUSED)),
            Case::Preflight => preflight("/"),
            Case::NoOrigin => get("/", None),
        }
    }

    pub fn corsage(self) -> Cors {
        match self {
            Case::ThousandOrigins => ORIGINS_1000,
            Case::RegexOrigin => REGEX,
            _ => ORIGINS_3,
        }
    }

    pub fn tower_http(self) -> CorsLayer {
        match self {
            Case::ThousandOrigins => tower_http(1_000),
            Case::RegexOrigin => tower_http_regex(),
            _ => tower_http(3),
        }
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Case::AllowedGet => "b_allowed_get",
            Case::RefusedOrigin => "c_refused_origin",
            Case::Preflight => "d_preflight",
            Case::ThousandOrigins => "e_1000_origins",
            Case::RegexOrigin => "f_regex_origin",
            Case::NoOrigin => "g_no_origin",
        };
        f.write_str(name)
    }
}

/// Panics unless corsage and tower-http grant the same thing for `request`: the same
/// `Allow-Origin`, `Allow-Methods`, `Max-Age`, `Allow-Credentials` and `Expose-Headers`; an
/// `Allow-Headers` that covers the requested names in both (corsage echoes the requested names,
/// tower-http sends its list); and a `Vary` of corsage's that names at least what tower-http's
/// does (corsage checks a preflight's method and headers, so its answer also varies with them).
/// No benchmark then compares layers doing different work.
pub fn assert_equivalent(cors: Cors, tower_http: CorsLayer, request: impl Fn() -> Request<Body>) {
    use tower::Layer;
    let requested = request();
    let requested = requested
        .headers()
        .get("access-control-request-headers")
        .map(list_items)
        .unwrap_or_default();
    let mut ours = cors_headers(&drive(&mut cors.layer(Empty200), request()));
    let mut theirs = cors_headers(&drive(&mut tower_http.layer(Empty200), request()));
    for (name, headers) in [("corsage", &mut ours), ("tower-http", &mut theirs)] {
        if let Some(allowed) = headers.remove("access-control-allow-headers") {
            assert!(
                requested.is_subset(&allowed),
                "{name} does not allow the requested headers"
            );
        }
    }
    let our_vary = ours.remove("vary").unwrap_or_default();
    let their_vary = theirs.remove("vary").unwrap_or_default();
    assert!(
        their_vary.is_subset(&our_vary),
        "corsage's Vary {our_vary:?} lacks names of tower-http's {their_vary:?}"
    );
    assert_eq!(ours, theirs, "corsage and tower-http answer differently");
}

fn list_items(value: &HeaderValue) -> BTreeSet<String> {
    String::from_utf8_lossy(value.as_bytes())
        .split(',')
        .map(|item| item.trim().to_ascii_lowercase())
        .filter(|item| !item.is_empty())
        .collect()
}
