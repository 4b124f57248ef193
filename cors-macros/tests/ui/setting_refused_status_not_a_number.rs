use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { refused_preflight_status: true }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
