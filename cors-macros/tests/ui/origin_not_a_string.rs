use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins 42;
        resource "/api/*";
    }
};

fn main() {}
