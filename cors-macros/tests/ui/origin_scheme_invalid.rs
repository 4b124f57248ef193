use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "1http://app.example.com";
        resource "/api/*";
    }
};

fn main() {}
