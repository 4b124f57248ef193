//! Every benchmarked case does the same CORS work in both layers.

use corsage_bench::*;

#[test]
fn every_case_answers_alike_in_both_layers() {
    for case in Case::ALL {
        assert_equivalent(case.corsage(), case.tower_http(), || case.request());
    }
}

#[test]
fn scale_policies_answer_alike() {
    for count in [3, 100, 1_000, 10_000] {
        assert_equivalent(corsage(count), tower_http(count), || {
            get("/", Some(ALLOWED))
        });
    }
}

#[test]
fn hostile_preflights_are_read_within_the_limit_and_refused_past_it() {
    for shape in Hostile::ALL {
        assert_hostile_case(shape);
    }
}
