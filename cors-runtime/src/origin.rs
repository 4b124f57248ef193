//! The request's `Origin`, checked to be a serialized origin before any pattern sees it.

use crate::table::{Block, Subdomains};
use crate::RequestHead;

/// An `Origin` header value that is a serialized origin: `null`, or `scheme://host[:port]` in the
/// lowercase form browsers send. Anything else matches no pattern at all.
#[derive(Clone, Copy)]
pub(crate) enum RequestOrigin<'a> {
    Null,
    Tuple {
        serialized: &'a str,
        scheme: &'a str,
        authority: &'a str,
    },
}

impl<'a> RequestOrigin<'a> {
    pub(crate) fn parse(bytes: &'a [u8]) -> Option<RequestOrigin<'a>> {
        if bytes == b"null" {
            return Some(RequestOrigin::Null);
        }
        let serialized = std::str::from_utf8(bytes).ok()?;
        let (scheme, authority) = serialized.split_once("://")?;
        let scheme_valid = scheme
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
            && scheme.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')
            });
        if !scheme_valid || !authority_valid(authority.as_bytes()) {
            return None;
        }
        Some(RequestOrigin::Tuple {
            serialized,
            scheme,
            authority,
        })
    }

    pub(crate) fn as_bytes(&self) -> &'a [u8] {
        match self {
            RequestOrigin::Null => b"null",
            RequestOrigin::Tuple { serialized, .. } => serialized.as_bytes(),
        }
    }
}

/// `host[:port]`, where host is lowercase name characters or a bracketed IPv6 address, and the
/// port one to five digits.
fn authority_valid(authority: &[u8]) -> bool {
    let (host, port) = match authority.iter().rposition(|&b| b == b':' || b == b']') {
        Some(i) if authority[i] == b':' => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    };
    let host_valid = match host {
        [b'[', inside @ .., b']'] => {
            !inside.is_empty()
                && inside.iter().all(|&b| {
                    b.is_ascii_hexdigit() && !b.is_ascii_uppercase() || b == b':' || b == b'.'
                })
        }
        _ => {
            !host.is_empty()
                && host.iter().all(|&b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
                })
        }
    };
    let port_valid =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.iter().all(u8::is_ascii_digit));
    host_valid && port_valid
}

impl Block {
    /// Whether this block's origins accept `origin`; `exact_blocks` are the blocks whose exact
    /// origins list it, from the policy's table.
    pub(crate) fn accepts(
        &self,
        index: usize,
        origin: RequestOrigin<'_>,
        exact_blocks: &[u16],
        head: &RequestHead<'_>,
    ) -> bool {
        let (serialized, scheme, authority) = match origin {
            RequestOrigin::Null => return self.null_origin,
            RequestOrigin::Tuple {
                serialized,
                scheme,
                authority,
            } => (serialized, scheme, authority),
        };
        self.any_origin
            || exact_blocks
                .iter()
                .any(|&block| usize::from(block) == index)
            || self
                .subdomains
                .iter()
                .any(|pattern| pattern.matches(scheme, authority))
            || self.regexes.iter().any(|regex| regex.is_match(serialized))
            || self
                .predicates
                .iter()
                .any(|predicate| predicate(serialized, head))
    }
}

impl Subdomains {
    fn matches(&self, scheme: &str, authority: &str) -> bool {
        let scheme_matches = match self.scheme {
            Some(required) => scheme == required,
            None => scheme == "http" || scheme == "https",
        };
        let Some(subdomain) = authority.strip_suffix(self.suffix) else {
            return false;
        };
        scheme_matches
            && !subdomain.is_empty()
            && subdomain
                .split('.')
                .all(|label| !label.is_empty() && !label.contains([':', '[', ']']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(origin: &str) -> Option<(String, String)> {
        match RequestOrigin::parse(origin.as_bytes())? {
            RequestOrigin::Tuple {
                scheme, authority, ..
            } => Some((scheme.to_owned(), authority.to_owned())),
            RequestOrigin::Null => Some(("null".into(), String::new())),
        }
    }

    #[test]
    fn serialized_origins_parse() {
        assert_eq!(
            tuple("https://a.test"),
            Some(("https".into(), "a.test".into()))
        );
        assert_eq!(
            tuple("http://[::1]:80"),
            Some(("http".into(), "[::1]:80".into()))
        );
        assert_eq!(tuple("null"), Some(("null".into(), String::new())));
    }

    #[test]
    fn anything_else_is_not_an_origin() {
        for origin in [
            "",
            "https://",
            "https://a.test/",
            "https://A.test",
            "HTTPS://a.test",
            "a.test",
            "https://a.test:",
            "https://a.test:123456",
            "https://u@a.test",
            "https://a test",
            "https://[::1",
            "Null",
            "https://a.test/x",
            "https://a.test?q",
        ] {
            assert!(
                RequestOrigin::parse(origin.as_bytes()).is_none(),
                "{origin:?}"
            );
        }
        assert!(RequestOrigin::parse(b"https://\xff.test").is_none());
    }

    #[test]
    fn subdomains_need_one_or_more_labels() {
        let pattern = Subdomains {
            scheme: Some("https"),
            suffix: ".example.com",
        };
        assert!(pattern.matches("https", "a.example.com"));
        assert!(pattern.matches("https", "a.b.example.com"));
        assert!(!pattern.matches("https", "example.com"));
        assert!(!pattern.matches("https", ".example.com"));
        assert!(!pattern.matches("https", "a..example.com"));
        assert!(!pattern.matches("http", "a.example.com"));
        assert!(!pattern.matches("https", "a.example.com:8443"));
        assert!(!pattern.matches("https", "evilexample.com"));
        let any_scheme = Subdomains {
            scheme: None,
            suffix: ".example.com:8443",
        };
        assert!(any_scheme.matches("http", "a.example.com:8443"));
        assert!(!any_scheme.matches("ws", "a.example.com:8443"));
    }
}
