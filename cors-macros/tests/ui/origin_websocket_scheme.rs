use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "wss://app.example.com";
        resource "/live";
    }
};

fn main() {}
