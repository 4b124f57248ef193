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
    /// With `Access-Control-Allow-Headers`: for a preflight that asked for headers.
    echoing_requested: Echoing,
    /// Without it: for one that asked for none.
    no_requested: Echoing,
}

/// A preflight's headers with placeholders for the echoed values, and whether the map keeps
/// the placeholders first among its values, read off the map itself when it is built (a clone
/// keeps its entries as they are). With `http`'s maps they are first (they were inserted
/// first), and two steps of the values' iterator write both; a map that ordered them otherwise
/// would be written by name.
struct Echoing {
    headers: HeaderMap,
    placeholders_first: bool,
}

impl Echoing {
    fn new(headers: HeaderMap, echoing_requested: bool) -> Echoing {
        let mut names = headers.keys();
        let origin_first = names.next() == Some(&ACCESS_CONTROL_ALLOW_ORIGIN);
        let requested_next =
            !echoing_requested || names.next() == Some(&ACCESS_CONTROL_ALLOW_HEADERS);
        Echoing {
            placeholders_first: origin_first && requested_next,
            headers,
        }
    }
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
            echoing_requested: Echoing::new(headers(true), true),
            no_requested: Echoing::new(headers(false), false),
        }
    }

    /// The headers of an allowed preflight from `origin` (the value to allow), echoing the
    /// requested headers if it asked for any.
    pub(crate) fn answer(&self, origin: HeaderValue, requested: Option<HeaderValue>) -> HeaderMap {
        let echoing = match requested {
            Some(_) => &self.echoing_requested,
            None => &self.no_requested,
        };
        let mut headers = echoing.headers.clone();
        if !echoing.placeholders_first {
            write_by_name(&mut headers, origin, requested);
            return headers;
        }
        let mut values = headers.values_mut();
        if let Some(slot) = values.next() {
            *slot = origin;
        }
        if let (Some(requested), Some(slot)) = (requested, values.next()) {
            *slot = requested;
        }
        headers
    }
}

/// The echoed values written into the entries of their names, whatever the map's order.
#[cold]
fn write_by_name(headers: &mut HeaderMap, origin: HeaderValue, requested: Option<HeaderValue>) {
    if let Some(slot) = headers.get_mut(ACCESS_CONTROL_ALLOW_ORIGIN) {
        *slot = origin;
    }
    if let (Some(requested), Some(slot)) =
        (requested, headers.get_mut(ACCESS_CONTROL_ALLOW_HEADERS))
    {
        *slot = requested;
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

    /// A map that does not keep the placeholders first is written by name.
    #[test]
    fn echoed_values_land_in_their_headers_in_any_order() {
        let mut headers = HeaderMap::new();
        headers.insert(VARY, PREFLIGHT_VARY);
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, PLACEHOLDER);
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, PLACEHOLDER);
        let echoing = Echoing::new(headers, true);
        assert!(!echoing.placeholders_first);
        let built = PreflightHeaders {
            no_requested: Echoing::new(HeaderMap::new(), false),
            echoing_requested: echoing,
        };
        let origin = HeaderValue::from_static("https://a.example");
        let asked = built.answer(origin, Some(HeaderValue::from_static("x-a")));
        assert_eq!(asked[ACCESS_CONTROL_ALLOW_ORIGIN], "https://a.example");
        assert_eq!(asked[ACCESS_CONTROL_ALLOW_HEADERS], "x-a");
        assert_eq!(asked[VARY], PREFLIGHT_VARY);
    }
}
