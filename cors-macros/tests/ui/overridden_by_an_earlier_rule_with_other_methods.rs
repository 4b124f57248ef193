use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://*.example.com";
        resource "/api/items", methods: get;
    }
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, post, delete];
    }
};

fn main() {}
