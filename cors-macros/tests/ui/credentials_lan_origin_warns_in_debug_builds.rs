//! A plain-http private-network origin with credentials: a release build refuses it, and a debug
//! build (this one) compiles with a warning that says so, made an error here to be seen.
#![deny(deprecated)]
use corsage::cors;

static LAN: corsage::Cors = cors! {
    allow {
        origins "http://192.168.1.10:3000";
        resource "/api/*", credentials: true;
    }
};

fn main() {
    let _ = LAN;
}
