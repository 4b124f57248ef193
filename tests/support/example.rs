//! The examples run as processes, as a user runs them: `cargo test` builds them beside the test
//! binaries, and each prints the address it serves on its first line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A started example, stopped when dropped, so that a failed assertion never leaves it serving.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The example `name`, as `cargo test` built it.
pub fn binary(name: &str) -> PathBuf {
    let tests = std::env::current_exe().unwrap();
    let target = tests.parent().unwrap().parent().unwrap();
    target.join("examples").join(name)
}

/// The `host:port` the example prints after `http://` on its first line of output.
pub fn banner_address(child: &mut Child) -> String {
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| c.is_whitespace() || c == '/').next())
        .unwrap_or_else(|| panic!("no address in {banner:?}"))
        .to_owned()
}

/// An example serving HTTP, started with its environment, its stderr read line by line.
pub struct Server {
    /// Stops the example when the test ends.
    _process: Running,
    stderr: Receiver<String>,
    pub address: String,
}

impl Server {
    /// `ENV... cargo run --example name`, as built by `cargo test` beside the test binaries.
    pub fn start(name: &str, environment: &[(&str, &str)]) -> Server {
        let mut child = Command::new(binary(name))
            .envs(environment.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cargo test builds examples/{name}: {error}"));
        let address = banner_address(&mut child);
        let (send, stderr) = channel();
        let lines = BufReader::new(child.stderr.take().unwrap()).lines();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Server {
            _process: Running(child),
            stderr,
            address,
        }
    }

    /// The whole response to a request written as text.
    pub fn head(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// A credentialed GET (it carries a cookie) from `origin`.
    pub fn get(&self, path: &str, origin: &str) -> String {
        self.head(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nCookie: session=1\r\nConnection: close\r\n\r\n",
            self.address
        ))
    }

    /// Whether a GET from `origin` is allowed with credentials.
    pub fn credentialed(&self, path: &str, origin: &str) -> bool {
        let response = self.get(path, origin).to_ascii_lowercase();
        response.contains(&format!("access-control-allow-origin: {origin}"))
            && response.contains("access-control-allow-credentials: true")
    }

    /// How long until a GET from `origin` is allowed with credentials (or not, as `want`
    /// says), if that happens within `within`.
    pub fn until_credentialed(
        &self,
        path: &str,
        origin: &str,
        want: bool,
        within: Duration,
    ) -> Option<Duration> {
        let start = Instant::now();
        loop {
            if self.credentialed(path, origin) == want {
                return Some(start.elapsed());
            }
            if start.elapsed() > within {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The stderr lines that arrive within `within` of each other, until one contains
    /// `needle`.
    pub fn stderr_until(&self, needle: &str, within: Duration) -> Vec<String> {
        let mut seen = Vec::new();
        while let Ok(line) = self.stderr.recv_timeout(within) {
            let found = line.contains(needle);
            seen.push(line);
            if found {
                break;
            }
        }
        seen
    }
}
