use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "";
        resource "/api/*";
    }
};

fn main() {}
