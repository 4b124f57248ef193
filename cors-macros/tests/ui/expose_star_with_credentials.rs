use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", expose: ["*", "x-total"], credentials: true;
    }
};

fn main() {}
