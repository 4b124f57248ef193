//! The parts of an origin after its scheme: no path, no userinfo, a port as browsers send it, a
//! host in canonical form. Each check returns the problem with the corrected string.

use super::error::OriginError;
use super::host::{NumericHost, dns_length_problem, is_valid_punycode_label, numeric_host};

pub(super) fn check_scheme(scheme: &str, pattern: &str) -> Result<(), OriginError> {
    let mut bytes = scheme.bytes();
    let starts_with_letter = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let valid = starts_with_letter
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    if !valid {
        return Err(OriginError::new(format!(
            "`{scheme}` is not a URL scheme: a scheme starts with a letter, as in \"https://app.example.com\""
        )));
    }
    if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(OriginError::new(
            "browsers send origins in lowercase, so this one would never match",
        )
        .suggest(pattern.to_ascii_lowercase()));
    }
    Ok(())
}

pub(super) fn origin_text(scheme: Option<&str>, authority: &str) -> String {
    match scheme {
        Some(scheme) => format!("{scheme}://{authority}"),
        None => authority.to_owned(),
    }
}

/// Returns the authority, refusing anything after it: an origin has no path, query or fragment.
pub(super) fn check_no_path<'a>(
    scheme: Option<&str>,
    rest: &'a str,
) -> Result<&'a str, OriginError> {
    let Some(end) = rest.find(['/', '?', '#']) else {
        return Ok(rest);
    };
    let authority = &rest[..end];
    let corrected = origin_text(scheme, authority);
    let tail = &rest[end..];
    let problem = if tail == "/" {
        "an origin has no trailing slash, and browsers never send one"
    } else if tail.starts_with('/') {
        "an origin has no path: browsers send only scheme, host and port"
    } else if tail.starts_with('?') {
        "an origin has no query string"
    } else {
        "an origin has no fragment"
    };
    Err(OriginError::new(problem).suggest(corrected))
}

pub(super) fn strip_userinfo<'a>(
    scheme: Option<&str>,
    authority: &'a str,
) -> Result<&'a str, OriginError> {
    match authority.rsplit_once('@') {
        Some((_, host)) => Err(OriginError::new(
            "an origin has no user name or password: browsers never send them",
        )
        .suggest(origin_text(scheme, host))),
        None => Ok(authority),
    }
}

pub(super) fn split_port(authority: &str) -> Result<(&str, Option<&str>), OriginError> {
    let port_start = match authority.strip_prefix('[') {
        Some(inside) => {
            let close = inside.find(']').ok_or_else(|| {
                OriginError::new("an IPv6 address in an origin must end with `]`")
            })?;
            let after = &inside[close + 1..];
            if after.is_empty() {
                return Ok((authority, None));
            }
            if !after.starts_with(':') {
                return Err(OriginError::new(
                    "only a `:port` may follow an IPv6 address in an origin",
                ));
            }
            close + 2
        }
        None => match authority.rfind(':') {
            Some(colon) => colon,
            None => return Ok((authority, None)),
        },
    };
    Ok((&authority[..port_start], Some(&authority[port_start + 1..])))
}

pub(super) fn check_port(
    scheme: Option<&str>,
    host: &str,
    port: Option<&str>,
) -> Result<(), OriginError> {
    let Some(port) = port else { return Ok(()) };
    let number: Option<u32> = if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
        port.parse().ok()
    } else {
        None
    };
    let Some(number) = number.filter(|n| (1..=65535).contains(n)) else {
        return Err(OriginError::new(format!(
            "`{port}` is not a port: a port is a number from 1 to 65535"
        )));
    };
    if port.starts_with('0') {
        return Err(
            OriginError::new("browsers send a port without leading zeros")
                .suggest(origin_text(scheme, &format!("{host}:{number}"))),
        );
    }
    let default_scheme = match number {
        80 => Some("http"),
        443 => Some("https"),
        _ => None,
    };
    match (scheme, default_scheme) {
        (Some(scheme), Some(default)) if scheme == default => Err(OriginError::new(format!(
            "browsers leave out the default port of {scheme}, so this origin would never match"
        ))
        .suggest(format!("{scheme}://{host}"))),
        (None, Some(default)) => Err(OriginError::new(format!(
            "port {number} is the default port of {default}, which browsers leave out; name the scheme"
        ))
        .suggest(format!("{default}://{host}"))),
        _ => Ok(()),
    }
}

pub(super) fn check_host(host: &str) -> Result<(), OriginError> {
    if let Some(inside) = host.strip_prefix('[') {
        let address = inside.strip_suffix(']').unwrap_or(inside);
        return match address.parse::<std::net::Ipv6Addr>() {
            Ok(parsed) if parsed.to_string() == address => Ok(()),
            Ok(parsed) => Err(OriginError::new(
                "browsers send IPv6 addresses in their shortest form",
            )
            .suggest(format!("[{parsed}]"))),
            Err(_) => Err(OriginError::new(format!(
                "`{address}` is not an IPv6 address"
            ))),
        };
    }
    if host.is_empty() {
        return Err(OriginError::new(
            "an origin needs a host, as in \"https://app.example.com\"",
        ));
    }
    if host.contains('*') {
        return Err(OriginError::new(
            "a wildcard may only stand first, for whole subdomains, as in \"https://*.example.com\"",
        ));
    }
    match numeric_host(host) {
        NumericHost::Domain => {}
        NumericHost::Ipv4(address) if address.to_string() == host => return Ok(()),
        NumericHost::Ipv4(address) => {
            return Err(OriginError::new(format!(
                "`{host}` ends in a number, so browsers read it as the IPv4 address {address} and send that"
            ))
            .suggest(address.to_string()))
        }
        NumericHost::Invalid => {
            return Err(OriginError::new(format!(
                "`{host}` ends in a number, so browsers read it as an IPv4 address, and it is not one: no page has this origin; write the address in four decimal parts, as in \"http://192.168.0.10\""
            )))
        }
    }
    // One trailing dot is a fully qualified name, which browsers keep in `Origin`.
    let name = host.strip_suffix('.').unwrap_or(host);
    let labels_valid = name.split('.').all(|label| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if !labels_valid {
        return Err(OriginError::new(format!(
            "`{host}` is not a host name: use letters, digits, `-` and dots between non-empty labels (punycode for other scripts)"
        )));
    }
    if let Some(problem) = dns_length_problem(host) {
        return Err(OriginError::new(problem));
    }
    if let Some(label) = name
        .split('.')
        .find(|label| !is_valid_punycode_label(label))
    {
        return Err(OriginError::new(format!(
            "`{label}` is not valid punycode (an `xn--` label must encode a name beyond ASCII), so browsers refuse this host; write the name as punycode encodes it"
        )));
    }
    Ok(())
}
