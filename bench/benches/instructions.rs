//! Instructions per request (callgrind, through gungraun): no layer, the floor (the least a CORS
//! layer can do, `bench/src/floor.rs`), corsage and tower-http's `CorsLayer`, on the same inner
//! service and requests, in the same build. Exact from run to run, unlike times.
//!
//!     cargo install gungraun-runner --version 0.20.0   # once
//!     cargo bench -p corsage-bench --bench instructions
//!
//! Measured as a server runs them: each service (or `Router`) is built and warmed up with 100
//! requests outside the measured region, and lives on after it (leaked), so the measured request
//! never pays for dropping a layer's configuration. The inner service answers as real handlers
//! do, with a `content-type`. The request is built outside; its drop, by whoever consumes it, is
//! counted, as is the response's.

use std::hint::black_box;

use corsage_bench::floor::{Floor, FloorLayer};
use corsage_bench::*;
use gungraun::{library_benchmark, library_benchmark_group, main};
use http::Request;
use tower::{Layer, Service};

/// A warmed-up service that outlives the measurement, and the request to measure.
type Measured<S> = (&'static mut S, Request<Body>);

fn warmed<S>(mut service: S, request: impl Fn() -> Request<Body>) -> Measured<S>
where
    S: Service<Request<Body>>,
    S::Error: std::fmt::Debug,
{
    for _ in 0..100 {
        drop(drive(&mut service, request()));
    }
    (Box::leak(Box::new(service)), request())
}

fn no_layer_setup() -> Measured<Text200> {
    warmed(Text200, || Case::AllowedGet.request())
}

fn floor_setup(case: Case) -> Measured<Floor<Text200>> {
    warmed(FloorLayer.layer(Text200), || case.request())
}

fn corsage_setup(case: Case) -> Measured<corsage::CorsService<Text200>> {
    assert_equivalent(case.corsage(), case.tower_http(), || case.request());
    warmed(case.corsage().layer(Text200), || case.request())
}

fn sharing_setup() -> Measured<corsage::CorsService<Text200>> {
    warmed(SHARING_3.layer(Text200), || Case::AllowedGet.request())
}

fn live_setup(case: Case) -> Measured<corsage::CorsService<Text200, corsage::Live>> {
    warmed(case.corsage().to_live().layer(Text200), || case.request())
}

/// The same `Live` handle evaluating a second policy without enforcing it: here the same
/// policy, so that the two decisions agree and nothing is logged.
fn report_only_setup(case: Case) -> Measured<corsage::CorsService<Text200, corsage::Live>> {
    let live = case.corsage().to_live();
    live.report_only(case.corsage().policy().clone()).unwrap();
    warmed(live.layer(Text200), || case.request())
}

fn tower_http_setup(case: Case) -> Measured<tower_http::cors::Cors<Text200>> {
    warmed(case.tower_http().layer(Text200), || case.request())
}

fn corsage_origins_setup(count: usize) -> Measured<corsage::CorsService<Text200>> {
    assert_equivalent(corsage(count), tower_http(count), || {
        get("/", Some(ALLOWED))
    });
    warmed(corsage(count).layer(Text200), || get("/", Some(ALLOWED)))
}

fn tower_http_origins_setup(count: usize) -> Measured<tower_http::cors::Cors<Text200>> {
    warmed(tower_http(count).layer(Text200), || get("/", Some(ALLOWED)))
}

/// An allowed GET to the resource at `index` of a policy of `count`.
fn corsage_resources_setup(count: usize, index: usize) -> Measured<corsage::CorsService<Text200>> {
    let (cors, path) = corsage_resources(count, index);
    warmed(cors.layer(Text200), || get(&path, Some(ALLOWED)))
}

/// A policy whose origin is a function and whose resource has an `if:` condition: both are
/// called for an allowed GET.
static FUNCTIONS: corsage::Cors = corsage::cors! {
    allow {
        origins |origin, _| origin == ALLOWED;
        resource "/", if: |request| request.uri().path() == "/";
    }
};

fn functions_setup() -> Measured<corsage::CorsService<Text200>> {
    warmed(FUNCTIONS.layer(Text200), || get("/", Some(ALLOWED)))
}

/// An allowed GET from a tenant's origin, with `count` tenants in the table.
fn tenants_setup(count: usize) -> Measured<corsage::CorsService<Text200, corsage::Live>> {
    let request = || tenant_get(count);
    warmed(tenants(count).layer(Text200), request)
}

// The same through an axum `Router`, which clones the layered service for every request.
fn corsage_router_setup(count: usize) -> Measured<axum::Router> {
    warmed(router(corsage(count)), || get("/", Some(ALLOWED)))
}

fn tower_http_router_setup(count: usize) -> Measured<axum::Router> {
    warmed(router(tower_http(count)), || get("/", Some(ALLOWED)))
}

fn no_layer_router_setup() -> Measured<axum::Router> {
    let router = axum::Router::new()
        .fallback(|| async { "ok" })
        .with_state(());
    warmed(router, || get("/", Some(ALLOWED)))
}

fn one_request<S>((service, request): Measured<S>)
where
    S: Service<Request<Body>>,
    S::Error: std::fmt::Debug,
{
    drop(black_box(drive(service, black_box(request))));
}

#[library_benchmark]
#[bench::a(no_layer_setup())]
fn no_layer(input: Measured<Text200>) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(floor_setup(Case::AllowedGet))]
#[bench::d_preflight(floor_setup(Case::Preflight))]
fn floor(input: Measured<Floor<Text200>>) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(corsage_setup(Case::AllowedGet))]
#[bench::c_refused_origin(corsage_setup(Case::RefusedOrigin))]
#[bench::d_preflight(corsage_setup(Case::Preflight))]
#[bench::g_no_origin(corsage_setup(Case::NoOrigin))]
#[bench::b_decision_in_extensions(sharing_setup())]
#[bench::b_function_origin_and_condition(functions_setup())]
#[bench::origins_10000(corsage_origins_setup(10_000))]
#[bench::resources_1_first(corsage_resources_setup(1, 0))]
#[bench::resources_100_first(corsage_resources_setup(100, 0))]
#[bench::resources_100_last(corsage_resources_setup(100, 99))]
#[bench::resources_1000_last(corsage_resources_setup(1_000, 999))]
fn corsage_layer(input: Measured<corsage::CorsService<Text200>>) {
    one_request(input);
}

