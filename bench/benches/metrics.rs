//! Instructions an allowed GET pays for being counted (feature `metrics`): the static policy of
//! `instructions.rs`'s case (b), with no recorder installed and with the Prometheus exporter's
//! recorder, against the same case measured there without the feature.
//!
//!     cargo bench -p corsage-bench --features metrics --bench metrics

use std::hint::black_box;

use corsage_bench::*;
use gungraun::{library_benchmark, library_benchmark_group, main};
use http::Request;
use tower::Layer;

type Measured = (&'static mut corsage::CorsService<Text200>, Request<Body>);

/// Served and warmed up with 100 requests, as in `instructions.rs`; with the Prometheus
/// recorder installed first when `prometheus` is set.
fn setup(prometheus: bool) -> Measured {
    if prometheus {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        metrics::set_global_recorder(recorder).expect("the first recorder of this process");
    }
    let mut service = Case::AllowedGet.corsage().layer(Text200);
    for _ in 0..100 {
        drop(drive(&mut service, Case::AllowedGet.request()));
    }
    (Box::leak(Box::new(service)), Case::AllowedGet.request())
}

#[library_benchmark]
#[bench::b_allowed_get_no_recorder(setup(false))]
#[bench::b_allowed_get_prometheus(setup(true))]
fn counted((service, request): Measured) {
    drop(black_box(drive(service, black_box(request))));
}

library_benchmark_group!(name = metrics_group, benchmarks = [counted]);

main!(library_benchmark_groups = metrics_group);
