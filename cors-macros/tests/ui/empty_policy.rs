use corsage::cors;

static CORS: corsage::Cors = cors! {
};

fn main() {}
