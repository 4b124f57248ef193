use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://*.example.com";
        resource "*";
    }
    allow {
        origins "https://app.example.com", "https://admin.example.com";
        resource "/admin/*", methods: any;
    }
};

fn main() {}
