use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { decision_in_extensions: 1 }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
