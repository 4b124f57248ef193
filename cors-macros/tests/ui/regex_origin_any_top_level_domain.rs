use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://example\.[a-z]+$");
        resource "/api/*";
    }
};

fn main() {}
