use corsage::cors;

static CORS: corsage::Cors = cors! {
    unsafe settings { refused_preflight_status: 403 }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
