//! WebSocket handshakes, which CORS does not protect: on a path the policy covers, a handshake
//! from an origin the policy refuses, or from one that could not be granted credentials there
//! (a handshake carries cookies) unless the rule says the socket is public, is answered `403`
//! by the layer and never reaches the handler; the server's own origin (on a declared own host)
//! and a client without `Origin` go through. Driven by a real WebSocket client against the
//! README example's echo at `/file/at/live`, served by axum.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::routing::get;
use corsage::{Cors, cors};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Error, Message};

use crate::readme_example;

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address.to_string()
}

/// Opens a socket to `path` with this `Origin` (none for `None`), sends one message and
/// returns what came back; or the handshake's status when refused.
async fn echo(address: &str, path: &str, origin: Option<&str>) -> Result<String, u16> {
    let mut request = format!("ws://{address}{path}")
        .into_client_request()
        .unwrap();
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
    }
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut socket, _) = match tokio_tungstenite::client_async(request, stream).await {
        Ok(connected) => connected,
        Err(Error::Http(response)) => return Err(response.status().as_u16()),
        Err(other) => panic!("handshake failed: {other}"),
    };
    socket.send(Message::text("hello")).await.unwrap();
    let reply = socket.next().await.unwrap().unwrap();
    socket.close(None).await.unwrap();
    Ok(reply.into_text().unwrap().to_string())
}

#[tokio::test]
async fn listed_origins_connect_and_other_sites_are_refused() {
    let address = serve(readme_example::app()).await;
    for listed in [
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://192.168.0.7",
    ] {
        assert_eq!(
            echo(&address, "/file/at/live", Some(listed)).await,
            Ok("hello".to_owned()),
            "{listed}"
        );
    }
    for other in ["https://evil.example", "http://127.0.0.1:3002", "null"] {
        assert_eq!(
            echo(&address, "/file/at/live", Some(other)).await,
            Err(403),
            "{other}"
        );
    }
}

/// A client without `Origin` is no browser (no user's cookies to misuse): it connects. The
/// server's own origin is the server's own only where its hosts are declared, which the README
/// policy does not: there, a page claiming it is judged like any other.
#[tokio::test]
async fn clients_without_origin_connect_and_an_undeclared_own_origin_is_judged() {
    let address = serve(readme_example::app()).await;
    let own = format!("http://{address}");
    assert_eq!(echo(&address, "/file/at/live", Some(&own)).await, Err(403));
    assert_eq!(
        echo(&address, "/file/at/live", None).await,
        Ok("hello".to_owned())
    );
}

static OWN_HOSTS: Cors = cors! {
    settings { hosts: ["127.0.0.1"] }
    allow {
        origins "https://app.example.com";
        resource "/covered", credentials: true;
    }
};

