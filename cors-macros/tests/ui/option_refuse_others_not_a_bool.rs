use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/transfer", methods: post, refuse_others: "yes";
    }
};

fn main() {}
