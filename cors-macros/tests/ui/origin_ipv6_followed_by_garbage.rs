use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://[::1]x";
        resource "/api/*";
    }
};

fn main() {}
