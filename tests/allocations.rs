//! The per-request decision allocates nothing: counted with a global allocator, which is
//! deterministic (unlike timings, which belong in benchmarks).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use corsage::{cors, Cors, RequestHead};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static POLICY: Cors = cors! {
    allow "app" {
        origins "https://app.example.com", "localhost:3000", "https://*.example.net",
                regex(r"https://(a|b)\.regex\.test");
        resource "/users/:id", methods: [get, put], headers: ["x-token", "x-other"];
        resource "/files/*.json";
    }
    allow {
        origins "*";
        resource "/public/*", headers: any;
    }
};

fn allocations_of(request: &http::Request<()>) -> usize {
    let head = RequestHead::from(request);
    // The first call builds the lazily compiled regexes; the steady state is what counts.
    POLICY.decide(&head);
    let before = ALLOCATIONS.with(Cell::get);
    let decision = POLICY.decide(&head);
    let after = ALLOCATIONS.with(Cell::get);
    std::hint::black_box(decision);
    after - before
}

fn request(method: &str, path: &str, headers: &[(&str, &str)]) -> http::Request<()> {
    let mut builder = http::Request::builder().method(method).uri(path);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(()).unwrap()
}

#[test]
fn deciding_allocates_nothing() {
    let cases = [
        request("GET", "/users/1", &[]),
        request("GET", "/users/1", &[("origin", "https://app.example.com")]),
        request("GET", "/users/1", &[("origin", "https://evil.test")]),
        request("GET", "/users/1", &[("origin", "https://a.example.net")]),
        request(
            "GET",
            "/files/a/b.json",
            &[("origin", "https://b.regex.test")],
        ),
        request("GET", "/public/x", &[("origin", "https://anyone.test")]),
        request("GET", "/nowhere", &[("origin", "https://app.example.com")]),
        request(
            "OPTIONS",
            "/users/1",
            &[
                ("origin", "http://localhost:3000"),
                ("access-control-request-method", "PUT"),
                (
                    "access-control-request-headers",
                    "x-token, x-other, content-type",
                ),
            ],
        ),
        request(
            "OPTIONS",
            "/users/1",
            &[
                ("origin", "http://localhost:3000"),
                ("access-control-request-method", "PUT"),
                ("access-control-request-headers", "x-refused"),
            ],
        ),
    ];
    for request in &cases {
        assert_eq!(
            allocations_of(request),
            0,
            "{} {:?}",
            request.method(),
            request.headers()
        );
    }
}

#[test]
fn deciding_with_live_origins_allocates_nothing() {
    let live = POLICY.to_live();
    live.replace_origins(
        "app",
        [
            "https://staging.example.com",
            "https://*.preview.example.com",
        ],
    )
    .unwrap();
    let snapshot = live.snapshot();
    for origin in [
        "https://staging.example.com",
        "https://a.preview.example.com",
        "https://evil.test",
    ] {
        let request = request("GET", "/users/1", &[("origin", origin)]);
        let head = RequestHead::from(&request);
        snapshot.decide(&head);
        let before = ALLOCATIONS.with(Cell::get);
        std::hint::black_box(snapshot.decide(&head));
        // Loading the current policy is a reference count, not an allocation.
        std::hint::black_box(live.snapshot());
        assert_eq!(ALLOCATIONS.with(Cell::get) - before, 0, "{origin}");
    }
}

#[test]
fn the_counter_sees_allocations() {
    let before = ALLOCATIONS.with(Cell::get);
    std::hint::black_box(vec![1u8; 16]);
    assert!(ALLOCATIONS.with(Cell::get) > before);
}
