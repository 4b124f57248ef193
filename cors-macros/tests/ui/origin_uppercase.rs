use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://App.Example.com";
        resource "/api/*";
    }
};

fn main() {}
