//! The headers of an allowed preflight, built once per resource: each preflight clones them and
//! writes the two echoed values into their places, which costs two allocations and no hashing,
//! where inserting five headers one by one hashes and probes five times.

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, VARY,
};
use http::{HeaderMap, HeaderValue};

/// What a preflight's answer varies by.
pub(crate) const PREFLIGHT_VARY: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// The same, where Private Network Access preflights are answered (`private_network: true`).
const PREFLIGHT_VARY_PRIVATE_NETWORK: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
);

/// `Access-Control-Allow-Credentials` (and the private-network grant) when granted: the one
/// value they take.
pub(crate) const TRUE: HeaderValue = HeaderValue::from_static("true");

/// Where an echoed value goes before it is written.
const PLACEHOLDER: HeaderValue = HeaderValue::from_static("");

pub(crate) struct PreflightHeaders {
    /// `Access-Control-Allow-Origin` and `Access-Control-Allow-Headers` first, then the fixed
    /// headers: for a preflight that asked for headers.
    echoing_requested: HeaderMap,
    /// `Access-Control-Allow-Origin` first, then the fixed headers: for one that asked for none.
    no_requested: HeaderMap,
}

impl PreflightHeaders {
    pub(crate) fn build(
        allow_methods: HeaderValue,
        max_age: HeaderValue,
        credentials: bool,
        private_network: bool,
    ) -> PreflightHeaders {
        let vary = match private_network {
            true => PREFLIGHT_VARY_PRIVATE_NETWORK,
            false => PREFLIGHT_VARY,
        };
        let headers = |echoing_requested: bool| {
            let mut headers = HeaderMap::with_capacity(6);
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, PLACEHOLDER);
            if echoing_requested {
                headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, PLACEHOLDER);
            }
            headers.insert(VARY, vary.clone());
            headers.insert(ACCESS_CONTROL_ALLOW_METHODS, allow_methods.clone());
            headers.insert(ACCESS_CONTROL_MAX_AGE, max_age.clone());
            if credentials {
                headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
            }
            headers
        };
        PreflightHeaders {
            echoing_requested: headers(true),
            no_requested: headers(false),
        }
    }

    /// The headers of an allowed preflight from `origin` (the value to allow), echoing the
    /// requested headers if it asked for any.
    pub(crate) fn answer(&self, origin: HeaderValue, requested: Option<HeaderValue>) -> HeaderMap {
        let mut headers = match requested {
            Some(_) => self.echoing_requested.clone(),
            None => self.no_requested.clone(),
        };
        // Each value goes to the entry of its name, whatever order the map keeps; the
        // placeholders were inserted first, so with `http`'s insertion order the walk stops
        // after one or two entries, each a comparison of two standard names.
        let (mut origin, mut requested) = (Some(origin), requested);
        for (name, slot) in headers.iter_mut() {
            if name == ACCESS_CONTROL_ALLOW_ORIGIN {
                *slot = origin.take().unwrap_or(PLACEHOLDER);
            } else if name == ACCESS_CONTROL_ALLOW_HEADERS {
                *slot = requested.take().unwrap_or(PLACEHOLDER);
            }
            if origin.is_none() && requested.is_none() {
                break;
            }
        }
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_values_land_in_their_headers() {
        let built = PreflightHeaders::build(
            HeaderValue::from_static("GET, PUT"),
            HeaderValue::from_static("600"),
            true,
            false,
        );
        let origin = HeaderValue::from_static("https://a.example");
        let asked = built.answer(origin.clone(), Some(HeaderValue::from_static("x-a, x-b")));
        assert_eq!(asked.len(), 6);
        assert_eq!(asked[ACCESS_CONTROL_ALLOW_ORIGIN], "https://a.example");
        assert_eq!(asked[ACCESS_CONTROL_ALLOW_HEADERS], "x-a, x-b");
        assert_eq!(asked[ACCESS_CONTROL_ALLOW_METHODS], "GET, PUT");
        assert_eq!(asked[ACCESS_CONTROL_MAX_AGE], "600");
        assert_eq!(asked[ACCESS_CONTROL_ALLOW_CREDENTIALS], "true");
        assert_eq!(asked[VARY], PREFLIGHT_VARY);
        let plain = PreflightHeaders::build(
            HeaderValue::from_static("GET"),
            HeaderValue::from_static("7200"),
            false,
            true,
        )
        .answer(origin, None);
        assert_eq!(plain.len(), 4);
        assert_eq!(plain[ACCESS_CONTROL_ALLOW_ORIGIN], "https://a.example");
        assert!(!plain.contains_key(ACCESS_CONTROL_ALLOW_HEADERS));
        assert!(!plain.contains_key(ACCESS_CONTROL_ALLOW_CREDENTIALS));
        assert_eq!(plain[VARY], PREFLIGHT_VARY_PRIVATE_NETWORK);
    }
}
