use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://[a-z]+\.github\.io$");
        resource "/api/*";
    }
};

fn main() {}
