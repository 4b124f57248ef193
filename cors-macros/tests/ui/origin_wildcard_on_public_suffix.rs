use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://*.github.io";
        resource "/api/*";
    }
};

fn main() {}
