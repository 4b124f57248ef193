use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://*.com";
        resource "/api/*";
    }
};

fn main() {}
