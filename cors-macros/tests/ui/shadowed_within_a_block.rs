use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, post];
        resource "/api/users/:id", methods: [get, put, delete];
    }
};

fn main() {}
