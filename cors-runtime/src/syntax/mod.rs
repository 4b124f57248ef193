//! The syntax a policy's strings must follow (origins, tokens) and the limits that the
//! checker and the decision share: each rule written once, for every front end.

mod authority;
mod error;
mod host;
mod origin;
mod own_host;
pub(crate) mod path;

pub use origin::OriginPattern;
pub(crate) use own_host::{OwnHostSyntax, parse_own_host};

/// Whether `bytes` is an HTTP token (RFC 9110 `tchar`s), the syntax of header and method names.
pub const fn is_token(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if !is_tchar(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `byte` may appear in an HTTP token.
pub const fn is_tchar(byte: u8) -> bool {
    matches!(byte,
        b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`'
        | b'|' | b'~' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
}

/// Whether `digits` is a port as browsers serialize one in an origin: 1 to 65535, without
/// leading zeros (the URL parser drops them, and leaves out a scheme's default port).
pub(crate) fn is_serialized_port(digits: &[u8]) -> bool {
    let number = digits.iter().try_fold(0u32, |number, &digit| {
        digit
            .is_ascii_digit()
            .then(|| number * 10 + u32::from(digit - b'0'))
            .filter(|&number| number <= 65535)
    });
    digits.first().is_some_and(|&first| first != b'0') && number.is_some()
}

/// Every `Origin` value a policy's patterns are ever asked about, as a regular expression: what
/// the runtime reads as a serialized origin (`null`, or a lowercase `scheme://host[:port]`);
/// anything else matches no pattern. It is wider than what browsers send (it admits trailing
/// dots, labels that start or end with `-`, empty labels), so the regex analysis, which ranges
/// over it, decides about every origin a browser can send. A test holds the runtime's parser to
/// it.
pub(crate) fn serialized_origin_regex() -> String {
    format!(r"null|{ORIGIN_SCHEME}{ORIGIN_HOST}{ORIGIN_PORT}")
}

/// The scheme of [`serialized_origin_regex`], with its `://`.
pub(crate) const ORIGIN_SCHEME: &str = r"[a-z][a-z0-9+.\-]*://";

/// The host of [`serialized_origin_regex`]: a name, or a bracketed IPv6 address.
pub(crate) const ORIGIN_HOST: &str = r"(?:[a-z0-9._\-]+|\[[0-9a-f:.]+\])";

/// The port of [`serialized_origin_regex`], if there is one (see [`is_serialized_port`]).
pub(crate) const ORIGIN_PORT: &str = r"(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?";

/// What may stand before a domain in a host of [`ORIGIN_HOST`] for the host to be the domain or
/// under it: nothing, or labels that end with a dot.
pub(crate) const SUBDOMAIN_LABELS: &str = r"(?:[a-z0-9._\-]*\.)?";

/// Methods that a CORS policy can never allow: the Fetch standard forbids them.
pub const FORBIDDEN_METHODS: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];

/// The IANA HTTP Method Registry (<https://www.iana.org/assignments/http-methods>) besides the
/// standard methods and the forbidden ones, and two common unregistered ones (caches' `PURGE`,
/// UPnP's `NOTIFY`): real extension methods, never typos.
pub(crate) const REGISTERED_METHODS: [&str; 33] = [
    "ACL",
    "BASELINE-CONTROL",
    "BIND",
    "CHECKIN",
    "CHECKOUT",
    "COPY",
    "LABEL",
    "LINK",
    "LOCK",
    "MERGE",
    "MKACTIVITY",
    "MKCALENDAR",
    "MKCOL",
    "MKREDIRECTREF",
    "MKWORKSPACE",
    "MOVE",
    "ORDERPATCH",
    "PRI",
    "PROPFIND",
    "PROPPATCH",
    "QUERY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "UNBIND",
    "UNCHECKOUT",
    "UNLINK",
    "UNLOCK",
    "UPDATE",
    "UPDATEREDIRECTREF",
    "VERSION-CONTROL",
    "PURGE",
    "NOTIFY",
];

/// Request headers that every resource accepts, as rack-cors does (CORS-safelisted names).
pub const ALWAYS_ALLOWED_HEADERS: [&str; 4] = [
    "accept",
    "accept-language",
    "content-language",
    "content-type",
];

/// The longest `Access-Control-Request-Headers` (all its lines together) a preflight may send.
/// Browsers list each header name once, so a real list is far shorter; a longer one is refused
/// without being read, which bounds the work a hostile preflight causes. 8 KiB is also nginx's
/// default limit for one header line.
pub const MAX_REQUEST_HEADERS_LENGTH: usize = 8 * 1024;

/// The methods `methods: any` stands for.
pub const ANY_METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// The default `max_age`, in seconds: Chromium's cap.
pub const DEFAULT_MAX_AGE: u32 = 7200;

/// The largest `max_age` accepted, in seconds: Firefox's cap (24 hours).
pub const MAX_MAX_AGE: u32 = 86400;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_made_of_tchars() {
        assert!(is_token(b"x-request-id") && is_token(b"PROPFIND"));
        assert!(!is_token(b"x request") && !is_token(b""));
        assert!(is_tchar(b'-') && !is_tchar(b':'));
    }

    #[test]
    fn ports_are_what_browsers_serialize() {
        for port in ["1", "80", "8080", "65535"] {
            assert!(is_serialized_port(port.as_bytes()), "{port}");
        }
        for port in [
            "", "0", "00080", "080", "65536", "99999", "123456", "8a", "-1",
        ] {
            assert!(!is_serialized_port(port.as_bytes()), "{port}");
        }
    }

    #[test]
    fn tokens_follow_rfc_9110() {
        assert!(is_token(b"x-domain-token"));
        assert!(is_token(b"PROPFIND"));
        assert!(!is_token(b""));
        assert!(!is_token(b"x token"));
        assert!(!is_token(b"x:y"));
        assert!(!is_token("é".as_bytes()));
    }
}
