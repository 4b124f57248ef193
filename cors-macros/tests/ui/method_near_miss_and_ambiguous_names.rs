use corsage::cors;

static CORS: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: ["PSOT", "gett", "PROPFIND", "any"], headers: "any", expose: ["origin"];
    }
};

fn main() {}
