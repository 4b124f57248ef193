use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://*.co.uk";
        resource "/api/*";
    }
};

fn main() {}
