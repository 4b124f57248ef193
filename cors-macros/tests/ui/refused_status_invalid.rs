use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { refused_preflight_status: 302 }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
