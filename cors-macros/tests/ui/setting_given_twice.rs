use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { debug_header: true; debug_header: false }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