/// With its hosts declared, the server's own pages connect; a DNS-rebinding page, whose
/// `Origin` and `Host` agree on the attacker's name, does not.
#[tokio::test]
async fn the_servers_own_origin_connects_and_a_rebinding_page_does_not() {
    let reached = Arc::new(AtomicUsize::new(0));
    let address = serve(counting_app(OWN_HOSTS, reached.clone())).await;
    let own = format!("http://{address}");
    assert_eq!(
        echo(&address, "/covered", Some(&own)).await,
        Ok("hello".to_owned())
    );
    let port = address.rsplit(':').next().unwrap();
    let head = format!(
        "GET /covered HTTP/1.1\r\nhost: rebind.attacker.test:{port}\r\norigin: http://rebind.attacker.test:{port}\r\ncookie: session=1\r\nconnection: upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    let response = raw_exchange(&address, &head).await;
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    assert_eq!(reached.load(Ordering::SeqCst), 1);
}

static STAR: Cors = cors! {
    settings { debug_header: true }
    allow {
        origins "*";
        resource "/star";
        resource "/public", public_socket: true;
    }
    allow {
        origins "https://*.example.org";
        resource "/wildcard";
    }
    unsafe allow "partners" {
        origins "https://*.example.net";
        resource "/acknowledged";
    }
};

/// A handshake carries the user's cookies, and the page then reads and writes the socket: on a
/// path a `"*"` block covers (no credentials can be granted there), no site's page connects,
/// unless the rule says the socket is public; nor through an origin that needs `unsafe`.
#[tokio::test]
async fn a_star_rule_opens_no_socket_unless_it_says_the_socket_is_public() {
    let reached = Arc::new(AtomicUsize::new(0));
    let app = Router::new()
        .route("/star", get(socket_handler(reached.clone())))
        .route("/public", get(socket_handler(reached.clone())))
        .layer(STAR);
    let address = serve(app).await;
    let head = format!(
        "GET /star HTTP/1.1\r\nhost: {address}\r\norigin: https://any.example\r\ncookie: session=1\r\nconnection: upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    let response = raw_exchange(&address, &head).await;
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    assert!(
        response
            .contains("x-corsage-decision: websocket socket-needs-credentials; rule=0.0; blocked"),
        "{response}"
    );
    assert_eq!(reached.load(Ordering::SeqCst), 0);
    assert_eq!(
        echo(&address, "/public", Some("https://any.example")).await,
        Ok("hello".to_owned())
    );
    // An unacknowledged wildcard could not be granted credentials: no socket; acknowledged
    // with `unsafe allow`, it could, and opens one.
    let wildcard = STAR
        .probe("GET /wildcard")
        .origin("https://a.example.org")
        .header("upgrade", "websocket");
    wildcard.decide(|decision| {
        assert_eq!(
            decision.summary(),
            "websocket socket-needs-credentials; rule=1.0; blocked"
        )
    });
    let acknowledged = STAR
        .probe("GET /acknowledged")
        .origin("https://a.example.net")
        .header("upgrade", "websocket");
    acknowledged.decide(|decision| assert_eq!(decision.summary(), "actual allowed; rule=2.0"));
    // A plain GET on the `"*"` path is a CORS request like any other: allowed.
    STAR.probe("GET /star")
        .origin("https://any.example")
        .decide(|decision| assert_eq!(decision.summary(), "actual allowed; rule=0.0"));
}

fn socket_handler(
    reached: Arc<AtomicUsize>,
) -> impl Fn(WebSocketUpgrade) -> std::future::Ready<axum::response::Response> + Clone {
    move |upgrade: WebSocketUpgrade| {
        reached.fetch_add(1, Ordering::SeqCst);
        std::future::ready(upgrade.on_upgrade(readme_example::echo))
    }
}

static SOCKETS: Cors = cors! {
    settings { debug_header: true }
    allow {
        origins "https://app.example.com";
        resource "/covered", credentials: true;
        resource "/maybe", credentials: true, if: |request| request.uri().query() == Some("on");
    }
};

/// A socket that counts the handshakes that reached it.
fn counting_app(cors: Cors, reached: Arc<AtomicUsize>) -> Router {
    let handler = move |upgrade: WebSocketUpgrade| {
        reached.fetch_add(1, Ordering::SeqCst);
        async move { upgrade.on_upgrade(readme_example::echo) }
    };
    Router::new()
        .route("/covered", get(handler.clone()))
        .route("/maybe", get(handler.clone()))
        .route("/uncovered", get(handler))
        .layer(cors)
}

#[tokio::test]
async fn a_refused_handshake_never_reaches_the_handler_and_says_why() {
    let reached = Arc::new(AtomicUsize::new(0));
    let address = serve(counting_app(SOCKETS, reached.clone())).await;
    assert_eq!(
        echo(&address, "/covered", Some("https://evil.example")).await,
        Err(403)
    );
    // An `if:` that is false refuses like an unlisted origin.
    assert_eq!(
        echo(&address, "/maybe?off", Some("https://app.example.com")).await,
        Err(403)
    );
    assert_eq!(reached.load(Ordering::SeqCst), 0);
    assert_eq!(
        echo(&address, "/maybe?on", Some("https://app.example.com")).await,
        Ok("hello".to_owned())
    );
    // A path no resource covers is not the policy's to guard.
    assert_eq!(
        echo(&address, "/uncovered", Some("https://evil.example")).await,
        Ok("hello".to_owned())
    );
    assert_eq!(reached.load(Ordering::SeqCst), 2);

    let head = format!(
        "GET /covered HTTP/1.1\r\nhost: {address}\r\norigin: https://evil.example\r\nconnection: upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    let response = raw_exchange(&address, &head).await;
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
    assert!(
        response.contains("x-corsage-decision: websocket origin-refused; blocked"),
        "{response}"
    );
    assert!(!response.contains("access-control-"), "{response}");
}

/// Sends a request head as written and returns the response head.
async fn raw_exchange(address: &str, head: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut response = vec![0; 4096];
    let read = stream.read(&mut response).await.unwrap();
    String::from_utf8_lossy(&response[..read]).into_owned()
}
