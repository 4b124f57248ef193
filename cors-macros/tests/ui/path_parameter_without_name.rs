use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/time/1:2";
    }
};

fn main() {}
