//! A block with tenants: written `tenants from path;` or `tenants from host "...";`, once, in a
//! named block whose every path has `{tenant}` at one place.
use corsage::cors;

static SPELLING: corsage::Cors = cors! {
    allow "shops" {
        tenants by path;
        resource "/t/{tenant}/api/*";
    }
};

static RULES: corsage::Cors = cors! {
    allow {
        tenants from path;
        origins "https://app.example.com";
        resource "/t/{tenant}/api/*";
        resource "/open/*";
    }
    allow "hosts" {
        tenants from host "shop-{tenant}.example.com";
        resource "/api/*";
    }
};

fn main() {
    let _ = (SPELLING, RULES);
}
