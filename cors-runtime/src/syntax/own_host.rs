//! A server's own host, as `settings { hosts: [...] }` names it: what requests carry in `Host`
//! (or HTTP/2's `:authority`), a host and, optionally, a port; `*.` before a domain for its
//! subdomains. The host follows the rules of an origin's host.

use super::authority::{check_host, split_port};
use super::error::OriginError;
use super::is_serialized_port;
use super::origin::check_wildcard_parent;

/// A host entry in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OwnHostSyntax {
    /// `*.example.com`: any subdomain of `host`, not `host` itself.
    pub subdomains: bool,
    /// Lowercase, without a trailing dot; an IPv6 address in brackets.
    pub host: String,
    /// `None`: any port.
    pub port: Option<u16>,
}

pub(crate) fn parse_own_host(entry: &str) -> Result<OwnHostSyntax, OriginError> {
    if let Some((_, rest)) = entry.split_once("://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return Err(OriginError::new(
            "a host has no scheme: requests name the host and port alone",
        )
        .suggest(host.to_owned()));
    }
    if let Some(end) = entry.find(['/', '?', '#']) {
        return Err(
            OriginError::new("a host has no path: requests name the host and port alone")
                .suggest(entry[..end].to_owned()),
        );
    }
    if entry.is_empty() {
        return Err(OriginError::new(
            "a host cannot be empty; write the name requests are sent to, such as \"api.example.com\"",
        ));
    }
    if entry == "*" {
        return Err(OriginError::new(
            "`*` would make every host the server's own, which is what a DNS-rebinding page needs; list the names the server answers to, such as \"api.example.com\" or \"localhost:8000\"",
        ));
    }
    if entry.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(OriginError::new(
            "browsers send hosts in lowercase, so this one would never match",
        )
        .suggest(entry.to_ascii_lowercase()));
    }
    let (host, port) = split_port(entry)?;
    let port = match port {
        None => None,
        Some(digits) if is_serialized_port(digits.as_bytes()) => digits.parse().ok(),
        Some(digits) => {
            return Err(OriginError::new(format!(
                "`{digits}` is not a port: a port is a number from 1 to 65535, without leading zeros"
            )));
        }
    };
    let (subdomains, name) = match host.strip_prefix("*.") {
        Some(parent) => {
            check_wildcard_parent(parent)?;
            (true, parent)
        }
        None => (false, host),
    };
    check_host(name)?;
    Ok(OwnHostSyntax {
        subdomains,
        host: name.strip_suffix('.').unwrap_or(name).to_owned(),
        port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_as_requests_name_them() {
        let parsed = |entry: &str| parse_own_host(entry).map_err(|e| e.to_string());
        let host = |subdomains, host: &str, port| OwnHostSyntax {
            subdomains,
            host: host.to_owned(),
            port,
        };
        assert_eq!(
            parsed("api.example.com"),
            Ok(host(false, "api.example.com", None))
        );
        assert_eq!(
            parsed("localhost:8000"),
            Ok(host(false, "localhost", Some(8000)))
        );
        assert_eq!(parsed("[::1]:8000"), Ok(host(false, "[::1]", Some(8000))));
        assert_eq!(parsed("*.example.com"), Ok(host(true, "example.com", None)));
        assert_eq!(parsed("example.com."), Ok(host(false, "example.com", None)));
        for (entry, problem) in [
            (
                "http://localhost:8000/",
                "a host has no scheme: requests name the host and port alone; write \"localhost:8000\"",
            ),
            (
                "localhost:8000/mcp",
                "a host has no path: requests name the host and port alone; write \"localhost:8000\"",
            ),
            ("*", "`*` would make every host the server's own"),
            (
                "API.example.com",
                "browsers send hosts in lowercase, so this one would never match; write \"api.example.com\"",
            ),
            ("localhost:0", "`0` is not a port"),
            ("localhost:080", "`080` is not a port"),
            ("*.com", "`*.com` would allow every site under `com`"),
            (
                "127.1",
                "`127.1` ends in a number, so browsers read it as the IPv4 address 127.0.0.1",
            ),
            ("a..b", "`a..b` is not a host name"),
            ("", "a host cannot be empty"),
        ] {
            let error = parsed(entry).unwrap_err();
            assert!(error.starts_with(problem), "{entry}: {error}");
        }
    }
}
