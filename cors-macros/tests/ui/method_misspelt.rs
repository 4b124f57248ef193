use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, psot];
    }
};

fn main() {}
