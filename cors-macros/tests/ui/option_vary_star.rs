use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", vary: "*";
    }
};

fn main() {}
