use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        resource "/api/*";
    }
};

fn main() {}
