use corsage::cors;

static CORS: corsage::Cors = cors! {
    alow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
