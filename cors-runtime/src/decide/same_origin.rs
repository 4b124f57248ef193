//! Whether a request comes from the server's own origin: it was sent to one of the server's own
//! hosts (`settings { hosts: [...] }`), and its `Origin` names the scheme, host and port it was
//! sent to. The layer never refuses such a request itself (browsers send `Origin` on
//! same-origin `POST`s and WebSocket handshakes too). Without declared hosts no request is: a
//! DNS-rebinding page's `Origin` and `Host` agree as well, on the attacker's name.

use crate::check::checked::scheme_and_authority;
use crate::model::head::RequestHead;
use crate::table::own_hosts::{OwnHosts, sent_to, split_port};

/// The host and port the request was sent to come from the request target when it carries
/// them (HTTP/2's `:authority`, absolute-form), else from `Host`. The scheme is known only
/// from an absolute request target: over HTTP/1 the server cannot tell `http` from `https`
/// (a proxy may have ended TLS), so an `Origin` whose host and port match is taken as its own
/// whatever its scheme says, the port defaulting from the `Origin`'s scheme.
pub(crate) fn is_same_origin(origin: &[u8], head: &RequestHead<'_>, own: &OwnHosts) -> bool {
    if !own.sent_to_own(head) {
        return false;
    }
    let Some((scheme, origin_authority)) = scheme_and_authority(origin) else {
        return false;
    };
    if head
        .uri()
        .scheme_str()
        .is_some_and(|own| !own.as_bytes().eq_ignore_ascii_case(scheme))
    {
        return false;
    }
    let Some(own_authority) = sent_to(head) else {
        return false;
    };
    let default_port = match scheme {
        b"http" => 80,
        b"https" => 443,
        _ => return false,
    };
    let (Some((own_host, own_port)), Some((origin_host, origin_port))) =
        (split_port(own_authority), split_port(origin_authority))
    else {
        return false;
    };
    own_host.eq_ignore_ascii_case(origin_host)
        && own_port.unwrap_or(default_port) == origin_port.unwrap_or(default_port)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(origin: &str, target: &str, host: Option<&str>) -> bool {
        let mut request = http::Request::get(target);
        if let Some(host) = host {
            request = request.header("host", host);
        }
        let request = request.body(()).unwrap();
        let head = RequestHead::from(&request);
        // The host the request was sent to is declared the server's own: these tests are
        // about the `Origin` naming it.
        let declared = crate::table::own_hosts::sent_to(&head)
            .and_then(|host| std::str::from_utf8(host).ok())
            .and_then(|host| crate::syntax::parse_own_host(&host.to_ascii_lowercase()).ok());
        let own = OwnHosts::new(declared.into_iter().collect(), false);
        is_same_origin(origin.as_bytes(), &head, &own)
    }

    #[test]
    fn host_and_port_decide_over_http1() {
        assert!(same("https://api.example", "/ws", Some("api.example")));
        assert!(same("http://api.example", "/ws", Some("api.example")));
        assert!(same("https://api.example", "/ws", Some("API.example:443")));
        assert!(same("http://127.0.0.1:8000", "/ws", Some("127.0.0.1:8000")));
        assert!(same("http://[::1]:8000", "/ws", Some("[::1]:8000")));
        assert!(!same(
            "http://127.0.0.1:3000",
            "/ws",
            Some("127.0.0.1:8000")
        ));
        assert!(!same(
            "https://api.example",
            "/ws",
            Some("api.example:8443")
        ));
        assert!(!same("https://evil.example", "/ws", Some("api.example")));
        assert!(!same(
            "https://api.example.evil",
            "/ws",
            Some("api.example")
        ));
        assert!(!same("https://api.example", "/ws", None));
        assert!(!same("null", "/ws", Some("api.example")));
        assert!(!same("https://api.example/", "/ws", Some("api.example")));
        assert!(!same("https://api.example", "/ws", Some("api.example:x")));
    }

    #[test]
    fn only_a_request_sent_to_a_declared_host_is_same_origin() {
        let request = http::Request::get("/ws")
            .header("host", "rebind.attacker.test:8000")
            .body(())
            .unwrap();
        let head = RequestHead::from(&request);
        let origin = b"http://rebind.attacker.test:8000";
        let declared = |entries: &[&str]| {
            let hosts = entries
                .iter()
                .map(|e| crate::syntax::parse_own_host(e).unwrap());
            OwnHosts::new(hosts.collect(), false)
        };
        assert!(!is_same_origin(origin, &head, &declared(&[])));
        assert!(!is_same_origin(
            origin,
            &head,
            &declared(&["localhost:8000"])
        ));
        assert!(is_same_origin(
            origin,
            &head,
            &declared(&["rebind.attacker.test"])
        ));
    }

    #[test]
    fn an_absolute_target_gives_the_scheme_and_authority() {
        assert!(same("https://api.example", "https://api.example/ws", None));
        assert!(!same("http://api.example", "https://api.example/ws", None));
        assert!(!same(
            "https://api.example",
            "https://other.example/ws",
            Some("api.example")
        ));
    }
}
