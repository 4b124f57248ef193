use super::{Language, cells};

#[test]
fn cells_are_every_way_strings_fall_in_and_out() {
    let a = Language::new("https://(a|b)\\.example").ok().unwrap();
    let b = Language::new("https://b\\.example|http://c\\.example")
        .ok()
        .unwrap();
    let universe = Language::new("[a-z]+://[a-z.]+").ok().unwrap();
    let found = cells(&[&a, &b], &universe, &["https://", ""]).ok().unwrap();
    let mut found: Vec<(Vec<bool>, String)> = found
        .into_iter()
        .map(|cell| (cell.members, cell.witness))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (vec![false, false], "https://a".to_owned()),
            (vec![false, true], "http://c.example".to_owned()),
            (vec![true, false], "https://a.example".to_owned()),
            (vec![true, true], "https://b.example".to_owned()),
        ]
    );
}

#[test]
fn forced_prefixes_and_suffixes_are_read_off_the_automaton() {
    let prefix = |pattern: &str| Language::new(pattern).ok().map(|l| l.forced_prefix());
    let suffix = |pattern: &str| Language::reversed(pattern).ok().map(|l| l.forced_prefix());
    assert_eq!(prefix(r"/api/.*-v1\.json").as_deref(), Some(&b"/api/"[..]));
    assert_eq!(
        suffix(r"/api/.*-v1\.json").as_deref(),
        Some(&b"nosj.1v-"[..])
    );
    assert_eq!(prefix(r"/(a|b)/x").as_deref(), Some(&b"/"[..]));
    assert_eq!(suffix(r"/(a|b)/x").as_deref(), Some(&b"x/"[..]));
    assert_eq!(prefix(r"/a(/.*)?").as_deref(), Some(&b"/a"[..]));
    assert_eq!(prefix(r".*").as_deref(), Some(&b""[..]));
}
