use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "null";
        resource "/device/*", private_network: true;
    }
};

fn main() {}
