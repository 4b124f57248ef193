use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "*";
        resource "/device/*", private_network: true;
    }
};

fn main() {}
