use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { allowed_preflight_status: 404 }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
