use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow "tenants" {
        origins "https://a.example.com";
        resource "/a/*";
    }
    allow "tenants" {
        origins "https://b.example.com";
        resource "/b/*";
    }
};

fn main() {}
