use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "http://[0:0:0:0:0:0:0:1]:8080";
        resource "/api/*";
    }
};

fn main() {}
