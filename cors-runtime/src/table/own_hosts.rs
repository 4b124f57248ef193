//! The server's own hosts (`settings { hosts: [...] }`) and the host a request was sent to.
//! A DNS-rebinding page is served from the attacker's name resolved to this server, so its
//! `Origin` and `Host` agree with each other; they never name one of the server's own hosts.

use http::header::HOST;

use crate::model::head::RequestHead;
use crate::syntax::OwnHostSyntax;

/// The declared hosts, and whether a request sent to another is refused.
#[derive(Debug, Default)]
pub(crate) struct OwnHosts {
    hosts: Box<[OwnHostSyntax]>,
    pub refuse_others: bool,
}

impl OwnHosts {
    pub(crate) fn new(hosts: Vec<OwnHostSyntax>, refuse_others: bool) -> OwnHosts {
        OwnHosts {
            hosts: hosts.into(),
            refuse_others,
        }
    }

    /// Whether the request was sent to one of the server's own hosts. A request without a host
    /// (an HTTP/1.0 client) was sent to none.
    pub(crate) fn sent_to_own(&self, head: &RequestHead<'_>) -> bool {
        let Some((host, port)) = sent_to(head).and_then(split_port) else {
            return false;
        };
        // `example.com.` is `example.com`, fully qualified: the same name, resolved the same way.
        let host = host.strip_suffix(b".").unwrap_or(host);
        self.hosts.iter().any(|own| {
            let host_matches = match own.subdomains {
                false => host.eq_ignore_ascii_case(own.host.as_bytes()),
                true => {
                    host.len() > own.host.len() + 1 && {
                        let (sub, parent) = host.split_at(host.len() - own.host.len());
                        sub.ends_with(b".") && parent.eq_ignore_ascii_case(own.host.as_bytes())
                    }
                }
            };
            // `Host` leaves out the default port of the scheme, which HTTP/1 does not tell.
            let port_matches = match (own.port, port) {
                (None, _) => true,
                (Some(own), Some(port)) => own == port,
                (Some(own), None) => own == 80 || own == 443,
            };
            host_matches && port_matches
        })
    }
}

/// The authority the request was sent to: from the request target when it carries one
/// (HTTP/2's `:authority`, absolute-form), else from `Host`.
pub(crate) fn sent_to<'a>(head: &RequestHead<'a>) -> Option<&'a [u8]> {
    match head.uri().authority() {
        Some(authority) => Some(authority.as_str().as_bytes()),
        None => head.headers().get(HOST).map(|host| host.as_bytes()),
    }
}

/// `host[:port]`, the host a name or a bracketed IPv6 address.
pub(crate) fn split_port(authority: &[u8]) -> Option<(&[u8], Option<u16>)> {
    let host_end = match authority.first() {
        Some(b'[') => authority.iter().position(|&b| b == b']')? + 1,
        _ => authority
            .iter()
            .position(|&b| b == b':')
            .unwrap_or(authority.len()),
    };
    let (host, rest) = authority.split_at(host_end);
    let port = match rest {
        [] => None,
        [b':', digits @ ..] if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) => {
            Some(std::str::from_utf8(digits).ok()?.parse().ok()?)
        }
        _ => return None,
    };
    (!host.is_empty()).then_some((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_own_host;

    fn own(entries: &[&str], host: Option<&str>, target: &str) -> bool {
        let hosts = entries.iter().map(|e| parse_own_host(e).unwrap()).collect();
        let mut request = http::Request::get(target);
        if let Some(host) = host {
            request = request.header("host", host);
        }
        let request = request.body(()).unwrap();
        OwnHosts::new(hosts, false).sent_to_own(&RequestHead::from(&request))
    }

    #[test]
    fn a_request_is_sent_to_an_own_host_by_name_and_port() {
        let local = &["127.0.0.1:8000", "localhost:8000"];
        assert!(own(local, Some("127.0.0.1:8000"), "/"));
        assert!(own(local, Some("LOCALHOST:8000"), "/"));
        assert!(!own(local, Some("localhost:8001"), "/"));
        assert!(!own(local, Some("rebind.attacker.test:8000"), "/"));
        assert!(!own(local, Some("localhost"), "/"));
        assert!(!own(local, None, "/"));
        assert!(own(local, None, "http://localhost:8000/"));
        assert!(!own(
            local,
            Some("localhost:8000"),
            "http://evil.test:8000/"
        ));
        let named = &[
            "api.example.com",
            "*.tenants.example.com",
            "secure.example:443",
        ];
        assert!(own(named, Some("api.example.com"), "/"));
        assert!(own(named, Some("api.example.com:8443"), "/"));
        assert!(own(named, Some("api.example.com."), "/"));
        assert!(own(named, Some("a.tenants.example.com"), "/"));
        assert!(!own(named, Some("tenants.example.com"), "/"));
        assert!(!own(named, Some("a.tenants.example.com.evil"), "/"));
        assert!(!own(named, Some("xtenants.example.com"), "/"));
        assert!(own(named, Some("secure.example"), "/"));
        assert!(!own(named, Some("secure.example:8443"), "/"));
        assert!(!own(&[], Some("api.example.com"), "/"));
    }
}
