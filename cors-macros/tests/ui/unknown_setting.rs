use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { refused_status: 403 }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
