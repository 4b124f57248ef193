use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://127.1:3000", "http://127.0.0.1.1:3000", "https://xn--f.example";
        resource "/api/*";
    }
};

fn main() {}
