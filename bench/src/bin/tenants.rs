//! Origins per tenant at scale: 100,000 tenants with one origin each. How long a full
//! replacement takes (`Live::replace_tenants`, every entry checked, the table built and swapped
//! in), the same through the sync kit (`corsage_sync::TenantSync::apply`: the rows sorted and
//! compared with the last applied, then replaced), and how much memory the served table holds,
//! counted by this program's allocator.
//!
//!     cargo run --release -p corsage-bench --bin tenants

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use corsage_bench::{tenant_rows, tenants};

/// The system allocator, counting the bytes held.
struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(pointer, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const TENANTS: usize = 100_000;

fn main() {
    let before = HELD.load(Ordering::Relaxed);
    let live = tenants(TENANTS);
    let held = HELD.load(Ordering::Relaxed) - before;
    println!(
        "{TENANTS} tenants, one origin each: the live policy holds {:.1} MiB",
        held as f64 / (1024.0 * 1024.0)
    );
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let rows = tenant_rows(TENANTS);
            let started = Instant::now();
            let update = live.replace_tenants("tenants", rows).unwrap();
            let elapsed = started.elapsed();
            assert_eq!(update.tenants, TENANTS);
            elapsed
        })
        .collect();
    say("full replacement", &mut times);
    println!(
        "after {runs} replacements, the live policy holds {:.1} MiB (replaced tables are freed)",
        (HELD.load(Ordering::Relaxed) - before) as f64 / (1024.0 * 1024.0)
    );

    let mut sync = corsage_sync::TenantSync::new(live, "tenants");
    let mut times: Vec<Duration> = (0..runs)
        .map(|run| {
            // One origin changed per run, so that every run is an update.
            let mut rows = tenant_rows(TENANTS);
            rows[run % TENANTS].1 = format!("https://changed-{run}.example");
            let started = Instant::now();
            let event = sync.apply(rows);
            let elapsed = started.elapsed();
            assert!(matches!(event, Some(corsage_sync::Event::Applied { .. })));
            elapsed
        })
        .collect();
    say("through TenantSync::apply", &mut times);
}

fn say(what: &str, times: &mut [Duration]) {
    times.sort();
    let runs = times.len();
    println!(
        "{what} of {TENANTS} tenants: median {:.0} ms over {runs} runs (min {:.0} ms, max {:.0} ms)",
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[runs - 1].as_secs_f64() * 1e3,
    );
}
