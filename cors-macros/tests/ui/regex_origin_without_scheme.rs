use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"example\.com");
        resource "/api/*";
    }
};

fn main() {}
