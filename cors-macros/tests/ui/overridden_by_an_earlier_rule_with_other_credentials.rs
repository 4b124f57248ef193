use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "*";
        resource "/api/status";
    }
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, post], credentials: true;
    }
};

fn main() {}
