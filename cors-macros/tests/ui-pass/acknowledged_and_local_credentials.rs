//! Policies that compile: credentials with unprovable origins once acknowledged, and with
//! loopback http origins, which need no acknowledgement. (Private-network http origins compile
//! in debug builds with a warning: `tests/ui/credentials_lan_origin_warns_in_debug_builds.rs`.)
use corsage::cors;

static ACKNOWLEDGED: corsage::Cors = cors! {
    unsafe allow {
        origins "https://*.example.com", regex(r"^https://(a|b)\.example\.org$");
        resource "/api/*", credentials: true;
    }
};

static LOCAL: corsage::Cors = cors! {
    allow {
        origins "http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:3000",
                "localhost:4200";
        resource "/api/*", credentials: true;
    }
};

pub fn main() {
    let _ = (ACKNOWLEDGED, LOCAL);
}
