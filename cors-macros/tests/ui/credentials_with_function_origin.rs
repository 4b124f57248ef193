use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins |origin, _request| origin.ends_with(".example.com");
        resource "/api/*", credentials: true;
    }
};

fn main() {}
