use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource regex(r"api/.*");
    }
};

fn main() {}
