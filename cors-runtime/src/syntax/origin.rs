//! Origin patterns as written in a policy: checked, and put in canonical form, with the
//! corrected string when there is one.

use super::authority::{
    check_host, check_no_path, check_port, check_scheme, origin_text, split_port, strip_userinfo,
};
use super::error::OriginError;
use super::host::{NumericHost, numeric_host};

/// Who can serve a plain-http origin's host.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    Loopback,
    PrivateNetwork,
    Internet,
}

/// An origin pattern as written in a policy, checked and put in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginPattern {
    /// `"*"`: any origin, answered with `Access-Control-Allow-Origin: *`.
    Any,
    /// `"null"`: the opaque origin of sandboxed frames and `file:` pages.
    Null,
    /// `"https://app.example.com"`: exactly this serialized origin.
    Exact(String),
    /// `"localhost:3000"`: this host and port over `http` or `https`.
    AnyScheme(String),
    /// `"http://localhost:*"`: this development host on any port (loopback and
    /// private-network hosts only).
    AnyPort {
        /// The scheme required, or `None` for `http` and `https` alike.
        scheme: Option<String>,
        /// The host, as written.
        host: String,
    },
    /// `"https://*.example.com"`: any subdomain (one or more labels) of `suffix`.
    Subdomains {
        /// The scheme required, or `None` for `http` and `https` alike.
        scheme: Option<String>,
        /// What follows the `*`: a dot, the parent domain, and the port if one was written.
        suffix: String,
    },
}

impl OriginPattern {
    /// Checks one origin pattern as written in a policy.
    pub fn parse(pattern: &str) -> Result<OriginPattern, OriginError> {
        let mut error = match OriginPattern::parse_once(pattern) {
            Ok(parsed) => return Ok(parsed),
            Err(error) => error,
        };
        // A suggestion fixes the first problem found; fix the rest too, so that what the
        // message says to write is accepted.
        for _ in 0..4 {
            let Some(suggestion) = error.suggestion().map(str::to_owned) else {
                break;
            };
            match OriginPattern::parse_once(&suggestion) {
                Ok(_) => break,
                Err(next) => match next.suggestion() {
                    Some(better) if better != suggestion => error = error.suggest(better),
                    _ => {
                        error = error.without_suggestion();
                        break;
                    }
                },
            }
        }
        Err(error)
    }

    fn parse_once(pattern: &str) -> Result<OriginPattern, OriginError> {
        match pattern {
            "*" => return Ok(OriginPattern::Any),
            "null" => return Ok(OriginPattern::Null),
            "" => {
                return Err(OriginError::new(
                    "an origin cannot be empty: name one, as in \"https://app.example.com\"",
                ));
            }
            _ => {}
        }
        if pattern
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(
                OriginError::new("an origin cannot contain spaces or control characters")
                    .suggest(pattern.split_whitespace().collect::<String>()),
            );
        }
        if pattern.eq_ignore_ascii_case("null") {
            return Err(OriginError::new("the opaque origin is spelt in lowercase").suggest("null"));
        }
        let (scheme, rest) = match pattern.split_once("://") {
            Some((scheme, rest)) => (Some(scheme), rest),
            None => (None, pattern),
        };
        if let Some(scheme) = scheme {
            check_scheme(scheme, pattern)?;
            if scheme == "file" {
                return Err(OriginError::new(
                    "browsers send the origin `null` for file: pages, never a file:// origin",
                )
                .suggest("null"));
            }
            // A WebSocket handshake carries the origin of the page that opened it.
            let page_scheme = match scheme {
                "ws" => Some("http"),
                "wss" => Some("https"),
                _ => None,
            };
            if let Some(page_scheme) = page_scheme {
                return Err(OriginError::new(format!(
                    "browsers send the origin of the page, never a {scheme}:// origin (a WebSocket opened by an {page_scheme} page sends {page_scheme}://...)"
                ))
                .suggest(format!("{page_scheme}://{rest}")));
            }
        }
        let authority = check_no_path(scheme, rest)?;
        let authority = strip_userinfo(scheme, authority)?;
        if authority.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(OriginError::new(
                "browsers send origins in lowercase, so this one would never match",
            )
            .suggest(pattern.to_ascii_lowercase()));
        }
        let (host, port) = split_port(authority)?;
        if port == Some("*") {
            return any_port(scheme, host);
        }
        check_port(scheme, host, port)?;
        let wildcard = host.strip_prefix("*.");
        if let Some(parent) = wildcard {
            check_wildcard_parent(parent)?;
        }
        check_host(wildcard.unwrap_or(host)).map_err(|error| {
            error.map_suggestion(|corrected_host| {
                let authority = match port {
                    Some(port) => format!("{corrected_host}:{port}"),
                    None => corrected_host.to_owned(),
                };
                origin_text(scheme, &authority)
            })
        })?;
        if wildcard.is_some() {
            let suffix = &authority[1..];
            return Ok(OriginPattern::Subdomains {
                scheme: scheme.map(str::to_owned),
                suffix: suffix.to_owned(),
            });
        }
        match scheme {
            Some(_) => Ok(OriginPattern::Exact(pattern.to_owned())),
            None => Ok(OriginPattern::AnyScheme(pattern.to_owned())),
        }
    }

    /// The host of a plain-http origin that is neither loopback nor a private-network address
    /// literal (a development machine or LAN): credentials with such an origin need
    /// `unsafe allow`, as anyone on the network path can impersonate it.
    pub fn insecure_http_host(&self) -> Option<String> {
        let (host, reach) = self.plain_http()?;
        (reach == Reach::Internet).then(|| host.to_owned())
    }

    /// The host of a plain-http origin that is a private-network address literal
    /// (`192.168.1.10`, `10.0.0.5`, `fd00::1`): safe on the developer's own network, but such
    /// addresses are reused on every café and office network, where whoever holds one can
    /// impersonate it.
    pub fn private_network_host(&self) -> Option<String> {
        let (host, reach) = self.plain_http()?;
        (reach == Reach::PrivateNetwork).then(|| host.to_owned())
    }

    /// The host of a plain-http origin, and who can reach it.
    fn plain_http(&self) -> Option<(&str, Reach)> {
        let host_and_port = match self {
            OriginPattern::Exact(origin) => origin.strip_prefix("http://")?,
            OriginPattern::AnyScheme(host) => host.as_str(),
            OriginPattern::AnyPort { scheme, host } if scheme.as_deref() != Some("https") => {
                host.as_str()
            }
            _ => return None,
        };
        let host = bare_host(host_and_port);
        Some((host, reach(host)))
    }

    /// The serialized origins this pattern stands for exactly, if it is an exact pattern.
    pub fn exact_origins(&self) -> Vec<String> {
        match self {
            OriginPattern::Exact(origin) => vec![origin.clone()],
            OriginPattern::AnyScheme(host) => {
                vec![format!("http://{host}"), format!("https://{host}")]
            }
            _ => Vec::new(),
        }
    }
}

