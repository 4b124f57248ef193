use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://localhost:70000";
        resource "/api/*";
    }
};

fn main() {}
