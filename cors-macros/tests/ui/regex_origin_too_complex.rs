use corsage::cors;

// Its deterministic automaton needs about 2^20 states: past the bound, refused, never a hang.
static CORS: corsage::Cors = cors! {
    allow {
        origins regex(r"^https://[ab]*a[ab]{20}\.example\.com$");
        resource "/api/*";
    }
};

fn main() {}
