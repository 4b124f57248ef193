use corsage::cors;

static CORS: corsage::Cors = cors! {
    unsafe allow {
        origins "https://app.example.com", "http://localhost:3000", "http://127.0.0.1:8080";
        resource "/api/*", credentials: true;
    }
};

fn main() {}
