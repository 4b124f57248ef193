//! What the layer adds to the inner service's response, without overriding what it set: its
//! own CORS headers stand, and our `Vary` names are merged into its `Vary` without repeating one.

use http::header::VARY;
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::table::Vary;

/// Adds our names to the response's `Vary`. With no `Vary` yet, inserts ours whole; with one
/// that already names them all, or `*`, changes nothing; otherwise rewrites the field as one
/// line with the missing names appended.
pub(crate) fn merge_vary(headers: &mut HeaderMap, ours: &Vary) {
    let Some(value) = &ours.value else {
        return;
    };
    let Some(own) = add_unless_set(headers, VARY, value.clone()) else {
        return;
    };
    let listed = |name: &str| {
        own.iter().any(|line| {
            line.as_bytes().split(|&b| b == b',').any(|item| {
                let item = item.trim_ascii();
                item == b"*" || item.eq_ignore_ascii_case(name.as_bytes())
            })
        })
    };
    let missing: Vec<&str> = ours
        .names
        .iter()
        .map(|name| &**name)
        .filter(|name| !listed(name))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut merged = Vec::new();
    for line in &own {
        if !merged.is_empty() {
            merged.extend_from_slice(b", ");
        }
        merged.extend_from_slice(line.as_bytes());
    }
    for name in missing {
        merged.extend_from_slice(b", ");
        merged.extend_from_slice(name.as_bytes());
    }
    // The bytes come from valid values and header names, so this cannot fail; if it ever did,
    // appending a line of our own is still a correct Vary.
    match HeaderValue::from_bytes(&merged) {
        Ok(merged) => {
            headers.insert(VARY, merged);
        }
        Err(_) => {
            headers.append(VARY, value.clone());
        }
    }
}

/// Adds `value` as the response's `name` unless the inner service set that header itself, and
/// then returns the lines it set, left as they were. The usual case, a header it did not set,
/// costs one insert; finding out first would cost a second look-up.
pub(crate) fn add_unless_set(
    headers: &mut HeaderMap,
    name: HeaderName,
    value: HeaderValue,
) -> Option<Vec<HeaderValue>> {
    if !headers.append(name.clone(), value) {
        return None;
    }
    // The last line is the one just appended; the others are the inner service's.
    let mut own: Vec<HeaderValue> = headers.get_all(&name).iter().cloned().collect();
    own.pop();
    let mut lines = own.iter().cloned();
    if let Some(first) = lines.next() {
        headers.insert(name.clone(), first);
    }
    for line in lines {
        headers.append(name.clone(), line);
    }
    Some(own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::ORIGIN;

    fn merged(existing: &[&'static str], names: &[&str]) -> Vec<String> {
        let mut headers = HeaderMap::new();
        for line in existing {
            headers.append(VARY, HeaderValue::from_static(line));
        }
        let ours = Vary {
            value: Some(HeaderValue::from_static("Origin")),
            names: names.iter().map(|&name| name.into()).collect(),
        };
        merge_vary(&mut headers, &ours);
        headers
            .get_all(VARY)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn inserts_when_absent_and_keeps_what_is_already_there() {
        assert_eq!(merged(&[], &["origin"]), ["Origin"]);
        assert_eq!(merged(&["origin"], &["origin"]), ["origin"]);
        assert_eq!(
            merged(&["Accept-Encoding, ORIGIN"], &["origin"]),
            ["Accept-Encoding, ORIGIN"]
        );
        assert_eq!(merged(&["*"], &["origin"]), ["*"]);
    }

    #[test]
    fn a_header_the_inner_service_set_keeps_its_lines_in_order() {
        let mut headers = HeaderMap::new();
        let own = [HeaderValue::from_static("a"), HeaderValue::from_static("b")];
        for line in &own {
            headers.append(VARY, line.clone());
        }
        let ours = HeaderValue::from_static("ours");
        assert_eq!(
            add_unless_set(&mut headers, VARY, ours.clone()),
            Some(own.to_vec())
        );
        assert_eq!(
            headers.get_all(VARY).iter().collect::<Vec<_>>(),
            own.iter().collect::<Vec<_>>()
        );
        assert_eq!(add_unless_set(&mut headers, ORIGIN, ours.clone()), None);
        assert_eq!(headers[ORIGIN], ours);
    }

    #[test]
    fn appends_missing_names_into_one_line() {
        assert_eq!(
            merged(&["accept-encoding"], &["origin"]),
            ["accept-encoding, origin"]
        );
        assert_eq!(
            merged(
                &["accept-encoding", "cookie"],
                &["origin", "cookie", "x-tenant"]
            ),
            ["accept-encoding, cookie, origin, x-tenant"]
        );
    }
}
