use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "NULL";
        resource "/api/*";
    }
};

fn main() {}
