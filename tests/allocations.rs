//! The per-request decision allocates nothing: counted with a global allocator, which is
//! deterministic (unlike timings, which belong in benchmarks).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use corsage::{Cors, RequestHead, cors};

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

static SHARING: Cors = cors! {
    settings { decision_in_extensions: true }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

static NOT_SHARING: Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

/// Allocations of one request through `service`, from `call` to the response, the second time.
fn allocations_of_a_call<S>(mut service: S) -> usize
where
    S: tower::Service<http::Request<()>>,
    S::Error: std::fmt::Debug,
{
    use std::future::Future;

    let waker = futures_util::task::noop_waker();
    let mut context = std::task::Context::from_waker(&waker);
    let mut measure = || {
        // A server's header values share the buffer they were read into, and clone without
        // allocating; a static one stands for it here (one built from a `&str` would allocate
        // its shared form on the first clone, which the echoed `Origin` is).
        let request = http::Request::get("/api/x")
            .header(
                "origin",
                http::HeaderValue::from_static("https://app.example.com"),
            )
            .body(())
            .unwrap();
        let before = ALLOCATIONS.with(Cell::get);
        let mut future = std::pin::pin!(service.call(request));
        let std::task::Poll::Ready(response) = future.as_mut().poll(&mut context) else {
            panic!("the inner service answers at once");
        };
        let after = ALLOCATIONS.with(Cell::get);
        drop(std::hint::black_box(response));
        after - before
    };
    measure();
    measure()
}

/// An inner service that answers at once with a `content-type`, its header map sized for the
/// layer's headers.
fn inner() -> impl tower::Service<
    http::Request<()>,
    Response = http::Response<()>,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone {
    tower::service_fn(|_request: http::Request<()>| async {
        let mut response = http::Response::new(());
        response.headers_mut().reserve(8);
        response
            .headers_mut()
            .insert("content-type", http::HeaderValue::from_static("text/plain"));
        Ok(response)
    })
}

#[test]
fn the_decision_in_extensions_costs_nothing_unless_the_policy_asks_for_it() {
    use tower::Layer;

    let alone = allocations_of_a_call(inner());
    let without = allocations_of_a_call(NOT_SHARING.layer(inner()));
    let with = allocations_of_a_call(SHARING.layer(inner()));
    // The layer adds no allocation to the inner service's own.
    assert_eq!(without, alone, "without the setting");
    // The extensions' map and its table, and the boxed value.
    assert_eq!(with - without, 3, "with the setting");
}

#[test]
fn the_counter_sees_allocations() {
    let before = ALLOCATIONS.with(Cell::get);
    std::hint::black_box(vec![1u8; 16]);
    assert!(ALLOCATIONS.with(Cell::get) > before);
}
