use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://admin:secret@app.example.com";
        resource "/api/*";
    }
};

fn main() {}