/// What may follow `*.`: a domain with a parent of its own (`*.com` would be every site), or
/// `localhost`, whose every subdomain is the user's own machine. An IP address has no subdomains.
pub(super) fn check_wildcard_parent(parent: &str) -> Result<(), OriginError> {
    let name = parent.strip_suffix('.').unwrap_or(parent);
    if parent.starts_with('[') || numeric_host(parent) != NumericHost::Domain {
        return Err(OriginError::new(format!(
            "`{parent}` is (part of) an IP address, which has no subdomains, so `*.{parent}` matches no origin a browser sends; list the addresses, as in \"http://192.168.0.10:3000\""
        )));
    }
    if !name.contains('.') && name != "localhost" {
        return Err(OriginError::new(format!(
            "`*.{parent}` would allow every site under `{parent}`; put the wildcard under a domain of yours, as in \"https://*.example.{parent}\""
        )));
    }
    Ok(())
}

/// `host:*`, for development hosts only: anyone can open a page on any port of a public host, so a
/// port wildcard there would be a wildcard on its owners' every service.
fn any_port(scheme: Option<&str>, host: &str) -> Result<OriginPattern, OriginError> {
    check_host(host).map_err(|error| {
        error.map_suggestion(|corrected_host| origin_text(scheme, &format!("{corrected_host}:*")))
    })?;
    if host.starts_with("*.") || reach(bare_host(host)) == Reach::Internet {
        return Err(OriginError::new(format!(
            "a port wildcard `:*` is for development hosts (localhost, loopback and private-network addresses), and `{host}` is not one; list its ports"
        )));
    }
    Ok(OriginPattern::AnyPort {
        scheme: scheme.map(str::to_owned),
        host: host.to_owned(),
    })
}

/// The host of `host[:port]` or `[v6][:port]`, without brackets or port.
fn bare_host(host_and_port: &str) -> &str {
    match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_and_port.split(':').next().unwrap_or_default(),
    }
}

/// Who can serve `host`: only the user's machine, the user's network, or anyone.
fn reach(host: &str) -> Reach {
    let host = host.strip_suffix('.').unwrap_or(host);
    match host.parse::<std::net::IpAddr>() {
        _ if host == "localhost" || host.ends_with(".localhost") => Reach::Loopback,
        Ok(ip) if ip.is_loopback() => Reach::Loopback,
        Ok(std::net::IpAddr::V4(ip)) if ip.is_private() => Reach::PrivateNetwork,
        Ok(std::net::IpAddr::V6(ip)) if (ip.segments()[0] & 0xfe00) == 0xfc00 => {
            Reach::PrivateNetwork
        }
        _ => Reach::Internet,
    }
}

#[cfg(test)]
mod tests;
