use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://";
        resource "/api/*";
    }
};

fn main() {}
