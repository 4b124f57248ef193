use corsage::cors;

// rack-cors #220's shape: a pattern with `*` inside a segment covers a later, narrower one.
static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api*";
        resource "/api/admin/*", methods: [get, delete];
    }
};

fn main() {}
