use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com:443";
        resource "/api/*";
    }
};

fn main() {}