// The same policy served by a `Live` handle, which holds the current table for each request.
#[library_benchmark]
#[bench::b_allowed_get(live_setup(Case::AllowedGet))]
#[bench::c_refused_origin(live_setup(Case::RefusedOrigin))]
#[bench::d_preflight(live_setup(Case::Preflight))]
#[bench::g_no_origin(live_setup(Case::NoOrigin))]
#[bench::b_allowed_get_report_only(report_only_setup(Case::AllowedGet))]
#[bench::d_preflight_report_only(report_only_setup(Case::Preflight))]
fn corsage_live_layer(input: Measured<corsage::CorsService<Text200, corsage::Live>>) {
    one_request(input);
}

// Origins per tenant: the lookup stays flat in the number of tenants.
#[library_benchmark]
#[bench::tenants_3(tenants_setup(3))]
#[bench::tenants_100000(tenants_setup(100_000))]
fn corsage_tenants(input: Measured<corsage::CorsService<Text200, corsage::Live>>) {
    one_request(input);
}

#[library_benchmark]
#[bench::b_allowed_get(tower_http_setup(Case::AllowedGet))]
#[bench::c_refused_origin(tower_http_setup(Case::RefusedOrigin))]
#[bench::d_preflight(tower_http_setup(Case::Preflight))]
#[bench::g_no_origin(tower_http_setup(Case::NoOrigin))]
#[bench::origins_10000(tower_http_origins_setup(10_000))]
fn tower_http_layer(input: Measured<tower_http::cors::Cors<Text200>>) {
    one_request(input);
}

#[library_benchmark]
#[bench::no_layer(no_layer_router_setup())]
#[bench::corsage_origins_3(corsage_router_setup(3))]
#[bench::corsage_origins_10000(corsage_router_setup(10_000))]
#[bench::tower_http_origins_3(tower_http_router_setup(3))]
#[bench::tower_http_origins_10000(tower_http_router_setup(10_000))]
fn in_router(input: Measured<axum::Router>) {
    one_request(input);
}

library_benchmark_group!(
    name = layers,
    benchmarks = [
        no_layer,
        floor,
        corsage_layer,
        corsage_live_layer,
        corsage_tenants,
        tower_http_layer,
        in_router
    ]
);

main!(library_benchmark_groups = layers);
