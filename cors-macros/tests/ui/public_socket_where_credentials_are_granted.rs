//! A socket is either public or the user's: `public_socket` is refused with credentials, on the
//! same rule or on a path another rule grants credentials on.
use corsage::cors;

static SAME_RULE: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/live", credentials: true, public_socket: true;
    }
};

static OVERLAPPING: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", credentials: true;
    }
    allow {
        origins "*";
        resource "/api/feed/*", public_socket: true;
    }
};

fn main() {
    let _ = (SAME_RULE, OVERLAPPING);
}
