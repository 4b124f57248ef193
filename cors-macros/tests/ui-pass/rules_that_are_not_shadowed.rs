//! Overlapping rules that each can still be selected.
use corsage::cors;

static SPECIFIC_FIRST: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/account", credentials: true;
        resource "/api/*";
    }
    allow {
        origins "*";
        resource "/api/*";
    }
};

/// The credentialed block first: its origin gets its own answer on every path, and everyone
/// else the public one.
static CREDENTIALED_FIRST: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: [get, post], credentials: true;
    }
    allow {
        origins "*";
        resource "/api/status";
    }
};

static CONDITION_FIRST: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/api/*", methods: any, if: |request| request.headers().contains_key("x-beta");
        resource "/api/*", methods: get;
    }
};

static STAR_DOES_NOT_COVER_NULL_OR_REGEX: corsage::Cors = cors! {
    allow {
        origins "*";
        resource "*";
    }
    allow {
        origins "null";
        resource "*";
    }
    allow {
        origins regex(r"^https://[a-z]+\.example\.com$");
        resource "/files/*.json";
    }
};

static PARAM_DOES_NOT_COVER_EMPTY_SEGMENT: corsage::Cors = cors! {
    allow {
        origins "https://app.example.com";
        resource "/users/:id";
        resource "/users/";
        resource "/users/:id/*";
    }
};

pub fn main() {
    let _ = (
        SPECIFIC_FIRST,
        CREDENTIALED_FIRST,
        CONDITION_FIRST,
        STAR_DOES_NOT_COVER_NULL_OR_REGEX,
        PARAM_DOES_NOT_COVER_EMPTY_SEGMENT,
    );
}
