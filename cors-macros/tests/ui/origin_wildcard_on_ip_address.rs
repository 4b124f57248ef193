use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://*.168.0.1:3000";
        resource "/api/*";
    }
};

fn main() {}
