use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "*";
        resource "/transfer", methods: post, refuse_others: true;
    }
};

fn main() {}
