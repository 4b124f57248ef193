//! Merging our `Vary` names into the one the inner service set, without repeating a name.

use http::header::{Entry, OccupiedEntry, VARY};
use http::{HeaderMap, HeaderValue};

use crate::table::Vary;

/// Adds our names to the response's `Vary`. With no `Vary` yet, inserts ours whole; with one
/// that already names them all, or `*`, changes nothing; otherwise rewrites the field as one
/// line with the missing names appended.
pub(crate) fn merge_vary(headers: &mut HeaderMap, ours: &Vary) {
    let Some(value) = &ours.value else {
        return;
    };
    let mut entry = match headers.entry(VARY) {
        Entry::Vacant(entry) => {
            entry.insert(value.clone());
            return;
        }
        Entry::Occupied(entry) => entry,
    };
    let listed = |entry: &OccupiedEntry<'_, HeaderValue>, name: &str| {
        entry.iter().any(|line| {
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
        .filter(|name| !listed(&entry, name))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut merged = Vec::new();
    for line in entry.iter() {
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
        Ok(value) => {
            entry.insert(value);
        }
        Err(_) => entry.append(value.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
