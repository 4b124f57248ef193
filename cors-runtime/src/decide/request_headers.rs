//! `Access-Control-Request-Headers`: a comma-separated list, checked item by item, each item
//! compared only with the allowed names of its length, so that the work is bounded by the list's
//! (bounded) length times the number of allowed names.

use http::HeaderValue;

use crate::syntax::is_token;
use crate::table::AllowedHeaders;
use crate::table::short_bytes::same_bytes;

/// Checks every requested name against the allowed ones; returns the first name refused.
/// Several header lines are one list, as HTTP defines. The caller has bounded the list's length
/// (`MAX_REQUEST_HEADERS_LENGTH`), so the work is bounded too.
pub(crate) fn first_refused<'a>(
    lines: impl IntoIterator<Item = &'a HeaderValue>,
    allowed: &AllowedHeaders,
) -> Option<&'a [u8]> {
    for line in lines {
        let bytes = line.as_bytes();
        let mut start = 0;
        while start <= bytes.len() {
            let end = match written_as_listed(&bytes[start..], allowed) {
                Some(length) => start + length,
                None => {
                    let end = bytes[start..]
                        .iter()
                        .position(|&b| b == b',')
                        .map_or(bytes.len(), |comma| start + comma);
                    let name = trim_space(&bytes[start..end]);
                    if !name.is_empty() && !is_allowed(name, allowed) {
                        return Some(name);
                    }
                    end
                }
            };
            start = end + 1;
        }
    }
    None
}

/// The length of the list's first item when it is an allowed name exactly as browsers write
/// one (lowercase, no spaces) and ends the list or a comma follows: the usual case, settled by
/// one comparison per allowed name of that length, without a pass over its bytes.
fn written_as_listed(list: &[u8], allowed: &AllowedHeaders) -> Option<usize> {
    let AllowedHeaders::Listed(listed) = allowed else {
        return None;
    };
    listed.iter().map(|name| name.as_bytes()).find_map(|name| {
        let delimited = matches!(list.get(name.len()), None | Some(b','));
        let item = list.get(..name.len())?;
        (delimited && same_bytes(item, name)).then_some(name.len())
    })
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
    match allowed {
        AllowedHeaders::Any => is_token(name),
        // Equal to an allowed name (all tokens) means a token too.
        AllowedHeaders::Listed(listed) => listed.iter().any(|allowed| {
            let allowed = allowed.as_bytes();
            allowed.len() == name.len() && equals_lowercase(name, allowed)
        }),
    }
}

/// `name`, of the same length, in any case equals `lowercase`; a table lookup per byte.
fn equals_lowercase(name: &[u8], lowercase: &[u8]) -> bool {
    static LOWERCASE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut byte = 0;
        while byte < 256 {
            table[byte] = (byte as u8).to_ascii_lowercase();
            byte += 1;
        }
        table
    };
    name.iter()
        .zip(lowercase)
        .all(|(&b, &lower)| LOWERCASE[usize::from(b)] == lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderMap;
    use http::header::ACCESS_CONTROL_REQUEST_HEADERS as ACRH;

    fn refused(values: &[&[u8]], allowed: &AllowedHeaders) -> Option<Vec<u8>> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACRH, HeaderValue::from_bytes(value).unwrap());
        }
        first_refused(headers.get_all(ACRH), allowed).map(<[u8]>::to_vec)
    }

    /// As `headers: "x-domain-token"` compiles: the always-allowed names, then it.
    fn token() -> AllowedHeaders {
        let names = [
            "accept",
            "accept-language",
            "content-language",
            "content-type",
            "x-domain-token",
        ];
        AllowedHeaders::Listed(names.into_iter().map(Box::from).collect())
    }

    #[test]
    fn names_are_trimmed_and_compared_without_case() {
        assert_eq!(
            refused(&[b" X-Domain-Token ,\tcontent-type"], &token()),
            None
        );
        assert_eq!(refused(&[b"x-domain-token,,, ,"], &token()), None);
        assert_eq!(refused(&[b"accept", b"x-domain-token"], &token()), None);
        assert_eq!(refused(&[b"accept,Content-Type,accept "], &token()), None);
    }

    #[test]
    fn an_allowed_name_followed_by_more_than_a_comma_is_another_name() {
        assert_eq!(
            refused(&[b"accept,accept x"], &token()),
            Some(b"accept x".to_vec())
        );
        assert_eq!(
            refused(&[b"content-type;x"], &token()),
            Some(b"content-type;x".to_vec())
        );
        assert_eq!(
            refused(&[b"acceptx,accept"], &token()),
            Some(b"acceptx".to_vec())
        );
    }

    #[test]
    fn the_first_refused_name_is_reported() {
        assert_eq!(
            refused(&[b"accept, x-other, x-third"], &token()),
            Some(b"x-other".to_vec())
        );
        assert_eq!(
            refused(&[b"accept", b"authorization"], &token()),
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
