use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "file:///home/me/index.html";
        resource "/api/*";
    }
};

fn main() {}
