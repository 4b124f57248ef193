use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://[::1";
        resource "/api/*";
    }
};

fn main() {}
