use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://[fe80::zz]";
        resource "/api/*";
    }
};

fn main() {}
