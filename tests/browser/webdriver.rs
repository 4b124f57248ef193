//! WebKit through WebKitGTK's MiniBrowser: WebKitWebDriver speaks W3C WebDriver over HTTP, and
//! the browser draws into an Xvfb started for it (MiniBrowser has no headless mode). A minimal
//! HTTP/1.1 client over std's `TcpStream` is all it takes.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use command_fds::{CommandFdExt, FdMapping};
use serde_json::{Value, json};

const DRIVER_PORT: u16 = 4445;

pub struct WebKit {
    xvfb: Child,
    driver: Child,
    session: String,
    version: String,
}

impl WebKit {
    /// Starts Xvfb, WebKitWebDriver on it, and a MiniBrowser session; a watchdog kills all of
    /// them after `limit`.
    pub fn launch(xvfb: &str, driver: &str, limit: Duration) -> WebKit {
        // Xvfb writes the display number it found free on the descriptor given to -displayfd.
        let (mut display_reader, display_writer) = os_pipe::pipe().unwrap();
        let mut command = Command::new(xvfb);
        command
            .args([
                "-displayfd",
                "5",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .fd_mappings(vec![FdMapping {
                parent_fd: display_writer.into(),
                child_fd: 5,
            }])
            .expect("a free descriptor");
        let xvfb = command.spawn().expect("starting Xvfb");
        drop(command);
        let mut display = String::new();
        let mut byte = [0u8; 1];
        while display_reader.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
            display.push(byte[0] as char);
        }
        assert!(
            !display.is_empty(),
            "Xvfb did not say which display it took"
        );
        let driver = Command::new(driver)
            .arg(format!("--port={DRIVER_PORT}"))
            .env("DISPLAY", format!(":{display}"))
            .env("NO_AT_BRIDGE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting WebKitWebDriver");
        for pid in [xvfb.id(), driver.id()] {
            std::thread::spawn(move || {
                std::thread::sleep(limit);
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            });
        }
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "WebKitWebDriver did not listen within 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities =
            json!({ "capabilities": { "alwaysMatch": { "browserName": "MiniBrowser" } } });
        let created = request("POST", "/session", Some(&capabilities));
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebKit session: {created}"))
            .to_owned();
        let version = format!(
            "WebKitGTK/{}",
            created["value"]["capabilities"]["browserVersion"]
                .as_str()
                .unwrap_or("?")
        );
        WebKit {
            xvfb,
            driver,
            session,
            version,
        }
    }
}

impl super::engines::Window for WebKit {
    fn navigate(&mut self, url: &str) {
        let path = format!("/session/{}/url", self.session);
        request("POST", &path, Some(&json!({ "url": url })));
    }

    fn evaluate(&mut self, expression: &str) -> Value {
        let path = format!("/session/{}/execute/sync", self.session);
        let script = json!({ "script": format!("return {expression};"), "args": [] });
        request("POST", &path, Some(&script))["value"].clone()
    }
}

impl super::engines::Driver for WebKit {
    fn version(&mut self) -> String {
        self.version.clone()
    }

    fn page_html(&mut self, url: &str, ready: &str, limit: Duration) -> String {
        super::engines::html_when_ready(self, url, ready, limit)
    }
}

impl Drop for WebKit {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| {
            request("DELETE", &format!("/session/{}", self.session), None)
        });
        for child in [&mut self.driver, &mut self.xvfb] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One WebDriver command: the JSON reply's body. The connection closes after each.
fn request(method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", DRIVER_PORT)).expect("WebKitWebDriver");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{DRIVER_PORT}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = Vec::new();
    stream
        .read_to_end(&mut reply)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let text = String::from_utf8_lossy(&reply);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{method} {path}: no HTTP reply: {text}"));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        unchunk(body)
    } else {
        body.to_owned()
    };
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{method} {path}: {e}: {body}"))
}

/// The body of a chunked reply.
fn unchunk(mut chunked: &str) -> String {
    let mut body = String::new();
    while let Some((size, rest)) = chunked.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.push_str(&rest[..size]);
        chunked = rest[size..].trim_start_matches("\r\n");
    }
    body
}
