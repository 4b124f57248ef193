//! Wall-clock and allocations per request, corsage beside tower-http's `CorsLayer` on the same
//! inner service and requests. Every case first checks that both layers grant the same thing.
//!
//!     cargo bench -p corsage-bench --bench layers
//!
//! Requests are built outside the timed region; responses are dropped inside it.

use corsage_bench::floor::FloorLayer;
use corsage_bench::*;
use divan::Bencher;
use tower::Layer;

#[global_allocator]
static ALLOCATOR: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// (a): the inner service alone.
#[divan::bench]
fn a_no_layer(bencher: Bencher) {
    let mut service = Text200;
    bencher
        .with_inputs(|| Case::AllowedGet.request())
        .bench_local_values(|request| drop(drive(&mut service, request)));
}

/// The floor: the least a CORS layer can do, checking nothing (`bench/src/floor.rs`): (b) and
/// (d) only, as it refuses nothing.
#[divan::bench(args = [Case::AllowedGet, Case::Preflight])]
fn floor(bencher: Bencher, case: Case) {
    let mut service = FloorLayer.layer(Text200);
    bencher
        .with_inputs(|| case.request())
        .bench_local_values(|request| drop(drive(&mut service, request)));
}

#[divan::bench(args = Case::ALL)]
fn corsage(bencher: Bencher, case: Case) {
    assert_equivalent(case.corsage(), case.tower_http(), || case.request());
    let mut service = case.corsage().layer(Text200);
    bencher
        .with_inputs(|| case.request())
        .bench_local_values(|request| drop(drive(&mut service, request)));
}

/// The same policy served by a `Live` handle.
#[divan::bench(args = Case::ALL)]
fn corsage_live(bencher: Bencher, case: Case) {
    let mut service = case.corsage().to_live().layer(Text200);
    bencher
        .with_inputs(|| case.request())
        .bench_local_values(|request| drop(drive(&mut service, request)));
}

#[divan::bench(args = Case::ALL)]
fn tower_http(bencher: Bencher, case: Case) {
    assert_equivalent(case.corsage(), case.tower_http(), || case.request());
    let mut service = case.tower_http().layer(Text200);
    bencher
        .with_inputs(|| case.request())
        .bench_local_values(|request| drop(drive(&mut service, request)));
}

/// The same cases inside an in-process axum `Router`, which clones the layered service for
/// every request.
mod router {
    use super::*;

    #[divan::bench]
    fn a_no_layer(bencher: Bencher) {
        let mut router = axum::Router::new()
            .fallback(|| async { "ok" })
            .with_state(());
        bencher
            .with_inputs(|| Case::AllowedGet.request())
            .bench_local_values(|request| drop(drive(&mut router, request)));
    }

    #[divan::bench(args = Case::ALL)]
    fn corsage(bencher: Bencher, case: Case) {
        let mut router = router(case.corsage());
        bencher
            .with_inputs(|| case.request())
            .bench_local_values(|request| drop(drive(&mut router, request)));
    }

    #[divan::bench(args = Case::ALL)]
    fn tower_http(bencher: Bencher, case: Case) {
        let mut router = router(case.tower_http());
        bencher
            .with_inputs(|| case.request())
            .bench_local_values(|request| drop(drive(&mut router, request)));
    }
}

/// An allowed GET through an axum `Router` as the number of exact origins grows (the allowed
/// origin last).
mod origins_scale {
    use super::*;

    const COUNTS: [usize; 4] = [3, 100, 1_000, 10_000];

    #[divan::bench(args = COUNTS)]
    fn corsage(bencher: Bencher, count: usize) {
        assert_equivalent(
            corsage_bench::corsage(count),
            corsage_bench::tower_http(count),
            || get("/", Some(ALLOWED)),
        );
        let mut router = router(corsage_bench::corsage(count));
        bencher
            .with_inputs(|| get("/", Some(ALLOWED)))
            .bench_local_values(|request| drop(drive(&mut router, request)));
    }

    #[divan::bench(args = COUNTS)]
    fn tower_http(bencher: Bencher, count: usize) {
        let mut router = router(corsage_bench::tower_http(count));
        bencher
            .with_inputs(|| get("/", Some(ALLOWED)))
            .bench_local_values(|request| drop(drive(&mut router, request)));
    }
}

/// An allowed GET to the last of 1, 10, 100 or 1,000 resources (corsage only: tower-http has
/// no per-path rules).
#[divan::bench(args = [1, 10, 100, 1_000])]
fn resources_scale(bencher: Bencher, count: usize) {
    let (cors, path) = corsage_resources(count, count - 1);
    let mut service = cors.layer(Text200);
    bencher
        .with_inputs(|| get(&path, Some(ALLOWED)))
        .bench_local_values(|request| drop(drive(&mut service, request)));
}

/// A preflight whose `Access-Control-Request-Headers` is hostile: 1 MiB of allowed names
/// (repeated, or varied), 100,000 commas, or 8 KiB of varied names (the longest list corsage
/// reads; longer ones it refuses unread).
mod hostile_request_headers {
    use super::*;

    #[divan::bench(args = Hostile::ALL)]
    fn corsage(bencher: Bencher, shape: Hostile) {
        assert_hostile_case(shape);
        let mut service = ORIGINS_3.layer(Text200);
        bencher
            .with_inputs(|| hostile_preflight("/", shape))
            .bench_local_values(|request| drop(drive(&mut service, request)));
    }

    #[divan::bench(args = Hostile::ALL)]
    fn tower_http(bencher: Bencher, shape: Hostile) {
        let mut service = corsage_bench::tower_http(3).layer(Text200);
        bencher
            .with_inputs(|| hostile_preflight("/", shape))
            .bench_local_values(|request| drop(drive(&mut service, request)));
    }
}
