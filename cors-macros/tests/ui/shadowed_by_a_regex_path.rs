use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource regex(r"^/(api|files)/.*$");
    }
    allow {
        origins "https://app.example.com";
        resource "/api/account/*", credentials: true;
    }
};

fn main() {}
