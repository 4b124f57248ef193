use corsage::cors;

static CORS: corsage::Cors = cors! {
    settings { debug_header: yes }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
