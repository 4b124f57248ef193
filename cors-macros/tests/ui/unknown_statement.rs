use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origin "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
