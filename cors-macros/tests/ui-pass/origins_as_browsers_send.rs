//! Origins the URL Standard lets browsers send, which a policy may name: a fully qualified name
//! with its trailing dot, every `*.localhost` name, labels that start or end with `-`.
use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://example.com.:3999", "http://*.localhost", "https://-a.example.com";
        resource "/api/*";
    }
};

pub fn main() {
    CORS.probe("GET /api/x")
        .origin("http://example.com.:3999")
        .assert_allowed();
    CORS.probe("GET /api/x")
        .origin("http://example.com:3999")
        .assert_reason("OriginRefused");
    CORS.probe("GET /api/x")
        .origin("http://app.localhost")
        .assert_allowed();
    CORS.probe("GET /api/x")
        .origin("https://-a.example.com")
        .assert_allowed();
}
