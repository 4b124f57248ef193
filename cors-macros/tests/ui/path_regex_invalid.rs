use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource regex(r"/api/v[0-9+"), methods: get;
    }
};

fn main() {}
