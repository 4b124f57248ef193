use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://(www.)?example\.com$");
        resource "/api/*";
    }
};

fn main() {}
