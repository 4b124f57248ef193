use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", headers: "x-token, x-tenant";
    }
};

fn main() {}
