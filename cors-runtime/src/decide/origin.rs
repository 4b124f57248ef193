//! The request's `Origin`, checked to be a serialized origin before any pattern sees it.

use crate::model::head::RequestHead;
use crate::syntax::is_serialized_port;
use crate::table::Block;

/// An `Origin` header value that is a serialized origin: `null`, or `scheme://host[:port]` in the
/// lowercase form browsers send. Anything else matches no pattern at all.
#[derive(Clone, Copy)]
pub(crate) enum RequestOrigin<'a> {
    /// Not parsed: the policy has only exact origins, so only its table can accept it.
    ExactOnly(&'a [u8]),
    Null,
    Tuple {
        /// The whole origin; every byte is ASCII.
        serialized: &'a [u8],
        scheme_end: usize,
    },
}

const SCHEME: u8 = 1;
const HOST: u8 = 2;
const IPV6: u8 = 4;

/// What each byte may be part of, looked up instead of compared, as this runs per request.
static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        let lower_or_digit = b.is_ascii_lowercase() || b.is_ascii_digit();
        if lower_or_digit || b == b'+' || b == b'-' || b == b'.' {
            classes[byte] |= SCHEME;
        }
        if lower_or_digit || b == b'.' || b == b'-' || b == b'_' {
            classes[byte] |= HOST;
        }
        if b.is_ascii_digit() || (b >= b'a' && b <= b'f') || b == b':' || b == b'.' {
            classes[byte] |= IPV6;
        }
        byte += 1;
    }
    classes
};

fn run_of(bytes: &[u8], class: u8) -> usize {
    bytes
        .iter()
        .position(|&b| BYTE_CLASSES[usize::from(b)] & class == 0)
        .unwrap_or(bytes.len())
}

impl<'a> RequestOrigin<'a> {
    /// One pass over the bytes: `scheme "://" host [":" port]`, with the scheme and host in
    /// lowercase, the host a name or a bracketed IPv6 address, the port one to five digits.
    pub(crate) fn parse(bytes: &'a [u8]) -> Option<RequestOrigin<'a>> {
        if bytes == b"null" {
            return Some(RequestOrigin::Null);
        }
        if !bytes.first()?.is_ascii_lowercase() {
            return None;
        }
        let scheme_end = run_of(bytes, SCHEME);
        let authority = bytes.get(scheme_end..)?.strip_prefix(b"://")?;
        let host_end = match authority {
            [b'[', inside @ ..] => {
                let address = run_of(inside, IPV6);
                if address == 0 || inside.get(address) != Some(&b']') {
                    return None;
                }
                address + 2
            }
            _ => run_of(authority, HOST),
        };
        let port_valid = match &authority[host_end..] {
            [] => true,
            [b':', port @ ..] => is_serialized_port(port),
            _ => false,
        };
        (host_end > 0 && port_valid).then_some(RequestOrigin::Tuple {
            serialized: bytes,
            scheme_end,
        })
    }

    pub(crate) fn as_bytes(&self) -> &'a [u8] {
        match self {
            RequestOrigin::ExactOnly(bytes) => bytes,
            RequestOrigin::Null => b"null",
            RequestOrigin::Tuple { serialized, .. } => serialized,
        }
    }
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
        let listed = exact_blocks
            .iter()
            .any(|&block| usize::from(block) == index);
        if let Some(tenants) = &self.tenants {
            if !listed && tenants.accept(origin.as_bytes(), head) {
                return true;
            }
        }
        let (serialized, scheme_end) = match origin {
            RequestOrigin::ExactOnly(_) => return listed,
            RequestOrigin::Null => return self.null_origin,
            RequestOrigin::Tuple {
                serialized,
                scheme_end,
            } => (serialized, scheme_end),
        };
        if self.any_origin
            || exact_blocks
                .iter()
                .any(|&block| usize::from(block) == index)
        {
            return true;
        }
        let scheme = &serialized[..scheme_end];
        let authority = &serialized[scheme_end + 3..];
        if self
            .subdomains
            .iter()
            .any(|pattern| pattern.matches(scheme, authority))
            || self
                .any_port
                .iter()
                .any(|pattern| pattern.matches(scheme, authority))
        {
            return true;
        }
        if self.regexes.is_empty() && self.predicates.is_empty() {
            return false;
        }
        // Regexes and functions take text; the parse checked that every byte is ASCII.
        let Ok(text) = std::str::from_utf8(serialized) else {
            return false;
        };
        self.regexes.iter().any(|regex| regex.is_match(text))
            || self
                .predicates
                .iter()
                .any(|predicate| predicate(text, head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(origin: &str) -> Option<(String, String)> {
        match RequestOrigin::parse(origin.as_bytes())? {
            RequestOrigin::Tuple {
                serialized,
                scheme_end,
            } => {
                let text = std::str::from_utf8(serialized).unwrap();
                Some((
                    text[..scheme_end].to_owned(),
                    text[scheme_end + 3..].to_owned(),
                ))
            }
            RequestOrigin::Null => Some(("null".into(), String::new())),
            RequestOrigin::ExactOnly(_) => unreachable!("parse never returns ExactOnly"),
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
            "https://a.test:0",
            "https://a.test:00080",
            "https://a.test:65536",
            "https://a.test:99999",
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

    /// The regex analysis ranges over `serialized_origin_regex`: the parser must accept exactly
    /// its language. Strings near origins, from a fixed pseudo-random sequence.
    #[test]
    fn the_parser_accepts_exactly_the_analysis_model() {
        let model = regex::Regex::new(&format!(
            "^(?:{})$",
            crate::syntax::serialized_origin_regex()
        ))
        .unwrap();
        let pieces = [
            "https", "http", "://", "a", "z9", ".", "-", "_", ":", "8080", "0", "65535", "65536",
            "[", "]", "::1", "/", "A", "@", "null", "+", " ", "é",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let mut text = String::from(if next() % 4 == 0 { "" } else { "http://" });
            for _ in 0..next() % 7 {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            assert_eq!(
                RequestOrigin::parse(text.as_bytes()).is_some(),
                model.is_match(&text),
                "{text:?}"
            );
        }
    }
}
