use corsage::cors;

// Every problem is reported in one compilation, not only the first.
static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com/", "HTTPS://b.example.com";
        resource "api/*", methods: [get, "TRACE"], max_age: 100000;
    }
};

fn main() {}
