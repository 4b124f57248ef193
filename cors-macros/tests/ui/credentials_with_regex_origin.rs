use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://(app|admin)\.example\.com$");
        resource "/api/*", credentials: true;
    }
};

fn main() {}
