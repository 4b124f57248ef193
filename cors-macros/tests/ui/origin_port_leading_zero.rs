use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com:08443";
        resource "/api/*";
    }
};

fn main() {}
