//! The server's own hosts: each as `Host` carries it, each once, under a domain of the server's.
use corsage::cors;

static HOSTS: corsage::Cors = cors! {
    settings {
        hosts: ["http://localhost:8000/", "API.example.com", "*", "*.github.io", "localhost:0",
                "api.example.com:8443", "api.example.com:8443"];
    }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

static REFUSING_ALL: corsage::Cors = cors! {
    settings { refuse_other_hosts: true }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

static UNQUOTED: corsage::Cors = cors! {
    settings { hosts: [localhost] }
    allow {
        origins "https://app.example.com";
        resource "/api/*";
    }
};

fn main() {
    let _ = (HOSTS, REFUSING_ALL, UNQUOTED);
}
