use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com/login";
        resource "/api/*";
    }
};

fn main() {}
