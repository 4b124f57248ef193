//! Instructions per request (callgrind, through gungraun), corsage beside tower-http on the
//! same inner service and requests, in the same build. Exact from run to run, unlike times.
//!
//!     cargo install gungraun-runner --version 0.20.0   # once
//!     cargo bench -p corsage-bench --bench instructions
//!
//! Setup (building the service, 100 warm-up requests, building the request) is not counted.

use std::hint::black_box;

use corsage_bench::*;
use gungraun::{library_benchmark, library_benchmark_group, main};
use http::Request;
use tower::{Layer, Service};

type Corsage = corsage::CorsService<Empty200>;
type TowerHttp = tower_http::cors::Cors<Empty200>;

fn warmed<S>(mut service: S, request: impl Fn() -> Request<Body>) -> S
where
    S: Service<Request<Body>>,
    S::Error: std::fmt::Debug,
{
    for _ in 0..100 {
        drop(drive(&mut service, request()));
    }
    service
}

fn no_layer_setup() -> (Empty200, Request<Body>) {
    (Empty200, Case::AllowedGet.request())
}

fn corsage_setup(case: Case) -> (Corsage, Request<Body>) {
    assert_equivalent(case.corsage(), case.tower_http(), || case.request());
    let service = warmed(case.corsage().layer(Empty200), || case.request());
    (service, case.request())
}

fn live_setup(case: Case) -> (corsage::CorsService<Empty200, corsage::Live>, Request<Body>) {
    let live = case.corsage().to_live();
    // A server keeps its handle for as long as it runs: the service dropped after the measured
    // request must not free the policy, which no request pays for.
    std::mem::forget(live.clone());
    let service = warmed(live.layer(Empty200), || case.request());
    (service, case.request())
}

fn tower_http_setup(case: Case) -> (TowerHttp, Request<Body>) {
    let service = warmed(case.tower_http().layer(Empty200), || case.request());
    (service, case.request())
}

fn text_no_layer_setup() -> (Text200, Request<Body>) {
    (Text200, Case::AllowedGet.request())
}

fn text_corsage_setup(case: Case) -> (corsage::CorsService<Text200>, Request<Body>) {
    let service = warmed(case.corsage().layer(Text200), || case.request());
    (service, case.request())
}

fn text_tower_http_setup(case: Case) -> (tower_http::cors::Cors<Text200>, Request<Body>) {
    let service = warmed(case.tower_http().layer(Text200), || case.request());
    (service, case.request())
}

fn corsage_origins_setup(count: usize) -> (Corsage, Request<Body>) {
    assert_equivalent(corsage(count), tower_http(count), || {
        get("/", Some(ALLOWED))
    });
    let service = warmed(corsage(count).layer(Empty200), || get("/", Some(ALLOWED)));
    (service, get("/", Some(ALLOWED)))
}

fn tower_http_origins_setup(count: usize) -> (TowerHttp, Request<Body>) {
    let service = warmed(tower_http(count).layer(Empty200), || {
        get("/", Some(ALLOWED))
    });
    (service, get("/", Some(ALLOWED)))
}

// The same through an axum `Router`, which clones the layered service for every request.
fn corsage_router_setup(count: usize) -> (axum::Router, Request<Body>) {
    let router = warmed(router(corsage(count)), || get("/", Some(ALLOWED)));
    (router, get("/", Some(ALLOWED)))
}

fn tower_http_router_setup(count: usize) -> (axum::Router, Request<Body>) {
    let router = warmed(router(tower_http(count)), || get("/", Some(ALLOWED)));
    (router, get("/", Some(ALLOWED)))
}

fn no_layer_router_setup() -> (axum::Router, Request<Body>) {
    let router = axum::Router::new()
        .fallback(|| async { "ok" })
        .with_state(());
    let router = warmed(router, || get("/", Some(ALLOWED)));
    (router, get("/", Some(ALLOWED)))
}

fn one_request<S>((mut service, request): (S, Request<Body>))
where
    S: Service<Request<Body>>,
    S::Error: std::fmt::Debug,
{
    drop(black_box(drive(&mut service, black_box(request))));
}

#[library_benchmark]
#[bench::a(no_layer_setup())]
fn no_layer(input: (Empty200, Request<Body>)) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(corsage_setup(Case::AllowedGet))]
#[bench::c_refused_origin(corsage_setup(Case::RefusedOrigin))]
#[bench::d_preflight(corsage_setup(Case::Preflight))]
#[bench::g_no_origin(corsage_setup(Case::NoOrigin))]
#[bench::origins_3(corsage_origins_setup(3))]
#[bench::origins_10000(corsage_origins_setup(10_000))]
fn corsage_layer(input: (Corsage, Request<Body>)) {
    one_request(input);
}

// The same policy served by a `Live` handle, which holds the current table for each request.
#[library_benchmark]
#[bench::b_allowed_get(live_setup(Case::AllowedGet))]
#[bench::c_refused_origin(live_setup(Case::RefusedOrigin))]
#[bench::d_preflight(live_setup(Case::Preflight))]
#[bench::g_no_origin(live_setup(Case::NoOrigin))]
fn corsage_live_layer(input: (corsage::CorsService<Empty200, corsage::Live>, Request<Body>)) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(tower_http_setup(Case::AllowedGet))]
#[bench::c_refused_origin(tower_http_setup(Case::RefusedOrigin))]
#[bench::d_preflight(tower_http_setup(Case::Preflight))]
#[bench::g_no_origin(tower_http_setup(Case::NoOrigin))]
#[bench::origins_3(tower_http_origins_setup(3))]
#[bench::origins_10000(tower_http_origins_setup(10_000))]
fn tower_http_layer(input: (TowerHttp, Request<Body>)) {
    one_request(input);
}

#[library_benchmark]
#[bench::no_layer(no_layer_router_setup())]
#[bench::corsage_origins_3(corsage_router_setup(3))]
#[bench::corsage_origins_10000(corsage_router_setup(10_000))]
#[bench::tower_http_origins_3(tower_http_router_setup(3))]
#[bench::tower_http_origins_10000(tower_http_router_setup(10_000))]
fn in_router(input: (axum::Router, Request<Body>)) {
    one_request(input);
}

// The inner response already has a header (as every real handler's has), so no layer pays
// for allocating the response's header map. Preflights are answered by the layers themselves,
// so (d) is the same as above.
#[library_benchmark]
#[bench::a(text_no_layer_setup())]
fn text_no_layer(input: (Text200, Request<Body>)) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(text_corsage_setup(Case::AllowedGet))]
#[bench::c_refused_origin(text_corsage_setup(Case::RefusedOrigin))]
#[bench::g_no_origin(text_corsage_setup(Case::NoOrigin))]
fn text_corsage_layer(input: (corsage::CorsService<Text200>, Request<Body>)) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(text_tower_http_setup(Case::AllowedGet))]
#[bench::c_refused_origin(text_tower_http_setup(Case::RefusedOrigin))]
#[bench::g_no_origin(text_tower_http_setup(Case::NoOrigin))]
fn text_tower_http_layer(input: (tower_http::cors::Cors<Text200>, Request<Body>)) {
    one_request(input);
}

library_benchmark_group!(
    name = layers,
    benchmarks = [
        no_layer,
        corsage_layer,
        corsage_live_layer,
        tower_http_layer,
        in_router,
        text_no_layer,
        text_corsage_layer,
        text_tower_http_layer
    ]
);

main!(library_benchmark_groups = layers);
