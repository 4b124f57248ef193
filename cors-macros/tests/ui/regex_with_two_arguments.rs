use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://a\.example\.com$", "x");
        resource "/api/*";
    }
};

fn main() {}
