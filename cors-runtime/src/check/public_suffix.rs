//! `*.` must sit under a registrable domain: `*.github.io` or `*.co.uk` would let anyone who can
//! register a site there in. Decided by the Public Suffix List (the `psl` crate), behind the
//! default-on `psl` feature; without it, only single-label parents (`*.com`) are refused, by
//! the origin syntax itself.

/// The problem with `*{suffix}` (`suffix` is what follows the `*`: a dot, the parent domain,
/// and the port if one was written), if its parent is a public suffix. The fix's example starts
/// with `scheme` (`https://` for an origin, nothing for a host).
#[cfg(feature = "psl")]
pub(super) fn check(suffix: &str, scheme: &str) -> Option<String> {
    let parent = suffix.trim_start_matches('.');
    let parent = parent.split(':').next().unwrap_or(parent);
    let parent = parent.strip_suffix('.').unwrap_or(parent);
    match psl::suffix(parent.as_bytes()) {
        Some(public) if public.is_known() && public.as_bytes() == parent.as_bytes() => {
            Some(format!(
                "`{parent}` is a public suffix (anyone can register a site under it), so `*.{parent}` would allow strangers' sites; name your own domain, as in \"{scheme}*.yours.{parent}\""
            ))
        }
        _ => None,
    }
}

#[cfg(not(feature = "psl"))]
pub(super) fn check(_suffix: &str, _scheme: &str) -> Option<String> {
    None
}

/// The registrable domain of `host` (`example.co.uk` for `app.example.co.uk`), when the list
/// knows one: the regex probes attack it.
#[cfg(feature = "psl")]
pub(super) fn registrable_domain(host: &str) -> Option<&str> {
    psl::domain_str(host)
}

#[cfg(not(feature = "psl"))]
pub(super) fn registrable_domain(host: &str) -> Option<&str> {
    // The last two labels: right for most hosts, and only the prefix probe depends on it.
    let mut dots = host.rmatch_indices('.');
    dots.next()?;
    Some(match dots.next() {
        Some((i, _)) => &host[i + 1..],
        None => host,
    })
}
