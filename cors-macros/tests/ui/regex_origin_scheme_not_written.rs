use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^[a-z]+://app\.example\.com$");
        resource "/api/*";
    }
};

fn main() {}
