//! A minimal HTTP/1.1 client for `verify`: one request per connection, its head read as sent,
//! so that a repeated header stays two lines and nothing is merged or fixed up on the way.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use corsage::{Example, ExampleKind};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// `http://host:port`: the only place `verify` sends requests.
pub(crate) struct Target {
    pub authority: String,
    pub base: String,
}

impl Target {
    pub(crate) fn parse(url: &str) -> Result<Target, String> {
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            format!("{url}: verify speaks plain HTTP; give the server's http:// address (behind its TLS terminator)")
        })?;
        let (authority, base) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        if authority.is_empty() {
            return Err(format!("{url}: no host"));
        }
        Ok(Target {
            authority: authority.to_owned(),
            base: base.to_owned(),
        })
    }

    /// Sends the example's request, and reads the answer's status and headers.
    pub(crate) fn send(&self, example: &Example) -> Result<(StatusCode, HeaderMap), String> {
        let request = example.request()?;
        let address = self
            .authority
            .to_socket_addrs()
            .map_err(|error| format!("{}: {error}", self.authority))?
            .next()
            .ok_or_else(|| format!("{}: no address", self.authority))?;
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))
            .map_err(|error| format!("{}: {error}", self.authority))?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
        let mut head = format!(
            "{} {}{} HTTP/1.1\r\n",
            request.method(),
            self.base,
            example.path
        );
        if !request.headers().contains_key(http::header::HOST) {
            head.push_str(&format!("host: {}\r\n", self.authority));
        }
        for (name, value) in request.headers() {
            head.push_str(&format!(
                "{name}: {}\r\n",
                value.to_str().unwrap_or_default()
            ));
        }
        if example.credentials {
            head.push_str("cookie: session=corsage-verify\r\n");
        }
        // A handshake the server accepts keeps the connection open: read only the head.
        if example.kind != ExampleKind::WebSocket {
            head.push_str("connection: close\r\n");
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .map_err(|error| format!("{}: {error}", self.authority))?;
        read_head(&mut stream).map_err(|error| format!("{}: {error}", self.authority))
    }
}

fn read_head(stream: &mut TcpStream) -> Result<(StatusCode, HeaderMap), String> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    while !bytes.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream
            .read(&mut buffer)
            .map_err(|error| error.to_string())?;
        if read == 0 {
            break;
        }
        bytes.extend_from_slice(&buffer[..read]);
    }
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("the answer has no complete head")?;
    let text = String::from_utf8_lossy(&bytes[..end]);
    let mut lines = text.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .ok_or("the answer has no status line")?;
    let mut headers = HeaderMap::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.trim().as_bytes()),
            HeaderValue::from_str(value.trim()),
        ) {
            headers.append(name, value);
        }
    }
    Ok((status, headers))
}
