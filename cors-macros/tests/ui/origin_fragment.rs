use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com#top";
        resource "/api/*";
    }
};

fn main() {}
