use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com?tenant=1";
        resource "/api/*";
    }
};

fn main() {}
