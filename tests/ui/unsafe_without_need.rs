use corsage::cors;

static CORS: corsage::Cors = cors! {
    unsafe allow {
        origins "https://app.example.com", "http://localhost:3000", "http://192.168.1.10:3000";
        resource "/api/*", credentials: true;
    }
};

fn main() {}
