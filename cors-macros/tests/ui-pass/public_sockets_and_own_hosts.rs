//! Policies that compile: a public socket on a path of its own beside credentialed ones, and the
//! server's own hosts in every form.
use corsage::cors;

static SOCKETS: corsage::Cors = cors! {
    settings {
        hosts: ["api.example.com", "localhost:8000", "[::1]:8000", "*.tenants.example.com",
                "127.0.0.1"];
        refuse_other_hosts: true;
    }
    allow {
        origins "https://app.example.com";
        resource "/api/*", credentials: true;
    }
    allow {
        origins "*";
        resource "/feed/*", public_socket: true;
    }
};

pub fn main() {
    let _ = SOCKETS;
}
