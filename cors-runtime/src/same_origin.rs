//! Whether a request comes from the server's own origin: its `Origin` names the scheme, host and
//! port the request was sent to. The layer never refuses such a request itself (browsers send
//! `Origin` on same-origin `POST`s and WebSocket handshakes too).

use http::header::HOST;

use crate::origin::scheme_and_authority;
use crate::RequestHead;

/// The host and port the request was sent to come from the request target when it carries
/// them (HTTP/2's `:authority`, absolute-form), else from `Host`. The scheme is known only
/// from an absolute request target: over HTTP/1 the server cannot tell `http` from `https`
/// (a proxy may have ended TLS), so an `Origin` whose host and port match is taken as its own
/// whatever its scheme says, the port defaulting from the `Origin`'s scheme.
pub(crate) fn is_same_origin(origin: &[u8], head: &RequestHead<'_>) -> bool {
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
    let own_authority = match head.uri().authority() {
        Some(authority) => authority.as_str().as_bytes(),
        None => match head.headers().get(HOST) {
            Some(host) => host.as_bytes(),
            None => return false,
        },
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

/// `host[:port]`, the host a name or a bracketed IPv6 address.
fn split_port(authority: &[u8]) -> Option<(&[u8], Option<u16>)> {
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

    fn same(origin: &str, target: &str, host: Option<&str>) -> bool {
        let mut request = http::Request::get(target);
        if let Some(host) = host {
            request = request.header("host", host);
        }
        let request = request.body(()).unwrap();
        is_same_origin(origin.as_bytes(), &RequestHead::from(&request))
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
