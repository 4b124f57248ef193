use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "*";
        resource "/api/*";
    }
    allow {
        origins "https://app.example.com";
        resource "/api/account", credentials: true;
    }
};

fn main() {}
