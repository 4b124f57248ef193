//! `Access-Control-Request-Headers`: a comma-separated list, checked in one pass over its bytes,
//! so that a hostile megabyte costs microseconds.

use http::header::GetAll;
use http::HeaderValue;

use crate::syntax::{is_token, ALWAYS_ALLOWED_HEADERS};
use crate::table::AllowedHeaders;

/// Checks every requested name against the allowed ones; returns the first name refused.
/// Several header lines are one list, as HTTP defines. The caller has bounded the list's length
/// (`MAX_REQUEST_HEADERS_LENGTH`), so this one pass is bounded too.
pub(crate) fn first_refused<'a>(
    lines: GetAll<'a, HeaderValue>,
    allowed: &AllowedHeaders,
) -> Option<&'a [u8]> {
    for line in lines {
        let bytes = line.as_bytes();
        let mut start = 0;
        let ends = memchr::memchr_iter(b',', bytes).chain(std::iter::once(bytes.len()));
        for end in ends {
            let name = trim_space(&bytes[start..end]);
            start = end + 1;
            if !name.is_empty() && !is_allowed(name, allowed) {
                return Some(name);
            }
        }
    }
    None
}

/// List whitespace is spaces and tabs (a `HeaderValue` cannot hold line breaks).
fn trim_space(mut name: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = name {
        name = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = name {
        name = rest;
    }
    name
}

fn is_allowed(name: &[u8], allowed: &AllowedHeaders) -> bool {
    let listed = match allowed {
        AllowedHeaders::Any => return is_token(name),
        AllowedHeaders::Listed(listed) => listed,
    };
    // Equal to an allowed name (all tokens) means a token too.
    ALWAYS_ALLOWED_HEADERS
        .iter()
        .chain(listed.iter())
        .any(|allowed| allowed.len() == name.len() && allowed.as_bytes().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::ACCESS_CONTROL_REQUEST_HEADERS as ACRH;
    use http::HeaderMap;

    fn refused(values: &[&[u8]], allowed: &AllowedHeaders) -> Option<Vec<u8>> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACRH, HeaderValue::from_bytes(value).unwrap());
        }
        first_refused(headers.get_all(ACRH), allowed).map(<[u8]>::to_vec)
    }

    const TOKEN: AllowedHeaders = AllowedHeaders::Listed(&["x-domain-token"]);

    #[test]
    fn names_are_trimmed_and_compared_without_case() {
        assert_eq!(refused(&[b" X-Domain-Token ,\tcontent-type"], &TOKEN), None);
        assert_eq!(refused(&[b"x-domain-token,,, ,"], &TOKEN), None);
        assert_eq!(refused(&[b"accept", b"x-domain-token"], &TOKEN), None);
    }

    #[test]
    fn the_first_refused_name_is_reported() {
        assert_eq!(
            refused(&[b"accept, x-other, x-third"], &TOKEN),
            Some(b"x-other".to_vec())
        );
        assert_eq!(
            refused(&[b"accept", b"authorization"], &TOKEN),
            Some(b"authorization".to_vec())
        );
        assert_eq!(
            refused(&[b"x y"], &AllowedHeaders::Any),
            Some(b"x y".to_vec())
        );
        assert_eq!(
            refused(&[b"x\xffy"], &AllowedHeaders::Any),
            Some(b"x\xffy".to_vec())
        );
        assert_eq!(refused(&[b"authorization"], &AllowedHeaders::Any), None);
    }
}
