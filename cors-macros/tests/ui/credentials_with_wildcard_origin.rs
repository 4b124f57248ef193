use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://*.example.com";
        resource "/api/*", credentials: true;
    }
};

fn main() {}
