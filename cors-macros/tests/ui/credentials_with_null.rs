use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "null", "https://app.example.com";
        resource "/api/*", credentials: true;
    }
};

fn main() {}
