//! Regex origins the exact analysis must keep accepting: every origin they match is under a
//! domain they name, or local.
use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://app\.example\.com$"),
                regex(r"^https://[a-z0-9-]+\.example\.com$"),
                regex(r"^https://(www\.)?example\.org$"),
                regex(r"^https://(app|admin)\.example\.net$"),
                regex(r"^https://([a-z0-9-]+\.)*example\.dev(:\d+)?$"),
                regex(r"^https?://(localhost|127\.0\.0\.1)(:\d+)?$"),
                regex(r"^http://192\.168\.0\.\d{1,3}(:\d+)?$");
        resource "/api/*";
    }
};

pub fn main() {
    CORS.probe("GET /api/x")
        .origin("https://www.example.org")
        .assert_allowed();
    CORS.probe("GET /api/x")
        .origin("http://localhost:5173")
        .assert_allowed();
}
